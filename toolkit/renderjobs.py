"""Render a build's units (one lesson, for one audience, in one format, for one pack), in worker
processes when asked (`lessonkit build --jobs N`).

Each unit is rendered from the same inputs wherever it runs, and the results come back in the
order of the units whatever order the workers finish in, so a parallel build writes the same
bytes as a serial one. Nothing here writes a file: a worker that fails stops the build with one
error before anything is written.
"""

from __future__ import annotations

import gc
import os
import pickle
import traceback
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from .beside import fork_context
from .errors import ContentErrors, LessonkitError
from .load import Project
from .model import SchoolProfile
from .render import OutputFile, RenderContext, RenderOptions, formats
from .wording import _


@dataclass(frozen=True)
class Unit:
    """One lesson, for one audience, in one format, for one pack."""

    school: Optional[int]
    """Index into the build's schools; None for the national pack."""
    lesson: str
    audience: str
    format: str


@dataclass
class UnitResult:
    """What rendering one unit gave: its files, and what the renderer wants said."""

    files: List[OutputFile]
    warnings: List[str] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)


@dataclass(frozen=True)
class Job:
    """Everything every unit of one build needs (sent to each worker once)."""

    project: Project
    schools: Tuple[SchoolProfile, ...]
    options: RenderOptions
    include: Tuple[str, ...] = ()
    exclude: Tuple[str, ...] = ()

    def school(self, unit: Unit) -> Optional[SchoolProfile]:
        return None if unit.school is None else self.schools[unit.school]


class WorkerFailed(LessonkitError):
    """A unit could not be rendered in a worker process (a bug, or the worker was killed)."""


_adapted: Dict[str, object] = {}


def render_unit(job: Job, unit: Unit) -> UnitResult:
    """Adapt the lesson for the unit's audience and pack, and run its format."""
    from .adapt import adapt
    from .wording import language

    with language(job.options.language):  # every word of the unit in the build's language, in any process
        key = (unit.school, unit.lesson, unit.audience)
        if _adapted.get("key") != key:  # the formats of one lesson and audience come one after another
            lesson = job.project.lesson(unit.lesson)
            _adapted.update(key=key, value=adapt(lesson, job.project.audiences[unit.audience], job.project.routes,
                                                 job.school(unit), job.include, job.exclude,
                                                 nations=job.project.nations, audiences=job.project.audiences))
        if "formats" not in _adapted:
            _adapted["formats"] = formats()
        context = RenderContext(options=job.options)
        files = _adapted["formats"][unit.format].render(_adapted["value"], context)
    return UnitResult(list(files), list(context.warnings), list(context.notes))


def run_units(job: Job, units: Sequence[Unit], jobs: int,
              done: Optional[Callable[[int, UnitResult], None]] = None) -> List[UnitResult]:
    """Every unit's result, in the order of `units`; `done(i, result)` is called in that order too."""
    results: List[UnitResult] = []
    try:
        if jobs <= 1 or len(units) <= 1:
            for index, unit in enumerate(units):
                results.append(render_unit(job, unit))
                if done:
                    done(index, results[-1])
            return results
        formats()  # load the formats before the workers start, so each does not load them again
        context = fork_context()
        # What lessonkit holds so far (modules, models, lessons) is not garbage: frozen, a forked worker's
        # collections do not walk it again, nor copy the memory it shares with lessonkit by touching it.
        gc.freeze()
        pool = ProcessPoolExecutor(max_workers=min(jobs, len(units)), mp_context=context,
                                   initializer=_start_worker, initargs=(job,))
        try:
            futures: List = [None] * len(units)
            for index in _slowest_first(units):
                futures[index] = pool.submit(_render_in_worker, units[index])
            for index, (unit, future) in enumerate(zip(units, futures)):
                outcome = future.result()
                if isinstance(outcome, _Failure):
                    raise outcome.error(unit)
                results.append(outcome)
                if done:
                    done(index, outcome)
            return results
        except BrokenProcessPool:
            raise WorkerFailed(_(
                "a build worker stopped unexpectedly (perhaps the computer ran out of memory). Nothing was "
                "written; earlier outputs are unchanged. Run again, or with fewer --jobs.")) from None
        finally:
            pool.shutdown(wait=True, cancel_futures=True)  # one unit failed or Ctrl-C: do not render the rest
            gc.unfreeze()
    finally:
        _adapted.clear()


_SLOW_FORMATS = ("slides", "lesson-plan", "handout", "quiz-paper", "parent-letter")
"""The formats that take longest to render, slowest first (for the default pack about 0.5, 0.2, 0.1,
0.07 and 0.03 s of CPU a unit; the others a few milliseconds)."""


def _slowest_first(units: Sequence[Unit]) -> List[int]:
    """The order in which workers are given the units: a lesson's units for one audience and pack still
    together (a worker adapts the lesson once for them), but its slowest formats first, so that the
    last units of the build, when the other worker may already be idle, are short ones. Only the order
    of the work: the results are taken in the order of the units."""
    groups: Dict[Tuple, int] = {}
    rank = {name: place for place, name in enumerate(_SLOW_FORMATS)}
    return sorted(range(len(units)), key=lambda i: (groups.setdefault((units[i].school, units[i].lesson, units[i].audience),
                                                                      len(groups)), rank.get(units[i].format, len(rank))))


_JOB: Dict[str, Job] = {}


def _start_worker(job: Job) -> None:
    _JOB["job"] = job


@dataclass(frozen=True)
class _Failure:
    """An exception in a worker, in a form that always crosses back to the main process."""

    kind: str  # "content", "lessonkit" or "bug"
    message: str
    exception: Optional[BaseException] = None
    findings: tuple = ()
    details: str = ""

    def error(self, unit: Unit) -> LessonkitError:
        if self.kind == "content":
            return ContentErrors(self.findings)
        if self.kind == "lessonkit" and self.exception is not None:
            return self.exception
        if self.kind == "lessonkit":
            return WorkerFailed(self.message)
        text = (f"lessonkit failed unexpectedly rendering {unit.lesson}/{unit.audience} {unit.format} "
                f"({self.message}). Nothing was written; earlier outputs are unchanged. Run again with "
                "LESSONKIT_DEBUG=1 for details, and please report it.")
        if os.environ.get("LESSONKIT_DEBUG"):
            text += "\n" + self.details
        return WorkerFailed(text)


def _render_in_worker(unit: Unit):
    try:
        return render_unit(_JOB["job"], unit)
    except ContentErrors as exc:
        return _Failure("content", exc.format_message(), findings=tuple(exc.findings))
    except LessonkitError as exc:
        try:
            copy = pickle.loads(pickle.dumps(exc))
            same = type(copy) is type(exc) and copy.format_message() == exc.format_message()
        except Exception:
            same = False
        return _Failure("lessonkit", exc.format_message(), exc if same else None)
    except Exception as exc:  # a bug: said once, in the main process, with what was being rendered
        return _Failure("bug", f"{type(exc).__name__}: {exc}", details=traceback.format_exc())
