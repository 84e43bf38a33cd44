"""The helping hand, drawn as a hand: the closing activity of the youngest pupils' lesson, where
each child draws round their own hand, writes a trusted adult on each finger and a helpline in the
palm. The slide shows the model to copy: an open hand in editable shapes, a line on each finger to
write on and the lesson's words in the palm, described by its alt text."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional, Tuple

from pptx.enum.shapes import MSO_SHAPE

from ..colours import INK, RGB, WHITE
from ..wording import _
from . import wording as w
from .fit import WIDTH_SAFETY
from .metrics import count_lines, line_height_em
from .shapes import PAD_PT, Line, group, rule, shape, text_shape

# The hand in a 100 x 130 unit box: (left, top, width, height) of each finger, little finger last.
_FINGERS = ((17, 14, 15, 56), (33, 2, 15, 66), (49, 6, 15, 62), (65, 20, 14, 48))
_THUMB = (-4, 62, 16, 44)  # drawn upright, then turned outwards
_THUMB_TURN = -38.0
_PALM = (14, 56, 68, 72)
_UNITS = (100.0, 130.0)
SKIN_LINE_PT = 2.5
PALM_SIZES = (28, 24, 20)  # the palm's words: the deck's body size at most, never under 20 pt


def _tint(colour: RGB, share: float = 0.82) -> RGB:
    """`colour` mixed with white: a pale fill that any ink reads on."""
    return tuple(int(round(c + (255 - c) * share)) for c in colour)  # type: ignore[return-value]


@dataclass(frozen=True)
class HelpingHand:
    """A hand to copy, with `palm` written in its palm."""

    palm: str

    @property
    def alt_text(self) -> str:
        return _(w.HAND_ALT, palm=self.palm)

    @staticmethod
    def _scale(box_w: float, box_h: float) -> float:
        return min(box_w / _UNITS[0], box_h / _UNITS[1])

    def palm_size(self, box_w: float, box_h: float, largest: int) -> Optional[int]:
        """The largest size at most `largest` at which the palm's words fit the palm, or None."""
        s = self._scale(box_w, box_h)
        width, height = _PALM[2] * s - 2 * PAD_PT, _PALM[3] * s * 0.7
        for size in (p for p in PALM_SIZES if p <= largest):
            lines = count_lines([(self.palm, True)], size, width * WIDTH_SAFETY)
            if lines * line_height_em() * size + PAD_PT <= height:
                return size
        return None

    def problem(self, box_w: float, box_h: float) -> Optional[str]:
        if self.palm_size(box_w, box_h, PALM_SIZES[0]) is None:
            return _("the words for the palm of the helping hand are too long to fit it, even at {size} pt: "
                     "keep them to a few words, such as a helpline's name and number", size=PALM_SIZES[-1])
        return None

    def draw(self, slide, box: Tuple[float, float, float, float], brand: RGB, size: int):
        left, top, box_w, box_h = box
        s = self._scale(box_w, box_h)
        x0 = left + (box_w - _UNITS[0] * s) / 2 + 4 * s  # the thumb reaches a little left of the box
        y0 = top + (box_h - _UNITS[1] * s) / 2
        fill = _tint(brand)
        with group(slide, _(w.HAND_NAME), self.alt_text) as picture:
            shapes = picture.shapes

            def at(units):
                x, y, width, height = units
                return (x0 + x * s, y0 + y * s, width * s, height * s)

            thumb = shape(shapes, MSO_SHAPE.ROUNDED_RECTANGLE, at(_THUMB), fill, brand, _("Thumb"),
                          line_pt=SKIN_LINE_PT, radius=_THUMB[2] * s / 2)
            thumb.rotation = _THUMB_TURN
            for number, finger in enumerate(_FINGERS, start=2):
                shape(shapes, MSO_SHAPE.ROUNDED_RECTANGLE, at(finger), fill, brand, _("Finger {number}", number=number),
                      line_pt=SKIN_LINE_PT, radius=finger[2] * s / 2)
            palm = at(_PALM)
            shape(shapes, MSO_SHAPE.ROUNDED_RECTANGLE, palm, fill, brand, _("Palm"), line_pt=SKIN_LINE_PT,
                  radius=24 * s)
            # A line to write on along each finger and the thumb, as the pupils' own drawings will have.
            for finger in _FINGERS:
                x, y, width, height = at(finger)
                middle = x + width / 2
                rule(shapes, middle, y + width * 0.8, middle, palm[1] - 5 * s, brand, 1.5, dashed=True)  # down to the palm
            x, y, width, height = at(_THUMB)
            centre_x, centre_y, turn = x + width / 2, y + height / 2, math.radians(_THUMB_TURN)
            ends = [(centre_x - along * math.sin(turn), centre_y + along * math.cos(turn))
                    for along in (-(height / 2 - width * 0.8), height / 2 - 12 * s)]
            rule(shapes, *ends[0], *ends[1], brand, 1.5, dashed=True)
            words = self.palm_size(box_w, box_h, size) or PALM_SIZES[-1]
            px, py, pw, ph = palm
            lines = count_lines([(self.palm, True)], words, (pw - 12 * s - 2 * PAD_PT) * WIDTH_SAFETY)
            label_h = lines * line_height_em() * words + 2 * PAD_PT
            text_shape(shapes, MSO_SHAPE.ROUNDED_RECTANGLE, (px + 6 * s, py + (ph - label_h) / 2 + 4 * s, pw - 12 * s, label_h),
                       WHITE, [Line(self.palm, words, INK, bold=True)], align="centre", name=_("Palm words"),
                       radius=10, line=brand)
        return picture
