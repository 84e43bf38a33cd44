"""QR codes for web addresses, so a pupil can open a route with a phone camera: as PNG bytes (the
slides), as inline SVG (the web pages) and as a matrix of modules (the PDFs draw it as a stencil).

Each address's code is worked out once a process (`_code`) and drawn in every form from it: making
a code (qrcode tries all eight mask patterns and keeps the best) costs more than drawing it, and the
same support routes' addresses are on the slides, the handouts and their web pages."""

from __future__ import annotations

import copy
import functools
import io
from typing import List

import qrcode
from qrcode.constants import ERROR_CORRECT_M

BORDER = 4  # the standard quiet zone, in modules


@functools.lru_cache(maxsize=256)
def _code(url: str) -> qrcode.QRCode:
    """The code for `url`, made (error correction M, its version the smallest that fits, the best mask),
    at qrcode's default 10 pixels a module. Shared: only read, never changed (`make_image` and
    `get_matrix` read it; `qr_png` draws from a copy at another size)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=BORDER)
    code.add_data(url)
    code.make(fit=True)
    return code


def qr_png(url: str, box_size: int = 10) -> bytes:
    """A black-on-white QR code with the standard quiet zone (maximum contrast for cameras),
    `box_size` pixels a module."""
    code = copy.copy(_code(url))  # the same modules (shared, only read), drawn at this size
    code.box_size = int(box_size)
    image = code.make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def qr_svg(url: str) -> str:
    """The same code as inline SVG, for self-contained HTML pages."""
    import qrcode.image.svg

    return _code(url).make_image(image_factory=qrcode.image.svg.SvgPathImage).to_string(encoding="unicode")


def qr_matrix(url: str) -> List[List[bool]]:
    """The code's modules row by row from the top, the quiet zone included: True for a dark one."""
    return _code(url).get_matrix()
