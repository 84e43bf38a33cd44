"""QR codes drawn as vector shapes: sharp at any printer resolution, and much faster to write than
an image (no PNG to decode and re-encode). Same settings as `toolkit.qr` (error correction M,
the standard four-module quiet zone), black on white for cameras."""

from __future__ import annotations

import functools
from typing import List, Tuple

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.platypus import Flowable

Run = Tuple[int, int, int]  # (row, first column, length) of dark modules


@functools.lru_cache(maxsize=256)
def dark_runs(url: str) -> Tuple[int, Tuple[Run, ...]]:
    """(modules per side including the quiet zone, horizontal runs of dark modules)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()
    runs: List[Run] = []
    for row, cells in enumerate(matrix):
        column = 0
        while column < len(cells):
            if cells[column]:
                start = column
                while column < len(cells) and cells[column]:
                    column += 1
                runs.append((row, start, column - start))
            else:
                column += 1
    return len(matrix), tuple(runs)


@functools.lru_cache(maxsize=512)
def _operators(url: str, size: float) -> str:
    """PDF path operators drawing the code in a size x size square at the origin."""
    modules, runs = dark_runs(url)
    unit = size / modules
    parts = ["q 1 g 0 0 %.3f %.3f re f 0 g" % (size, size)]
    parts += ["%.3f %.3f %.3f %.3f re" % (start * unit, size - (row + 1) * unit, length * unit, unit)
              for row, start, length in runs]
    parts.append("f Q")
    return "\n".join(parts)


class QrCode(Flowable):
    """A QR code for a web address, `size` points square."""

    def __init__(self, url: str, size: float):
        super().__init__()
        self.url, self.size = url, size
        self.hAlign = "CENTER"

    def wrap(self, *_):
        return self.size, self.size

    def draw(self):
        self.canv.addLiteral(_operators(self.url, round(self.size, 2)))
