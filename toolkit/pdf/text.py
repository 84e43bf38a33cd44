"""Lesson text made safe for reportlab's paragraph markup."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import List
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth

from . import fonts


def printable(text: str) -> str:
    """Characters the font lacks (emoji, mostly) become their Unicode name in brackets, so the
    meaning survives on paper instead of an empty box."""
    missing = fonts.missing_characters(text)
    for char in missing:
        if unicodedata.category(char) == "Cf":  # joiners and variation selectors inside emoji
            text = text.replace(char, "")
            continue
        try:
            name = unicodedata.name(char).lower()
        except ValueError:
            name = f"character U+{ord(char):04X}"
        text = text.replace(char, f"[{name}]")
    return text


@functools.lru_cache(maxsize=8192)  # a handout's texts are set many times: for each version, width and size
def markup(text: str) -> str:
    """Escape `&`, `<` and `>` so a lesson's text is shown as written, never read as markup."""
    return escape(printable(text))


def web_address(url: str) -> str:
    """A web address as people type it: no scheme, no trailing slash."""
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix):]
    return url.rstrip("/")


_ADDRESS = re.compile(r"(?:https?://|www\.)\S+")


def address_pieces(address: str, font: str, size: float, room: float) -> List[str]:
    """A web address in lines that fit `room`, broken after a '/' (or, for a part too long for a
    line, after a '.' too, and only for a part still too long, after the '+', '-' or '_' between
    its words): never inside a word, as our styles never split one."""
    for breaks in (r"(?<=/)", r"(?<=[/.])", r"(?<=[/.+_-])"):
        pieces = re.split(breaks, address)
        if all(stringWidth(piece, font, size) <= room for piece in pieces):
            break
    lines: List[str] = []
    line = ""
    for piece in pieces:
        if line and stringWidth(line + piece, font, size) > room:
            lines.append(line)
            line = ""
        line += piece
    return lines + [line]


def markup_breaking_addresses(text: str, font: str, size: float, room: float) -> str:
    """`markup(text)`, with every web address too long for a line of `room` broken into lines at
    its '/' and '.' boundaries."""
    out, last = [], 0
    for found in _ADDRESS.finditer(text):
        address = found.group(0)
        if stringWidth(address, font, size) <= room:
            continue
        out.append(markup(text[last:found.start()]))
        out.append("<br/>".join(markup(line) for line in address_pieces(address, font, size, room)))
        last = found.end()
    return "".join(out) + markup(text[last:])
