"""Source Sans Pro (SIL Open Font Licence), embedded in every PDF we write.

reportlab falls back to an unembedded Helvetica in paragraph styles, table cells, canvas text and
graphics unless told otherwise, so every one of those takes its font name from here."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import FrozenSet

import font_source_sans_pro
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FAMILY = "SourceSansPro"
REGULAR = "SourceSansPro"
BOLD = "SourceSansPro-Bold"
ITALIC = "SourceSansPro-Italic"
BOLD_ITALIC = "SourceSansPro-BoldItalic"

_FILES = {REGULAR: "Regular", BOLD: "Bold", ITALIC: "It", BOLD_ITALIC: "BoldIt"}


def font_folder() -> Path:
    return Path(font_source_sans_pro.__file__).resolve().parent / "files"


@functools.lru_cache(maxsize=None)
def register_fonts() -> str:
    """Register the four faces once per process; returns the regular face's name."""
    folder = font_folder()
    for name, face in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / f"SourceSansPro-{face}.ttf")))
    pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    return REGULAR


@functools.lru_cache(maxsize=None)
def _covered() -> FrozenSet[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(REGULAR).face.charToGlyph)


def missing_characters(text: str) -> str:
    """Characters the font cannot draw (emoji, for instance), in order of first appearance."""
    covered = _covered()
    seen = []
    for char in text:
        if not char.isspace() and ord(char) not in covered and char not in seen:
            seen.append(char)
    return "".join(seen)
