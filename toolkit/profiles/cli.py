"""`lessonkit school`: set up and check a school's profile (thin commands over the profiles package)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional, Sequence, Tuple

import click

from ..errors import ContentErrors, Finding, LessonkitError, UsageProblem
from ..terminal import say
from ..wording import _, ngettext

# The commands import the profiles package when they run, so that `--help` is instant.
if TYPE_CHECKING:
    from .checks import ProfileCheck
    from .writer import ProfileAnswers

DEFAULT_FOLDER = Path("schools")


@click.group()
def school() -> None:
    """Set up and check a school profile: your safeguarding contacts, local services, logo and colours.

    \b
    Example:
      lessonkit school init
      lessonkit school check schools/my-school.yaml
      lessonkit build --school schools/my-school.yaml
    """


def _contact_options(prefix: str, who: str):
    def decorate(command):
        for name, text in reversed((
            ("name", "name"), ("role", "title as pupils know it"), ("where", "where pupils find them"),
            ("phone", "phone number"), ("email", "email address"),
        )):
            command = click.option(f"--{prefix}-{name}", f"{prefix}_{name}", multiple=True,
                                   help=f"The {who}'s {text} (repeat for each {who}, in order).")(command)
        return command
    return decorate


@school.command()
@click.argument("path", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--nation", help="england, wales, scotland or northern-ireland.")
@click.option("--name", help="The school's name.")
@click.option("--id", "school_id", help="Short id for the pack's folder (default: from the name).")
@_contact_options("lead", "safeguarding lead")
@_contact_options("deputy", "deputy")
@click.option("--police-name", help="Local police force (default in Scotland and Northern Ireland: the national force).")
@click.option("--police-phone", help="Local police phone number, if not only 999 and 101.")
@click.option("--childrens-services-name", "services_name", help="Local children's services (staff materials only).")
@click.option("--childrens-services-phone", "services_phone", help="Children's services phone number.")
@click.option("--childrens-services-out-of-hours", "services_out_of_hours", help="Children's services out-of-hours number.")
@click.option("--childrens-services-email", "services_email", help="Children's services email address.")
@click.option("--childrens-services-url", "services_url", help="Children's services web address.")
@click.option("--logo", help="Path to the school's logo (PNG or JPEG).")
@click.option("--logo-alt", help="Description of the logo for screen readers.")
@click.option("--primary", help="Main brand colour as #RRGGBB (white text must be readable on it).")
@click.option("--secondary", help="Second brand colour as #RRGGBB.")
@click.option("--website", help="The school's website.")
@click.option("--fictional/--real", default=None, help="An example school (only Ofcom drama numbers and example.org addresses), or a real one (neither allowed). Asked if not given; --no-input means real.")
@click.option("--no-input", is_flag=True, help="Ask nothing: take every answer from the options (for scripts).")
@click.option("--force", is_flag=True, help="Replace PATH if it already exists.")
def init(path: Optional[Path], fictional: Optional[bool], no_input: bool, force: bool, **answers) -> None:
    """Answer a few questions and get a school profile (a commented YAML file) at PATH.

    PATH defaults to schools/<id>.yaml. Every answer is checked as you give it. An existing file is
    never replaced unless you add --force.

    \b
    Example:
      lessonkit school init
      lessonkit school init schools/hazelbrook.yaml --no-input --nation england \\
        --name "Hazelbrook Academy" --lead-name "Mrs Helen Carter" \\
        --lead-where "Room B12, or ask at Reception" --lead-phone "01632 960123" --fictional
    """
    from ..load import display_path
    from ..outfolder import disk_problem
    from ..write import write_atomic
    from .checks import check_profile
    from .guided import Asker, Given, ask_profile
    from .writer import profile_yaml

    if path is not None:
        _refuse_existing(path, force)

    def target_for(school_id: str) -> Path:
        target = path or DEFAULT_FOLDER / f"{school_id}.yaml"
        return _refuse_existing(target, force)

    target, profile = ask_profile(Asker(interactive=not no_input), Given(answers), fictional, target_for)
    try:
        profile = _logo_beside(profile, target)
        write_atomic(target, profile_yaml(profile, display_path(target)).encode("utf-8"))
    except OSError as exc:
        raise disk_problem(exc, display_path(target), _("give another path"), _("No profile was written.")) from None
    checked = check_profile(target)
    if checked.errors:
        raise ContentErrors(checked.findings)
    _show(checked.findings)
    say(_("Wrote {path}. Check it with: lessonkit school check {path}", path=display_path(target)))


def _logo_beside(profile: ProfileAnswers, target: Path) -> ProfileAnswers:
    """A logo lives in its profile's folder (profiles may not reach outside it): copy one given from elsewhere."""
    from ..load import display_path
    from ..write import write_atomic
    from .logo import confined_logo

    if not profile.logo or confined_logo(target, profile.logo)[1] is None:
        return profile
    source = (target.parent / profile.logo).resolve()
    copy = target.parent / f"{profile.id}-logo{source.suffix.lower()}"
    if copy.exists() and copy.read_bytes() != source.read_bytes():
        raise UsageProblem(_("{path} already exists; copy the logo beside the profile yourself and give --logo {name}",
                             path=display_path(copy), name=copy.name))
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(copy, source.read_bytes())
    say(_("Copied the logo to {path}: a profile's logo lives in the profile's folder.", path=display_path(copy)))
    return dataclasses.replace(profile, logo=copy.name)


def _refuse_existing(target: Path, force: bool) -> Path:
    from ..load import display_path

    if target.is_dir():
        raise UsageProblem(_("{target} is a folder: give a file name, e.g. {example}", target=target, example=target / "my-school.yaml"))
    if target.exists() and not force:
        raise LessonkitError(_("{path} already exists; nothing was changed. Add --force to replace it, or give another "
                               "PATH.", path=display_path(target)))
    return target


def _show(findings: Sequence[Finding]) -> None:
    for finding in findings:
        say(finding.render(), err=True)


def _profile_paths(paths: Sequence[Path]) -> List[Path]:
    found: List[Path] = []
    for path in paths:
        found += sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml")) if path.is_dir() else [path]
    return found


@school.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--lessons", "lesson_paths", multiple=True, type=click.Path(path_type=Path),
              help="Lessons whose contacts to show (repeatable; default: the built-in lessons).")
@click.option("--catalogue", type=click.Path(path_type=Path, file_okay=False), help="Folder with audiences.yaml and support-routes.yaml.")
@click.option("--no-contacts", is_flag=True, help="Only check; do not list the contacts each audience sees.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check(paths: Tuple[Path, ...], lesson_paths: Tuple[Path, ...], catalogue: Optional[Path], no_contacts: bool, strict: bool) -> None:
    """Check school profiles, then show every contact as each audience will see it.

    Checks phone numbers, email and web addresses, colour contrast, the logo and the nation, and
    warns when a contact has not been verified for 12 months. Exits 1 if any profile has errors.
    PATHS may be profiles or folders of them.

    \b
    Example:
      lessonkit school check schools/my-school.yaml
      lessonkit school check example-wales
    """
    from .checks import check_profile

    checks: List[ProfileCheck] = [check_profile(path) for path in _profile_paths(paths)]
    if not checks:
        raise UsageProblem(_("no school profiles (.yaml) in {folders}. Try: lessonkit school init", folders=", ".join(map(str, paths))))
    findings = [f for c in checks for f in c.findings]
    if any(f.severity == "error" or strict for f in findings):
        raise ContentErrors(findings)
    _show(findings)
    say(ngettext("{count} school profile checked: no errors", "{count} school profiles checked: no errors", len(checks))
        + (ngettext(", {count} warning.", ", {count} warnings.", len(findings)) if findings else "."))
    if not no_contacts:
        for checked in checks:
            say("\n" + _preview(checked, lesson_paths, catalogue))


def _preview(checked: ProfileCheck, lesson_paths: Sequence[Path], catalogue: Optional[Path]) -> str:
    from ..load import load_project
    from .preview import contacts_by_audience, every_route_lesson, preview_text

    profile = checked.profile
    if profile is None:
        return ""
    try:
        project, _findings = load_project([p for p in lesson_paths if p.exists()], catalogue)
    except LessonkitError:
        project = None
    if project is None or not project.audiences:
        return _("{name}: no audiences.yaml found, so the contacts cannot be shown (try --catalogue).", name=profile.name)
    lessons = [loaded.model for loaded in project.lessons]
    note = None
    if not lessons:
        note = _("no lessons could be read, so every route in the catalogue is listed as each audience would see it")
        lessons = [every_route_lesson(list(project.audiences), list(project.routes))]
    return preview_text(profile, contacts_by_audience(profile, lessons, project.audiences, project.routes), note)
