"""`quiz-paper`: the starter and exit quizzes as a paper for the class (tick boxes, no answers, no
name line: answers on this topic should be anonymous) and an answer key for the teacher.

`--shuffle SEED` prints a version with the options of single- and multiple-choice questions in
another order, and a key that matches it. True/false keeps its order; ordering questions are
always printed scrambled (the lesson lists them in the right order) and never reshuffled."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import List, Optional, Sequence, Tuple

from ..wording import N_, _
from ..wording.phrases import verdict as verdict_of, version_label, who_can_help
from ..adapt import AdaptedLesson, Question
from ..html import render_html
from ..pdf import Document, render_pdf
from ..pdf import blocks as b
from ..quizzes import quizzes
from ..quizzes.order import shown_order
from . import OutputFile, RenderContext, register
from ..pdf.styles import body_size
from .handout import accent, author, footer, logo, review_state, warn_missing_glyphs, young

LETTERS = "ABCDEFGH"
ANONYMOUS = N_("Don't write your name on this paper. Your answers are anonymous.")


def instruction(question: Question) -> str:
    return {
        "single": _("Tick one box."),
        "multiple": _("Tick every box that is right."),
        "true-false": _("Tick True or False."),
        "ordering": _("Write the numbers 1 to {count} in the boxes to put these in order.", count=len(question.options)),
    }[question.type]


def printed_order(question: Question, seed: Optional[int]) -> List[int]:
    """Indices of the question's options in the order they are printed: the order of the slides
    and the live quiz (`shown_order`), unless `--shuffle` asks for another version of a single- or
    multiple-choice question."""
    order = list(shown_order(question))
    if seed is None or len(order) < 2 or question.type in ("true-false", "ordering"):
        return order
    rng = random.Random(f"{seed}:{question.id}")
    rng.shuffle(order)
    if order == sorted(order):  # a shuffle that changed nothing would not be another version
        order = order[1:] + order[:1]
    return order


QUIZ_TITLES = {"starter": (N_("Starter quiz"), N_("At the start of the lesson.")),
               "exit": (N_("Exit quiz"), N_("At the end of the lesson."))}


def _quizzes(lesson: AdaptedLesson) -> List[Tuple[str, List[Tuple[int, Question]]]]:
    """(part, numbered questions) for each quiz, numbered from 1 within the quiz, as on the slides."""
    return [(part, list(enumerate(questions, start=1))) for part, questions in quizzes(lesson)]


def _version(seed: Optional[int]) -> str:
    return "" if seed is None else version_label(str(seed))


def paper(lesson: AdaptedLesson, part: str, questions: Sequence[Tuple[int, Question]],
          seed: Optional[int]) -> Document:
    """One quiz's sheet: the starter and the exit quiz are handed out at different times."""
    name, note = (_(text) for text in QUIZ_TITLES[part])
    blocks: List[b.Block] = [review_state(lesson), b.Callout(_(ANONYMOUS)), b.Paragraph(note, small=True)]
    for number, question in questions:
        order = printed_order(question, seed)
        blocks.append(b.TickQuestion(
            number, question.question, instruction(question),
            tuple(b.TickOption(LETTERS[i], question.options[o].text) for i, o in enumerate(order)),
            numbered_boxes=question.type == "ordering", choose_one=question.type in ("single", "true-false")))
    blocks.append(b.Contacts(lesson.help_contacts, detailed=False, title=who_can_help()))
    subtitle = " · ".join(x for x in (lesson.audience_name, _version(seed)) if x)
    return Document(f"{name}: {lesson.title}", _("{name} paper (no answers): {title}", name=name, title=lesson.title), author(lesson),
                    tuple(blocks), subtitle=subtitle, footer=footer(lesson), accent=accent(lesson),
                    keywords=(_("quiz"), lesson.audience_name), logo=logo(lesson))


def _key_question(number: int, question: Question, seed: Optional[int]) -> b.KeyQuestion:
    order = printed_order(question, seed)
    label = {o: LETTERS[i] for i, o in enumerate(order)}
    options = []
    for o in order:
        option = question.options[o]
        if question.type == "ordering":
            verdict = _("Position {number}", number=o + 1)
        else:
            verdict = verdict_of(option.correct)
        options.append(b.KeyOption(label[o], option.text, verdict, option.feedback))
    if question.type == "ordering":
        answer = _("In order: ") + ", ".join(label[o] for o in range(len(question.options)))
    else:
        correct = sorted(question.correct_indices, key=lambda o: label[o])
        answer = ", ".join(f"{label[o]} ({question.options[o].text})" for o in correct)
    return b.KeyQuestion(number, question.question, answer, tuple(options), question.teaching_point)


def answer_key(lesson: AdaptedLesson, seed: Optional[int]) -> Document:
    intro = _("For the teacher: the right answers, the feedback for every option and the teaching point.")
    if seed is not None:
        intro += _(" This key matches the paper marked {version}, whose options are in a different order.", version=_version(seed))
    blocks: List[b.Block] = [review_state(lesson), b.Paragraph(intro)]
    for part, questions in _quizzes(lesson):
        blocks.append(b.Heading(_(QUIZ_TITLES[part][0])))
        blocks += [_key_question(number, question, seed) for number, question in questions]
    subtitle = " · ".join(x for x in (lesson.audience_name, _version(seed)) if x)
    return Document(_("Answer key: {title}", title=lesson.title), _("Quiz answer key for teachers: {title}", title=lesson.title),
                    author(lesson), tuple(blocks), subtitle=subtitle, footer=footer(lesson), accent=accent(lesson),
                    keywords=(_("quiz"), _("answer key"), lesson.audience_name), logo=logo(lesson))


def file_stem(lesson: AdaptedLesson, kind: str, seed: Optional[int], large_print: bool) -> str:
    return (f"{lesson.slug}-{kind}" + (f"-v{seed}" if seed is not None else "")
            + ("-large-print" if large_print else ""))


SHEET = 2  # pages: one sheet, both sides


def _files(lesson: AdaptedLesson, stem: str, documents: Sequence[Document],
           context: RenderContext, max_pages: Optional[int] = None) -> List[OutputFile]:
    document = documents[0]
    size = body_size(young=young(lesson))
    rendered = render_pdf(documents, context.options.paper, context.options.large_print, max_pages, size)
    return [OutputFile(f"{stem}.pdf", rendered.data, document.title),
            OutputFile(f"{stem}.html", render_html(document, body_size(context.options.large_print, young(lesson)))
                       .encode("utf-8"),
                       _("{title} (accessible web page)", title=document.title))]


@register("quiz-paper", N_("Starter and exit quiz as a paper for pupils and an answer key for the teacher (PDF + HTML)"))
def render(lesson: AdaptedLesson, context: RenderContext) -> List[OutputFile]:
    if not lesson.quiz:
        return []
    seed, large = context.options.shuffle_seed, context.options.large_print
    warn_missing_glyphs([answer_key(lesson, seed)], context)
    files: List[OutputFile] = []
    for part, questions in _quizzes(lesson):  # one sheet per quiz, numbered as on the slides
        sheet = paper(lesson, part, questions, seed)
        # one column when the quiz fits a sheet that way; else two columns after the opening notes
        versions = [sheet, replace(sheet, columns=2, full_width=3)]
        files += _files(lesson, file_stem(lesson, f"{part}-quiz-paper", seed, large), versions, context, SHEET)
    return files + _files(lesson, file_stem(lesson, "quiz-answer-key", seed, large), [answer_key(lesson, seed)], context)
