"""The `lessonkit` command: thin commands that parse options, call the library and print.

Help must be instant (`lessonkit --help`, `lessonkit build --help`), so this module imports only
click and a few small modules at the top. A command imports what it uses when it runs (inside its
function), and command groups kept in other modules are loaded only when named: see `COMMANDS`.

To add a command: write it as a click command or group in its own module (importing at the top
only what its options need, e.g. click), then add one line to `COMMANDS` below. Its `--help` then
costs no more than importing that module.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import NoReturn, Optional, Tuple

import click

from .errors import LessonkitError, UsageProblem
from .terminal import SafeStream, say, visible
from .wording import _, ngettext
from .wording.catalogues import DEFAULT_LANGUAGE, available as wording_languages

# Commands kept in other modules, by name: "module:attribute", imported only when the command is used.
COMMANDS = {
    "quiz": "toolkit.live.cli:quiz",
    "routes": "toolkit.routes.cli:routes",
    "school": "toolkit.profiles.cli:school",
    "translations": "toolkit.translation_cli:translations",
}

LESSONS = click.Path(path_type=Path)
CATALOGUE_HELP = "Folder with audiences.yaml and support-routes.yaml (default: beside the lessons, else the built-in one)."


def _show_warnings(findings) -> None:
    for finding in findings:
        say(finding.render(), err=True)


class Group(click.Group):
    """A user sees a message, never a traceback (set LESSONKIT_DEBUG=1 to see one).

    The commands named in `COMMANDS` are imported when they are first asked for.
    """

    def list_commands(self, ctx):
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx, cmd_name):
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            import importlib
            module, attribute = COMMANDS[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            say(_("\nInterrupted: nothing half-written was left; earlier outputs are unchanged."), err=True)
            ctx.exit(130)
        except OSError as exc:  # the disk or a path the user gave (too long, a loop of links, no permission)
            if os.environ.get("LESSONKIT_DEBUG"):
                raise
            raise UsageProblem(_("{path}: {problem}. Check this path and its permissions, then run again. Earlier outputs are "
                                 "unchanged.", path=exc.filename or _("a file"), problem=exc.strerror or exc)) from exc
        except Exception as exc:  # a bug in lessonkit, not the user's fault
            if os.environ.get("LESSONKIT_DEBUG"):
                raise
            raise LessonkitError(
                _("lessonkit failed unexpectedly ({name}: {exc}). Earlier outputs are unchanged. Run again with "
                  "LESSONKIT_DEBUG=1 for details, and please report it.", name=type(exc).__name__, exc=exc)
            ) from exc


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="lessonkit")
def main() -> None:
    """Turn lesson definitions about online sexual extortion into slides, handouts and quizzes.

    \b
    Example:
      lessonkit validate lessons
      lessonkit build
    """


YOUNG_OBJECTS = 10_000
"""How many objects are made between two collections of the youngest ones (Python's default is
700). A command makes hundreds of thousands of objects that live until it ends (modules, models,
templates); collecting every 700 found almost nothing and cost `validate` about 0.03 s."""


def run() -> None:
    """The `lessonkit` program (its console script and `python -m toolkit`): `main`, then `leave`."""
    import gc

    gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])
    try:
        main(prog_name="lessonkit")
    except SystemExit as done:
        leave(done.code)
    leave(0)


def leave(status) -> NoReturn:
    """End the program with `status` (as `sys.exit(status)` would) without tearing it down.

    When a command is done, Python would free every object it made one by one and collect them twice
    (about 0.1 s for `lessonkit validate`: a sixth of its time) before the system frees the memory at
    once anyway. So lessonkit runs the exit handlers (`atexit`), flushes what it printed, and ends the
    process there. Files are always closed by the code that writes them, never left to the teardown.
    If a thread other than the main one is still running, Python ends as usual and waits for it; so
    it does under a profiler or a debugger (`python -m cProfile -m toolkit ...`), which report after."""
    import atexit
    import threading

    if sys.getprofile() is not None or sys.gettrace() is not None or any(
            thread.is_alive() and not thread.daemon for thread in threading.enumerate() if thread is not threading.main_thread()):
        sys.exit(status)
    if status is None:
        status = 0
    elif not isinstance(status, int):
        say(str(status), err=True)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # the reader has gone (`lessonkit validate | head -1`), or it was closed
            pass
    os._exit(status & 0xFF)


@main.command()
@click.argument("paths", nargs=-1, type=LESSONS)
@click.option("--catalogue", type=click.Path(path_type=Path, file_okay=False), help=CATALOGUE_HELP)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--language", "language_tag", type=click.Choice(["cy"]), default=None,
              help="Also check the lessons' translation into this language (cy: Welsh): every text translated.")
@click.option("--jobs", type=click.IntRange(1, 64), default=None,
              help="Above 1, the slide rules run in a second process beside the others (default: the number of cores).")
@click.option("--no-cache", is_flag=True,
              help="Check every file again, ignoring what earlier runs found in files that have not changed.")
def validate(paths: Tuple[Path, ...], catalogue: Optional[Path], strict: bool, language_tag: Optional[str],
             jobs: Optional[int], no_cache: bool) -> None:
    """Check lesson files and report every problem with its file, line and column.

    Exits 0 when the lessons are fine, 1 when they have errors (or warnings, with --strict).

    \b
    Example:
      lessonkit validate lessons
      lessonkit validate lessons/my-lesson.yaml --strict
      lessonkit validate --language cy
    """
    from .beside import default_jobs
    from .builtin import lessons_dir
    from .checkcache import ValidateCache
    from .checks import validate_lessons

    cache = None if no_cache else ValidateCache()
    try:
        count, findings = validate_lessons(paths or (lessons_dir(),), catalogue, strict, _checking_progress(),
                                           jobs or default_jobs(), cache)
    finally:
        for problem in cache.problems if cache is not None else ():
            say(f"warning: {problem}", err=True)
    _show_warnings(findings)
    warnings = len(findings)
    say(ngettext("{count} lesson checked: no errors", "{count} lessons checked: no errors", count)
        + (ngettext(", {count} warning.", ", {count} warnings.", warnings) if warnings else "."))
    if language_tag:
        from .translation_cli import check_translation

        check_translation(paths, language_tag, catalogue)


def _pack_languages(_context, _parameter, value: str):
    """`--language` as the pack's languages (toolkit/bilingual.py), or a usage error naming the problem."""
    from .bilingual import pack_languages
    from .errors import UsageProblem

    if value is None:
        return None
    try:
        return pack_languages(value, wording_languages())
    except UsageProblem as problem:
        raise click.BadParameter(problem.format_message()) from None


@main.command(name="build")
@click.argument("paths", nargs=-1, type=LESSONS)
@click.option("--lesson", "lessons", multiple=True, help="Only this lesson id (repeatable).")
@click.option("--audience", "audiences", multiple=True, help="Only this audience id, e.g. ks3 (repeatable).")
@click.option("--format", "format_names", multiple=True, help="Only this format, e.g. slides (repeatable).")
@click.option("--school", type=click.Path(path_type=Path, dir_okay=False), help="A school profile: its contacts and look go into every output.")
@click.option("--schools", type=click.Path(path_type=Path, file_okay=False), help="A folder of school profiles: one pack per school.")
@click.option("--jobs", type=click.IntRange(1, 64), default=None, help="Files rendered at once, each in its own process (default: the number of cores).")
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False), default=Path("output"), show_default=True, help="Where to write.")
@click.option("--catalogue", type=click.Path(path_type=Path, file_okay=False), help=CATALOGUE_HELP)
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True, help="Paper size for PDFs.")
@click.option("--large-print", is_flag=True, help="Large-print handouts (body text at least 16 pt).")
@click.option("--template", type=click.Path(path_type=Path, dir_okay=False, exists=True), help="Build slides on a school's own .pptx template.")
@click.option("--shuffle", "shuffle_seed", type=int, help="Seed for an A/B quiz paper with options in another order.")
@click.option("--include", "include", multiple=True, metavar="PART", help="Teach this optional part of a session plan (repeatable); otherwise it is in the extra slides.")
@click.option("--exclude", "exclude", multiple=True, metavar="PART", help="Leave out this optional part: it moves to the extra slides (repeatable).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--force", is_flag=True, help="Build into an existing folder that lessonkit did not create (its files are kept).")
@click.option("--no-cache", is_flag=True, help="Render every file again, ignoring the cache of earlier builds beside the output folder.")
@click.option("--language", callback=_pack_languages, default=None, metavar="TAG[,TAG]",
              help=f"Language of every output and of each document's declared language ({', '.join(wording_languages())}; "
                   "docs/wording.md). Two, as cy,en (or en,cy): a bilingual pack, Welsh first (docs/translations.md). "
                   f"Default: the school profile's `languages`, else {DEFAULT_LANGUAGE}.")
def build_command(paths, lessons, audiences, format_names, school, schools, jobs, output, catalogue,
                  paper, large_print, template, shuffle_seed, include, exclude, strict, force, no_cache, language) -> None:
    """Build slides, handouts and quizzes for every lesson and audience into OUTPUT.

    Nothing is written unless every lesson passes its checks, and the output folder changes as a
    whole: a failed or interrupted build leaves the previous outputs intact.

    \b
    Example:
      lessonkit build
      lessonkit build --lesson online-blackmail --audience ks4 --format slides
      lessonkit build --school example-england
      lessonkit build --audience ks3 --include copied-account
      lessonkit build --school example-wales --language cy,en
    """
    from . import build as building
    from .builtin import for_users, only_builtin
    from .render import RenderOptions
    from .beside import default_jobs

    request = building.BuildRequest(
        lesson_paths=paths, catalogue=catalogue, lessons=lessons, include=include, exclude=exclude,
        audiences=audiences, formats=format_names, school=school, schools=schools, output=output, strict=strict,
        force=force, jobs=jobs or default_jobs(), cache=not no_cache,
        options=RenderOptions(paper=paper, large_print=large_print, template=template, shuffle_seed=shuffle_seed,
                              language=(language or (DEFAULT_LANGUAGE,))[0],
                              languages=language if language and len(language) > 1 else ()),
        language_given=language is not None,
    )
    result = building.build(request, progress=_progress_printer(), notice=_notice)
    for problem in result.cache_problems:
        say(f"warning: {problem}", err=True)
    # Built-in content is for its authors to fix: they see its warnings with validate or --strict.
    _show_warnings(for_users(result.findings, strict))
    if strict or not only_builtin(paths):
        for warning in result.warnings:
            say(_("warning: {warning}", warning=warning), err=True)
    say(ngettext("Wrote {count} file to {folder}/ (open {index} for a list).",
                 "Wrote {count} files to {folder}/ (open {index} for a list).", len(result.files),
                 folder=result.output, index=result.output / building.INDEX))
    for note in result.notes:
        say(note)


def _checking_progress():
    """A progress bar on a terminal only: nothing in logs and pipes, where the findings are what matters."""
    if not sys.stderr.isatty():
        return None
    state = {}

    def show(done: int, total: int, path: str) -> None:
        if total < 20:
            return
        if "bar" not in state:
            state["bar"] = click.progressbar(length=total, label=_("Checking lessons"), show_pos=True, file=SafeStream(sys.stderr))
            state["bar"].__enter__()
        state["bar"].update(1)
        if done >= total:
            state["bar"].__exit__(None, None, None)

    return show


def _notice(text: str) -> None:
    say(text, err=True)


def _progress_printer():
    """A progress bar on a terminal, plain lines otherwise (logs, CI)."""
    if not sys.stderr.isatty():
        return lambda done, total, step: say(f"[{done}/{total}] {step}", err=True)
    state = {}

    def show(done: int, total: int, step: str) -> None:
        if "bar" not in state:
            state["bar"] = click.progressbar(length=total, label=_("Building"), file=SafeStream(sys.stderr),
                                             item_show_func=lambda s: visible(s) if s else s)
            state["bar"].__enter__()
        state["bar"].update(1, step)
        if done >= total:
            state["bar"].__exit__(None, None, None)

    return show


@main.command(name="list")
@click.argument("paths", nargs=-1, type=LESSONS)
@click.option("--catalogue", type=click.Path(path_type=Path, file_okay=False), help=CATALOGUE_HELP)
def list_command(paths, catalogue) -> None:
    """List the lessons, audiences, support routes and output formats.

    \b
    Example:
      lessonkit list
    """
    from . import build as building
    from .notices import adult_only_name
    from .render import formats

    project, _findings = building.load_checked(paths, catalogue)
    say(_("Lessons:"))
    for loaded in project.lessons:
        lesson = loaded.model
        title = lesson.title if isinstance(lesson.title, str) else lesson.title["default"]
        say(f"  {lesson.id:24} {title} [{', '.join(lesson.audiences)}]")
    say(_("Audiences:"))
    for audience in project.audiences.values():
        say(f"  {audience.id:24} {audience.label}")
    say(_("Support routes:"))
    for route in project.routes.values():
        contact = route.phone or route.text or (str(route.url) if route.url else "") or route.email or ""
        say(f"  {route.id:24} {adult_only_name(route.name) if route.adult_only else route.name}: {contact}")
    say(_("Formats:"))
    for output_format in formats().values():
        say(f"  {output_format.name:24} {_(output_format.description)}")


@main.command()
@click.argument("folder", required=False, default=Path("."), type=click.Path(path_type=Path))
@click.option("--lesson", "lesson_id", default="online-blackmail", show_default=True, help="The built-in lesson to copy as a starting point.")
@click.option("--force", is_flag=True, help="Replace the lesson copy and README if they already exist.")
def init(folder: Path, lesson_id: str, force: bool) -> None:
    """Set up FOLDER (default: here) for a school's own lessons and profile, with a README of what to edit.

    Copies a built-in lesson into FOLDER/lessons/ and makes FOLDER/schools/ for the profile that
    `lessonkit school init` writes. Nothing existing is replaced unless you add --force.

    \b
    Example:
      lessonkit init our-lessons
      lessonkit init our-lessons --lesson parents-session
    """
    from .load import display_path
    from .starter import make_starter
    starter = make_starter(folder, lesson_id, force)
    for path in starter.written:
        say(_("Wrote {path}", path=display_path(path)))
    say(_("Next: read {readme}, then run `lessonkit school init` in {folder}.",
          readme=display_path(starter.folder / "README.md"), folder=display_path(starter.folder)))


@main.command()
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write to a file instead of the screen.")
def schema(output) -> None:
    """Print the JSON Schema of the lesson format, for editors that check YAML as you type.

    \b
    Example:
      lessonkit schema -o lesson.schema.json
    """
    from .schema import lesson_schema
    output.write(json.dumps(lesson_schema(), indent=2) + "\n")


@main.command()
@click.argument("folder", required=False, default=Path("."), type=click.Path(path_type=Path, file_okay=False))
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port to listen on (default: a free one).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on. Only this computer can reach 127.0.0.1; any other address lets others on the network try.")
@click.option("--allow-other-hosts", is_flag=True, help="Needed with a --host other than this computer (127.0.0.1, localhost, ::1).")
@click.option("--no-browser", is_flag=True, help="Print the address but do not open the browser.")
def studio(folder: Path, port: int, host: str, allow_other_hosts: bool, no_browser: bool) -> None:
    """Do everything in a browser: the school profile, the build, sign-off and the live quiz.

    FOLDER (default: here) is the school's workspace, created if missing: its profile goes in
    FOLDER/schools/ and the pack in FOLDER/output/. The studio runs on this computer only and sends
    nothing anywhere; its address carries a secret, so no other page can use it.

    \b
    Example:
      lessonkit studio our-school
    """
    from .studio.cli import run_studio  # the web stack is imported only for this command
    run_studio(folder, host, port, allow_other_hosts, not no_browser)

