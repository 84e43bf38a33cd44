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


@functools.lru_cache(maxsize=256)
def _modules(url: str) -> Tuple[int, str]:
    """(modules per side, PDF path operators for the dark modules, one unit per module)."""
    modules, runs = dark_runs(url)
    return modules, " ".join(f"{start} {modules - row - 1} {length} 1 re" for row, start, length in runs)


def _operators(url: str, size: float) -> str:
    """PDF operators drawing the code in a size x size square at the origin: the modules are drawn
    in units of one module (short numbers: a small content stream), scaled to `size`."""
    modules, path = _modules(url)
    unit = size / modules
    return f"q {unit:.5f} 0 0 {unit:.5f} 0 0 cm 1 g 0 0 {modules} {modules} re f 0 g {path} f Q"


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
