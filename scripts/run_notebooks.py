#!/usr/bin/env python3
"""Executes the study's notebooks headlessly with the `java` kernel (or --kernel NAME), in order, and exports them.
Run it with the project's Jupyter environment (.venv, made by scripts/setup.sh), as run-study.sh and test.sh do:

    .venv/bin/python scripts/run_notebooks.py                 # every notebook; saved in place; HTML + PDF exports
    .venv/bin/python scripts/run_notebooks.py --only Task05   # notebooks whose name contains Task05
    STUDY_QUICK=1 .venv/bin/python scripts/run_notebooks.py --quick-copy   # CI: executed copies under test-output/
    STUDY_QUICK=1 .venv/bin/python scripts/run_notebooks.py --kernel ijava --out test-output/quick-ijava --no-pdf

Next to every executed copy (not beside the committed notebooks) a `<name>.displays.json` records, per code cell, the display messages the kernel
sent (display ids shown, update_display_data per id): tests/check_notebook_outputs.py uses it to check that a
progress display was updated in place.

Each notebook runs with its own folder as the working directory (so its relative paths hold). Progress is printed
per cell; the first failing cell stops the run with the notebook, the cell number and the error.
STUDY_PROFILE=<file>: also appends where each notebook's time went (kernel start, each cell, saving, exports) to
<file> as tab-separated rows (notebook, phase, seconds); nothing else changes.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
PROFILE = os.environ.get("STUDY_PROFILE")


def profile(book: Path, phase: str, seconds: float):
    """Appends one row to the STUDY_PROFILE file, if set."""
    if PROFILE:
        with open(PROFILE, "a", encoding="utf-8") as f:
            f.write(f"{book.name}\t{phase}\t{seconds:.3f}\n")


def shown(path: Path) -> str:
    """A path relative to the project when it is inside it, else absolute."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def study_notebooks():
    books = [ROOT / "notebook.ipynb"] + sorted((ROOT / "notebooks").glob("Task*.ipynb"))
    summary = ROOT / "notebooks" / "Summary.ipynb"
    if summary.exists():
        books.append(summary)
    return books


class RecordingClient(NotebookClient):
    """A NotebookClient that also counts, per cell, the display_data / update_display_data messages by display id."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.display_log = {}

    def process_message(self, msg, cell, cell_index):
        kind = msg.get("msg_type") or msg.get("header", {}).get("msg_type")
        if kind in ("display_data", "update_display_data"):
            entry = self.display_log.setdefault(cell_index, {"display_data": 0, "shown_ids": [], "updates": {}})
            did = (msg.get("content", {}).get("transient") or {}).get("display_id")
            if kind == "display_data":
                entry["display_data"] += 1
                if did:
                    entry["shown_ids"].append(did)
            elif did:
                entry["updates"][did] = entry["updates"].get(did, 0) + 1
        return super().process_message(msg, cell, cell_index)


def execute(path: Path, out: Path, timeout: int, kernel: str = "java") -> float:
    nb = nbformat.read(path, as_version=4)
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    started = time.time()
    state = {"t": started}

    def on_start(cell, cell_index, **kwargs):
        if cell.cell_type != "code":
            return
        if "first" not in state:
            state["first"] = True
            profile(path, "kernel start (until the first cell runs)", time.time() - started)
        state["t"] = time.time()
        n = code_cells.index(cell_index) + 1 if cell_index in code_cells else "?"
        print(f"  cell {n}/{len(code_cells)} ...", end="", flush=True)

    def on_done(cell, cell_index, **kwargs):
        state["last"] = time.time()
        if cell.cell_type != "code":
            return
        print(f" {time.time() - state['t']:.1f} s", flush=True)
        n = code_cells.index(cell_index) + 1 if cell_index in code_cells else "?"
        first_line = cell.source.strip().splitlines()[0][:60] if cell.source.strip() else ""
        profile(path, f"cell {n}: {first_line}", time.time() - state["t"])

    client = RecordingClient(nb, kernel_name=kernel, timeout=timeout, allow_errors=False,
                            resources={"metadata": {"path": str(path.parent)}},
                            on_cell_start=on_start, on_cell_executed=on_done)
    try:
        client.execute()
    except CellExecutionError as e:
        print()
        failing = next((i for i in code_cells if any(o.get("output_type") == "error" for o in nb.cells[i].get("outputs", []))), None)
        where = f"code cell {code_cells.index(failing) + 1}" if failing is not None else "a cell"
        raise SystemExit(f"FAILED: {shown(path)}, {where}:\n{e}")
    done = time.time()
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out)
    profile(path, "kernel shutdown and saving", time.time() - state.get("last", done))
    if out.resolve() != path.resolve():  # executed copies only: nothing is written beside the committed notebooks
        log = {"kernel": kernel, "cells": {str(i): v for i, v in sorted(client.display_log.items())}}
        out.with_name(out.stem + ".displays.json").write_text(json.dumps(log, indent=1) + "\n", encoding="utf-8")
    return time.time() - started


def jupyter() -> str:
    """The `jupyter` command of the environment running this script (the project's .venv), else the one on PATH."""
    own = Path(sys.executable).with_name("jupyter")
    return str(own) if own.exists() else "jupyter"


# Debian's libjs-mathjax and libjs-requirejs (installed by scripts/setup.sh): the exports load MathJax and
# require.js from disk, never from a CDN (nbconvert 7 points both at cdnjs by default)
LOCAL_MATHJAX = Path("/usr/share/javascript/mathjax/MathJax.js")
LOCAL_REQUIREJS = Path("/usr/share/javascript/requirejs/require.min.js")


def export_html(nb_path: Path, html_dir: Path) -> Path:
    html_dir.mkdir(parents=True, exist_ok=True)
    for local, package in ((LOCAL_MATHJAX, "libjs-mathjax"), (LOCAL_REQUIREJS, "libjs-requirejs")):
        if not local.exists():
            raise SystemExit(f"the HTML export needs a local copy of {local.name} ({local}): apt-get install {package}")
    mathjax = f"--HTMLExporter.mathjax_url={LOCAL_MATHJAX.as_uri()}?config=TeX-AMS_CHTML-full,Safe"
    requirejs = f"--HTMLExporter.require_js_url={LOCAL_REQUIREJS.as_uri()}"
    subprocess.run([jupyter(), "nbconvert", "--to", "html", mathjax, requirejs, "--output-dir", str(html_dir), str(nb_path)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return html_dir / (nb_path.stem + ".html")


PRINT_CSS = """<style>
@page { size: A4 landscape; margin: 12mm; }
@media print {
  pre, .CodeMirror-code, .highlight pre { white-space: pre-wrap !important; word-break: break-word; }
  div.output_area, div.output_subarea, div.output_html { overflow: visible !important; max-width: 100% !important; }
  div.output_html table { font-size: 11px; }
  div.output_png img, div.output_area img { max-width: 100% !important; height: auto; }
}
</style>"""


def export_pdf(html: Path, pdf_dir: Path) -> Path:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("PDF export needs Chromium (apt-get install chromium), or run with --no-pdf")
    pdf_dir.mkdir(parents=True, exist_ok=True)
    pdf = pdf_dir / (html.stem + ".pdf")
    with tempfile.TemporaryDirectory() as profile:
        # print a copy with a print style sheet: landscape pages, wrapped code, tables that fit
        printable = Path(profile) / html.name
        printable.write_text(html.read_text(encoding="utf-8").replace("</head>", PRINT_CSS + "</head>", 1), encoding="utf-8")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-pdf-header-footer", "--virtual-time-budget=10000", f"--user-data-dir={profile}",
                        f"--print-to-pdf={pdf}", printable.as_uri()],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    return pdf


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("notebooks", nargs="*", help="notebook files (default: the whole study in order)")
    ap.add_argument("--only", help="run only notebooks whose file name contains this text")
    ap.add_argument("--quick-copy", action="store_true",
                    help="save executed notebooks and exports under test-output/quick/ instead of in place")
    ap.add_argument("--out", help="save executed notebooks (notebooks-executed/) and exports under this folder "
                                  "instead of in place (e.g. for a Fashion-MNIST run)")
    ap.add_argument("--kernel", default="java", help="kernelspec to run them with (default: java, e.g. ijava)")
    ap.add_argument("--no-export", action="store_true", help="skip the HTML and PDF exports")
    ap.add_argument("--no-pdf", action="store_true", help="skip the PDF export")
    ap.add_argument("--timeout", type=int, default=3600, help="seconds one cell may take (default 3600)")
    args = ap.parse_args()

    books = [Path(p).resolve() for p in args.notebooks] or study_notebooks()
    if args.only:
        books = [b for b in books if args.only in b.name]
    if not books:
        raise SystemExit("no notebooks to run")
    out_root = ROOT / "test-output" / "quick" if args.quick_copy else (Path(args.out).resolve() if args.out else None)
    exports = (out_root or ROOT) / "exports"
    total = time.time()
    for i, book in enumerate(books, 1):
        rel = shown(book)
        target = out_root / "notebooks-executed" / rel if out_root else book
        print(f"[{i}/{len(books)}] {rel}", flush=True)
        seconds = execute(book, target, args.timeout, args.kernel)
        print(f"[{i}/{len(books)}] {rel}: executed in {seconds:.0f} s -> {shown(target)}", flush=True)
        if not args.no_export:
            t = time.time()
            html = export_html(target, exports / "html")
            profile(book, "HTML export (nbconvert)", time.time() - t)
            line = f"    exported {shown(html)}"
            if not args.no_pdf:
                t = time.time()
                line += f", {shown(export_pdf(html, exports / 'pdf'))}"
                profile(book, "PDF export (Chromium)", time.time() - t)
            print(line, flush=True)
    print(f"all {len(books)} notebooks executed in {time.time() - total:.0f} s")


if __name__ == "__main__":
    main()
