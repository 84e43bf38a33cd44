"""Who can help as cards: one card per service (its name, what it is for in a few words, how to
reach it, and a QR code for its web page), flowing down columns on one or two slides.

The columns are planned at the deck's one body size (never smaller) from real font metrics: the
fewest slides, then the fullest cards, then the largest QR code, then the fewest, widest columns;
the cards are shared between the slides so the emptiest is as full as it can be, and never split
from their order (the school's own contacts first). A card never cuts its text: an option that would
break a phone number or a web address across lines is not used. `None` from the planner means no
card fits a slide at all: the deck then shows the services as a list."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, replace
from itertools import combinations
from typing import List, Optional, Sequence, Tuple

from pptx.enum.shapes import MSO_SHAPE

from ..colours import INK, RGB
from .cards import CARD, FACT_FILL, GAP_PT, _style
from .fit import WIDTH_SAFETY
from .metrics import count_lines, line_height_em
from .palette import readable_on
from .pictures import qr_picture
from .shapes import PAD_PT, Line, _emu, group, shape, text_shape
from ..wording import _

# QR codes on a card, largest first, in points: an inch across down to two thirds of an inch
# (10 cm on a screen two metres wide, still read across a classroom).
QR_SIZES_PT = (72.0, 63.0, 54.0, 48.0)
COLUMN_CHOICES = (2, 3, 4)
ROW_GAP_PT = 6.0
EDGE_PT = 4.0  # from a card's top and bottom edges to its text and QR code
# How much each card says, most first: (name and purpose in one paragraph, 'Phone:' before a
# number, the web site written out beside its QR code). Fewer slides win over a fuller card.
VARIANTS = ((False, True, True), (True, True, True), (True, False, True), (True, False, False))


@dataclass(frozen=True)
class Way:
    """One way to reach a service, as a card shows it."""

    value: str
    label: str = ""  # 'Phone:'
    wraps: bool = False  # only words may wrap: a phone number or an address stays on one line
    label_optional: bool = False  # a bare phone number needs no label when a card is short of room
    beside_qr: bool = False  # the web site its QR code opens: left to the code when a card is short of room

    def text(self, labels: bool = True) -> str:
        return f"{self.label} {self.value}" if self.label and (labels or not self.label_optional) else self.value


@dataclass(frozen=True)
class HelpCard:
    name: str
    purpose: str
    reach: Tuple["Way", ...]
    url: str = ""
    qr_name: str = ""  # the service's name in its QR code's alt text
    local: bool = False  # the school's own contacts and local services, shown first on a tinted card

    @property
    def qr_alt(self) -> str:
        return _("QR code: link to {name}, {url}", name=self.qr_name or self.name, url=self.url)


def _fits_line(text: str, size: float, width: float, bold: bool = False) -> bool:
    return count_lines([(text, bold)], size, width) == 1


def _lines(text: str, size: float, width: float, bold: bool = False) -> int:
    return count_lines([(text, bold)], size, width)


def reach_lines(reach: Sequence[Way], size: float, width: float, labels: bool = True,
                sites: bool = True) -> Optional[Tuple[str, ...]]:
    """The ways to reach a service joined with ' · ' where they share a line; None when a phone
    number or an address does not fit a line of its own."""
    lines: List[str] = []
    for way in reach:
        if way.beside_qr and not sites:
            continue
        text, wraps = way.text(labels), way.wraps
        if not wraps and not _fits_line(text, size, width):
            return None
        if lines and not wraps and _fits_line(lines[-1] + " \u00b7 " + text, size, width):
            lines[-1] += " \u00b7 " + text
        else:
            lines.append(text)
    return tuple(lines)


@dataclass(frozen=True)
class HelpCards:
    """Cards flowing down the columns of a slide (each card as tall as its text), as many columns
    and slides as `split` chose; `stacks` holds each column's cards, as indexes into `cards`."""

    cards: Tuple[HelpCard, ...]
    columns: int = 0
    qr_pt: float = QR_SIZES_PT[0]
    joined: bool = False  # each card's name and purpose in one paragraph
    labels: bool = True  # False: phone numbers without 'Phone:'
    sites: bool = True  # False: the web site only in its QR code (and the notes)
    stacks: Tuple[Tuple[int, ...], ...] = ()

    # --- planning ---------------------------------------------------------------------------------

    def _card(self, card: HelpCard, card_w: float, qr_pt: float, size: int, joined: bool, labels: bool, sites: bool):
        """(height, height of its top part, reach lines) of one card, or None when it cannot be
        written without cutting. The name and purpose stand beside the QR code (`joined`: in one
        paragraph, the name in bold), the ways to reach it under both, the card's full width."""
        full = (card_w - 2 * PAD_PT) * WIDTH_SAFETY
        beside = (card_w - 3 * PAD_PT - qr_pt) * WIDTH_SAFETY if card.url else full
        if beside <= 0:
            return None
        reach = reach_lines(card.reach, size, full, labels, sites)
        if reach is None:
            return None
        line = line_height_em() * size
        if joined:
            top = count_lines([(card.name + ":", True), (" " + card.purpose, False)], size, beside)
        else:
            top = _lines(card.name, size, beside, bold=True) + _lines(card.purpose, size, beside)
        top_h = max(top * line, qr_pt if card.url else 0.0)
        return top_h + sum(_lines(r, size, full) for r in reach) * line + 2 * EDGE_PT, top_h, reach

    def measured(self, width: float, size: int, columns: int, qr_pt: float, joined: bool, labels: bool = True,
                 sites: bool = True):
        """Each card's (height, top height, reach lines) in `columns`, or None if one cannot be written."""
        card_w = (width - GAP_PT * (columns - 1)) / columns
        planned = [self._card(c, card_w, qr_pt, size, joined, labels, sites) for c in self.cards]
        return None if any(p is None for p in planned) else planned

    def split(self, width: float, height: float, size: int) -> Optional[List["HelpCards"]]:
        """These cards on the fewest slides that hold them (one or two, unless even the densest
        grid cannot), then as full as each card can be, then with the largest QR codes, then in
        the fewest, widest columns; shared between the slides so the emptiest slide is as full as
        it can be, and down each slide's columns evenly. None if one card alone does not fit."""
        measured = {}  # each grid is measured once, however many slides are tried
        for slides in range(1, len(self.cards) + 1):
            for joined, labels, sites in VARIANTS:
                for qr_pt in QR_SIZES_PT:
                    for columns in COLUMN_CHOICES:
                        grid = (columns, qr_pt, joined, labels, sites)
                        if grid not in measured:
                            measured[grid] = self.measured(width, size, *grid)
                        planned = measured[grid]
                        if planned is None or max(p[0] for p in planned) > height:
                            continue
                        shared = _share([p[0] for p in planned], height, columns, slides)
                        if shared is not None:
                            return [replace(self, cards=self.cards[a:b], columns=columns, qr_pt=qr_pt, joined=joined,
                                            labels=labels, sites=sites, stacks=stacks) for a, b, stacks in shared]
        return None

    # --- drawing ----------------------------------------------------------------------------------

    def draw(self, slide, box, brand: RGB, size: int):
        """Each card a group of its own (its text, then its QR code, read in that order), down
        each column, the columns left to right."""
        left, top, width, height = box
        parts = [self] if self.stacks else self.split(width, height, size)
        part = parts[0]
        planned = part.measured(width, size, part.columns, part.qr_pt, part.joined, part.labels, part.sites)
        card_w = (width - GAP_PT * (part.columns - 1)) / part.columns
        drawn = []
        for column, stack in enumerate(part.stacks):
            x, y = left + column * (card_w + GAP_PT), top
            for i in stack:
                h, top_h, reach = planned[i]
                drawn.append(self._draw_card(slide, part.cards[i], reach, (x, y, card_w, h, top_h), brand, size))
                y += h + ROW_GAP_PT
        return drawn

    def _draw_card(self, slide, card: HelpCard, reach: Tuple[str, ...], box, brand: RGB, size: int):
        x, y, w, h, top_h = box
        fill = FACT_FILL if card.local else CARD
        with group(slide, card.name, " ".join([f"{card.name}: {card.purpose}."] + [f"{r}." for r in reach])) as holder:
            shape(holder.shapes, MSO_SHAPE.ROUNDED_RECTANGLE, (x, y, w, h), fill, name=_("Card: {name}", name=card.name),
                  radius=10)
            qr_pt = self.qr_pt if card.url else 0.0
            name = f"{card.name}:" if self.joined else card.name
            top = [Line(name, size, readable_on(fill, brand), bold=True)] + ([] if self.joined else [Line(card.purpose, size, INK)])
            lines = [Line(r, size, INK) for r in reach]
            # Text boxes inside the card, with no fill: the card's colour is their background. Beside a
            # QR code, the name and purpose; the ways to reach it under both, the card's full width.
            about = text_shape(holder.shapes, MSO_SHAPE.RECTANGLE,
                               (x, y + EDGE_PT - PAD_PT / 2, w - (qr_pt + PAD_PT if qr_pt else 0),
                                (top_h if qr_pt else h - 2 * EDGE_PT) + PAD_PT),
                               None, top + ([] if qr_pt else lines), anchor="top", name=card.name)
            if self.joined:
                _style(about.text_frame.paragraphs[0].add_run(), " " + card.purpose, size, INK)
            if reach and qr_pt:
                text_shape(holder.shapes, MSO_SHAPE.RECTANGLE, (x, y + EDGE_PT - PAD_PT / 2 + top_h, w, h - top_h - 2 * EDGE_PT + PAD_PT),
                           None, lines, anchor="top", name=_("How to reach {name}", name=card.name))
            if card.url:
                code = holder.shapes.add_picture(io.BytesIO(qr_picture(card.url)), _emu(x + w - PAD_PT - qr_pt),
                                                 _emu(y + EDGE_PT), _emu(qr_pt), _emu(qr_pt))
                from .writer import set_alt_text

                set_alt_text(code, card.qr_alt, _("QR code {name}", name=card.qr_name or card.name))
                code.click_action.hyperlink.address = card.url
        return holder


def _share(heights: Sequence[float], height: float, columns: int, slides: int):
    """[(first card, end, its columns)] for each slide: the cards in order over `slides` slides of
    `columns` columns no taller than `height`, the emptiest slide as full as it can be; None if
    they do not fit."""
    count = len(heights)
    if slides > count:
        return None
    if slides <= 3:
        splits = [(0,) + cuts + (count,) for cuts in combinations(range(1, count), slides - 1)]
    else:  # many slides (a very long list): an even count of cards on each
        per = math.ceil(count / slides)
        splits = [tuple(range(0, count, per)) + (count,)]
    best, best_low = None, -1.0
    for bounds in splits:
        parts = []
        for a, b in zip(bounds, bounds[1:]):
            stacks = _balanced(heights[a:b], height, columns)
            if stacks is None:
                break
            parts.append((a, b, stacks))
        else:
            low = min(_tallest(heights[a:b], stacks) for a, b, stacks in parts)
            if low > best_low:
                best, best_low = parts, low
    return best


def _balanced(heights: Sequence[float], height: float, columns: int) -> Optional[Tuple[Tuple[int, ...], ...]]:
    """The cards down at most `columns` columns no taller than `height`, as even as they can be."""
    if not heights or len(_stack(heights, height)) > columns:
        return None
    low, high = max(heights), height
    while high - low > 1.0:
        middle = (low + high) / 2
        if len(_stack(heights, middle)) <= columns:
            high = middle
        else:
            low = middle
    return tuple(tuple(stack) for stack in _stack(heights, high))


def _tallest(heights: Sequence[float], stacks) -> float:
    return max(sum(heights[i] for i in stack) + ROW_GAP_PT * (len(stack) - 1) for stack in stacks)


def _stack(heights: Sequence[float], limit: float) -> List[List[int]]:
    """Cards down columns no taller than `limit`, in order: a new column when the next card does
    not fit under the last."""
    stacks: List[List[int]] = [[]]
    used = 0.0
    for i, h in enumerate(heights):
        if stacks[-1] and used + ROW_GAP_PT + h > limit:
            stacks.append([])
            used = 0.0
        used += h if not stacks[-1] else ROW_GAP_PT + h
        stacks[-1].append(i)
    return stacks
