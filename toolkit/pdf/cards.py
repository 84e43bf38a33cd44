"""Pocket cards: the same card four times on a sheet (A6 on A4), with cut marks and dashed cut lines.

The type never shrinks below its rule (`styles.body_size`); it grows to fill the card. When a card
does not fit A6, the sheet holds two larger cards (A5 on A4), printed on both sides of the sheet
when one side is not enough. Large print is the fullest card (every contact), at 16 pt or more, two
to a sheet."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from typing import List, Optional, Sequence, Tuple

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Frame, KeepTogether

from ..wording import _
from . import blocks as b, fonts
from .blocks import Document
from .document import SAFE_MARGIN, Metadata, binary_streams, page_size, plain_canvas
from .layout import story
from .planner import Planner
from .styles import LARGE_BODY, make_styles

GROWTH = (4.0, 3.0, 2.0, 1.0, 0.0)  # points above its rule a card's type may grow to fill the card
CUT_GAP = 7 * mm  # space between the text and a cut line
MARK_FROM, MARK_TO = 4 * mm, 12 * mm  # cut marks sit in the margin, away from the text


@dataclass(frozen=True)
class RenderedCards:
    data: bytes
    cards_per_page: int
    body_size: float
    variant: int
    warnings: Tuple[str, ...] = ()
    sides: int = 1  # 2 when the cards are printed on both sides of the sheet


def _grid(per_sheet: int) -> Tuple[int, int]:
    return {4: (2, 2), 2: (1, 2), 1: (1, 1)}[per_sheet]  # (columns, rows)


def _card_frames(paper: str, per_sheet: int) -> List[Tuple[float, float, float, float]]:
    """(x, y, width, height) of the text area of each card: the safe margin outside, a gap by cuts."""
    width, height = page_size(paper)
    columns, rows = _grid(per_sheet)
    cell_w, cell_h = width / columns, height / rows
    frames = []
    for row in range(rows):
        for column in range(columns):
            left = SAFE_MARGIN if column == 0 else CUT_GAP
            right = SAFE_MARGIN if column == columns - 1 else CUT_GAP
            top = SAFE_MARGIN if row == 0 else CUT_GAP
            bottom = SAFE_MARGIN if row == rows - 1 else CUT_GAP
            x = column * cell_w + left
            y = height - (row + 1) * cell_h + bottom
            frames.append((x, y, cell_w - left - right, cell_h - top - bottom))
    return frames


def _card_story(card: Document, styles, width: float, planner: Optional[Planner] = None) -> List[Flowable]:
    """The card's flowables. A card never spans frames, and a plain Frame cannot split a
    KeepTogether (that needs a document), so their contents go in directly."""
    header, body = story(card, styles, width, planner)
    flat: List[Flowable] = []
    for flowable in header + body:
        flat.extend(flowable._content if isinstance(flowable, KeepTogether) else [flowable])
    return flat


def _draw_cut_lines(canvas, paper: str, per_sheet: int) -> None:
    width, height = page_size(paper)
    columns, rows = _grid(per_sheet)
    canvas.saveState()
    canvas.setStrokeColor(colors.black)
    canvas.setLineWidth(0.5)
    for column in range(1, columns):  # vertical cuts
        x = width * column / columns
        canvas.line(x, MARK_FROM, x, MARK_TO)
        canvas.line(x, height - MARK_FROM, x, height - MARK_TO)
    for row in range(1, rows):  # horizontal cuts
        y = height * row / rows
        canvas.line(MARK_FROM, y, MARK_TO, y)
        canvas.line(width - MARK_FROM, y, width - MARK_TO, y)
    canvas.setDash(3, 3)
    canvas.setStrokeColor(colors.HexColor("#767676"))
    for column in range(1, columns):
        x = width * column / columns
        canvas.line(x, MARK_TO + 2 * mm, x, height - MARK_TO - 2 * mm)
    for row in range(1, rows):
        y = height * row / rows
        canvas.line(MARK_TO + 2 * mm, y, width - MARK_TO - 2 * mm, y)
    canvas.restoreState()


def two_sided(card: Document) -> Tuple[Document, Document]:
    """(front, back): the back starts at the card's last main heading (who can help). Every card on
    a sheet is the same, so the backs line up whichever way the printer turns the paper."""
    starts = [i for i, block in enumerate(card.blocks) if isinstance(block, b.Heading) and block.level <= 2]
    cut = starts[-1] if starts else len(card.blocks)
    return replace(card, blocks=card.blocks[:cut]), replace(card, title="", subtitle="", blocks=card.blocks[cut:])


@dataclass(frozen=True)
class CardPlan:
    variant: int
    size: float
    per_sheet: int  # 4 (A6), 2 (A5) or 1 (A4, large print only)
    sides: Tuple[Document, ...]  # one side, or front and back
    warnings: Tuple[str, ...] = ()


# Formats from the smallest up: four A6 cards, two A5 cards, two A5 cards on both sides.
FORMATS = ((4, False), (2, False), (2, True))
# Large print is the fullest card, every contact: two A5 cards, then one A4 card, a side or two.
LARGE_FORMATS = ((2, False), (2, True), (1, False), (1, True))


def plan_cards(variants: Sequence[Document], paper: str, large_print: bool, size: float,
               planner: Planner) -> CardPlan:
    """The first version that fits a card in the first format that holds it (every contact kept
    before any is dropped), at the largest size from its rule `size` up that fits. Large print
    has no card size to keep to: the fullest version, at the large-print size (or larger, up to
    what its rule's card may grow to), in the first of the larger formats that holds it."""
    growth = tuple(size + step for step in GROWTH)
    if large_print:
        sizes = tuple(sorted({max(LARGE_BODY, grown) for grown in growth}, reverse=True))
        return _fit(variants[:1], paper, LARGE_FORMATS, sizes, True, planner)
    return _fit(variants, paper, FORMATS, growth, False, planner)


def _fit(variants: Sequence[Document], paper: str, formats: Sequence[Tuple[int, bool]], sizes: Sequence[float],
         large_print: bool, planner: Planner) -> CardPlan:
    def fits(card: Document, size: float, frame_w: float, frame_h: float) -> bool:
        styles = make_styles(size, large_print, card.accent)
        if planner.surely_over(card, styles, frame_w, frame_h, 1, 1, poured=False):
            return False  # known before measuring all of it
        return planner.height(card, styles, frame_w, frame_h) <= frame_h

    for index, card in enumerate(variants):
        for per_sheet, both in formats:
            _x, _y, frame_w, frame_h = _card_frames(paper, per_sheet)[0]
            sides = two_sided(card) if both else (card,)
            if not all(fits(side, sizes[-1], frame_w, frame_h) for side in sides):
                continue  # not even at its rule's size: no larger size is tried
            for size in sizes:  # largest first: the card is filled, never cramped
                if all(fits(side, size, frame_w, frame_h) for side in sides):
                    return CardPlan(index, size, per_sheet, tuple(sides))
    warning = _("'{title}' is too long for a pocket card, even on both sides: shorten the steps or contacts",
                title=variants[0].title)
    per_sheet, both = formats[-1]  # the largest format
    return CardPlan(len(variants) - 1, sizes[-1], per_sheet,
                    tuple(two_sided(variants[-1]) if both else (variants[-1],)), (warning,))


@fonts.remembered_widths()  # a word's width is worked out once per handout
def render_cards(variants: Sequence[Document], paper: str = "a4", large_print: bool = False,
                 size: float = 10.0) -> RenderedCards:
    """A sheet of identical cards: the first of `variants` that fits, as large as it fits (never
    below `size`). When no version fits on one side, the cards are printed on both sides of the
    sheet (two pages)."""
    planner = Planner(variants)
    chosen = plan_cards(variants, paper, large_print, size, planner)
    frames = _card_frames(paper, chosen.per_sheet)
    card = variants[chosen.variant]
    styles = make_styles(chosen.size, large_print, card.accent)
    buffer = io.BytesIO()
    with binary_streams():
        canvas = plain_canvas(buffer, paper, Metadata(card.title, card.author, card.subject, card.keywords),
                              chosen.size)
        for side in chosen.sides:
            for x, y, w, h in frames:
                Frame(x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0).addFromList(
                    _card_story(side, styles, w, planner), canvas)  # the same flowables on every card
            _draw_cut_lines(canvas, paper, chosen.per_sheet)
            canvas.showPage()
        canvas.save()
    return RenderedCards(buffer.getvalue(), len(frames), chosen.size, chosen.variant, chosen.warnings,
                         sides=len(chosen.sides))
