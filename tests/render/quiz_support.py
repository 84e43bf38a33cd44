"""Shared by the quiz export tests: the awkward fixture, the golden files, and a plain account of
what each exported question should say, built from the lesson (not from the exporters' code)."""

from __future__ import annotations

import functools
import html
import importlib.machinery
import importlib.util
import itertools
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

import pytest

from toolkit.adapt import AdaptedLesson, adapt
from toolkit.build import load_checked
from toolkit.render import RenderContext, RenderOptions

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
AWKWARD = ROOT / "tests" / "fixtures" / "awkward"
GOLDEN = HERE / "golden"
ARROW = " \u2192 "
# Moodle's grade table, copied by hand from moodle/moodle question/engine/bank.php.
MOODLE_PERCENTAGES = {0.0, 100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333,
                      30.0, 25.0, 20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0}
MOODLE_PERCENTAGES |= {-value for value in MOODLE_PERCENTAGES}
NODE_MODULES = ROOT / "tests" / "js" / "node_modules"


def _missing(reason: str):
    """Skip on a developer's machine without the tool; fail in CI (as tests/conftest.py does)."""
    if os.environ.get("LESSONKIT_REQUIRE_TOOLS"):
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def node_with_gift_pegjs() -> str:
    """The node executable, once the npm package gift-pegjs is installed beside the tests."""
    node = shutil.which("node")
    if node is None:
        _missing("'node' is not installed (scripts/test installs it when run as root)")
    if not (NODE_MODULES / "gift-pegjs").exists():
        _missing("npm package 'gift-pegjs' is not installed (scripts/test runs npm install in tests/js)")
    return node


@functools.lru_cache(maxsize=None)
def _awkward_project():
    project, _ = load_checked([AWKWARD])
    return project


def awkward(audience_id: str = "ks3") -> AdaptedLesson:
    project = _awkward_project()
    return adapt(project.lesson("awkward"), project.audiences[audience_id], project.routes)


def render(renderer, lesson: AdaptedLesson, seed: Optional[int] = None):
    """(files, warnings) from one format's render function."""
    context = RenderContext(options=RenderOptions(shuffle_seed=seed))
    return renderer(lesson, context), context.warnings


def html_text(markup: str) -> str:
    """What a browser shows for an exported text field: our <br> as a line break, entities decoded."""
    return html.unescape(markup.replace("<br>", "\n"))


def golden_files(format_name: str):
    """The files scripts/regenerate-golden writes for one format (loaded from the script itself)."""
    loader = importlib.machinery.SourceFileLoader("regenerate_golden", str(ROOT / "scripts" / "regenerate-golden"))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module.golden_files(format_name)


def shipped_adapted(shipped) -> List[AdaptedLesson]:
    """Every shipped lesson for every audience it serves."""
    return [
        adapt(loaded.model, shipped.audiences[audience_id], shipped.routes)
        for loaded in shipped.lessons for audience_id in loaded.model.audiences
    ]


# --- What a question should look like once read back ---------------------------------------------

@dataclass
class ReadChoice:
    text: str
    feedback: str
    correct: bool
    weight: Optional[float] = None


@dataclass
class ReadQuestion:
    """A question as read back from an export by an independent reader."""

    name: str
    text: str
    general_feedback: str
    choices: List[ReadChoice]
    kind: str  # "single", "multiple", "true-false" or "ordering" (Moodle's native type)
    combined_feedback: Tuple[str, ...] = ()
    """Moodle's correct, partially correct and incorrect feedback, where the export has them."""


def parts(lesson: AdaptedLesson) -> List[Tuple[str, Sequence]]:
    return [(part, qs) for part, qs in (("starter", lesson.starter_quiz), ("exit", lesson.exit_quiz)) if qs]


def name_of(part: str, number: int, question) -> str:
    return f"{part.capitalize()} {number:02d}: {question.id}"


def assert_choice_question(read: ReadQuestion, question, name: str, ordering_native: bool = False) -> None:
    """`read` says what `question` says: text, every option and its feedback, and which are right."""
    assert read.name == name
    if question.type == "ordering" and ordering_native:
        # As Moodle saves it: the steps in order, their own feedback gone (qtype_ordering keeps none),
        # so what each step teaches is in every combined feedback and in the general feedback.
        assert read.kind == "ordering"
        assert read.text == question.question
        assert [c.text for c in read.choices] == [o.text for o in question.options]
        assert read.general_feedback.startswith(question.teaching_point)
        assert len(read.combined_feedback) == 3
        for shown in read.combined_feedback + (read.general_feedback,):
            assert_teaches_every_step(shown, question)
        return
    assert read.general_feedback == question.teaching_point
    if question.type == "ordering":
        assert read.text == question.question + "\nWhich order is right?"
        items = [o.text for o in question.options]
        right = [c for c in read.choices if c.correct]
        assert [c.text for c in right] == [ARROW.join(items)]
        orders = {ARROW.join(order) for order in itertools.permutations(items)}
        for choice in read.choices:
            assert choice.text in orders, choice.text  # the same steps, in some order
            assert choice.feedback
        assert len({c.text for c in read.choices}) == len(read.choices) == min(4, len(orders))
        assert_teaches_every_step(right[0].feedback, question)
        return
    assert read.text == question.question
    # A true/false export names its answers True and False, whatever case the lesson used.
    key = (lambda t: t.strip().rstrip(".!").lower()) if read.kind == "true-false" else (lambda t: t)
    by_text = {key(c.text): c for c in read.choices}
    assert sorted(by_text) == sorted(key(o.text) for o in question.options)
    for option in question.options:
        choice = by_text[key(option.text)]
        assert (choice.feedback, choice.correct) == (option.feedback, option.correct), option.text
    if question.type == "multiple":
        assert read.kind == "multiple"
        weights = [c.weight for c in read.choices]
        if weights[0] is None:  # QTI as Canvas reads it: all or nothing, no weights
            return
        assert all(w in MOODLE_PERCENTAGES for w in weights), weights
        assert all((w > 0) == c.correct for w, c in zip(weights, read.choices))
        # Moodle's own check: positive grades add up to 100% once rounded to two places of the fraction.
        assert round(sum(w for w in weights if w > 0) / 100, 2) == 1
    elif question.type == "true-false":
        assert read.kind in ("true-false", "single")  # single when the options are not True/False
    else:
        assert read.kind == "single"


def assert_teaches_every_step(shown: str, question) -> None:
    """`shown` names every step of an ordering question in the right order, each with its feedback."""
    flat = lambda text: " ".join(text.split())  # noqa: E731  (steps are written on one line each)
    found = 0
    for option in question.options:
        found = flat(shown).find(flat(option.text), found)
        assert found >= 0, (option.text, shown)
        assert flat(option.feedback) in flat(shown), (option.feedback, shown)
