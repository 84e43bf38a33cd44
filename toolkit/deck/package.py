"""The saved deck as reproducible bytes: two builds of the same lesson give the same file, so
school packs can be zipped and compared.

python-pptx stamps each part in the .pptx (a zip file) with the time it was saved, and the
platform it was saved on; the parts are written again here with the lesson's review date."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

_UNIX = 3  # the "made by" system recorded in the zip, the same whatever system builds it


def stable_zip(data: bytes, when: dt.date) -> bytes:
    """`data` (a zip file) with every entry dated `when` at midnight, in the same order."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)  # zip dates start in 1980
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = _UNIX
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()
