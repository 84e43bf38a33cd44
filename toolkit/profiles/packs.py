"""One pack per school in a folder of profiles (a multi-academy trust), rendered in parallel.

Read and check everything first (every profile and every lesson, all problems reported at once),
render each school's pack in a worker process, then write everything in one go, so the manifest
is written once and a failure leaves earlier outputs exactly as they were.
"""

from __future__ import annotations

import dataclasses
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from ..build import BuildRequest, BuildResult, Progress, Rendered, load_checked, render_all, write_outputs
from ..errors import ContentErrors, Finding, UsageProblem
from ..load import Project
from ..model import SchoolProfile
from ..pack import pack_summary
from ..outfolder import Notice
from .checks import ProfileCheck, check_profile


def profile_paths(schools_dir: Path) -> List[Path]:
    if not schools_dir.is_dir():
        raise UsageProblem(f"{schools_dir}: no such folder of school profiles. Try: lessonkit school init")
    found = sorted(p for p in schools_dir.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    if not found:
        raise UsageProblem(f"{schools_dir} has no school profiles (.yaml files). Try: lessonkit school init")
    return found


def _same_ids(checks: Sequence[ProfileCheck]) -> List[Finding]:
    first: Dict[str, ProfileCheck] = {}
    findings = []
    for checked in checks:
        if checked.loaded is None:
            continue
        school_id = checked.loaded.model.id
        if school_id in first:
            findings.append(checked.loaded.finding(
                ("id",), f"id '{school_id}' is also used by {first[school_id].loaded.path}; each school needs its own",
                "give each profile a different id: it names the school's folder and zip", rule="school-id"))
        first.setdefault(school_id, checked)
    return findings


def check_all(request: BuildRequest, paths: Sequence[Path]) -> Tuple[Project, List[SchoolProfile], List[Finding]]:
    """Every profile and every lesson checked; one ContentErrors listing all problems if any is an error."""
    checks = [check_profile(path) for path in paths]
    findings = [f for c in checks for f in c.findings] + _same_ids(checks)
    try:
        project, lesson_findings = load_checked(request.lesson_paths, request.catalogue, request.strict)
    except ContentErrors as problems:
        raise ContentErrors(findings + problems.findings) from None
    findings += lesson_findings
    if any(f.severity == "error" or request.strict for f in findings):
        raise ContentErrors(findings)
    return project, [c.loaded.model for c in checks if c.loaded is not None], findings


_WORKER: dict = {}


def _start_worker(project: Project, request: BuildRequest) -> None:
    _WORKER.update(project=project, request=request)


def _render_school(school: SchoolProfile) -> Rendered:
    return render_all(_WORKER["project"], _WORKER["request"], school)


def render_schools(project: Project, request: BuildRequest, schools: Sequence[SchoolProfile], jobs: int,
                   progress: Optional[Progress] = None) -> List[Rendered]:
    """Each school's files, in the order of `schools` whatever order the workers finish in."""
    def report(done: int, school: SchoolProfile, rendered: Rendered) -> None:
        if progress:
            progress(done, len(schools), f"{school.id}: {len(rendered.entries)} files")

    if jobs <= 1 or len(schools) <= 1:
        results = []
        for done, school in enumerate(schools, 1):
            results.append(render_all(project, request, school))
            report(done, school, results[-1])
        return results
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(schools)), initializer=_start_worker, initargs=(project, request))
    try:
        futures = [pool.submit(_render_school, school) for school in schools]
        results = []
        for done, (school, future) in enumerate(zip(schools, futures), 1):
            results.append(future.result())
            report(done, school, results[-1])
        return results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # one school failed or Ctrl-C: do not build the rest


def build_school_packs(request: BuildRequest, schools_dir: Path, jobs: int, progress: Optional[Progress] = None,
                       notice: Optional[Notice] = None) -> BuildResult:
    """`lessonkit build --schools DIR --jobs N`: a folder and a zip per school under `request.output`."""
    request = dataclasses.replace(request, extra_inputs=(*request.extra_inputs, schools_dir))
    request.check_before_reading()
    project, schools, findings = check_all(request, profile_paths(schools_dir))
    rendered = render_schools(project, dataclasses.replace(request, school=None), schools, jobs, progress)
    everything = Rendered()
    for school, pack in zip(schools, rendered):
        everything.entries += pack.entries
        everything.warnings += [f"{school.id}: {warning}" for warning in pack.warnings]
        for note in pack.notes:
            everything.note(note)
    written = write_outputs(request, everything, [pack_summary(project, school) for school in schools], notice=notice)
    return BuildResult(request.output, written, everything.warnings, findings, everything.notes)

