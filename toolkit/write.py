"""Safe paths and atomic single-file writes, with the user's umask.

`safe_relative` is the one place that decides whether a name may be written under a folder;
`write_atomic` replaces one file by writing a temporary name beside it and renaming it into place.
A whole build is published by `toolkit.publish`, which uses both.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path, PurePosixPath

from .errors import OutputProblem
from .wording import _

FILE_MODE = 0o666  # the kernel takes the user's umask off (0644 under umask 022)


def safe_relative(name: str) -> PurePosixPath:
    """A plain relative path with no way out of the folder it is joined to."""
    parts = name.replace("\\", "/").split("/")
    path = PurePosixPath(*parts) if name else PurePosixPath()
    if not name or name.startswith(("/", "\\")) or ":" in name or any(part in ("..", ".", "") for part in parts):
        raise OutputProblem(_("refusing to write '{name}': output paths must stay inside the output folder", name=name))
    if any(part.startswith(".") for part in path.parts):
        raise OutputProblem(_("refusing to write '{name}': hidden files are not written", name=name))
    if any(ord(c) < 32 or c == "\x7f" for c in name):
        raise OutputProblem(_("refusing to write {name}: control characters are not allowed in file names",
                              name=repr(name)))
    return path


def write_new(target: Path, data: bytes, sync: bool = True) -> None:
    """Create `target` (which must not exist) with `data`, honouring the umask; never follows a link."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    handle = os.open(target, flags, FILE_MODE)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if sync:
                os.fsync(stream.fileno())
    except BaseException:
        _unlink_quietly(target)
        raise


def write_atomic(target: Path, data: bytes) -> None:
    """Replace one file: a temporary name in the same folder, then a rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp"
    try:
        write_new(temporary, data)
        os.replace(temporary, target)
    except BaseException:
        _unlink_quietly(temporary)
        raise


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
