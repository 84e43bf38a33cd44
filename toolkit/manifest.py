"""`manifest.json`: one entry per built file. An earlier manifest is read, never trusted.

Entries are kept only when they name a plain file inside the output folder; their size and
checksum are measured again from that file. Anything malformed is dropped with a warning and the
build goes on.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from .errors import OutputProblem
from .write import safe_relative

MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 50_000_000
TEXT_FIELDS = ("lesson", "audience", "format", "title")


@dataclass(frozen=True)
class ManifestEntry:
    path: str
    lesson: str
    audience: str
    format: str
    school: Optional[str]
    title: str
    bytes: int
    sha256: str


def manifest_bytes(entries: List[dict], packs: Sequence[dict] = ()) -> bytes:
    """The manifest: every file, and every pack (its folder, index page and zip)."""
    return (json.dumps({"files": entries, "packs": list(packs)}, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def file_digest(path: Path) -> Tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return size, digest.hexdigest()


def _plain_file_inside(folder: Path, relative: str) -> Optional[Path]:
    """The file `relative` names, if it is a regular file reached without links; else None."""
    try:
        parts = safe_relative(relative).parts
    except OutputProblem:
        return None
    current = folder
    for index, part in enumerate(parts):
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except OSError:
            return None
        last = index == len(parts) - 1
        if (last and not stat.S_ISREG(mode)) or (not last and not stat.S_ISDIR(mode)):
            return None
    return current


def read_previous(folder: Path) -> Tuple[Dict[str, dict], List[str]]:
    """Entries of the folder's manifest that still describe a file in it, and warnings about the rest."""
    path = folder / MANIFEST
    warnings: List[str] = []
    if not os.path.lexists(path):
        return {}, warnings
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_MANIFEST_BYTES:
            raise ValueError("not a plain file of a sensible size")
        with open(path, "rb") as stream:
            data = json.loads(stream.read().decode("utf-8"))
        files = data["files"] if isinstance(data, dict) else None
        if not isinstance(files, list):
            raise ValueError("it has no list of files")
    except (OSError, ValueError, KeyError, RecursionError) as exc:
        warnings.append(f"{path}: the earlier manifest cannot be read ({exc}); a new one is written")
        return {}, warnings
    entries: Dict[str, dict] = {}
    skipped = outside = 0
    for entry in files:
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str) \
                or not all(isinstance(entry.get(k), str) for k in TEXT_FIELDS) \
                or not isinstance(entry.get("school"), (str, type(None))):
            skipped += 1
            continue
        try:
            safe_relative(entry["path"])
        except OutputProblem:
            outside += 1
            continue
        target = _plain_file_inside(folder, entry["path"])
        if target is None:
            continue  # removed since: the manifest forgets it
        size, sha = file_digest(target)
        entries[entry["path"]] = dict(path=entry["path"], **{k: entry[k] for k in TEXT_FIELDS[:3]},
                                      school=entry["school"], title=entry["title"], bytes=size, sha256=sha)
    if skipped:
        warnings.append(f"{path}: {skipped} malformed entr{'y' if skipped == 1 else 'ies'} ignored")
    if outside:
        warnings.append(f"{path}: {outside} entr{'y' if outside == 1 else 'ies'} pointing outside the output folder dropped")
    return entries, warnings


def read_previous_packs(folder: Path) -> List[dict]:
    """The packs an earlier manifest lists whose index page is still a plain file in the folder;
    anything else there is ignored (the packs are listed again from what this build finds)."""
    try:
        info = os.lstat(folder / MANIFEST)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_MANIFEST_BYTES:
            return []
        with open(folder / MANIFEST, "rb") as stream:
            packs = json.loads(stream.read().decode("utf-8")).get("packs", [])
    except (OSError, ValueError, AttributeError, RecursionError):
        return []
    if not isinstance(packs, list):
        return []
    return [p for p in packs if isinstance(p, dict)
            and all(isinstance(p.get(key), str) for key in ("folder", "index", "zip"))
            and _plain_file_inside(folder, p["index"]) is not None]
