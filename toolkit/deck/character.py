"""The friendly guide on the youngest pupils' title slide: a round, smiling character drawn in
editable shapes, waving. Decorative: it says nothing the slide does not."""

from __future__ import annotations

from pptx.enum.shapes import MSO_SHAPE

from ..colours import RGB
from ..wording import _
from .shapes import decorative, group, shape

YOUNGEST_WITH_GUIDE = 11  # audiences whose youngest pupils are under this age (KS2) get the guide
FACE: RGB = (255, 202, 58)
INK: RGB = (40, 40, 40)
CHEEK: RGB = (255, 150, 120)


def wants_guide(audience) -> bool:
    return audience.is_pupils and audience.youngest < YOUNGEST_WITH_GUIDE


def draw_guide(slide, left: float, top: float, size: float, brand: RGB):
    """The guide in a `size`-point square at (`left`, `top`), in points."""
    from . import wording as w

    with group(slide, _(w.GUIDE_NAME), "") as picture:
        s = size / 100.0
        shapes = picture.shapes

        def at(kind, x, y, width, height, fill, line=None):
            return shape(shapes, kind, (left + x * s, top + y * s, width * s, height * s), fill, line)

        at(MSO_SHAPE.ROUNDED_RECTANGLE, 24, 64, 52, 36, brand)  # body
        at(MSO_SHAPE.OVAL, 15, 2, 70, 68, FACE, INK)  # head
        at(MSO_SHAPE.OVAL, 32, 22, 8, 12, INK)  # eyes
        at(MSO_SHAPE.OVAL, 60, 22, 8, 12, INK)
        at(MSO_SHAPE.OVAL, 23, 38, 10, 7, CHEEK)  # cheeks
        at(MSO_SHAPE.OVAL, 67, 38, 10, 7, CHEEK)
        mouth = at(MSO_SHAPE.FLOWCHART_DELAY, 41, 34, 18, 26, INK)  # a wide smile: a half circle, flat side up
        mouth.rotation = 90
        decorative(picture)
    return picture
