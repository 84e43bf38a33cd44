"""Who can help, as printed: a grid of contact boxes with QR codes, or one line per contact."""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from ..adapt import HelpContact
from .boxes import Panel, PanelRow
from .paragraphs import Paragraph
from .qr import QrCode
from .styles import Styles
from ..wording.phrases import text_label, way_label
from .text import address_pieces, markup, web_address


def _address(url: str, style, width: Optional[float], shown: str = "") -> str:
    """A web address that breaks after a '/' or a '.' when too long for the line, never inside a
    word (the styles never split a word: `splitLongWords` is off)."""
    text = shown or web_address(url)
    label = way_label("web") + " "
    if width is None or stringWidth(label + text, style.fontName, style.fontSize) <= width:
        return markup(text)
    if stringWidth(text, style.fontName, style.fontSize) <= width:
        return "<br/>" + markup(text)  # whole, on a line of its own
    lines = address_pieces(label + text, style.fontName, style.fontSize, width)
    return "<br/>".join(markup(x) for x in lines)[len(markup(label)):]


def how_to_reach(contact: HelpContact, style=None, width: Optional[float] = None, bold: bool = True) -> List[str]:
    """The ways to reach someone, each with a word saying what it is (never colour or icon alone).
    Numbers to call or text stand out in bold when `bold`, the whole line at once."""
    ways = []

    def strong(text: str) -> str:
        return f"<b>{text}</b>" if bold else text

    if contact.phone:
        ways.append(strong(f"{way_label('phone')} {markup(contact.phone)}"))
    if contact.textphone:
        ways.append(f"{way_label('textphone')} {markup(contact.textphone)}")
    if contact.text:
        label = text_label(contact.text)
        ways.append(strong(f"{markup(label)} {markup(contact.text)}" if label else markup(contact.text)))
    if contact.url:
        ways.append(f"{way_label('web')} {_address(contact.url, style, width, contact.shown_url)}")
    if contact.email:
        ways.append(f"{way_label('email')} {markup(contact.email)}")
    return ways


def _details(contact: HelpContact, styles: Styles, purpose: bool, width: float) -> List[Flowable]:
    lines = [Paragraph(f"<b>{markup(contact.name)}</b>", styles.list_item)]
    if contact.purpose and purpose:
        lines.append(Paragraph(markup(contact.purpose), styles.small))
    if contact.where_to_find:
        lines.append(Paragraph(f"{way_label('where')} {markup(contact.where_to_find)}", styles.small))
    lines.extend(Paragraph(way, styles.small) for way in how_to_reach(contact, styles.small, width))
    extra = [text for text in (contact.hours, contact.nations_note) if text]
    if extra:
        lines.append(Paragraph(markup(". ".join(extra)), styles.small))
    return lines


GUTTER = 3 * mm  # between boxes
PAD = 2 * mm  # inside each box
BORDER = colors.HexColor("#767676")  # 4.5:1 on white


def _qr_size(styles: Styles) -> float:
    return (28 if styles.large_print else 15) * mm


def _shows_qr(contact: HelpContact, styles: Styles, width: float, qr: bool) -> bool:
    return bool(qr and contact.url and width > _qr_size(styles) * 2.4)


def _box(contact: HelpContact, styles: Styles, width: float, qr: bool, purpose: bool) -> Panel:
    """A contact's box; `width` is the room inside its padding."""
    qr_size = _qr_size(styles)
    side = qr_size + 4 * mm if _shows_qr(contact, styles, width, qr) else 0
    details = _details(contact, styles, purpose, width - side)
    return Panel(details, PAD, BORDER, 0.75, side=QrCode(contact.url, qr_size) if side else None, side_width=side)


def columns_of_grid(styles: Styles, width: float) -> int:
    return 1 if styles.large_print or width < 120 * mm else 2


def _cell_width(styles: Styles, width: float) -> float:
    columns = columns_of_grid(styles, width)
    return (width - GUTTER * (columns - 1)) / columns


def _ways(contact: HelpContact) -> List[str]:
    """The ways to reach someone as printed, without their labels."""
    address = (contact.shown_url or web_address(contact.url)) if contact.url else ""
    return [markup(x) for x in (contact.phone, contact.textphone, contact.text, address, contact.email) if x]


def least_height(contact: HelpContact, styles: Styles, width: float, detailed: bool, qr: bool = True,
                 purpose: bool = False) -> float:
    """The least height one contact can take, known without laying it out (`floors`): its line of
    text, or its box in the grid: the padding around its QR code or its details (each way to
    reach it a line at least, without its label; the name and what the service is for in full).
    The planner uses it to rule out a version of a handout before measuring every box."""
    from .floors import paragraph_height, stack_height  # floors measures contact lists with this module
    if not detailed:
        style = styles.hanging()
        text = " ".join([f"<b>{markup(contact.name)}</b>", markup(contact.where_to_find)] + _ways(contact)
                        + [markup(contact.nations_note)])
        return paragraph_height(text, style, width)
    box_width = _cell_width(styles, width) - 2 * PAD
    shows_qr = _shows_qr(contact, styles, box_width, qr)
    room = box_width - (_qr_size(styles) + 4 * mm if shows_qr else 0)
    extra = ". ".join(markup(x) for x in (contact.hours, contact.nations_note) if x)
    details = ([(f"<b>{markup(contact.name)}</b>", styles.list_item),
                (markup(contact.purpose) if purpose else "", styles.small),
                (markup(contact.where_to_find), styles.small)]
               + [(way, styles.small) for way in _ways(contact)] + [(extra, styles.small)])
    return max(_qr_size(styles) if shows_qr else 0, stack_height(details, room)) + 2 * PAD


class ContactPieces:
    """Each contact's box and line, made once per style and width. The versions of a handout list
    the same contacts in different ways, so the planner measures each piece once and the printed
    page reuses it."""

    def __init__(self) -> None:
        self._boxes: Dict[tuple, Panel] = {}
        self._lines: Dict[tuple, Paragraph] = {}

    def box(self, contact: HelpContact, styles: Styles, width: float, qr: bool, purpose: bool) -> Panel:
        key = (contact, styles, width, qr, purpose)
        if key not in self._boxes:
            self._boxes[key] = _box(contact, styles, width, qr, purpose)
        return self._boxes[key]

    def line(self, contact: HelpContact, styles: Styles, width: Optional[float] = None) -> Paragraph:
        key = (contact, styles, width)
        if key not in self._lines:
            self._lines[key] = _line(contact, styles, width)
        return self._lines[key]


def contact_grid(contacts: Sequence[HelpContact], styles: Styles, width: float, qr: bool = True,
                 purpose: bool = True, pieces: Optional[ContactPieces] = None) -> List[PanelRow]:
    """Contacts in boxes, two to a row (one in large print), in the order given (school first)."""
    pieces = pieces or ContactPieces()
    columns = columns_of_grid(styles, width)
    cell_width = _cell_width(styles, width)
    boxes = [pieces.box(c, styles, cell_width - 2 * PAD, qr, purpose) for c in contacts]
    return [PanelRow(boxes[i:i + columns], cell_width) for i in range(0, len(boxes), columns)]


def _line(contact: HelpContact, styles: Styles, width: Optional[float] = None) -> Paragraph:
    style = styles.hanging()
    room = None if width is None else width - style.leftIndent  # a long address breaks at '/' and '.'
    ways = how_to_reach(contact, style, room, bold=False)  # the name is in bold: enough for a line
    if contact.where_to_find:
        ways.insert(0, markup(contact.where_to_find))
    if contact.nations_note:  # a national pack prints every nation's services: say where each works
        ways.append(markup(contact.nations_note))
    text = f"<b>{markup(contact.name)}</b>" + (": " + "; ".join(ways) if ways else "")
    return Paragraph(text, styles.hanging(), bulletText="•")


def contact_lines(contacts: Sequence[HelpContact], styles: Styles,
                  pieces: Optional[ContactPieces] = None, width: Optional[float] = None) -> List[Paragraph]:
    """One line per contact: name, then how to reach them."""
    pieces = pieces or ContactPieces()
    return [pieces.line(contact, styles, width) for contact in contacts]
