"""Fitting lesson questions into Kahoot's quiz spreadsheet: 120-character questions, 2 to 4
answers of 75 characters, fixed time limits. Short forms are used where the full text is too long."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple, Union

from ..wording import _
from ..adapt import Question
from ..model import Audience
from .shuffle import option_order
from .text import one_line, utf16_length

QUESTION_LIMIT = 120
ANSWER_LIMIT = 75
MAX_ANSWERS = 4
TIME_LIMITS = (5, 10, 20, 30, 60, 90, 120, 240)
MIN_SECONDS = 20  # Kahoot's own default: nobody should be rushed on this topic


@dataclass(frozen=True)
class KahootQuestion:
    question: str
    answers: Tuple[str, ...]
    time_limit: int
    correct: Tuple[int, ...]
    """1-based answer numbers, as the sheet lists them."""


def fitted(text: str, short: str, limit: int) -> Optional[str]:
    """The full text if it fits in `limit` characters, else the short form if that fits, else None."""
    for candidate in (one_line(text), one_line(short)):
        if candidate and utf16_length(candidate) <= limit:
            return candidate
    return None


def time_limit(question: str, answers: Tuple[str, ...], audience: Audience, several: bool) -> int:
    """Seconds to read everything at a young reader's pace, rounded up to a time Kahoot offers."""
    chars_per_second = 8 if audience.youngest < 11 else 12
    needed = 5 + (len(question) + sum(len(a) for a in answers)) / chars_per_second + (10 if several else 0)
    return next((t for t in TIME_LIMITS if t >= max(needed, MIN_SECONDS)), TIME_LIMITS[-1])


def kahoot_question(question: Question, audience: Audience, seed: Optional[int] = None) -> Union[KahootQuestion, str]:
    """The question as a Kahoot row, or the reason it cannot be one."""
    if question.type == "ordering":
        return _("ordering questions have no place in Kahoot's quiz spreadsheet")
    if len(question.options) > MAX_ANSWERS:
        return _("it has {count} options and Kahoot takes at most {most}", count=len(question.options), most=MAX_ANSWERS)
    text = fitted(question.question, question.short, QUESTION_LIMIT)
    if text is None:
        return _("the question is {length} characters, Kahoot allows {most}; add a `short:` form of at most {most} "
                 "characters", length=utf16_length(one_line(question.question)), most=QUESTION_LIMIT)
    order = option_order(len(question.options), None if question.type == "true-false" else seed, question.id)
    answers = []
    for index in order:
        option = question.options[index]
        answer = fitted(option.text, option.short, ANSWER_LIMIT)
        if answer is None:
            return _("option {number} is {length} characters, Kahoot allows {most}; add a `short:` form of at most "
                     "{most} characters", number=index + 1, length=utf16_length(one_line(option.text)), most=ANSWER_LIMIT)
        answers.append(answer)
    correct = tuple(position + 1 for position, index in enumerate(order) if question.options[index].correct)
    seconds = time_limit(text, tuple(answers), audience, len(correct) > 1)
    return KahootQuestion(text, tuple(answers), seconds, correct)
