"""Every rule a lesson must meet, run together so a teacher sees all problems at once."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Deque, Dict, List, Optional, Sequence, Set, Tuple

from ..beside import Beside
from ..errors import ContentErrors, Finding
from .ids import duplicate_id

if TYPE_CHECKING:  # the rules import the models when they run: remembered findings need neither
    from ..checkcache import Remembered, ValidateCache
    from ..load import Project

Progress = Callable[[int, int, str], None]  # (done, total, what)

AHEAD = 3
"""How many lessons `validate` reads and checks the content of beyond the oldest whose slide rules
it is still waiting for: enough that neither process waits for the other, few enough that memory
does not grow with the size of the folder."""


def run_checks(project: Project, catalogues: bool = True, beside: Optional[Beside] = None,
               meanwhile: Optional[Callable[[Project], None]] = None) -> List[Finding]:
    """Structure first (ids, references); content rules only on lessons that hang together.

    With `catalogues=False` only the lessons are checked (the catalogues once, elsewhere): how
    `validate` checks a large folder one lesson at a time. With `beside`, the slide-layout rules run
    in its second process while this one runs the content rules, then `meanwhile(project)` if given
    (work for a core that would otherwise wait); the findings are the same, in the same order."""
    return Checking(project, catalogues, beside).finish(meanwhile)


class Checking:
    """Checks begun: the structure rules run and the slide rules sent `beside`, if given; `content()`
    runs the content rules here, and `finish()` (which runs them if that has not) returns every
    finding: run_checks() in steps, so that a caller can check the content of the next lessons
    while the slide rules of this one are still running beside."""

    def __init__(self, project: Project, catalogues: bool = True, beside: Optional[Beside] = None):
        from . import structure

        self.project, self.catalogues = project, catalogues
        self.findings = list(structure.check(project, catalogues))
        self.broken = {f.path for f in self.findings if f.severity == "error"}
        self.slides = beside.submit(slide_rules, project, self.broken) if beside else None
        self.said: Optional[List[Finding]] = None

    def content(self) -> None:
        # Every rule module is imported, never skipped: a missing one is an error, not silence.
        from . import content

        if self.said is None:
            self.said = [f for f in content.check(self.project, catalogues=self.catalogues) if f.path not in self.broken]

    def finish(self, meanwhile: Optional[Callable[[Project], None]] = None) -> List[Finding]:
        self.content()
        said = self.said or []
        if meanwhile is not None and self.slides is not None and not self.slides.done():
            meanwhile(self.project)
        laid_out, timed = self.slides.result() if self.slides else slide_rules(self.project, self.broken)
        return self.findings + laid_out + said + timed


def prepare_slide_rules() -> None:
    """Import what the slide rules use and open the default template they measure with."""
    from . import layout, sessions  # noqa: F401

    layout.prepare()


def slide_rules(project: Project, broken: Set[str]) -> Tuple[List[Finding], List[Finding]]:
    """The rules that lay the lessons out as slides (titles and chats fit; slides per session): the
    slowest rules, so the ones run beside the others. Lessons whose structure is `broken` are left out."""
    if not project.lessons:  # the catalogues alone: nothing to lay out (and no reason to import the slide format)
        return [], []
    from ..adapt import adapter
    from ..load import Project
    from . import layout, sessions

    sound = Project([l for l in project.lessons if l.path not in broken], project.audiences_file, project.routes_file,
                    project.nations_file, project.language)
    adapted = adapter(project)  # both rules lay out the same adapted lessons
    return layout.check(sound, adapted), [f for f in sessions.check(project, adapted) if f.path not in broken]


def validate_lessons(lesson_paths: Sequence[Path], catalogue: Optional[Path] = None, strict: bool = False,
                     progress: Optional[Progress] = None, jobs: int = 1,
                     cache: Optional[ValidateCache] = None) -> Tuple[int, List[Finding]]:
    """`lessonkit validate`: check lessons one at a time, so memory does not grow with their number.

    The catalogues are loaded and checked once; each lesson is read, checked and dropped (only its
    id and file are kept, for the duplicate-id check). With `jobs` above 1, each lesson's slide rules
    run in a second process (toolkit/beside.py) while this one checks its content and goes on to the
    next: at most AHEAD + 1 lessons are held at a time. With a `cache`, files whose findings it remembers
    for the same inputs are not read again, and what is found in the others is kept for next time.
    Returns how many lessons loaded and every finding; raises ContentErrors with all of them if
    any is an error (or, with `strict`, a warning).
    """
    from ..builtin import lessons_dir
    from ..lessonfiles import NATIONS_FILE, catalogue_dir_for, display_path, lesson_files

    folder = catalogue_dir_for(lesson_paths, catalogue)
    paths = lesson_files(lesson_paths)
    slots: List[Tuple[str, str]] = []
    if cache is not None:
        from ..checkcache import slots as slots_for

        cache.begin(folder, lessons_dir() / NATIONS_FILE, paths)
        catalogue_slot, lesson_slots = slots_for(folder, paths)
        slots = [(catalogue_slot, cache.key("", None))] + [
            (slot, cache.key(display_path(path), path)) for slot, path in zip(lesson_slots, paths)]
    known = [cache.recall(slot, key) for slot, key in slots] if cache is not None else [None] * (len(paths) + 1)
    if None in known:
        known = _check(lesson_paths, folder, paths, known, progress, jobs)
        for (slot, key), remembered in zip(slots, known):
            cache.keep(slot, key, remembered)
    elif progress:
        for done, path in enumerate(paths, 1):
            progress(done, len(paths), str(path))
    findings: List[Finding] = known[0].read + known[0].checked
    first_file: Dict[str, str] = {}
    for path, remembered in zip(paths, known[1:]):
        findings += remembered.read
        if remembered.lesson_id is not None:
            duplicate = duplicate_id(display_path(path), remembered.lesson_id, remembered.id_at, first_file)
            findings += [duplicate] if duplicate else []
        findings += remembered.checked
    if any(f.severity == "error" or strict for f in findings):
        raise ContentErrors(findings)
    return sum(1 for remembered in known[1:] if remembered.lesson_id is not None), findings


def _check(lesson_paths: Sequence[Path], folder: Path, paths: Sequence[Path], known: List[Optional[Remembered]],
           progress: Optional[Progress], jobs: int) -> List[Remembered]:
    """What is found in the catalogues (`known[0]`) and each lesson file, for those `known` does not hold."""
    from ..checkcache import Remembered
    from ..load import Project, load_file, load_project
    from ..model import Lesson
    from .ids import id_position

    results: List[Optional[Remembered]] = list(known)
    waiting: Deque[Tuple[int, Remembered, Optional[Checking]]] = deque()  # finished in order

    def finish_one() -> None:
        index, remembered, checking = waiting.popleft()
        remembered.checked = checking.finish() if checking else []
        results[index] = remembered

    with Beside(jobs) as beside:
        if None in results[1:]:
            beside.submit(prepare_slide_rules)  # the second process gets ready while this one reads the catalogues
        catalogues, read = load_project(lesson_paths, folder, catalogues_only=True)
        usable = catalogues.audiences_file is not None and catalogues.routes_file is not None
        if results[0] is None:
            waiting.append((0, Remembered(read, []), Checking(catalogues) if usable else None))
        for done, path in enumerate(paths, 1):
            if progress:
                progress(done, len(paths), str(path))
            if results[done] is not None:
                continue
            own: List[Finding] = []
            loaded = load_file(path, Lesson, own)
            remembered = Remembered(own, [])
            checking = None
            if loaded is not None:
                remembered.lesson_id, remembered.id_at = loaded.model.id, id_position(loaded)
                if usable:
                    checking = Checking(Project([loaded], catalogues.audiences_file, catalogues.routes_file,
                                                catalogues.nations_file), catalogues=False, beside=beside)
            if checking is not None:
                checking.content()  # while its slide rules run beside
            waiting.append((done, remembered, checking))
            while len(waiting) > AHEAD:  # the slide rules of the lessons after it have begun beside
                finish_one()
        while waiting:
            finish_one()
    return results
