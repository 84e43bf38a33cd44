"""Each address's QR code is made once and drawn from it in every form (`toolkit.qr`): each form
is what qrcode makes afresh with the same settings, whatever was drawn before it."""

from __future__ import annotations

import io

import pytest
import qrcode
import qrcode.image.svg
from qrcode.constants import ERROR_CORRECT_M

from toolkit.pdf.qr import stencil
from toolkit.qr import qr_matrix, qr_png, qr_svg

URLS = ("https://www.childline.org.uk/", "https://www.ceop.police.uk/Safety-Centre/",
        "https://www.childline.org.uk/info-advice/bullying-abuse-safety/online-mobile-safety/report-remove-down/")


def _fresh(url: str, **settings) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4, **settings)
    code.add_data(url)
    code.make(fit=True)
    return code


def _png(code: qrcode.QRCode) -> bytes:
    buffer = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("url", URLS)
def test_every_form_is_what_qrcode_makes_afresh(url):
    # in an order that draws at another size first: the shared code must not keep that size
    assert qr_png(url, box_size=8) == _png(_fresh(url, box_size=8))
    assert qr_png(url) == _png(_fresh(url))
    assert qr_png(url, box_size=3) == _png(_fresh(url, box_size=3))
    assert qr_svg(url) == _fresh(url, image_factory=qrcode.image.svg.SvgPathImage).make_image().to_string(
        encoding="unicode")
    assert qr_matrix(url) == _fresh(url).get_matrix()
    assert qr_png(url, box_size=8) == _png(_fresh(url, box_size=8))


@pytest.mark.parametrize("url", URLS)
def test_the_pdf_stencil_paints_the_dark_modules_of_the_same_code(url):
    matrix = _fresh(url).get_matrix()
    modules, samples = stencil(url)
    assert modules == len(matrix)
    width = 2 * -(-modules // 8)  # hex digits a row: whole bytes
    rows = [samples[i:i + width] for i in range(0, len(samples), width)]
    assert len(rows) == modules
    decoded = [bin(int(row, 16))[2:].zfill(4 * width)[:modules] for row in rows]
    assert decoded == ["".join("0" if dark else "1" for dark in cells) for cells in matrix]  # 0 paints
    assert any("0" in row for row in decoded) and decoded[0] == "1" * modules  # dark modules; a light quiet zone
