"""`kahoot`: each quiz as a spreadsheet to import into Kahoot! (its quiz spreadsheet template).

A question Kahoot cannot take (ordering, more than four options, too long with no short form) is
left out with a warning naming it. The title block tells the teacher where to send pupils for help.
"""

from __future__ import annotations

from typing import List

from ..wording import N_, _
from ..wording.phrases import quiz_part
from ..adapt import AdaptedLesson
from ..quizzes import quiz_title, quizzes
from ..quizzes.help import help_lines
from ..quizzes.kahoot_fit import KahootQuestion, kahoot_question
from ..quizzes.kahoot_sheet import workbook_bytes
from ..quizzes.text import one_line
from . import OutputFile, RenderContext, register

IMPORT_NOTE = N_("To use: in Kahoot!, create a kahoot, choose Add question, then Import spreadsheet, and upload this "
                 "file. Check the time limits and correct answers before you play.")


def sheet_name(lesson: AdaptedLesson, part: str) -> str:
    """'online-blackmail-ks3-starter-quiz.kahoot.xlsx'."""
    return f"{lesson.slug}-{part}-quiz.kahoot.xlsx"


@register("kahoot", N_("Each quiz as a spreadsheet to import into Kahoot!"))
def render(lesson: AdaptedLesson, context: RenderContext) -> List[OutputFile]:
    files = []
    for part, questions in quizzes(lesson):
        rows: List[KahootQuestion] = []
        left_out = []
        for question in questions:
            fitted = kahoot_question(question, lesson.audience, context.options.shuffle_seed)
            if isinstance(fitted, str):
                context.warn(_("{part} quiz question '{question}' is left out of the Kahoot sheet: {why}", part=part,
                               question=question.id, why=fitted))
                left_out.append(question.id)
            else:
                rows.append(fitted)
        if not rows:
            context.warn(_("no Kahoot sheet for the {part} quiz: none of its questions fit Kahoot", part=part))
            continue
        notes = [
            _("Lesson version {version}, reviewed {date}.", version=one_line(lesson.version),
              date=lesson.last_reviewed.isoformat()),
            _(IMPORT_NOTE),
            (_("Left out (Kahoot cannot show them; use the quiz paper or another export): ") + ", ".join(left_out) + "."
             if left_out else _("Every question of this quiz is in this sheet.")),
            _("After the quiz, show the class where to get help: ") + "; ".join(help_lines(lesson)),
        ]
        title = one_line(quiz_title(lesson, part))
        files.append(OutputFile(sheet_name(lesson, part),
                                workbook_bytes(title, notes, rows, lesson.last_reviewed),
                                _("{title} ({audience}): {part} quiz for Kahoot!", title=lesson.title, audience=lesson.audience_name,
                                  part=quiz_part(part))))
    return files
