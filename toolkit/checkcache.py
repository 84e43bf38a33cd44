"""What `lessonkit validate` found in each file, remembered so that checking again reads and checks
only the files that changed: a teacher who edits one lesson and validates again waits for that
lesson alone.

What a lesson's findings depend on is its key: the file's bytes and its path as messages show it,
every YAML file of the catalogue folder (and the built-in nations, which apply when the folder has
none), lessonkit's code and data and the versions of the libraries it reads with
(`code_fingerprint`), the language messages are in, and the date (some rules count months). The
catalogues' own findings are kept the same way. Change any of it and the file is checked again.

The cache is a folder of small JSON files, one per lesson file and one per catalogue folder, each
written whole (a temporary file, then renamed), in `validate` in the user's cache folder
(toolkit/usercache.py: `$LESSONKIT_CACHE_DIR`, else `~/.cache/lessonkit` on Linux). It is safe to delete at any
time. A file in it that cannot be read or is not what lessonkit writes is ignored with a warning
and its lesson checked again; nothing in it is ever run. `lessonkit validate --no-cache` neither
reads nor writes it.

This module reads no lesson and imports no model: when every file is remembered, `validate`
answers without loading anything.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import sys
from importlib import metadata
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from .errors import Finding
from .usercache import cache_folder, write_whole
from .wording import _, current_language

FORMAT = "lessonkit-validate-cache-1"  # what each cache file says it is
PACKAGE = Path(__file__).resolve().parent

LIBRARIES = ("python-pptx", "python-docx", "reportlab", "qrcode", "Pillow", "openpyxl", "Jinja2", "MarkupSafe",
             "font-source-sans-pro", "phonenumbers", "pyphen", "pydantic", "PyYAML", "lxml", "XlsxWriter")
"""The libraries whose versions can change what lessonkit finds in a file or writes from it."""


def digest(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8")).hexdigest()


def file_digest(path: Any) -> Optional[str]:
    if not path:
        return None
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError as exc:
        return _("unreadable: {reason}", reason=exc.strerror or exc)


_code: Dict[str, str] = {}


def code_fingerprint() -> str:
    """lessonkit's code and data (not the built-in lessons and schools: they are inputs, keyed one
    by one), its version, Python's, and the versions of the libraries that read and write files."""
    if "digest" not in _code:
        sha = hashlib.sha256()
        for root, dirs, names in os.walk(PACKAGE):
            dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "builtin"))
            for name in sorted(names):
                if name.endswith((".pyc", ".pyo")):
                    continue
                path = Path(root) / name
                sha.update(path.relative_to(PACKAGE).as_posix().encode("utf-8") + b"\0")
                sha.update((file_digest(path) or "").encode("ascii") + b"\0")
        versions = {}
        for name in ("lessonkit", *LIBRARIES):
            try:
                versions[name] = metadata.version(name)
            except metadata.PackageNotFoundError:
                versions[name] = None
        _code["digest"] = digest(sha.hexdigest(), versions, sys.version)
    return _code["digest"]


def catalogue_files(folder: Path, lessons: Iterable[Any]) -> Dict[str, Optional[str]]:
    """The digests of the YAML files in a catalogue folder but the `lessons` (keyed one by one, as
    read): the catalogues and any data a check or a format may read from there."""
    skip = {Path(p).resolve() for p in lessons}
    try:
        return {p.name: file_digest(p) for p in sorted(Path(folder).iterdir())
                if p.suffix in (".yaml", ".yml") and p.is_file() and p.resolve() not in skip}
    except OSError:
        return {}


_FINDING_FIELDS = {f.name: f.type for f in dataclasses.fields(Finding)}


def finding_from(item: Any) -> Finding:
    """A finding as a cache keeps it, checked field by field (anything else raises ValueError)."""
    if not isinstance(item, dict) or set(item) != set(_FINDING_FIELDS):
        raise ValueError(_("a finding in it is not what lessonkit writes"))
    for name in ("path", "message", "hint", "severity", "rule"):
        if not isinstance(item[name], str):
            raise ValueError(_("a finding in it is not what lessonkit writes"))
    for name in ("line", "column"):
        if item[name] is not None and not isinstance(item[name], int):
            raise ValueError(_("a finding in it is not what lessonkit writes"))
    return Finding(**item)


@dataclasses.dataclass
class Remembered:
    """What was found in one lesson file: the problems reading it (`read`), then those of its
    checks (`checked`), and its id and where the id is written, for the duplicate-id rule."""

    read: List[Finding]
    checked: List[Finding]
    lesson_id: Optional[str] = None
    id_at: Optional[Tuple[Optional[int], Optional[int]]] = None


class ValidateCache:
    """Remembered findings in `folder`; every problem with it is a warning in `problems`."""

    def __init__(self, folder: Optional[Path] = None):
        self.folder = folder if folder is not None else cache_folder("validate")
        self.problems: List[str] = []
        self.common = ""

    def begin(self, catalogue_folder: Path, builtin_nations: Path, lesson_paths: Sequence[Path]) -> None:
        """Key what every file's findings share: the catalogue folder's files (but the lessons being
        checked, which are keyed one by one), the code, the language, the date."""
        folder = Path(catalogue_folder)
        self.common = digest(FORMAT, code_fingerprint(), dt.date.today().isoformat(), current_language(),
                             str(folder.resolve()), catalogue_files(folder, lesson_paths), file_digest(builtin_nations))

    def key(self, shown: str, path: Optional[Path]) -> str:
        return digest(self.common, shown, file_digest(path) if path is not None else None)

    def _path(self, slot: str) -> Path:
        return self.folder / f"{digest(slot)[:32]}.json"

    def recall(self, slot: str, key: str) -> Optional[Remembered]:
        path = self._path(slot)
        try:
            data = json.loads(path.read_bytes().decode("utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            self._damaged(path, getattr(exc, "strerror", None) or str(exc))
            return None
        try:
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError(_("it is not what lessonkit writes"))
            if data.get("key") != key:
                return None  # from other inputs: checked again, and this file replaced
            lesson_id, id_at = data["lesson_id"], data["id_at"]
            if not (lesson_id is None or isinstance(lesson_id, str)) or not (
                    id_at is None or (isinstance(id_at, list) and len(id_at) == 2
                                      and all(v is None or isinstance(v, int) for v in id_at))):
                raise ValueError(_("it is not what lessonkit writes"))
            return Remembered([finding_from(f) for f in data["read"]], [finding_from(f) for f in data["checked"]],
                              lesson_id, tuple(id_at) if id_at is not None else None)
        except (KeyError, TypeError, ValueError) as exc:
            self._damaged(path, str(exc))
            return None

    def keep(self, slot: str, key: str, remembered: Remembered) -> None:
        record = {"format": FORMAT, "key": key, "lesson_id": remembered.lesson_id,
                  "id_at": list(remembered.id_at) if remembered.id_at is not None else None,
                  "read": [dataclasses.asdict(f) for f in remembered.read],
                  "checked": [dataclasses.asdict(f) for f in remembered.checked]}
        try:
            write_whole(self._path(slot), [json.dumps(record, ensure_ascii=False).encode("utf-8")])
        except OSError as exc:
            problem = _("the validate cache in {folder} could not be written ({reason}); the lessons it could not "
                        "keep are checked again next time", folder=self.folder, reason=exc.strerror or exc)
            if problem not in self.problems:
                self.problems.append(problem)

    def _damaged(self, path: Path, why: str) -> None:
        self.problems.append(_("ignored a damaged validate cache file {path} ({why}); its file was checked again",
                               path=path, why=why))


def slots(catalogue_folder: Path, lesson_paths: Sequence[Path]) -> Tuple[str, List[str]]:
    """The cache slot of the catalogue folder's findings and of each lesson file's."""
    return (f"catalogues:{Path(catalogue_folder).resolve()}",
            [f"lesson:{Path(p).resolve()}" for p in lesson_paths])
