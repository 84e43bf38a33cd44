"""Text measurement with real font metrics, so slide text is known to fit before it is written.

The deck names Source Sans Pro (shipped with the `font-source-sans-pro` package, free in Google
Slides). A computer without it substitutes another font, on Linux usually DejaVu Sans, which is
about a fifth wider. Text is laid out for every font we can measure and the worst case wins, so it
fits whichever of them draws it (Arial and Calibri, the usual substitutes elsewhere, are narrower).
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Sequence, Tuple

import font_source_sans_pro
from PIL import ImageFont

DECK_FONT = "Source Sans Pro"
_UNITS = 1000  # measure at 1000 px per em, then scale to points

_SOURCE_SANS = os.path.join(font_source_sans_pro.font_directory, "SourceSansPro-{}.ttf")
_FALLBACK_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts")
_MIN_LINE_HEIGHT = 1.2  # PowerPoint's single spacing for most fonts, in em


@dataclass(frozen=True)
class Face:
    """One font file, measured at 1000 units per em."""

    path: str

    @property
    def font(self) -> ImageFont.FreeTypeFont:
        return _load(self.path)


@lru_cache(maxsize=None)
def _load(path: str) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, _UNITS)


def _fallback(name: str) -> List[str]:
    return [os.path.join(d, name) for d in _FALLBACK_DIRS if os.path.isfile(os.path.join(d, name))][:1]


@lru_cache(maxsize=None)
def faces(bold: bool) -> Tuple[Face, ...]:
    """The fonts text may be drawn in: Source Sans Pro, plus DejaVu Sans when this machine has it."""
    weight = "Bold" if bold else "Regular"
    paths = [_SOURCE_SANS.format(weight)] + _fallback(f"DejaVuSans{'-Bold' if bold else ''}.ttf")
    return tuple(Face(p) for p in paths)


@lru_cache(maxsize=None)
def line_height_em() -> float:
    """Height of one line at single spacing, in em: the tallest of the fonts (ascent + descent)."""
    tallest = max(sum(face.font.getmetrics()) / _UNITS for bold in (False, True) for face in faces(bold))
    return max(tallest, _MIN_LINE_HEIGHT)


class _Widths:
    """Word widths in em for one face, cached: the same words recur on every slide of every deck."""

    def __init__(self, face: Face):
        self.font = face.font
        self.cache: Dict[str, float] = {}
        self.space = self.font.getlength(" ") / _UNITS

    def word(self, word: str) -> float:
        width = self.cache.get(word)
        if width is None:
            width = self.cache[word] = self.font.getlength(word) / _UNITS
        return width


@lru_cache(maxsize=None)
def _widths(face: Face) -> _Widths:
    return _Widths(face)


Piece = Tuple[str, bool]  # (text, bold)


def _words(pieces: Sequence[Piece]) -> List[Tuple[str, bool, bool]]:
    """Split runs into (word, bold, space-before) triples; a run boundary inside a word joins up."""
    words: List[Tuple[str, bool, bool]] = []
    space_pending = False
    for text, bold in pieces:
        for i, part in enumerate(text.split(" ")):
            if i > 0:
                space_pending = True
            if part:
                words.append((part, bold, space_pending and bool(words)))
                space_pending = False
    return words


def _count_lines(words: List[Tuple[str, bool, bool]], width_em: float, bold_index: int) -> int:
    """Greedy wrapping at spaces, as PowerPoint and LibreOffice do; over-long words break anywhere."""
    regular, bold = _widths(faces(False)[bold_index]), _widths(faces(True)[bold_index])
    lines, used = 1, 0.0
    for word, is_bold, spaced in words:
        widths = bold if is_bold else regular
        w = widths.word(word)
        gap = widths.space if spaced and used > 0 else 0.0
        if used + gap + w <= width_em:
            used += gap + w
            continue
        if used > 0 and w <= width_em:
            lines, used = lines + 1, w
            continue
        # A word longer than the line (a web address, say) is broken across lines.
        if used > 0:
            lines, used = lines + 1, 0.0
        extra = max(0, math.ceil(w / width_em) - 1)
        lines += extra
        used = w - extra * width_em
    return lines


def count_lines(pieces: Sequence[Piece], size_pt: float, width_pt: float) -> int:
    """Lines a paragraph takes at `size_pt` in a column `width_pt` wide, in the widest font."""
    words = _words(pieces)
    if not words:
        return 1
    width_em = width_pt / size_pt
    return max(_count_lines(words, width_em, i) for i in range(min(len(faces(False)), len(faces(True)))))


def font_path(bold: bool = False) -> str:
    """Source Sans Pro, for drawing text into pictures (QR code captions)."""
    return faces(bold)[0].path
