"""QR codes drawn as a one-bit stencil (an inline image mask): each module is one sample, so the
edges stay sharp at any printer resolution, and a code takes a couple of hundred bytes of the page
rather than a path of hundreds of rectangles. The same code as the slides and web pages
(`toolkit.qr`: error correction M, the standard four-module quiet zone), black on white for cameras."""

from __future__ import annotations

import functools
from typing import Tuple

from reportlab.platypus import Flowable

from ..qr import qr_matrix


@functools.lru_cache(maxsize=256)
def stencil(url: str) -> Tuple[int, str]:
    """(modules per side including the quiet zone, the samples row by row from the top, in hex).
    A 0 bit paints (the default for an image mask), so dark modules are 0."""
    matrix = qr_matrix(url)
    rows = []
    for cells in matrix:
        bits = "".join("0" if dark else "1" for dark in cells)
        bits += "1" * (-len(bits) % 8)  # each row fills whole bytes
        rows.append(int(bits, 2).to_bytes(len(bits) // 8, "big").hex())
    return len(matrix), "".join(rows)


def _operators(url: str, size: float) -> str:
    """PDF operators drawing the code in a size x size square at the origin: a white square, then
    the dark modules painted through the stencil in black (PDF 1.7, 8.9.6.2 and 8.9.7)."""
    modules, samples = stencil(url)
    return (f"q 1 g 0 0 {size:.2f} {size:.2f} re f 0 g {size:.2f} 0 0 {size:.2f} 0 0 cm "
            f"BI /W {modules} /H {modules} /IM true /BPC 1 /F /AHx ID {samples}> EI Q")


class QrCode(Flowable):
    """A QR code for a web address, `size` points square."""

    def __init__(self, url: str, size: float):
        super().__init__()
        self.url, self.size = url, size
        self.hAlign = "CENTER"

    def wrap(self, *_):
        return self.size, self.size

    def draw(self):
        self.canv.addLiteral(_operators(self.url, self.size))
