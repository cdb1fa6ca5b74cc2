#!/usr/bin/env python3
"""Checks the outputs of notebooks executed by scripts/run_notebooks.py, whatever kernel ran them.

Generic checks (not tied to the cells' contents), per notebook:
  * no cell error, no stderr stream with an exception;
  * no output anywhere contains `DisplayData@`; no output whose only representation is text/plain (and no stream
    line) looks like an object's default toString() (`some.Class@1a2b3c`) — a table or chart was meant there;
  * every display_data output carries text/html, text/markdown or image/png (the helper jar never displays bare text);
  * every image/png is a complete PNG (signature, chunk CRCs, IEND last, image data inflates);
  * progress: no cell's streams hold more than MAX_BAR_LINES lines that look like a live progress bar (`[===>....]`);
    each progress display (text with `Epoch k/N`) was updated in place (update_display_data, from the
    `<name>.displays.json` record), ends as one output per run and holds at most one live bar line;
  * at least the expected number of charts (image/png) and of tables/analyses (text/html or text/markdown that is
    not a progress line, nor a finished training summary "Training <model> on the ... engine" — which one a notebook
    shows depends on whether it trained a run or loaded it, e.g. when another notebook executed at the same time
    trained the same model first): MINIMUMS below, keyed by notebook file name; a notebook not listed needs 1 of each.
With --nbconvert-routes DIR: also exports each notebook with `jupyter nbconvert --to html` and `--to latex` into
DIR and checks that the HTML embeds every chart and that LaTeX writes every chart as a PNG file that decodes.

    .venv/bin/python tests/check_notebook_outputs.py test-output/quick-ijava/notebooks-executed [--label ijava]
        [--nbconvert-routes DIR [--jupyter PATH]] [--counts counts.json]
"""
import argparse
import base64
import json
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import nbformat

# minimum (charts, tables/analyses) per notebook file name; unknown notebooks: (1, 1)
MINIMUMS = {
    "notebook.ipynb": (2, 3),
    "Summary.ipynb": (1, 2),
    "Task01_PredictionAnalysis.ipynb": (7, 2),
    "Task02_CustomDigit.ipynb": (9, 2),
    "Task03_Epochs.ipynb": (5, 4),
    "Task04_EarlyStopping.ipynb": (6, 5),
    "Task05_Dropout.ipynb": (5, 4),
    "Task06_L2.ipynb": (6, 5),
    "Task07_Optimizers.ipynb": (6, 5),
    "Task08_BatchSize.ipynb": (6, 4),
    "Task09_Activations.ipynb": (6, 5),
    "Task10_Weights.ipynb": (8, 6),
}
DEFAULT_MINIMUM = (1, 1)
MAX_BAR_LINES = 3

OBJECT_NAME = re.compile(r"[\w.$]+@[0-9a-f]{5,}")
QUALIFIED_OBJECT_NAME = re.compile(r"\b(?:[a-z_][\w$]*\.)+[A-Z][\w$]*@[0-9a-f]{5,}\b")
BAR = re.compile(r"\[[=>.]{5,}\]")
EPOCH = re.compile(r"\bEpoch \d+/\d+")
TRAINED = re.compile(r"^Training .+ on the .+ engine")
RICH_TEXT = ("text/html", "text/markdown")


def text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def png_problem(data: bytes):
    """None when `data` is a complete, decodable PNG, else what is wrong."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "no PNG signature"
    pos, chunks, idat = 8, [], b""
    width = height = depth = colour = None
    while pos < len(data):
        if pos + 8 > len(data):
            return f"truncated chunk header at byte {pos}"
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        end = pos + 12 + length
        if end > len(data):
            return f"chunk {kind!r} cut short ({len(data)} of {end} bytes)"
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:end])
        if zlib.crc32(kind + body) != crc:
            return f"bad CRC in chunk {kind!r}"
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        chunks.append(kind)
        pos = end
        if kind == b"IEND":
            break
    if not chunks or chunks[0] != b"IHDR":
        return "IHDR is not the first chunk"
    if chunks[-1] != b"IEND":
        return "no IEND chunk (image cut short)"
    try:
        raw = zlib.decompress(idat)
    except zlib.error as e:
        return f"image data does not inflate: {e}"
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}.get(colour)
    if channels and depth and not _interlaced(data):
        expected = height * (1 + (width * channels * depth + 7) // 8)
        if len(raw) != expected:
            return f"image data holds {len(raw)} bytes, {expected} expected"
    return None


def _interlaced(data: bytes) -> bool:
    return data[28] == 1 if len(data) > 28 else False


def outputs_of(nb):
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            yield i, cell, cell.get("outputs", [])


def is_progress(out) -> bool:
    return out.get("output_type") == "display_data" and bool(EPOCH.search(text(out.get("data", {}).get("text/plain", ""))))


def check_notebook(path: Path, name: str):
    nb = nbformat.read(path, as_version=4)
    record_file = path.with_name(path.stem + ".displays.json")
    record = json.loads(record_file.read_text()) if record_file.exists() else None
    problems = []
    counts = {"png": 0, "html_or_markdown": 0, "progress": 0, "trained": 0, "tables_analyses": 0, "DisplayData@": 0,
              "updates": 0}
    for i, cell, outs in outputs_of(nb):
        where = f"code cell {sum(1 for c in nb.cells[:i + 1] if c.cell_type == 'code')}"
        bar_lines = 0
        progress_outputs = []
        for out in outs:
            kind = out.get("output_type")
            data = out.get("data", {})
            everything = json.dumps(out)
            if "DisplayData@" in everything:
                counts["DisplayData@"] += everything.count("DisplayData@")
                problems.append(f"{where}: an output shows a DisplayData object's name (DisplayData@...)")
            if kind == "error":
                problems.append(f"{where}: error {out.get('ename')}: {out.get('evalue', '')[:200]}")
            elif kind == "stream":
                s = text(out.get("text", ""))
                bar_lines += sum(1 for line in re.split(r"[\r\n]", s) if BAR.search(line))
                if out.get("name") == "stderr" and re.search(r"Exception|AWTError|\bError:", s):
                    problems.append(f"{where}: stderr shows an exception: {s.strip()[:200]}")
                m = QUALIFIED_OBJECT_NAME.search(s)
                if m:
                    problems.append(f"{where}: printed an object's toString() ({m.group(0)})")
            elif kind in ("display_data", "execute_result"):
                plain = text(data.get("text/plain", ""))
                richer = [k for k in data if k != "text/plain"]
                if not richer and OBJECT_NAME.search(plain):
                    problems.append(f"{where}: {kind} is only an object's toString(): {plain[:120]}")
                if kind == "display_data" and not any(k in data for k in (*RICH_TEXT, "image/png")):
                    problems.append(f"{where}: display_data without text/html, text/markdown or image/png: {plain[:120]}")
                if "image/png" in data:
                    counts["png"] += 1
                    try:
                        problem = png_problem(base64.b64decode(text(data["image/png"]), validate=False))
                    except ValueError as e:
                        problem = f"base64 does not decode: {e}"
                    if problem:
                        problems.append(f"{where}: image/png is not a complete PNG: {problem}")
                if any(k in data for k in RICH_TEXT):
                    counts["html_or_markdown"] += 1
                    if is_progress(out):
                        counts["progress"] += 1
                        progress_outputs.append(out)
                    elif kind == "display_data" and TRAINED.search(plain):
                        counts["trained"] += 1  # a finished training summary: shown only where the run trained
                    else:
                        counts["tables_analyses"] += 1
        if bar_lines > MAX_BAR_LINES:
            problems.append(f"{where}: {bar_lines} progress-bar lines in its streams (a flood instead of one updated line)")
        # progress displays: each updated in place, one output per run, at most one live bar at the end
        heads = [text(o["data"]["text/plain"]).splitlines()[0] for o in progress_outputs]
        if len(set(heads)) != len(heads):
            problems.append(f"{where}: the same run's progress appears as several outputs ({len(heads)} for {len(set(heads))} runs)")
        for o in progress_outputs:
            bars = sum(1 for line in text(o["data"]["text/plain"]).splitlines() if BAR.search(line))
            if bars > 1:
                problems.append(f"{where}: a progress display ends with {bars} bar lines, not one updated line")
        if progress_outputs and record is not None:
            entry = record.get("cells", {}).get(str(i), {})
            displays = [o for o in outs if o.get("output_type") == "display_data"]
            ids = entry.get("shown_ids", [])
            updates = entry.get("updates", {})
            counts["updates"] += sum(updates.values())
            if len(ids) != len(displays):
                problems.append(f"{where}: {len(displays)} display outputs saved for {len(ids)} displays shown")
            else:
                for o, did in zip(displays, ids):
                    if is_progress(o) and not updates.get(did):
                        problems.append(f"{where}: a progress display was never updated in place (display id {did})")
    want_png, want_tables = MINIMUMS.get(name, DEFAULT_MINIMUM)
    if counts["png"] < want_png:
        problems.append(f"{counts['png']} charts (image/png), at least {want_png} expected")
    if counts["tables_analyses"] < want_tables:
        problems.append(f"{counts['tables_analyses']} tables/analyses (text/html or text/markdown), at least {want_tables} expected")
    return counts, problems


def nbconvert_routes(path: Path, out_dir: Path, jupyter: str):
    """Exports with nbconvert's own HTML and LaTeX routes; every chart must survive both."""
    nb = nbformat.read(path, as_version=4)
    charts = [base64.b64decode(text(o["data"]["image/png"])) for _, _, outs in outputs_of(nb) for o in outs
              if "image/png" in o.get("data", {})]
    problems = []
    out_dir.mkdir(parents=True, exist_ok=True)
    for fmt in ("html", "latex"):
        r = subprocess.run([jupyter, "nbconvert", "--to", fmt, "--output-dir", str(out_dir), str(path)],
                           capture_output=True, text=True)
        if r.returncode != 0:
            problems.append(f"nbconvert --to {fmt} failed: {r.stderr.strip()[-300:]}")
    html = out_dir / (path.stem + ".html")
    if html.exists():
        embedded = re.findall(r'src="data:image/png;base64,([^"]+)"', html.read_text(encoding="utf-8"))
        if len(embedded) < len(charts):
            problems.append(f"HTML embeds {len(embedded)} PNGs for {len(charts)} charts")
        bad = [p for p in (png_problem(base64.b64decode(e)) for e in embedded) if p]
        if bad:
            problems.append(f"HTML: {len(bad)} embedded PNGs do not decode ({bad[0]})")
    tex = out_dir / (path.stem + ".tex")
    files = sorted((out_dir / (path.stem + "_files")).glob("*.png"))
    if tex.exists():
        included = [m for line in tex.read_text(encoding="utf-8").splitlines()
                    if "\\adjustimage" in line or "\\includegraphics" in line
                    for m in re.findall(r"\{([^{}\s]+\.png)\}", line)]
        if len(files) < len(charts) or len(included) < len(charts):
            problems.append(f"LaTeX writes {len(files)} PNG files and includes {len(included)} for {len(charts)} charts")
        for f in files:
            p = png_problem(f.read_bytes())
            if p:
                problems.append(f"LaTeX: {f.name} is not a complete PNG ({p})")
    return {"html_pngs": len(re.findall(r'data:image/png;base64,', html.read_text(encoding="utf-8"))) if html.exists() else 0,
            "latex_pngs": len(files)}, problems


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("notebooks", help="folder holding the executed notebook.ipynb and notebooks/")
    ap.add_argument("--label", default="", help="kernel name for the report")
    ap.add_argument("--nbconvert-routes", help="also export with nbconvert --to html/latex into this folder and check the charts")
    ap.add_argument("--jupyter", default="jupyter", help="the jupyter command for --nbconvert-routes")
    ap.add_argument("--counts", help="write the per-notebook counts as JSON here")
    args = ap.parse_args()
    root = Path(args.notebooks).resolve()
    books = ([root / "notebook.ipynb"] if (root / "notebook.ipynb").exists() else []) + sorted((root / "notebooks").glob("*.ipynb"))
    if not books:
        sys.exit(f"no executed notebooks under {root}")
    passed = failed = 0
    report = {}
    label = f" [{args.label}]" if args.label else ""
    for book in books:
        counts, problems = check_notebook(book, book.name)
        if args.nbconvert_routes:
            routes, more = nbconvert_routes(book, Path(args.nbconvert_routes).resolve(), args.jupyter)
            counts.update(routes)
            problems += more
        report[book.name] = counts
        extra = f", nbconvert html {counts['html_pngs']} / latex {counts['latex_pngs']} PNGs" if args.nbconvert_routes else ""
        print(f"{book.name}{label}: {counts['png']} image/png, {counts['html_or_markdown']} text/html|markdown "
              f"({counts['tables_analyses']} tables/analyses, {counts['progress']} progress, {counts['updates']} updates), "
              f"{counts['DisplayData@']} DisplayData@{extra} -> {'ok' if not problems else 'FAILED'}")
        for p in problems[:20]:
            print(f"    {p}")
        passed, failed = (passed + 1, failed) if not problems else (passed, failed + 1)
    if args.counts:
        Path(args.counts).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"notebook outputs{label}: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
