// Starts the classic Jupyter notebook server on 127.0.0.1 with the `java` kernel, opens a copy of notebook.ipynb
// in headless Chromium, runs its first cells with Shift+Enter, and waits for their output to appear.
// Run: cd tests/browser && npm install && node notebook-server.test.mjs   (scripts/test-notebook-server.sh does it)
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, cpSync, symlinkSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import net from 'node:net';

const root = resolve(import.meta.dirname, '..', '..');
const shots = join(root, 'test-output', 'screenshots');
mkdirSync(shots, { recursive: true });

function freePort() {
  return new Promise((ok) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => ok(p)); });
  });
}

async function waitFor(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try { if ((await fetch(url)).ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server did not answer at ${url} within ${ms} ms`);
}

// a scratch project: the notebook copy and a link to lib/, so the committed notebook is never touched
const work = mkdtempSync(join(tmpdir(), 'nb-server-'));
cpSync(join(root, 'notebook.ipynb'), join(work, 'notebook.ipynb'));
symlinkSync(join(root, 'lib'), join(work, 'lib'));

const port = await freePort();
const server = spawn('jupyter', ['notebook', '--no-browser', '--allow-root', '--ip=127.0.0.1', `--port=${port}`,
  `--notebook-dir=${work}`, '--NotebookApp.token=', '--NotebookApp.password='],
  { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, STUDY_QUICK: '1' } });
let serverLog = '';
server.stderr.on('data', (d) => { serverLog += d; });

let failed = false;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  await waitFor(`http://127.0.0.1:${port}/api`, 30000);
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(`http://127.0.0.1:${port}/notebooks/notebook.ipynb`);
  await page.waitForSelector('#kernel_indicator_icon.kernel_idle_icon', { timeout: 60000 });
  await page.click('.cell >> nth=0');
  await page.keyboard.press('Escape');
  for (let i = 0; i < 4; i++) { // title, set-up cell, the baseline's prose, the baseline's definition and summary()
    await page.keyboard.press('Shift+Enter');
  }
  const output = page.locator('.output_area pre', { hasText: 'quick mode — train 5000x28x28' });
  await output.waitFor({ timeout: 120000 });
  console.log('output seen:', (await output.first().innerText()).trim());
  const summary = page.locator('.output_area', { hasText: 'Trained by: fused engine' });
  await summary.waitFor({ timeout: 60000 });
  console.log('summary seen:', (await summary.first().innerText()).trim().split('\n').slice(-1)[0]);
  await page.screenshot({ path: join(shots, 'notebook-server.png'), fullPage: false });
  console.log('notebook server: 1 passed, 0 failed');
} catch (e) {
  failed = true;
  console.error('notebook server test failed:', e.message, '\nserver log tail:', serverLog.slice(-2000));
  console.log('notebook server: 0 passed, 1 failed');
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
