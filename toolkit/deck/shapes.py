"""Native, editable PowerPoint shapes for the deck's pictures (phones, bubbles, cards, step
numbers): filled shapes with text in the deck's font, grouped into one picture with alt text.

Text in a shape is written like body text (Arial, en-GB, no autofit, single spacing), so it is
measured with the same metrics and a teacher can edit it in PowerPoint."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Optional, Sequence, Tuple

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml import parse_xml
from pptx.oxml.text import CT_RegularTextRun
from pptx.shapes.autoshape import AutoShapeType
from pptx.util import Pt

from ..colours import RGB
from .metrics import DECK_FONT
from .textxml import run_language

ALIGN = {"left": PP_ALIGN.LEFT, "centre": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
PAD_PT = 6.0  # a shape's text inset on every side
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"


@dataclass(frozen=True)
class Line:
    """One paragraph of text in a shape."""

    text: str
    size_pt: float
    colour: RGB
    bold: bool = False
    italic: bool = False


def _emu(points: float) -> int:
    return int(round(points * 12700))


def shape(shapes, kind: MSO_SHAPE, box: Tuple[float, float, float, float], fill: Optional[RGB],
          line: Optional[RGB] = None, name: str = "", line_pt: float = 1.0, radius: Optional[float] = None):
    """A filled shape at `box` (left, top, width, height in points), no text yet: no theme style
    (its shadow and outline would be drawn by some renderers), its own fill and line instead.

    The shape is what python-pptx's `shapes.add_shape` makes and its fill, line, adjustment and
    name proxies then change (tests/render/test_slides_shapes.py holds the two side by side),
    written as one piece of XML: going through the proxies was most of a picture's drawing time.
    It is added as `add_shape` adds it, with python-pptx's own shape id, default name and
    insertion (`_BaseShapes._next_shape_id`, `CT_GroupShape.insert_element_before`)."""
    left, top, width, height = box
    autoshape = AutoShapeType(kind)
    shape_id = shapes._next_shape_id
    adjust = ""
    if radius is not None and kind == MSO_SHAPE.ROUNDED_RECTANGLE:  # its one adjustment, "adj", as python-pptx writes it
        adjust = '<a:gd name="adj" fmla="val %d"/>' % int(max(0.0, min(0.5, radius / min(width, height))) * 100000.0)
    paint = "<a:noFill/>" if fill is None else f'<a:solidFill><a:srgbClr val="{RGBColor(*fill)}"/></a:solidFill>'
    if line is None:
        outline = "<a:ln><a:noFill/></a:ln>"
    else:
        weight = Pt(line_pt)
        width_attribute = f' w="{weight}"' if weight else ""  # python-pptx leaves out a zero width
        outline = f'<a:ln{width_attribute}><a:solidFill><a:srgbClr val="{RGBColor(*line)}"/></a:solidFill></a:ln>'
    sp = parse_xml(
        f'<p:sp xmlns:a="{_A}" xmlns:p="{_P}"><p:nvSpPr><p:cNvPr id="{shape_id}" name=""/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{_emu(left)}" y="{_emu(top)}"/><a:ext cx="{_emu(width)}" cy="{_emu(height)}"/></a:xfrm>'
        f'<a:prstGeom prst="{autoshape.prst}"><a:avLst>{adjust}</a:avLst></a:prstGeom>{paint}{outline}</p:spPr>'
        f'<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:pPr algn="ctr"/></a:p></p:txBody></p:sp>')
    # The name set on the element, as python-pptx sets it (any character kept as it is).
    sp[0][0].set("name", name or "%s %d" % (autoshape.basename, shape_id - 1))
    shapes._grpSp.insert_element_before(sp, "p:extLst")
    shapes._recalculate_extents()
    return shapes._shape_factory(sp)


def write(added, lines: Sequence[Line], align: str = "left", anchor: str = "middle", pad_pt: float = PAD_PT) -> None:
    """Put `lines` in a shape: each a paragraph, wrapped, never shrunk."""
    text_frame(added, anchor, pad_pt)
    tx_body = added._element.txBody
    for old in tx_body.findall(f"{{{_A}}}p"):  # python-pptx's new shape has one empty paragraph
        tx_body.remove(old)
    xml = "".join(_paragraph_xml(line, ALIGN[align].xml_value) for line in lines)
    holder = parse_xml(f'<a:txBody xmlns:a="{_A}">{xml}</a:txBody>')
    for line, text in zip(lines, holder.iter(f"{{{_A}}}t")):
        # The text as python-pptx's _Run.text stores it (an empty one is then <a:t></a:t>, as there).
        text.text = CT_RegularTextRun._escape_ctrl_chars(line.text)
    for paragraph in list(holder):
        tx_body.append(paragraph)


def text_frame(added, anchor: str, pad_pt: float) -> None:
    """A shape's text frame as the deck writes text: wrapped, no autofit, anchored, `pad_pt` inset
    at the sides and half that at the top and bottom."""
    frame = added.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}[anchor]
    frame.margin_left = frame.margin_right = _emu(pad_pt)
    frame.margin_top = frame.margin_bottom = _emu(pad_pt / 2)


def _paragraph_xml(line: Line, algn: str) -> str:
    """One paragraph of a shape's text as DrawingML: the XML python-pptx writes for a paragraph
    whose alignment, single line spacing, no space before or after, and one run's font (Arial,
    size, bold, italic, colour, language) are set through its proxies, element for element and
    attribute for attribute (tests/render/test_slides_shapes.py holds them side by side), written
    as text and parsed once: setting each through the proxies was most of a picture's drawing time.
    The run's text is set on the parsed element (see `write`)."""
    size = Pt(line.size_pt).centipoints  # as python-pptx's Font.size stores it
    return (f'<a:p><a:pPr algn="{algn}"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="0"/></a:spcBef><a:spcAft><a:spcPts val="0"/></a:spcAft></a:pPr>'
            f'<a:r><a:rPr sz="{size}" b="{int(line.bold)}" i="{int(line.italic)}" lang="{run_language()}">'
            f'<a:solidFill><a:srgbClr val="{RGBColor(*line.colour)}"/></a:solidFill>'
            f'<a:latin typeface="{DECK_FONT}"/></a:rPr><a:t/></a:r></a:p>')


def text_shape(shapes, kind: MSO_SHAPE, box, fill: Optional[RGB], lines: Sequence[Line], align: str = "left",
               anchor: str = "middle", line: Optional[RGB] = None, name: str = "", radius: Optional[float] = None,
               pad_pt: float = PAD_PT):
    added = shape(shapes, kind, box, fill, line, name, radius=radius)
    write(added, lines, align, anchor, pad_pt)
    return added


def rule(shapes, x0: float, y0: float, x1: float, y1: float, colour: RGB, width_pt: float = 2.0, dashed: bool = False):
    """A straight line (a divider)."""
    connector = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, _emu(x0), _emu(y0), _emu(x1), _emu(y1))
    style = connector._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}style")
    if style is not None:
        connector._element.remove(style)
    connector.line.color.rgb = RGBColor(*colour)
    connector.line.width = Pt(width_pt)
    if dashed:
        from pptx.enum.dml import MSO_LINE_DASH_STYLE

        connector.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    return connector


@contextmanager
def group(slide, name: str, description: str) -> Iterator:
    """A group to draw in: one picture for screen readers, described by `description` (its alt
    text). Use as `with group(slide, name, alt) as picture:` and add shapes to `picture.shapes`; the
    group's position and size are worked out once, when the block ends."""
    grouped = slide.shapes.add_group_shape()
    grouped.name = name
    grouped._element.nvGrpSpPr.cNvPr.set("descr", description)
    with _extents_once(grouped):
        yield grouped


@contextmanager
def _extents_once(grouped) -> Iterator[None]:
    """Add shapes to `grouped` (a python-pptx GroupShape) without python-pptx working out the
    group's extents after each one, then work them out once.

    python-pptx's `GroupShapes.add_shape`, `add_picture`, `add_connector` ... each end by calling
    `self._recalculate_extents()`, which measures every shape already in the group (and the groups
    above it): drawing a picture of n shapes cost n^2 measurements, most of a deck's drawing time.
    Here the no-op is an attribute of this one group's `GroupShapes` object (`GroupShape.shapes` is
    a lazyproperty, so every `grouped.shapes` is that object), shadowing the method for it alone,
    and python-pptx's own `CT_GroupShape.recalculate_extents` runs once at the end: the same
    offsets and sizes as recalculating after every shape, since they depend only on the shapes in
    the group at the end."""
    shapes = grouped.shapes
    shapes._recalculate_extents = _no_recalculation
    try:
        yield
    finally:
        del shapes._recalculate_extents
        grouped._element.recalculate_extents()


def _no_recalculation() -> None:
    """Stands in for GroupShapes._recalculate_extents while a group is drawn (see _extents_once)."""


def decorative(added) -> None:
    """Marks a shape as decorative (PowerPoint's "Mark as decorative"): screen readers skip it."""
    from lxml import etree

    c_nv_pr = added._element.xpath("./*[1]/p:cNvPr")[0]
    c_nv_pr.attrib.pop("descr", None)
    ext_lst = etree.SubElement(c_nv_pr, "{http://schemas.openxmlformats.org/drawingml/2006/main}extLst")
    ext = etree.SubElement(ext_lst, "{http://schemas.openxmlformats.org/drawingml/2006/main}ext",
                           uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}")
    etree.SubElement(ext, "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative", val="1")
