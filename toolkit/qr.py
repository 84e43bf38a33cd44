"""QR codes for web addresses, so a pupil can open a route with a phone camera: the one place a code
is made (error correction M, the standard four-module quiet zone), drawn as PNG bytes (slides), inline
SVG (web pages) or a one-bit stencil (PDFs, toolkit/pdf/qr.py)."""

from __future__ import annotations

import copy
import functools
import io
from typing import TYPE_CHECKING, List

if TYPE_CHECKING:
    import qrcode


@functools.lru_cache(maxsize=256)
def _code(url: str) -> qrcode.QRCode:
    """The code for `url`, made once per process (choosing its mask is the slow part): every format
    of every unit draws the same support routes' codes. Drawing does not change it. (qrcode is
    imported here, when a code is first made: `validate` lays slides out but draws none.)"""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    code.add_data(url)
    code.make(fit=True)
    return code


def qr_matrix(url: str) -> List[List[bool]]:
    """The code's modules, row by row from the top, quiet zone included (True: dark)."""
    return _code(url).get_matrix()


def qr_png(url: str, box_size: int = 10) -> bytes:
    """A black-on-white QR code with the standard quiet zone (maximum contrast for cameras)."""
    code = copy.copy(_code(url))  # the same modules, drawn at this size
    code.box_size = box_size
    image = code.make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def qr_svg(url: str) -> str:
    """The same code as inline SVG, for self-contained HTML pages."""
    import qrcode.image.svg

    return _code(url).make_image(image_factory=qrcode.image.svg.SvgPathImage).to_string(encoding="unicode")
