"""The school's workspace folder: where the studio reads and writes, and nowhere else."""

from __future__ import annotations

import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

from ..write import write_atomic

SCHOOLS = "schools"
OUTPUT = "output"
STUDIO = ".studio"  # the studio's own scratch files (checks in progress, slide thumbnails)


class OutsideWorkspace(ValueError):
    """A path that would leave the workspace: refused before anything is opened or written."""


@dataclass(frozen=True)
class Workspace:
    root: Path

    @classmethod
    def open(cls, folder: Path) -> "Workspace":
        """The workspace at `folder`, created if missing (with its schools/ folder)."""
        root = Path(os.path.realpath(os.path.abspath(folder)))
        (root / SCHOOLS).mkdir(parents=True, exist_ok=True)
        workspace = cls(root)
        workspace.tidy()
        return workspace

    def tidy(self, older_than: float = 24 * 3600) -> None:
        """Remove the studio's leftovers in schools/ (a logo chosen for a profile never saved, a check cut short)."""
        now = time.time()
        for path in self.schools.glob(".studio-*"):
            try:
                if path.is_file() and not path.is_symlink() and now - path.stat().st_mtime > older_than:
                    path.unlink()
            except OSError:
                pass  # in use or gone: next time

    @property
    def schools(self) -> Path:
        return self.root / SCHOOLS

    @property
    def output(self) -> Path:
        return self.root / OUTPUT

    @property
    def scratch(self) -> Path:
        path = self.root / STUDIO
        path.mkdir(exist_ok=True)
        return path

    @property
    def lessons(self) -> List[Path]:
        """The school's own lessons (as `lessonkit init` sets them up), else none: the built-in ones."""
        own = self.root / "lessons"
        return [own] if own.is_dir() and any(own.glob("*.yaml")) else []

    def inside(self, path: Path) -> Path:
        """`path` resolved (links followed), if it is inside the workspace; else OutsideWorkspace."""
        real = Path(os.path.realpath(os.path.abspath(path)))
        if real == self.root or self.root not in real.parents:
            raise OutsideWorkspace(str(path))
        return real

    def write(self, path: Path, data: bytes) -> Path:
        """Write one file atomically, only inside the workspace."""
        target = self.inside(path)
        write_atomic(target, data)
        return target

    def profile_paths(self) -> List[Path]:
        return sorted(p for p in self.schools.iterdir()
                      if p.suffix in (".yaml", ".yml") and p.is_file() and not p.name.startswith("."))

    def profile_path(self) -> Optional[Path]:
        """The school's profile: the first one in schools/ (a workspace is for one school)."""
        found = self.profile_paths()
        return found[0] if found else None

    def scratch_file(self, folder: Path, suffix: str) -> Path:
        """A new hidden file name in `folder` (inside the workspace) for work in progress."""
        return self.inside(folder / f".studio-{secrets.token_hex(8)}{suffix}")
