// The README's open command: `bash scripts/lab.sh --no-browser` in a scratch copy of the project (its scripts,
// notebook.ipynb and a link to lib/; the project's .venv through STUDY_VENV) prints a URL; that URL, opened in
// Chromium, shows notebook.ipynb in JupyterLab with the project's kernel started and idle. Screenshot:
// test-output/screenshots/lab-command.png. The server is shut down at the end.
//   STUDY_VENV=<project>/.venv node lab-command.test.mjs        (tests/browser/run.sh lab-command)
import { spawn } from 'node:child_process';
import { mkdtempSync, cpSync, symlinkSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowser, freePort, waitUntil, panel } from './lab-helpers.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const shots = join(root, 'test-output', 'screenshots');
mkdirSync(shots, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'lab-command-'));
cpSync(join(root, 'scripts'), join(work, 'scripts'), { recursive: true });  // all of them: lab.sh sources its neighbours
cpSync(join(root, 'notebook.ipynb'), join(work, 'notebook.ipynb'));
symlinkSync(join(root, 'lib'), join(work, 'lib'));

const port = await freePort();
const lab = spawn('bash', [join(work, 'scripts', 'lab.sh'), '--no-browser', '--port', String(port)],
  { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, STUDY_QUICK: '1' }, detached: true });
let out = '';
lab.stdout.on('data', (d) => { out += d; });
lab.stderr.on('data', (d) => { out += d; });
const browser = await launchBrowser();
let ok = false;
const t0 = Date.now();
try {
  const url = await waitUntil('the URL lab.sh prints', 120000, () => (out.match(/lab: open (http:\/\/localhost:\d+\/lab\/tree\/notebook\.ipynb\?token=\w+)/) || [])[1]);
  console.log(`lab.sh printed ${url.replace(/token=\w+/, 'token=…')}`);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await waitUntil('the server', 90000, async () => { try { return (await fetch(url)).ok; } catch { return false; } }, 500);
  await page.goto(url);
  await panel(page).locator('.jp-Notebook').waitFor({ timeout: 90000 });
  const tab = await page.locator('#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel').first().innerText();
  await page.locator('.jp-StatusBar-TextItem', { hasText: 'Java (mnist-study kernel) | Idle' }).first().waitFor({ timeout: 120000 });
  const kernel = await panel(page).locator('.jp-Toolbar-kernelName').innerText();
  console.log(`tab "${tab}", kernel "${kernel.trim()}", idle after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  ok = tab.trim() === 'notebook.ipynb' && /mnist-study kernel/.test(kernel);
  const news = page.locator('.jp-toast-button', { hasText: /^No$/ });
  if (await news.count()) await news.first().click().catch(() => {});
  await page.screenshot({ path: join(shots, 'lab-command.png') });
  await fetch(url.replace(/\/lab\/tree\/notebook\.ipynb\?/, '/api/shutdown?'), { method: 'POST' }).catch(() => {});
} catch (e) {
  console.error('lab.sh test failed:', e.message, '\noutput of lab.sh:', out.slice(-3000));
  for (const p of browser.contexts().flatMap((c) => c.pages())) {
    await p.screenshot({ path: join(shots, 'lab-command-failure.png') }).catch(() => {});
  }
} finally {
  await browser.close();
  await new Promise((r) => {
    const t = setTimeout(() => { try { process.kill(-lab.pid, 'SIGTERM'); } catch { /* gone */ } r(); }, 10000);
    lab.on('exit', () => { clearTimeout(t); r(); });
  });
  rmSync(work, { recursive: true, force: true });
}
console.log(`lab.sh: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
process.exit(ok ? 0 : 1);
