// Shared by the JupyterLab browser tests: starting JupyterLab on a scratch folder, Debian's Chromium through
// Playwright, choosing a kernel through the UI and waiting for JupyterLab's connection to it, running cells.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';

export function freePort() {
  return new Promise((ok) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => ok(p)); });
  });
}

export async function waitFor(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try { if ((await fetch(url)).ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server did not answer at ${url} within ${ms} ms`);
}

export async function waitUntil(what, ms, fn, every = 250) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`${what}: not within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, every));
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Debian's Chromium (Playwright's own browser download is not reachable here)
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

// JupyterLab on 127.0.0.1 with a token, serving `rootDir`; `env` is added to this process's environment
export async function startLab({ jupyter = process.env.JUPYTER || 'jupyter', rootDir, env = {}, args = [] }) {
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(jupyter, ['lab', '--no-browser', '--allow-root', '--ip=127.0.0.1', `--port=${port}`,
    `--ServerApp.root_dir=${rootDir}`, `--IdentityProvider.token=${token}`, '--ServerApp.password=',
    '--LabApp.news_url=', '--ServerApp.disable_check_xsrf=False', ...args],
  { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  let log = '';
  server.stderr.on('data', (d) => { log += d; });
  await waitFor(`${base}/api/status?token=${token}`, 90000);
  const api = (path, opts) => fetch(`${base}${path}${path.includes('?') ? '&' : '?'}token=${token}`, opts);
  return {
    base, token, api, server,
    log: () => log,
    url: (path) => `${base}${path}${path.includes('?') ? '&' : '?'}token=${token}`,
    async closeSessions() {
      const sessions = await api('/api/sessions').then((r) => r.json());
      await Promise.all(sessions.map((s) => api(`/api/sessions/${s.id}`, { method: 'DELETE' })));
    },
    async stop() {
      await api('/api/shutdown', { method: 'POST' }).catch(() => {});
      await new Promise((r) => {
        const t = setTimeout(() => { server.kill('SIGTERM'); r(); }, 10000);
        server.on('exit', () => { clearTimeout(t); r(); });
      });
    },
  };
}

// ids of the kernels whose websocket (opened by the page) has carried a kernel_info_reply, i.e. whose connection
// JupyterLab has set up; connected.since(id, t) tells whether that happened after time t (e.g. after a restart)
export function watchKernelConnections(page) {
  const connected = new Set();
  const last = new Map();
  connected.since = (id, t) => (last.get(id) || 0) > t;
  page.on('websocket', (ws) => {
    const id = (ws.url().match(/\/api\/kernels\/([^/?]+)\/channels/) || [])[1];
    if (!id) return;
    ws.on('framereceived', (f) => {
      if (/"msg_type":\s*"kernel_info_reply"/.test(String(f.payload))) {
        connected.add(id);
        last.set(id, Date.now());
      }
    });
  });
  return connected;
}

// the kernel ({id, name, execution_state}) of the server's session for a notebook
export async function sessionKernel(lab, path) {
  const sessions = await lab.api('/api/sessions').then((r) => r.json());
  const name = path.replace(/.*\//, '');
  const s = sessions.find((x) => x.path === path || (x.notebook && x.notebook.path === path))
    || sessions.find((x) => x.type === 'notebook' && (x.path || '').includes(name));
  return s ? s.kernel : null;
}

export const panel = (page) => page.locator('.jp-NotebookPanel:visible');

// Opens `path` in JupyterLab and waits until the notebook's own kernel (from its metadata) has started
export async function openNotebook(page, lab, path) {
  await page.goto(lab.url(`/lab/tree/${path}?reset`));
  await panel(page).locator('.jp-Notebook').waitFor({ timeout: 60000 });
  // JupyterLab's first-start question about its news feed would cover part of the screenshots
  const news = page.locator('.jp-toast-button', { hasText: /^No$/ });
  if (await news.waitFor({ timeout: 3000 }).then(() => true, () => false)) await news.click().catch(() => {});
  await panel(page).locator('.jp-Toolbar-kernelName', { hasText: /Java/ }).waitFor({ timeout: 60000 });
}

// Chooses `kernel` ({name, label}) in JupyterLab's "Select Kernel" dialog (from the toolbar's kernel name) and waits
// until JupyterLab is connected to the new kernel: the toolbar shows the new name at once, but until JupyterLab has
// connected (about 2 s later) cells sent go to the old kernel's connection and are lost.
export async function chooseKernel(page, lab, connected, kernel, path) {
  const before = await waitUntil(`a session for ${path}`, 60000, () => sessionKernel(lab, path));
  await panel(page).locator('.jp-Toolbar-kernelName').click();
  const dialog = page.locator('.jp-Dialog');
  await dialog.waitFor({ timeout: 30000 });
  const select = dialog.locator('select');
  if (await select.count()) {
    await select.selectOption({ label: kernel.label });
  } else { // newer dialogs list the kernels as buttons/options
    await dialog.getByText(kernel.label, { exact: true }).first().click();
  }
  await dialog.locator('.jp-Dialog-button.jp-mod-accept').click();
  await panel(page).locator('.jp-Toolbar-kernelName', { hasText: kernel.label }).waitFor({ timeout: 60000 });
  await page.locator('.jp-StatusBar-TextItem', { hasText: `${kernel.label} |` }).first().waitFor({ timeout: 60000 });
  const after = await waitUntil(`a new ${kernel.name} kernel for ${path}`, 60000, async () => {
    const k = await sessionKernel(lab, path);
    return k && k.id !== before.id && k.name === kernel.name ? k : null;
  });
  await waitUntil(`JupyterLab's connection to kernel ${after.id}`, 90000, () => connected.has(after.id));
  return after;
}

// the prompts ("[3]:", "[*]:", "[ ]:") of the visible notebook's code cells
export function prompts(page) {
  // textContent: cells scrolled out of view are not rendered (content-visibility), and have no innerText
  return panel(page).locator('.jp-CodeCell .jp-InputArea-prompt').allTextContents()
    .then((a) => a.map((t) => t.trim()));
}

// Run -> Run All Cells, then waits until every code cell shows an execution number
export async function runAll(page, timeout = 300000) {
  for (let attempt = 0; ; attempt++) { // a menu click may be lost while the notebook is still settling
    await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
    await page.locator('.lm-Menu-itemLabel', { hasText: /^Run All Cells$/ }).click();
    const started = await waitUntil('a running cell', 20000, async () => (await prompts(page)).includes('[*]:'), 300)
      .then(() => true, () => false);
    if (started) break;
    if (attempt >= 12) throw new Error('Run All Cells did not start any cell within 4 minutes');
  }
  await waitUntil('every cell run', timeout, async () => {
    const p = await prompts(page);
    return p.length > 0 && p.every((t) => /^\[\d+\]:$/.test(t));
  }, 1000);
}
