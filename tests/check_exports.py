#!/usr/bin/env python3
"""Opens every exported notebook in headless Chromium and checks what a reader would see.

For each exports/html/<name>.html (next to its executed notebook): every chart the notebook holds is an <img> that
actually loaded (complete, natural width > 0), no cell shows an error, generated analyses rendered as HTML
(headings/tables), nothing is loaded from the network (MathJax comes from Debian's libjs-mathjax) and no
"Loading [MathJax]" message stays up, and the matching PDF embeds the charts (pdfimages). Screenshots of two
notebooks are saved.

    .venv/bin/python tests/check_exports.py [--exports DIR] [--notebooks DIR] [--shots DIR]
"""
import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--virtual-time-budget=10000"]
PROBE = """<script>
window.addEventListener('load', function () { setTimeout(function () {
  var imgs = Array.prototype.slice.call(document.images);
  var out = {
    images: imgs.length,
    loaded: imgs.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length,
    errors: document.querySelectorAll('.output_error, .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').length,
    analyses: document.querySelectorAll('.study-analysis').length,
    analysisTables: document.querySelectorAll('.study-analysis table').length,
    network: performance.getEntriesByType('resource').map(function (r) { return r.name; })
      .filter(function (n) { return /^(https?|wss?):/.test(n); }),
    scripts: Array.prototype.slice.call(document.scripts).map(function (s) { return s.src; })
      .filter(function (n) { return /^(https?|wss?):/.test(n); }),
    mathjaxMessage: (function () { var m = document.getElementById('MathJax_Message');
      return m && m.offsetParent !== null ? m.textContent : ''; })()
  };
  var pre = document.createElement('pre'); pre.id = 'browser-check'; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
}, 3000); });
</script>"""


def chromium():
    c = shutil.which("chromium") or shutil.which("chromium-browser")
    if not c:
        sys.exit("chromium is not installed (apt-get install chromium)")
    return c


def probe(html: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        copy = html.parent / (".probe-" + html.name)  # same folder: relative links still resolve
        copy.write_text(html.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>", 1), encoding="utf-8")
        try:
            dom = subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp}", "--dump-dom", copy.as_uri()],
                                 capture_output=True, text=True, timeout=120).stdout
        finally:
            copy.unlink()
    m = re.search(r'<pre id="browser-check">(.*?)</pre>', dom, re.S)
    if not m:
        raise AssertionError(f"{html.name}: the page did not finish loading in Chromium")
    return json.loads(m.group(1).replace("&quot;", '"'))


def expected(nb_path: Path) -> dict:
    nb = nbformat.read(nb_path, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    return {"charts": sum(1 for o in outputs if "image/png" in o.get("data", {})),
            "analyses": sum(1 for o in outputs if "text/markdown" in o.get("data", {}) and "text/html" in o.get("data", {}))}


def pdf_images(pdf: Path) -> int:
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    return max(0, len(listing.strip().splitlines()) - 2)


def screenshot(html: Path, png: Path):
    png.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp}", "--window-size=1280,2400",
                        f"--screenshot={png}", html.as_uri()], capture_output=True, timeout=120, check=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--exports", default=str(ROOT / "exports"))
    ap.add_argument("--notebooks", default=str(ROOT), help="folder holding notebook.ipynb and notebooks/")
    ap.add_argument("--shots", default=str(ROOT / "test-output" / "screenshots"))
    args = ap.parse_args()
    exports, books = Path(args.exports).resolve(), Path(args.notebooks).resolve()
    htmls = sorted((exports / "html").glob("*.html"))
    if not htmls:
        sys.exit(f"no HTML exports under {exports}/html")
    passed = failed = 0
    for html in htmls:
        nb = books / "notebook.ipynb" if html.stem == "notebook" else books / "notebooks" / (html.stem + ".ipynb")
        want = expected(nb)
        got = probe(html)
        problems = []
        if got["loaded"] != got["images"] or got["images"] < want["charts"]:
            problems.append(f"{got['loaded']} of {got['images']} images loaded, notebook has {want['charts']} charts")
        if got["errors"]:
            problems.append(f"{got['errors']} error outputs")
        if got["network"] or got["scripts"]:
            problems.append(f"loads from the network: {(got['network'] + got['scripts'])[:3]}")
        if "Loading" in got["mathjaxMessage"]:
            problems.append(f"the page is still showing '{got['mathjaxMessage']}'")
        if got["analyses"] < want["analyses"]:
            problems.append(f"{got['analyses']} of {want['analyses']} analyses/tables rendered as HTML")
        pdf = exports / "pdf" / (html.stem + ".pdf")
        if pdf.exists() and want["charts"] and pdf_images(pdf) < want["charts"]:
            problems.append(f"the PDF embeds {pdf_images(pdf)} images for {want['charts']} charts")
        status = "ok" if not problems else "FAILED: " + "; ".join(problems)
        print(f"{html.name}: {got['loaded']}/{got['images']} images, {got['analyses']} HTML analyses/tables "
              f"({got['analysisTables']} tables), "
              f"{got['errors']} errors{', pdf ok' if pdf.exists() and not problems else ''} -> {status}")
        passed, failed = (passed + 1, failed) if not problems else (passed, failed + 1)
    for name in ("notebook", "Task05_Dropout"):
        html = exports / "html" / f"{name}.html"
        if html.exists():
            screenshot(html, Path(args.shots) / f"{name}.png")
    print(f"exports: {passed} passed, {failed} failed (screenshots in {args.shots})")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
