"""Every rule a lesson must meet, run together so a teacher sees all problems at once."""

from __future__ import annotations

from typing import List

from ..errors import Finding
from ..load import Project
from . import layout, structure


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
