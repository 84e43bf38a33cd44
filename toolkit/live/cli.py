"""`lessonkit quiz serve`: a thin command that loads the lesson, prints the links and runs the server."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import click

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
        hint = f"Did you mean '{near}'?" if near else f"Known lessons: {', '.join(known) or 'none'}."
        raise UsageProblem(f"unknown lesson '{lesson_id}'. {hint} Try: lessonkit list")
    return lesson


def _export_path(export: Optional[Path]) -> Optional[Path]:
    if export is None:
        return None
    folder = export.resolve().parent
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise UsageProblem(f"cannot save results in '{folder}': it is not a folder you can write to")
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
def serve(lesson_id, audience, school, host, port, timer, export, lessons_dir, catalogue, max_pupils) -> None:
    """Serve LESSON's starter and exit quizzes to a class, from this computer.

    Prints the address and code pupils use, and the teacher's link (keep it to yourself: it
    controls the quiz). Pupils are anonymous: no names, no free text, no scores or leaderboard.
    Stop with Ctrl+C.

    \b
    Example:
      lessonkit quiz serve online-blackmail --audience ks3 --host 0.0.0.0
      lessonkit quiz serve online-blackmail --audience ks4 --school my-school.yaml --host 0.0.0.0 --export results.csv
    """
    from ..adapt import adapt
    from ..build import load_checked, load_school_checked
    from .server import prepare, serve as run  # imports the web stack only when serving
    from .session import QuizSettings

    project, _ = load_checked([lessons_dir] if lessons_dir else [], catalogue)
    lesson = _lesson(project, lesson_id)
    if audience not in lesson.audiences:
        raise UsageProblem(f"'{lesson_id}' is not written for '{audience}'. It has: {', '.join(lesson.audiences)}")
    profile = load_school_checked(school).model if school else None
    adapted = adapt(lesson, project.audiences[audience], project.routes, profile)
    if not adapted.quiz:
        raise UsageProblem(f"'{lesson_id}' has no quiz questions for {audience}")
    settings = QuizSettings(timer_seconds=timer, max_pupils=max_pupils)
    live = prepare(adapted, host, port, settings, _export_path(export))
    code = live.keys.join_code
    count = len(live.session.questions)
    say(f"Live quiz: {adapted.title} ({adapted.audience_name}), {count} question{'s' if count != 1 else ''}.")
    say(f"Pupils join at: {'  or  '.join(live.join_urls)}")
    say(f"Join code: {code[:3]} {code[3:]}")
    say("Teacher link (open it on this computer and keep it to yourself: it controls the quiz):")
    say(f"  {live.teacher_url}")
    if live.reach_problem:
        say(live.reach_problem)
    if timer:
        say(f"Timer: {timer} seconds for each question, then the answer shows.")
    if export:
        say(f"Results (counts only) will be saved to {export}")
    say("Press Ctrl+C to stop.")
    try:
        run(live)
    except KeyboardInterrupt:  # Uvicorn re-raises the Ctrl+C it handled; stopping is the normal way out
        pass
    say("Quiz stopped." + (f" Results saved to {export}" if live.hub.saved else ""))
    if live.hub.save_problem:
        say(f"Error: {live.hub.save_problem}", err=True)
