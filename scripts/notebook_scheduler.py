"""How scripts/run_notebooks.py keeps the machine's cores busy: a small asyncio scheduler, kept apart from Jupyter so
tests/test_notebook_scheduler.py can check its rules with stand-in jobs.

* `run_jobs` runs jobs on `slots` slots (one notebook, or one export, per slot): a job starts when every job it comes
  `after` has finished and every job it `starts_after` has started; of the ready jobs, the first by `rank` (lower
  first; ties keep the given order) starts.
  run_notebooks.py ranks notebooks before exports, longer notebooks first, so an export fills a slot that no notebook
  can use (e.g. while the Summary waits for the last task) and the longest notebook does not start last.
* `MachineLock` is a shared/exclusive lock on the whole machine: everything holds it shared (a notebook's kernel start,
  each of its cells, an export), and a cell that times training steps (`stepTime(...)`, StepTimer: one core,
  interleaved) holds it exclusively, so nothing else runs while steps are timed. Waiters are served in arrival order,
  so a waiting timing cell is not starved: cells that ask after it wait until it has run.
* `SlotClock` adds up, over the run, how many slots had nothing to run (slot-seconds idle).
"""
import asyncio
import collections
import time
from dataclasses import dataclass, field
from typing import Awaitable, Callable


class MachineLock:
    """Shared/exclusive lock, first come first served (a queued exclusive request holds back later shared ones)."""

    SHARED, EXCLUSIVE = "shared", "exclusive"

    def __init__(self):
        self.readers = 0
        self.writer = False
        self._queue = collections.deque()  # (kind, future)

    def _free_for(self, kind) -> bool:
        if kind == self.SHARED:
            return not self.writer
        return not self.writer and self.readers == 0

    def _grant(self, kind):
        if kind == self.SHARED:
            self.readers += 1
        else:
            self.writer = True

    def _wake(self):
        while self._queue and self._free_for(self._queue[0][0]):
            kind, fut = self._queue.popleft()
            if fut.cancelled():
                continue
            self._grant(kind)
            fut.set_result(None)

    async def acquire(self, kind):
        if not self._queue and self._free_for(kind):
            self._grant(kind)
            return
        fut = asyncio.get_running_loop().create_future()
        self._queue.append((kind, fut))
        try:
            await fut
        except asyncio.CancelledError:
            if fut.done() and not fut.cancelled():  # granted just before the cancellation arrived
                self.release(kind)
            else:
                self._queue = collections.deque(w for w in self._queue if w[1] is not fut)
                self._wake()
            raise

    def release(self, kind):
        if kind == self.SHARED:
            assert self.readers > 0, "shared lock released more often than taken"
            self.readers -= 1
        else:
            assert self.writer, "exclusive lock released but not held"
            self.writer = False
        self._wake()


class Lease:
    """One job's hold on a MachineLock: shared or exclusive or nothing, switched with `hold`; `waited` adds up the
    seconds spent waiting for it."""

    def __init__(self, lock: MachineLock):
        self.lock = lock
        self.kind = None
        self.waited = 0.0

    async def hold(self, kind):
        if self.kind == kind:
            return
        self.release()
        t = time.monotonic()
        await self.lock.acquire(kind)
        self.waited += time.monotonic() - t
        self.kind = kind

    def release(self):
        if self.kind is not None:
            self.lock.release(self.kind)
            self.kind = None


@dataclass
class Job:
    name: str
    run: Callable[[], Awaitable[object]]
    after: set = field(default_factory=set)
    rank: tuple = ()
    starts_after: set = field(default_factory=set)


class SlotClock:
    """Integrates (slots - running jobs) over time: slot-seconds when a slot had nothing to run."""

    def __init__(self, slots: int):
        self.slots = slots
        self.running = 0
        self.idle = 0.0
        self._t = time.monotonic()

    def set_running(self, n: int):
        now = time.monotonic()
        self.idle += max(0, self.slots - self.running) * (now - self._t)
        self._t = now
        self.running = n


class JobFailed(Exception):
    def __init__(self, job: str, error: BaseException):
        super().__init__(f"{job}: {error}")
        self.job = job
        self.error = error


async def run_jobs(jobs, slots: int, clock: SlotClock = None, on_start=None):
    """Runs `jobs` (a list of Job) on `slots` slots; returns {name: result}. The first failing job cancels the running
    ones and raises JobFailed (nothing else starts). A job whose `after` names no job of the list just starts."""
    if slots < 1:
        raise ValueError("at least one slot is needed")
    names = {j.name for j in jobs}
    if len(names) != len(jobs):
        raise ValueError("job names must be unique")
    order = {j.name: i for i, j in enumerate(jobs)}
    waiting = list(jobs)
    started, done, results, running = set(), set(), {}, {}
    clock = clock or SlotClock(slots)
    try:
        while waiting or running:
            ready = [j for j in waiting if not ((j.after & names) - done) and not ((j.starts_after & names) - started)]
            ready.sort(key=lambda j: (j.rank, order[j.name]))
            for job in ready[:slots - len(running)]:
                waiting.remove(job)
                started.add(job.name)
                if on_start:
                    on_start(job)
                running[asyncio.ensure_future(job.run())] = job
            clock.set_running(len(running))
            if not running:
                raise ValueError("jobs wait for each other: " + ", ".join(j.name for j in waiting))
            finished, _ = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
            for task in finished:
                job = running.pop(task)
                if task.exception() is not None:
                    raise JobFailed(job.name, task.exception())
                results[job.name] = task.result()
                done.add(job.name)
        clock.set_running(0)
        return results
    finally:
        for task in running:
            task.cancel()
        if running:
            await asyncio.gather(*running, return_exceptions=True)
        clock.set_running(0)
