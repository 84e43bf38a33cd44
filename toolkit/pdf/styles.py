"""Paragraph styles for handouts: one set for normal print, one for large print.

Every style names our embedded font: reportlab's defaults would bring in an unembedded Helvetica."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from . import fonts

INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#404040")  # still 10:1 on white: small print must stay readable
TINT = colors.HexColor("#EEF2F7")  # callout background; the border and bold text carry the meaning
RULE = colors.HexColor("#555555")


@dataclass(frozen=True)
class TypeRule:
    """The body size of one kind of print, in points: nothing on the page (small print, footers,
    table cells, the diagram) is set smaller. Where the content does not fit, the format changes
    (more pages, two sides, fewer and larger cards), never the size."""

    body: float
    source: str


# The one home of the type sizes: the PDF layout, the pocket cards and the HTML twins' print CSS all
# read them from here (docs/handouts.md, "Type sizes", gives the sources).
TYPE_RULES = {
    "standard": TypeRule(12.0, "clear print: at least 12 pt (RNIB Clear Print; UKAAF minimum standards; UK "
                               "Office for Disability Issues; BDA style guide: 12 to 14 pt)"),
    "young": TypeRule(14.0, "key stage 2 readers: 14 pt, the size RNIB, UKAAF and DWP guidance recommend "
                            "to reach more readers and the top of the BDA's 12 to 14 pt range"),
    "pocket": TypeRule(12.0, "pocket cards: clear print too; a card's type grows to fill it (`cards.GROWTH`)"),
    "large": TypeRule(16.0, "large print: at least 16 pt (UKAAF minimum standards; UK Office for Disability "
                            "Issues)"),
}
NORMAL_BODY = TYPE_RULES["standard"].body
LARGE_BODY = TYPE_RULES["large"].body


def body_size(large_print: bool = False, young: bool = False, pocket: bool = False) -> float:
    """The body size for a handout: the largest rule that applies (large print beats the rest;
    a key stage 2 pocket card is still 14 pt)."""
    if large_print:
        return TYPE_RULES["large"].body
    if young:
        return TYPE_RULES["young"].body
    return TYPE_RULES["pocket" if pocket else "standard"].body


@dataclass(frozen=True, eq=False)  # one object per size and colour (`make_styles`): compared by identity, a cheap key
class Styles:
    body_size: float
    large_print: bool
    accent: colors.Color
    body: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    callout: ParagraphStyle
    callout_detail: ParagraphStyle
    list_item: ParagraphStyle
    label: ParagraphStyle
    flow: ParagraphStyle

    def hanging(self, tight: bool = False) -> ParagraphStyle:
        """List items with a hanging indent, so bullets and numbers stand clear of the text; `tight`
        ones have no space after, for an item that goes on in the next paragraph."""
        if "_hanging" not in self.__dict__:  # made once: every list of the handout shares them
            indent = self.body_size * 1.4
            hanging = self.list_item.clone("hanging", leftIndent=indent, bulletIndent=indent * 0.15)
            self.__dict__["_hanging"] = hanging
            self.__dict__["_hanging_tight"] = hanging.clone("hanging_tight", spaceAfter=0)
        return self.__dict__["_hanging_tight" if tight else "_hanging"]

    @property
    def gap(self) -> float:
        """Space between blocks, in points."""
        return self.body_size * (0.9 if self.large_print else 0.6)


def callout_pad(styles: Styles) -> float:
    """The padding inside the callout's box."""
    return styles.body_size * 0.7


@functools.lru_cache(maxsize=64)
def make_styles(body_size: float, large_print: bool, accent: str = "#1D4E89") -> Styles:
    """Styles built around one body size (at least 16 pt when `large_print`). Made once per size and
    colour, and never changed afterwards: every handout of a build shares them."""
    font = fonts.register_fonts()
    if large_print:
        body_size = max(body_size, LARGE_BODY)
    accent_colour = colors.HexColor(accent)
    leading = body_size * (1.45 if large_print else 1.3)
    # Headings step up less in large print: the body is already big, and space is precious.
    title_scale, h2_scale = (1.5, 1.25) if large_print else (2.0, 1.4)
    small_size = body_size  # small print is muted, never smaller: the type rules cover every text

    def style(name: str, **extra) -> ParagraphStyle:
        base = dict(fontName=font, fontSize=body_size, leading=leading, textColor=INK, alignment=TA_LEFT,
                    spaceBefore=0, spaceAfter=0, bulletFontName=font, allowWidows=0, allowOrphans=0,
                    splitLongWords=0)  # never inside a word: web addresses break at '/' and '.' (`contacts`)
        base["bulletFontSize"] = extra.get("fontSize", body_size)
        base.update(extra)
        return ParagraphStyle(name, **base)

    return Styles(
        body_size=body_size,
        large_print=large_print,
        accent=accent_colour,
        body=style("body", spaceAfter=body_size * 0.4),
        small=style("small", fontSize=small_size, leading=small_size * 1.3, textColor=MUTED),
        title=style("title", fontName=fonts.BOLD, fontSize=body_size * title_scale, leading=body_size * title_scale * 1.15,
                    textColor=accent_colour, spaceAfter=body_size * 0.3),
        subtitle=style("subtitle", fontSize=body_size * 1.15, leading=body_size * 1.45, textColor=MUTED,
                       spaceAfter=body_size * 0.5),
        h2=style("h2", fontName=fonts.BOLD, fontSize=body_size * h2_scale, leading=body_size * h2_scale * 1.2,
                 textColor=accent_colour, spaceBefore=body_size * (0.5 if large_print else 0.7),
                 spaceAfter=body_size * 0.3),
        h3=style("h3", fontName=fonts.BOLD, fontSize=body_size * 1.1, leading=body_size * 1.4,
                 spaceBefore=body_size * 0.4, spaceAfter=body_size * 0.15),
        callout=style("callout", fontName=fonts.BOLD, fontSize=body_size * 1.25, leading=body_size * 1.55),
        callout_detail=style("callout_detail", spaceBefore=body_size * 0.2),
        list_item=style("list_item", spaceAfter=body_size * 0.25),
        label=style("label", fontName=fonts.BOLD),
        flow=style("flow", fontSize=body_size, leading=body_size * 1.25, alignment=1),
    )
