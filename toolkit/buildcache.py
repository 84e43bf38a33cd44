"""The render cache: a unit rendered once is not rendered again while nothing that shapes it changes.

A unit (one lesson, for one audience, in one format, for one pack) is keyed by everything that
determines its files: the lesson, the audience, the support routes and the rest of the catalogue,
the school profile and its logo, the build options (and the slide template's bytes), the optional
parts taught, the date (a parent letter is dated the day it is built), lessonkit's own code and
version, and the versions of the libraries that write the files. Change any of it and the unit is
rendered again; change one lesson and only that lesson's units are.

The cache lives in the output folder's workspace beside it (`.<output>.lessonkit/cache/`), one
file per unit, each written whole (a temporary file, then renamed). It is safe to delete at any
time. A file that cannot be read, or whose contents do not match the checksums it carries, is
ignored with a warning and the unit is rendered again. `lessonkit build --no-cache` neither reads
nor writes it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from .checkcache import catalogue_files, code_fingerprint, finding_from
from .checkcache import digest as _digest
from .checkcache import file_digest as _file_digest
from .errors import Finding
from .usercache import write_whole
from .wording import _
from .load import Project
from .renderjobs import Job, Unit, UnitResult
from .render import OutputFile

MAGIC = b"lessonkit render cache 1\n"
MAX_HEADER = 1_000_000


def _dump(model) -> Any:
    return model.model_dump(mode="json")


def _other_catalogue_files(project: Project) -> Dict[str, Optional[str]]:
    """The digests of the catalogue folder's other YAML files (not lessons, not audiences or routes,
    which are keyed by what was read from them): data a check or a format may read from there."""
    folder = Path(project.audiences_file.path).resolve().parent if project.audiences_file else None
    return catalogue_files(folder, [l.path for l in project.lessons]) if folder is not None else {}


def checks_key(project: Project, today: Optional[dt.date] = None) -> str:
    """What the lesson checks' findings depend on: every file as read (with the positions messages
    give), the rest of the catalogue folder, the code, and the date (some rules count months)."""
    read = [(loaded.path, repr(loaded.raw), repr(loaded.positions.values), repr(loaded.positions.keys))
            for loaded in [*project.lessons, project.audiences_file, project.routes_file] if loaded is not None]
    return _digest("checks", code_fingerprint(), (today or dt.date.today()).isoformat(), read,
                   _other_catalogue_files(project))


def pack_key(summary: dict, contents: Sequence[Tuple[dict, str]]) -> Tuple[str, str]:
    """The cache slot and key of a pack's index page and zip: its summary, and each file's manifest
    entry and the digest of its bytes."""
    return _digest("pack", summary["folder"])[:32], _digest("pack", code_fingerprint(), summary, list(contents))


class UnitKeys:
    """The cache slot and key of each unit of one build."""

    def __init__(self, job: Job, today: Optional[dt.date] = None):
        self.job = job
        project = job.project
        options = {f.name: getattr(job.options, f.name) for f in dataclasses.fields(job.options)}
        options = {name: (_file_digest(value) if isinstance(value, Path) else value) for name, value in options.items()}
        self.common = _digest(
            code_fingerprint(), (today or dt.date.today()).isoformat(), options, list(job.include), list(job.exclude),
            _other_catalogue_files(project),
            {route_id: _dump(route) for route_id, route in project.routes.items()},
            {nation_id: _dump(nation) for nation_id, nation in project.nations.items()},  # as read, or translated
        )
        self.lessons = {l.model.id: _digest(l.path, _dump(l.model)) for l in project.lessons}
        self.audiences = {a: _digest(_dump(audience)) for a, audience in project.audiences.items()}
        self.schools = [_digest(_dump(school), _file_digest(school.logo)) for school in job.schools]

    def slot(self, unit: Unit) -> str:
        """Where the unit's cache file is: one file per unit and language (a bilingual build renders each
        unit in both), replaced when the unit is rendered again."""
        school = None if unit.school is None else self.job.schools[unit.school].id
        return _digest(school, unit.lesson, unit.audience, unit.format, self.job.options.language)[:32]

    def key(self, unit: Unit) -> str:
        school = None if unit.school is None else self.schools[unit.school]
        return _digest(self.common, self.lessons[unit.lesson], self.audiences[unit.audience], school, unit.format)


class RenderCache:
    """Read and write cached units in `folder`; every problem is a warning in `problems`, never an error."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.problems: List[str] = []
        self.pending: List[Tuple[str, str, List[Finding]]] = []
        """Findings of checks run by this build, kept once the build has written its files."""

    def checked(self, project: Project, run) -> List[Finding]:
        """The lesson checks' findings for `project`: from the cache if nothing they depend on
        changed, else `run(project)` (kept by `save_pending` once the build succeeds)."""
        key = checks_key(project)
        path = self.folder / "checks.json"
        try:
            header = json.loads(path.read_bytes().decode("utf-8"))
            if isinstance(header, dict) and header.get("key") == key:
                return [finding_from(item) for item in header["findings"]]
        except FileNotFoundError:
            pass
        except (OSError, ValueError, KeyError, TypeError) as exc:
            self._damaged(path, getattr(exc, "strerror", None) or str(exc))
        findings = run(project)
        self.pending.append(("checks", key, findings))
        return findings

    def save_pending(self) -> None:
        for _slot, key, findings in self.pending:
            encoded = json.dumps({"key": key, "findings": [dataclasses.asdict(f) for f in findings]}, ensure_ascii=False)
            self._write(self.folder / "checks.json", [encoded.encode("utf-8")])
        self.pending.clear()

    def _path(self, slot: str) -> Path:
        return self.folder / f"{slot}.unit"

    def load(self, slot: str, key: str) -> Optional[UnitResult]:
        path = self._path(slot)
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            return None
        except OSError as exc:
            self._damaged(path, exc.strerror or str(exc))
            return None
        try:
            header, body = _parse(data)
        except (ValueError, KeyError, TypeError) as exc:
            self._damaged(path, str(exc))
            return None
        if header["key"] != key:
            return None  # made from other inputs: rendered again, and this file replaced
        files, offset = [], 0
        for item in header["files"]:
            chunk = body[offset:offset + item["size"]]
            offset += item["size"]
            if len(chunk) != item["size"] or hashlib.sha256(chunk).hexdigest() != item["sha256"]:
                self._damaged(path, _("its contents do not match their checksums"))
                return None
            files.append(OutputFile(name=item["name"], data=chunk, title=item["title"]))
        if offset != len(body):
            self._damaged(path, _("it is longer than it says"))
            return None
        return UnitResult(files, list(header["warnings"]), list(header["notes"]))

    def save(self, slot: str, key: str, result: UnitResult) -> None:
        header = {
            "key": key, "warnings": result.warnings, "notes": result.notes,
            "files": [{"name": f.name, "title": f.title, "size": len(f.data), "sha256": hashlib.sha256(f.data).hexdigest()}
                      for f in result.files],
        }
        encoded = json.dumps(header, ensure_ascii=False).encode("utf-8")
        self._write(self._path(slot), [MAGIC + str(len(encoded)).encode("ascii") + b"\n" + encoded,
                                       *(output.data for output in result.files)])

    def _write(self, target: Path, chunks: Sequence[bytes]) -> None:
        try:
            write_whole(target, chunks)
        except OSError as exc:
            problem = _("the build cache in {folder} could not be written ({reason}); the files it could not keep are "
                        "rendered again next time", folder=self.folder, reason=exc.strerror or exc)
            if problem not in self.problems:
                self.problems.append(problem)

    def _damaged(self, path: Path, why: str) -> None:
        self.problems.append(_("ignored a damaged build cache file {path} ({why}); its files were rendered again", path=path,
                               why=why))


def _parse(data: bytes) -> Tuple[dict, bytes]:
    if not data.startswith(MAGIC):
        raise ValueError(_("it is not a lessonkit cache file"))
    rest = data[len(MAGIC):]
    length, newline, rest = rest.partition(b"\n")
    if not newline or not length.isdigit() or int(length) > min(MAX_HEADER, len(rest)):
        raise ValueError(_("its header is cut short"))
    header = json.loads(rest[:int(length)].decode("utf-8"))
    if not (isinstance(header, dict) and isinstance(header.get("key"), str) and isinstance(header.get("files"), list)
            and _strings(header.get("warnings")) and _strings(header.get("notes"))):
        raise ValueError(_("its header is not what lessonkit writes"))
    for item in header["files"]:
        if not (isinstance(item, dict) and isinstance(item.get("name"), str) and isinstance(item.get("title"), str)
                and isinstance(item.get("size"), int) and item["size"] >= 0 and isinstance(item.get("sha256"), str)):
            raise ValueError(_("its list of files is not what lessonkit writes"))
    return header, rest[int(length):]


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def cached_units(cache: Optional[RenderCache], keys: Optional[UnitKeys], units: Sequence[Unit]) -> List[Optional[UnitResult]]:
    """Each unit's cached result, or None where it must be rendered."""
    if cache is None or keys is None:
        return [None] * len(units)
    return [cache.load(keys.slot(unit), keys.key(unit)) for unit in units]
