"""`quiz-paper`: the starter and exit quizzes as a paper for the class (tick boxes, no answers, no
name line: answers on this topic should be anonymous) and an answer key for the teacher.

`--shuffle SEED` prints a version with the options of single- and multiple-choice questions in
another order, and a key that matches it. True/false keeps its order; ordering questions are
always printed scrambled (the lesson lists them in the right order) and never reshuffled."""

from __future__ import annotations

import random
from typing import List, Optional, Sequence, Tuple

from ..adapt import AdaptedLesson, Question
from ..html import render_html
from ..pdf import Document, render_pdf
from ..pdf import blocks as b
from . import OutputFile, RenderContext, register
from .handout import accent, author, footer, review_state, warn_missing_glyphs

LETTERS = "ABCDEFGH"
ANONYMOUS = "Don't write your name on this paper. Your answers are anonymous."


def instruction(question: Question) -> str:
    return {
        "single": "Tick one box.",
        "multiple": "Tick every box that is right.",
        "true-false": "Tick True or False.",
        "ordering": f"Write the numbers 1 to {len(question.options)} in the boxes to put these in order.",
    }[question.type]


def printed_order(question: Question, seed: Optional[int]) -> List[int]:
    """Indices of the question's options in the order they are printed."""
    order = list(range(len(question.options)))
    if len(order) < 2 or question.type == "true-false":
        return order
    if question.type == "ordering":
        rng = random.Random(f"ordering:{question.id}")  # the same scramble on every version
    elif seed is None:
        return order
    else:
        rng = random.Random(f"{seed}:{question.id}")
    rng.shuffle(order)
    if order == sorted(order):  # a shuffle that changed nothing would give the answer away
        order = order[1:] + order[:1]
    return order


def _numbered(lesson: AdaptedLesson) -> List[Tuple[int, Question]]:
    return list(enumerate(lesson.quiz, start=1))


def _sections(lesson: AdaptedLesson) -> List[Tuple[str, str, List[Tuple[int, Question]]]]:
    numbered = _numbered(lesson)
    return [(title, note, [(n, q) for n, q in numbered if q.quiz == kind])
            for kind, title, note in (("starter", "Starter quiz", "At the start of the lesson."),
                                      ("exit", "Exit quiz", "At the end of the lesson."))
            if any(q.quiz == kind for _, q in numbered)]


def _version(seed: Optional[int]) -> str:
    return "" if seed is None else f"Version {seed}"


def paper(lesson: AdaptedLesson, seed: Optional[int]) -> Document:
    blocks: List[b.Block] = [review_state(lesson), b.Callout(ANONYMOUS)]
    for title, note, questions in _sections(lesson):
        blocks += [b.Heading(title), b.Paragraph(note, small=True)]
        for number, question in questions:
            order = printed_order(question, seed)
            blocks.append(b.TickQuestion(
                number, question.question, instruction(question),
                tuple(b.TickOption(LETTERS[i], question.options[o].text) for i, o in enumerate(order)),
                numbered_boxes=question.type == "ordering", choose_one=question.type in ("single", "true-false")))
    blocks.append(b.Contacts(lesson.help_contacts, detailed=False, title="Who can help"))
    subtitle = " · ".join(x for x in (lesson.audience_name, _version(seed)) if x)
    return Document(f"Quiz: {lesson.title}", f"Quiz paper (no answers): {lesson.title}", author(lesson),
                    tuple(blocks), subtitle=subtitle, footer=footer(lesson), accent=accent(lesson),
                    keywords=("quiz", lesson.audience_name))


def _key_question(number: int, question: Question, seed: Optional[int]) -> b.KeyQuestion:
    order = printed_order(question, seed)
    label = {o: LETTERS[i] for i, o in enumerate(order)}
    options = []
    for o in order:
        option = question.options[o]
        if question.type == "ordering":
            verdict = f"Position {o + 1}"
        else:
            verdict = "Correct" if option.correct else "Not correct"
        options.append(b.KeyOption(label[o], option.text, verdict, option.feedback))
    if question.type == "ordering":
        answer = "In order: " + ", ".join(label[o] for o in range(len(question.options)))
    else:
        correct = sorted(question.correct_indices, key=lambda o: label[o])
        answer = ", ".join(f"{label[o]} ({question.options[o].text})" for o in correct)
    return b.KeyQuestion(number, question.question, answer, tuple(options), question.teaching_point)


def answer_key(lesson: AdaptedLesson, seed: Optional[int]) -> Document:
    intro = "For the teacher: the right answers, the feedback for every option and the teaching point."
    if seed is not None:
        intro += f" This key matches the paper marked {_version(seed)}, whose options are in a different order."
    blocks: List[b.Block] = [review_state(lesson), b.Paragraph(intro)]
    for title, _, questions in _sections(lesson):
        blocks.append(b.Heading(title))
        blocks += [_key_question(number, question, seed) for number, question in questions]
    subtitle = " · ".join(x for x in (lesson.audience_name, _version(seed)) if x)
    return Document(f"Answer key: {lesson.title}", f"Quiz answer key for teachers: {lesson.title}",
                    author(lesson), tuple(blocks), subtitle=subtitle, footer=footer(lesson), accent=accent(lesson),
                    keywords=("quiz", "answer key", lesson.audience_name))


def file_stem(lesson: AdaptedLesson, kind: str, seed: Optional[int], large_print: bool) -> str:
    return (f"{lesson.slug}-{kind}" + (f"-v{seed}" if seed is not None else "")
            + ("-large-print" if large_print else ""))


def _files(stem: str, documents: Sequence[Document], context: RenderContext) -> List[OutputFile]:
    document = documents[0]
    rendered = render_pdf(documents, context.options.paper, context.options.large_print)
    return [OutputFile(f"{stem}.pdf", rendered.data, document.title),
            OutputFile(f"{stem}.html", render_html(document).encode("utf-8"),
                       f"{document.title} (accessible web page)")]


@register("quiz-paper", "Starter and exit quiz as a paper for pupils and an answer key for the teacher (PDF + HTML)")
def render(lesson: AdaptedLesson, context: RenderContext) -> List[OutputFile]:
    if not lesson.quiz:
        return []
    seed, large = context.options.shuffle_seed, context.options.large_print
    warn_missing_glyphs([answer_key(lesson, seed)], context)
    return (_files(file_stem(lesson, "quiz-paper", seed, large), [paper(lesson, seed)], context)
            + _files(file_stem(lesson, "quiz-answer-key", seed, large), [answer_key(lesson, seed)], context))
