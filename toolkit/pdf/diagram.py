"""The referral flow as a simple diagram: numbered boxes joined by arrows, with one side branch.

Drawn with reportlab graphics. Every String names our font (graphics default to Helvetica), and
the arrows are labelled in words, so the flow reads the same in greyscale."""

from __future__ import annotations

from typing import List, Optional, Tuple

from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit

from ..wording.phrases import no, yes
from . import fonts
from .blocks import Flow
from .styles import INK, TINT
from .text import printable

ARROW_GAP = 8 * mm


def _lines(text: str, font: str, size: float, width: float) -> List[str]:
    return simpleSplit(printable(text), font, size, width)


def _box(drawing: Drawing, x: float, top: float, width: float, lines: List[str], size: float,
         accent: colors.Color, number: str = "", bold_first: bool = False) -> float:
    """Draw a box whose top edge is at `top`; returns its height."""
    leading = size * 1.25
    pad = size * 0.6
    height = len(lines) * leading + 2 * pad
    drawing.add(Rect(x, top - height, width, height, rx=4, ry=4, fillColor=TINT, strokeColor=accent, strokeWidth=1.2))
    y = top - pad - size
    indent = size * 1.6 if number else 0  # the number sits in its own column, left of the text
    for index, line in enumerate(lines):
        font = fonts.BOLD if (bold_first and index == 0) else fonts.REGULAR
        drawing.add(String(x + pad + indent, y, line, fontName=font, fontSize=size, fillColor=INK, textAnchor="start"))
        y -= leading
    if number:
        drawing.add(String(x + pad, top - pad - size, number + ".", fontName=fonts.BOLD, fontSize=size,
                           fillColor=INK, textAnchor="start"))
    return height


def _arrow_down(drawing: Drawing, x: float, top: float, bottom: float) -> None:
    drawing.add(Line(x, top, x, bottom + 4, strokeColor=INK, strokeWidth=1.2))
    drawing.add(Polygon([x - 4, bottom + 5, x + 4, bottom + 5, x, bottom], fillColor=INK, strokeColor=INK))


def _arrow_right(drawing: Drawing, y: float, left: float, right: float) -> None:
    drawing.add(Line(left, y, right - 4, y, strokeColor=INK, strokeWidth=1.2))
    drawing.add(Polygon([right - 5, y + 4, right - 5, y - 4, right, y], fillColor=INK, strokeColor=INK))


class FlowDiagram(Drawing):
    """The flow as one drawing that, when it is taller than a whole page (very large print, or long
    translated steps), splits between steps: the part on the page ends in an arrow down, the rest
    goes on over the page, its steps numbered on (starting where it stands, so its heading stays with
    it). A flow a page can hold moves to the next page whole, as any drawing does."""

    def __init__(self, width: float, height: float, parts: Tuple, **kw) -> None:
        super().__init__(width, height, **kw)
        self._parts = parts  # (flow, width, size, accent, first step, last step + 1)

    def split(self, avail_width: float, avail_height: float):
        frame = getattr(self, "_frame", None)
        if frame is None or self.height <= avail_height:
            return []
        page = frame._height - frame._topPadding - frame._bottomPadding
        if self.height <= page:
            return []  # as a drawing: over the page whole, since a fresh page holds it
        flow, width, size, accent, first, end = self._parts
        for cut in range(end - 1, first, -1):
            head = flow_drawing(flow, width, size, accent, first, cut)
            if head.height <= avail_height:
                return [head, flow_drawing(flow, width, size, accent, cut, end)]
        return []


def flow_drawing(flow: Flow, width: float, size: float, accent: colors.Color,
                 first: int = 0, end: Optional[int] = None) -> Drawing:
    """Main steps down the left; the branch box to the right of its step, joined by a labelled arrow.
    Steps `first` to `end` only (a part of a flow split over pages): a part that stops before the
    last step ends in an arrow down."""
    end = len(flow.steps) if end is None else end
    has_branch = flow.branch_from is not None and flow.branch
    large = size >= 14  # large type: the main steps take more of the width, so the diagram stays on a page
    main_width = width * ((0.68 if large else 0.58) if has_branch else 0.8)
    main_x = 0 if has_branch else (width - main_width) / 2
    branch_x = main_x + main_width + (14 if large else 22) * mm
    branch_width = width - branch_x
    pad = size * 0.6
    label_size = max(size * 0.9, min(size, 16))  # "Yes" and "No" never drop below large print
    label_width = main_width - 2 * pad - size * 1.6  # room for the step number
    boxes: List[Tuple[List[str], float]] = []
    for step in flow.steps[first:end]:
        lines = _lines(step, fonts.REGULAR, size, label_width)
        boxes.append((lines, len(lines) * size * 1.25 + 2 * pad))
    branch_lines = _lines(flow.branch, fonts.REGULAR, size, branch_width - 2 * pad) if has_branch else []
    branch_height = len(branch_lines) * size * 1.25 + 2 * pad
    more = end < len(flow.steps)  # the flow goes on over the page
    total = sum(h for _, h in boxes) + ARROW_GAP * (len(boxes) - 1 + more)
    drawing = FlowDiagram(width, total + 2, (flow, width, size, accent, first, end),
                          initialFontName=fonts.register_fonts(), initialFontSize=size)
    top = total + 1
    for index, (lines, height) in enumerate(boxes, start=first):
        _box(drawing, main_x, top, main_width, lines, size, accent, number=f"{index + 1}")
        if has_branch and index == flow.branch_from:
            middle = top - height / 2
            _arrow_right(drawing, middle, main_x + main_width, branch_x)
            drawing.add(String((main_x + main_width + branch_x) / 2, middle + 3, yes(), fontName=fonts.BOLD,
                               fontSize=label_size, fillColor=INK, textAnchor="middle"))
            _box(drawing, branch_x, middle + branch_height / 2, branch_width, branch_lines, size, accent)
        top -= height
        if index < end - 1 or more:
            _arrow_down(drawing, main_x + main_width / 2, top, top - ARROW_GAP)
            if has_branch and index == flow.branch_from:
                drawing.add(String(main_x + main_width / 2 + 6, top - ARROW_GAP / 2 - size * 0.3, no(),
                                   fontName=fonts.BOLD, fontSize=label_size, fillColor=INK))
            top -= ARROW_GAP
    return drawing
