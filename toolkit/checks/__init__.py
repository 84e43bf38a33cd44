"""Every rule a lesson must meet, run together so a teacher sees all problems at once."""

from __future__ import annotations

from typing import List

from ..errors import Finding
from ..load import Project
from . import structure


def run_checks(project: Project) -> List[Finding]:
    """Structure first (ids, references); content rules only on lessons that hang together."""
    findings = list(structure.check(project))
    try:
        from . import content
    except ImportError:  # content rules arrive with the built-in content
        return findings
    from . import sessions

    broken = {f.path for f in findings if f.severity == "error"}
    return findings + [f for f in content.check(project) + sessions.check(project) if f.path not in broken]
