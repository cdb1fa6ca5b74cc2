#!/usr/bin/env python3
"""The rules of run_notebooks.py's scheduling, checked with stand-in jobs (no Jupyter, no kernel; ~2 s):
the Summary starts after every other notebook and each export after its notebook; never more jobs than slots; a cell
that times training steps (exclusive hold of the MachineLock) never overlaps any other cell or export, and is not
starved by notebooks that keep running cells; the longest notebook starts first; one failing job stops the others.

    .venv/bin/python tests/test_notebook_scheduler.py      (or: .venv/bin/python -m pytest tests/test_notebook_scheduler.py)
"""
import asyncio
import sys
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from notebook_scheduler import Job, JobFailed, Lease, MachineLock, SlotClock, run_jobs  # noqa: E402
import run_notebooks  # noqa: E402

TICK = 0.01


class Recorder:
    """Intervals (name, kind, start, end) of everything that ran, on the event loop's clock."""

    def __init__(self):
        self.intervals = []
        self.active = 0
        self.max_active = 0

    async def hold(self, lease: Lease, kind, name, seconds):
        await lease.hold(kind)
        start = time.monotonic()
        await asyncio.sleep(seconds)
        self.intervals.append((name, kind, start, time.monotonic()))
        lease.release()

    def job(self, name, cells, lock):
        """A notebook-like job: cells of (seconds, exclusive?) holding the lock as run_notebooks does."""
        async def run():
            self.active += 1
            self.max_active = max(self.max_active, self.active)
            try:
                lease = Lease(lock)
                for n, (seconds, alone) in enumerate(cells):
                    await self.hold(lease, MachineLock.EXCLUSIVE if alone else MachineLock.SHARED, f"{name}#{n}", seconds)
            finally:
                self.active -= 1
            return name
        return run

    def span(self, prefix):
        mine = [(s, e) for n, _, s, e in self.intervals if n.split("#")[0] == prefix]
        return min(s for s, _ in mine), max(e for _, e in mine)


def overlaps(a, b):
    return a[2] < b[3] - 1e-6 and b[2] < a[3] - 1e-6


class SchedulerTest(unittest.TestCase):

    def study(self, slots, timing=("Task08", "Task09")):
        lock, rec = MachineLock(), Recorder()
        names = ["notebook"] + [f"Task{i:02d}" for i in range(1, 11)]
        jobs = []
        for i, name in enumerate(names):
            cells = [(TICK * (1 + (i * 7) % 5), False) for _ in range(4)]
            if name in timing:
                cells.insert(2, (TICK * 3, True))
            jobs.append(Job(name, rec.job(name, cells, lock), rank=(1, i)))
            jobs.append(Job(name + " (export)", rec.job(name + " (export)", [(TICK, False)], lock),
                            after={name}, rank=(0, i)))
        jobs.append(Job("Summary", rec.job("Summary", [(TICK * 2, False), (TICK, True)], lock), after=set(names),
                        rank=(1, 99)))
        clock = SlotClock(slots)
        results = asyncio.run(run_jobs(jobs, slots, clock))
        return names, rec, results, clock

    def test_summary_starts_after_every_other_notebook_and_exports_after_their_notebook(self):
        for slots in (1, 2, 3):
            names, rec, results, _ = self.study(slots)
            self.assertEqual(len(results), 2 * len(names) + 1)
            summary_start = rec.span("Summary")[0]
            for name in names:
                self.assertLessEqual(rec.span(name)[1], summary_start, f"{name} ended before the Summary started")
                self.assertLessEqual(rec.span(name)[1], rec.span(name + " (export)")[0])

    def test_a_job_that_starts_after_others_fills_a_slot_they_leave_free(self):
        for slots in (2, 3):
            lock, rec = MachineLock(), Recorder()
            jobs = [Job("A", rec.job("A", [(TICK * 6, False)], lock), rank=(1, 0)),
                    Job("B", rec.job("B", [(TICK, False)], lock), rank=(1, 1)),
                    Job("C", rec.job("C", [(TICK * 2, False)], lock), rank=(1, 2)),
                    Job("Summary", rec.job("Summary", [(TICK, False)], lock), starts_after={"A", "B", "C"},
                        rank=(0, 0))]
            asyncio.run(run_jobs(jobs, slots))
            start = rec.span("Summary")[0]
            for name in "ABC":
                self.assertLessEqual(rec.span(name)[0], start, f"{name} started before the Summary")
            self.assertLess(start, rec.span("A")[1], "the Summary starts while the longest notebook still runs")
            self.assertLessEqual(rec.max_active, slots)

    def test_never_more_jobs_than_slots_and_several_when_allowed(self):
        for slots in (1, 2, 3):
            _, rec, _, _ = self.study(slots)
            self.assertLessEqual(rec.max_active, slots)
            self.assertEqual(rec.max_active, slots, "the slots are used")

    def test_a_timing_cell_overlaps_nothing(self):
        _, rec, _, _ = self.study(2, timing=("Task03", "Task04", "Task08", "Task09"))
        alone = [i for i in rec.intervals if i[1] == MachineLock.EXCLUSIVE]
        self.assertEqual(len(alone), 5)
        for a in alone:
            for b in rec.intervals:
                if b is not a:
                    self.assertFalse(overlaps(a, b), f"{a[0]} overlaps {b[0]}")
        # and shared cells did overlap each other (the check above is not vacuous)
        shared = [i for i in rec.intervals if i[1] == MachineLock.SHARED]
        self.assertTrue(any(overlaps(a, b) for a in shared for b in shared if a is not b))

    def test_a_waiting_timing_cell_is_not_starved(self):
        # two notebooks keep running short cells; a third asks to run alone once: it runs before they finish
        async def scenario():
            lock, rec = MachineLock(), Recorder()
            busy = [rec.job(f"busy{i}", [(TICK, False)] * 40, lock) for i in range(2)]
            tasks = [asyncio.ensure_future(b()) for b in busy]
            await asyncio.sleep(TICK * 3)
            await rec.job("timer", [(TICK, True)], lock)()
            timer_end = rec.span("timer")[1]
            await asyncio.gather(*tasks)
            return rec, timer_end

        rec, timer_end = asyncio.run(scenario())
        self.assertLess(timer_end, rec.span("busy0")[1] - 10 * TICK, "the timing cell ran long before the others ended")

    def test_lease_switches_between_shared_and_exclusive(self):
        async def scenario():
            lock = MachineLock()
            a, b = Lease(lock), Lease(lock)
            await a.hold(MachineLock.SHARED)
            await b.hold(MachineLock.SHARED)
            self.assertEqual(lock.readers, 2)
            upgrade = asyncio.ensure_future(a.hold(MachineLock.EXCLUSIVE))
            await asyncio.sleep(TICK)
            self.assertFalse(upgrade.done(), "exclusive waits for the other reader")
            late = asyncio.ensure_future(Lease(lock).hold(MachineLock.SHARED))
            b.release()
            await upgrade
            self.assertTrue(lock.writer)
            self.assertFalse(late.done(), "a later shared request waits behind the exclusive one")
            a.release()
            await late
            self.assertEqual(lock.readers, 1)

        asyncio.run(scenario())

    def test_longest_first_when_ranked_by_expected_seconds(self):
        started = []

        async def quick():
            await asyncio.sleep(0)

        jobs = [Job(n, quick, rank=(0, -s, i)) for i, (n, s) in enumerate([("a", 5), ("b", 30), ("c", 10)])]
        asyncio.run(run_jobs(jobs, 1, on_start=lambda j: started.append(j.name)))
        self.assertEqual(started, ["b", "c", "a"])

    def test_a_failing_job_stops_the_others(self):
        cancelled = []

        async def fails():
            await asyncio.sleep(TICK)
            raise RuntimeError("cell 3 failed")

        async def long():
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                cancelled.append(True)
                raise

        jobs = [Job("bad", fails), Job("long", long), Job("later", long, after={"bad"})]
        with self.assertRaises(JobFailed) as caught:
            asyncio.run(run_jobs(jobs, 2))
        self.assertEqual(caught.exception.job, "bad")
        self.assertEqual(cancelled, [True])

    def test_jobs_waiting_for_each_other_are_reported(self):
        async def nothing():
            pass

        with self.assertRaises(ValueError):
            asyncio.run(run_jobs([Job("a", nothing, after={"b"}), Job("b", nothing, after={"a"})], 2))


class PlanTest(unittest.TestCase):
    """run_notebooks.plan on the real study: the Summary after every other notebook, with every core."""

    def test_the_study_plan(self):
        books = run_notebooks.study_notebooks()
        self.assertTrue(any(run_notebooks.is_summary(b) for b in books), "the study has a Summary")

        def notebook(i, book, target, say, env):
            return (book, env)

        def export(i, book, target, say):
            return None

        jobs = run_notebooks.plan(books, 2, None, notebook, export, lambda i, rel: print)
        by_name = {j.name: j for j in jobs}
        summary = next(j for j in jobs if j.name.endswith("Summary.ipynb"))
        others = {run_notebooks.shown(b) for b in books if not run_notebooks.is_summary(b)}
        self.assertEqual(summary.starts_after, others)
        self.assertEqual(summary.after, set())
        for name in others:
            self.assertEqual(by_name[name].after, set(), f"{name} is independent")
            self.assertEqual(by_name[name + " (export)"].after, {name})
        self.assertTrue(all(k.rank < j.rank for j in jobs if "(export)" not in j.name for k in jobs if "(export)" in k.name),
                        "with several slots, a finished notebook's export goes before the next notebook")
        notebooks = sorted((j for j in jobs if "(export)" not in j.name and j is not summary), key=lambda j: j.rank)
        cost = [(run_notebooks.training_epochs(run_notebooks.ROOT / j.name),
                 run_notebooks.saved_seconds(run_notebooks.ROOT / j.name)) for j in notebooks]
        self.assertEqual(cost, sorted(cost, reverse=True), "the longest notebooks first")
        _, env = summary.run()
        _, task_env = by_name[run_notebooks.shown(books[1])].run()
        if "STUDY_WORKERS" not in run_notebooks.os.environ and run_notebooks.cores() >= 2:
            self.assertNotIn("ActiveProcessorCount", env.get("KERNEL_JAVA_OPTS", ""), "the Summary keeps every core")
            self.assertIn("ActiveProcessorCount", task_env.get("KERNEL_JAVA_OPTS", ""))
            self.assertEqual(task_env["STUDY_WORKERS"], str(max(1, run_notebooks.cores() // 2)))

    def test_the_notebook_with_more_to_train_goes_first_whatever_its_last_run_took(self):
        import json
        import tempfile
        from pathlib import Path

        def book(folder, name, source, seconds):
            cell = {"cell_type": "code", "source": source, "metadata": {"execution": {
                "iopub.status.busy": "2026-12-02T10:00:00Z", "iopub.status.idle": f"2026-12-02T10:00:{seconds:02d}Z"}}}
            path = Path(folder) / name
            path.write_text(json.dumps({"cells": [cell]}))
            return path

        with tempfile.TemporaryDirectory() as folder:
            short = book(folder, "A.ipynb", "m.fit(data.train(), epochs(5), batchSize(32));", 30)
            long = book(folder, "B.ipynb", "m.fit(data.train(), epochs(20), batchSize(32));", 10)
            small_batches = book(folder, "C.ipynb", "m.fit(data.train(), epochs(5), batchSize(8));", 10)
            self.assertGreater(run_notebooks.training_epochs(long), run_notebooks.training_epochs(small_batches))
            self.assertGreater(run_notebooks.training_epochs(small_batches), run_notebooks.training_epochs(short))
            jobs = run_notebooks.plan([short, long, small_batches], 2, None, lambda *a: None, None,
                                      lambda i, rel: print)
            order = [Path(j.name).name for j in sorted(jobs, key=lambda j: j.rank)]
            self.assertEqual(order, ["B.ipynb", "C.ipynb", "A.ipynb"])

    def test_one_slot_keeps_the_given_order_with_each_export_after_its_notebook(self):
        books = run_notebooks.study_notebooks()
        jobs = run_notebooks.plan(books, 1, None, lambda *a: None, lambda *a: None, lambda i, rel: print)
        ordered = [j.name for j in sorted(jobs, key=lambda j: j.rank)]
        expected = []
        for b in books:
            expected += [run_notebooks.shown(b), run_notebooks.shown(b) + " (export)"]
        self.assertEqual(ordered, expected)


if __name__ == "__main__":
    unittest.main(verbosity=1)
