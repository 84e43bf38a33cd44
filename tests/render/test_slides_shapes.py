"""The deck's drawing helpers (toolkit/deck/shapes.py) against python-pptx's own results."""

from __future__ import annotations

import io

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.oxml.text import CT_RegularTextRun
from pptx.util import Emu

from toolkit.deck.pictures import qr_picture
from toolkit.deck.shapes import Line, group, shape, text_shape

BOXES = [(40, 30, 200, 80), (10, 300, 50, 50), (500, 5, 120, 400), (60, 60, 30, 30)]


def _draw(shapes) -> None:
    """Shapes of every kind a deck puts in a group, spread so each one moves the group's extents."""
    for left, top, width, height in BOXES:
        shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Emu(left * 12700), Emu(top * 12700), Emu(width * 12700),
                         Emu(height * 12700))
    shapes.add_picture(io.BytesIO(qr_picture("https://example.org/")), Emu(700 * 12700), Emu(20 * 12700),
                       Emu(72 * 12700), Emu(72 * 12700))
    shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Emu(5 * 12700), Emu(450 * 12700), Emu(300 * 12700),
                         Emu(460 * 12700))


def _xfrm(grouped) -> bytes:
    return etree.tostring(grouped._element.grpSpPr.xfrm)


def test_a_group_drawn_in_the_block_has_the_extents_python_pptx_gives_after_every_shape():
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    own = slide.shapes.add_group_shape()  # python-pptx alone: extents worked out after each shape
    _draw(own.shapes)
    with group(slide, "Picture", "A picture") as ours:
        _draw(ours.shapes)
    assert _xfrm(ours) == _xfrm(own)
    assert (ours.left, ours.top) == (Emu(5 * 12700), Emu(5 * 12700))  # the connector's left, the tall box's top
    assert ours.width == Emu((772 - 5) * 12700)  # to the picture's right edge


def test_inside_the_block_the_extents_wait_and_after_it_python_pptx_keeps_them_up_to_date():
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    with group(slide, "Picture", "A picture") as grouped:
        before = _xfrm(grouped)
        _draw(grouped.shapes)
        assert _xfrm(grouped) == before  # not measured after each shape
    after = _xfrm(grouped)
    assert after != before
    grouped.shapes.add_shape(MSO_SHAPE.OVAL, Emu(900 * 12700), Emu(500 * 12700), Emu(12700), Emu(12700))
    assert grouped.left + grouped.width == Emu(901 * 12700)  # python-pptx's own recalculation is back


def test_a_group_is_measured_even_when_its_drawing_fails():
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    try:
        with group(slide, "Picture", "A picture") as grouped:
            grouped.shapes.add_shape(MSO_SHAPE.OVAL, Emu(12700), Emu(2 * 12700), Emu(3 * 12700), Emu(4 * 12700))
            raise ValueError("drawing failed")
    except ValueError:
        pass
    assert (grouped.left, grouped.top, grouped.width, grouped.height) == tuple(Emu(v * 12700) for v in (1, 2, 3, 4))
    assert grouped._element.nvGrpSpPr.cNvPr.get("descr") == "A picture"


def _write_through_proxies(added, lines, align, anchor, pad_pt) -> None:
    """How shapes.write put text in a shape through python-pptx's proxies before it wrote the
    paragraphs as XML: what python-pptx itself makes of each setting."""
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    from toolkit.deck.metrics import DECK_FONT
    from toolkit.deck.shapes import ALIGN, text_frame
    from toolkit.deck.textxml import run_language

    text_frame(added, anchor, pad_pt)
    frame = added.text_frame
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = ALIGN[align]
        paragraph.line_spacing = 1.0
        paragraph.space_before = Pt(0)
        paragraph.space_after = Pt(0)
        run = paragraph.add_run()
        run.text = line.text
        font = run.font
        font.name = DECK_FONT
        font.size = Pt(line.size_pt)
        font.bold = line.bold
        font.italic = line.italic
        font.color.rgb = RGBColor(*line.colour)
        font._rPr.set("lang", run_language())


WRITTEN = [
    ([Line("Stay calm & don't pay <now>", 20, (26, 26, 26), bold=True)], "left", "middle", 6.0),
    ([Line("Two", 13.5, (255, 255, 255)), Line("lines\tand a bell \x07 and a return \r here", 11, (0, 82, 155), italic=True),
      Line("", 9.25, (1, 2, 3), bold=True, italic=True)], "centre", "top", 0.0),
    ([Line("Childline: 0800 1111", 24, (200, 16, 46))], "right", "bottom", 2.0),
    ([Line("\u00e2 Cymraeg \u2019 \u00b7 \u2013", 18, (10, 20, 30))], "left", "top", 7.2),  # python-pptx's default insets
]


@pytest.mark.parametrize("lines, align, anchor, pad_pt", WRITTEN)
def test_text_in_a_shape_is_the_xml_python_pptx_writes_through_its_proxies(lines, align, anchor, pad_pt):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    with group(slide, "Picture", "A picture") as grouped:
        ours = text_shape(grouped.shapes, MSO_SHAPE.ROUNDED_RECTANGLE, (10, 10, 200, 100), (238, 242, 247), lines,
                          align=align, anchor=anchor, pad_pt=pad_pt, line=(26, 26, 26), radius=12)
        own = shape(grouped.shapes, MSO_SHAPE.ROUNDED_RECTANGLE, (10, 10, 200, 100), (238, 242, 247), line=(26, 26, 26),
                    radius=12)
        _write_through_proxies(own, lines, align, anchor, pad_pt)
    assert etree.tostring(ours._element.txBody) == etree.tostring(own._element.txBody)
    assert [p.text for p in ours.text_frame.paragraphs] == [
        CT_RegularTextRun._escape_ctrl_chars(line.text) for line in lines]


def _shape_through_proxies(shapes, kind, box, fill, line=None, name="", line_pt=1.0, radius=None):
    """How shapes.shape made a shape through python-pptx's proxies before it wrote the XML."""
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    from toolkit.deck.shapes import _emu

    left, top, width, height = box
    added = shapes.add_shape(kind, _emu(left), _emu(top), _emu(width), _emu(height))
    if fill is None:
        added.fill.background()
    else:
        added.fill.solid()
        added.fill.fore_color.rgb = RGBColor(*fill)
    if line is None:
        added.line.fill.background()
    else:
        added.line.color.rgb = RGBColor(*line)
        added.line.width = Pt(line_pt)
    style = added._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}style")
    if style is not None:
        added._element.remove(style)
    if radius is not None and kind == MSO_SHAPE.ROUNDED_RECTANGLE:
        added.adjustments[0] = max(0.0, min(0.5, radius / min(width, height)))
    if name:
        added.name = name
    return added


SHAPES = [
    dict(kind=MSO_SHAPE.ROUNDED_RECTANGLE, box=(10.4, 20.25, 200, 80), fill=(238, 242, 247), radius=12, name="Option A"),
    dict(kind=MSO_SHAPE.ROUNDED_RECTANGLE, box=(0, 0, 30, 400), fill=None, line=(26, 26, 26), line_pt=1.5, radius=40),
    dict(kind=MSO_SHAPE.ROUNDED_RECTANGLE, box=(5, 5, 50, 50), fill=(1, 2, 3), radius=None),
    dict(kind=MSO_SHAPE.OVAL, box=(7, 8, 24, 24), fill=(200, 16, 46), line=(0, 0, 0), line_pt=0.0, radius=5),
    dict(kind=MSO_SHAPE.RECTANGLE, box=(100, 50, 300.3, 20.7), fill=None, name='Card: "Kooth" & <friends>\nline'),
    dict(kind=MSO_SHAPE.FLOWCHART_DELAY, box=(41, 34, 18, 26), fill=(26, 26, 26)),
]


@pytest.mark.parametrize("on_slide", [False, True], ids=["in-a-group", "on-the-slide"])
def test_a_shape_is_the_xml_python_pptx_makes_through_its_proxies(on_slide):
    prs = Presentation()
    slides = [prs.slides.add_slide(prs.slide_layouts[6]) for _unused in range(2)]
    made = []
    for slide, make in zip(slides, (shape, _shape_through_proxies)):
        with group(slide, "Picture", "A picture") as grouped:
            target = slide.shapes if on_slide else grouped.shapes
            made.append([make(target, **args) for args in SHAPES])
    ours, own = made
    assert [etree.tostring(s._element) for s in ours] == [etree.tostring(s._element) for s in own]
    assert [s.name for s in ours][:2] == ["Option A", "Rounded Rectangle %d" % (ours[1].shape_id - 1)]
