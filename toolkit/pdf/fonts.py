"""Source Sans Pro (SIL Open Font Licence), embedded in every PDF we write.

reportlab falls back to an unembedded Helvetica in paragraph styles, table cells, canvas text and
graphics unless told otherwise, so every one of those takes its font name from here."""

from __future__ import annotations

import contextlib
import functools
import threading
from pathlib import Path
from typing import Dict, FrozenSet, Iterator, Optional

import font_source_sans_pro
from reportlab.lib import rl_accel
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from . import subsets

FAMILY = "SourceSansPro"
REGULAR = "SourceSansPro"
BOLD = "SourceSansPro-Bold"
ITALIC = "SourceSansPro-Italic"
BOLD_ITALIC = "SourceSansPro-BoldItalic"

_FILES = {REGULAR: "Regular", BOLD: "Bold", ITALIC: "It", BOLD_ITALIC: "BoldIt"}


def font_folder() -> Path:
    return Path(font_source_sans_pro.__file__).resolve().parent / "files"


class _Face(TTFont):
    """A TrueType face that answers two questions reportlab asks over and over without working them
    out again: the width of a space at each size (asked for every word of a paragraph that mixes
    faces, a bold label say), and the ascent and descent (asked for every line; reportlab looks on
    the font first and, for a TrueType font, only finds them on its face after an exception).
    Every PDF's subset of it holds the same characters, so it is written once a build (`subsets`).
    While a handout is made (`remembered_widths`), it also remembers each word's width."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, asciiReadable=True, **kwargs)
        self.state = subsets.States(self)
        self._written = subsets.Written(self.face)
        self._space: Dict[float, float] = {}
        self._units: Optional[Dict[str, float]] = None  # while a handout is made: its words' widths
        self.ascent, self.descent = self.face.ascent, self.face.descent

    def addObjects(self, doc):
        self._written.add_objects(self, doc)

    def stringWidth(self, text, size, encoding="utf8"):
        units = self._units
        if units is not None and isinstance(text, str):
            found = units.get(text)
            if found is None:  # reportlab's own sum of the glyphs' widths (`instanceStringWidthTTF`)
                widths, missing = self.face.charWidths.get, self.face.defaultWidth
                found = units[text] = sum(widths(ord(char), missing) for char in text)
            return 0.001 * size * found  # in reportlab's order: the same value to the last bit
        if text != " ":
            return super().stringWidth(text, size, encoding)
        if size not in self._space:
            self._space[size] = super().stringWidth(text, size, encoding)
        return self._space[size]


# Words' widths are remembered as reportlab's pure-Python width works them out; with its C
# accelerator installed (summing in C), they are not remembered, so every width stays reportlab's.
_SAME_SUM = getattr(rl_accel.instanceStringWidthTTF, "__name__", "") == "_py_instanceStringWidthTTF"
_making = [0]  # how many handouts are being made (the studio may build in more than one thread)
_lock = threading.Lock()


@contextlib.contextmanager
def remembered_widths() -> Iterator[None]:
    """While a handout is made, each face remembers the width of every word it is asked about:
    reportlab works a word's width out afresh each time a paragraph breaks into lines, and a
    handout's words are measured again and again (for each version and column width while the
    version is chosen, at each size a pocket card tries, and words repeated within a handout).
    Widths are kept in font units, so one sum serves every size; the same value as reportlab's to
    the last bit, so nothing printed changes. Forgotten once no handout is being made."""
    register_fonts()
    faces = [pdfmetrics.getFont(name) for name in _FILES] if _SAME_SUM else []
    with _lock:
        _making[0] += 1
        for face in faces:
            if face._units is None:
                face._units = {}
    try:
        yield
    finally:
        with _lock:
            _making[0] -= 1
            if not _making[0]:
                for face in faces:
                    face._units = None


@functools.lru_cache(maxsize=None)
def register_fonts() -> str:
    """Register the four faces once per process; returns the regular face's name."""
    folder = font_folder()
    for name, face in _FILES.items():
        pdfmetrics.registerFont(_Face(name, str(folder / f"SourceSansPro-{face}.ttf")))
    pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    return REGULAR


@functools.lru_cache(maxsize=None)
def _covered() -> FrozenSet[str]:
    register_fonts()
    return frozenset(map(chr, pdfmetrics.getFont(REGULAR).face.charToGlyph))


def missing_characters(text: str) -> str:
    """Characters the font cannot draw (emoji, for instance), in order of first appearance."""
    missing = set(text).difference(_covered())  # almost always empty: then no need to look further
    if not missing:
        return ""
    seen = []
    for char in text:
        if char in missing and not char.isspace() and char not in seen:
            seen.append(char)
    return "".join(seen)
