"""The build: load all -> check all -> adapt -> render -> write, in that order.

Nothing is written until every lesson has been checked and every file rendered, so a failed
build leaves the previous outputs exactly as they were.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Dict, Callable, List, Mapping, Optional, Sequence, Tuple

from . import bilingual
from .adapt import signed_off, translation_checked
from .builtin import lessons_dir as builtin_lessons
from .beside import Beside
from .checks import run_checks, validate_lessons
from .errors import ContentErrors, Finding, OutputProblem, UsageProblem
from .load import Project, load_project, plain_input
from .model import SchoolProfile
from .model.school import profile_in
from .buildcache import RenderCache, UnitKeys, cached_units, pack_key
from .profiles.packs import check_profiles, load_school_checked, profile_paths
from .render import OutputFile, RenderOptions, format_names
from .render import prepare as prepare_formats
from .renderjobs import Job, Unit, UnitResult, run_units
from .manifest import MANIFEST, ManifestEntry, manifest_bytes, read_previous, read_previous_packs
from .outfolder import MARKER, MARKER_TEXT, Notice, OutputFolder, check_output_folder, hold_lock
from .pack import current_packs, pack_files, pack_folder, pack_summary, updated_summary
from .publish import _is_leftover as is_leftover
from .publish import clean_leftovers, publish
from .site import packs_page
from .validation import closest
from .translation import is_source_language, language_name, translated_project
from .wording import N_, _, language
from .wording.catalogues import available as wording_languages
from .write import FILE_MODE, safe_relative

INDEX = "index.html"
CACHE = "cache"
"""The render cache's folder, in the output folder's workspace (see buildcache.py)."""

__all__ = ["BuildRequest", "BuildResult", "build", "load_checked", "load_school_checked", "render_all", "validate_lessons"]

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
    force: bool = False
    """Build into an existing folder that lessonkit did not create (its files are kept)."""
    extra_inputs: Sequence[Path] = ()
    """More inputs the output folder must never hold (e.g. a folder of school profiles)."""
    include: Sequence[str] = ()
    """Optional parts of session plans to teach (they are otherwise in each deck's extra slides)."""
    exclude: Sequence[str] = ()
    """Optional parts to leave out (moved to the extra slides)."""
    schools: Optional[Path] = None
    """A folder of school profiles: one pack per school (instead of `school`)."""
    jobs: int = 1
    """How many units (lesson x audience x format) to render at once, each in its own process."""
    cache: bool = False
    """Take units whose inputs have not changed from the cache beside the output folder, and keep new ones there."""
    language_given: bool = True
    """False when the command line names no language: then the school profiles' `languages` choose."""

    def inputs(self) -> List[Path]:
        """Every file or folder the build reads: the output folder may not hold any of them."""
        lessons = self.lesson_paths or (builtin_lessons(),)  # none given: the built-in lessons are read
        named = [*lessons, self.catalogue, self.school, self.schools, self.options.template, *self.extra_inputs]
        return [Path(p) for p in named if p is not None]

    def languages(self) -> Tuple[str, ...]:
        """The pack's languages: `options.languages` for a bilingual pack (Welsh first), else the one language."""
        return tuple(self.options.languages) or (self.options.language,)

    def in_language(self, tag: str) -> "BuildRequest":
        """This request for the part of a bilingual pack in `tag`."""
        return dataclasses.replace(self, options=dataclasses.replace(self.options, language=tag))

    def output_folder(self) -> OutputFolder:
        return check_output_folder(self.output, self.inputs(), self.force)

    def check_before_reading(self) -> None:
        """Usage problems found before the long part: the output folder, and the slide template."""
        if self.school is not None and self.schools is not None:
            raise UsageProblem(_("use --school or --schools, not both"))
        plain_input(self.options.template, "slide template")
        self.output_folder()


@dataclass
class Rendered:
    """Everything one build will write, held in memory until all of it is ready."""

    entries: List[Tuple[ManifestEntry, bytes]] = field(default_factory=list)
    warnings: List[str] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)

    fresh: List[Tuple[str, str, UnitResult]] = field(default_factory=list)
    """Units rendered (not taken from the cache) by this build: (slot, key, result), for the cache."""

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
    cache_problems: List[str] = field(default_factory=list)
    """Damaged cache files that were ignored, or a cache that could not be written: always said."""


def load_checked(lesson_paths: Sequence[Path], catalogue: Optional[Path] = None, strict: bool = False,
                 cache: Optional[RenderCache] = None, jobs: int = 1,
                 meanwhile: Optional[Callable[[Project], None]] = None) -> Tuple[Project, List[Finding]]:
    """Load and check everything; raise ContentErrors with every problem if any is an error.

    With a `cache`, the checks are not run again on lessons and catalogues read exactly as before.
    With `jobs` above 1 the slide rules run beside the others, in a second process, and this one
    runs `meanwhile(project)` once its own rules are done (toolkit/checks: run_checks)."""
    project, findings = load_project(lesson_paths, catalogue)
    if project.audiences_file is not None and project.routes_file is not None:
        with Beside(jobs) as beside:
            def check(checked: Project) -> List[Finding]:
                return run_checks(checked, beside=beside, meanwhile=meanwhile)

            # on every lesson that loaded, so all problems show at once
            findings += check(project) if cache is None else cache.checked(project, check)
    if any(f.severity == "error" or strict for f in findings):
        raise ContentErrors(findings)
    return project, findings


# What `_pick` says of an unknown name, by kind: the known ones listed (field: the kind + "s") and the
# problem (field: the name asked for), looked up when used.
_PICK = {
    "format": (N_("Known formats: {formats}."), N_("unknown format '{format}'. {hint} Try: lessonkit list")),
    "lesson": (N_("Known lessons: {lessons}."), N_("unknown lesson '{lesson_id}'. {hint} Try: lessonkit list")),
    "audience": (N_("Known audiences: {audiences}."), N_("unknown audience '{audience}'. {hint} Try: lessonkit list")),
}


def _pick(kind: str, asked: Sequence[str], known: Sequence[str]) -> List[str]:
    for name in asked:
        if name not in known:
            near = closest(name, known)
            listing, problem = _PICK[kind]
            hint = _("Did you mean '{near}'?", near=near) if near else _(listing, **{kind + "s": ", ".join(known)})
            raise UsageProblem(_(problem, hint=hint, **{"lesson_id" if kind == "lesson" else kind: name}))
    return [name for name in known if not asked or name in asked]


def _nothing_selected(project: Project, request: BuildRequest, lesson_ids: Sequence[str]) -> UsageProblem:
    """--lesson and --audience that match no pair: a usage error that says which lessons serve whom."""
    asked = " ".join([*(f"--lesson {l}" for l in request.lessons), *(f"--audience {a}" for a in request.audiences)])
    chosen = [_("{lesson} is for {audiences}", lesson=l.model.id, audiences=", ".join(l.model.audiences))
              for l in project.lessons if l.model.id in lesson_ids]
    serving = [l.model.id for l in project.lessons if any(a in l.model.audiences for a in request.audiences)]
    why = "; ".join(chosen) if request.lessons else _("no lesson is written for it")
    if serving:
        return UsageProblem(_("{options} selects nothing to build: {why}. Lessons for {audiences}: {lessons}. "
                              "Try: lessonkit list", options=asked, why=why, audiences=", ".join(request.audiences),
                              lessons=", ".join(serving)))
    return UsageProblem(_("{options} selects nothing to build: {why}. Try: lessonkit list", options=asked, why=why))


def _optional_parts(lessons) -> List[str]:
    return sorted({step.part for lesson in lessons for session in lesson.sessions for step in session.plan if step.optional})


def _not_optional(flag: str, name: str, optional: Sequence[str], lesson: Optional[str] = None) -> UsageProblem:
    """`flag` is --include or --exclude; with `lesson`, the school profile's lesson_choices for it."""
    near = closest(name, optional)
    hint = (_("Did you mean '{near}'?", near=near) if near else
            _("Optional parts: {parts}.", parts=", ".join(optional)) if optional else _("It has no optional parts."))
    if lesson is None:
        return UsageProblem(_("{flag} {part}: not an optional part of the lessons being built. {hint}",
                              flag=flag, part=name, hint=hint))
    return UsageProblem(_("the school profile's lesson_choices for {lesson} name {part}: not an optional part of that "
                          "lesson. {hint}", lesson=lesson, part=name, hint=hint))


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
                raise _not_optional("", name, _optional_parts([lesson]), lesson=lesson.id)


def render_all(project: Project, request: BuildRequest, school: Optional[SchoolProfile] = None,
               progress: Optional[Progress] = None) -> Rendered:
    """Adapt each lesson for each audience (and the school) and run each selected format (one pack)."""
    return render_packs(project, request, [school] if school else [], progress)


def _plan(project: Project, request: BuildRequest, schools: Sequence[SchoolProfile]) -> Tuple[List[Unit], List[str]]:
    """Every unit to render (pack by pack, lesson by lesson, audience by audience, format by format)
    and the notes about each school's pack; usage problems before anything is rendered."""
    names = _pick("format", request.formats, format_names())
    lesson_ids = _pick("lesson", request.lessons, [l.model.id for l in project.lessons])
    _pick("audience", request.audiences, list(project.audiences))
    pairs = [
        (loaded.model, audience_id)
        for loaded in project.lessons if loaded.model.id in lesson_ids
        for audience_id in loaded.model.audiences if not request.audiences or audience_id in request.audiences
    ]
    if not pairs:
        raise _nothing_selected(project, request, lesson_ids)
    lessons = list({lesson.id: lesson for lesson, _audience in pairs}.values())
    units: List[Unit] = []
    notes: List[str] = []
    for index, school in enumerate(schools or [None]):
        _check_choices(request, lessons, school)
        for lesson in lessons if school is not None else ():
            if not signed_off(lesson, school):
                # A note, always printed: it is about this school's pack, not the lesson's wording.
                notes.append(_(
                    "Not signed off: {lesson} {version} has not been reviewed by {school}'s {role}, so its files say it "
                    "is a draft to be reviewed before use. Record the review under `sign_off` in the school profile.",
                    lesson=lesson.id, version=lesson.version, school=school.name, role=school.lead.role))
            if not is_source_language(request.options.language) and \
                    not translation_checked(lesson, school, request.options.language):
                notes.append(_(
                    "Translation not checked: the {language} of {lesson} {version} has not been checked for {school}, so "
                    "its files say the translation must be checked before use. Record the check under "
                    "`sign_off: translations:` in the school profile.", language=language_name(request.options.language),
                    lesson=lesson.id, version=lesson.version, school=school.name))
        units += [Unit(None if school is None else index, lesson.id, audience_id, name)
                  for lesson, audience_id in pairs for name in names]
    return units, notes


def render_packs(project: Project, request: BuildRequest, schools: Sequence[SchoolProfile],
                 progress: Optional[Progress] = None, cache: Optional[RenderCache] = None) -> Rendered:
    """One pack per school (the national pack when there is none), rendered `request.jobs` units
    at a time; units `cache` holds for the same inputs are not rendered again. Returns every file
    in the same order however it was rendered; `rendered.fresh` is what the cache does not hold yet.
    Each school's own words are taken in the pack's language here (`profile_in`), for every format."""
    schools = [profile_in(school, request.options.language) for school in schools]
    units, notes = _plan(project, request, schools)
    job = Job(project, tuple(schools), request.options, tuple(request.include), tuple(request.exclude))
    keys = UnitKeys(job) if cache is not None else None
    results = cached_units(cache, keys, units)
    missing = [i for i, result in enumerate(results) if result is None]
    count = [0]

    def report(index: int) -> None:
        count[0] += 1
        if progress:
            unit = units[index]
            shown = f"{schools[unit.school].id}/" if unit.school is not None else ""
            progress(count[0], len(units), f"{shown}{unit.lesson}/{unit.audience} {unit.format}")

    for index, result in enumerate(results):
        if result is not None:
            report(index)

    def rendered_one(position: int, result: UnitResult) -> None:
        results[missing[position]] = result
        report(missing[position])

    run_units(job, [units[i] for i in missing], request.jobs, rendered_one)
    rendered = Rendered()
    for note in notes:
        rendered.note(note)
    for unit, result in zip(units, results):
        school = job.school(unit)
        prefix = f"{pack_folder(school)}/"
        said = f"{school.id}: " if school is not None and request.schools is not None else ""
        rendered.warnings.extend(f"{said}{unit.lesson}/{unit.audience} {unit.format}: {w}" for w in result.warnings)
        for note in result.notes:
            rendered.note(note)
        for output in result.files:
            name = bilingual.file_name(output.name, unit.format, request.options.language, request.options.languages)
            path = f"{prefix}{unit.lesson}/{unit.audience}/{safe_relative(name)}"
            entry = ManifestEntry(
                path=path, lesson=unit.lesson, audience=unit.audience, format=unit.format,
                school=school.id if school else None, title=output.title or output.name,
                bytes=len(output.data), sha256=hashlib.sha256(output.data).hexdigest(),
            )
            rendered.entries.append((entry, output.data))
    if keys is not None:
        rendered.fresh = [(keys.slot(units[i]), keys.key(units[i]), results[i]) for i in missing]
    return rendered


def render_languages(projects: Mapping[str, Project], request: BuildRequest, schools: Sequence[SchoolProfile],
                     progress: Optional[Progress] = None, cache: Optional[RenderCache] = None) -> Rendered:
    """render_packs() in each of the pack's languages (`projects`: the project in each), put together
    as one pack: Welsh first, the handouts in both languages in one file (toolkit/bilingual.py)."""
    languages = request.languages()
    if len(languages) == 1:
        return render_packs(projects[languages[0]], request, schools, progress, cache)
    merged = Rendered()
    parts = []
    for number, tag in enumerate(languages):
        shown = None if progress is None else (
            lambda done, total, what, number=number: progress(number * total + done, total * len(languages), what))
        part = render_packs(projects[tag], request.in_language(tag), schools, shown, cache)
        merged.warnings += [w for w in part.warnings if w not in merged.warnings]
        for note in part.notes:
            merged.note(note)
        merged.fresh += part.fresh
        parts.append((tag, part.entries))
    merged.entries = bilingual.merge_entries(parts, _entry_with)
    return merged


def _entry_with(entry: ManifestEntry, title: str, data: bytes) -> ManifestEntry:
    return dataclasses.replace(entry, title=title, bytes=len(data), sha256=hashlib.sha256(data).hexdigest())


def write_outputs(request: BuildRequest, rendered: Rendered, packs: Sequence[dict] = (),
                  notice: Optional[Notice] = None, cache: Optional[RenderCache] = None,
                  translated: Optional[Mapping[str, Sequence[dict]]] = None) -> List[ManifestEntry]:
    """Publish every file, each pack's index page and zip, the manifest and the index of packs as
    one change, keeping earlier builds' files. `packs`: pack_summary() of each pack built. With a
    `cache`, a pack whose files are all the same as in an earlier build takes its zip from there.
    A bilingual pack's index pages are in each of its languages; `translated` gives the summaries of
    the packs in the others (by language, in the order of `packs`).

    Warnings about an unreadable earlier manifest are added to `rendered.warnings`.
    """
    files = {}
    for entry, data in rendered.entries:
        relative = safe_relative(entry.path)
        if relative in files:
            raise OutputProblem(_("two outputs want the same path '{path}'; each file is written once per build",
                                  path=relative))
        files[relative] = data
    folder = request.output_folder()
    with hold_lock(folder, notice), language(request.options.language):
        clean_leftovers(folder)
        entries, warnings = read_previous(folder.path)
        rendered.warnings.extend(warnings)
        for entry, _data in rendered.entries:
            entries[entry.path] = entry.__dict__
        listed = [entries[path] for path in sorted(entries)]
        previous = {p["folder"]: p for p in read_previous_packs(folder.path)}
        data_of = {entry.path: data for entry, data in rendered.entries}
        built = []
        languages = request.languages()
        for number, summary in enumerate(packs):
            inside = [e for e in listed if e["path"].startswith(summary["folder"] + "/")]
            summaries = [updated_summary(s, previous.get(summary["folder"]), inside)
                         for s in [summary, *((translated or {})[tag][number] for tag in languages[1:])]]
            contents = [(e, data_of[e["path"]] if e["path"] in data_of else (folder.path / e["path"]).read_bytes())
                        for e in inside]
            for name, data in _pack_files(list(zip(languages, summaries)), contents, cache, rendered):
                files[safe_relative(name)] = data
            built.append(summaries[0])
        pack_list = current_packs(list(previous.values()), built)
        files[safe_relative(MANIFEST)] = manifest_bytes(listed, pack_list)
        files[safe_relative(INDEX)] = bilingual.in_languages(languages, lambda: packs_page(pack_list)).encode("utf-8")
        if not already_there(folder.path, files):
            publish(folder, files)
    return [entry for entry, _data in rendered.entries]


def _pack_files(summaries: List[Tuple[str, dict]], contents: List[Tuple[dict, bytes]], cache: Optional[RenderCache],
                rendered: Rendered) -> List[Tuple[str, bytes]]:
    """pack_files(), or what it made for the same summaries and the same files in an earlier build.
    `summaries`: the pack's summary in each of its languages, the first the pack's own."""
    if cache is None:
        return pack_files(summaries, contents)
    keyed = dict(summaries[0][1], languages=[[tag, summary] for tag, summary in summaries])
    slot, key = pack_key(keyed, [(entry, hashlib.sha256(data).hexdigest()) for entry, data in contents])
    kept = cache.load(slot, key)
    if kept is not None:
        return [(output.name, output.data) for output in kept.files]
    made = pack_files(summaries, contents)
    rendered.fresh.append((slot, key, UnitResult([OutputFile(name, data) for name, data in made])))
    return made


def check_everything(request: BuildRequest, cache: Optional[RenderCache] = None) -> Tuple[Project, List[SchoolProfile], List[Finding]]:
    """Every school profile asked for (`--school` or `--schools`) and every lesson, checked; one
    ContentErrors listing the problems of all of them if any is an error (or, with `strict`, a warning).
    The project is in the build's language (the first of a bilingual pack's)."""
    request, projects, schools, findings = check_languages(request, cache)
    return projects[request.languages()[0]], schools, findings


def with_profile_languages(request: BuildRequest, schools: Sequence[SchoolProfile]) -> BuildRequest:
    """`request` in the languages its school profiles ask for (`languages:`), when the command line
    names none; all the profiles of one build must ask for the same."""
    asked = {",".join(school.languages) for school in schools}
    if request.language_given or asked <= {""}:
        return request
    if len(asked) > 1:
        raise UsageProblem(_("the school profiles ask for packs in different languages ({languages}): build them one "
                             "at a time, or choose with --language", languages="; ".join(sorted(a or "en" for a in asked))))
    languages = bilingual.pack_languages(asked.pop(), wording_languages())
    options = dataclasses.replace(request.options, language=languages[0], languages=languages if len(languages) > 1 else ())
    return dataclasses.replace(request, options=options)


def check_languages(request: BuildRequest, cache: Optional[RenderCache] = None
                    ) -> Tuple[BuildRequest, Dict[str, Project], List[SchoolProfile], List[Finding]]:
    """check_everything(), with the request in the languages the school profiles ask for (when the
    command line names none) and the project in each of the pack's languages (by language)."""
    paths = [request.school] if request.school is not None else profile_paths(request.schools) if request.schools is not None else []
    profiles = check_profiles(paths, request.languages() if request.language_given else ())
    try:
        # While the slide rules run beside, the formats load: the workers forked later start with them.
        project, lesson_findings = load_checked(request.lesson_paths, request.catalogue, request.strict, cache,
                                                request.jobs, meanwhile=prepare_formats)
    except ContentErrors as problems:
        raise ContentErrors(profiles.findings + problems.findings) from None
    findings = profiles.findings + lesson_findings
    if profiles.has_errors or (request.strict and findings):
        raise ContentErrors(findings)
    request = with_profile_languages(request, profiles.schools)
    # A build in another language reads the lessons' translations (docs/translations.md): every text must
    # have a finished one, and the translated lessons must still fit every format.
    projects = {}
    for tag in request.languages():
        translated, missing = translated_project(project, tag)
        if missing:
            raise ContentErrors(missing)
        if translated is not project:
            with language(tag):  # pictures and slides measured with the words they will carry
                problems = [f for f in run_checks(translated) if f.severity == "error"]
            if problems:
                raise ContentErrors(problems)
        projects[tag] = translated
    return request, projects, profiles.schools, findings


def already_there(path: Path, files: Mapping[PurePosixPath, bytes]) -> bool:
    """The output folder already is what publishing `files` would make it (a rebuild that changed
    nothing): every file there with the same bytes and permissions, the marker, and nothing an
    interrupted older build left behind. Then there is nothing to publish."""
    umask = os.umask(0)
    os.umask(umask)
    try:
        if (path / MARKER).read_bytes() != MARKER_TEXT.encode("utf-8") or not stat.S_ISREG(os.lstat(path / MARKER).st_mode):
            return False
        for relative, data in files.items():
            target = path.joinpath(*relative.parts)
            info = os.lstat(target)
            if (not stat.S_ISREG(info.st_mode) or info.st_size != len(data)
                    or stat.S_IMODE(info.st_mode) != FILE_MODE & ~umask or target.read_bytes() != data):
                return False
        return not any(is_leftover(name) for _root, _dirs, names in os.walk(path) for name in names)
    except OSError:
        return False


def build(request: BuildRequest, progress: Optional[Progress] = None, notice: Optional[Notice] = None) -> BuildResult:
    """Build the pack described by `request` into `request.output`: the national pack, one
    school's (`request.school`) or one per school in a folder (`request.schools`), the same way."""
    request.check_before_reading()
    cache = RenderCache(request.output_folder().workspace / CACHE) if request.cache else None
    request, projects, schools, findings = check_languages(request, cache)
    summaries = {}
    for tag in request.languages():
        with language(tag):  # each language's review notices in its own words
            summaries[tag] = [pack_summary(projects[tag], school) for school in schools or [None]]
    rendered = render_languages(projects, request, schools, progress, cache)
    first, *others = request.languages()
    written = write_outputs(request, rendered, summaries[first], notice=notice, cache=cache,
                            translated={tag: summaries[tag] for tag in others})
    for slot, key, result in rendered.fresh:
        cache.save(slot, key, result)
    if cache is not None:
        cache.save_pending()
    return BuildResult(request.output, written, rendered.warnings, findings, rendered.notes,
                       cache.problems if cache is not None else [])
