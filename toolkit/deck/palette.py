"""Colours the deck actually uses: the school's brand colour (made accessible if it is not) and
text colours chosen against each layout's real background, so contrast is computed, not assumed."""

from __future__ import annotations

import colorsys
from typing import Callable, Dict, Optional

from lxml import etree

from ..colours import AA_NORMAL, INK, RGB, WHITE, accessible_on_white, contrast, parse_hex

DEFAULT_BRAND = "#1D4E89"  # a deep blue: 8.7:1 against white
BLACK: RGB = (0, 0, 0)

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": A, "p": P}


def brand_colour(school, warn: Callable[[str], None]) -> str:
    """The school's primary colour, or a darker shade of it when it fails 4.5:1 against white."""
    if school is None or school.branding is None:
        return DEFAULT_BRAND
    wanted = school.branding.primary.upper()
    shade, changed = accessible_on_white(wanted)
    if changed:
        ratio = contrast(parse_hex(wanted), WHITE)
        warn(
            f"the brand colour {wanted} of {school.name} has a contrast of {ratio:.1f}:1 with white, "
            f"below the {AA_NORMAL}:1 needed for text; slides use the darker shade {shade} instead"
        )
    return shade


def readable_on(background: RGB, preferred: Optional[RGB] = None) -> RGB:
    """`preferred` if it reaches 4.5:1 on `background`, else the best of near-black, black and white."""
    if preferred is not None and contrast(preferred, background) >= AA_NORMAL:
        return preferred
    return max((INK, BLACK, WHITE), key=lambda c: (contrast(c, background) >= AA_NORMAL, c == INK, contrast(c, background)))


# --- Backgrounds -------------------------------------------------------------------------------

def theme_colours(theme_xml: bytes) -> Dict[str, RGB]:
    """dk1, lt1, accent1, ... from a theme part."""
    root = etree.fromstring(theme_xml)
    scheme = root.find("a:themeElements/a:clrScheme", NS)
    colours: Dict[str, RGB] = {}
    if scheme is None:
        return colours
    for slot in scheme:
        value = _plain_colour(slot[0]) if len(slot) else None
        if value is not None:
            colours[etree.QName(slot).localname] = value
    return colours


def _plain_colour(element) -> Optional[RGB]:
    name = etree.QName(element).localname
    if name == "srgbClr":
        return parse_hex(element.get("val"))
    if name == "sysClr" and element.get("lastClr"):
        return parse_hex(element.get("lastClr"))
    return None


def _modified(rgb: RGB, element) -> Optional[RGB]:
    """Apply lumMod/lumOff (how PowerPoint writes 'darker 25%'); other modifiers: unknown."""
    mod, off = 1.0, 0.0
    for child in element:
        name = etree.QName(child).localname
        if name == "lumMod":
            mod = int(child.get("val")) / 100000
        elif name == "lumOff":
            off = int(child.get("val")) / 100000
        elif name not in ("alpha",):
            return None
    if mod == 1.0 and off == 0.0:
        return rgb
    h, l, s = colorsys.rgb_to_hls(*(v / 255 for v in rgb))
    l = min(1.0, max(0.0, l * mod + off))
    return tuple(round(v * 255) for v in colorsys.hls_to_rgb(h, l, s))  # type: ignore[return-value]


def resolve(element, theme: Dict[str, RGB], colour_map: Dict[str, str]) -> Optional[RGB]:
    """A colour element (srgbClr, sysClr, schemeClr) as RGB, or None if it cannot be known."""
    name = etree.QName(element).localname
    if name == "schemeClr":
        slot = element.get("val")
        slot = colour_map.get(slot, slot)
        base = theme.get(slot)
    else:
        base = _plain_colour(element)
    return _modified(base, element) if base is not None else None


def background(layout, theme: Dict[str, RGB]) -> Optional[RGB]:
    """The solid background colour a slide on `layout` shows, or None for pictures and gradients."""
    master = layout.slide_master
    clr_map_el = master._element.find("p:clrMap", NS)
    colour_map = dict(clr_map_el.attrib) if clr_map_el is not None else {}
    for part in (layout, master):
        bg = part._element.find("p:cSld/p:bg", NS)
        if bg is None:
            continue
        fill = bg.find("p:bgPr/a:solidFill", NS)
        if fill is not None and len(fill):
            return resolve(fill[0], theme, colour_map)
        ref = bg.find("p:bgRef", NS)
        if ref is not None and len(ref) and int(ref.get("idx", "0")) in (0, 1001):
            return resolve(ref[0], theme, colour_map)
        return None  # a picture, gradient or pattern: its contrast cannot be computed
    return theme.get(colour_map.get("bg1", "lt1"), WHITE)
