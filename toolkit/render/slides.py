"""`slides`: an editable, accessible PowerPoint deck per lesson and audience (see docs/slides.md)."""

from __future__ import annotations

from typing import List

from ..adapt import AdaptedLesson
from ..deck import build_deck
from . import OutputFile, RenderContext, register
from ..wording import N_, _


def deck_names(lesson: AdaptedLesson) -> List[str]:
    """'online-blackmail-ks3.pptx', or one deck per session: 'online-blackmail-ks3-session-1.pptx', ..."""
    if len(lesson.sessions) <= 1:
        return [f"{lesson.slug}.pptx"]
    return [f"{lesson.slug}-session-{s.number}.pptx" for s in lesson.sessions]


@register("slides", N_("An editable PowerPoint deck (16:9) with speaker notes, for each lesson and audience (one per session)"))
def render(lesson: AdaptedLesson, context: RenderContext) -> List[OutputFile]:
    if len(lesson.sessions) <= 1:
        session = lesson.sessions[0] if lesson.sessions else None
        data = build_deck(lesson, context, session)
        return [OutputFile(deck_names(lesson)[0], data, _("{title} ({audience}): slides", title=lesson.title, audience=lesson.audience_name))]
    return [
        OutputFile(name, build_deck(lesson, context, s),
                   _("{title} ({audience}): slides for session {number} of {count}, {session}", title=lesson.title,
                     audience=lesson.audience_name, number=s.number, count=s.count, session=s.title))
        for name, s in zip(deck_names(lesson), lesson.sessions)
    ]
