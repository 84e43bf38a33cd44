"""The least height a block can take, worked out from its text and styles without laying it out.

The planner rules a version of a handout out as soon as the blocks it has measured, plus the least
the others can take, are already too tall; so it measures less. Every paragraph with text takes at
least one line (`flowables.to_flowables` makes one paragraph per item); tables, drawings and page
breaks count as nothing, contact lists as `contacts.least_height`. These must never exceed what
`planner.flowables_height` measures: `tests/render/test_handout_planner.py` checks every block of
the shipped lessons."""

from __future__ import annotations

from typing import Iterable

from reportlab.lib.styles import ParagraphStyle

from . import blocks as b
from .contacts import least_height as least_contact_height
from .styles import Styles


def _lines(style: ParagraphStyle, texts: Iterable[str], leading: float = 0) -> float:
    """One line of `style` (or of `leading`, when given) for each text that prints something."""
    line = (leading or style.leading) + style.spaceBefore + style.spaceAfter
    return line * sum(1 for text in texts if text.strip())


def least_height(block: b.Block, styles: Styles, width: float) -> float:
    """A height the block's measured height is never below: one line per paragraph."""
    if isinstance(block, b.Heading):  # no spacer after a heading
        return _lines({1: styles.title, 2: styles.h2}.get(block.level, styles.h3), [block.text])
    spacer = styles.gap * 0.6  # after every other block
    hanging = styles.hanging()
    if isinstance(block, b.Paragraph):
        return _lines(styles.small if block.small else styles.body, [block.text]) + spacer
    if isinstance(block, b.Bullets):
        small = block.small and not styles.large_print  # small print keeps the hanging style's spacing
        return _lines(hanging, block.items, styles.small.leading if small else 0) + spacer
    if isinstance(block, b.Steps):  # title, text and caution are paragraphs; space after the last only
        parts = [[p for p in (s.title, s.text, s.caution) if p.strip()] for s in block.items]
        return (_lines(hanging, [p for step in parts for p in step]) + spacer
                - hanging.spaceAfter * sum(len(step) - 1 for step in parts))
    if isinstance(block, b.DoNever):
        return (_lines(styles.h3, [block.do_label, block.never_label])
                + _lines(hanging, block.do + block.never) + spacer)
    if isinstance(block, b.Pairs):
        if block.inline:
            return _lines(styles.list_item, [first + second for first, second in block.items]) + spacer
        firsts = [block.first_label + first for first, _ in block.items]
        seconds = [block.second_label + second for _, second in block.items]
        return _lines(styles.list_item, firsts + seconds) + spacer
    if isinstance(block, b.Contacts) and len(block.contacts) == 1 and not block.title:
        return least_contact_height(block.contacts[0], styles, width, block.detailed) + spacer
    return spacer

