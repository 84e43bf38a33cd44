"""Fit text into a placeholder: the largest allowed size that fits, else continuation slides.

Text never shrinks below the audience's minimum size: a list too long for one slide carries on
onto further slides titled "... (continued)". Heights come from real font metrics (`metrics`).
A slide may hold two columns (who can help): the text then flows down one column and on into the
next.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import List, Sequence, Tuple

from ..errors import LessonkitError
from .content import Block, Column, Page, Para, Run, SlideSpec
from .metrics import count_lines, line_height_em
from ..wording import _

# Paragraph layout, in em of the body size; the writer sets exactly these on every paragraph.
BULLET_HANG_EM = 0.9  # room for the bullet before the text
LEVEL_INDENT_EM = 1.0  # extra indent for a detail under a point
SPACE_BEFORE_EM = {0: 0.25, 1: 0.1}
# One body size per deck, the audience's own (`min_body_pt`): text never changes size from slide to
# slide; a list that does not fit is planned onto more slides or columns instead.
OVER_MINIMUM_PT = (0,)
# A small margin for renderers that kern or round line positions differently.
WIDTH_SAFETY = 0.98
HEIGHT_SAFETY = 0.99
# The last line's descenders may be drawn up to 0.1 em below its line: inside the placeholder's
# inset for body text, but titles are large enough to need the room inside the text area.
TITLE_OVERHANG_EM = 0.1


@dataclass(frozen=True)
class Box:
    """The text area of a placeholder, inside its insets, in points."""

    width_pt: float
    height_pt: float
    qr_capacity: int = 0  # how many QR codes fit beside it
    columns: int = 1  # how many boxes like this one a slide has side by side


def body_sizes(min_body_pt: int) -> Tuple[int, ...]:
    """The sizes body text is tried at, largest first, never below the audience's minimum."""
    return tuple(min_body_pt + extra for extra in OVER_MINIMUM_PT)


def left_margin_em(para: Para) -> float:
    return para.level * LEVEL_INDENT_EM + (BULLET_HANG_EM if para.bullet or para.continues else 0.0)


def space_before_pt(para: Para, size_pt: float, first: bool) -> float:
    return 0.0 if first else SPACE_BEFORE_EM[min(para.level, 1)] * size_pt


@lru_cache(maxsize=8192)
def _lines(para: Para, size_pt: float, width_pt: float) -> int:
    # Cached: pagination asks about the same paragraph at several sizes and limits.
    column = width_pt * WIDTH_SAFETY - left_margin_em(para) * size_pt
    return count_lines([(r.text, r.bold) for r in para.runs], size_pt, column)


def para_height(para: Para, size_pt: float, width_pt: float, first: bool) -> float:
    lines = _lines(para, size_pt, width_pt)
    return space_before_pt(para, size_pt, first) + lines * line_height_em() * size_pt


def height(paras: Sequence[Para], size_pt: float, width_pt: float) -> float:
    return sum(para_height(p, size_pt, width_pt, i == 0) for i, p in enumerate(paras))


def fits(paras: Sequence[Para], size_pt: float, box: Box) -> bool:
    return height(paras, size_pt, box.width_pt) <= box.height_pt * HEIGHT_SAFETY


HALF_FULL = 0.52  # a continuation slide is at least half full (a little over, as readers measure a little differently)


def page_fill(page: Page, box: Box) -> float:
    """How much of a slide's text area its text takes up (0 to 1), over all its columns."""
    used = sum(height(column.paras, page.size_pt, box.width_pt) for column in page.columns)
    return used / (box.height_pt * box.columns)


def continued_title(title: str, page: int) -> str:
    if page == 1:
        return title
    return _("{title} (continued)", title=title) if page == 2 else _("{title} (continued, part {page})", title=title, page=page)


def _split_para(para: Para, size_pt: float, box: Box) -> List[Para]:
    """A paragraph too long for a whole slide, cut at word boundaries into pieces that fit."""
    words = [(w, r) for r in para.runs for w in r.text.split(" ") if w]
    pieces: List[Para] = []
    start = 0
    while start < len(words):
        end = start + 1
        while end < len(words) and fits([_piece(words[start:end + 1], para, start == 0)], size_pt, box):
            end += 1
        pieces.append(_piece(words[start:end], para, start == 0))
        start = end
    return pieces


def _piece(words, para: Para, first: bool) -> Para:
    runs: List[Run] = []
    for word, run in words:
        if runs and runs[-1].bold == run.bold and runs[-1].link == run.link:
            runs[-1] = Run(runs[-1].text + " " + word, run.bold, run.link)
        else:
            runs.append(Run(word if not runs else " " + word, run.bold, run.link))
    # Later pieces line up with the text of the first, without a second bullet.
    if first:
        return Para(tuple(runs), para.level, para.bullet, para.continues)
    return Para(tuple(runs), para.level, False, para.bullet or para.continues)


def _units(blocks: Sequence[Block], size_pt: float, box: Box) -> List[Block]:
    """Blocks small enough to fit a slide each: oversized blocks split by paragraph, then by words."""
    units: List[Block] = []
    for block in blocks:
        if fits(block.paras, size_pt, box):
            units.append(block)
            continue
        pieces: List[Block] = []
        for index, p in enumerate(block.paras):
            parts = [p] if fits([p], size_pt, box) else _split_para(p, size_pt, box)
            qr = block.qr if index == block.qr_para else None
            pieces += [Block((part,), qr if n == 0 else None) for n, part in enumerate(parts)]
        # A block's first line (a name, a heading) never ends a column alone: it goes with the next.
        if len(block.paras) > 1 and len(pieces) > 1 and fits(pieces[0].paras + pieces[1].paras, size_pt, box):
            first, second = pieces[0], pieces[1]
            pieces[:2] = [Block(first.paras + second.paras, first.qr or second.qr, 0 if first.qr else 1)]
        units += pieces
    return units


def _unit_height(unit: Block, size_pt: float, box: Box) -> Tuple[float, float]:
    """(height after other text, height at the top of a slide) of a unit."""
    after = height_after(unit.paras, size_pt, box.width_pt)
    return after, after - space_before_pt(unit.paras[0], size_pt, first=False)


def height_after(paras: Sequence[Para], size_pt: float, width_pt: float) -> float:
    return sum(para_height(p, size_pt, width_pt, first=False) for p in paras)


def _pack(units: Sequence[Block], heights, limit: float, qr_capacity: int) -> List[List[Block]]:
    """Greedy: fill each column up to `limit` points (and its QR codes up to capacity)."""
    columns: List[List[Block]] = [[]]
    used, codes = 0.0, 0
    for unit, (after, top) in zip(units, heights):
        room_for_qr = unit.qr is None or codes < qr_capacity
        if columns[-1] and (used + after > limit or not room_for_qr):
            columns.append([])
            used, codes = 0.0, 0
        used += top if not columns[-1] else after
        codes += 1 if unit.qr else 0
        columns[-1].append(unit)
    return columns


def paginate(spec: SlideSpec, box: Box, sizes: Sequence[int]) -> List[Page]:
    """The slides `spec` needs: one at the largest size that fits, else several at the smallest,
    with the text shared evenly between them (and between the columns of each)."""
    limit = box.height_pt * HEIGHT_SAFETY
    for size in sizes:
        units = _units(spec.blocks, size, box)
        heights = [_unit_height(u, size, box) for u in units]
        if len(_pack(units, heights, limit, box.qr_capacity)) <= box.columns:
            break
    slides = _slides(len(_pack(units, heights, limit, box.qr_capacity)), box.columns)
    # The same number of slides, filled evenly: the smallest limit that still needs no more slides.
    low, high = max((top for _unused, top in heights), default=0.0), limit
    while high - low > 1.0:
        middle = (low + high) / 2
        if _slides(len(_pack(units, heights, middle, box.qr_capacity)), box.columns) <= slides:
            high = middle
        else:
            low = middle
    columns = [_column(c, size, box) for c in _pack(units, heights, high, box.qr_capacity)]
    return [Page(continued_title(spec.title, n // box.columns + 1), tuple(columns[n:n + box.columns]), size)
            for n in range(0, len(columns), box.columns)]


def _slides(columns: int, per_slide: int) -> int:
    return math.ceil(columns / per_slide)


def _column(units: Sequence[Block], size: int, box: Box) -> Column:
    paras: List[Para] = []
    codes, tops = [], []
    used = 0.0
    for unit in units:
        at_top = not paras
        heights = [para_height(p, size, box.width_pt, at_top and i == 0) for i, p in enumerate(unit.paras)]
        if unit.qr:
            codes.append(unit.qr)
            beside = unit.paras[unit.qr_para]
            tops.append(used + sum(heights[:unit.qr_para])
                        + space_before_pt(beside, size, first=at_top and unit.qr_para == 0))
        used += sum(heights)
        paras.extend(unit.paras)
    return Column(tuple(paras), tuple(codes), tuple(tops))


def title_size(title: str, box: Box, sizes: Sequence[int], lesson_id: str = "") -> int:
    """The largest title size at which `title` fits its placeholder."""
    for size in sizes:
        room = Box(box.width_pt, box.height_pt - TITLE_OVERHANG_EM * size / HEIGHT_SAFETY)
        if fits([Para((Run(title, True),), bullet=False)], size, room):
            return size
    where = _(" in lesson '{lesson}'", lesson=lesson_id) if lesson_id else ""
    raise LessonkitError(
        _("the slide title \"{title}\"{where} is too long to fit on a slide at {size} pt. "
          "Shorten it in the lesson file.", title=title, where=where, size=sizes[-1])
    )
