"""Paragraphs that skip the markup parser for plain text and break into lines once per width.

reportlab parses every paragraph's markup with an HTML parser made afresh for it, which costs more
than laying out a short line. Most of a handout's paragraphs are plain text, in bold or not, or
runs of both (a contact's name in bold, then how to reach them): those are given the fragments
the parser would have made, one per run, copied from one parsed for the same style. Anything
else (an escaped `&`, a line break) is parsed as usual.

reportlab also re-breaks a paragraph's lines every time it is wrapped, and a handout's paragraphs
are wrapped many times at the same width: when the planner measures them, when a frame places
them, inside boxes and kept-together groups, and once per card on a sheet of pocket cards.
Breaking lines depends only on the text, the style and the width, so the result is kept per
width. Either way the output is exactly the same."""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple
from weakref import WeakKeyDictionary

from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag, ParaParser
from reportlab.rl_config import _FUZZ

BOLD = ("<b>", "</b>")


_TEMPLATES: "WeakKeyDictionary[object, Dict[bool, Tuple[ParaFrag, Tuple[str, ...]]]]" = WeakKeyDictionary()


def _template(style, bold: bool) -> Tuple[ParaFrag, Tuple[str, ...]]:
    """The fragment the parser makes for plain text in `style` (in bold when `bold`), and the names
    of its lists (each fragment needs its own); made once per style object (kept beside it, not on
    it: a style's clones copy what is on it)."""
    templates = _TEMPLATES.get(style)
    if templates is None:
        templates = _TEMPLATES[style] = {}
    found = templates.get(bold)
    if found is None:
        _, frags, _ = ParaParser().parse("<b>x</b>" if bold else "x", style)
        lists = tuple(name for name, value in frags[0].__dict__.items() if isinstance(value, list))
        found = templates[bold] = (frags[0], lists)
    return found


def clean(text: str) -> str:
    """What reportlab's `cleanBlockQuotedText` makes of a paragraph's text: its words, one space
    between them. reportlab's spaces are Python's but for the no-break space (not one) and the
    zero-width space (one); text with neither is cleaned in one step."""
    if "\xa0" in text or "\u200b" in text:
        return cleanBlockQuotedText(text)
    return " ".join(text.split())


_BOLD_TAGS = re.compile("(<b>|</b>)")


def plain_fragments(text: str, style) -> Optional[Tuple[str, List[ParaFrag]]]:
    """(the cleaned text, its fragments) when `text` is plain text in runs, each plain or in bold
    (a bold name, then how to reach it, say): one fragment per run, as the parser makes them; None
    for anything else (an escaped `&`, a line break, a run of nothing but spaces)."""
    cleaned = clean(text)
    fragments, bold = [], False
    for run in _BOLD_TAGS.split(cleaned) if "<" in cleaned else (cleaned,):
        if run in BOLD:
            if bold == (run == BOLD[0]):  # nested, or closed without being opened
                return None
            bold = not bold
        elif run:
            if run.isspace() or "<" in run or ">" in run or "&" in run:
                return None
            template, lists = _template(style, bold)
            fragment = ParaFrag(**template.__dict__)  # what the template's `clone` makes
            fragment.text = run
            for name in lists:  # never shared between paragraphs
                setattr(fragment, name, list(getattr(template, name)))
            fragments.append(fragment)
    return (cleaned, fragments) if fragments and not bold else None


class Paragraph(_Paragraph):
    """A Paragraph that skips the parser for plain text and remembers its line breaks per width."""

    def __init__(self, text, style=None, bulletText=None, frags=None, **kwargs):
        if frags is None and style is not None and not getattr(style, "textTransform", None):
            found = plain_fragments(text, style)
            if found:
                text, frags = found
        super().__init__(text, style, bulletText, frags, **kwargs)

    def wrap(self, availWidth, availHeight):
        measured: Dict[float, Tuple] = self.__dict__.setdefault("_measured", {})
        found = measured.get(availWidth)
        if found is not None:
            self.blPara, self._wrapWidths, self.width, self.height = found
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        if availWidth >= _FUZZ:  # narrower than that, reportlab returns early and sets nothing
            measured[availWidth] = (self.blPara, self._wrapWidths, width, height)
        return width, height
