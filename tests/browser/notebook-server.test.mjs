// `jupyter notebook` (Notebook 7, from the project's .venv) on 127.0.0.1 with the `java` kernel: opens a copy of
// notebook.ipynb in headless Chromium, runs its first cells with Shift+Enter, and waits for their output to appear.
// Screenshot: test-output/screenshots/notebook-server.png.
//   JUPYTER=.venv/bin/jupyter node notebook-server.test.mjs        (tests/browser/run.sh notebook-server)
import { spawn } from 'node:child_process';
import { mkdtempSync, cpSync, symlinkSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { launchBrowser, freePort, waitFor } from './lab-helpers.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const shots = join(root, 'test-output', 'screenshots');
mkdirSync(shots, { recursive: true });

// a scratch project: the notebook copy and a link to lib/, so the committed notebook is never touched
const work = mkdtempSync(join(tmpdir(), 'nb-server-'));
cpSync(join(root, 'notebook.ipynb'), join(work, 'notebook.ipynb'));
symlinkSync(join(root, 'lib'), join(work, 'lib'));

const port = await freePort();
const token = randomBytes(16).toString('hex');
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.env.JUPYTER || 'jupyter', ['notebook', '--no-browser', '--allow-root', '--ip=127.0.0.1',
  `--port=${port}`, `--ServerApp.root_dir=${work}`, `--IdentityProvider.token=${token}`, '--ServerApp.password='],
  { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, STUDY_QUICK: '1' } });
let serverLog = '';
server.stderr.on('data', (d) => { serverLog += d; });

let failed = false;
const browser = await launchBrowser();
try {
  await waitFor(`${base}/api/status?token=${token}`, 60000);
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(`${base}/notebooks/notebook.ipynb?token=${token}`);
  await page.locator('.jp-NotebookPanel .jp-Notebook').waitFor({ timeout: 60000 });
  await page.locator('.jp-NotebookPanel-toolbar .jp-Toolbar-kernelName', { hasText: 'Java (mnist-study kernel)' })
    .waitFor({ timeout: 60000 });
  await page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').waitFor({ timeout: 90000 });
  await page.locator('.jp-Cell').first().click();
  await page.keyboard.press('Escape');
  for (let i = 0; i < 4; i++) { // title, set-up cell, the baseline's prose, the baseline's definition and summary()
    await page.keyboard.press('Shift+Enter');
  }
  const output = page.locator('.jp-OutputArea-output', { hasText: 'quick mode — train 5000x28x28' });
  await output.first().waitFor({ timeout: 120000 });
  console.log('output seen:', (await output.first().innerText()).trim());
  const summary = page.locator('.jp-OutputArea-output', { hasText: 'Trained by: fused engine' });
  await summary.first().waitFor({ timeout: 60000 });
  console.log('summary seen:', (await summary.first().innerText()).trim().split('\n').slice(-1)[0]);
  await page.screenshot({ path: join(shots, 'notebook-server.png'), fullPage: false });
  console.log('notebook server: 1 passed, 0 failed');
} catch (e) {
  failed = true;
  console.error('notebook server test failed:', e.message, '\nserver log tail:', serverLog.slice(-2000));
  console.log('notebook server: 0 passed, 1 failed');
} finally {
  await browser.close();
  await fetch(`${base}/api/shutdown?token=${token}`, { method: 'POST' }).catch(() => {});
  await new Promise((r) => { const t = setTimeout(() => { server.kill('SIGTERM'); r(); }, 10000); server.on('exit', () => { clearTimeout(t); r(); }); });
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
