"""Zip files that come out byte for byte the same every time: fixed dates, order and permissions."""

from __future__ import annotations

import io
import zipfile
from typing import Sequence, Tuple

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold


def zipped(files: Sequence[Tuple[str, bytes]]) -> bytes:
    """A zip of `files` in the order given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, wherever the build runs
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def rezipped(data: bytes) -> bytes:
    """The same zip (e.g. an .xlsx a library wrote with today's date) with fixed dates."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return zipped([(info.filename, archive.read(info)) for info in archive.infolist()])
