"""Check every route: load what to check, request it, judge it, and word the report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Tuple

from ..errors import ContentErrors, Finding
from ..load import ROUTES_FILE, display_path, load_file, load_school
from ..model import RouteCatalogue
from ..wording import _, ngettext
from .probe import Page, Settings, fetch_all  # noqa: F401 (Settings: for callers)
from .targets import Target, catalogue_targets, profile_targets
from .verdict import LOOK, OK, Verdict, judge, offline

# Exit statuses: 0 when every route is fine, 1 when a person must look at one (or fix the catalogue
# or profile, as for every lessonkit command), 2 for a usage error, 3 when there is no network.
FINE, NEEDS_LOOK, OFFLINE = 0, 1, 3


@dataclass(frozen=True)
class RouteCheck:
    """Everything one check found, grouped by the file each route came from."""

    groups: Tuple[Tuple[str, Tuple[Verdict, ...]], ...]
    pages: Tuple[Page, ...]
    today: dt.date

    @property
    def offline(self) -> bool:
        return offline(self.pages)

    @property
    def verdicts(self) -> List[Verdict]:
        return [v for _origin, verdicts in self.groups for v in verdicts]

    @property
    def needing_look(self) -> List[Verdict]:
        return [v for v in self.verdicts if v.needs_look]

    @property
    def exit_status(self) -> int:
        if self.offline:
            return OFFLINE
        return NEEDS_LOOK if self.needing_look else FINE


def load_targets(catalogue: Path, school: Optional[Path] = None) -> List[Tuple[str, List[Target]]]:
    """The national routes (and a school's contacts), read and validated; every problem raised at once."""
    findings: List[Finding] = []
    path = catalogue / ROUTES_FILE
    if not path.is_file():
        findings.append(Finding(display_path(path), _("catalogue file not found"),
                                _("name the folder that holds {file} with --catalogue", file=ROUTES_FILE)))
        routes = None
    else:
        routes = load_file(path, RouteCatalogue, findings)
    profile = None
    if school is not None:
        profile, school_findings = load_school(school)
        findings += school_findings
    if any(f.severity == "error" for f in findings) or (school is not None and profile is None) or routes is None:
        raise ContentErrors(findings)
    groups = [(routes.path, catalogue_targets(routes.model.routes))]
    if profile is not None:
        groups.append((profile.path, profile_targets(profile.model)))
    return groups


def check_routes(groups: List[Tuple[str, List[Target]]], settings: Settings = Settings(),
                 today: Optional[dt.date] = None) -> RouteCheck:
    """Request every address once and judge every route."""
    today = today or dt.date.today()
    urls = [a.url for _origin, targets in groups for t in targets for a in t.addresses]
    pages = fetch_all(urls, settings)
    judged = tuple((origin, tuple(judge(t, pages, today) for t in targets)) for origin, targets in groups)
    return RouteCheck(judged, tuple(pages.values()), today)


def offline_line(check: RouteCheck) -> str:
    first = next((p for p in check.pages if p.detail), None)
    count = len(check.pages)
    if first:
        return ngettext("Offline: none of the {count} web address could be reached (first error: {error}). Nothing was "
                        "checked; run again with a network (behind a proxy, set HTTPS_PROXY).",
                        "Offline: none of the {count} web addresses could be reached (first error: {error}). Nothing "
                        "was checked; run again with a network (behind a proxy, set HTTPS_PROXY).",
                        count, error=first.detail)
    return ngettext("Offline: none of the {count} web address could be reached. Nothing was checked; run again with a "
                    "network (behind a proxy, set HTTPS_PROXY).",
                    "Offline: none of the {count} web addresses could be reached. Nothing was checked; run again with a "
                    "network (behind a proxy, set HTTPS_PROXY).", count)


def report_lines(check: RouteCheck) -> List[str]:
    """The report as a person reads it: each route, then each address and finding under it."""
    if check.offline:
        return [offline_line(check)]
    lines: List[str] = []
    for origin, verdicts in check.groups:
        lines.append(_("{file} (checked on {date}):", file=origin, date=check.today.isoformat()))
        for verdict in verdicts:
            mark = LOOK if verdict.needs_look else OK
            lines.append(f"  {mark:4}  {verdict.target.id} ({verdict.target.name}): {verdict.dated}")
            lines += [f"          {line.level:4}  {line.text}" for line in verdict.lines]
        lines.append("")
    looks = check.needing_look
    total = len(check.verdicts)
    if looks:
        lines.append(_("{count} of {total} routes and contacts need a person to look: {ids}.", count=len(looks),
                       total=total, ids=", ".join(v.target.id for v in looks)))
    else:
        lines.append(_("All {total} routes and contacts are fine.", total=total))
    return lines
