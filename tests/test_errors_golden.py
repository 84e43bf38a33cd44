"""Broken and hostile lesson files: each gets its exact, golden error text and exit status 1.

Regenerate the .expected files after an intended wording change with:
    LESSONKIT_REGENERATE=1 python -m pytest tests/test_errors_golden.py
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from toolkit.cli import main

from kit import FIXTURES, ROOT

BROKEN = sorted((FIXTURES / "broken").glob("*.yaml"))
CATALOGUE = "tests/fixtures/minimal"


def _validate(path) -> tuple[int, str]:
    relative = path.relative_to(ROOT).as_posix()
    result = CliRunner().invoke(main, ["validate", relative, "--catalogue", CATALOGUE])
    return result.exit_code, result.stderr


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_file_gets_golden_message(path, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, stderr = _validate(path)
    expected = path.with_suffix(".expected")
    if os.environ.get("LESSONKIT_REGENERATE"):
        expected.write_text(stderr, encoding="utf-8")
    assert code == 1
    assert stderr == expected.read_text(encoding="utf-8")
    assert path.relative_to(ROOT).as_posix() in stderr.splitlines()[0]


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_file_is_refused_quickly_without_traceback(path):
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "validate", str(path), "--catalogue", str(ROOT / CATALOGUE)],
        capture_output=True, text=True, timeout=30, cwd=ROOT,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("Error: ")


def test_python_tag_is_never_executed(tmp_path, monkeypatch):
    marker = tmp_path / "pwned"
    lesson = tmp_path / "evil.yaml"
    lesson.write_text(f'id: x\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(lesson), "--catalogue", str(ROOT / CATALOGUE)])
    assert result.exit_code == 1
    assert "is not allowed" in result.stderr
    assert not marker.exists()


def test_huge_file_is_refused_before_reading(tmp_path):
    lesson = tmp_path / "huge.yaml"
    lesson.write_bytes(b"title: " + b"x" * 5_000_000)
    result = CliRunner().invoke(main, ["validate", str(lesson), "--catalogue", str(ROOT / CATALOGUE)])
    assert result.exit_code == 1
    assert "the file is 5,000,007 bytes; the limit is 1,000,000" in result.stderr


def test_every_problem_in_every_file_is_reported_in_one_run(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["validate", "tests/fixtures/broken", "--catalogue", CATALOGUE])
    assert result.exit_code == 1
    named = {line.split(":")[0] for line in result.stderr.splitlines() if line.startswith("tests/")}
    assert len(named) == len(BROKEN)
