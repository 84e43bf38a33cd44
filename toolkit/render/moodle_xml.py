"""`moodle-xml`: the starter and exit quizzes as Moodle XML: multichoice, truefalse and ordering.

Ordering questions use Moodle's `ordering` question type (standard in Moodle 4.4 and later, the
qtype_ordering plugin before), so pupils drag the steps into order. Moodle without that type
refuses the whole file, so a lesson with ordering questions gets a second file for any Moodle, in
which they are a choice between sequences (as in GIFT). Help contacts end each quiz.
"""

from __future__ import annotations

from typing import List

from lxml import etree

from ..wording import N_, _
from ..adapt import AdaptedLesson, Question
from ..quizzes import category, question_name, quizzes
from ..quizzes import moodle_xml as mx
from ..quizzes.choices import (
    NEARLY, NOT_QUITE, RIGHT_ORDER, ChoiceQuestion, choice_question, right_order, step_teaching, truth_of,
)
from ..quizzes.help import TITLE, help_html
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
    mx.combined_feedback(element, _("Your answer is correct."), _("Your answer is partly correct."),
                         _("Your answer is not right yet: read the feedback for each answer."))
    if item.kind == "multiple":
        mx.sub(element, "shownumcorrect")
    for choice in item.choices:
        mx.answer(element, choice.weight, choice.text, choice.feedback)


def _ordering(quiz: etree._Element, question: Question, name: str) -> None:
    # Moodle keeps no feedback for the steps themselves: qtype_ordering's save_question_options
    # stores every answer with an empty `feedback`, whatever the file says. What each step teaches
    # goes into the combined feedback, which it keeps, and the general feedback (a teacher can
    # switch either off in the quiz's review options).
    teaching = step_teaching(question)
    general = "\n".join(part for part in (question.teaching_point, teaching) if part.strip())
    element = mx.question(quiz, "ordering", name, question.question, general)
    for tag, value in mx.ORDERING_SETTINGS[:2]:
        mx.sub(element, tag, value)
    mx.sub(element, "selectcount", str(len(question.options)))
    for tag, value in mx.ORDERING_SETTINGS[2:]:
        mx.sub(element, tag, value)
    order = right_order(question)
    mx.combined_feedback(element, f"{_(RIGHT_ORDER)}\n{teaching}", f"{_(NEARLY, order=order)}\n{teaching}",
                         f"{_(NOT_QUITE, order=order)}\n{teaching}")
    mx.sub(element, "shownumcorrect", "1")
    for option in question.options:
        # The order of <answer> elements is the right order; qtype_ordering ignores the fraction.
        mx.answer(element, "100", option.text, option.feedback)


SUITS_ORDERING = N_("Moodle 4.4 and later, or an earlier Moodle with the Ordering question plugin (qtype_ordering)")
SUITS_ANY = N_("any Moodle version")
NOTE = N_("Moodle XML: <lesson>-<audience>-quiz.{kind} suits {suits}.")
"""The build summary's note for each kind of file, e.g. 'moodle.xml' with ordering questions."""


def has_ordering(lesson: AdaptedLesson) -> bool:
    return any(question.type == "ordering" for _part, questions in quizzes(lesson) for question in questions)


def moodle_xml(lesson: AdaptedLesson, context: RenderContext, native_ordering: bool = True) -> bytes:
    """The quizzes as Moodle XML; without `native_ordering`, ordering questions are a choice between
    sequences, so that any Moodle imports the file."""
    quiz = etree.Element("quiz")
    quiz.append(etree.Comment(mx.comment_text(
        _("lessonkit quiz export for Moodle: lesson {lesson} version {version}, audience {audience}. Import: "
          "Question bank, Import, Moodle XML format. For {suits}.", lesson=lesson.lesson_id, version=lesson.version,
          audience=lesson.audience.id, suits=_(SUITS_ORDERING if native_ordering and has_ordering(lesson) else SUITS_ANY)))))
    for part, questions in quizzes(lesson):
        mx.category(quiz, category(lesson, part))
        for number, question in enumerate(questions, start=1):
            name = question_name(part, number, question)
            if question.type == "ordering" and native_ordering:
                _ordering(quiz, question, name)
            else:
                _choice(quiz, choice_question(question, name, context.options.shuffle_seed))
        mx.description(quiz, _(TITLE), help_html(lesson))
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(quiz, encoding="UTF-8", pretty_print=True)


def xml_name(lesson: AdaptedLesson, before_4_4: bool = False) -> str:
    return f"{lesson.slug}-quiz.moodle-before-4.4.xml" if before_4_4 else f"{lesson.slug}-quiz.moodle.xml"


@register("moodle-xml", N_("Starter and exit quizzes as Moodle XML, with ordering questions and feedback "
                        "(and a file for Moodle before 4.4 when there are ordering questions)"))
def render(lesson: AdaptedLesson, context: RenderContext) -> List[OutputFile]:
    if not quizzes(lesson):
        return []
    title = _("{title} ({audience}): quizzes for Moodle (XML)", title=lesson.title, audience=lesson.audience_name)
    if not has_ordering(lesson):
        context.note(_(NOTE, kind=_("moodle.xml with no ordering question"), suits=_(SUITS_ANY)))
        return [OutputFile(xml_name(lesson), moodle_xml(lesson, context), title)]
    context.note(_(NOTE, kind=_("moodle.xml with ordering questions"), suits=_(SUITS_ORDERING)))
    context.note(_(NOTE, kind="moodle-before-4.4.xml",
                   suits=_(SUITS_ANY) + _(", with ordering questions as a choice between sequences")))
    return [
        OutputFile(xml_name(lesson), moodle_xml(lesson, context),
                   _("{title}, for Moodle 4.4 and later (or the Ordering question plugin)", title=title)),
        OutputFile(xml_name(lesson, before_4_4=True), moodle_xml(lesson, context, native_ordering=False),
                   _("{title}, for any Moodle, including before 4.4", title=title)),
    ]
