"""The quiz as a state machine: who has joined, which question is on, each pupil's one answer, the tallies.

Pure and synchronous: no network and no I/O, so every rule can be tested directly. The server calls
these methods from one event loop, so there are no locks.
"""

from __future__ import annotations

import contextlib
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from ..wording import _, current_language, language
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
    """Places in one quiz: pupils connected now, and those who left less than `rejoin_grace` ago."""
    rejoin_grace: float = 120.0
    """Seconds a pupil who lost the connection keeps their place (a reload, a Wi-Fi drop, a locked phone).

    After that the place is free for someone else; the pupil keeps their id and answers, and takes a
    place again when they come back, if there is one."""
    max_remembered: int = 10_000
    """Pupils who left and answered something, remembered so they keep their id if they come back.

    Beyond this many, the longest gone are forgotten with their answers, so memory stays bounded
    however many times a device joins, answers and leaves."""
    min_answers_for_chart: int = 3
    """Below this many answers the chart stays hidden, so no one's answer can be picked out."""


def new_pupil_id() -> str:
    return secrets.token_hex(16)


class QuizSession:
    """One run of one lesson's starter and exit quizzes for one class."""

    def __init__(self, lesson: Union[AdaptedLesson, Mapping[str, AdaptedLesson]], settings: QuizSettings = QuizSettings(),
                 clock: Callable[[], float] = time.monotonic):
        """`lesson`: the adapted lesson, in the current language; or, when each pupil chooses their language,
        the same lesson in each language offered (language tag -> lesson), the first the teacher's and the
        one pupils start in. Answers and counts are the same whichever language a pupil reads."""
        versions = dict(lesson) if isinstance(lesson, Mapping) else {current_language(): lesson}
        self.languages: Tuple[str, ...] = tuple(versions)
        """Language tags pupils may choose from; the first is the teacher's and every pupil's to start with."""
        first = versions[self.languages[0]]
        self.questions: Tuple[LiveQuestion, ...] = live_questions(first, versions if len(versions) > 1 else None)
        if not self.questions:
            raise ValueError(f"'{first.lesson_id}' has no quiz questions for {first.audience.label}")
        self.is_pupils = first.is_pupils
        self.words: Dict[str, Dict] = {}
        """Per language: the lesson's title, the audience's name and who can help, as pupils read them."""
        for tag, version in versions.items():
            with self.speaking(tag):
                self.words[tag] = {"title": version.title, "audience": version.audience_name, "help": help_cards(version)}
        self.title = self.words[self.languages[0]]["title"]
        self.audience_name = self.words[self.languages[0]]["audience"]
        self.help = self.words[self.languages[0]]["help"]
        self.settings = settings
        self.clock = clock
        self.phase = LOBBY
        self.index = -1
        self.deadline: Optional[float] = None
        self.present: Dict[str, int] = {}  # pupil id -> open connections; each holds a place
        self.away: "OrderedDict[str, float]" = OrderedDict()  # pupil id -> when they left; holds a place
        self.released: "OrderedDict[str, None]" = OrderedDict()  # left, answered, place given up
        self.answers: List[Dict[str, Tuple[int, ...]]] = [{} for _question in self.questions]

    def spoken(self, tag: object, otherwise: Optional[str] = None) -> str:
        """`tag` if it is a language this quiz offers; else `otherwise` (or the first language). Anything a
        page sends as a language is only ever compared with the offered ones, never used as it is."""
        if isinstance(tag, str) and tag in self.languages:
            return tag
        return otherwise if otherwise in self.languages else self.languages[0]

    def speaking(self, tag: Optional[str]):
        """A `with` block that looks the quiz's fixed messages up in `tag` (one of `languages`)."""
        return language(self.spoken(tag)) if len(self.languages) > 1 else contextlib.nullcontext()  # one language: the code's own

    # -- pupils --------------------------------------------------------------------------------

    def join(self, pupil_id: Optional[str]) -> str:
        """A pupil's id for one more open connection: theirs again when rejoining, else a new one, if there is room.

        When the quiz is full, the place of the pupil who has been gone longest goes to the one who is
        here now: someone absent never keeps someone present out."""
        self._release_expired()
        if pupil_id in self.present:
            self.present[pupil_id] += 1
            return pupil_id
        if pupil_id in self.away:
            del self.away[pupil_id]
            self.present[pupil_id] = 1
            return pupil_id
        if self.places >= self.settings.max_pupils:
            if not self.away:
                raise QuizRefused("full", _("This quiz is full. Ask your teacher."))
            self._release(self.away.popitem(last=False)[0])
        if pupil_id in self.released:
            del self.released[pupil_id]
        else:
            pupil_id = new_pupil_id()
        self.present[pupil_id] = 1
        return pupil_id

    def knows(self, pupil_id: Optional[str]) -> bool:
        """Whether this id was given out by this quiz (and is still remembered)."""
        return pupil_id is not None and (pupil_id in self.present or pupil_id in self.away or pupil_id in self.released)

    def leave(self, pupil_id: str) -> None:
        """One of this pupil's connections closed; with the last one, their place is kept for a while."""
        left = self.present.get(pupil_id, 0) - 1
        if left > 0:
            self.present[pupil_id] = left
        elif pupil_id in self.present:
            del self.present[pupil_id]
            self.away[pupil_id] = self.clock()

    @property
    def places(self) -> int:
        return len(self.present) + len(self.away)

    def _release_expired(self) -> None:
        cutoff = self.clock() - self.settings.rejoin_grace
        while self.away and next(iter(self.away.values())) <= cutoff:
            self._release(self.away.popitem(last=False)[0])

    def _release(self, pupil_id: str) -> None:
        """Give up a place; an id with answers is remembered, so they count and its pupil can come back."""
        if any(pupil_id in answers for answers in self.answers):
            self.released[pupil_id] = None
            while len(self.released) > self.settings.max_remembered:
                forgotten = self.released.popitem(last=False)[0]
                for answers in self.answers:
                    answers.pop(forgotten, None)

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
            raise QuizRefused("closed", _("That question is closed now."))
        left = self.time_left()
        if left is not None and left <= 0:
            raise QuizRefused("closed", _("Time is up for this question."))
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
            raise QuizRefused("order", _("Show the answer before moving on.") if self.phase == QUESTION else _("The quiz has finished."))
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
            raise QuizRefused("order", _("There is no open question to reveal."))
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

    def pupil_state(self, tag: Optional[str] = None) -> Dict:
        """The same for every pupil who reads `tag` (default: the first language): nothing about anyone's answer."""
        tag = self.spoken(tag) if len(self.languages) > 1 else None
        state: Dict = {"type": "state", "phase": self.phase, "total": len(self.questions)}
        question = self.current
        if self.phase == QUESTION and question is not None:
            state["question"] = question.shown(tag)
            left = self.time_left()
            if left is not None:
                state["time_left"] = round(left)
        elif self.phase == REVEALED and question is not None:
            state["question"] = question.revealed(tag)
        elif self.phase == BREAK and question is not None:
            state["finished_quiz"] = question.quiz
        return state

    def teacher_state(self) -> Dict:
        """What the teacher's screen shows: `joined` counts the places held, `connected` who is here now."""
        self._release_expired()
        state = self.pupil_state(self.languages[0])
        state.update(type="teacher-state", joined=self.places, connected=len(self.present), answered=0)
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
        raise QuizRefused("invalid", _("That answer is not one of the options."))
    if len(set(choice)) != len(choice):
        raise QuizRefused("invalid", _("Each option can be chosen once."))
    if kind in ("single", "true-false") and len(choice) != 1:
        raise QuizRefused("invalid", _("Choose exactly one answer."))
    if kind == "ordering":
        if len(choice) != count:
            raise QuizRefused("invalid", _("Send the whole order, every item once."))
        return tuple(choice)
    return tuple(sorted(choice))
