"""One order for every quiz: the slides, the quiz sheets, the answer key and the live quiz show each
question with the same number and each option with the same letter (ordering questions included),
because all of them ask `toolkit.quizzes.order.shown_order`."""

from __future__ import annotations

import re

import pytest

from toolkit.adapt import adapt
from toolkit.build import load_checked
from toolkit.deck.quiz import quiz_slides
from toolkit.live.content import live_questions
from toolkit.render import RenderContext, formats

from kit import FIXTURES
from test_quiz_paper import key_verdicts, paper_options


@pytest.fixture(scope="module")
def lesson():
    project, _ = load_checked([FIXTURES / "awkward"])
    return adapt(project.lesson("awkward"), project.audiences["ks3"], project.routes)


def slide_questions(lesson, part):
    """[(number, [option text by letter], answer words)] from the question slides of one quiz."""
    questions = lesson.starter_quiz if part == "starter" else lesson.exit_quiz
    name = "Starter quiz" if part == "starter" else "Exit quiz"
    out = []
    for slide in quiz_slides(lesson, questions, name):
        found = re.match(rf"{name}: question (\d+)", slide.title)
        if not found:
            continue
        texts = ["".join(r.text for r in block.paras[0].runs) for block in slide.blocks]
        options = [t[3:] for t in texts if re.match(r"^[A-H]\. ", t)]
        out.append((int(found.group(1)), options, slide.notes))
    return out


def test_slides_sheets_key_and_live_quiz_agree(lesson):
    files = {f.name: f.data for f in formats()["quiz-paper"].render(lesson, RenderContext())}
    live = {(q.question.quiz, q.position): [q.question.options[i].text for i in q.display_order]
            for q in live_questions(lesson)}
    key = key_verdicts(files["awkward-ks3-quiz-answer-key.html"])
    seen_ordering = 0
    index = 0
    for part in ("starter", "exit"):
        sheet = paper_options(files[f"awkward-ks3-{part}-quiz-paper.html"])
        slides = slide_questions(lesson, part)
        assert [n for n, _, _ in slides] == [n for n, _ in sheet] == list(range(1, len(sheet) + 1))
        for (number, on_slide, notes), (_, on_paper) in zip(slides, sheet):
            question = lesson.quiz[index]
            clean = [" ".join(t.split()) for t in on_slide]
            assert clean == on_paper, (part, number)
            assert clean == [" ".join(t.split()) for t in live[part, number]], (part, number)
            # the key gives each option the slide's letter, and the same answer as the slide's notes
            letters = {text: label for text, (label, _) in key[index].items()}
            assert [letters[t] for t in clean] == list("ABCDEFGH"[:len(clean)])
            if question.type == "ordering":
                seen_ordering += 1
                right = [letters[" ".join(o.text.split())] for o in question.options]
                assert clean != [" ".join(o.text.split()) for o in question.options]  # never shown solved
                assert f"Right order: {', '.join(right)}." in notes
            index += 1
    assert seen_ordering and index == len(lesson.quiz)
