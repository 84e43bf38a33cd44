"""Fit text into a placeholder: the largest allowed size that fits, else continuation slides.

Text never shrinks below the audience's minimum size: a list too long for one slide carries on
onto further slides titled "... (continued)". Heights come from real font metrics (`metrics`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import List, Sequence, Tuple

from ..errors import LessonkitError
from .content import Block, Page, Para, Run, SlideSpec
from .metrics import count_lines, line_height_em

# Paragraph layout, in em of the body size; the writer sets exactly these on every paragraph.
BULLET_HANG_EM = 0.9  # room for the bullet before the text
LEVEL_INDENT_EM = 1.0  # extra indent for a detail under a point
SPACE_BEFORE_EM = {0: 0.45, 1: 0.12}
# Renderers differ slightly in how they round line heights and kerning: keep a margin.
WIDTH_SAFETY = 0.96
HEIGHT_SAFETY = 0.98


@dataclass(frozen=True)
class Box:
    """The text area of a placeholder, inside its insets, in points."""

    width_pt: float
    height_pt: float
    qr_capacity: int = 0  # how many QR codes fit beside it


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


def continued_title(title: str, page: int) -> str:
    if page == 1:
        return title
    return f"{title} (continued)" if page == 2 else f"{title} (continued, part {page})"


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
        first = True
        for p in block.paras:
            pieces = [p] if fits([p], size_pt, box) else _split_para(p, size_pt, box)
            for piece in pieces:
                units.append(Block((piece,), block.qr if first else None))
                first = False
    return units


def _unit_height(unit: Block, size_pt: float, box: Box) -> Tuple[float, float]:
    """(height after other text, height at the top of a slide) of a unit."""
    after = height_after(unit.paras, size_pt, box.width_pt)
    return after, after - space_before_pt(unit.paras[0], size_pt, first=False)


def height_after(paras: Sequence[Para], size_pt: float, width_pt: float) -> float:
    return sum(para_height(p, size_pt, width_pt, first=False) for p in paras)


def _pack(units: Sequence[Block], heights, limit: float, qr_capacity: int) -> List[List[Block]]:
    """Greedy: fill each slide up to `limit` points (and its QR codes up to capacity)."""
    pages: List[List[Block]] = [[]]
    used, codes = 0.0, 0
    for unit, (after, top) in zip(units, heights):
        room_for_qr = unit.qr is None or codes < qr_capacity
        if pages[-1] and (used + after > limit or not room_for_qr):
            pages.append([])
            used, codes = 0.0, 0
        used += top if not pages[-1] else after
        codes += 1 if unit.qr else 0
        pages[-1].append(unit)
    return pages


def paginate(spec: SlideSpec, box: Box, sizes: Sequence[int]) -> List[Page]:
    """The slides `spec` needs: one at the largest size that fits, else several at the smallest,
    with the text shared evenly between them."""
    every = tuple(p for b in spec.blocks for p in b.paras)
    codes = tuple(b.qr for b in spec.blocks if b.qr)
    for size in sizes:
        if fits(every, size, box) and len(codes) <= box.qr_capacity:
            return [_page(spec, 1, spec.blocks, size, box)]
    size = sizes[-1]
    units = _units(spec.blocks, size, box)
    heights = [_unit_height(u, size, box) for u in units]
    limit = box.height_pt * HEIGHT_SAFETY
    pages = _pack(units, heights, limit, box.qr_capacity)
    # The same number of slides, filled evenly: the smallest limit that still needs no more slides.
    low, high = max(top for _, top in heights), limit
    while high - low > 1.0:
        middle = (low + high) / 2
        if len(_pack(units, heights, middle, box.qr_capacity)) <= len(pages):
            high = middle
        else:
            low = middle
    return [_page(spec, n, page, size, box) for n, page in enumerate(_pack(units, heights, high, box.qr_capacity), start=1)]


def _page(spec: SlideSpec, number: int, units: Sequence[Block], size: int, box: Box) -> Page:
    paras, codes, tops = [], [], []
    used = 0.0
    for unit in units:
        start = used + (space_before_pt(unit.paras[0], size, first=False) if paras else 0.0)
        if unit.qr:
            codes.append(unit.qr)
            tops.append(start)
        used += height_after(unit.paras, size, box.width_pt) if paras else _unit_height(unit, size, box)[1]
        paras.extend(unit.paras)
    return Page(continued_title(spec.title, number), tuple(paras), size, tuple(codes), tuple(tops))


def title_size(title: str, box: Box, sizes: Sequence[int], lesson_id: str = "") -> int:
    """The largest title size at which `title` fits its placeholder."""
    for size in sizes:
        if fits([Para((Run(title, True),), bullet=False)], size, box):
            return size
    where = f" in lesson '{lesson_id}'" if lesson_id else ""
    raise LessonkitError(
        f"the slide title \"{title}\"{where} is too long to fit on a slide at {sizes[-1]} pt. "
        "Shorten it in the lesson file."
    )
