"""Which folder a build may write to, and one build at a time in it.

The output folder is lessonkit's or it is refused: a folder that exists, is not empty and has no
marker is only used with `--force`; the root, the home folder, the current folder and any folder
holding the lessons are never used. A lock file beside the folder lets one build write at a time;
a second build waits (saying so), then adds its files to the first one's.
"""

from __future__ import annotations

import errno
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

from .errors import UsageProblem
from .wording import _

MARKER = ".lessonkit-output"
MARKER_TEXT = ("This folder is written by lessonkit. Each build replaces it as a whole; files you add are kept.\n"
               "Delete this file only if you want lessonkit to stop treating the folder as its own.\n")
LEGACY_MANIFEST = "manifest.json"
# Files that do not make a folder someone's: version control's placeholder, and what file managers leave.
PLACEHOLDERS = {".gitkeep", ".keep", ".DS_Store", "Thumbs.db", "desktop.ini"}  # folders built before the marker existed have lessonkit's manifest
LOCK_WAIT_SECONDS = float(os.environ.get("LESSONKIT_LOCK_WAIT", "600"))

Notice = Callable[[str], None]


@dataclass(frozen=True)
class OutputFolder:
    """The real path of the output folder and the hidden workspace beside it (lock, staging)."""

    path: Path
    shown: str

    @property
    def workspace(self) -> Path:
        return self.path.parent / f".{self.path.name}.lessonkit"


def _contains(outer: Path, inner: Path) -> bool:
    try:
        inner.relative_to(outer)
        return True
    except ValueError:
        return False


def is_ours(path: Path) -> bool:
    """Made by lessonkit: it has the marker, or an earlier version's manifest."""
    if os.path.isfile(path / MARKER) and not os.path.islink(path / MARKER):
        return True
    manifest = path / LEGACY_MANIFEST
    try:
        if manifest.is_symlink() or manifest.stat().st_size > 50_000_000:
            return False
        import json
        data = json.loads(manifest.read_text(encoding="utf-8"))
        return isinstance(data, dict) and isinstance(data.get("files"), list)
    except (OSError, ValueError, RecursionError):
        return False


def _refuse(shown: str, what: str, todo: str) -> UsageProblem:
    return UsageProblem(_("{folder}: {problem}. {todo}", folder=shown, problem=what, todo=todo))


def check_output_folder(output: Path, protected: Sequence[Path] = (), force: bool = False) -> OutputFolder:
    """The folder `-o` names, if a build may write there; a UsageProblem (exit 2) saying why not."""
    shown = str(output)
    given = Path(os.path.abspath(os.path.expanduser(str(output))))
    if os.path.islink(given) and not os.path.exists(given):
        raise _refuse(shown, _("it is a link to '{target}', which does not exist", target=os.readlink(given)),
                      _("Remove the link, point it at an existing folder, or choose another folder with -o"))
    real = Path(os.path.realpath(given))
    other = _("Choose a folder of its own for the materials, e.g. -o output")
    if real == Path(real.anchor):
        raise _refuse(shown, _("this is the root of the disk"), other)
    home = Path(os.path.realpath(os.path.expanduser("~")))
    if _contains(real, home):
        raise _refuse(shown, _("this is your home folder (or holds it)"), other)
    if _contains(real, Path(os.path.realpath(os.getcwd()))):
        raise _refuse(shown, _("this is the current folder (or holds it); a build replaces its output folder as a whole"),
                      other)
    for path in protected:
        if _contains(real, Path(os.path.realpath(path))):
            raise _refuse(shown, _("it holds the input '{path}'; a build replaces its output folder as a whole", path=path),
                          other)
    if os.path.lexists(real) and not os.path.isdir(real):
        raise _refuse(shown, _("this is a file, not a folder"), _("Choose a folder with -o (it is created if missing)"))
    parent = real.parent
    existing = next((p for p in [parent, *parent.parents] if os.path.lexists(p)), None)
    if existing is not None and not existing.is_dir():
        raise _refuse(shown, _("'{path}' is a file, so no folder can be made inside it", path=existing),
                      _("Choose another folder with -o"))
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise disk_problem(exc, shown) from None
    if not os.access(parent, os.W_OK | os.X_OK):
        raise _refuse(shown, _("the folder it is in ({parent}) cannot be written to, and a build works beside its output "
                               "folder", parent=parent),
                      _("Check the permissions (ls -ld), or choose another folder with -o"))
    if real.is_dir():
        if not os.access(real, os.R_OK | os.W_OK | os.X_OK):
            raise _refuse(shown, _("this folder cannot be written to"),
                          _("Check its permissions (ls -ld), or choose another folder with -o"))
        if not force and not is_ours(real):
            try:
                first = next(iter(sorted(set(os.listdir(real)) - PLACEHOLDERS)), None)
            except OSError as exc:
                raise disk_problem(exc, shown) from None
            if first is not None:
                raise _refuse(shown, _("this folder already holds files lessonkit did not write (e.g. '{file}')", file=first),
                              _("Choose an empty or new folder with -o, or add --force to build into it (its files are "
                                "kept)"))
    return OutputFolder(real, shown)


def disk_problem(exc: OSError, shown: str, elsewhere: Optional[str] = None,
                 unchanged: Optional[str] = None) -> UsageProblem:
    """A write that failed for a reason on the user's side of the disk, as a message with what to do.
    `elsewhere` defaults to "choose another folder with -o", `unchanged` to "Earlier outputs are unchanged."."""
    elsewhere = _("choose another folder with -o") if elsewhere is None else elsewhere
    unchanged = _("Earlier outputs are unchanged.") if unchanged is None else unchanged
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return UsageProblem(_("{folder}: the disk is full. Free some space (or {elsewhere} on another disk) and run "
                              "again. {unchanged}", folder=shown, elsewhere=elsewhere, unchanged=unchanged))
    if exc.errno in (errno.EACCES, errno.EPERM):
        return UsageProblem(_("{folder}: permission denied ({path}). Check the permissions (ls -ld), or {elsewhere}. "
                              "{unchanged}", folder=shown, path=exc.filename or shown, elsewhere=elsewhere,
                              unchanged=unchanged))
    if exc.errno == errno.EROFS:
        return UsageProblem(_("{folder}: the disk is read-only; {elsewhere} on a writable disk. {unchanged}",
                              folder=shown, elsewhere=elsewhere, unchanged=unchanged))
    if exc.errno in (errno.EXDEV, errno.EBUSY):
        return UsageProblem(_("{folder}: this folder is a mount point or in use, so it cannot be replaced as a whole. "
                              "Build into a folder inside it, e.g. -o {inside}. {unchanged}",
                              folder=shown, inside=shown.rstrip("/") + "/materials", unchanged=unchanged))
    return UsageProblem(_("{folder}: cannot write ({reason}). Check the disk and the folder, or {elsewhere}. {unchanged}",
                          folder=shown, reason=exc.strerror or exc, elsewhere=elsewhere, unchanged=unchanged))


def _try_lock(handle: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt
        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _holder(handle: int) -> str:
    try:
        text = os.pread(handle, 64, 0).decode("ascii", "replace").strip() if hasattr(os, "pread") else ""
    except OSError:
        text = ""
    return _("process {pid}", pid=text) if text.isdigit() else _("another process")


@contextmanager
def hold_lock(folder: OutputFolder, notice: Optional[Notice] = None, wait: Optional[float] = None) -> Iterator[None]:
    """One build writes to a folder at a time; a second waits for the first, saying so."""
    wait = LOCK_WAIT_SECONDS if wait is None else wait
    workspace = folder.workspace
    if os.path.islink(workspace) or (os.path.lexists(workspace) and not os.path.isdir(workspace)):
        raise UsageProblem(_("{folder}: '{path}' is in the way: lessonkit keeps its lock and staging folder "
                             "there, and it is a link or a file. Remove it and run again.",
                             folder=folder.shown, path=workspace))
    try:
        workspace.mkdir(exist_ok=True)
        handle = os.open(folder.workspace / "lock", os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666)
    except OSError as exc:
        raise disk_problem(exc, folder.shown) from None
    try:
        deadline = time.monotonic() + wait
        told = False
        while not _try_lock(handle):
            holder = _holder(handle)
            if time.monotonic() >= deadline:
                raise UsageProblem(_("{folder}: another lessonkit build ({holder}) is writing to this folder. "
                                     "Wait for it to finish and run again, or build into another folder with -o.",
                                     folder=folder.shown, holder=holder))
            if notice and not told:
                notice(_("Waiting for another lessonkit build ({holder}) to finish writing to {folder} ...",
                         holder=holder, folder=folder.shown))
                told = True
            time.sleep(0.1)
        os.ftruncate(handle, 0)
        os.write(handle, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(handle)  # closing releases the lock
