"""The school profiles a build is asked for, checked: the profiles package's whole interface to the build.

`lessonkit build --school FILE` and `lessonkit build --schools DIR` both come here for their
profiles: every profile is read and checked (every problem found, none hidden behind another),
and two profiles may not give one id (it names the school's folder and zip). The build itself
(toolkit/build.py) renders one pack per school the same way for one school or fifty; this module
knows nothing about building, and the build knows nothing else about profiles.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Sequence

from ..errors import ContentErrors, Finding, UsageProblem
from ..load import Loaded
from ..model import SchoolProfile
from ..wording import _
from .checks import ProfileCheck, check_profile


@dataclass(frozen=True)
class CheckedProfiles:
    """The profiles that could be read, in the order given, and every finding about any of them."""

    schools: List[SchoolProfile]
    findings: List[Finding]

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


def profile_paths(schools_dir: Path) -> List[Path]:
    """The profiles in a folder (`--schools`), in name order."""
    if not schools_dir.is_dir():
        raise UsageProblem(_("{folder}: no such folder of school profiles. Try: lessonkit school init", folder=schools_dir))
    found = sorted(p for p in schools_dir.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    if not found:
        raise UsageProblem(_("{folder} has no school profiles (.yaml files). Try: lessonkit school init",
                             folder=schools_dir))
    return found


def check_profiles(paths: Sequence[Path], languages: Sequence[str] = ()) -> CheckedProfiles:
    """Read and check every profile in `paths`; never raises for what is wrong inside a profile.
    `languages`: the pack's, when the command line names them (see checks._own_words)."""
    checks = [check_profile(path, languages=languages) for path in paths]
    findings = [f for c in checks for f in c.findings] + _same_ids(checks)
    return CheckedProfiles([c.loaded.model for c in checks if c.loaded is not None], findings)


def load_school_checked(path: Path) -> Loaded[SchoolProfile]:
    """One profile, loaded and checked against every profile rule; ContentErrors if it has errors."""
    checked = check_profile(path)
    if checked.loaded is None or checked.errors:
        raise ContentErrors(checked.findings)
    return checked.loaded


def _same_ids(checks: Sequence[ProfileCheck]) -> List[Finding]:
    first: Dict[str, ProfileCheck] = {}
    findings = []
    for checked in checks:
        if checked.loaded is None:
            continue
        school_id = checked.loaded.model.id
        if school_id in first:
            findings.append(checked.loaded.finding(
                ("id",), _("id '{id}' is also used by {file}; each school needs its own",
                           id=school_id, file=first[school_id].loaded.path),
                _("give each profile a different id: it names the school's folder and zip"), rule="school-id"))
        first.setdefault(school_id, checked)
    return findings
