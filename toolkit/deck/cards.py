"""Designed slides for the ideas every lesson comes back to, drawn in editable shapes:

- "What to do" as one graphic: numbered step cards a class can follow at a glance, with each
  step's caution (the under-18 evidence rule) in a marked box under them;
- facts and myths as distinct cards: the fact first, in a bold card, the myth beside it, smaller
  and struck through with a label, so the blaming sentence is never the headline.

Each is planned at the deck's body size from real font metrics; `None` from a planner means "does
not fit": the outline then falls back to a plain list, so nothing is ever cut."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import List, Optional, Tuple

from pptx.enum.shapes import MSO_SHAPE

from ..colours import INK, RGB, WHITE
from .fit import WIDTH_SAFETY
from .metrics import count_lines, line_height_em
from .iconset import WARNING, icon_png
from .shapes import PAD_PT, Line, _emu, decorative, group, text_shape
from . import wording as w
from ..wording import _

GAP_PT = 12.0
NUMBER_PT = 40.0  # the circle holding a step's number
STEP_ICON_PT = 44.0
CARD: RGB = (238, 242, 247)
CAUTION_FILL: RGB = (253, 236, 200)
CAUTION_INK: RGB = (110, 60, 0)
FACT_FILL: RGB = (225, 242, 230)
FACT_INK: RGB = (20, 83, 45)
MYTH_FILL: RGB = (243, 243, 243)
MYTH_INK: RGB = (84, 84, 84)


def _lines(pieces, size: float, width: float) -> int:
    return count_lines(pieces, size, width * WIDTH_SAFETY - 2 * PAD_PT)


def _height(lines: int, size: float) -> float:
    return lines * line_height_em() * size + PAD_PT


@dataclass(frozen=True)
class StepsGraphic:
    """What to do: (number, title) cards in a grid, and the cautions under them."""

    steps: Tuple[Tuple[int, str], ...]
    cautions: Tuple[Tuple[int, str], ...]
    icons: Tuple[str, ...] = ()  # each step's icon name (see iconset), "" for none
    texts: Tuple[str, ...] = ()  # each step's text, shown in its card when there is room

    @property
    def alt_text(self) -> str:
        parts = [_(w.STEPS_ALT, count=len(self.steps))]
        parts += [f"{n}. {title}." for n, title in self.steps]
        parts += [_(w.CAUTION_ALT, number=n, text=text) for n, text in self.cautions]
        return " ".join(parts)

    def _shapes(self):
        """What each card may show, most first: (with each step's text, icon size)."""
        return [(True, 64.0), (True, STEP_ICON_PT), (False, STEP_ICON_PT)] if self.texts else [(False, STEP_ICON_PT)]

    def layout(self, width: float, height: float, size: int):
        """(columns, card height, caution heights, with texts, icon size) at `size`: the fullest
        cards that fit, or None if even titles alone do not."""
        count = len(self.steps)
        columns = count if count <= 4 else math.ceil(count / 2)
        rows = math.ceil(count / columns)
        card_w = (width - GAP_PT * (columns - 1)) / columns
        cautions = [_height(_lines([(_(w.TAKE_CARE, number=n), True), (" " + t, False)], size, width), size)
                    for n, t in self.cautions]
        for with_text, icon in self._shapes():
            card_lines = max(_lines([(t, True)], size, card_w) for _unused, t in self.steps)
            text_lines = max(_lines([(t, False)], size, card_w) for t in self.texts) if with_text else 0
            card_h = PAD_PT + icon + GAP_PT / 2 + _height(card_lines, size) + text_lines * line_height_em() * size + PAD_PT
            used = rows * card_h + (rows - 1) * GAP_PT + sum(c + GAP_PT for c in cautions)
            if used <= height:
                return columns, card_h, cautions, with_text, icon
        return None

    def fits(self, width: float, height: float, size: int) -> bool:
        return self.layout(width, height, size) is not None

    def complete(self, width: float, height: float, size: int) -> bool:
        """Whether the cards show each step's text too (else it follows on a slide of its own)."""
        planned = self.layout(width, height, size)
        return planned is not None and planned[3]

    def draw(self, slide, box, brand: RGB, size: int):
        left, top, width, height = box
        columns, card_h, cautions, with_text, icon_pt = self.layout(width, height, size)
        card_w = (width - GAP_PT * (columns - 1)) / columns
        with group(slide, _(w.STEPS_NAME), self.alt_text) as picture:
            for index, (number, title) in enumerate(self.steps):
                x = left + (index % columns) * (card_w + GAP_PT)
                y = top + (index // columns) * (card_h + GAP_PT)
                lines = [Line(title, size, INK, bold=True)] + ([Line(self.texts[index], size, INK)] if with_text else [])
                card = text_shape(picture.shapes, MSO_SHAPE.ROUNDED_RECTANGLE, (x, y, card_w, card_h), CARD, lines,
                                  align="centre", anchor="top", name=_("Step {number}", number=number), radius=12)
                card.text_frame.margin_top = _emu(PAD_PT + icon_pt + GAP_PT / 2)  # titles line up under the icons
                text_shape(picture.shapes, MSO_SHAPE.OVAL, (x + PAD_PT, y + PAD_PT, NUMBER_PT, NUMBER_PT),
                           brand, [Line(str(number), 24, WHITE, bold=True)], align="centre", name=_("Number {number}", number=number),
                           pad_pt=0)
                icon = icon_png(self.icons[index]) if index < len(self.icons) and self.icons[index] else None
                if icon is not None:
                    placed = picture.shapes.add_picture(io.BytesIO(icon), _emu(x + (card_w - icon_pt) / 2),
                                                        _emu(y + PAD_PT), _emu(icon_pt), _emu(icon_pt))
                    placed.name = _("Icon, step {number}", number=number)
                    decorative(placed)
            rows = math.ceil(len(self.steps) / columns)
            y = top + rows * (card_h + GAP_PT)
            for (number, text), h in zip(self.cautions, cautions):
                box = text_shape(picture.shapes, MSO_SHAPE.ROUNDED_RECTANGLE, (left, y, width, h), CAUTION_FILL,
                                 [Line(_(w.TAKE_CARE, number=number), size, CAUTION_INK, bold=True)],
                                 line=CAUTION_INK, name=_("Careful, step {number}", number=number), radius=10)
                run = box.text_frame.paragraphs[0].add_run()
                _style(run, " " + text, size, CAUTION_INK)
                y += h + GAP_PT
        return picture


@dataclass(frozen=True)
class MythCards:
    """Facts and myths, one row each: the fact's card (first, larger), the myth's beside it."""

    pairs: Tuple[Tuple[str, str], ...]  # (fact, myth)

    @property
    def alt_text(self) -> str:
        return " ".join(_(w.MYTH_ALT, fact=f, myth=m) for f, m in self.pairs)

    def _widths(self, width: float) -> Tuple[float, float]:
        fact_w = (width - GAP_PT) * 0.6
        return fact_w, width - GAP_PT - fact_w

    def rows(self, width: float, size: int) -> List[float]:
        fact_w, myth_w = self._widths(width)
        small = max(size - 4, 20)
        heights = []
        for fact, myth in self.pairs:
            fact_h = _height(_lines([(_(w.FACT), True), (" " + fact, False)], size, fact_w), size)
            myth_h = _height(_lines([(_(w.MYTH), True), (" " + myth, False)], small, myth_w), small)
            heights.append(max(fact_h, myth_h))
        return heights

    def fits(self, width: float, height: float, size: int) -> bool:
        rows = self.rows(width, size)
        return sum(rows) + GAP_PT * (len(rows) - 1) <= height

    def draw(self, slide, box, brand: RGB, size: int):
        left, top, width, height = box
        fact_w, myth_w = self._widths(width)
        small = max(size - 4, 20)
        with group(slide, _(w.MYTHS_NAME), self.alt_text) as picture:
            y = top
            for (fact, myth), h in zip(self.pairs, self.rows(width, size)):
                card = text_shape(picture.shapes, MSO_SHAPE.ROUNDED_RECTANGLE, (left, y, fact_w, h), FACT_FILL,
                                  [Line(_(w.FACT), size, FACT_INK, bold=True)], line=FACT_INK, name=_("Fact"), radius=10)
                _style(card.text_frame.paragraphs[0].add_run(), " " + fact, size, INK)
                card = text_shape(picture.shapes, MSO_SHAPE.ROUNDED_RECTANGLE, (left + fact_w + GAP_PT, y, myth_w, h),
                                  MYTH_FILL, [Line(_(w.MYTH), small, MYTH_INK, bold=True)], name=_("Myth"), radius=10)
                _style(card.text_frame.paragraphs[0].add_run(), " " + myth, small, MYTH_INK)
                y += h + GAP_PT
        return picture


def _style(run, text: str, size: float, colour: RGB) -> None:
    from pptx.dml.color import RGBColor
    from .textxml import run_language
    from pptx.util import Pt

    from .metrics import DECK_FONT

    run.text = text
    run.font.name = DECK_FONT
    run.font.size = Pt(size)
    run.font.bold = False
    run.font.color.rgb = RGBColor(*colour)
    run.font._rPr.set("lang", run_language())


@dataclass(frozen=True)
class ItemCards:
    """Short items as cards in two columns: keywords (term over its meaning), or warning signs
    (each beside a drawn warning icon)."""

    items: Tuple[Tuple[str, str], ...]  # (heading, text); heading "" for an item without one
    icon: bool = False  # a warning triangle beside each card
    name: str = ""
    alt_intro: str = ""

    @property
    def alt_text(self) -> str:
        return " ".join([self.alt_intro] + [f"{h}: {t}" if h else t for h, t in self.items]).strip()

    def _card_w(self, width: float) -> float:
        return (width - GAP_PT) / 2 - (ICON_PT + GAP_PT / 2 if self.icon else 0)

    def _pieces(self, heading: str, text: str):
        return [(heading, True)] if heading else [(text, False)]

    def rows(self, width: float, size: int) -> List[float]:
        card_w = self._card_w(width)
        heights = []
        for start in range(0, len(self.items), 2):
            row = []
            for heading, text in self.items[start:start + 2]:
                lines = _lines([(text, False)], size, card_w)
                if heading:
                    lines += _lines([(heading, True)], size, card_w)
                row.append(_height(lines, size) + 2)
            heights.append(max(max(row), ICON_PT + PAD_PT if self.icon else 0))
        return heights

    def fits(self, width: float, height: float, size: int) -> bool:
        rows = self.rows(width, size)
        return sum(rows) + ROW_GAP_PT * (len(rows) - 1) <= height

    def draw(self, slide, box, brand: RGB, size: int):
        left, top, width, height = box
        card_w = self._card_w(width)
        with group(slide, self.name, self.alt_text) as picture:
            y = top
            for row, h in zip(range(0, len(self.items), 2), self.rows(width, size)):
                for column, (heading, text) in enumerate(self.items[row:row + 2]):
                    x = left + column * ((width + GAP_PT) / 2)
                    if self.icon:
                        png = icon_png(WARNING)
                        if png is not None:
                            placed = picture.shapes.add_picture(io.BytesIO(png), _emu(x), _emu(y + (h - ICON_PT) / 2),
                                                                _emu(ICON_PT), _emu(ICON_PT))
                            placed.name = _("Warning icon")
                            decorative(placed)
                        x += ICON_PT + GAP_PT / 2
                    lines = ([Line(heading, size, brand, bold=True)] if heading else []) + [Line(text, size, INK)]
                    text_shape(picture.shapes, MSO_SHAPE.ROUNDED_RECTANGLE, (x, y, card_w, h), CARD, lines,
                               name=heading or _("Card"), radius=10)
                y += h + ROW_GAP_PT
        return picture


ICON_PT = 44.0
ROW_GAP_PT = 8.0


def split_evenly(cards, width: float, height: float, size: int, make) -> Optional[list]:
    """`cards` shared over as few slides as hold them (`make(items)` builds one slide's cards), in
    order, so that the emptiest slide is as full as it can be; None if one item alone does not fit."""
    from itertools import combinations

    items = cards.pairs if isinstance(cards, MythCards) else cards.items
    if any(not make((item,)).fits(width, height, size) for item in items):
        return None
    for slides in range(1, len(items) + 1):
        best, best_low = None, -1.0
        for cuts in combinations(range(1, len(items)), slides - 1):
            bounds = (0,) + cuts + (len(items),)
            parts = [make(items[a:b]) for a, b in zip(bounds, bounds[1:])]
            if not all(p.fits(width, height, size) for p in parts):
                continue
            low = min(_used(p, width, size) for p in parts)
            if low > best_low:
                best, best_low = parts, low
        if best is not None:
            return best
    return None


def _used(part, width: float, size: int) -> float:
    """The height a slide's cards take, in points."""
    rows = part.rows(width, size)
    gap = GAP_PT if isinstance(part, MythCards) else ROW_GAP_PT
    return sum(rows) + gap * (len(rows) - 1)


@dataclass(frozen=True)
class SortBoxes:
    """Examples sorted into two labelled boxes, each under its picture (a present, a padlock)."""

    groups: Tuple[Tuple[str, str, Tuple[str, ...]], ...]  # (label, icon, items)

    @property
    def alt_text(self) -> str:
        return " ".join([_(w.SORT_ALT)] + [f"{label}: " + "; ".join(items) + "." for label, _unused, items in self.groups])

    def _layout(self, width: float, size: int):
        box_w = (width - GAP_PT * (len(self.groups) - 1)) / len(self.groups)
        inner = box_w - 2 * PAD_PT
        label_h = max(_height(_lines([(label, True)], size, inner), size) for label, _unused, _unused in self.groups)
        item_hs = [[_height(_lines([(i, False)], size, inner), size) + 2 for i in items] for _unused, _unused, items in self.groups]
        tallest = max(sum(h) + GAP_PT / 2 * len(h) for h in item_hs)
        return box_w, inner, label_h, item_hs, PAD_PT + SORT_ICON_PT + label_h + GAP_PT / 2 + tallest + PAD_PT

    def fits(self, width: float, height: float, size: int) -> bool:
        return self._layout(width, size)[4] <= height

    def draw(self, slide, box, brand: RGB, size: int):
        from .iconset import SECRET, SURPRISE

        left, top, width, height = box
        box_w, inner, label_h, item_hs, box_h = self._layout(width, size)
        box_h = height  # the boxes fill the slide: room to add examples in PowerPoint
        with group(slide, _(w.SORT_NAME), self.alt_text) as picture:
            for index, ((label, icon, items), heights) in enumerate(zip(self.groups, item_hs)):
                x = left + index * (box_w + GAP_PT)
                colour = FACT_INK if icon == "surprise" else (CAUTION_INK if icon == "secret" else brand)
                shape_box = text_shape(picture.shapes, MSO_SHAPE.ROUNDED_RECTANGLE, (x, top, box_w, box_h), WHITE,
                                       [Line(label, size, colour, bold=True)], align="centre", anchor="top",
                                       line=colour, name=label, radius=14)
                shape_box.text_frame.margin_top = _emu(PAD_PT + SORT_ICON_PT)
                png = icon_png({"surprise": SURPRISE, "secret": SECRET}.get(icon, ""))
                if png is not None:
                    placed = picture.shapes.add_picture(io.BytesIO(png), _emu(x + (box_w - SORT_ICON_PT) / 2),
                                                        _emu(top + PAD_PT), _emu(SORT_ICON_PT), _emu(SORT_ICON_PT))
                    placed.name = _("Icon: {label}", label=label)
                    decorative(placed)
                y = top + PAD_PT + SORT_ICON_PT + label_h + GAP_PT / 2
                for item, h in zip(items, heights):
                    text_shape(picture.shapes, MSO_SHAPE.ROUNDED_RECTANGLE, (x + PAD_PT, y, inner, h),
                               FACT_FILL if icon == "surprise" else (CAUTION_FILL if icon == "secret" else CARD),
                               [Line(item, size, INK)], align="centre", name=_("Example"), radius=8)
                    y += h + GAP_PT / 2
        return picture


SORT_ICON_PT = 64.0
