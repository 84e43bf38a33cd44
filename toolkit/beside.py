"""Run one slow part of a job in a second process, beside the main one, when the computer has the
cores for it: how `lessonkit validate` and a build's checks use two cores (the slide-layout rules in
one process, the content rules in the other).

The second process is forked, so it starts with everything the main process has loaded (modules,
models, catalogues) and is sent only each task's own inputs. Where the system cannot fork, or with
one job, tasks run in the main process when their result is asked for: the same results, in the
same order, one core.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from typing import TYPE_CHECKING, Any, Callable, Optional

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor


def default_jobs() -> int:
    """The number of cores this process may use: the default of `--jobs`."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def fork_context():
    """The fork start method where the system has it (Linux), else None: a process started afresh
    would import and load everything again, which costs more than it saves."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


class _Inline:
    """A task run where and when its result is first asked for."""

    def __init__(self, task: Callable[..., Any], args: tuple):
        self.task, self.args = task, args
        self.outcome: Optional[tuple] = None

    def done(self) -> bool:
        return self.outcome is not None

    def result(self) -> Any:
        if self.outcome is None:
            self.outcome = (self.task(*self.args),)
        return self.outcome[0]


class _Beside:
    """A task sent to the second process; run in this one if that process is lost (e.g. killed)."""

    def __init__(self, future: Future, task: Callable[..., Any], args: tuple):
        self.future, self.task, self.args = future, task, args

    def done(self) -> bool:
        return self.future.done()

    def result(self) -> Any:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.future.result()
        except BrokenProcessPool:
            return self.task(*self.args)


class Beside:
    """`with Beside(jobs) as beside: pending = beside.submit(task, *args); ...; pending.result()`.

    Tasks must be module-level functions; their arguments and results are pickled. An exception in
    a task is raised again by `result()`, as if the task had run here."""

    def __init__(self, jobs: int):
        self.context = fork_context() if jobs > 1 else None
        self.pool: Optional[ProcessPoolExecutor] = None
        self.frozen = False

    def __enter__(self) -> "Beside":
        return self

    def submit(self, task: Callable[..., Any], *args: Any):
        if self.context is None:
            return _Inline(task, args)
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        if self.pool is None:
            # What this process holds now is not garbage: frozen, the forked process's collections
            # neither walk it nor copy the memory the two share by touching it.
            gc.freeze()
            self.frozen = True
            self.pool = ProcessPoolExecutor(max_workers=1, mp_context=self.context)
        try:
            return _Beside(self.pool.submit(task, *args), task, args)
        except BrokenProcessPool:
            return _Inline(task, args)

    def __exit__(self, *exc_info) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        if self.frozen:
            gc.unfreeze()
            self.frozen = False
