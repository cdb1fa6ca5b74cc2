// JupyterLab in Chromium: starts JupyterLab (from the venv scripts/test-jupyterlab.sh prepares) on 127.0.0.1 with a
// token, opens a scratch copy of notebook.ipynb and of one task notebook, chooses the kernel through the UI (the
// bundled `java` kernel, then IJava 1.3.0 as `ijava`), runs all cells from the Run menu and checks what a reader sees:
// every chart an image that loaded, tables and the generated analysis rendered as HTML, no error or stderr output,
// no `DisplayData@`. Screenshots go to test-output/screenshots/jupyterlab-*.png; the server is shut down at the end.
//   JUPYTER=/path/to/venv/bin/jupyter node jupyterlab.test.mjs
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, cpSync, symlinkSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import net from 'node:net';

const root = resolve(import.meta.dirname, '..', '..');
const shots = join(root, 'test-output', 'screenshots');
mkdirSync(shots, { recursive: true });
const jupyter = process.env.JUPYTER || 'jupyter';
// both kernels are ready once JupyterLab has connected to the chosen kernel (see chooseKernel): no fixed wait
const KERNELS = [
  { name: 'java', label: 'Java (mnist-study kernel)' },
  { name: 'ijava', label: 'Java (IJava 1.3.0)' },
];
// notebook, minimum charts, minimum HTML tables, minimum analyses (div.study-analysis)
const NOTEBOOKS = [
  { path: 'notebook.ipynb', charts: 2, tables: 0, analyses: 1 },
  { path: 'notebooks/Task10_Weights.ipynb', charts: 5, tables: 3, analyses: 3 },
];

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

// a scratch project: copies of the notebooks and a link to lib/ (the committed notebooks are never touched)
const work = mkdtempSync(join(tmpdir(), 'jlab-'));
mkdirSync(join(work, 'notebooks'));
for (const nb of NOTEBOOKS) cpSync(join(root, nb.path), join(work, nb.path));
symlinkSync(join(root, 'lib'), join(work, 'lib'));

const port = await freePort();
const token = randomBytes(16).toString('hex');
const base = `http://127.0.0.1:${port}`;
const server = spawn(jupyter, ['lab', '--no-browser', '--allow-root', '--ip=127.0.0.1', `--port=${port}`,
  `--ServerApp.root_dir=${work}`, `--IdentityProvider.token=${token}`, '--ServerApp.password=',
  '--LabApp.news_url=', '--ServerApp.disable_check_xsrf=False'],
  // DISPLAY names an X server that does not exist: charts must still draw (headless by default)
  { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, STUDY_QUICK: '1', DISPLAY: ':99' } });
let serverLog = '';
server.stderr.on('data', (d) => { serverLog += d; });

const results = [];
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

// ids of the kernels whose websocket (opened by the page) has carried a kernel_info_reply, i.e. whose connection
// JupyterLab has set up; filled by a listener on the page
const connectedKernels = new Set();
function watchKernelConnections(page) {
  page.on('websocket', (ws) => {
    const id = (ws.url().match(/\/api\/kernels\/([^/?]+)\/channels/) || [])[1];
    if (!id) return;
    ws.on('framereceived', (f) => {
      if (/"msg_type":\s*"kernel_info_reply"/.test(String(f.payload))) connectedKernels.add(id);
    });
  });
}

// the kernel ({id, name}) of the server's session for a notebook
async function sessionKernel(path) {
  const sessions = await fetch(`${base}/api/sessions?token=${token}`).then((r) => r.json());
  const name = path.replace(/.*\//, '');
  const s = sessions.find((x) => x.path === path || (x.notebook && x.notebook.path === path))
    || sessions.find((x) => x.type === 'notebook' && (x.path || '').includes(name));
  return s ? s.kernel : null;
}

async function waitUntil(what, ms, fn) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`${what}: not within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function chooseKernel(page, kernel, path) {
  const before = await waitUntil(`a session for ${path}`, 60000, () => sessionKernel(path));
  // the kernel name in the notebook toolbar opens JupyterLab's "Select Kernel" dialog
  await page.locator('.jp-NotebookPanel:visible .jp-Toolbar-kernelName').click();
  const dialog = page.locator('.jp-Dialog');
  await dialog.waitFor({ timeout: 30000 });
  const select = dialog.locator('select');
  if (await select.count()) {
    await select.selectOption({ label: kernel.label });
  } else { // newer dialogs list the kernels as buttons/options
    await dialog.getByText(kernel.label, { exact: true }).first().click();
  }
  await dialog.locator('.jp-Dialog-button.jp-mod-accept').click();
  await page.locator('.jp-NotebookPanel:visible .jp-Toolbar-kernelName', { hasText: kernel.label })
    .waitFor({ timeout: 60000 });
  await page.locator('.jp-StatusBar-TextItem', { hasText: `${kernel.label} |` }).first().waitFor({ timeout: 60000 });
  // Choosing a kernel starts a new one (also when it is the same kernelspec) and shuts the old one down. The toolbar
  // and status bar show the new name at once, but until JupyterLab has connected to the new kernel (about 2 s later)
  // Run All sends the cells to the old kernel's connection and they are lost (the prompts go back to [ ]). So wait
  // for the new kernel in the server's session and for a kernel_info_reply on its websocket.
  const after = await waitUntil(`a new ${kernel.name} kernel for ${path}`, 60000, async () => {
    const k = await sessionKernel(path);
    return k && k.id !== before.id && k.name === kernel.name ? k : null;
  });
  await waitUntil(`JupyterLab's connection to kernel ${after.id}`, 90000, () => connectedKernels.has(after.id));
}

async function runAll(page) {
  // retry until a cell shows [*] (a menu click may be lost while the notebook is still settling)
  for (let attempt = 0; ; attempt++) {
    await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
    await page.locator('.lm-Menu-itemLabel', { hasText: /^Run All Cells$/ }).click();
    const started = await page.waitForFunction(() => {
      const panel = [...document.querySelectorAll('.jp-NotebookPanel')].find((p) => p.offsetParent !== null);
      return panel && [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
        .some((p) => p.textContent.trim() === '[*]:');
    }, null, { timeout: 20000, polling: 500 }).then(() => true, () => false);
    if (started) break;
    if (attempt >= 12) throw new Error('Run All Cells did not start any cell within 4 minutes');
  }
  // done when every code cell shows an execution number and none is queued or running ([*])
  await page.waitForFunction(() => {
    const panel = [...document.querySelectorAll('.jp-NotebookPanel')].find((p) => p.offsetParent !== null);
    if (!panel) return false;
    const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].map((p) => p.textContent.trim());
    return prompts.length > 0 && prompts.every((t) => /^\[\d+\]:$/.test(t));
  }, null, { timeout: 300000, polling: 1000 });
}

async function inspect(page) {
  return page.evaluate(async () => {
    const panel = [...document.querySelectorAll('.jp-NotebookPanel')].find((p) => p.offsetParent !== null);
    // outputs outside the viewport may be laid out lazily: bring each image into view once
    const imgs = [...panel.querySelectorAll('.jp-OutputArea-output img')];
    for (const img of imgs) { img.scrollIntoView(); await new Promise((r) => setTimeout(r, 50)); }
    await Promise.all(imgs.map((i) => (i.complete ? null : new Promise((r) => { i.onload = r; i.onerror = r; }))));
    return {
      images: imgs.length,
      loaded: imgs.filter((i) => i.complete && i.naturalWidth > 0).length,
      pngs: imgs.filter((i) => i.src.startsWith('data:image/png') || i.src.startsWith('blob:')).length,
      tables: panel.querySelectorAll('.jp-OutputArea-output table').length,
      analyses: panel.querySelectorAll('.jp-OutputArea-output .study-analysis').length,
      errors: panel.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').length,
      errorText: [...panel.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
        .map((e) => e.innerText.slice(0, 300)),
      displayData: (panel.innerText.match(/DisplayData@/g) || []).length,
      codeCells: panel.querySelectorAll('.jp-CodeCell').length,
    };
  });
}

let failed = 0;
try {
  await waitFor(`${base}/api/status?token=${token}`, 60000);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  watchKernelConnections(page);
  for (const kernel of KERNELS) {
    rmSync(join(work, 'runs'), { recursive: true, force: true }); // each kernel trains (live progress) afresh
    for (const nb of NOTEBOOKS) {
      const tag = `jupyterlab-${kernel.name}-${nb.path.replace(/.*\//, '').replace('.ipynb', '')}`;
      const t0 = Date.now();
      try {
        await page.goto(`${base}/lab/tree/${nb.path}?reset&token=${token}`);
        await page.locator('.jp-NotebookPanel:visible .jp-Notebook').waitFor({ timeout: 60000 });
        // wait until the notebook's own kernel (java, from its metadata) has started, then choose ours
        await page.locator('.jp-NotebookPanel:visible .jp-Toolbar-kernelName', { hasText: /Java/ })
          .waitFor({ timeout: 60000 });
        await chooseKernel(page, kernel, nb.path);
        console.log(`  ${kernel.name} ${nb.path}: kernel ready after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
        await runAll(page);
        const got = await inspect(page);
        const problems = [];
        if (got.loaded !== got.images || got.images < nb.charts) problems.push(`${got.loaded} of ${got.images} images loaded, ${nb.charts} charts expected`);
        if (got.tables < nb.tables) problems.push(`${got.tables} HTML tables, ${nb.tables} expected`);
        if (got.analyses < nb.analyses) problems.push(`${got.analyses} rendered analyses/tables (div.study-analysis), ${nb.analyses} expected`);
        if (got.errors) problems.push(`${got.errors} error/stderr outputs: ${got.errorText.join(' | ')}`);
        if (got.displayData) problems.push(`${got.displayData} DisplayData@ in the page`);
        await page.locator('.jp-NotebookPanel:visible .jp-OutputArea-output img').first().scrollIntoViewIfNeeded().catch(() => {});
        await page.screenshot({ path: join(shots, `${tag}.png`) });
        await page.locator('.jp-NotebookPanel:visible .jp-OutputArea-output .study-analysis').last().scrollIntoViewIfNeeded().catch(() => {});
        await page.screenshot({ path: join(shots, `${tag}-analysis.png`) });
        const line = `${kernel.name} ${nb.path}: ${got.loaded}/${got.images} images loaded, ${got.tables} tables, ` +
          `${got.analyses} analyses, ${got.errors} errors, ${got.displayData} DisplayData@ (${((Date.now() - t0) / 1000).toFixed(0)} s)`;
        console.log(line + (problems.length ? ' -> FAILED: ' + problems.join('; ') : ' -> ok'));
        if (problems.length) failed++;
        results.push({ kernel: kernel.name, notebook: nb.path, ...got, problems });
        // close the notebook and shut its kernel down before the next one
        await fetch(`${base}/api/sessions?token=${token}`).then((r) => r.json()).then((sessions) => Promise.all(
          sessions.map((s) => fetch(`${base}/api/sessions/${s.id}?token=${token}`, { method: 'DELETE' }))));
      } catch (e) {
        failed++;
        console.log(`${kernel.name} ${nb.path}: FAILED: ${e.message.split('\n')[0]}`);
        await page.screenshot({ path: join(shots, `${tag}-failure.png`) }).catch(() => {});
      }
    }
  }
} catch (e) {
  failed++;
  console.error('JupyterLab test failed:', e.message, '\nserver log tail:', serverLog.slice(-2000));
} finally {
  await browser.close();
  await fetch(`${base}/api/shutdown?token=${token}`, { method: 'POST' }).catch(() => {});
  await new Promise((r) => { const t = setTimeout(() => { server.kill('SIGTERM'); r(); }, 10000); server.on('exit', () => { clearTimeout(t); r(); }); });
  rmSync(work, { recursive: true, force: true });
}
const total = KERNELS.length * NOTEBOOKS.length;
console.log(`JupyterLab: ${total - failed} passed, ${failed} failed (screenshots in ${shots})`);
process.exit(failed ? 1 : 0);
