// JupyterLab in Chromium: starts JupyterLab (from the project's .venv, tests/browser/run.sh jupyterlab) on 127.0.0.1 with a
// token, opens a scratch copy of notebook.ipynb and of one task notebook, chooses the kernel through the UI (the
// bundled `java` kernel, then IJava 1.3.0 as `ijava`, then JJava 1.0 as `jjava`), runs all cells from the Run menu and
// checks what a reader sees:
// every chart an image that loaded, tables and the generated analysis rendered as HTML, no error or stderr output,
// no `DisplayData@`. Screenshots go to test-output/screenshots/jupyterlab-*.png; the server is shut down at the end.
//   JUPYTER=/path/to/venv/bin/jupyter node jupyterlab.test.mjs
import { mkdtempSync, cpSync, symlinkSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowser, startLab, watchKernelConnections, openNotebook, chooseKernel, runAll } from './lab-helpers.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const shots = join(root, 'test-output', 'screenshots');
mkdirSync(shots, { recursive: true });
// every kernel is ready once JupyterLab has connected to the chosen kernel (see chooseKernel): no fixed wait
const KERNELS = [
  { name: 'java', label: 'Java (mnist-study kernel)' },
  { name: 'ijava', label: 'Java (IJava 1.3.0)' },
  { name: 'jjava', label: 'Java (JJava 1.0)' },
];
// notebook, minimum charts, minimum HTML tables, minimum analyses (div.study-analysis)
const NOTEBOOKS = [
  { path: 'notebook.ipynb', charts: 2, tables: 0, analyses: 1 },
  { path: 'notebooks/Task10_Weights.ipynb', charts: 5, tables: 3, analyses: 3 },
];

// a scratch project: copies of the notebooks and a link to lib/ (the committed notebooks are never touched)
const work = mkdtempSync(join(tmpdir(), 'jlab-'));
mkdirSync(join(work, 'notebooks'));
for (const nb of NOTEBOOKS) cpSync(join(root, nb.path), join(work, nb.path));
symlinkSync(join(root, 'lib'), join(work, 'lib'));

const results = [];
const browser = await launchBrowser();
let lab = null;

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
  // DISPLAY names an X server that does not exist: charts must still draw (headless by default)
  lab = await startLab({ rootDir: work, env: { STUDY_QUICK: '1', DISPLAY: ':99' } });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const connected = watchKernelConnections(page);
  for (const kernel of KERNELS) {
    rmSync(join(work, 'runs'), { recursive: true, force: true }); // each kernel trains (live progress) afresh
    for (const nb of NOTEBOOKS) {
      const tag = `jupyterlab-${kernel.name}-${nb.path.replace(/.*\//, '').replace('.ipynb', '')}`;
      const t0 = Date.now();
      try {
        await openNotebook(page, lab, nb.path);
        await chooseKernel(page, lab, connected, kernel, nb.path);
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
        await lab.closeSessions(); // close the notebook's session and shut its kernel down before the next one
      } catch (e) {
        failed++;
        console.log(`${kernel.name} ${nb.path}: FAILED: ${e.message.split('\n')[0]}`);
        await page.screenshot({ path: join(shots, `${tag}-failure.png`) }).catch(() => {});
      }
    }
  }
} catch (e) {
  failed++;
  console.error('JupyterLab test failed:', e.message, '\nserver log tail:', lab ? lab.log().slice(-2000) : '');
} finally {
  await browser.close();
  if (lab) await lab.stop();
  rmSync(work, { recursive: true, force: true });
}
const total = KERNELS.length * NOTEBOOKS.length;
console.log(`JupyterLab: ${total - failed} passed, ${failed} failed (screenshots in ${shots})`);
process.exit(failed ? 1 : 0);
