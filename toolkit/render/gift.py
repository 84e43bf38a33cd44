"""`gift`: the starter and exit quizzes as Moodle GIFT, one category per quiz, help at the end."""

from __future__ import annotations

from typing import List

from ..wording import N_, _
from ..adapt import AdaptedLesson
from ..quizzes import category, question_name, quizzes
from ..quizzes.choices import choice_question
from ..quizzes.gift_text import comment, description_lines, question_lines
from ..quizzes.help import TITLE, help_html
from . import OutputFile, RenderContext, register


def gift_text(lesson: AdaptedLesson, context: RenderContext) -> str:
    lines = [
        comment(_("lessonkit quiz export for Moodle (GIFT): lesson {lesson} version {version}, audience {audience}",
                  lesson=lesson.lesson_id, version=lesson.version, audience=lesson.audience.id)),
        comment(_("Import in Moodle: Question bank, Import, GIFT format. Each quiz gets its own category.")),
        "",
    ]
    for part, questions in quizzes(lesson):
        lines += [f"$CATEGORY: {category(lesson, part)}", ""]
        for number, question in enumerate(questions, start=1):
            if question.type == "ordering":
                context.warn(_("ordering question '{question}' is a choice between sequences: GIFT has no ordering type",
                               question=question.id))
            item = choice_question(question, question_name(part, number, question), context.options.shuffle_seed)
            lines += question_lines(item) + [""]
        lines += description_lines(_(TITLE), help_html(lesson)) + [""]
    return "\n".join(lines)


def gift_name(lesson: AdaptedLesson) -> str:
    return f"{lesson.slug}-quiz.gift.txt"


@register("gift", N_("Starter and exit quizzes in Moodle's GIFT text format, with feedback and categories"))
def render(lesson: AdaptedLesson, context: RenderContext) -> List[OutputFile]:
    if not quizzes(lesson):
        return []
    return [OutputFile(gift_name(lesson), gift_text(lesson, context).encode("utf-8"),
                       _("{title} ({audience}): quizzes for Moodle (GIFT)", title=lesson.title, audience=lesson.audience_name))]
