"""Lesson text made safe for reportlab's paragraph markup."""

from __future__ import annotations

import unicodedata
from xml.sax.saxutils import escape

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


def markup(text: str) -> str:
    """Escape `&`, `<` and `>` so a lesson's text is shown as written, never read as markup."""
    return escape(printable(text))


def web_address(url: str) -> str:
    """A web address as people type it: no scheme, no trailing slash."""
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix):]
    return url.rstrip("/")
