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
from ..docx.parts import add_logo, contacts_list, lead_line, school_name, with_places
from ..freshness import lesson_checked_line
from ..wording import N_, _
from ..wording.phrases import long_date
from . import OutputFile, RenderContext, register
from .handout import accent, author


# Below this age the lesson has no sexual content (key stage 2), and neither does its letter's advice.
YOUNG_PUPILS_UNDER = 11


def letter_date() -> dt.date:
    """The date the letter is written: the day of the build (the school changes it when sending)."""
    return dt.date.today()


def _contact_the_lead(lesson: AdaptedLesson) -> Text:
    if lesson.school is None:
        return with_places(_("If you are worried about your child, please contact {name}, our {role}, on {phone} or at "
                             "{email}."), name=("fill", _("name")), role=("fill", _("role, e.g. Designated Safeguarding Lead")),
                           phone=("fill", _("phone number")), email=("fill", _("email address")))
    lead = lesson.school.lead
    if lead.phone and lead.email:
        ways = _(", on {phone} or at {email}", phone=lead.phone, email=lead.email)
    elif lead.phone or lead.email:
        ways = _(", on {phone}", phone=lead.phone) if lead.phone else _(", at {email}", email=lead.email)
    else:
        ways = _(", through the school office")
    return (_("If you are worried about your child, please contact {name}, our {role}", name=lead.name, role=lead.role)
            + ways + _(". You will not be judged, and nor will your child."))


def _help_heading(lesson: AdaptedLesson) -> str:
    return _("Where to get help in {nation}", nation=NATION_NAMES[lesson.nation]) if lesson.nation else _("Where to get help")


def parent_letter(lesson: AdaptedLesson, context: RenderContext, today: Optional[dt.date] = None) -> bytes:
    today = today or letter_date()
    school = school_name(lesson)
    title = _("Letter to parents and carers: {title} ({audience_name})", title=lesson.title, audience_name=lesson.audience_name)
    word = WordDocument(title, _("Letter to parents and carers about the lesson {title}", title=lesson.title), author(lesson),
                        accent(lesson), lesson.last_reviewed,
                        keywords=(_("letter"), _("parents and carers"), _("safeguarding"), lesson.audience_name),
                        paper=context.options.paper)
    note = _(w.REVIEW_NOTE) + lesson.review_notice + (" " + _(PLACEHOLDER_NOTE) if lesson.school is None else "")
    word.paragraph([("fill", note)], small=True)
    add_logo(word, lesson, context.warn)
    word.paragraph([("bold", school) if isinstance(school, str) else school[0]])
    if lesson.school and lesson.school.website:
        word.paragraph(str(lesson.school.website))
    word.paragraph(long_date(today))
    word.paragraph(_("Dear parents and carers,"))
    word.heading(_("{title}: a lesson for {audience_name}", title=lesson.title, audience_name=lesson.audience_name), 1)
    word.paragraph(with_places(
        _("Pupils in {audience} will soon have a {minutes}-minute lesson called \u201c{title}\u201d, on {date}. We are "
          "writing so that you know what it covers, how it is taught, and what to do if your child is ever affected."),
        audience=lesson.audience_name, minutes=str(lesson.duration_minutes), title=lesson.title,
        date=("fill", _("date of the lesson"))))

    word.heading(_("What the lesson covers"), 2)
    topics: List[str] = [section.title for section in lesson.sections]
    if lesson.scenarios:
        topics.append(_("Made-up stories to discuss, about characters of your child's age"))
    word.bullets(topics)
    if lesson.learning_outcomes:
        word.paragraph(_("By the end of the lesson, we hope every pupil can say:"))
        word.bullets(lesson.learning_outcomes)

    word.heading(_("How it is taught"), 2)
    word.paragraph(_(w.HOW_TAUGHT) + (" " + _(w.QUIZ_ANONYMOUS) if lesson.quiz else ""))

    word.heading(_("If your child is affected"), 2)
    young = lesson.audience.youngest < YOUNG_PUPILS_UNDER
    word.paragraph(_(w.AFFECTED_INTRO_YOUNG if young else w.AFFECTED_INTRO))
    word.numbered([[("bold", _(action) + " "), _(meaning)]
                   for action, meaning in (w.AFFECTED_STEPS_YOUNG if young else w.AFFECTED_STEPS)])
    word.paragraph(_contact_the_lead(lesson))

    word.heading(_help_heading(lesson), 2)
    contacts_list(word, lesson.help_contacts)
    checked = lesson_checked_line(lesson)
    if checked:
        word.paragraph(checked, small=True)

    word.heading(_("A session for parents and carers"), 2)
    word.paragraph([("fill", _(w.SESSION_NOTE))], small=True)
    word.paragraph(with_places(_(w.SESSION_INVITATION) + " " + _("It is on {date} at {time} in {place}."),
                               date=("fill", _("date")), time=("fill", _("time")), place=("fill", _("place"))))

    word.paragraph(_(w.QUESTIONS))
    word.paragraph(_(w.SIGN_OFF))
    word.paragraph(lead_line(lesson))
    word.paragraph([("bold", school) if isinstance(school, str) else school[0]])
    return word.to_bytes()


def letter_name(lesson: AdaptedLesson) -> str:
    return f"{lesson.slug}-parent-letter.docx"


@register("parent-letter", N_("The letter home to parents and carers before a pupil lesson, as an editable Word document (DOCX)"))
def render(lesson: AdaptedLesson, context: RenderContext) -> List[OutputFile]:
    if not lesson.is_pupils:
        return []
    return [OutputFile(letter_name(lesson), parent_letter(lesson, context),
                       _("{title} ({audience_name}): letter to parents and carers", title=lesson.title, audience_name=lesson.audience_name))]
