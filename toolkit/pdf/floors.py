"""The least height a block can take, worked out from its text and styles without laying it out.

The planner rules a version of a handout out as soon as the blocks it has measured, plus the least
the others can take, are already too tall; so it measures less. A paragraph takes at least as many
lines as its text's width needs (`least_lines`: no line holds more than the room across it, give or
take the spaces reportlab may shrink); tables, drawings and page breaks count as nothing, contact
lists as `contacts.least_height`. These must never exceed what `planner.flowables_height`
measures: `tests/render/test_handout_planner.py` checks every block of the shipped lessons."""

from __future__ import annotations

import functools
import math
import re
from html import unescape
from typing import Iterable, Sequence, Tuple

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics

from . import blocks as b
from . import fonts
from .styles import Styles, callout_pad
from .text import markup

_TAGS = re.compile(r"(<b>|</b>|<br/>)")
# Where reportlab may break a line: at any space but the no-break space (`_SPACES`), and also at a
# zero-width space when the text has a no-break space (`_ANY_SPACES`, for counting words).
_SPACES = re.compile("[^\\S\xa0]+")
_ANY_SPACES = re.compile("[\\s\u200b]+")


@functools.lru_cache(maxsize=8192)
def _width(text: str, font: str) -> float:
    """The width of `text` at 1 pt (every text is measured once a build, whatever its size)."""
    return pdfmetrics.stringWidth(text, font, 1000) / 1000


@functools.lru_cache(maxsize=None)
def _widest_character(font: str) -> float:
    face = pdfmetrics.getFont(font).face
    return max(max(face.charWidths.values(), default=0), face.defaultWidth) / 1000


def _runs(text: str) -> Sequence[Tuple[Tuple[str, bool], ...]]:
    """A paragraph's markup as lines forced by `<br/>`, each a run of (text, bold) pieces; empty
    when the markup holds anything else (then only one line is counted)."""
    lines, pieces, bold = [], [], False
    for part in _TAGS.split(text):
        if part == "<b>" or part == "</b>":
            bold = part == "<b>"
        elif part == "<br/>":
            lines.append(tuple(pieces))
            pieces = []
        elif part:
            if "<" in part or ">" in part:
                return ()
            pieces.append((unescape(part), bold))
    return lines + [tuple(pieces)]


SHORT = 6  # words of fewer characters are never wider than a line (checked in `least_lines`)


@functools.lru_cache(maxsize=8192)
def _measures(text: str, regular: str, bold: str) -> Tuple[Tuple[float, int, Tuple[float, ...]], ...]:
    """For each line of `text` forced by `<br/>`, at 1 pt: the width of its text (each piece's
    spaces collapsed and its ends trimmed, so the spaces between pieces are left out and the text is
    never counted wider than it is), how many words it has, and the widths of its longer words (in
    the wider of the faces): fewer and longer words than reportlab may break the line at, so that no
    word wider than a line is missed, but counted as many as it may break at, for the spaces it may
    shrink. Empty when the markup holds tags other than bold and breaks."""
    out = []
    for run in _runs(text):
        content = sum(_width(_SPACES.sub(" ", piece.replace("\u200b", "")).strip(" "), bold if strong else regular)
                      for piece, strong in run)
        joined = "".join(piece for piece, _ in run)
        words = [word for word in _SPACES.split(joined) if word]  # as few as reportlab makes, or fewer
        if words:
            longer = tuple(max(_width(word, regular), _width(word, bold)) for word in words if len(word) >= SHORT)
            most = len([word for word in _ANY_SPACES.split(joined) if word])  # as many, or more
            out.append((content, most, longer))
    return tuple(out)


def least_lines(text: str, style: ParagraphStyle, width: float) -> int:
    """The fewest lines the paragraph `text` (markup) can take in `style`, `width` wide. The words
    of a line, with the spaces between them, never take more room than the line offers (plus what
    reportlab lets spaces shrink), and a word too long for a line sits alone on one; so n lines hold
    at most n widths of text, and the spaces where they break."""
    if not text.strip():
        return 0
    room = width - style.leftIndent - style.rightIndent - min(style.firstLineIndent, 0)
    size = style.fontSize
    bold = fonts.BOLD if style.fontName in (fonts.REGULAR, fonts.BOLD) else style.fontName
    runs = _measures(text, style.fontName, bold)
    widest = max(_widest_character(style.fontName), _widest_character(bold)) * size
    if not runs or room <= 0 or (SHORT - 1) * widest > room:
        return 1
    space = max(_width(" ", style.fontName), _width(" ", bold)) * size
    shrink = getattr(style, "spaceShrinkage", 0) * space
    total = 0
    for content, words, longer in runs:
        # a word wider than the line overfills its own line only
        over = sum(width * size - room for width in longer if width * size > room)
        total += max(1, math.ceil((content * size - over + space - words * shrink) / (room + space) - 1e-9))
    return max(total, 1)


def paragraph_height(text: str, style: ParagraphStyle, width: float, leading: float = 0) -> float:
    """The least height of one paragraph, its space before and after included."""
    lines = least_lines(text, style, width)
    return (lines * (leading or style.leading) + style.spaceBefore + style.spaceAfter) if lines else 0.0


def stack_height(paragraphs: Iterable[Tuple[str, ParagraphStyle]], width: float) -> float:
    """The least height of paragraphs stacked in a box (`boxes.stack_size`): without the first
    one's space before and the last one's space after."""
    printed = [(text, style) for text, style in paragraphs if text.strip()]
    if not printed:
        return 0.0
    return (sum(paragraph_height(text, style, width) for text, style in printed)
            - printed[0][1].spaceBefore - printed[-1][1].spaceAfter)


def _all(style: ParagraphStyle, texts: Iterable[str], width: float, leading: float = 0) -> float:
    return sum(paragraph_height(markup(text), style, width, leading) for text in texts)


def least_height(block: b.Block, styles: Styles, width: float) -> float:
    """A height the block's measured height is never below: each paragraph's least lines
    (`least_lines`), as `flowables.to_flowables` sets them."""
    if isinstance(block, b.Heading):  # no spacer after a heading
        return _all({1: styles.title, 2: styles.h2}.get(block.level, styles.h3), [block.text], width)
    spacer = styles.gap * 0.6  # after every other block
    hanging = styles.hanging()
    if isinstance(block, b.Paragraph):
        return _all(styles.small if block.small else styles.body, [block.text], width) + spacer
    if isinstance(block, b.Bullets):
        small = block.small and not styles.large_print  # small print keeps the hanging style's spacing
        return _all(hanging, block.items, width, styles.small.leading if small else 0) + spacer
    if isinstance(block, b.Steps):  # title, text and caution are paragraphs; space after the last only
        tight = styles.hanging(tight=True)
        height = 0.0
        for step in block.items:
            parts = [(f"<b>{markup(step.title)}</b>", step.title), (markup(step.text), step.text),
                     (f"<b>{markup(step.caution)}</b>", step.caution)]  # the caution's label left out
            parts = [text for text, source in parts if source.strip()]
            height += sum(paragraph_height(text, hanging if index == len(parts) - 1 else tight, width)
                          for index, text in enumerate(parts))
        return height + spacer
    if isinstance(block, b.Callout):
        pad = callout_pad(styles)
        content = [(markup(block.text), styles.callout), (markup(block.detail), styles.callout_detail)]
        return stack_height(content, width - 2 * pad) + 2 * pad + spacer
    if isinstance(block, b.DoNever):
        return (_all(styles.h3, [block.do_label, block.never_label], width)
                + _all(hanging, block.do + block.never, width) + spacer)
    if isinstance(block, b.Pairs):  # labels left out, and the answer's indent: never more than printed
        if block.inline:
            return sum(paragraph_height(f"<b>{markup(first)}:</b> {markup(second)}", styles.list_item, width)
                       for first, second in block.items) + spacer
        return sum(paragraph_height(f"<b>{markup(first)}</b>", styles.list_item, width)
                   + paragraph_height(markup(second), styles.list_item, width)
                   for first, second in block.items) + spacer
    if isinstance(block, b.Contacts) and len(block.contacts) == 1 and not block.title:
        from .contacts import least_height as least_contact_height  # contacts measures with this module
        return least_contact_height(block.contacts[0], styles, width, block.detailed, purpose=block.purpose) + spacer
    return spacer
