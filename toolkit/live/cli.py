"""`lessonkit quiz serve`: a thin command that loads the lesson, prints the links and runs the server."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Sequence, Tuple

import click

from ..wording import DEFAULT_LANGUAGE, _, available, language, ngettext
from ..errors import UsageProblem
from ..terminal import say


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def quiz() -> None:
    """Run a lesson's quiz live in class: pupils join anonymously from any browser.

    \b
    Example:
      lessonkit quiz serve online-blackmail --audience ks3 --host 0.0.0.0
    """


def _lesson(project, lesson_id: str):
    from ..validation import closest
    lesson = project.lesson(lesson_id)
    if lesson is None:
        known = [loaded.model.id for loaded in project.lessons]
        near = closest(lesson_id, known)
        hint = _("Did you mean '{near}'?", near=near) if near else _("Known lessons: {lessons}.", lessons=", ".join(known) or _("none"))
        raise UsageProblem(_("unknown lesson '{lesson_id}'. {hint} Try: lessonkit list", lesson_id=lesson_id, hint=hint))
    return lesson


def _export_path(export: Optional[Path]) -> Optional[Path]:
    if export is None:
        return None
    folder = export.resolve().parent
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise UsageProblem(_("cannot save results in '{folder}': it is not a folder you can write to", folder=folder))
    return export


WELSH = "cy"


def _languages(_context, _parameter, value: Optional[str]) -> Optional[Tuple[str, ...]]:
    """`--language en,cy`: each a language with a catalogue ('en' stands for 'en-GB'), the first the
    teacher's and the one pupils start in; None when not given."""
    if value is None:
        return None
    from ..bilingual import language_list

    try:
        listed = language_list(value, available())
    except UsageProblem as problem:
        raise click.BadParameter(str(problem)) from None
    return tuple(dict.fromkeys(listed))  # each once, in the order given


@quiz.command()
@click.argument("lesson_id", metavar="LESSON")
@click.option("--audience", required=True, help="Audience id, e.g. ks3 (see lessonkit list).")
@click.option("--school", type=click.Path(path_type=Path, dir_okay=False), help="A school profile: its safeguarding lead and local contacts appear on the end screen.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on. 127.0.0.1 is this computer only; use 0.0.0.0 so pupils on the school network can join.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port to listen on (0 picks a free one).")
@click.option("--timer", type=click.IntRange(10, 600), help="Seconds to answer each question, then the answer shows. Off by default.")
@click.option("--export", type=click.Path(path_type=Path, dir_okay=False), help="Save the class's counts per option (no per-pupil data) to this CSV file at each reveal and at the end.")
@click.option("--lessons", "lessons_dir", type=click.Path(path_type=Path, file_okay=False), help="Folder with the lesson files (default: the built-in lessons).")
@click.option("--catalogue", type=click.Path(path_type=Path, file_okay=False), help="Folder with audiences.yaml and support-routes.yaml (default: beside the lessons, else the built-in one).")
@click.option("--max-pupils", type=click.IntRange(1, 5000), default=1000, show_default=True, help="Places in the quiz: pupils here now, and those who lost the connection in the last 2 minutes.")
@click.option("--language", "languages", callback=_languages, metavar="LANGUAGE[,LANGUAGE]",
              help="Language of the quiz, e.g. cy; or several, e.g. en,cy: each pupil chooses theirs on their own "
                   "screen, the first is the teacher's (docs/live-quiz.md). Default: en-GB, and for a school in Wales "
                   "en-GB,cy when the lesson has a complete Welsh translation.")
def serve(lesson_id, audience, school, host, port, timer, export, lessons_dir, catalogue, max_pupils, languages) -> None:
    """Serve LESSON's starter and exit quizzes to a class, from this computer.

    Prints the address and code pupils use, and the teacher's link (keep it to yourself: it
    controls the quiz). Pupils are anonymous: no names, no free text, no scores or leaderboard.
    Stop with Ctrl+C.

    \b
    Example:
      lessonkit quiz serve online-blackmail --audience ks3 --host 0.0.0.0
      lessonkit quiz serve online-blackmail --audience ks4 --school my-school.yaml --host 0.0.0.0 --export results.csv
    """
    with language((languages or (DEFAULT_LANGUAGE,))[0]):  # the teacher's pages and this terminal's messages
        _serve(lesson_id, audience, school, host, port, timer, export, lessons_dir, catalogue, max_pupils, languages)


def _in_languages(project, lesson_id: str, tags: Sequence[str]):
    """The project in each language (tag -> project); the findings of every text without a finished translation."""
    from ..load import Project
    from ..translation import translated_project

    loaded = next(l for l in project.lessons if l.model.id == lesson_id)
    own = Project([loaded], project.audiences_file, project.routes_file, project.nations_file, project.language)
    versions, missing = {}, []
    for tag in tags:
        versions[tag], problems = translated_project(own, tag)
        missing += problems
    return versions, missing


def _serve(lesson_id, audience, school, host, port, timer, export, lessons_dir, catalogue, max_pupils, languages) -> None:
    from ..adapt import adapt
    from ..build import load_checked, load_school_checked
    from ..errors import ContentErrors
    from .content import language_choices
    from .server import prepare, serve as run  # imports the web stack only when serving
    from .session import QuizSettings

    project, _findings = load_checked([lessons_dir] if lessons_dir else [], catalogue)
    lesson = _lesson(project, lesson_id)
    if audience not in lesson.audiences:
        raise UsageProblem(_("'{lesson_id}' is not written for '{audience}'. It has: {audiences}", lesson_id=lesson_id, audience=audience,
                             audiences=", ".join(lesson.audiences)))
    profile = load_school_checked(school).model if school else None
    untranslated = ""
    if languages is None:  # a school in Wales: pupils choose Cymraeg or English, when the lesson is all in Welsh
        languages = (DEFAULT_LANGUAGE,)
        if profile is not None and profile.nation == "wales" and WELSH in available():
            versions, missing = _in_languages(project, lesson_id, (DEFAULT_LANGUAGE, WELSH))
            if missing:
                untranslated = ngettext("Welsh is not offered: {count} text of this lesson has no Welsh translation yet "
                                        "(lessonkit translations check --language cy).",
                                        "Welsh is not offered: {count} texts of this lesson have no Welsh translation yet "
                                        "(lessonkit translations check --language cy).", len(missing))
            else:
                languages = (DEFAULT_LANGUAGE, WELSH)
    versions, missing = _in_languages(project, lesson_id, languages)
    if missing:
        raise ContentErrors(missing)
    adapted = {}
    for tag, translated in versions.items():
        with language(tag):  # nation terms and contact labels in the pupils' language
            adapted[tag] = adapt(translated.lesson(lesson_id), translated.audiences[audience], translated.routes, profile,
                                 nations=translated.nations, audiences=translated.audiences)
    first = adapted[languages[0]]
    if not first.quiz:
        raise UsageProblem(_("'{lesson_id}' has no quiz questions for {audience}", lesson_id=lesson_id, audience=audience))
    settings = QuizSettings(timer_seconds=timer, max_pupils=max_pupils)
    live = prepare(adapted if len(adapted) > 1 else first, host, port, settings, _export_path(export))
    code = live.keys.join_code
    count = len(live.session.questions)
    say(ngettext("Live quiz: {title} ({audience}), {count} question.", "Live quiz: {title} ({audience}), {count} questions.",
                 count, title=first.title, audience=first.audience_name))
    say(_("Pupils join at: {addresses}", addresses=("  " + _("or") + "  ").join(live.join_urls)))
    say(_("Join code: {code}", code=code[:3] + " " + code[3:]))
    say(_("Teacher link (open it on this computer and keep it to yourself: it controls the quiz):"))
    say(f"  {live.teacher_url}")
    if live.reach_problem:
        say(live.reach_problem)
    if len(languages) > 1:
        say(_("Each pupil chooses their language on their own screen: {languages}.",
              languages=", ".join(choice["name"] for choice in language_choices(languages))))
    if untranslated:
        say(untranslated)
    if timer:
        say(_("Timer: {timer} seconds for each question, then the answer shows.", timer=timer))
    if export:
        say(_("Results (counts only) will be saved to {export}", export=export))
    say(_("Press Ctrl+C to stop."))
    try:
        run(live)
    except KeyboardInterrupt:  # Uvicorn re-raises the Ctrl+C it handled; stopping is the normal way out
        pass
    say(_("Quiz stopped.") + (_(" Results saved to {export}", export=export) if live.hub.saved else ""))
    if live.hub.save_problem:
        say(_("Error: {problem}", problem=live.hub.save_problem), err=True)
