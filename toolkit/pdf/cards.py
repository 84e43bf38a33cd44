"""Pocket cards: the same card four times on a sheet (A6 on A4), with cut marks and dashed cut lines.

Large print puts two bigger cards on a sheet instead, since 16 pt text does not fit on A6, and
prints them on both sides of the sheet when one side is not enough."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from typing import List, Optional, Sequence, Tuple

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Frame, KeepTogether

from . import blocks as b
from .blocks import Document
from .document import SAFE_MARGIN, Metadata, binary_streams, page_size, plain_canvas
from .layout import story
from .planner import Planner, choose
from .styles import LARGE_BODY, make_styles

CARD_SIZES = (10.0, 9.5, 9.0, 8.5, 8.0)  # A6 is small: 8 pt is the floor for a pocket card
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


def _grid(paper: str, large_print: bool) -> Tuple[int, int]:
    return (1, 2) if large_print else (2, 2)  # (columns, rows)


def _card_frames(paper: str, large_print: bool) -> List[Tuple[float, float, float, float]]:
    """(x, y, width, height) of the text area of each card: the safe margin outside, a gap by cuts."""
    width, height = page_size(paper)
    columns, rows = _grid(paper, large_print)
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


def _draw_cut_lines(canvas, paper: str, large_print: bool) -> None:
    width, height = page_size(paper)
    columns, rows = _grid(paper, large_print)
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


def plan_cards(variants: Sequence[Document], paper: str, large_print: bool,
               planner: Planner) -> Tuple[int, float, List[Document], Tuple[str, ...]]:
    """(version, body size, the sides to print, warnings): the first version that fits one side of a
    card, as large as it fits; else the first that fits on both sides; else the most compact."""
    _, _, frame_w, frame_h = _card_frames(paper, large_print)[0]
    sizes = (LARGE_BODY,) if large_print else CARD_SIZES

    def fits_one(card: Document, size: float) -> bool:
        styles = make_styles(size, large_print, card.accent)
        if planner.surely_over(card, styles, frame_w, frame_h, 1, 1, poured=False):
            return False  # known before measuring all of it
        return planner.height(card, styles, frame_w, frame_h) <= frame_h

    def fill(variant: int, size: float) -> float:
        styles = make_styles(size, large_print, variants[variant].accent)
        return planner.height(variants[variant], styles, frame_w, frame_h) / frame_h

    def likely(variant: int, size: float) -> bool:
        styles = make_styles(size, large_print, variants[variant].accent)
        return planner.likely_pages(variants[variant], styles, frame_w, frame_h, 1) <= 1

    chosen = choose(len(variants), sizes, lambda v, size: fits_one(variants[v], size), fill, likely)
    if chosen is not None:
        return chosen[0], chosen[1], [variants[chosen[0]]], ()
    halves = [two_sided(card) for card in variants]
    chosen = choose(len(variants), sizes, lambda v, size: all(fits_one(side, size) for side in halves[v]))
    if chosen is not None:
        return chosen[0], chosen[1], list(halves[chosen[0]]), ()
    warning = (f"'{variants[0].title}' is too long for a pocket card, even on both sides: "
               "shorten the steps or contacts")
    return len(variants) - 1, sizes[-1], list(halves[-1]), (warning,)


def render_cards(variants: Sequence[Document], paper: str = "a4", large_print: bool = False) -> RenderedCards:
    """A sheet of identical cards: the first of `variants` that fits, as large as it fits. When no
    version fits on one side, the cards are printed on both sides of the sheet (two pages)."""
    frames = _card_frames(paper, large_print)
    planner = Planner(variants)
    variant, size, sides, warnings = plan_cards(variants, paper, large_print, planner)
    card = variants[variant]
    styles = make_styles(size, large_print, card.accent)
    buffer = io.BytesIO()
    with binary_streams():
        canvas = plain_canvas(buffer, paper, Metadata(card.title, card.author, card.subject, card.keywords), size)
        for side in sides:
            for x, y, w, h in frames:
                Frame(x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0).addFromList(
                    _card_story(side, styles, w, planner), canvas)  # the same flowables on every card
            _draw_cut_lines(canvas, paper, large_print)
            canvas.showPage()
        canvas.save()
    return RenderedCards(buffer.getvalue(), len(frames), size, variant, warnings, sides=len(sides))
