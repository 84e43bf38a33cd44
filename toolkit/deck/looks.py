"""The layouts as the deck uses them: where their title and body placeholders sit, the text area
inside them, and the text colours chosen against each layout's real background."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Tuple

from pptx.util import Inches

from ..colours import AA_NORMAL, INK, RGB, WHITE, contrast
from ..errors import LessonkitError
from .fit import Box
from .palette import background, readable_on
from .pictures import GAP_IN, QR_WIDTH_IN, qr_height_in
from .template import NEEDS, body_placeholders, title_placeholder
from ..wording import _

SIDE_INSET = Inches(0.1)
END_INSET = Inches(0.05)
EMU_PER_PT = 12700


def text_box(width: int, height: int) -> Box:
    """The text area inside a placeholder's insets, in points."""
    return Box((width - 2 * SIDE_INSET) / EMU_PER_PT, (height - 2 * END_INSET) / EMU_PER_PT)


@dataclass(frozen=True)
class Frame:
    """Where a layout's placeholder sits, read once per deck."""

    idx: int
    left: int
    top: int
    width: int
    height: int

    @classmethod
    def of(cls, placeholder, layout_name: str) -> "Frame":
        where = (placeholder.left, placeholder.top, placeholder.width, placeholder.height)
        if None in where:
            raise LessonkitError(
                _("the template's '{layout}' layout has a placeholder without a position "
                  "('{placeholder}'). Open the slide master in PowerPoint, reset the layout, save and try again.",
                  layout=layout_name, placeholder=placeholder.name)
            )
        return cls(placeholder.placeholder_format.idx, *where)

    @property
    def box(self) -> Box:
        return text_box(self.width, self.height)

    @property
    def text_width_beside_qr(self) -> int:
        """The width left for text when QR codes stand at the right of this frame."""
        return self.width - Inches(QR_WIDTH_IN + GAP_IN)


class Look:
    """One layout as the deck uses it: its title and body frames (one, or two side by side) and
    text colours chosen against its real background."""

    def __init__(self, role: str, layout, theme: Dict[str, RGB], brand: RGB):
        self.layout = layout
        self.title = Frame.of(title_placeholder(layout), layout.name)
        need = next(n for n in NEEDS if n.role == role)
        self.bodies: Tuple[Frame, ...] = tuple(
            Frame.of(p, layout.name) for p in body_placeholders(layout, need.body)[:need.bodies])
        self.background = background(layout, theme)
        bg = self.background if self.background is not None else WHITE
        self.title_colour = readable_on(bg, brand)
        self.body_colour = readable_on(bg, INK)
        link = theme.get("hlink")
        self.links = link is not None and contrast(link, bg) >= AA_NORMAL

    @property
    def body(self) -> Frame:
        return self.bodies[0]

    def column_box(self, with_qr: bool) -> Box:
        """The text area every column of this layout offers (the smallest, if they differ), and
        how many QR codes fit beside it."""
        height = min(f.height for f in self.bodies)
        if with_qr:
            qr_h, gap = Inches(qr_height_in()), Inches(GAP_IN)
            capacity = int((height + gap) // (qr_h + gap))
            if capacity >= 1:
                narrowed = text_box(min(f.text_width_beside_qr for f in self.bodies), height)
                return Box(narrowed.width_pt, narrowed.height_pt, capacity, len(self.bodies))
        plain = text_box(min(f.width for f in self.bodies), height)
        return Box(plain.width_pt, plain.height_pt, 0, len(self.bodies))
