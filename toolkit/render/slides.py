"""`slides`: an editable, accessible PowerPoint deck per lesson and audience (see docs/slides.md)."""

from __future__ import annotations

from typing import List

from ..adapt import AdaptedLesson
from ..deck import build_deck
from . import OutputFile, RenderContext, register


@register("slides", "An editable PowerPoint deck (16:9) with speaker notes, for each lesson and audience (one per session)")
def render(lesson: AdaptedLesson, context: RenderContext) -> List[OutputFile]:
    if len(lesson.sessions) <= 1:
        session = lesson.sessions[0] if lesson.sessions else None
        data = build_deck(lesson, context, session)
        return [OutputFile(f"{lesson.slug}.pptx", data, f"{lesson.title} ({lesson.audience_name}): slides")]
    return [
        OutputFile(f"{lesson.slug}-session-{s.number}.pptx", build_deck(lesson, context, s),
                   f"{lesson.title} ({lesson.audience_name}): slides for session {s.number} of {s.count}, {s.title}")
        for s in lesson.sessions
    ]
