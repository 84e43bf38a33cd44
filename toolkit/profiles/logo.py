"""Is a school's logo a real PNG or JPEG of a sensible size? Judged by its content, not its name."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import List, Tuple

from PIL import Image, UnidentifiedImageError

FORMATS = ("PNG", "JPEG")
MAX_BYTES = 2_000_000  # copied into every deck and handout of every pack
MAX_SIDE = 4000
MIN_SIDE = 32  # smaller than this is an icon, not a logo
BLURRY_BELOW = 100  # projected on a classroom screen, smaller logos look blurred

Problem = Tuple[str, str, str]  # (severity, message, hint)


def check_logo(path: Path, written: str) -> List[Problem]:
    """Problems with the logo at `path` (`written` is the path as the profile gives it)."""
    if not path.is_file():
        return [("error", f"logo '{written}' was not found", "give the path to a PNG or JPEG file, relative to the profile")]
    size = path.stat().st_size
    if size > MAX_BYTES:
        return [("error", f"logo '{written}' is {size / 1_000_000:.1f} MB; the limit is {MAX_BYTES // 1_000_000} MB",
                 "save a smaller copy, e.g. 600 pixels wide, as PNG")]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind, (width, height) = image.format, image.size
                image.verify()
            with Image.open(path) as image:
                image.load()  # verify() skips the pixel data; a truncated file fails here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        return [("error", f"logo '{written}' cannot be read as an image ({type(exc).__name__})",
                 "export the logo again as PNG or JPEG")]
    if kind not in FORMATS:
        return [("error", f"logo '{written}' is a {kind} image; only PNG and JPEG work in every output",
                 "save it as PNG (or JPEG for photographs)")]
    if max(width, height) > MAX_SIDE:
        return [("error", f"logo '{written}' is {width} x {height} pixels; the limit is {MAX_SIDE} pixels a side",
                 "save a smaller copy, e.g. 600 pixels wide")]
    if min(width, height) < MIN_SIDE:
        return [("error", f"logo '{written}' is only {width} x {height} pixels",
                 f"use a copy at least {BLURRY_BELOW} pixels on its shorter side")]
    if min(width, height) < BLURRY_BELOW:
        return [("warning", f"logo '{written}' is {width} x {height} pixels and will look blurred on a classroom screen",
                 f"use a copy at least {BLURRY_BELOW} pixels on its shorter side")]
    return []
