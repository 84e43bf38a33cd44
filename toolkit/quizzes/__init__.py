"""What the quiz exports (Kahoot, GIFT, Moodle XML, QTI) share: clean text, Moodle's grade table,
choice questions built from lesson questions, short forms that fit Kahoot, help for the end."""

from __future__ import annotations

from typing import List, Tuple

from ..wording import _
from ..wording.phrases import quiz_part
from ..adapt import AdaptedLesson, Question

PARTS = ("starter", "exit")


def quizzes(lesson: AdaptedLesson) -> List[Tuple[str, Tuple[Question, ...]]]:
    """(part, questions) for each of the starter and exit quizzes this audience has questions in."""
    found = [("starter", lesson.starter_quiz), ("exit", lesson.exit_quiz)]
    return [(part, questions) for part, questions in found if questions]


def question_name(part: str, number: int, question: Question) -> str:
    """The name a teacher sees in a question bank, e.g. 'Exit 02: who-helps'."""
    return _("{part} {number}: {question}", part=quiz_part(part).capitalize(), number=format(number, "02d"), question=question.id)


def category(lesson: AdaptedLesson, part: str) -> str:
    """Question-bank category path, e.g. 'lessonkit/online-blackmail/ks3/exit'."""
    return f"lessonkit/{lesson.lesson_id}/{lesson.audience.id}/{part}"


def quiz_title(lesson: AdaptedLesson, part: str) -> str:
    return _("{title}: {part} quiz for {audience}", title=lesson.title, part=quiz_part(part), audience=lesson.audience_name)
