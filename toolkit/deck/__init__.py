"""Slide decks: an editable, accessible .pptx for one lesson and audience.

plan (outline, quiz, contacts, notes) -> fit (metrics) -> write (template, looks, palette,
pictures, textxml) -> package (reproducible bytes).
"""

from __future__ import annotations

import datetime as dt
import functools

from typing import List, Optional, Tuple

from ..adapt import AdaptedLesson, Session
from .outline import main_slides, plan
from .package import stable_pptx
from .palette import brand_colour
from .parts import quicker_parts
from .pictures import school_logo
from .template import open_template
from .writer import DeckWriter, looks_of
from ..wording import _, current_language

__all__ = ["build_deck", "measuring_writer", "session_slides"]


def _limit(text: str, most: int = 255) -> str:
    """Core properties hold at most 255 characters: cut at a word, with an ellipsis."""
    if len(text) <= most:
        return text
    return text[: most - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def _properties(prs, lesson: AdaptedLesson, session: Optional[Session] = None) -> None:
    props = prs.core_properties
    part = ", " + _("session {number} of {count}", number=session.number, count=session.count) if session and session.count > 1 else ""
    props.title = _limit(f"{lesson.title} ({lesson.audience_name}{part})")
    props.subject = _limit(lesson.summary)
    props.author = lesson.school_name or "lessonkit"
    props.last_modified_by = "lessonkit"
    props.language = current_language()
    props.category = _("Lesson slides")
    props.keywords = _limit("; ".join([_("safeguarding"), _("online safety")] + [term for term, _unused in lesson.keywords]))
    props.comments = _limit(_("Lesson {id}, version {version}, last reviewed {date} by {reviewer}.", id=lesson.lesson_id,
                              version=lesson.version, date=lesson.last_reviewed.isoformat(), reviewer=lesson.reviewed_by))
    props.revision = 1
    # The review date, not the time of the build: the same lesson always gives the same file.
    reviewed = dt.datetime.combine(lesson.last_reviewed, dt.time())
    props.created = reviewed
    props.modified = reviewed
    props.last_printed = reviewed


def _logo(lesson: AdaptedLesson, warn):
    placed, problem = school_logo(lesson.school)
    if problem:
        warn(_("the logo {logo} of {school} cannot be used ({problem}); slides are built without it",
               logo=lesson.school.logo, school=lesson.school.name, problem=problem))
    return placed


def _writer(lesson: AdaptedLesson, context):
    brand = brand_colour(lesson.school, context.warn)
    prs, layouts, theme_xml = open_template(context.options.template, brand, context.warn)
    quicker_parts(prs)
    return prs, DeckWriter(prs, layouts, theme_xml, brand, lesson.audience.min_body_pt, context.warn, lesson.lesson_id)


@functools.lru_cache(maxsize=4)
def _measuring_template(brand_hex: str):
    """The default template, opened once per process for everything that only measures with it
    (counting slides, fitting titles): nothing is ever added to it. Opening it costs about 0.01 s."""
    prs, layouts, theme_xml = open_template(None, brand_hex, lambda _problem: None)  # only a school's own template warns
    return prs, layouts, theme_xml, looks_of(layouts, theme_xml, brand_hex)


def measuring_writer(brand_hex: str, min_body_pt: int, warn, lesson_id: str = "") -> DeckWriter:
    """A writer on the default template opened once, that lays slides out as a deck would, to count
    or measure them, never to add them."""
    prs, layouts, theme_xml, looks = _measuring_template(brand_hex)
    return DeckWriter(prs, layouts, theme_xml, brand_hex, min_body_pt, warn, lesson_id, looks)


def session_slides(lesson: AdaptedLesson, context) -> List[Tuple[Session, int, int]]:
    """For each session: how many slides its deck teaches from, and how many are in its appendix,
    counting the slides a long list continues on (as the deck is built)."""
    if context.options.template is None:
        writer = measuring_writer(brand_colour(lesson.school, context.warn), lesson.audience.min_body_pt, context.warn,
                                  lesson.lesson_id)
    else:
        writer = _writer(lesson, context)[1]

    def count(specs) -> int:
        return sum(writer.count(s) for s in specs)

    counts = []
    for session in lesson.sessions:
        specs = plan(lesson, session)
        main = main_slides(specs)
        counts.append((session, count(main), count(specs[len(main):])))
    return counts


def build_deck(lesson: AdaptedLesson, context, session: Optional[Session] = None) -> bytes:
    """The .pptx bytes of the deck for `lesson` (already adapted to one audience and school): one
    session's deck (a lesson with one session has only that one); without a session, the whole
    lesson in its own order."""
    if session is None and len(lesson.sessions) == 1:
        session = lesson.sessions[0]
    prs, writer = _writer(lesson, context)
    logo = _logo(lesson, context.warn)
    specs = plan(lesson, session)
    writer.plan_timings(specs)
    for spec in specs:
        writer.add(spec, logo if spec.logo else None)
    _properties(prs, lesson, session)
    return stable_pptx(prs, lesson.last_reviewed)
