"""WCAG colour contrast, and accessible shades of a school's brand colour."""

from __future__ import annotations

from typing import Tuple

RGB = Tuple[int, int, int]

AA_NORMAL = 4.5  # WCAG 2.1 AA for body text
AA_LARGE = 3.0  # WCAG 2.1 AA for large text (18 pt, or 14 pt bold) and graphics

WHITE: RGB = (255, 255, 255)
INK: RGB = (26, 26, 26)  # near-black body text


def parse_hex(colour: str) -> RGB:
    """'#1D4E89' -> (29, 78, 137)."""
    value = colour.strip().lstrip("#")
    if len(value) != 6 or any(c not in "0123456789abcdefABCDEF" for c in value):
        raise ValueError(f"'{colour}' is not a colour like #1D4E89")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def to_hex(rgb: RGB) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: RGB) -> float:
    r, g, b = (_channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio, from 1 (none) to 21 (black on white)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def darken_until(colour: RGB, against: RGB, ratio: float = AA_NORMAL) -> RGB:
    """The nearest darker shade of `colour` that reaches `ratio` against `against`."""
    shade = colour
    for step in range(0, 101):
        factor = 1 - step / 100
        shade = tuple(round(v * factor) for v in colour)  # type: ignore[assignment]
        if contrast(shade, against) >= ratio:
            return shade
    return shade


def accessible_on_white(colour: str, ratio: float = AA_NORMAL) -> Tuple[str, bool]:
    """(a shade usable as text or background with white, whether it had to change)."""
    rgb = parse_hex(colour)
    if contrast(rgb, WHITE) >= ratio:
        return to_hex(rgb), False
    return to_hex(darken_until(rgb, WHITE, ratio)), True
