"""The quiz as a state machine: who has joined, which question is on, each pupil's one answer, the tallies.

Pure and synchronous: no network and no I/O, so every rule can be tested directly. The server calls
these methods from one event loop, so there are no locks.
"""

from __future__ import annotations

import secrets
import time
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from ..adapt import AdaptedLesson
from .content import LiveQuestion, help_cards, live_questions

LOBBY, QUESTION, REVEALED, BREAK, ENDED = "lobby", "question", "revealed", "break", "ended"


class QuizRefused(Exception):
    """Something a pupil or teacher asked for that the quiz cannot do now; the message is for them."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class QuizSettings:
    timer_seconds: Optional[int] = None
    """Seconds to answer each question; None (the default) means no timer."""
    max_pupils: int = 1000
    """Pupils who can join one quiz."""
    max_pupils_per_address: int = 60
    """Pupils from one network address (a whole class behind one router still fits)."""
    min_answers_for_chart: int = 3
    """Below this many answers the chart stays hidden, so no one's answer can be picked out."""


def new_pupil_id() -> str:
    return secrets.token_hex(16)


class QuizSession:
    """One run of one lesson's starter and exit quizzes for one class."""

    def __init__(self, lesson: AdaptedLesson, settings: QuizSettings = QuizSettings(),
                 clock: Callable[[], float] = time.monotonic):
        self.questions: Tuple[LiveQuestion, ...] = live_questions(lesson)
        if not self.questions:
            raise ValueError(f"'{lesson.lesson_id}' has no quiz questions for {lesson.audience.label}")
        self.title = lesson.title
        self.audience_name = lesson.audience_name
        self.is_pupils = lesson.is_pupils
        self.help = help_cards(lesson)
        self.settings = settings
        self.clock = clock
        self.phase = LOBBY
        self.index = -1
        self.deadline: Optional[float] = None
        self.pupils: Dict[str, str] = {}  # pupil id -> network address it first joined from
        self.per_address: Counter = Counter()
        self.answers: List[Dict[str, Tuple[int, ...]]] = [{} for _ in self.questions]

    # -- pupils --------------------------------------------------------------------------------

    def join(self, pupil_id: Optional[str], address: str) -> str:
        """A pupil's id: theirs again if they are rejoining, else a new one if there is room."""
        if pupil_id is not None and pupil_id in self.pupils:
            return pupil_id
        if len(self.pupils) >= self.settings.max_pupils:
            raise QuizRefused("full", "This quiz is full. Ask your teacher.")
        if self.per_address[address] >= self.settings.max_pupils_per_address:
            raise QuizRefused("full", "Too many people have joined from this device or network. Ask your teacher.")
        new_id = new_pupil_id()
        self.pupils[new_id] = address
        self.per_address[address] += 1
        return new_id

    @property
    def current(self) -> Optional[LiveQuestion]:
        return self.questions[self.index] if 0 <= self.index < len(self.questions) else None

    def time_left(self) -> Optional[float]:
        if self.deadline is None:
            return None
        return max(0.0, self.deadline - self.clock())

    def answer(self, pupil_id: str, number: int, choice: Sequence[int]) -> Tuple[int, ...]:
        """Record (or change) a pupil's answer to the open question; returns it as stored."""
        question = self.current
        if self.phase != QUESTION or question is None or question.number != number:
            raise QuizRefused("closed", "That question is closed now.")
        left = self.time_left()
        if left is not None and left <= 0:
            raise QuizRefused("closed", "Time is up for this question.")
        stored = _checked_choice(question, choice)
        if stored:
            self.answers[self.index][pupil_id] = stored
        else:  # an empty choice on a multiple-answer question takes the answer back
            self.answers[self.index].pop(pupil_id, None)
        return stored

    def answer_of(self, pupil_id: str) -> Optional[Tuple[int, Tuple[int, ...]]]:
        """(question number, choice) of this pupil's answer to the question on screen, if any."""
        question = self.current
        if question is None or self.phase not in (QUESTION, REVEALED):
            return None
        choice = self.answers[self.index].get(pupil_id)
        return (question.number, choice) if choice is not None else None

    # -- teacher -------------------------------------------------------------------------------

    def next(self) -> None:
        """Start, or move on: to the next question, the exit quiz, or the end."""
        if self.phase not in (LOBBY, REVEALED, BREAK):
            raise QuizRefused("order", "Show the answer before moving on." if self.phase == QUESTION else "The quiz has finished.")
        following = self.index + 1
        if following >= len(self.questions):
            self.end()
            return
        if self.phase == REVEALED and self.questions[following].quiz != self.questions[self.index].quiz:
            self.phase, self.deadline = BREAK, None
            return
        self.index, self.phase = following, QUESTION
        timer = self.settings.timer_seconds
        self.deadline = self.clock() + timer if timer else None

    def reveal(self) -> None:
        if self.phase != QUESTION:
            raise QuizRefused("order", "There is no open question to reveal.")
        self.phase, self.deadline = REVEALED, None

    def end(self) -> None:
        self.phase, self.deadline = ENDED, None

    # -- what people see -----------------------------------------------------------------------

    def tally(self, index: int) -> Dict:
        """Counts for one question: per option, how many chose it (ordering: put it in its right place)."""
        question = self.questions[index]
        answers = list(self.answers[index].values())
        correct = question.question.correct_indices
        if question.question.type == "ordering":
            counts = [sum(1 for a in answers if a[position] == position) for position in range(question.option_count)]
        else:
            counts = [sum(1 for a in answers if option in a) for option in range(question.option_count)]
        return {
            "answered": len(answers),
            "counts": counts,
            "all_correct": sum(1 for a in answers if tuple(a) == tuple(correct)),
        }

    def pupil_state(self) -> Dict:
        """The same for every pupil: nothing about anyone's answer."""
        state: Dict = {"type": "state", "phase": self.phase, "total": len(self.questions)}
        question = self.current
        if self.phase == QUESTION and question is not None:
            state["question"] = question.shown()
            left = self.time_left()
            if left is not None:
                state["time_left"] = round(left)
        elif self.phase == REVEALED and question is not None:
            state["question"] = question.revealed()
        elif self.phase == BREAK and question is not None:
            state["finished_quiz"] = question.quiz
        return state

    def teacher_state(self, connected: int) -> Dict:
        state = self.pupil_state()
        state.update(type="teacher-state", joined=len(self.pupils), connected=connected, answered=0)
        question = self.current
        if question is not None and self.phase in (QUESTION, REVEALED):
            tally = self.tally(self.index)
            state["answered"] = tally["answered"]
            if self.phase == REVEALED:
                state["results"] = dict(tally, hidden=tally["answered"] < self.settings.min_answers_for_chart,
                                        minimum=self.settings.min_answers_for_chart)
        return state


def _checked_choice(question: LiveQuestion, choice: Sequence[int]) -> Tuple[int, ...]:
    count, kind = question.option_count, question.question.type
    if any(not isinstance(i, int) or isinstance(i, bool) or not 0 <= i < count for i in choice):
        raise QuizRefused("invalid", "That answer is not one of the options.")
    if len(set(choice)) != len(choice):
        raise QuizRefused("invalid", "Each option can be chosen once.")
    if kind in ("single", "true-false") and len(choice) != 1:
        raise QuizRefused("invalid", "Choose exactly one answer.")
    if kind == "ordering":
        if len(choice) != count:
            raise QuizRefused("invalid", "Send the whole order, every item once.")
        return tuple(choice)
    return tuple(sorted(choice))
