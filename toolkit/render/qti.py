"""`qti`: each quiz as a QTI 1.2 content package (.zip) for Canvas, Brightspace and the like.

Canvas-style QTI has no ordering type, so an ordering question becomes a single choice between
sequences ("Which order is right?"), with a warning. Help contacts end each quiz as a text item.
"""

from __future__ import annotations

from typing import List, Tuple

from lxml import etree

from ..wording import N_, _
from ..wording.phrases import quiz_part
from ..adapt import AdaptedLesson, Question
from ..quizzes import question_name, quiz_title, quizzes
from ..quizzes import qti_items as qi
from ..quizzes.choices import choice_question
from ..quizzes.help import TITLE, help_html
from ..quizzes.qti_package import XML_DECLARATION, manifest
from ..quizzes.text import one_line
from ..quizzes.zips import zipped
from . import OutputFile, RenderContext, register


def assessment_ident(lesson: AdaptedLesson, part: str) -> str:
    return qi.ident("assessment", lesson.lesson_id, lesson.audience.id, part)


def assessment_xml(lesson: AdaptedLesson, part: str, questions: Tuple[Question, ...], context: RenderContext) -> bytes:
    ident = assessment_ident(lesson, part)
    root = etree.Element(qi.q("questestinterop"), nsmap={None: qi.NS, "xsi": qi.XSI})
    root.set(f"{{{qi.XSI}}}schemaLocation", qi.SCHEMA_LOCATION)
    assessment = qi.sub(root, "assessment", ident=ident, title=one_line(quiz_title(lesson, part)))
    qi.metadata(assessment, [("cc_maxattempts", "unlimited")])
    section = qi.sub(assessment, "section", ident="root_section")
    for number, question in enumerate(questions, start=1):
        if question.type == "ordering":
            context.warn(_("ordering question '{question}' is a choice between sequences: QTI 1.2 as Canvas imports it has "
                           "no ordering type", question=question.id))
        item = choice_question(question, question_name(part, number, question), context.options.shuffle_seed)
        qi.choice_item(section, qi.ident("question", lesson.lesson_id, lesson.audience.id, part, question.id), item)
    qi.text_item(section, qi.ident("help", lesson.lesson_id, lesson.audience.id, part), _(TITLE), help_html(lesson))
    return XML_DECLARATION + etree.tostring(root, encoding="UTF-8", pretty_print=True)


def package(lesson: AdaptedLesson, part: str, questions: Tuple[Question, ...], context: RenderContext) -> bytes:
    ident = assessment_ident(lesson, part)
    assessment_file = f"{lesson.slug}-{part}-quiz.xml"
    return zipped([
        ("imsmanifest.xml", manifest(f"{ident}-package", one_line(quiz_title(lesson, part)), ident, assessment_file)),
        (assessment_file, assessment_xml(lesson, part, questions, context)),
    ])


def package_name(lesson: AdaptedLesson, part: str) -> str:
    return f"{lesson.slug}-{part}-quiz.qti.zip"


@register("qti", N_("Each quiz as a QTI 1.2 package for Canvas, Brightspace and similar platforms"))
def render(lesson: AdaptedLesson, context: RenderContext) -> List[OutputFile]:
    return [
        OutputFile(package_name(lesson, part), package(lesson, part, questions, context),
                   _("{title} ({audience}): {part} quiz for Canvas and other platforms (QTI)", title=lesson.title,
                     audience=lesson.audience_name, part=quiz_part(part)))
        for part, questions in quizzes(lesson)
    ]
