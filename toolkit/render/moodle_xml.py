"""`moodle-xml`: the starter and exit quizzes as Moodle XML: multichoice, truefalse and ordering.

Ordering questions use Moodle's `ordering` question type (standard in Moodle 4.4 and later, the
qtype_ordering plugin before), so pupils drag the steps into order. Help contacts end each quiz.
"""

from __future__ import annotations

from typing import List

from lxml import etree

from ..adapt import AdaptedLesson, Question
from ..quizzes import category, question_name, quizzes
from ..quizzes import moodle_xml as mx
from ..quizzes.choices import ARROW, ChoiceQuestion, choice_question, truth_of
from ..quizzes.help import TITLE, help_html
from ..quizzes.text import one_line
from . import OutputFile, RenderContext, register


def _choice(quiz: etree._Element, item: ChoiceQuestion) -> None:
    if item.kind == "true-false":
        element = mx.question(quiz, "truefalse", item.name, item.text, item.general_feedback, penalty="1")
        for value in (True, False):  # Moodle shows each answer's feedback to whoever picks it
            choice = next(c for c in item.choices if truth_of(c.text) is value)
            mx.answer(element, "100" if choice.correct else "0", "true" if value else "false",
                      choice.feedback, text_format="moodle_auto_format")
        return
    element = mx.question(quiz, "multichoice", item.name, item.text, item.general_feedback)
    mx.sub(element, "single", "true" if item.kind == "single" else "false")
    mx.sub(element, "shuffleanswers", "true")
    mx.sub(element, "answernumbering", "abc")
    mx.sub(element, "showstandardinstruction", "0")
    mx.combined_feedback(element, "Your answer is correct.", "Your answer is partly correct.",
                         "Your answer is not right yet: read the feedback for each answer.")
    if item.kind == "multiple":
        mx.sub(element, "shownumcorrect")
    for choice in item.choices:
        mx.answer(element, choice.weight, choice.text, choice.feedback)


def _ordering(quiz: etree._Element, question: Question, name: str) -> None:
    element = mx.question(quiz, "ordering", name, question.question, question.teaching_point)
    for tag, value in mx.ORDERING_SETTINGS[:2]:
        mx.sub(element, tag, value)
    mx.sub(element, "selectcount", str(len(question.options)))
    for tag, value in mx.ORDERING_SETTINGS[2:]:
        mx.sub(element, tag, value)
    right_order = ARROW.join(one_line(o.text) for o in question.options)
    mx.combined_feedback(element, "Yes, this is the right order.", f"Nearly. The right order is: {right_order}",
                         f"The right order is: {right_order}")
    mx.sub(element, "shownumcorrect", "1")
    for option in question.options:
        # The order of <answer> elements is the right order; qtype_ordering ignores the fraction.
        mx.answer(element, "100", option.text, option.feedback)


def moodle_xml(lesson: AdaptedLesson, context: RenderContext) -> bytes:
    quiz = etree.Element("quiz")
    quiz.append(etree.Comment(mx.comment_text(
        f"lessonkit quiz export for Moodle: lesson {lesson.lesson_id} version {lesson.version}, "
        f"audience {lesson.audience.id}. Import: Question bank, Import, Moodle XML format.")))
    for part, questions in quizzes(lesson):
        mx.category(quiz, category(lesson, part))
        for number, question in enumerate(questions, start=1):
            name = question_name(part, number, question)
            if question.type == "ordering":
                _ordering(quiz, question, name)
            else:
                _choice(quiz, choice_question(question, name, context.options.shuffle_seed))
        mx.description(quiz, TITLE, help_html(lesson))
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(quiz, encoding="UTF-8", pretty_print=True)


@register("moodle-xml", "Starter and exit quizzes as Moodle XML, with ordering questions and feedback")
def render(lesson: AdaptedLesson, context: RenderContext) -> List[OutputFile]:
    if not quizzes(lesson):
        return []
    return [OutputFile(f"{lesson.slug}-quiz.moodle.xml", moodle_xml(lesson, context),
                       f"{lesson.title} ({lesson.audience_name}): quizzes for Moodle (XML)")]
