"""`lessonkit init`: a folder for a school's own lessons and profile, with a README of what to edit.

The folder holds a copy of one built-in lesson to start from and an empty `schools/` folder that
`lessonkit school init` fills; the built-in audiences and support routes are used unless the
school puts its own beside its lessons.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import List

from .builtin import lessons_dir
from .errors import LessonkitError, UsageProblem
from .load import display_path, lesson_files
from .validation import closest
from .wording import N_, _
from .write import write_atomic

LESSONS_FOLDER = "lessons"
SCHOOLS_FOLDER = "schools"
README = "README.md"

README_TEXT = N_("""\
# Our lessons with lessonkit

This folder holds your school's own copy of a lesson and your school's profile. lessonkit's
built-in lessons, audiences and national support routes stay inside lessonkit; you only keep here
what you change.

## 1. Describe your school (once)

    lessonkit school init

answers a few questions (your safeguarding lead, local police, logo, colours) and writes
`schools/<your-school>.yaml`. Check it, and see every contact as each class will, with:

    lessonkit school check schools

## 2. Edit the lesson

`lessons/{lesson_file}` is a copy of the built-in lesson '{lesson_id}'. Change what your school
needs (the stories, the questions, the timings), keeping a source for every fact. Check it after
each change:

    lessonkit validate lessons

Every problem is shown with its line and column and what to do. To start from another built-in
lesson too, run `lessonkit init . --lesson <id>` here (`lessonkit list` shows the ids).

The audiences and support routes come from lessonkit. To use your own, put your own
`audiences.yaml` and `support-routes.yaml` in `lessons/`; they are then used instead.

## 3. Build your pack

    lessonkit build lessons --schools schools

writes one folder per school profile into `output/`, each with an `index.html` listing every
file (decks to teach with, handouts and quiz papers to print, quiz files for your learning
platform) and a zip to share with colleagues. Without `--schools` you get the national pack,
which names no school contacts.
""")


@dataclass(frozen=True)
class Starter:
    folder: Path
    written: List[Path]


def _builtin_lesson(lesson_id: str) -> Path:
    """The built-in lesson's file (each is named by its lesson's id)."""
    by_id = {path.stem: path for path in lesson_files([lessons_dir()])}
    if lesson_id not in by_id:
        near = closest(lesson_id, list(by_id))
        hint = _("Did you mean '{near}'?", near=near) if near else _("Built-in lessons: {lessons}.", lessons=", ".join(sorted(by_id)))
        raise UsageProblem(_("no built-in lesson '{lesson_id}'. {hint}", lesson_id=lesson_id, hint=hint))
    return by_id[lesson_id]


def make_starter(folder: Path, lesson_id: str, force: bool = False) -> Starter:
    """Write a copy of the built-in lesson `lesson_id`, the README (unless there is one) and a schools folder."""
    if folder.exists() and not folder.is_dir():
        raise UsageProblem(_("{folder} is a file: give a folder, e.g. lessonkit init our-lessons", folder=folder))
    source = _builtin_lesson(lesson_id)
    lesson = folder / LESSONS_FOLDER / source.name
    readme = folder / README
    if lesson.exists() and not force:
        raise LessonkitError(_("{path} already exists; nothing was changed. Add --force to replace it, or give another "
                               "folder.", path=display_path(lesson)))
    written = [lesson]
    write_atomic(lesson, source.read_bytes())
    if force or not readme.exists():  # run again for another lesson: the README already says what to do
        write_atomic(readme, _(README_TEXT, lesson_file=source.name, lesson_id=lesson_id).encode("utf-8"))
        written.append(readme)
    (folder / SCHOOLS_FOLDER).mkdir(exist_ok=True)
    return Starter(folder, written)
