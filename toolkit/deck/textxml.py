"""Text into a placeholder as DrawingML, written directly: every paragraph carries the exact
indent, spacing, bullet, font, size and colour the fitting assumed, so what was measured is what
is drawn. (Building it through python-pptx's proxies was most of the deck's build time.)"""

from __future__ import annotations

from typing import Callable, Optional, Sequence
from xml.sax.saxutils import escape

from pptx.oxml import parse_xml

from ..colours import RGB
from .content import Para
from .fit import BULLET_HANG_EM, LEVEL_INDENT_EM, space_before_pt
from .metrics import DECK_FONT
from ..wording import current_language

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EMU_PER_PT = 12700
BULLETS = {0: "\u2022", 1: "\u2013"}


def run_language() -> str:
    """The build's language as a text run declares it: a bare language is British ('cy' -> 'cy-GB'),
    a full tag ('en-GB') stays as it is."""
    tag = current_language()
    return tag if "-" in tag else f"{tag}-GB"
_AUTOFIT = ("normAutofit", "spAutoFit", "noAutofit")


def _hex(rgb: RGB) -> str:
    return "{:02X}{:02X}{:02X}".format(*rgb)


def _paragraph(item: Para, size_pt: int, first: bool, colour: RGB, link_id: Callable[[str], Optional[str]],
               title: bool) -> str:
    hang = BULLET_HANG_EM * size_pt if item.bullet or item.continues else 0.0
    margin = item.level * LEVEL_INDENT_EM * size_pt + hang
    indent = -int(hang * EMU_PER_PT) if item.bullet else 0
    level = f' lvl="{min(item.level, 1)}"' if item.level else ""
    bullet = (f'<a:buFont typeface="{DECK_FONT}"/><a:buChar char="{BULLETS[min(item.level, 1)]}"/>'
              if item.bullet else "<a:buNone/>")
    spacing = int(round(space_before_pt(item, size_pt, first) * 100))
    parts = [
        f'<a:p><a:pPr marL="{int(margin * EMU_PER_PT)}"{level} indent="{indent}">'
        f'<a:lnSpc><a:spcPct val="100000"/></a:lnSpc><a:spcBef><a:spcPts val="{spacing}"/></a:spcBef>'
        f"{bullet}</a:pPr>"
    ]
    caps = ' cap="none"' if title else ""  # some layouts set capitals, which are harder to read
    for run in item.runs:
        rid = link_id(run.link) if run.link and not title else None
        fill = "" if rid else f'<a:solidFill><a:srgbClr val="{_hex(colour)}"/></a:solidFill>'
        link = f'<a:hlinkClick r:id="{rid}"/>' if rid else ""
        parts.append(
            f'<a:r><a:rPr lang="{run_language()}" sz="{size_pt * 100}" b="{1 if run.bold else 0}"{caps} dirty="0">{fill}'
            f'<a:latin typeface="{DECK_FONT}"/>{link}</a:rPr><a:t>{escape(run.text)}</a:t></a:r>'
        )
    parts.append("</a:p>")
    return "".join(parts)


def write_text(tx_body, paras: Sequence[Para], size_pt: int, colour: RGB, inset_side: int, inset_end: int,
               link_id: Callable[[str], Optional[str]], title: bool = False) -> None:
    """Replace the paragraphs of a placeholder's txBody; no autofit, so nothing is shrunk."""
    body_pr = tx_body.find(f"{{{A}}}bodyPr")
    body_pr.set("wrap", "square")
    for side, value in (("lIns", inset_side), ("rIns", inset_side), ("tIns", inset_end), ("bIns", inset_end)):
        body_pr.set(side, str(value))
    for child in list(body_pr):
        if child.tag.split("}")[1] in _AUTOFIT:
            body_pr.remove(child)
    warp = body_pr.find(f"{{{A}}}prstTxWarp")
    body_pr.insert(0 if warp is None else 1, parse_xml(f'<a:noAutofit xmlns:a="{A}"/>'))
    for old in tx_body.findall(f"{{{A}}}p"):
        tx_body.remove(old)
    xml = "".join(_paragraph(p, size_pt, i == 0, colour, link_id, title) for i, p in enumerate(paras))
    holder = parse_xml(f'<a:txBody xmlns:a="{A}" xmlns:r="{R}">{xml}</a:txBody>')
    for paragraph in list(holder):
        tx_body.append(paragraph)

