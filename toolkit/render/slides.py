"""`slides`: an editable, accessible PowerPoint deck per lesson and audience (see docs/slides.md)."""

from __future__ import annotations

from typing import List

from ..adapt import AdaptedLesson
from ..deck import build_deck
from . import OutputFile, RenderContext, register


def deck_name(lesson: AdaptedLesson) -> str:
    """'online-blackmail-ks3.pptx'."""
    return f"{lesson.slug}.pptx"


@register("slides", "An editable PowerPoint deck (16:9) with speaker notes, for each lesson and audience")
def render(lesson: AdaptedLesson, context: RenderContext) -> List[OutputFile]:
    data = build_deck(lesson, context)
    return [OutputFile(deck_name(lesson), data, f"{lesson.title} ({lesson.audience_name}): slides")]
