"""A built pack as the studio shows it: its files by lesson and audience, HTML twins, and slides."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from ..manifest import read_previous, read_previous_packs
from .workspace import Workspace

THUMB_WIDTH = 480


@dataclass
class PackFile:
    path: str
    title: str
    format: str
    bytes: int
    sha256: str

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def kind(self) -> str:
        return self.name.rsplit(".", 1)[-1].lower()


@dataclass
class Group:
    lesson: str
    audience: str
    audience_name: str
    files: List[PackFile] = field(default_factory=list)

    @property
    def twins(self) -> List[PackFile]:
        return [f for f in self.files if f.kind == "html"]

    @property
    def decks(self) -> List[PackFile]:
        return [f for f in self.files if f.kind == "pptx"]


@dataclass
class Pack:
    summary: dict
    groups: List[Group]

    @property
    def paths(self) -> set:
        return {f.path for g in self.groups for f in g.files} | {self.summary["index"], self.summary["zip"]}


def current_pack(workspace: Workspace, folder: str) -> Optional[Pack]:
    """The pack in the workspace's output folder for this school (its folder name), if one was built."""
    if not workspace.output.is_dir():
        return None
    summaries = [p for p in read_previous_packs(workspace.output) if p.get("folder") == folder]
    if not summaries:
        return None
    summary = summaries[0]
    entries, _ = read_previous(workspace.output)
    groups: Dict[Tuple[str, str], Group] = {}
    for path in sorted(entries):
        entry = entries[path]
        if not path.startswith(folder + "/"):
            continue
        key = (entry["lesson"], entry["audience"])
        if key not in groups:
            groups[key] = Group(key[0], key[1], summary.get("audiences", {}).get(key[1], key[1]))
        groups[key].files.append(PackFile(path, entry.get("title") or path, entry.get("format", ""),
                                          entry.get("bytes", 0), entry.get("sha256", "")))
    return Pack(summary, list(groups.values()))


def slide_titles(deck: Path) -> List[str]:
    """Each slide's title, for the outline (and the thumbnails' text alternatives)."""
    from pptx import Presentation

    titles = []
    for number, slide in enumerate(Presentation(str(deck)).slides, 1):
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        if not title:
            texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
            title = texts[0] if texts else ""
        titles.append(" ".join(title.split()) or str(number))
    return titles


def can_draw_slides() -> bool:
    return shutil.which("soffice") is not None and shutil.which("pdftoppm") is not None


_DRAWING = threading.Lock()  # LibreOffice runs one conversion at a time


def thumbnails(workspace: Workspace, deck: Path, sha256: str) -> List[Path]:
    """PNGs of each slide (LibreOffice, then poppler), kept in the workspace's .studio/ by content."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        return []
    folder = workspace.inside(workspace.scratch / "thumbs") / sha256
    with _DRAWING:
        done = sorted(folder.glob("slide-*.png")) if folder.is_dir() else []
        if done:
            return done
        if hashlib.sha256(deck.read_bytes()).hexdigest() != sha256:
            return []
        with tempfile.TemporaryDirectory(dir=workspace.scratch) as work:
            work_path = Path(work)
            subprocess.run([shutil.which("soffice") or "soffice", f"-env:UserInstallation=file://{work_path / 'lo'}",
                            "--headless", "--convert-to", "pdf", "--outdir", str(work_path), str(deck)],
                           capture_output=True, timeout=300, check=False)
            pdf = work_path / (deck.stem + ".pdf")
            if not pdf.is_file():
                return []
            subprocess.run([shutil.which("pdftoppm") or "pdftoppm", "-png", "-scale-to", str(THUMB_WIDTH),
                            str(pdf), str(work_path / "slide")], capture_output=True, timeout=300, check=False)
            made = sorted(work_path.glob("slide-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[-1]))
            folder.mkdir(parents=True, exist_ok=True)
            for number, png in enumerate(made, 1):
                workspace.write(folder / f"slide-{number:03d}.png", png.read_bytes())
        return sorted(folder.glob("slide-*.png"))
