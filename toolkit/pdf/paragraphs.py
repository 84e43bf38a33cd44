"""Paragraphs that break into lines once per width.

reportlab re-breaks a paragraph's lines every time it is wrapped, and a handout's paragraphs are
wrapped many times at the same width: when the planner measures them, when a frame places them,
inside tables and kept-together groups, and once per card on a sheet of pocket cards. Breaking
lines depends only on the text, the style and the width, so the result is kept per width and the
output is exactly the same."""

from __future__ import annotations

from typing import Dict, Tuple

from reportlab.platypus import Paragraph as _Paragraph
from reportlab.rl_config import _FUZZ


class Paragraph(_Paragraph):
    """A Paragraph that remembers its line breaks for each width it has been wrapped at."""

    def wrap(self, availWidth, availHeight):
        measured: Dict[float, Tuple] = self.__dict__.setdefault("_measured", {})
        found = measured.get(availWidth)
        if found is not None:
            self.blPara, self._wrapWidths, self.width, self.height = found
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        if availWidth >= _FUZZ:  # narrower than that, reportlab returns early and sets nothing
            measured[availWidth] = (self.blPara, self._wrapWidths, width, height)
        return width, height
