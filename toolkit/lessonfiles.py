"""Which files a command reads: the lesson files named or found in the named folders, the catalogue
folder, and how a path is shown in messages. Reads no file's contents and imports no model, so a
command can decide what to read (and `lessonkit validate` what it already checked) before loading
anything."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, List, Optional, Sequence

from .builtin import lessons_dir as builtin_lessons
from .errors import UsageProblem
from .wording import _

AUDIENCES_FILE = "audiences.yaml"
ROUTES_FILE = "support-routes.yaml"
NATIONS_FILE = "nations.yaml"
CATALOGUE_FILES = (AUDIENCES_FILE, ROUTES_FILE, NATIONS_FILE)


def lesson_paths_or_builtin(paths: Sequence[Path]) -> Sequence[Path]:
    """The lessons a command was given, or the built-in ones when it was given none."""
    return tuple(paths) or (builtin_lessons(),)


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to where they are, if inside."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(Path(path).resolve()) if relative.startswith("..") else relative


def lesson_files(paths: Iterable[Path]) -> List[Path]:
    """Lesson files named directly, or found at the top of the named folders."""
    found: List[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p for p in sorted(path.iterdir())
                if p.suffix in (".yaml", ".yml") and p.name not in CATALOGUE_FILES and p.is_file()
            )
        elif path.is_file():
            found.append(path)
        elif path.exists():
            raise UsageProblem(_("{path}: not a lesson file (it is a pipe, device or socket). Give a .yaml file or a "
                                 "folder of them", path=path))
        else:
            raise UsageProblem(_("{path}: no such file or folder. Name a lesson file or a folder of them, "
                                 "or give none to use the built-in lessons. Try: lessonkit list", path=path))
    return found


def catalogue_dir_for(paths: Sequence[Path], catalogue: Optional[Path]) -> Path:
    """Where audiences.yaml and support-routes.yaml live: given, beside the lessons, or built in."""
    if catalogue is not None:
        return catalogue
    for path in paths:
        folder = path if path.is_dir() else path.parent
        if (folder / AUDIENCES_FILE).exists():
            return folder
    return builtin_lessons()
