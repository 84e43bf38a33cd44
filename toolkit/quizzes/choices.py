"""Lesson questions as choice questions: what GIFT, QTI and Moodle's multichoice can all hold.

Ordering questions become a single choice between sequences ("Which order is right?"), because
GIFT and Canvas-style QTI have no ordering type: the right sequence plus up to three others made
by moving items, placed at a position derived from the question (or shuffled by the seed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from ..wording import N_, _
from ..adapt import Question
from .grades import multiple_weights
from .shuffle import content_position, option_order
from .text import one_line

ARROW = " \u2192 "
TRUTH = {"true": True, "false": False}


@dataclass(frozen=True)
class Choice:
    text: str
    feedback: str
    correct: bool
    weight: str
    """Moodle percentage from grades.MOODLE_FRACTIONS: '100', '33.33333', '-50', '0'."""


@dataclass(frozen=True)
class ChoiceQuestion:
    name: str
    kind: str  # "single", "multiple" or "true-false"
    text: str
    choices: Tuple[Choice, ...]
    general_feedback: str
    source: Question
    statement_is_true: Optional[bool] = None
    """For true-false: whether the statement is true."""


def truth_of(text: str) -> Optional[bool]:
    """True for an option reading 'True', False for 'False', None for anything else."""
    return TRUTH.get(one_line(text).rstrip(".!").lower())


def choice_question(question: Question, name: str, seed: Optional[int] = None) -> ChoiceQuestion:
    """`question` as a choice question; `seed` shuffles the options reproducibly."""
    if question.type == "ordering":
        return _sequence_question(question, name, seed)
    options = question.options
    if question.type == "true-false":
        truths = [truth_of(o.text) for o in options]
        if sorted(t for t in truths if t is not None) == [False, True]:
            statement = truths[question.correct_indices[0]]
            choices = tuple(Choice(o.text, o.feedback, o.correct, "100" if o.correct else "0") for o in options)
            return ChoiceQuestion(name, "true-false", question.question, choices, question.teaching_point,
                                  question, statement_is_true=statement)
    order = option_order(len(options), seed, question.id)
    if question.type == "multiple":
        weights = multiple_weights([o.correct for o in options])
        kind = "multiple"
    else:
        weights = ["100" if o.correct else "0" for o in options]
        kind = "single"
    choices = tuple(Choice(options[i].text, options[i].feedback, options[i].correct, weights[i]) for i in order)
    return ChoiceQuestion(name, kind, question.question, choices, question.teaching_point, question)


def _sequences(items: Sequence[str]) -> List[Tuple[int, ...]]:
    """The right order first, then up to three wrong ones, each a small, plausible slip."""
    n = len(items)
    right = tuple(range(n))
    candidates = [
        (1, 0) + right[2:],  # first two swapped
        right[:-2] + (n - 1, n - 2),  # last two swapped
        tuple(reversed(right)),
        right[1:] + right[:1],  # first moved to the end
        right[-1:] + right[:-1],  # last moved to the front
    ]
    found = [right]
    for candidate in candidates:
        if candidate not in found and len(found) < 4:
            found.append(candidate)
    return found


RIGHT_ORDER = N_("Yes, this is the right order.")
NEARLY = N_("Nearly. The right order is: {order}")
NOT_QUITE = N_("Not quite. The right order is: {order}")


def right_order(question: Question) -> str:
    """An ordering question's steps in the right order, on one line: 'A → B → C'."""
    return ARROW.join(one_line(o.text) for o in question.options)


def step_teaching(question: Question) -> str:
    """What each step of an ordering question teaches, one numbered line per step in the right order."""
    lines = []
    for number, option in enumerate(question.options, start=1):
        feedback = one_line(option.feedback)
        lines.append(f"{number}. {one_line(option.text)}" + (f": {feedback}" if feedback else ""))
    return "\n".join(lines)


def _sequence_question(question: Question, name: str, seed: Optional[int]) -> ChoiceQuestion:
    items = [o.text for o in question.options]
    sequences = _sequences(items)
    right_text = right_order(question)
    choices = [Choice(right_text, _(RIGHT_ORDER) + "\n" + step_teaching(question), True, "100")]
    choices += [
        Choice(ARROW.join(one_line(items[i]) for i in sequence), _(NOT_QUITE, order=right_text), False, "0")
        for sequence in sequences[1:]
    ]
    if seed is None:
        right_at = content_position(question.id, len(choices))
        order = list(range(1, len(choices)))
        order.insert(right_at, 0)
    else:
        order = option_order(len(choices), seed, question.id)
    text = _("{question}\nWhich order is right?", question=question.question)
    return ChoiceQuestion(name, "single", text, tuple(choices[i] for i in order), question.teaching_point, question)
