"""The least height a block can take, and roughly the height it will take, worked out from its text
and styles without laying it out.

The planner rules a version of a handout out as soon as the blocks it has measured, plus the least
the others can take, are already too tall; so it measures less. Every paragraph with text takes at
least one line (`flowables.to_flowables` makes one paragraph per item); tables, drawings and page
breaks count as nothing, contact lists as `contacts.least_height`. These must never exceed what
`planner.flowables_height` measures: `tests/render/test_handout_planner.py` checks every block of
the shipped lessons. The rough height only orders the planner's work, so it may be wrong either way."""

from __future__ import annotations

import math
from typing import Iterable, Optional

from reportlab.lib.styles import ParagraphStyle

from . import blocks as b
from .contacts import least_height as least_contact_height
from .styles import Styles


AVERAGE_CHARACTER = 0.48  # of an em, allowing for what wrapping leaves at line ends: the font is narrow


def _lines(style: ParagraphStyle, texts: Iterable[str], width: Optional[float], leading: float = 0) -> float:
    """Lines of `style` (or of `leading`, when given) for each text that prints something: one
    each, or, given the `width`, as many as the text's length suggests."""
    line = (leading or style.leading) + style.spaceBefore + style.spaceAfter
    total = 0.0
    for text in texts:
        if text.strip():
            if width is None:
                total += line
            else:
                per_line = max(width - style.leftIndent, 1) / (AVERAGE_CHARACTER * style.fontSize)
                total += line * max(1, math.ceil(len(text) / per_line))
    return total


def _height(block: b.Block, styles: Styles, width: float, rough: bool) -> float:
    wrap = width if rough else None
    if isinstance(block, b.Heading):  # no spacer after a heading
        return _lines({1: styles.title, 2: styles.h2}.get(block.level, styles.h3), [block.text], wrap)
    spacer = styles.gap * 0.6  # after every other block
    hanging = styles.hanging()
    if isinstance(block, b.Paragraph):
        return _lines(styles.small if block.small else styles.body, [block.text], wrap) + spacer
    if isinstance(block, b.Bullets):
        small = block.small and not styles.large_print  # small print keeps the hanging style's spacing
        return _lines(hanging, block.items, wrap, styles.small.leading if small else 0) + spacer
    if isinstance(block, b.Steps):  # title, text and caution are paragraphs; space after the last only
        parts = [[p for p in (s.title, s.text, s.caution) if p.strip()] for s in block.items]
        return (_lines(hanging, [p for step in parts for p in step], wrap) + spacer
                - hanging.spaceAfter * sum(len(step) - 1 for step in parts))
    if isinstance(block, b.DoNever):
        return (_lines(styles.h3, [block.do_label, block.never_label], wrap)
                + _lines(hanging, block.do + block.never, wrap) + spacer)
    if isinstance(block, b.Pairs):
        if block.inline:
            return _lines(styles.list_item, [first + second for first, second in block.items], wrap) + spacer
        firsts = [block.first_label + first for first, _ in block.items]
        seconds = [block.second_label + second for _, second in block.items]
        return _lines(styles.list_item, firsts + seconds, wrap) + spacer
    if isinstance(block, b.Contacts) and len(block.contacts) == 1 and not block.title:
        return least_contact_height(block.contacts[0], styles, width, block.detailed) + spacer
    return spacer


def least_height(block: b.Block, styles: Styles, width: float) -> float:
    """A height the block's measured height is never below: one line per paragraph."""
    return _height(block, styles, width, rough=False)


def likely_height(block: b.Block, styles: Styles, width: float) -> float:
    """Roughly the block's height, from the length of its text alone: only to decide what to
    measure first, never whether something fits."""
    return _height(block, styles, width, rough=True)
