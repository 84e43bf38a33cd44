"""Text measurement with real font metrics, so slide text is known to fit before it is written.

The deck is set in Arial: PowerPoint, Google Slides and Keynote all have it, and LibreOffice draws
it in Liberation Sans, which has the same widths. Text is measured in Liberation Sans (or Arial
itself) when this computer has it. Without either, it is measured in DejaVu Sans, which is wider,
so the text still fits; as a last resort in Source Sans Pro (always installed with lessonkit),
widened by a safe margin.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Optional, Sequence, Tuple

import font_source_sans_pro
from PIL import ImageFont

DECK_FONT = "Arial"
_UNITS = 1000  # measure at 1000 px per em, then scale to points

# Where each font is found without asking fontconfig: Debian/Ubuntu, Fedora, Windows, macOS.
_KNOWN_FILES = {
    "Liberation Sans": ("/usr/share/fonts/truetype/liberation2/LiberationSans-{weight}.ttf",
                        "/usr/share/fonts/truetype/liberation/LiberationSans-{weight}.ttf",
                        "/usr/share/fonts/liberation-sans/LiberationSans-{weight}.ttf",
                        "/usr/share/fonts/liberation/LiberationSans-{weight}.ttf"),
    "Arial": ("C:/Windows/Fonts/{arial}.ttf", "/Library/Fonts/Arial{space}.ttf",
              "/System/Library/Fonts/Supplemental/Arial{space}.ttf"),
    "DejaVu Sans": ("/usr/share/fonts/truetype/dejavu/DejaVuSans{dash}.ttf",
                    "/usr/share/fonts/dejavu/DejaVuSans{dash}.ttf"),
}
_SOURCE_SANS = os.path.join(font_source_sans_pro.font_directory, "SourceSansPro-{}.ttf")
# Source Sans Pro is narrower than Arial; DejaVu Sans Bold, the widest substitute, is at most 30% wider.
_LAST_RESORT_SCALE = 1.3
# LibreOffice draws single spacing at 1.2 em whatever the font (measured from its PDFs); PowerPoint
# uses the font's own line height, 1.15 em for Arial. The taller wins.
_SINGLE_SPACING_EM = 1.2


@dataclass(frozen=True)
class Face:
    """One font file, measured at 1000 units per em; `scale` widens a stand-in font."""

    family: str
    path: str
    scale: float = 1.0

    @property
    def font(self) -> ImageFont.FreeTypeFont:
        return _load(self.path)


@lru_cache(maxsize=None)
def _load(path: str) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, _UNITS)


def _known_file(family: str, bold: bool) -> Optional[str]:
    names = {"weight": "Bold" if bold else "Regular", "arial": "arialbd" if bold else "arial",
             "space": " Bold" if bold else "", "dash": "-Bold" if bold else ""}
    return next((p for p in (t.format(**names) for t in _KNOWN_FILES[family]) if os.path.isfile(p)), None)


def _fontconfig_file(family: str, bold: bool) -> Optional[str]:
    """The file fontconfig has for exactly this family and weight (never a substitute)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    style = "Bold" if bold else "Regular"
    try:
        found = subprocess.run([fc_list, f"{family}:style={style}", "file"], capture_output=True, text=True,
                               timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = [line.strip().rstrip(":") for line in found.splitlines() if line.strip().endswith((".ttf:", ".otf:"))]
    # The plain face before condensed or narrow ones of the same family: the shortest name.
    return min(files, key=lambda f: (len(os.path.basename(f)), f)) if files else None


@lru_cache(maxsize=None)
def face(bold: bool) -> Face:
    """The font text is measured in: Arial's widths when this computer has them, else wider ones."""
    for family in ("Liberation Sans", "Arial", "DejaVu Sans"):
        path = _known_file(family, bold) or _fontconfig_file(family, bold)
        if path:
            return Face(family, path)
    return Face("Source Sans Pro", _SOURCE_SANS.format("Bold" if bold else "Regular"), _LAST_RESORT_SCALE)


def measuring_family() -> str:
    """The family text is measured in, for messages and the benchmark."""
    return face(False).family


@lru_cache(maxsize=None)
def line_height_em() -> float:
    """Height of one line at single spacing, in em."""
    own = max(face(bold).font.font.height / _UNITS for bold in (False, True))
    return max(own, _SINGLE_SPACING_EM)


class _Widths:
    """Word widths in em for one face, cached: the same words recur on every slide of every deck."""

    def __init__(self, measured: Face):
        self.font = measured.font
        self.scale = measured.scale
        self.cache: Dict[str, float] = {}
        self.space = self.font.getlength(" ") / _UNITS * self.scale

    def word(self, word: str) -> float:
        width = self.cache.get(word)
        if width is None:
            width = self.cache[word] = self.font.getlength(word) / _UNITS * self.scale
        return width


@lru_cache(maxsize=None)
def _widths(bold: bool) -> _Widths:
    return _Widths(face(bold))


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


def width_em(text: str, bold: bool = False) -> float:
    """How wide `text` is on one line, in em (as `count_lines` measures it)."""
    widths = _widths(bold)
    words = [w for w in text.split(" ")]
    return sum(widths.word(w) for w in words if w) + widths.space * (len(words) - 1)


def count_lines(pieces: Sequence[Piece], size_pt: float, width_pt: float) -> int:
    """Lines a paragraph takes at `size_pt` in a column `width_pt` wide: greedy wrapping at spaces,
    as PowerPoint and LibreOffice do; a word longer than the line breaks anywhere."""
    # The same texts are measured again and again (each help card in every layout a slide could
    # take, each quiz option for every tile width), so each count is kept: keyed on the faces'
    # widths too, so measuring in another font (after `_widths.cache_clear()`) counts afresh.
    return _counted(tuple(pieces), size_pt, width_pt, _widths(False), _widths(True))


@lru_cache(maxsize=1 << 16)
def _counted(pieces: Tuple[Piece, ...], size_pt: float, width_pt: float, regular: _Widths, bold: _Widths) -> int:
    words = _words(pieces)
    if not words:
        return 1
    width_em = width_pt / size_pt
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
