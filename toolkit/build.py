"""The build: load all -> check all -> adapt -> render -> write, in that order.

Nothing is written until every lesson has been checked and every file rendered, so a failed
build leaves the previous outputs exactly as they were.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from .adapt import adapt, signed_off
from .checks import run_checks
from .errors import ContentErrors, Finding, OutputProblem, UsageProblem
from .load import Loaded, Project, load_project
from .model import SchoolProfile
from .profiles.checks import check_profile
from .render import OutputFile, RenderContext, RenderOptions, formats
from .pack import current_packs, pack_files, pack_folder, pack_summary, updated_summary
from .site import packs_page
from .validation import closest
from .write import OutputWriter, safe_relative

MANIFEST = "manifest.json"
INDEX = "index.html"

Progress = Callable[[int, int, str], None]  # (done, total, what)


@dataclass(frozen=True)
class BuildRequest:
    lesson_paths: Sequence[Path] = ()
    """Lesson files or folders; none means the built-in lessons."""
    catalogue: Optional[Path] = None
    lessons: Sequence[str] = ()
    audiences: Sequence[str] = ()
    formats: Sequence[str] = ()
    school: Optional[Path] = None
    output: Path = Path("output")
    options: RenderOptions = field(default_factory=RenderOptions)
    strict: bool = False
    include: Sequence[str] = ()
    """Optional parts of session plans to teach (they are otherwise in each deck's extra slides)."""
    exclude: Sequence[str] = ()
    """Optional parts to leave out (moved to the extra slides)."""


@dataclass(frozen=True)
class ManifestEntry:
    path: str
    lesson: str
    audience: str
    format: str
    school: Optional[str]
    title: str
    bytes: int
    sha256: str


@dataclass
class Rendered:
    """Everything one build will write, held in memory until all of it is ready."""

    entries: List[Tuple[ManifestEntry, bytes]] = field(default_factory=list)
    warnings: List[str] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)

    def note(self, message: str) -> None:
        if message not in self.notes:
            self.notes.append(message)


@dataclass
class BuildResult:
    output: Path
    files: List[ManifestEntry]
    warnings: List[str]
    findings: List[Finding]
    notes: List[str] = field(default_factory=list)
    """Said once each in the build summary, e.g. which Moodle versions the Moodle XML files suit."""


def load_checked(lesson_paths: Sequence[Path], catalogue: Optional[Path] = None, strict: bool = False) -> Tuple[Project, List[Finding]]:
    """Load and check everything; raise ContentErrors with every problem if any is an error."""
    project, findings = load_project(lesson_paths, catalogue)
    if project.audiences_file is not None and project.routes_file is not None:
        findings += run_checks(project)  # on every lesson that loaded, so all problems show at once
    if any(f.severity == "error" or strict for f in findings):
        raise ContentErrors(findings)
    return project, findings


def load_school_checked(path: Path) -> Loaded[SchoolProfile]:
    """Load a school profile and apply every profile rule (phones, contrast, logo, ...)."""
    checked = check_profile(path)
    if checked.loaded is None or checked.errors:
        raise ContentErrors(checked.findings)
    return checked.loaded


def _pick(kind: str, asked: Sequence[str], known: Sequence[str]) -> List[str]:
    for name in asked:
        if name not in known:
            near = closest(name, known)
            hint = f"Did you mean '{near}'?" if near else f"Known {kind}s: {', '.join(known)}."
            raise UsageProblem(f"unknown {kind} '{name}'. {hint} Try: lessonkit list")
    return [name for name in known if not asked or name in asked]


def _nothing_selected(project: Project, request: BuildRequest, lesson_ids: Sequence[str]) -> UsageProblem:
    """--lesson and --audience that match no pair: a usage error that says which lessons serve whom."""
    asked = " ".join([*(f"--lesson {l}" for l in request.lessons), *(f"--audience {a}" for a in request.audiences)])
    chosen = [f"{l.model.id} is for {', '.join(l.model.audiences)}" for l in project.lessons if l.model.id in lesson_ids]
    serving = [l.model.id for l in project.lessons if any(a in l.model.audiences for a in request.audiences)]
    text = f"{asked} selects nothing to build: " + ("; ".join(chosen) if request.lessons else "no lesson is written for it")
    text += f". Lessons for {', '.join(request.audiences)}: {', '.join(serving)}." if serving else "."
    return UsageProblem(text + " Try: lessonkit list")


def _optional_parts(lessons) -> List[str]:
    return sorted({step.part for lesson in lessons for session in lesson.sessions for step in session.plan if step.optional})


def _not_optional(what: str, name: str, optional: Sequence[str]) -> UsageProblem:
    near = closest(name, optional)
    hint = (f"Did you mean '{near}'?" if near else
            f"Optional parts: {', '.join(optional)}." if optional else "It has no optional parts.")
    return UsageProblem(f"{what} {name}: not an optional part of {'the lessons being built' if what.startswith('--') else 'that lesson'}. {hint}")


def _check_choices(request: BuildRequest, lessons, school: Optional[SchoolProfile] = None) -> None:
    """--include/--exclude, and the school profile's lesson_choices, name optional parts of the lessons."""
    optional = _optional_parts(lessons)
    for flag, names in (("--include", request.include), ("--exclude", request.exclude)):
        for name in names:
            if name not in optional:
                raise _not_optional(flag, name, optional)
    for lesson in lessons:
        choices = school.lesson_choices.get(lesson.id) if school else None
        for name in (choices.include + choices.exclude) if choices else ():
            if name not in _optional_parts([lesson]):
                raise _not_optional(f"the school profile's lesson_choices for {lesson.id} name", name, _optional_parts([lesson]))


def render_all(project: Project, request: BuildRequest, school: Optional[SchoolProfile] = None,
               progress: Optional[Progress] = None) -> Rendered:
    """Adapt each lesson for each audience (and the school) and run each selected format."""
    registry = formats()
    format_names = _pick("format", request.formats, list(registry))
    lesson_ids = _pick("lesson", request.lessons, [l.model.id for l in project.lessons])
    known_audiences = list(project.audiences)
    _pick("audience", request.audiences, known_audiences)
    prefix, shown = f"{pack_folder(school)}/", f"{school.id}/" if school else ""
    rendered = Rendered()
    pairs = [
        (loaded.model, audience_id)
        for loaded in project.lessons if loaded.model.id in lesson_ids
        for audience_id in loaded.model.audiences if not request.audiences or audience_id in request.audiences
    ]
    if not pairs:
        raise _nothing_selected(project, request, lesson_ids)
    _check_choices(request, [lesson for lesson in {l.id: l for l, _ in pairs}.values()], school)
    total, done = len(pairs) * len(format_names), 0
    if school is not None:
        for lesson in {lesson.id: lesson for lesson, _ in pairs}.values():
            if not signed_off(lesson, school):
                # A note, always printed: it is about this school's pack, not the lesson's wording.
                rendered.note(
                    f"Not signed off: {lesson.id} {lesson.version} has not been reviewed by {school.name}'s {school.lead.role}, "
                    f"so its files say it is a draft to be reviewed before use. Record the review "
                    f"under `sign_off` in the school profile.")
    for lesson, audience_id in pairs:
        adapted = adapt(lesson, project.audiences[audience_id], project.routes, school, request.include, request.exclude)
        for name in format_names:
            done += 1
            if progress:
                progress(done, total, f"{shown}{lesson.id}/{audience_id} {name}")
            context = RenderContext(options=request.options)
            files: List[OutputFile] = registry[name].render(adapted, context)
            rendered.warnings.extend(f"{lesson.id}/{audience_id} {name}: {w}" for w in context.warnings)
            for note in context.notes:
                rendered.note(note)
            for output in files:
                path = f"{prefix}{lesson.id}/{audience_id}/{safe_relative(output.name)}"
                entry = ManifestEntry(
                    path=path, lesson=lesson.id, audience=audience_id, format=name,
                    school=school.id if school else None, title=output.title or output.name,
                    bytes=len(output.data), sha256=hashlib.sha256(output.data).hexdigest(),
                )
                rendered.entries.append((entry, output.data))
    return rendered


def _previous_manifest(output: Path) -> Dict[str, dict]:
    try:
        data = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
        return {entry["path"]: entry for entry in data.get("files", []) if _inside(output, entry["path"])}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def _inside(output: Path, path: str) -> bool:
    """An earlier build's file that is really there, inside the output folder (it may go into a pack's zip)."""
    try:
        safe_relative(path)
    except OutputProblem:
        return False
    root, target = output.resolve(), (output / path).resolve()
    return root in target.parents and target.is_file()


def _previous_packs(output: Path) -> List[dict]:
    try:
        packs = json.loads((output / MANIFEST).read_text(encoding="utf-8")).get("packs", [])
        return [p for p in packs if isinstance(p, dict)
                and all(isinstance(p.get(key), str) for key in ("folder", "index", "zip")) and _inside(output, p["index"])]
    except (OSError, ValueError, TypeError, AttributeError):
        return []


def write_outputs(output: Path, rendered: Rendered, packs: Sequence[dict] = ()) -> List[ManifestEntry]:
    """Write every file, each pack's index page and zip, then the manifest and the index of packs
    (keeping entries of earlier builds that still exist). `packs`: pack_summary() of each pack built."""
    writer = OutputWriter(output)
    for entry, data in rendered.entries:
        writer.add(entry.path, data)
    entries = _previous_manifest(output)
    data_of = {entry.path: data for entry, data in rendered.entries}
    for entry, _ in rendered.entries:
        entries[entry.path] = entry.__dict__
    files = [entries[path] for path in sorted(entries)]
    previous = {p["folder"]: p for p in _previous_packs(output)}
    built = []
    for summary in packs:
        inside = [e for e in files if e["path"].startswith(summary["folder"] + "/")]
        summary = updated_summary(summary, previous.get(summary["folder"]), inside)
        contents = [(e, data_of[e["path"]] if e["path"] in data_of else (output / e["path"]).read_bytes()) for e in inside]
        for name, data in pack_files(summary, contents):
            writer.add(name, data)
        built.append(summary)
    listed = current_packs(list(previous.values()), built)
    manifest = {"files": files, "packs": listed}
    writer.add(MANIFEST, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    writer.add(INDEX, packs_page(listed).encode("utf-8"))
    writer.commit()
    return [entry for entry, _ in rendered.entries]


def build(request: BuildRequest, progress: Optional[Progress] = None) -> BuildResult:
    """Build the pack described by `request` into `request.output`."""
    project, findings = load_checked(request.lesson_paths, request.catalogue, request.strict)
    school = None
    if request.school:
        checked = check_profile(request.school)
        if checked.loaded is None or checked.errors:
            raise ContentErrors(checked.findings)
        school, findings = checked.loaded.model, findings + checked.findings
    rendered = render_all(project, request, school, progress)
    written = write_outputs(request.output, rendered, [pack_summary(project, school)])
    return BuildResult(request.output, written, rendered.warnings, findings, rendered.notes)
