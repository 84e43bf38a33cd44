"""The saved deck as reproducible bytes: two builds of the same lesson give the same file, so
school packs can be zipped and compared.

python-pptx stamps each part in the .pptx (a zip file) with the time it was saved, and the
platform it was saved on; the parts are written here with the lesson's review date instead."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Iterable, List, Tuple

_UNIX = 3  # the "made by" system recorded in the zip, the same whatever system builds it


def stable_zip(data: bytes, when: dt.date) -> bytes:
    """`data` (a zip file) with every entry dated `when` at midnight, in the same order."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return _stable(((entry.filename, source.read(entry.filename)) for entry in source.infolist()), when)


def stable_pptx(prs, when: dt.date) -> bytes:
    """The .pptx bytes of `prs` (a python-pptx Presentation), as `stable_zip(<prs saved>, when)`
    gives them, without python-pptx compressing every part only for them to be read back.

    python-pptx's `Presentation.save` comes down to `OpcPackage.save`, which hands the package's
    relationships and parts to `PackageWriter`; its three steps (the content types, the package's
    relationships, then each part and its relationships) are run here, as `PackageWriter._write`
    runs them, into a list (python-pptx's `_ZipPkgWriter.write` has the same signature) instead of
    a zip file: the same entries, with the same names and bytes, in the same order."""
    from pptx.opc.serialized import PackageWriter

    package = prs.part.package
    entries = _Entries()
    writer = PackageWriter(None, package._rels, tuple(package.iter_parts()))
    writer._write_content_types_stream(entries)
    writer._write_pkg_rels(entries)
    writer._write_parts(entries)
    return _stable(entries.items, when)


class _Entries:
    """Stands in for python-pptx's `_ZipPkgWriter`: keeps each (name in the zip, bytes) written."""

    def __init__(self):
        self.items: List[Tuple[str, bytes]] = []

    def write(self, pack_uri, blob: bytes) -> None:
        self.items.append((pack_uri.membername, blob))


def _stable(entries: Iterable[Tuple[str, bytes]], when: dt.date) -> bytes:
    """A zip file of `entries` (name, bytes), in their order, each dated `when` at midnight."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)  # zip dates start in 1980
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = _UNIX
            info.external_attr = 0o644 << 16
            target.writestr(info, data)
    return out.getvalue()
