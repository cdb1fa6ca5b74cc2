#!/usr/bin/env python3
"""Executes the study's notebooks headlessly with the `java` kernel (or --kernel NAME) and exports them, several at
once. Run it with the project's Jupyter environment (.venv, made by scripts/setup.sh), as run-study.sh and test.sh do:

    .venv/bin/python scripts/run_notebooks.py                 # every notebook; saved in place; HTML + PDF exports
    .venv/bin/python scripts/run_notebooks.py --only Task05   # notebooks whose name contains Task05
    STUDY_QUICK=1 .venv/bin/python scripts/run_notebooks.py --quick-copy   # CI: executed copies under test-output/
    STUDY_QUICK=1 .venv/bin/python scripts/run_notebooks.py --kernel ijava --out test-output/quick-ijava --no-pdf
    .venv/bin/python scripts/run_notebooks.py --jobs 1        # one notebook at a time, each export after its notebook

Scheduling (--jobs N, default STUDY_JOBS or one per core, at most 4): up to N notebooks or exports run at once, each
kernel with STUDY_WORKERS = cores / N training workers (unless STUDY_WORKERS is set) and, for the bundled kernel, a
JVM that sees that many processors (-XX:ActiveProcessorCount in KERNEL_JAVA_OPTS), so N kernels do not oversubscribe
the cores. The task notebooks are independent (two that fit the same model share its runs through the run cache's
per-entry lock: it is trained once); the Summary reads what they recorded: it starts once every other notebook has
started, so its kernel start and setup cell fill a slot the last notebooks leave free, and its cells from the second
on wait until they have all finished.
Notebooks start longest first (by the execution times saved in the notebooks themselves); a finished notebook's export
runs before the next notebook starts, beside the notebooks in the other slots (exports left for the end would queue
behind the Summary, whose timing cell runs alone). A cell that times training steps (`stepTime(`: StepTimer's
controlled timing, one core, interleaved) runs alone: it waits until the cells and exports running elsewhere have
finished, and nothing else starts until it is done (notebook_scheduler.MachineLock), so its timings are taken on an
otherwise quiet study, as with one notebook at a time. Results do not depend on the scheduling (every run is seeded).

Next to every executed copy (not beside the committed notebooks) a `<name>.displays.json` records, per code cell, the
display messages the kernel sent (display ids shown, update_display_data per id): tests/check_notebook_outputs.py
uses it to check that a progress display was updated in place.

Each notebook runs with its own folder as the working directory (so its relative paths hold). Progress is printed one
line per event, prefixed with the notebook ([i/n] name: ...); the first failing cell stops the run (the other running
notebooks are stopped) with the notebook, the cell number and the error.
STUDY_PROFILE=<file>: also appends where each notebook's time went (kernel start, each cell, waiting, saving,
exports) to <file> as tab-separated rows (notebook, phase, seconds). STUDY_SPLIT=<file>: writes the run's time split
(below) there as tab-separated rows (part, seconds). The split is always printed at the end: slot-seconds of model
cells (training or loading), other cells, kernel start + setup cell + shutdown, exports, waiting for a timing cell,
idle slots; and the CPU time used (on Linux the whole machine's, from /proc/stat) against what the cores offered
(idle cores).
"""
import argparse
import asyncio
import datetime
import json
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from notebook_exports import Exports  # noqa: E402
from notebook_scheduler import Job, JobFailed, Lease, MachineLock, SlotClock, run_jobs  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PROFILE = os.environ.get("STUDY_PROFILE")
# cells that time training steps under control: they run with nothing else running
TIMING_CELL = re.compile(r"\bstepTime\s*\(")
# cells that fit models (train them, or load their runs from the cache): "model cells" in the time split
MODEL_CELL = re.compile(r"\.fit\s*\(")

SPLIT_PARTS = (
    ("model", "model cells (fit: training or loading runs)"),
    ("cells", "other cells (charts, measures, analyses)"),
    ("fixed", "kernel start, setup cell, shutdown and saving"),
    ("export", "exports (HTML, PDF)"),
    ("wait", "waiting while a timing cell runs alone"),
    ("idle", "slots with nothing to run"),
)


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


def is_summary(book: Path) -> bool:
    """A notebook that reads what the others recorded: it runs after all of them."""
    return book.stem.lower().startswith("summary")


def saved_seconds(book: Path) -> float:
    """The seconds the notebook's cells took when it was last executed and saved (nbclient's per-cell timestamps),
    0 when it carries none: how long it is expected to take, relative to the others."""
    total = 0.0
    try:
        nb = json.loads(book.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0.0
    for cell in nb.get("cells", []):
        e = cell.get("metadata", {}).get("execution", {})
        try:
            busy = datetime.datetime.fromisoformat(e["iopub.status.busy"].replace("Z", "+00:00"))
            idle = datetime.datetime.fromisoformat(e["iopub.status.idle"].replace("Z", "+00:00"))
            total += max(0.0, (idle - busy).total_seconds())
        except (KeyError, ValueError, AttributeError):
            continue
    return total


FIT_EPOCHS = re.compile(r"\bepochs\((\d+)\)")
FIT_BATCH = re.compile(r"\bbatchSize\((\d+)\)")


def training_epochs(book: Path) -> float:
    """What the notebook's fit cells would train from an empty run cache, in batch-32 epochs: each cell's
    epochs(N) weighted by (32 / batchSize)^0.7 (the measured cost of an epoch at batch 8 and 128 relative to 32:
    2.6x and 0.4x). Saved execution times only say how long the last run took, which after a cached run is loading."""
    try:
        nb = json.loads(book.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0.0
    total = 0.0
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.get("source", []))
        batch = FIT_BATCH.search(source)
        weight = (32 / int(batch.group(1))) ** 0.7 if batch and int(batch.group(1)) > 0 else 1.0
        total += sum(int(n) for n in FIT_EPOCHS.findall(source)) * weight
    return total


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def default_jobs() -> int:
    value = os.environ.get("STUDY_JOBS", "").strip()
    if value:
        try:
            n = int(value)
            if n >= 1:
                return n
        except ValueError:
            pass
        raise SystemExit(f"STUDY_JOBS must be a whole number from 1, got '{value}'")
    return max(1, min(cores(), 4))


def kernel_env(slots: int, alone: bool = False) -> dict:
    """The environment of a kernel: with several notebooks at once, each gets its share of the cores; a notebook that
    runs after all the others (`alone`: the Summary) keeps every core."""
    env = dict(os.environ)
    if slots <= 1 or alone:
        return env
    share = max(1, cores() // slots)
    env.setdefault("STUDY_WORKERS", str(share))
    opts = env.get("KERNEL_JAVA_OPTS", "")
    if "ActiveProcessorCount" not in opts:  # read by the bundled kernel's launch.sh; other kernels ignore it
        env["KERNEL_JAVA_OPTS"] = (opts + f" -XX:ActiveProcessorCount={share}").strip()
    return env


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


class NotebookFailed(Exception):
    pass


class Split:
    """Slot-seconds per part of the run (see SPLIT_PARTS)."""

    def __init__(self):
        self.seconds = {key: 0.0 for key, _ in SPLIT_PARTS}

    def add(self, part: str, seconds: float):
        self.seconds[part] += max(0.0, seconds)


async def execute(path: Path, out: Path, timeout: int, kernel: str, lock: MachineLock, env: dict, say, split: Split,
                  gate=None) -> float:
    """Executes the notebook at `path` into `out`; `gate`, when given, is awaited before its second code cell (the
    Summary: what it reads is recorded by the notebooks still running)."""
    nb = nbformat.read(path, as_version=4)
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    lease = Lease(lock)
    started = time.time()
    state = {"t": started, "last": started}

    async def on_start(cell, cell_index, **kwargs):
        if cell.cell_type != "code" or not cell.source.strip():
            return
        n = code_cells.index(cell_index) + 1
        if gate is not None and n == 2:
            t = time.time()
            if not gate.is_set():
                say("waiting for the other notebooks to finish")
            await gate.wait()
            if time.time() - t > 0.05:
                profile(path, "cell 2: waiting for the other notebooks", time.time() - t)
                split.add("idle", time.time() - t)
        alone = bool(TIMING_CELL.search(cell.source))
        if alone and (lock.readers > (1 if lease.kind else 0) or lock.writer):
            say(f"cell {n}/{len(code_cells)} times training steps: waiting until it can run alone")
        before, t = lease.waited, time.time()
        await lease.hold(MachineLock.EXCLUSIVE if alone else MachineLock.SHARED)
        waited = lease.waited - before
        if waited > 0.05:
            profile(path, f"cell {n}: waiting while a timing cell runs alone" if not alone
                    else f"cell {n}: waiting to run alone", waited)
            split.add("wait", waited)
        if "first" not in state:
            state["first"] = True
            seconds = t - started
            profile(path, "kernel start (until the first cell runs)", seconds)
            split.add("fixed", seconds)
        state["t"] = time.time()
        state["alone"] = alone

    def on_done(cell, cell_index, **kwargs):
        now = time.time()
        state["last"] = now
        if cell.cell_type != "code":
            return
        lease.release()
        n = code_cells.index(cell_index) + 1
        seconds = now - state["t"]
        first_line = cell.source.strip().splitlines()[0][:60] if cell.source.strip() else ""
        profile(path, f"cell {n}: {first_line}", seconds)
        part = "fixed" if n == 1 else "model" if MODEL_CELL.search(cell.source) else "cells"
        split.add(part, seconds)
        say(f"cell {n}/{len(code_cells)} {seconds:.1f} s" + (" (alone: timed training steps)" if state.get("alone") else ""))

    client = RecordingClient(nb, kernel_name=kernel, timeout=timeout, allow_errors=False,
                             resources={"metadata": {"path": str(path.parent)}},
                             on_cell_start=on_start, on_cell_executed=on_done)
    try:
        await lease.hold(MachineLock.SHARED)  # the kernel's start-up is work on the machine too
        if lease.waited > 0.05:
            split.add("wait", lease.waited)
            started = state["t"] = time.time()
        await client.async_execute(env=env)
    except CellExecutionError as e:
        failing = next((i for i in code_cells if any(o.get("output_type") == "error" for o in nb.cells[i].get("outputs", []))), None)
        where = f"code cell {code_cells.index(failing) + 1}" if failing is not None else "a cell"
        raise NotebookFailed(f"FAILED: {shown(path)}, {where}:\n{e}") from None
    finally:
        lease.release()
    done = time.time()
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out)
    profile(path, "kernel shutdown and saving", time.time() - state.get("last", done))
    split.add("fixed", time.time() - state.get("last", done))
    if out.resolve() != path.resolve():  # executed copies only: nothing is written beside the committed notebooks
        log = {"kernel": kernel, "cells": {str(i): v for i, v in sorted(client.display_log.items())}}
        out.with_name(out.stem + ".displays.json").write_text(json.dumps(log, indent=1) + "\n", encoding="utf-8")
    return time.time() - started


def jupyter() -> str:
    """The `jupyter` command of the environment running this script (the project's .venv), else the one on PATH."""
    own = Path(sys.executable).with_name("jupyter")
    return str(own) if own.exists() else "jupyter"


async def run(cmd, timeout=None):
    """Runs a command; raises with its standard error when it fails."""
    proc = await asyncio.create_subprocess_exec(*cmd, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    try:
        _, err = await asyncio.wait_for(proc.communicate(), timeout)
    except (asyncio.TimeoutError, asyncio.CancelledError):
        proc.kill()
        await proc.wait()
        raise
    if proc.returncode != 0:
        raise RuntimeError(f"{Path(cmd[0]).name} failed ({proc.returncode}): {err.decode(errors='replace')[-2000:]}")


def cpu_seconds():
    """(CPU seconds used so far, whose they are): on Linux, when this process may use every core, by the whole machine (/proc/stat:
    everything but idle and I/O wait); elsewhere by this process and its finished children (kernels, nbconvert), which
    misses the children still running when it is read (Chromium and Playwright's driver run until the end)."""
    machine = machine_busy_seconds()
    if machine is not None:
        return machine, "the machine"
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime, "the kernels and exports"


def machine_busy_seconds():
    """Core-seconds the machine's cores were busy since boot (/proc/stat), or None where that is not the machine's
    whole CPU (not Linux, or this process is limited to some of the cores)."""
    try:
        if cores() != os.cpu_count():
            return None
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        user, nice, system, _idle, _iowait, irq, softirq = fields[:7]
        return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def load_average() -> str:
    try:
        return "{:.2f}".format(os.getloadavg()[0])
    except OSError:
        return "?"


def report_split(split: Split, wall: float, slots: int, cpu: float, whose: str, load_start: str, load_end: str,
                 target=None):
    """Prints the time split and, with `target`, writes it there as tab-separated rows."""
    n = cores()
    rows = [(key, label, split.seconds[key]) for key, label in SPLIT_PARTS]
    print(f"time split: {wall:.0f} s wall, {slots} slot(s) = {wall * slots:.0f} slot-seconds "
          f"(a part's share of the wall time = its slot-seconds / {slots}):")
    for _, label, seconds in rows:
        print(f"  {label:<48} {seconds:7.1f} slot-s  {seconds / slots:6.1f} s  {100 * seconds / max(1e-9, wall * slots):5.1f} %")
    idle_cores = max(0.0, n * wall - cpu)
    print(f"  CPU used by {whose}: {cpu:.0f} of {n} cores x {wall:.0f} s = {n * wall:.0f} core-s; "
          f"idle cores {idle_cores:.0f} core-s ({100 * idle_cores / max(1e-9, n * wall):.0f} %)")
    busy = load_start != "?" and float(load_start) > 0.5
    print(f"  load average {load_start} at the start, {load_end} at the end"
          + (" (the machine was not idle at the start: not an idle machine's figures)" if busy else ""))
    if target:
        with open(target, "w", encoding="utf-8") as f:
            f.write("part\tseconds\n")
            f.write(f"wall\t{wall:.1f}\nslots\t{slots}\ncores\t{n}\n")
            for key, _, seconds in rows:
                f.write(f"{key}_slot_s\t{seconds:.1f}\n")
            f.write(f"cpu_core_s\t{cpu:.1f}\nidle_core_s\t{idle_cores:.1f}\n")
            f.write(f"load_start\t{load_start}\nload_end\t{load_end}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("notebooks", nargs="*", help="notebook files (default: the whole study)")
    ap.add_argument("--only", help="run only notebooks whose file name contains this text")
    ap.add_argument("--quick-copy", action="store_true",
                    help="save executed notebooks and exports under test-output/quick/ instead of in place")
    ap.add_argument("--out", help="save executed notebooks (notebooks-executed/) and exports under this folder "
                                  "instead of in place (e.g. for a Fashion-MNIST run)")
    ap.add_argument("--kernel", default="java", help="kernelspec to run them with (default: java, e.g. ijava)")
    ap.add_argument("--no-export", action="store_true", help="skip the HTML and PDF exports")
    ap.add_argument("--no-pdf", action="store_true", help="skip the PDF export")
    ap.add_argument("--timeout", type=int, default=3600, help="seconds one cell may take (default 3600)")
    ap.add_argument("--jobs", type=int, default=None,
                    help="notebooks (or exports) at once (default: STUDY_JOBS, else one per core, at most 4; "
                         "1: one after another, each export right after its notebook)")
    args = ap.parse_args()

    books = [Path(p).resolve() for p in args.notebooks] or study_notebooks()
    if args.only:
        books = [b for b in books if args.only in b.name]
    if not books:
        raise SystemExit("no notebooks to run")
    jobs = args.jobs if args.jobs is not None else default_jobs()
    if jobs < 1:
        raise SystemExit("--jobs must be at least 1")
    out_root = ROOT / "test-output" / "quick" if args.quick_copy else (Path(args.out).resolve() if args.out else None)
    exports = (out_root or ROOT) / "exports"
    slots = min(jobs, len(books))
    try:
        return asyncio.run(run_study(books, args, out_root, exports, slots))
    except KeyboardInterrupt:
        raise SystemExit("interrupted")


def runs_last(books):
    """The notebooks that read what all the others recorded (the Summary): they start once the others have started,
    and their cells after the setup cell wait until the others have finished."""
    return {b for b in books if is_summary(b)} if len(books) > 1 else set()


def plan(books, slots, out_root, notebook, export, say_for):
    """The jobs of a run: per notebook `notebook(i, book, target, say, env)` and, unless `export` is None, its
    `export(i, book, target, say)` after it. With one slot: the given order, each export right after its notebook
    (as before); with several: a finished notebook's export before the next notebook starts (so exports run beside
    the other slots' notebooks and do not pile up behind the Summary), the longest notebooks first (training_epochs,
    then saved_seconds);
    the Summary once every other notebook has started, with every core (kernel_env)."""
    last = runs_last(books)
    jobs = []
    for i, book in enumerate(books, 1):
        rel = shown(book)
        target = out_root / "notebooks-executed" / rel if out_root else book
        say = say_for(i, rel)
        env = kernel_env(slots, alone=book in last)
        rank = (0, i, 0) if slots == 1 else (1, -training_epochs(book), -saved_seconds(book), i)
        others = {shown(b) for b in books if b not in last} if book in last else set()
        jobs.append(Job(rel, lambda i=i, book=book, target=target, say=say, env=env: notebook(i, book, target, say, env),
                        starts_after=others, rank=rank))
        if export is not None:
            jobs.append(Job(rel + " (export)", lambda i=i, book=book, target=target, say=say: export(i, book, target, say),
                            after={rel}, rank=(0, i, 1) if slots == 1 else (0, i)))
    return jobs


async def run_study(books, args, out_root, exports, slots):
    lock = MachineLock()
    split = Split()
    total, (cpu0, _), load0 = time.time(), cpu_seconds(), load_average()
    count = len(books)
    last = runs_last(books)
    if slots > 1:
        env = kernel_env(slots)
        print(f"{count} notebooks, {slots} at a time (each kernel with STUDY_WORKERS={env.get('STUDY_WORKERS')}"
              f"{', KERNEL_JAVA_OPTS=' + env['KERNEL_JAVA_OPTS'] if env.get('KERNEL_JAVA_OPTS') else ''}"
              f"{'; the Summary, with every core, reads what the others recorded once they have finished' if last else ''}); "
              f"cells that time training steps run alone", flush=True)

    def say_for(i, rel):
        return lambda message: print(f"[{i}/{count}] {rel}: {message}", flush=True)

    others_done, unfinished = asyncio.Event(), {b for b in books if b not in last}
    if not unfinished:
        others_done.set()

    async def notebook(i, book, target, say, env):
        expected = saved_seconds(book)
        say("started" + (f" (its cells took {expected:.0f} s when it was last saved)" if expected else ""))
        seconds = await execute(book, target, args.timeout, args.kernel, lock, env, say, split,
                                gate=others_done if book in last else None)
        say(f"executed in {seconds:.0f} s -> {shown(target)}")
        unfinished.discard(book)
        if not unfinished:
            others_done.set()

    async def export(i, book, target, say):
        lease = Lease(lock)
        await lease.hold(MachineLock.SHARED)
        split.add("wait", lease.waited)
        try:
            t = time.time()
            html = await exporter.html(target)
            profile(book, "HTML export (nbconvert)", time.time() - t)
            line = f"exported {shown(html)}"
            if not args.no_pdf:
                t2 = time.time()
                line += f", {shown(await exporter.pdf(html))}"
                profile(book, "PDF export (Chromium)", time.time() - t2)
            split.add("export", time.time() - t)
            say(f"{line} ({time.time() - t:.1f} s)")
        finally:
            lease.release()

    exporter = Exports(exports, pdf=not args.no_pdf)
    job_list = plan(books, slots, out_root, notebook, None if args.no_export else export, say_for)
    clock = SlotClock(slots)
    try:
        await run_jobs(job_list, slots, clock)
    except JobFailed as e:
        error = e.error
        raise SystemExit(str(error) if isinstance(error, (NotebookFailed, SystemExit)) else f"FAILED: {e}") from None
    finally:
        await exporter.close()
    wall = time.time() - total
    split.add("idle", clock.idle)
    print(f"all {count} notebooks executed in {wall:.0f} s" + (f", {slots} at a time" if slots > 1 else ""))
    cpu1, whose = cpu_seconds()
    report_split(split, wall, slots, cpu1 - cpu0, whose, load0, load_average(), os.environ.get("STUDY_SPLIT"))


if __name__ == "__main__":
    main()
