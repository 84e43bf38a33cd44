"""Text as every quiz platform can hold it: no characters XML forbids, HTML escaped once."""

from __future__ import annotations

import html
import re

# XML 1.0 allows tab, newline, carriage return and everything from U+0020 except surrogates
# and U+FFFE/U+FFFF; a lesson's YAML can still carry others through "\x07"-style escapes.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    """The text with characters no XML file can hold removed and line ends made plain."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_XML.sub("", text).strip()


def one_line(text: str) -> str:
    """Clean text on a single line, runs of spaces and line breaks made one space."""
    return re.sub(r"\s+", " ", clean(text))


def as_html(text: str) -> str:
    """Plain lesson text as an HTML fragment: & < > escaped, line breaks as <br>."""
    return html.escape(clean(text), quote=False).replace("\n", "<br>")


def utf16_length(text: str) -> int:
    """Length as Excel and browsers count it: an emoji outside the BMP counts as two."""
    return len(text.encode("utf-16-le")) // 2
