"""Pictures on slides: QR codes for web addresses, and the school's logo."""

from __future__ import annotations

import functools

import io
from functools import lru_cache
from typing import Optional, Tuple

from PIL import Image

from ..qr import qr_png
from ..wording import _

QR_WIDTH_IN = 1.0  # about 15 cm across on a classroom screen two metres wide
GAP_IN = 0.05  # the code's own white border (quiet zone) keeps it clear of the text


def qr_height_in() -> float:
    return QR_WIDTH_IN


@lru_cache(maxsize=256)
def qr_picture(url: str) -> bytes:
    """A QR code for `url`, black on white (cached: the same routes appear in every deck). The
    service's name is beside it on the slide and in its alt text."""
    code = Image.open(io.BytesIO(qr_png(url, box_size=8))).convert("1")
    buffer = io.BytesIO()
    code.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def school_logo(school) -> Tuple[Optional[Tuple[bytes, Tuple[int, int], str]], str]:
    """The school's logo as every format places it: ((bytes, pixel size, alt text), "") when the
    profile gives one that can be read; (None, problem) when it cannot; (None, "") when it has none."""
    if school is None or not school.logo:
        return None, ""
    data, pixels, problem = _cached_logo(str(school.logo))
    if data is None:
        return None, problem
    return (data, pixels, school.logo_alt or _("{school} logo", school=school.name)), ""


@functools.lru_cache(maxsize=16)
def _cached_logo(path: str) -> Tuple[Optional[bytes], Tuple[int, int], str]:
    return logo_image(path)


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
