"""Who can help, as printed: a grid of contact boxes with QR codes, or one line per contact."""

from __future__ import annotations

import re
from typing import List, Optional, Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table

from ..adapt import HelpContact
from .qr import QrCode
from .styles import Styles
from .tables import table_style
from .text import markup, web_address


def _address(url: str, style, width: Optional[float]) -> str:
    """A web address that breaks after a '/' when too long for the line, never inside a word."""
    text = web_address(url)
    if width is None or stringWidth(f"Web: {text}", style.fontName, style.fontSize) <= width:
        return markup(text)
    lines, line = [], "Web: "
    for piece in re.split(r"(?<=/)", text):
        if line.strip() and stringWidth(line + piece, style.fontName, style.fontSize) > width:
            lines.append(line)
            line = ""
        line += piece
    lines.append(line)
    return "<br/>".join(markup(x) for x in lines)[len("Web: "):]


def how_to_reach(contact: HelpContact, style=None, width: Optional[float] = None) -> List[str]:
    """The ways to reach someone, each with a word saying what it is (never colour or icon alone)."""
    ways = []
    if contact.phone:
        ways.append(f"Phone: <b>{markup(contact.phone)}</b>")
    if contact.textphone:
        ways.append(f"Textphone: {markup(contact.textphone)}")
    if contact.text:
        label = "" if contact.text.lower().startswith("text") else "Text: "
        ways.append(f"{label}<b>{markup(contact.text)}</b>")
    if contact.url:
        ways.append(f"Web: {_address(contact.url, style, width)}")
    if contact.email:
        ways.append(f"Email: {markup(contact.email)}")
    return ways


def _details(contact: HelpContact, styles: Styles, purpose: bool, width: float) -> List[Flowable]:
    lines = [Paragraph(f"<b>{markup(contact.name)}</b>", styles.list_item)]
    if contact.purpose and purpose:
        lines.append(Paragraph(markup(contact.purpose), styles.small))
    if contact.where_to_find:
        lines.append(Paragraph(f"Where: {markup(contact.where_to_find)}", styles.small))
    lines.extend(Paragraph(way, styles.small) for way in how_to_reach(contact, styles.small, width))
    extra = [text for text in (contact.hours, contact.nations_note) if text]
    if extra:
        lines.append(Paragraph(markup(". ".join(extra)), styles.small))
    return lines


def _box(contact: HelpContact, styles: Styles, width: float, qr: bool, purpose: bool) -> Table:
    qr_size = (28 if styles.large_print else 15) * mm
    with_qr = bool(qr and contact.url and width > qr_size * 2.4)
    details = _details(contact, styles, purpose, width - (qr_size + 4 * mm if with_qr else 0))
    if with_qr:
        cells = [[details, QrCode(contact.url, qr_size)]]
        widths = [width - qr_size - 4 * mm, qr_size + 4 * mm]
    else:
        cells, widths = [[details]], [width]
    inner = Table(cells, colWidths=widths)
    inner.setStyle(table_style(padding=0, valign="TOP"))
    return inner


def columns_of_grid(styles: Styles, width: float) -> int:
    return 1 if styles.large_print or width < 120 * mm else 2


def contact_grid(contacts: Sequence[HelpContact], styles: Styles, width: float, qr: bool = True,
                 purpose: bool = True) -> Table:
    """Contacts in boxes, two to a row (one in large print), school contacts first."""
    columns = columns_of_grid(styles, width)
    gutter = 3 * mm
    pad = 2 * mm
    cell_width = (width - gutter * (columns - 1)) / columns
    boxes = [_box(c, styles, cell_width - 2 * pad, qr, purpose) for c in contacts]
    rows = [boxes[i:i + columns] + [""] * (columns - len(boxes[i:i + columns])) for i in range(0, len(boxes), columns)]
    grid = Table(rows, colWidths=[cell_width] * columns, hAlign="LEFT")
    commands = [("BOX", (c, r), (c, r), 0.75, colors.HexColor("#767676"))
                for r, row in enumerate(rows) for c, cell in enumerate(row) if cell != ""]
    grid.setStyle(table_style(padding=pad, valign="TOP", extra=commands))
    return grid


def contact_lines(contacts: Sequence[HelpContact], styles: Styles) -> List[Paragraph]:
    """One line per contact: name, then how to reach them."""
    style = styles.hanging()
    lines = []
    for contact in contacts:
        ways = how_to_reach(contact)
        if contact.where_to_find:
            ways.insert(0, markup(contact.where_to_find))
        text = f"<b>{markup(contact.name)}</b>" + (": " + "; ".join(ways) if ways else "")
        lines.append(Paragraph(text, style, bulletText="•"))
    return lines
