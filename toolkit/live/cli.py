"""`lessonkit quiz serve`: a thin command that loads the lesson, prints the links and runs the server."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

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
@click.option("--language", "language_tag", type=click.Choice(available()), default=DEFAULT_LANGUAGE, show_default=True,
              help="Language of the quiz pages and messages (docs/wording.md).")
def serve(lesson_id, audience, school, host, port, timer, export, lessons_dir, catalogue, max_pupils, language_tag) -> None:
    """Serve LESSON's starter and exit quizzes to a class, from this computer.

    Prints the address and code pupils use, and the teacher's link (keep it to yourself: it
    controls the quiz). Pupils are anonymous: no names, no free text, no scores or leaderboard.
    Stop with Ctrl+C.

    \b
    Example:
      lessonkit quiz serve online-blackmail --audience ks3 --host 0.0.0.0
      lessonkit quiz serve online-blackmail --audience ks4 --school my-school.yaml --host 0.0.0.0 --export results.csv
    """
    with language(language_tag):  # every page, message and contact label the class sees
        _serve(lesson_id, audience, school, host, port, timer, export, lessons_dir, catalogue, max_pupils)


def _serve(lesson_id, audience, school, host, port, timer, export, lessons_dir, catalogue, max_pupils) -> None:
    from ..adapt import adapt
    from ..build import load_checked, load_school_checked
    from .server import prepare, serve as run  # imports the web stack only when serving
    from .session import QuizSettings

    project, _findings = load_checked([lessons_dir] if lessons_dir else [], catalogue)
    lesson = _lesson(project, lesson_id)
    if audience not in lesson.audiences:
        raise UsageProblem(_("'{lesson_id}' is not written for '{audience}'. It has: {audiences}", lesson_id=lesson_id, audience=audience,
                             audiences=", ".join(lesson.audiences)))
    profile = load_school_checked(school).model if school else None
    adapted = adapt(lesson, project.audiences[audience], project.routes, profile, nations=project.nations,
                    audiences=project.audiences)
    if not adapted.quiz:
        raise UsageProblem(_("'{lesson_id}' has no quiz questions for {audience}", lesson_id=lesson_id, audience=audience))
    settings = QuizSettings(timer_seconds=timer, max_pupils=max_pupils)
    live = prepare(adapted, host, port, settings, _export_path(export))
    code = live.keys.join_code
    count = len(live.session.questions)
    say(ngettext("Live quiz: {title} ({audience}), {count} question.", "Live quiz: {title} ({audience}), {count} questions.",
                 count, title=adapted.title, audience=adapted.audience_name))
    say(_("Pupils join at: {addresses}", addresses=("  " + _("or") + "  ").join(live.join_urls)))
    say(_("Join code: {code}", code=code[:3] + " " + code[3:]))
    say(_("Teacher link (open it on this computer and keep it to yourself: it controls the quiz):"))
    say(f"  {live.teacher_url}")
    if live.reach_problem:
        say(live.reach_problem)
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
