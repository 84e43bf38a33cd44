"""The deck's drawing helpers (toolkit/deck/shapes.py) against python-pptx's own results."""

from __future__ import annotations

import io

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.util import Emu

from toolkit.deck.pictures import qr_picture
from toolkit.deck.shapes import group

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
