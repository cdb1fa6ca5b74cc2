// Diagnostic (not part of the test suite): opens a scratch copy of notebook.ipynb in JupyterLab (--debug), chooses
// "Java (mnist-study kernel)" again in the kernel dialog and prints, with seconds since the page was opened, the
// server's nudge/websocket log lines and the page's kernel websockets (opened, kernel_info/execute requests and
// replies). With RUN_ALL=1 it clicks Run All as soon as the status bar shows the kernel and prints the prompts: the
// execute_requests go out on the old kernel's websocket and are lost, ~2 s before the new kernel is connected.
//   RUN_ALL=1 JUPYTER=/venv/bin/jupyter JUPYTER_DATA_DIR=<dir with kernels/java> node probe-kernel-change.mjs [seconds]
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import net from 'node:net';

const root = resolve(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'jlab-probe-'));
cpSync(join(root, 'notebook.ipynb'), join(work, 'notebook.ipynb'));
const port = await new Promise((ok) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => ok(p)); }); });
const token = 'probe' + Date.now();
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.env.JUPYTER || 'jupyter', ['lab', '--no-browser', '--allow-root', '--ip=127.0.0.1', `--port=${port}`,
  `--ServerApp.root_dir=${work}`, `--IdentityProvider.token=${token}`, '--LabApp.news_url=', '--debug'],
  { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, STUDY_QUICK: '1', DISPLAY: ':99' } });
let t0 = Date.now();
const el = () => ((Date.now() - t0) / 1000).toFixed(2);
server.stderr.on('data', (d) => { for (const l of String(d).split('\n')) if (l.trim() && !/^\[D /.test(l) && !/^\s/.test(l.slice(0,1))) console.log(`[${el()}] server: ${l.slice(0, 300)}`); else if (/Nudge|Timeout|kernel_info|Kernel started|Connecting to|Opening websocket|Websocket closed/.test(l)) console.log(`[${el()}] server: ${l.slice(0, 200)}`); });
for (let i = 0; i < 200; i++) { try { if ((await fetch(`${base}/api/status?token=${token}`)).ok) break; } catch {} await new Promise((r) => setTimeout(r, 300)); }
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
const page = await browser.newPage();
page.on('websocket', (ws) => {
  console.log(`[${el()}] page: websocket ${ws.url().replace(/token=[^&]*/, '')}`);
  ws.on('framereceived', (f) => { const s = String(f.payload); const m = s.match(/"msg_type":\s*"(kernel_info_reply|status|execute_reply)"/); if (m && m[1] !== 'status') console.log(`[${el()}] page: ws received ${m[1]}`); });
  ws.on('framesent', (f) => { const s = String(f.payload); const m = s.match(/"msg_type":\s*"(\w+)"/); if (m) console.log(`[${el()}] page: ws sent ${m[1]}`); });
  ws.on('close', () => console.log(`[${el()}] page: websocket closed`));
});
t0 = Date.now();
await page.goto(`${base}/lab/tree/notebook.ipynb?reset&token=${token}`);
await page.locator('.jp-NotebookPanel:visible .jp-Toolbar-kernelName', { hasText: /Java/ }).waitFor({ timeout: 60000 });
await page.waitForTimeout(3000);
console.log(`[${el()}] page: choosing the kernel again`);
await page.locator('.jp-NotebookPanel:visible .jp-Toolbar-kernelName').click();
const dialog = page.locator('.jp-Dialog');
await dialog.waitFor({ timeout: 30000 });
const select = dialog.locator('select');
if (await select.count()) await select.selectOption({ label: 'Java (mnist-study kernel)' });
else await dialog.getByText('Java (mnist-study kernel)', { exact: true }).first().click();
await dialog.locator('.jp-Dialog-button.jp-mod-accept').click();
console.log(`[${el()}] page: kernel chosen`);
if (process.env.RUN_ALL) {
  await page.locator('.jp-StatusBar-TextItem', { hasText: 'Java (mnist-study kernel) |' }).first().waitFor({ timeout: 60000 });
  console.log(`[${el()}] page: status bar shows the kernel; Run All`);
  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
  await page.locator('.lm-Menu-itemLabel', { hasText: /^Run All Cells$/ }).click();
}
let last = '';
const end = Date.now() + Number(process.argv[2] || 90) * 1000;
while (Date.now() < end) {
  const prompts = await page.evaluate(() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt')].map((p) => p.textContent.trim()).join(' '));
  if (prompts !== last) { console.log(`[${el()}] page: prompts ${prompts}`); last = prompts; }
  await page.waitForTimeout(1000);
}
await browser.close();
server.kill('SIGTERM');
await new Promise((r) => server.on('exit', r));
rmSync(work, { recursive: true, force: true });
