"""Shared by the school-profile tests: the example profiles and the CLI as a user runs it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Dict, List

import pytest
from click.testing import CliRunner, Result

from toolkit.cli import main

ROOT = Path(__file__).resolve().parents[2]
SCHOOLS = ROOT / "lessons" / "schools"
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
EXAMPLES = ["example-england", "example-wales", "example-scotland", "example-northern-ireland"]
LEADS = {
    "example-england": "Mrs Helen Carter",
    "example-wales": "Mr Rhys Morgan",
    "example-scotland": "Ms Fiona MacLeod",
    "example-northern-ireland": "Mrs Aoife Byrne",
}


def run(*args, input: str | None = None) -> Result:
    """`lessonkit ARGS` as a user runs it; stdout and stderr are both in result.output."""
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def line_of(path: Path, text: str) -> int:
    """The 1-based line where `text` first appears in `path`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} is not in {path}")


def messages(findings) -> List[str]:
    return [f.message for f in findings]


@pytest.fixture
def profile_copy(tmp_path):
    """profile_copy(name, {old: new, ...}) -> a copy of an example profile (and its logo) with edits.

    A fixture here rather than in a conftest.py: test modules elsewhere import `conftest` by name."""

    def make(name: str, replacements: Dict[str, str] | None = None, folder: Path | None = None) -> Path:
        target_dir = folder or tmp_path
        target_dir.mkdir(parents=True, exist_ok=True)
        text = (SCHOOLS / f"{name}.yaml").read_text(encoding="utf-8")
        for old, new in (replacements or {}).items():
            assert old in text, f"{old!r} is not in {name}.yaml"
            text = text.replace(old, new)
        shutil.copy(SCHOOLS / f"{name}-logo.png", target_dir / f"{name}-logo.png")
        target = target_dir / f"{name}.yaml"
        target.write_text(text, encoding="utf-8")
        return target

    return make
