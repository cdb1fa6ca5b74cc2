// A student's edit of Task 05 in JupyterLab, in Chromium driven by Playwright, under the bundled kernel and JJava
// (quick mode, seeds 42-45, a fresh run cache per kernel, on a scratch copy of the notebooks):
//   1. open Task05_Dropout, run the setup cell alone, then the whole notebook (the analysis needs every model);
//   2. change the "dropout 0.1" cell to Dense(256, "relu"), Dense(128, "relu") before the Dropout (and summary());
//   3. run that cell alone and interrupt it from the toolbar while it trains: the kernel stays alive, no run of the
//      edited model is left half-stored in the run cache;
//   4. run it again: it trains (the progress line moves), then its seed table, summary() and curve show the new
//      model (784-256-128-10, 2 hidden layers, 235,146 parameters);
//   5. run the Analysis cell alone: its "dropout 0.1" row carries the edited model's numbers, not the old ones;
//   6. restart the kernel and run the edited cell without the setup cell: one line says to run the setup cell first;
//   7. run the setup cell and the edited cell (from the run cache), then "Save and Export Notebook As" -> HTML and
//      -> WebPDF from JupyterLab's File menu: the files the server's nbconvert routes give hold every chart and table;
//   8. open the Summary and run it: it lists the edited model and still the notebook's other two models.
// Screenshots of every step: test-output/screenshots/walkthrough-<kernel>-<n>-<step>.png.
//   JUPYTER=.venv/bin/jupyter node walkthrough.test.mjs        (tests/browser/run.sh walkthrough sets it up)
//   WALK_KERNELS=jjava limits the kernels.
import { mkdtempSync, cpSync, symlinkSync, mkdirSync, rmSync, readdirSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  launchBrowser, startLab, watchKernelConnections, openNotebook, chooseKernel, runAll, panel, prompts, waitUntil,
  sessionKernel, sleep,
} from './lab-helpers.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const shots = join(root, 'test-output', 'screenshots');
const exportsDir = join(root, 'test-output', 'lab-exports');
mkdirSync(shots, { recursive: true });
mkdirSync(exportsDir, { recursive: true });
const ALL_KERNELS = [
  { name: 'java', label: 'Java (mnist-study kernel)' },
  { name: 'jjava', label: 'Java (JJava 1.0)' },
];
const KERNELS = ALL_KERNELS.filter((k) => !process.env.WALK_KERNELS || process.env.WALK_KERNELS.split(',').includes(k.name));
const TASK = 'notebooks/Task05_Dropout.ipynb';
const SUMMARY = 'notebooks/Summary.ipynb';
const SEEDS = [42, 43, 44, 45];
// code cells of Task05: 0 setup, 1 dropout 0, 2 dropout 0.1, 3 dropout 0.3, 4-5 comparisons, 6 analysis
const SETUP = 0;
const EDITED = 2;
const ANALYSIS = -1; // the last code cell: the answers
const EDITED_SOURCE = `var model01 = Sequential("dropout 0.1",
    Flatten(28, 28),
    Dense(256, "relu"),
    Dense(128, "relu"),
    Dropout(0.1),
    Dense(10, "softmax"));
model01.compile(Adam(), "sparse_categorical_crossentropy", "accuracy");
model01.summary();
var h01 = model01.fit(data.train(), epochs(5), batchSize(32), validationData(data.validation()),
    callbacks(EarlyStopping().patience(3).restoreBestWeights(true)));
plotHistory(h01)`;
const NEW_MODEL = '784-256-128-10 model (2 hidden layers, 235,146 parameters)';
const HINT = "Run the notebook's setup cell first";

// a scratch project: copies of the two notebooks and a link to lib/ (the committed notebooks are never touched)
const work = mkdtempSync(join(tmpdir(), 'jlab-walk-'));
mkdirSync(join(work, 'notebooks'));
symlinkSync(join(root, 'lib'), join(work, 'lib'));
const runCache = join(work, 'runs', 'mnist-quick');

const cell = (page, i) => (i < 0 ? panel(page).locator('.jp-CodeCell').last() : panel(page).locator('.jp-CodeCell').nth(i));
const outputText = (c) => c.locator('.jp-OutputArea').evaluate((el) => el.innerText || el.textContent).catch(() => '');
const promptOf = async (c) => ((await c.locator('.jp-InputArea-prompt').textContent()) || '').trim();

// selects code cell i (command mode) and runs it alone (Ctrl+Enter); with wait, until its prompt shows a new number
async function runCell(page, i, { wait = true, timeout = 180000 } = {}) {
  const c = cell(page, i);
  const before = await promptOf(c);
  await c.locator('.jp-InputArea-prompt').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Enter');
  await waitUntil(`code cell ${i} to start`, 20000, async () => (await promptOf(c)) !== before, 50);
  if (wait) await waitDone(c, timeout);
  return c;
}

async function waitDone(c, timeout = 180000) {
  await waitUntil('the cell to finish', timeout, async () => /^\[\d+\]:$/.test(await promptOf(c)), 200);
}

// replaces the source of code cell i as typed into its editor
async function editCell(page, i, source) {
  const c = cell(page, i);
  await c.locator('.cm-content').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(source);
  await page.keyboard.press('Escape');
  const shown = await c.locator('.cm-content').innerText();
  if (!shown.includes('Dense(256, "relu")')) throw new Error(`the edit did not land: ${shown.slice(0, 200)}`);
}

// the seed table a fit cell leaves: rows {seed, test, valLoss, trainedBy} and the text above it
async function fitTable(c) {
  await c.scrollIntoViewIfNeeded();
  return c.evaluate((el) => {
    // textContent, not innerText: an output scrolled out of view is not rendered (content-visibility)
    const table = [...el.querySelectorAll('.jp-OutputArea-output table')].find((t) => /trained by/.test(t.textContent));
    if (!table) return null;
    const head = [...table.querySelectorAll('thead th, tr:first-child th')].map((h) => h.textContent.trim());
    const col = (re) => head.findIndex((h) => re.test(h));
    const rows = [...table.querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('td')].map((d) => d.textContent.trim()))
      .filter((r) => r.length > 0);
    const block = table.closest('.jp-OutputArea-output');
    const first = block && block.querySelector('p');
    return {
      heading: first ? first.textContent.trim() : '',
      rows: rows.map((r) => ({ seed: r[col(/^seed$/)], test: parseFloat(r[col(/test accuracy/)]), valLoss: r[col(/^val_loss$/)], trainedBy: r[col(/trained by/)] })),
    };
  });
}

// the analysis's row for `label` in its table with a "test accuracy" column: {text, test}
async function analysisRow(c, label) {
  await c.scrollIntoViewIfNeeded();
  return c.evaluate((el, label) => {
    for (const table of el.querySelectorAll('.jp-OutputArea-output table')) {
      const head = [...table.querySelectorAll('th')].map((h) => h.textContent.trim());
      const ti = head.findIndex((h) => /test accuracy/.test(h));
      if (ti < 0) continue;
      for (const r of table.querySelectorAll('tbody tr')) {
        const cells = [...r.querySelectorAll('td')].map((d) => d.textContent.trim());
        if (cells[0] === label) return { text: cells.join(' | '), test: parseFloat(cells[ti]) };
      }
    }
    return null;
  }, label);
}

async function imageSrc(c) {
  await c.scrollIntoViewIfNeeded();
  return c.locator('.jp-OutputArea-output img').last().evaluate((img) => (img.complete && img.naturalWidth > 0 ? img.src : null));
}

function cacheEntries() {
  if (!existsSync(runCache)) return { entries: [], temporaries: [] };
  const names = readdirSync(runCache);
  return { entries: names.filter((n) => /^[0-9a-f]+$/.test(n)), temporaries: names.filter((n) => n.includes('.tmp')) };
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

function pngComplete(buf) {
  const iend = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
  return buf.length > 20 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    && buf.subarray(buf.length - 12).equals(iend);
}

// every chart (image/png) and table (text/html with <table) the saved notebook holds
function savedOutputs(path) {
  const nb = JSON.parse(readFileSync(join(work, path), 'utf-8'));
  const outs = nb.cells.filter((c) => c.cell_type === 'code').flatMap((c) => c.outputs || []);
  const html = (o) => [].concat((o.data || {})['text/html'] || []).join('');
  return {
    charts: outs.filter((o) => (o.data || {})['image/png']).length,
    tables: outs.filter((o) => /<table/.test(html(o))).length,
  };
}

let passed = 0;
let failed = 0;
function check(kernel, what, ok, detail = '') {
  if (ok) passed++; else failed++;
  console.log(`  ${kernel.name}: ${what}: ${ok ? 'ok' : 'FAILED'}${detail ? ` (${detail})` : ''}`);
  return ok;
}

async function shot(page, kernel, n, what, target) {
  if (target) await target.scrollIntoViewIfNeeded().catch(() => {});
  await page.screenshot({ path: join(shots, `walkthrough-${kernel.name}-${n}-${what}.png`) });
}

// File -> Save and Export Notebook As -> `item`; returns the nbconvert URL the menu asked the server for
async function exportFromMenu(page, item, format) {
  const asked = page.context().waitForEvent('request', { predicate: (r) => new RegExp(`/nbconvert/${format}/`).test(r.url()), timeout: 60000 })
    .catch((e) => e);
  const popup = page.context().waitForEvent('page', { timeout: 20000 }).catch(() => null);
  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^File$/ }).click();
  await page.locator('.lm-Menu-itemLabel', { hasText: /^Save and Export Notebook As/ }).hover();
  await page.locator('.lm-Menu-itemLabel', { hasText: new RegExp(`^${item}$`, 'i') }).click();
  // JupyterLab 4.6 asks first for the HTML export ("Sanitize HTML output", checked): take its defaults
  const dialog = page.locator('.jp-Dialog .jp-Dialog-button.jp-mod-accept');
  if (await dialog.waitFor({ timeout: 5000 }).then(() => true, () => false)) await dialog.click();
  const request = await asked;
  if (request instanceof Error) throw request;
  const url = new URL(request.url());
  const p = await popup;
  if (p) await p.close().catch(() => {});
  return url.pathname + url.search;
}

async function walk(browser, lab, kernel) {
  rmSync(join(work, 'runs'), { recursive: true, force: true }); // every model trains afresh under this kernel
  for (const nb of [TASK, SUMMARY]) cpSync(join(root, nb), join(work, nb));
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const connected = watchKernelConnections(page);
  try {
    // 1. open, setup cell alone, then the whole notebook
    await openNotebook(page, lab, TASK);
    const k = await chooseKernel(page, lab, connected, kernel, TASK);
    let c = await runCell(page, SETUP);
    check(kernel, 'the setup cell ran alone', /Task05_Dropout: mnist, quick mode/.test(await outputText(c)),
      (await outputText(c)).split('\n')[0]);
    await shot(page, kernel, 1, 'setup-cell', c);
    await runAll(page);
    const old = await fitTable(cell(page, EDITED));
    const oldImage = await imageSrc(cell(page, EDITED));
    const oldRow = await analysisRow(cell(page, ANALYSIS), 'dropout 0.1');
    check(kernel, 'the whole notebook ran first (the analysis needs every model)', old && oldRow && old.rows.length === SEEDS.length,
      `${old ? `${old.rows.length} seed rows` : 'no seed table'}; ${oldRow ? oldRow.text : 'no analysis row'}`);

    // 2. the edit
    await editCell(page, EDITED, EDITED_SOURCE);
    await shot(page, kernel, 2, 'edited-cell', cell(page, EDITED));

    // 3. run it alone, interrupt it from the toolbar while it trains
    const before = cacheEntries();
    c = await runCell(page, EDITED, { wait: false });
    await waitUntil('the progress line', 60000, async () => /Epoch \d+\/5/.test(await outputText(c)), 50);
    await shot(page, kernel, 3, 'training', c);
    await panel(page).locator('.jp-Toolbar [data-jp-item-name="interrupt"]').click();
    await waitDone(c, 60000);
    await sleep(1500); // runs cancelled on other threads finish unwinding
    const interruptedText = await outputText(c);
    const after = cacheEntries();
    const kAfter = await sessionKernel(lab, TASK);
    const state = await lab.api(`/api/kernels/${kAfter.id}`).then((r) => r.json());
    check(kernel, 'interrupted from the toolbar: the cell stopped with an error', /interrupt/i.test(interruptedText),
      interruptedText.split('\n').filter((l) => /interrupt/i.test(l))[0] || interruptedText.slice(-200));
    check(kernel, 'the kernel stayed alive (same kernel, idle)', kAfter.id === k.id && state.execution_state === 'idle',
      `${kAfter.id === k.id ? 'same kernel' : 'another kernel'}, ${state.execution_state}`);
    const stored = after.entries.filter((e) => !before.entries.includes(e));
    check(kernel, 'nothing partial in the run cache', after.temporaries.length === 0 && stored.length < SEEDS.length,
      `${stored.length} finished seed run(s) stored, ${after.temporaries.length} temporaries`);
    await shot(page, kernel, 4, 'interrupted', c);

    // 4. run it again: it trains, the progress line moves, then the new model's table, summary() and curve
    c = await runCell(page, EDITED, { wait: false });
    const seen = new Set();
    await waitUntil('the re-run to finish', 300000, async () => {
      const text = await outputText(c);
      const progress = text.split('\n').filter((l) => /^seed \d+: (Epoch|starting|waiting)/.test(l)).join(' / ');
      if (progress) seen.add(progress);
      return /^\[\d+\]:$/.test(await promptOf(c));
    }, 100);
    const fresh = await fitTable(c);
    const text = await outputText(c);
    const image = await imageSrc(c);
    check(kernel, 'the progress line moved while it trained', seen.size >= 2, `${seen.size} distinct states`);
    check(kernel, 'the seed table shows the new model', fresh && fresh.heading.includes(NEW_MODEL) && fresh.rows.length === SEEDS.length,
      fresh ? fresh.heading : 'no table');
    check(kernel, 're-running after the interrupt trained again', fresh && fresh.rows.some((r) => !/run cache/.test(r.trainedBy)),
      fresh ? fresh.rows.map((r) => r.trainedBy).join('; ') : '');
    check(kernel, "summary() counts the new model's parameters", /Total params: 235,146/.test(text));
    check(kernel, 'the curve is the new model\'s', image && image !== oldImage);
    await shot(page, kernel, 5, 'retrained', c.locator('.jp-OutputArea-output img').last());

    // 5. the Analysis cell alone
    c = await runCell(page, ANALYSIS);
    const newRow = await analysisRow(c, 'dropout 0.1');
    const expected = 100 * mean(fresh.rows.map((r) => r.test));
    check(kernel, "the analysis names the edited model with its numbers", newRow && Math.abs(newRow.test - expected) < 0.006
      && newRow.text !== oldRow.text, newRow ? `${newRow.text} (seed table mean ${expected.toFixed(3)}; before: ${oldRow.text})` : 'no row');
    await shot(page, kernel, 6, 'analysis', c.locator('.jp-OutputArea-output table').first());

    // 6. restart, then the model cell without the setup cell
    const restarted = Date.now();
    await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Kernel$/ }).click();
    await page.locator('.lm-Menu-itemLabel', { hasText: /^Restart Kernel…$/ }).click();
    await page.locator('.jp-Dialog .jp-Dialog-button.jp-mod-accept').click();
    // the status bar says "Unknown" after a Java kernel's restart until the first cell runs (basekernel and JJava
    // send no "starting" status); wait for JupyterLab's connection to the restarted kernel instead
    await waitUntil('the restarted kernel', 120000, () => connected.since(k.id, restarted));
    c = await runCell(page, EDITED);
    const hint = await c.evaluate((el, hint) => [...el.querySelectorAll('.jp-OutputArea-output')]
      .map((o) => o.innerText.trim()).find((t) => t.includes(hint)) || null, HINT);
    check(kernel, 'after a restart, one line says what to run first', hint && hint.split('\n').length === 1, hint || (await outputText(c)).slice(0, 300));
    await shot(page, kernel, 7, 'restart-hint', c);

    // 7. setup and the edited cell again (from the run cache), then JupyterLab's exports
    await runCell(page, SETUP);
    c = await runCell(page, EDITED);
    const cached = await fitTable(c);
    check(kernel, 'after the restart the edited cell loads its runs from the run cache',
      cached && cached.rows.every((r) => /run cache/.test(r.trainedBy)));
    for (const [item, format, ext] of [['HTML', 'html', 'html'], ['Webpdf', 'webpdf', 'pdf']]) {
      const path = await exportFromMenu(page, item, format);
      const saved = savedOutputs(TASK);
      const res = await lab.api(path);
      const body = Buffer.from(await res.arrayBuffer());
      const file = join(exportsDir, `Task05_Dropout-${kernel.name}.${ext}`);
      writeFileSync(file, body);
      if (format === 'html') {
        const html = body.toString('utf-8');
        const pngs = [...html.matchAll(/src="data:image\/png;base64,([^"]+)"/g)].map((m) => Buffer.from(m[1], 'base64'));
        const tables = (html.match(/<table/g) || []).length;
        check(kernel, `File > Save and Export Notebook As > HTML (${path.split('?')[0]})`, res.ok && pngs.length >= saved.charts
          && pngs.every(pngComplete) && tables >= saved.tables,
          `${pngs.length} complete PNGs for ${saved.charts} charts, ${tables} tables for ${saved.tables}`);
      } else {
        const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf-8' }).trim().split('\n').length - 2;
        const words = execFileSync('pdftotext', [file, '-'], { encoding: 'utf-8' });
        check(kernel, `File > Save and Export Notebook As > Webpdf (${path.split('?')[0]})`, res.ok && body.subarray(0, 5).toString() === '%PDF-'
          && images >= saved.charts && words.includes('784-256-128-10') && /test accuracy/.test(words),
          `${images} images for ${saved.charts} charts, ${body.length} bytes`);
      }
    }
    await page.locator('.lm-MenuBar-itemLabel', { hasText: /^File$/ }).click();
    await page.locator('.lm-Menu-itemLabel', { hasText: /^Save and Export Notebook As/ }).hover();
    await shot(page, kernel, 8, 'export-menu');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    // 8. the Summary lists the edited model and the notebook's other models
    await openNotebook(page, lab, SUMMARY);
    await chooseKernel(page, lab, connected, kernel, SUMMARY);
    await runAll(page);
    const rows = await panel(page).evaluate((el) => {
      for (const table of el.querySelectorAll('.jp-OutputArea-output table')) {
        const head = [...table.querySelectorAll('th')].map((h) => h.textContent.trim());
        const ti = head.findIndex((h) => /test_accuracy %/.test(h));
        if (ti < 0) continue;
        return [...table.querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('td')].map((d) => d.textContent.trim()))
          .map((cells) => ({ model: cells[0], test: parseFloat(cells[ti]) }));
      }
      return [];
    });
    const edited = rows.find((r) => r.model === 'Task05 dropout 0.1');
    check(kernel, 'the Summary lists the edited model and the other two', edited && Math.abs(edited.test - expected) < 0.006
      && rows.some((r) => r.model === 'Task05 dropout 0') && rows.some((r) => r.model === 'Task05 dropout 0.3'),
      rows.map((r) => `${r.model} ${r.test}`).join('; '));
    await shot(page, kernel, 9, 'summary', panel(page).locator('.jp-OutputArea-output table').first());
  } catch (e) {
    check(kernel, 'walk-through', false, e.message.split('\n')[0]);
    await page.screenshot({ path: join(shots, `walkthrough-${kernel.name}-failure.png`) }).catch(() => {});
  } finally {
    await lab.closeSessions().catch(() => {});
    await page.close().catch(() => {});
  }
}

const browser = await launchBrowser();
let lab = null;
const t0 = Date.now();
try {
  const args = process.getuid && process.getuid() === 0 ? ['--WebPDFExporter.disable_sandbox=True'] : [];
  // the kernels get what scripts/lab.sh gives them (this process's environment: JJAVA_CLASSPATH, MNIST_DIR), plus
  // quick mode and four seeds; DISPLAY names an X server that does not exist (charts must still draw)
  lab = await startLab({ rootDir: work, env: { STUDY_QUICK: '1', STUDY_SEEDS: SEEDS.join(','), DISPLAY: ':99' }, args });
  for (const kernel of KERNELS) {
    const t = Date.now();
    console.log(`${kernel.label}:`);
    await walk(browser, lab, kernel);
    console.log(`  ${kernel.name}: ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
} catch (e) {
  failed++;
  console.error('walk-through failed:', e.message, '\nserver log tail:', lab ? lab.log().slice(-2000) : '');
} finally {
  await browser.close();
  if (lab) await lab.stop();
  rmSync(work, { recursive: true, force: true });
}
console.log(`walk-through: ${passed} passed, ${failed} failed in ${((Date.now() - t0) / 1000).toFixed(0)} s (screenshots in ${shots})`);
process.exit(failed ? 1 : 0);
