"""Every rule a lesson must meet, run together so a teacher sees all problems at once."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Callable, Deque, Dict, List, Optional, Sequence, Set, Tuple

from ..beside import Beside
from ..errors import ContentErrors, Finding
from ..load import Project, catalogue_dir_for, lesson_files, load_file, load_project
from ..model import Lesson
from . import layout, structure

Progress = Callable[[int, int, str], None]  # (done, total, what)


def run_checks(project: Project, catalogues: bool = True, beside: Optional[Beside] = None,
               meanwhile: Optional[Callable[[Project], None]] = None) -> List[Finding]:
    """Structure first (ids, references); content rules only on lessons that hang together.

    With `catalogues=False` only the lessons are checked (the catalogues once, elsewhere): how
    `validate` checks a large folder one lesson at a time. With `beside`, the slide-layout rules run
    in its second process while this one runs the content rules, then `meanwhile(project)` if given
    (work for a core that would otherwise wait); the findings are the same, in the same order."""
    return Checking(project, catalogues, beside).finish(meanwhile)


class Checking:
    """Checks begun: the structure rules run and the slide rules sent `beside`, if given; `finish()`
    runs the content rules here and returns every finding (run_checks() in two steps, so that a
    caller can begin checking the next lesson before finishing this one)."""

    def __init__(self, project: Project, catalogues: bool = True, beside: Optional[Beside] = None):
        self.project, self.catalogues = project, catalogues
        self.findings = list(structure.check(project, catalogues))
        self.broken = {f.path for f in self.findings if f.severity == "error"}
        self.slides = beside.submit(slide_rules, project, self.broken) if beside else None

    def finish(self, meanwhile: Optional[Callable[[Project], None]] = None) -> List[Finding]:
        # Every rule module is imported, never skipped: a missing one is an error, not silence.
        from . import content

        said = [f for f in content.check(self.project, catalogues=self.catalogues) if f.path not in self.broken]
        if meanwhile is not None and self.slides is not None and not self.slides.done():
            meanwhile(self.project)
        laid_out, timed = self.slides.result() if self.slides else slide_rules(self.project, self.broken)
        return self.findings + laid_out + said + timed


def slide_rules(project: Project, broken: Set[str]) -> Tuple[List[Finding], List[Finding]]:
    """The rules that lay the lessons out as slides (titles and chats fit; slides per session): the
    slowest rules, so the ones run beside the others. Lessons whose structure is `broken` are left out."""
    from . import sessions

    sound = Project([l for l in project.lessons if l.path not in broken], project.audiences_file, project.routes_file,
                    project.nations_file, project.language)
    return layout.check(sound), [f for f in sessions.check(project) if f.path not in broken]


def validate_lessons(lesson_paths: Sequence[Path], catalogue: Optional[Path] = None, strict: bool = False,
                     progress: Optional[Progress] = None, jobs: int = 1) -> Tuple[int, List[Finding]]:
    """`lessonkit validate`: check lessons one at a time, so memory does not grow with their number.

    The catalogues are loaded and checked once; each lesson is read, checked and dropped (only its
    id and file are kept, for the duplicate-id check). With `jobs` above 1, each lesson's slide rules
    run in a second process (toolkit/beside.py) while this one checks the content of the lesson
    before it: two lessons are held at a time. Returns how many lessons loaded and every finding;
    raises ContentErrors with all of them if any is an error (or, with `strict`, a warning).
    """
    catalogues, findings = load_project(lesson_paths, catalogue_dir_for(lesson_paths, catalogue), catalogues_only=True)
    usable = catalogues.audiences_file is not None and catalogues.routes_file is not None
    paths = lesson_files(lesson_paths)
    first_file: Dict[str, str] = {}
    loaded_count = 0
    waiting: Deque[Tuple[List[Finding], Optional[Checking]]] = deque()  # in the order findings are said

    def finish_one() -> None:
        own, checking = waiting.popleft()
        findings.extend(own + (checking.finish() if checking else []))

    with Beside(jobs) as beside:
        if usable:
            waiting.append(([], Checking(catalogues)))
        for done, path in enumerate(paths, 1):
            if progress:
                progress(done, len(paths), str(path))
            own: List[Finding] = []
            loaded = load_file(path, Lesson, own)
            checking = None
            if loaded is not None:
                loaded_count += 1
                duplicate = structure.duplicate_lesson_id(loaded, first_file)
                own += [duplicate] if duplicate else []
                if usable:
                    checking = Checking(Project([loaded], catalogues.audiences_file, catalogues.routes_file,
                                                catalogues.nations_file), catalogues=False, beside=beside)
            waiting.append((own, checking))
            while len(waiting) > 1:  # this lesson's slide rules have begun beside: finish the one before
                finish_one()
        while waiting:
            finish_one()
    if any(f.severity == "error" or strict for f in findings):
        raise ContentErrors(findings)
    return loaded_count, findings
