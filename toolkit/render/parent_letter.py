"""`parent-letter`: the letter home to parents and carers before a pupil lesson, as an editable Word
document (pupil audiences only).

From the school (its name, logo and safeguarding lead from the profile) to the families of one
year group (named in the nation's terms): what the lesson covers, how it is taught, what to do if
their child is affected, and the help for their nation; an optional invitation to a session for
parents. A national pack's letter has marked places for the school to fill in."""

from __future__ import annotations

import datetime as dt
from typing import List, Optional

from ..adapt import NATION_NAMES, AdaptedLesson
from ..docx import PLACEHOLDER_NOTE, Text, WordDocument
from ..docx import wording as w
from ..docx.parts import add_logo, contacts_list, lead_line, school_name
from ..freshness import lesson_checked_line
from . import OutputFile, RenderContext, register
from .handout import accent, author


# Below this age the lesson has no sexual content (key stage 2), and neither does its letter's advice.
YOUNG_PUPILS_UNDER = 11


def letter_date() -> dt.date:
    """The date the letter is written: the day of the build (the school changes it when sending)."""
    return dt.date.today()


def _contact_the_lead(lesson: AdaptedLesson) -> Text:
    if lesson.school is None:
        return ["If you are worried about your child, please contact ", ("fill", "name"), ", our ",
                ("fill", "role, e.g. Designated Safeguarding Lead"), ", on ", ("fill", "phone number"), " or at ",
                ("fill", "email address"), "."]
    lead = lesson.school.lead
    ways = " or at ".join(x for x in (lead.phone and f"on {lead.phone}", lead.email and str(lead.email)) if x)
    return (f"If you are worried about your child, please contact {lead.name}, our {lead.role}"
            + (f", {ways}" if ways else ", through the school office") + ". You will not be judged, and nor will your child.")


def _help_heading(lesson: AdaptedLesson) -> str:
    return f"Where to get help in {NATION_NAMES[lesson.nation]}" if lesson.nation else "Where to get help"


def parent_letter(lesson: AdaptedLesson, context: RenderContext, today: Optional[dt.date] = None) -> bytes:
    today = today or letter_date()
    school = school_name(lesson)
    title = f"Letter to parents and carers: {lesson.title} ({lesson.audience_name})"
    word = WordDocument(title, f"Letter to parents and carers about the lesson {lesson.title}", author(lesson),
                        accent(lesson), lesson.last_reviewed,
                        keywords=("letter", "parents and carers", "safeguarding", lesson.audience_name),
                        paper=context.options.paper)
    note = w.REVIEW_NOTE + lesson.review_notice + (" " + PLACEHOLDER_NOTE if lesson.school is None else "")
    word.paragraph([("fill", note)], small=True)
    add_logo(word, lesson, context.warn)
    word.paragraph([("bold", school) if isinstance(school, str) else school[0]])
    if lesson.school and lesson.school.website:
        word.paragraph(str(lesson.school.website))
    word.paragraph(f"{today.day} {today:%B %Y}")
    word.paragraph("Dear parents and carers,")
    word.heading(f"{lesson.title}: a lesson for {lesson.audience_name}", 1)
    word.paragraph([f"Pupils in {lesson.audience_name} will soon have a {lesson.duration_minutes}-minute lesson "
                    f"called \u201c{lesson.title}\u201d, on ", ("fill", "date of the lesson"),
                    ". We are writing so that you know what it covers, how it is taught, and what to do if "
                    "your child is ever affected."])

    word.heading("What the lesson covers", 2)
    topics: List[str] = [section.title for section in lesson.sections]
    if lesson.scenarios:
        topics.append("Made-up stories to discuss, about characters of your child's age")
    word.bullets(topics)
    if lesson.learning_outcomes:
        word.paragraph("By the end of the lesson, we hope every pupil can say:")
        word.bullets(lesson.learning_outcomes)

    word.heading("How it is taught", 2)
    word.paragraph(w.HOW_TAUGHT + (" " + w.QUIZ_ANONYMOUS if lesson.quiz else ""))

    word.heading("If your child is affected", 2)
    young = lesson.audience.youngest < YOUNG_PUPILS_UNDER
    word.paragraph(w.AFFECTED_INTRO_YOUNG if young else w.AFFECTED_INTRO)
    word.numbered([[("bold", action + " "), meaning]
                   for action, meaning in (w.AFFECTED_STEPS_YOUNG if young else w.AFFECTED_STEPS)])
    word.paragraph(_contact_the_lead(lesson))

    word.heading(_help_heading(lesson), 2)
    contacts_list(word, lesson.help_contacts)
    checked = lesson_checked_line(lesson)
    if checked:
        word.paragraph(checked, small=True)

    word.heading("A session for parents and carers", 2)
    word.paragraph([("fill", w.SESSION_NOTE)], small=True)
    word.paragraph([w.SESSION_INVITATION + " It is on ", ("fill", "date"), " at ", ("fill", "time"), " in ",
                    ("fill", "place"), "."])

    word.paragraph(w.QUESTIONS)
    word.paragraph(w.SIGN_OFF)
    word.paragraph(lead_line(lesson))
    word.paragraph([("bold", school) if isinstance(school, str) else school[0]])
    return word.to_bytes()


def letter_name(lesson: AdaptedLesson) -> str:
    return f"{lesson.slug}-parent-letter.docx"


@register("parent-letter", "The letter home to parents and carers before a pupil lesson, as an editable Word document (DOCX)")
def render(lesson: AdaptedLesson, context: RenderContext) -> List[OutputFile]:
    if not lesson.is_pupils:
        return []
    return [OutputFile(letter_name(lesson), parent_letter(lesson, context),
                       f"{lesson.title} ({lesson.audience_name}): letter to parents and carers")]
