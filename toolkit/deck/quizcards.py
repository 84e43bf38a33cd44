"""Quiz slides as a class sees them on the board: the question, then each option as a tile with
its letter in a circle (the letters of the quiz paper, the live quiz and the answer key). On the
answer slide each tile says whether it is right, with its feedback, and the point to remember sits
in a box under them; right answers are marked by a border and the word, never by colour alone.

Planned at the deck's body size from real font metrics; `fits` is False when the tiles do not fit
one slide, and the slide is then the plain list it replaces (so nothing is ever cut)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Tuple

from pptx.enum.shapes import MSO_SHAPE

from ..colours import INK, RGB, WHITE
from ..wording import _
from .cards import CARD, CAUTION_FILL, CAUTION_INK, FACT_FILL, FACT_INK, GAP_PT, MYTH_INK, _height, _lines, _style
from .shapes import PAD_PT, Line, group, text_shape

BADGE_EM = 1.7  # the letter's circle, in ems of the body size
TILE_MAX_EM = 3.6  # a question's tiles grow to fill the slide up to this height, in ems
WRONG_INK: RGB = MYTH_INK  # a wrong answer's verdict: the quiet grey of a myth
REMEMBER_FILL, REMEMBER_INK = CAUTION_FILL, CAUTION_INK  # the point to remember: the cautions' amber box


@dataclass(frozen=True)
class Tile:
    badge: str  # the option's letter (or, for the right order, its place)
    text: str
    verdict: str = ""  # on the answer slide: "Correct" or "Not correct"
    right: Optional[bool] = None
    feedback: str = ""


@dataclass(frozen=True)
class QuizCards:
    """A question (`how`: how to answer it) and its options as tiles; `remember` on the answer."""

    question: str
    how: str
    tiles: Tuple[Tile, ...]
    remember: Tuple[str, str] = ("", "")  # (label, teaching point) under the tiles of an answer slide
    name: str = ""

    @property
    def alt_text(self) -> str:
        parts = [self.question, self.how]
        for tile in self.tiles:
            verdict = f" ({tile.verdict})" if tile.verdict else ""
            feedback = f" {tile.feedback}" if tile.feedback else ""
            parts.append(f"{tile.badge}. {tile.text}{verdict}.{feedback}")
        if self.remember[1]:
            parts.append(f"{self.remember[0]} {self.remember[1]}")
        return " ".join(p.strip() for p in parts if p.strip())

    def _head(self, width: float, size: int) -> float:
        lines = _lines([(self.question, True)], size, width + 2 * PAD_PT)
        if self.how:
            lines += _lines([(self.how, False)], size, width + 2 * PAD_PT)
        return lines * _line(size)

    def _tile_lines(self, tile: Tile, size: int, inner: float) -> int:
        first = [(tile.text, True)] + ([(f" ({tile.verdict})", False)] if tile.verdict else [])
        lines = _lines(first, size, inner)
        if tile.feedback:
            lines += _lines([(tile.feedback, False)], size, inner)
        return lines

    def _remember_h(self, width: float, size: int) -> float:
        if not self.remember[1]:
            return 0.0
        lines = _lines([(self.remember[0], True), (" " + self.remember[1], False)], size, width)
        return _height(lines, size) + PAD_PT

    def _columns(self) -> List[int]:
        count = len(self.tiles)
        if any(t.feedback for t in self.tiles):
            return [2, 1] if count in (2, 4) else ([1, 3] if count == 3 else [1])
        return [count, 1] if count <= 3 else [2, 1]

    def layout(self, width: float, height: float, size: int):
        """(columns, tile width, row heights, head height, remember height), or None when it does not fit."""
        head = self._head(width, size)
        remember = self._remember_h(width, size)
        badge = BADGE_EM * size
        for columns in self._columns():
            tile_w = (width - GAP_PT * (columns - 1)) / columns
            inner = tile_w - badge - 3 * PAD_PT
            if inner < 4 * size:
                continue
            rows = []
            for start in range(0, len(self.tiles), columns):
                row = self.tiles[start:start + columns]
                lines = max(self._tile_lines(t, size, inner) for t in row)
                rows.append(max(_height(lines, size) + PAD_PT, badge + 2 * PAD_PT))
            used = head + GAP_PT + sum(rows) + GAP_PT * (len(rows) - 1) + (GAP_PT + remember if remember else 0)
            if used <= height:
                if not any(t.feedback or t.verdict for t in self.tiles):  # a question's tiles: large, to point at
                    room = (height - (used - sum(rows))) / len(rows)
                    rows = [max(r, min(room, TILE_MAX_EM * size)) for r in rows]
                return columns, tile_w, rows, head, remember
        return None

    def fits(self, width: float, height: float, size: int) -> bool:
        return self.layout(width, height, size) is not None

    def draw(self, slide, box, brand: RGB, size: int):
        left, top, width, height = box
        columns, tile_w, rows, head, remember = self.layout(width, height, size)
        badge = BADGE_EM * size
        with group(slide, self.name, self.alt_text) as picture:
            lines = [Line(self.question, size, INK, bold=True)] + ([Line(self.how, size, INK)] if self.how else [])
            text_shape(picture.shapes, MSO_SHAPE.RECTANGLE, (left, top, width, head + PAD_PT), None, lines,
                       anchor="top", name=_("Question"), pad_pt=0)
            y = top + head + GAP_PT
            for row_index, row_h in enumerate(rows):
                for column, tile in enumerate(self.tiles[row_index * columns:(row_index + 1) * columns]):
                    x = left + column * (tile_w + GAP_PT)
                    fill, edge, ink = CARD, None, INK
                    if tile.right is True:
                        fill, edge, ink = FACT_FILL, FACT_INK, FACT_INK
                    elif tile.right is False:
                        ink = WRONG_INK
                    card = text_shape(picture.shapes, MSO_SHAPE.ROUNDED_RECTANGLE, (x, y, tile_w, row_h), fill,
                                      [Line(tile.text, size, INK, bold=True)]
                                      + ([Line(tile.feedback, size, INK)] if tile.feedback else []),
                                      anchor="middle", line=edge, name=_("Option {letter}", letter=tile.badge), radius=12)
                    card.text_frame.margin_left = int((badge + 2 * PAD_PT) * 12700)
                    if tile.verdict:
                        _style(card.text_frame.paragraphs[0].add_run(), f" ({tile.verdict})", size, ink)
                    text_shape(picture.shapes, MSO_SHAPE.OVAL, (x + PAD_PT, y + (row_h - badge) / 2, badge, badge),
                               FACT_INK if tile.right is True else brand, [Line(tile.badge, size, WHITE, bold=True)],
                               align="centre", name=_("Letter {letter}", letter=tile.badge), pad_pt=0)
                y += row_h + GAP_PT
            if remember:
                box = text_shape(picture.shapes, MSO_SHAPE.ROUNDED_RECTANGLE, (left, y, width, remember), REMEMBER_FILL,
                                 [Line(self.remember[0], size, REMEMBER_INK, bold=True)], line=REMEMBER_INK,
                                 name=_("Remember"), radius=10)
                _style(box.text_frame.paragraphs[0].add_run(), " " + self.remember[1], size, INK)
        return picture


def _line(size: int) -> float:
    from .metrics import line_height_em

    return line_height_em() * size

