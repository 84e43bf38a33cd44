"""Quiz slides: each question, then its answer with feedback for every option and the teaching point."""

from __future__ import annotations

from typing import List, Sequence

from ..adapt import AdaptedLesson, Question
from ..quizzes.order import shown_order
from .content import Block, Para, Run, SlideSpec, labelled, para
from .quizcards import QuizCards, Tile
from . import wording as w
from ..wording import N_, _
from ..wording.phrases import teaching_point_label, verdict

_HOW_TO_ANSWER = {
    "single": N_("Choose one answer."),
    "multiple": N_("Choose every answer you think is right."),
    "true-false": N_("True or false?"),
    "ordering": N_("Put these in the right order."),
}


def letter(index: int) -> str:
    return "ABCDEFGH"[index]


def _question_slide(question: Question, title: str, group: str) -> SlideSpec:
    order = shown_order(question)
    blocks = [Block((para(question.question, bullet=False, bold=True), para(_(_HOW_TO_ANSWER[question.type]), bullet=False)))]
    blocks += [Block((labelled(f"{letter(pos)}. ", question.options[i].text),)) for pos, i in enumerate(order)]
    answer = _answer_words(question)
    tiles = tuple(Tile(letter(pos), question.options[i].text) for pos, i in enumerate(order))
    return SlideSpec(
        "graphic", title, tuple(blocks), group=group, layout="quiz",
        picture=QuizCards(question.question, _(_HOW_TO_ANSWER[question.type]), tiles, name=_(w.QUIZ_NAME)),
        notes=_("Everyone answers on their own and anonymously: on paper or in the live quiz, not by hands up, "
                "so nobody has to show what they think about blame or help in front of others. "
                "The answer is on the next slide. {answer}", answer=answer),
    )


def _answer_words(question: Question) -> str:
    order = shown_order(question)
    position = {i: pos for pos, i in enumerate(order)}
    if question.type == "ordering":
        return _("Right order:") + " " + ", ".join(letter(position[i]) for i in range(len(question.options))) + "."
    right = [letter(position[i]) for i in question.correct_indices]
    joiner = " " + _("and") + " "  # outside an f-string, where extraction finds it
    return (_("Answer:") if len(right) == 1 else _("Answers:")) + " " + joiner.join(right) + "."


def _answer_slide(question: Question, title: str, group: str) -> SlideSpec:
    order = shown_order(question)
    blocks: List[Block] = [Block((para(question.question, bullet=False, bold=True),))]
    if question.type == "ordering":
        # Each step in the right order with its feedback under it, as for the other questions.
        steps = [Block((para(f"{number}. {o.text}", bullet=False, bold=True),)
                       + ((para(o.feedback, level=1, bullet=False),) if o.feedback else ()))
                 for number, o in enumerate(question.options, start=1)]
        heading = para(_("The right order:"), bullet=False)
        blocks.append(Block((heading,) + steps[0].paras))
        blocks += steps[1:]
        how = _("The right order:")
        tiles = tuple(Tile(str(number), o.text, feedback=o.feedback or "")
                      for number, o in enumerate(question.options, start=1))
    else:
        how = ""
        tiles = tuple(Tile(letter(pos), question.options[i].text, verdict(question.options[i].correct),
                           question.options[i].correct, question.options[i].feedback) for pos, i in enumerate(order))
        for pos, i in enumerate(order):
            option = question.options[i]
            verdict_ = verdict(option.correct)
            blocks.append(Block((
                Para((Run(f"{letter(pos)}. {option.text}", True), Run(f" ({verdict_})")), bullet=False),
                para(option.feedback, level=1, bullet=False),
            )))
    blocks.append(Block((labelled(_("Remember:") + " ", question.teaching_point),)))
    return SlideSpec(
        "graphic", title, tuple(blocks), group=group, layout="quiz",
        picture=QuizCards(question.question, how, tiles, (_("Remember:"), question.teaching_point), name=_(w.ANSWER_NAME)),
        notes=_("{answer} Go through why each option is right or not.", answer=_answer_words(question))
              + f" {teaching_point_label()} {question.teaching_point}",
    )


def quiz_slides(lesson: AdaptedLesson, questions: Sequence[Question], name: str) -> List[SlideSpec]:
    slides: List[SlideSpec] = []
    total = len(questions)
    for number, question in enumerate(questions, start=1):
        of = total > 1
        slides.append(_question_slide(question, _("{name}: question {number} of {total}", name=name, number=number, total=total) if of else _("{name}: question {number}", name=name, number=number), name))
        slides.append(_answer_slide(question, _("{name}: answer {number} of {total}", name=name, number=number, total=total) if of else _("{name}: answer {number}", name=name, number=number), name))
    return slides
