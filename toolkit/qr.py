"""QR codes for web addresses, as PNG bytes, so a pupil can open a route with a phone camera."""

from __future__ import annotations

import io

import qrcode
from qrcode.constants import ERROR_CORRECT_M


def qr_png(url: str, box_size: int = 10) -> bytes:
    """A black-on-white QR code with the standard quiet zone (maximum contrast for cameras)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=4)
    code.add_data(url)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def qr_svg(url: str) -> str:
    """The same code as inline SVG, for self-contained HTML pages."""
    import qrcode.image.svg

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4, image_factory=qrcode.image.svg.SvgPathImage)
    code.add_data(url)
    code.make(fit=True)
    return code.make_image().to_string(encoding="unicode")
