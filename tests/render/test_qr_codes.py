"""One QR code per address (toolkit/qr.py), made once and drawn three ways: the PNG, SVG and PDF
stencil are what qrcode itself draws for a code made afresh with the same settings."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M

from toolkit.pdf.qr import stencil
from toolkit.qr import qr_matrix, qr_png, qr_svg

ADDRESSES = ["https://www.childline.org.uk/", "https://www.ceop.police.uk/Safety-Centre/", "https://example.org/x?y=1"]


def _fresh(url: str, **settings) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4, **settings)
    code.add_data(url)
    code.make(fit=True)
    return code


def test_each_drawing_matches_a_code_made_afresh():
    for url in ADDRESSES * 2:  # the second time from the cache
        assert qr_matrix(url) == _fresh(url).get_matrix()
        for size in (10, 8, 3):
            made = _fresh(url, box_size=size).make_image(fill_color="black", back_color="white")
            buffer = io.BytesIO()
            made.save(buffer, format="PNG")
            assert qr_png(url, box_size=size) == buffer.getvalue()
        assert qr_svg(url) == _fresh(url, image_factory=qrcode.image.svg.SvgPathImage).make_image().to_string(
            encoding="unicode")


def test_drawing_at_one_size_leaves_the_code_for_the_next():
    url = ADDRESSES[0]
    small = Image.open(io.BytesIO(qr_png(url, box_size=2)))
    large = Image.open(io.BytesIO(qr_png(url, box_size=10)))
    modules = len(qr_matrix(url))
    assert small.size == (modules * 2, modules * 2) and large.size == (modules * 10, modules * 10)


def test_the_pdf_stencil_paints_the_dark_modules():
    url = ADDRESSES[1]
    modules, samples = stencil(url)
    matrix = _fresh(url).get_matrix()
    assert modules == len(matrix)
    row_bytes = -(-modules // 8)
    for row, cells in enumerate(matrix):
        bits = bin(int(samples[row * row_bytes * 2:(row + 1) * row_bytes * 2], 16))[2:].zfill(row_bytes * 8)
        assert [bit == "0" for bit in bits[:modules]] == cells  # 0 paints: a dark module
