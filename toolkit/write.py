"""Atomic, guarded writes under the output folder.

Every file is written to a temporary name in its own folder and renamed into place, so an
interrupted build never leaves a half-written file, and earlier outputs stay as they were.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path, PurePosixPath
from typing import Dict, List

from .errors import OutputProblem


def safe_relative(name: str) -> PurePosixPath:
    """A plain relative path with no way out of the folder it is joined to."""
    parts = name.replace("\\", "/").split("/")
    path = PurePosixPath(*parts) if name else PurePosixPath()
    if not name or name.startswith(("/", "\\")) or ":" in name or any(part in ("..", ".", "") for part in parts):
        raise OutputProblem(f"refusing to write '{name}': output paths must stay inside the output folder")
    if any(part.startswith(".") for part in path.parts):
        raise OutputProblem(f"refusing to write '{name}': hidden files are not written")
    return path


class OutputWriter:
    """Collects files for one build, then writes them all; never the same path twice."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.pending: Dict[PurePosixPath, bytes] = {}

    def add(self, name: str, data: bytes) -> str:
        relative = safe_relative(name)
        if relative in self.pending:
            raise OutputProblem(f"two outputs want the same path '{relative}'; each file is written once per build")
        self.pending[relative] = data
        return str(relative)

    def _target(self, relative: PurePosixPath) -> Path:
        root = self.root.resolve()
        target = root.joinpath(*relative.parts)
        current = root
        for part in relative.parts[:-1]:
            current = current / part
            if current.is_symlink() or (current.exists() and not current.is_dir()):
                raise OutputProblem(f"refusing to write through '{current}': it is a link or not a folder")
        if target.is_symlink():
            raise OutputProblem(f"refusing to replace '{target}': it is a link")
        if os.path.commonpath([root, target.parent.resolve()]) != str(root):
            raise OutputProblem(f"refusing to write '{relative}': it would land outside {root}")
        return target

    def commit(self) -> List[str]:
        """Check every target, then write each file atomically. Returns the paths written."""
        self.root.mkdir(parents=True, exist_ok=True)
        targets = {relative: self._target(relative) for relative in self.pending}
        for relative, target in targets.items():
            write_atomic(target, self.pending[relative])
        return [str(r) for r in self.pending]


def write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
