"""Helpers for the output-folder tests: run the CLI in a subprocess, and read a folder back."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict
from urllib.parse import quote

from kit import FIXTURES, ROOT

MARKER = ".lessonkit-output"


def lessonkit(*args, cwd: Path, env: Dict[str, str] = None, timeout: float = 60, umask: int = None) -> subprocess.CompletedProcess:
    environment = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    environment.pop("LESSONKIT_DEBUG", None)
    preexec = (lambda: os.umask(umask)) if umask is not None else None
    return subprocess.run([sys.executable, "-m", "toolkit", *map(str, args)], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=timeout, preexec_fn=preexec)


def tree(folder: Path) -> Dict[str, str]:
    """Every file under `folder` (not the marker) with its sha256."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != MARKER:
            found[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def assert_consistent(folder: Path) -> Dict[str, str]:
    """The manifest lists files that are there with the checksums it gives; returns the tree."""
    files = tree(folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        assert files.get(entry["path"]) == entry["sha256"], f"{entry['path']} does not match the manifest"
        assert (folder / entry["path"]).stat().st_size == entry["bytes"]
    # The index lists every pack, and each pack's own index links every file in it.
    index = (folder / "index.html").read_text(encoding="utf-8")
    for pack in manifest["packs"]:
        assert f'href="{quote(pack["index"])}"' in index, pack["index"]
        page = (folder / pack["index"]).read_text(encoding="utf-8")
        for entry in manifest["files"]:
            if entry["path"].startswith(pack["folder"] + "/"):
                assert f'href="{quote(entry["path"][len(pack["folder"]) + 1:])}"' in page, entry["path"]
    assert all(any(e["path"].startswith(p["folder"] + "/") for p in manifest["packs"]) for e in manifest["files"])
    return files


def lessons_copy(tmp_path: Path, title: str = None) -> Path:
    lessons = tmp_path / "lessons"
    shutil.copytree(FIXTURES / "minimal", lessons)
    if title:
        lesson = lessons / "tiny.yaml"
        text = lesson.read_text(encoding="utf-8")
        assert 'default: "Staying safe online"' in text
        lesson.write_text(text.replace('default: "Staying safe online"', f'default: "{title}"'), encoding="utf-8")
    return lessons
