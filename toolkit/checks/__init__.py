"""Every rule a lesson must meet, run together so a teacher sees all problems at once."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from ..errors import ContentErrors, Finding
from ..load import Project, catalogue_dir_for, lesson_files, load_file, load_project
from ..model import Lesson
from . import layout, structure

Progress = Callable[[int, int, str], None]  # (done, total, what)


def run_checks(project: Project, catalogues: bool = True) -> List[Finding]:
    """Structure first (ids, references); content rules only on lessons that hang together.

    With `catalogues=False` only the lessons are checked (the catalogues once, elsewhere): how
    `validate` checks a large folder one lesson at a time."""
    findings = list(structure.check(project, catalogues))
    broken = {f.path for f in findings if f.severity == "error"}
    sound = Project([l for l in project.lessons if l.path not in broken], project.audiences_file, project.routes_file,
                    project.nations_file, project.language)
    findings += layout.check(sound)
    # Every rule module is imported, never skipped: a missing one is an error, not silence.
    from . import content, sessions

    return findings + [f for f in content.check(project, catalogues=catalogues) + sessions.check(project)
                       if f.path not in broken]


def validate_lessons(lesson_paths: Sequence[Path], catalogue: Optional[Path] = None, strict: bool = False,
                     progress: Optional[Progress] = None) -> Tuple[int, List[Finding]]:
    """`lessonkit validate`: check lessons one at a time, so memory does not grow with their number.

    The catalogues are loaded and checked once; each lesson is read, checked and dropped (only its
    id and file are kept, for the duplicate-id check). Returns how many lessons loaded and every
    finding; raises ContentErrors with all of them if any is an error (or, with `strict`, a warning).
    """
    catalogues, findings = load_project(lesson_paths, catalogue_dir_for(lesson_paths, catalogue), catalogues_only=True)
    if catalogues.audiences_file is not None and catalogues.routes_file is not None:
        findings += run_checks(catalogues)
    paths = lesson_files(lesson_paths)
    first_file: Dict[str, str] = {}
    loaded_count = 0
    for done, path in enumerate(paths, 1):
        if progress:
            progress(done, len(paths), str(path))
        own: List[Finding] = []
        loaded = load_file(path, Lesson, own)
        if loaded is not None:
            loaded_count += 1
            duplicate = structure.duplicate_lesson_id(loaded, first_file)
            own += [duplicate] if duplicate else []
            if catalogues.audiences_file is not None and catalogues.routes_file is not None:
                own += run_checks(Project([loaded], catalogues.audiences_file, catalogues.routes_file, catalogues.nations_file),
                                    catalogues=False)
        findings += own
    if any(f.severity == "error" or strict for f in findings):
        raise ContentErrors(findings)
    return loaded_count, findings
