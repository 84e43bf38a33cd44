"""Boxed text without reportlab's Table: a panel (a stack of paragraphs with padding, a border, a
background and an optional picture beside it) and a row of panels of equal height.

A Table works out spans, styles and row splits every time it is wrapped; a handout's boxes need
none of that, and drawing them directly keeps the layout quick. A row never splits, so a box never
breaks across columns or pages."""

from __future__ import annotations

from typing import Dict, Optional, Sequence, Tuple

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

BIG = 1e6  # height offered to content: boxes take what they need


def stack_size(flowables: Sequence[Flowable], width: float) -> Tuple[float, list]:
    """Height of `flowables` one under another in `width` (as a table cell stacks them: the first
    one's space before and the last one's space after left out), and each one's height."""
    heights = [flowable.wrap(width, BIG)[1] for flowable in flowables]
    total = sum(h + f.getSpaceBefore() + f.getSpaceAfter() for f, h in zip(flowables, heights))
    if flowables:
        total -= flowables[0].getSpaceBefore() + flowables[-1].getSpaceAfter()
    return total, heights


def draw_stack(canvas, flowables: Sequence[Flowable], heights: Sequence[float], x: float, top: float) -> None:
    y = top + (flowables[0].getSpaceBefore() if flowables else 0)
    for flowable, height in zip(flowables, heights):
        y -= flowable.getSpaceBefore() + height
        flowable.drawOn(canvas, x, y)
        y -= flowable.getSpaceAfter()


class Panel(Flowable):
    """`content` stacked inside `pad` of padding, with `side` (a QR code, say) centred in a column
    `side_width` wide on the right, top-aligned. The border is drawn last, over the background."""

    def __init__(self, content: Sequence[Flowable], pad: float, border: Color, border_width: float,
                 background: Optional[Color] = None, side: Optional[Flowable] = None, side_width: float = 0):
        super().__init__()
        self.content, self.pad, self.side, self.side_width = list(content), pad, side, side_width if side else 0
        self.border, self.border_width, self.background = border, border_width, background
        self._measured: Dict[float, Tuple[float, list]] = {}

    def _layout(self, width: float) -> Tuple[float, list]:
        """(height of what is inside the padding, each content flowable's height) at outer `width`."""
        if width not in self._measured:
            text, heights = stack_size(self.content, width - 2 * self.pad - self.side_width)
            side = self.side.wrap(self.side_width, BIG)[1] if self.side else 0
            self._measured[width] = (max(text, side), heights)
        return self._measured[width]

    def height_at(self, width: float) -> float:
        return self._layout(width)[0] + 2 * self.pad

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, self.height_at(availWidth)
        return self.width, self.height

    def draw(self):
        self.draw_in(self.canv, 0, 0, self.width, self.height)

    def draw_in(self, canvas, x: float, y: float, width: float, height: float) -> None:
        """Draw the panel filling the rectangle at (x, y), `width` by `height` (at least its own height)."""
        # Wrapped again at this width (a cheap look-up) in case a paragraph was last wrapped elsewhere.
        _, heights = stack_size(self.content, width - 2 * self.pad - self.side_width)
        if self.background is not None:
            canvas.saveState()
            canvas.setFillColor(self.background)
            canvas.rect(x, y, width, height, stroke=0, fill=1)
            canvas.restoreState()
        top = y + height - self.pad
        draw_stack(canvas, self.content, heights, x + self.pad, top)
        if self.side is not None:
            side_w, side_h = self.side.wrap(self.side_width, BIG)
            left = x + width - self.pad - self.side_width + (self.side_width - side_w) / 2
            self.side.drawOn(canvas, left, top - side_h)
        canvas.saveState()
        canvas.setStrokeColor(self.border)
        canvas.setLineWidth(self.border_width)
        canvas.rect(x, y, width, height, stroke=1, fill=0)
        canvas.restoreState()


class PanelRow(Flowable):
    """Panels side by side, each `cell_width` wide and all as tall as the tallest, from the left."""

    def __init__(self, panels: Sequence[Panel], cell_width: float):
        super().__init__()
        self.panels, self.cell_width = list(panels), cell_width

    def wrap(self, availWidth, availHeight):
        self.width = self.cell_width * len(self.panels)
        self.height = max(panel.height_at(self.cell_width) for panel in self.panels)
        return self.width, self.height

    def draw(self):
        for index, panel in enumerate(self.panels):
            panel.draw_in(self.canv, index * self.cell_width, 0, self.cell_width, self.height)
