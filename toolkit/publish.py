"""Publish a build as a whole: a reader sees the old complete folder or the new one, never a mix.

The new folder is assembled in a staging folder beside the output folder (same disk): the new
files, then every file of the previous folder that the build does not replace (hard links, so
nothing is copied). Then the two folders change places in one atomic rename (Linux
`renameat2(RENAME_EXCHANGE)`), and the previous folder is deleted. Where the system has no atomic
exchange, the old folder is moved aside and the new one moved in (two renames; a run killed
between them leaves no output folder for a moment, never a mixed one, and the next build moves the
old folder back). Leftovers of an interrupted build are removed by the next one.
"""

from __future__ import annotations

import ctypes
import os
import secrets
import shutil
import signal
import stat
from pathlib import Path, PurePosixPath
from typing import Mapping, Optional

from .errors import OutputProblem
from .outfolder import MARKER, MARKER_TEXT, OutputFolder, disk_problem
from .wording import _
from .write import write_new

RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _kill_point() -> Optional[int]:
    """Fault injection for the tests: LESSONKIT_TEST_KILL_AT=N kills the process at its Nth write step."""
    value = os.environ.get("LESSONKIT_TEST_KILL_AT", "")
    return int(value) if value.isdigit() else None


class _Steps:
    def __init__(self) -> None:
        self.count = 0
        self.kill_at = _kill_point()

    def __call__(self) -> None:
        self.count += 1
        if self.kill_at is not None and self.count >= self.kill_at:
            os.kill(os.getpid(), signal.SIGKILL)


def clean_leftovers(folder: OutputFolder) -> None:
    """Remove what an interrupted build left in the workspace (only call while holding the lock)."""
    workspace = folder.workspace
    if not workspace.is_dir():
        return
    for entry in sorted(os.listdir(workspace)):
        path = workspace / entry
        if entry.startswith("aside-") and not os.path.lexists(folder.path):
            os.rename(path, folder.path)  # killed between the two renames: put the old folder back
        elif entry.startswith(("stage-", "old-", "aside-")):
            _remove_tree(path)


def publish(folder: OutputFolder, files: Mapping[PurePosixPath, bytes]) -> None:
    """Make `folder` hold `files` plus every earlier file they do not replace, all at once."""
    if folder.path.is_dir():
        _refuse_what_is_in_the_way(folder.path, files)
    steps = _Steps()
    stage = folder.workspace / f"stage-{secrets.token_hex(6)}"
    try:
        os.mkdir(stage)
        if folder.path.is_dir():
            os.chmod(stage, stat.S_IMODE(os.stat(folder.path).st_mode))
        for relative, data in sorted(files.items()):
            target = stage.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            write_new(target, data)
            steps()
        write_new(stage / MARKER, MARKER_TEXT.encode("utf-8"))
        if folder.path.is_dir():
            _carry_over(folder.path, stage, set(files), steps)
        _fsync_folder(stage)
        _switch(stage, folder, steps)
    except OSError as exc:
        _remove_tree(stage)
        raise disk_problem(exc, folder.shown) from None
    except BaseException:
        _remove_tree(stage)
        raise
    _fsync_folder(folder.path.parent)


def _refuse_what_is_in_the_way(old: Path, files: Mapping[PurePosixPath, bytes]) -> None:
    """A file, link or folder of the user's where the build must put a folder or a file: say so, lose nothing."""
    checked = set()
    for relative in files:
        parts = relative.parts
        for depth in range(1, len(parts) + 1):
            here = PurePosixPath(*parts[:depth])
            if here in checked:
                continue
            checked.add(here)
            try:
                mode = os.lstat(old.joinpath(*here.parts)).st_mode
            except FileNotFoundError:
                break
            want_folder = depth < len(parts)
            if want_folder and not stat.S_ISDIR(mode) or not want_folder and not stat.S_ISREG(mode):
                found = _("a link") if stat.S_ISLNK(mode) else (_("a folder") if stat.S_ISDIR(mode) else _("a file"))
                raise OutputProblem(_("refusing to replace '{path}': it is {found} not made by lessonkit, and this build "
                                      "needs {needed} there. Move it out of the output folder and run again",
                                      path=old / Path(*here.parts), found=found,
                                      needed=_("a folder") if want_folder else _("a file")))


def _is_leftover(name: str) -> bool:
    """A temporary file of an earlier lessonkit version's one-by-one writes."""
    return name.startswith(".") and name.endswith(".tmp")


def _carry_over(old: Path, stage: Path, replaced: set, steps: _Steps) -> None:
    """Hard-link (or copy) every earlier file the build does not replace into the staging folder."""
    for root, dirs, names in os.walk(old):
        here = Path(root)
        relative_root = PurePosixPath(*here.relative_to(old).parts)
        for name in sorted(dirs + names):
            source = here / name
            relative = relative_root / name
            target = stage / Path(*relative.parts)
            info = os.lstat(source)
            if stat.S_ISDIR(info.st_mode):
                if target.is_dir() or not os.path.lexists(target):
                    target.mkdir(exist_ok=True)
                    os.chmod(target, stat.S_IMODE(info.st_mode))
                continue
            if relative in replaced or os.path.lexists(target) or (relative_root == PurePosixPath() and name == MARKER):
                continue
            if _is_leftover(name):
                continue
            if not target.parent.is_dir():
                continue  # the build put a file where this folder was
            if stat.S_ISLNK(info.st_mode):
                os.symlink(os.readlink(source), target)
            elif stat.S_ISREG(info.st_mode):
                try:
                    os.link(source, target, follow_symlinks=False)
                except OSError:  # no hard links on this disk (FAT, some network shares): copy
                    shutil.copy2(source, target, follow_symlinks=False)
            else:
                continue  # pipes, sockets, devices are not materials
            steps()
        dirs[:] = [d for d in dirs if (stage / Path(*(relative_root / d).parts)).is_dir()]


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (38, 22, 95):  # ENOSYS, EINVAL, EOPNOTSUPP: not on this kernel or disk
        return False
    raise OSError(error, os.strerror(error), str(second))


def _switch(stage: Path, folder: OutputFolder, steps: _Steps) -> None:
    target = folder.path
    if not os.path.lexists(target):
        os.rename(stage, target)
        steps()
        return
    if _exchange(stage, target):
        steps()
        old = folder.workspace / f"old-{stage.name[6:]}"
        os.rename(stage, old)
        _remove_tree(old)
        return
    aside = folder.workspace / f"aside-{stage.name[6:]}"
    os.rename(target, aside)
    steps()
    os.rename(stage, target)
    steps()
    old = folder.workspace / f"old-{stage.name[6:]}"
    os.rename(aside, old)
    _remove_tree(old)


def _fsync_folder(path: Path) -> None:
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _remove_tree(path: Path) -> None:
    if os.path.islink(path) or os.path.isfile(path):
        os.unlink(path)
    elif os.path.isdir(path):
        shutil.rmtree(path, ignore_errors=True)
