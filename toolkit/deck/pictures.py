"""Pictures on slides: QR codes captioned with the service's name, and the school's logo."""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Optional, Tuple

from PIL import Image, ImageDraw, ImageFont

from ..qr import qr_png
from .metrics import font_path

QR_WIDTH_IN = 1.25
CAPTION_RATIO = 0.34  # caption band height as a share of the width: two lines of the name
GAP_IN = 0.1


def qr_height_in() -> float:
    return QR_WIDTH_IN * (1 + CAPTION_RATIO)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int):
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and draw.textlength(trial, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return lines + [line]


@lru_cache(maxsize=256)
def captioned_qr(name: str, url: str) -> bytes:
    """A QR code with the service's name printed under it, black on white (cached: the same
    routes appear in every deck)."""
    code = Image.open(io.BytesIO(qr_png(url, box_size=8))).convert("L")
    size = code.width
    band = int(size * CAPTION_RATIO)
    image = Image.new("L", (size, size + band), 255)
    image.paste(code, (0, 0))
    draw = ImageDraw.Draw(image)
    margin = size // 12
    for points in range(size // 9, size // 24, -2):
        font = ImageFont.truetype(font_path(bold=True), points)
        lines = _wrap(draw, name, font, size - 2 * margin)
        if len(lines) <= 2 and all(draw.textlength(l, font=font) <= size - 2 * margin for l in lines):
            break
    line_height = int(points * 1.2)
    top = size - margin // 2 + (band - line_height * len(lines)) // 2
    for i, line in enumerate(lines[:2]):
        width = draw.textlength(line, font=font)
        draw.text(((size - width) / 2, top + i * line_height), line, fill=0, font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def logo_image(path: str) -> Tuple[Optional[bytes], Tuple[int, int], str]:
    """(PNG or JPEG bytes, pixel size, problem): the school's logo, checked before it is placed."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            size, kind = image.size, image.format
    except (OSError, ValueError, Image.DecompressionBombError) as problem:
        return None, (0, 0), str(problem) or problem.__class__.__name__
    if kind not in ("PNG", "JPEG", "GIF"):
        return None, (0, 0), f"it is a {kind} image; use a PNG or JPEG"
    return data, size, ""
