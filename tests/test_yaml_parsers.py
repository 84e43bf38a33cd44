"""The YAML reader gives the same data and the same line and column for every value, and the same
messages for broken files, with libyaml's C parser (fast, used when installed) and with the
pure-Python parser (what it falls back to without libyaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kit import FIXTURES, LESSONS
from toolkit import yamlsource

FILES = sorted([*LESSONS.glob("*.yaml"), *(LESSONS / "schools").glob("*.yaml"), *(FIXTURES / "awkward").glob("*.yaml"),
                *(FIXTURES / "minimal").glob("*.yaml")])
BROKEN = sorted((FIXTURES / "broken").glob("*.yaml"))


def test_libyaml_is_used_where_pyyaml_has_it():
    assert (yamlsource._FastLoader is not None) == bool(getattr(yaml, "__with_libyaml__", False))


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_both_parsers_give_the_same_values_and_positions(path: Path):
    text = path.read_bytes().decode("utf-8-sig")
    fast_data, fast_positions = yamlsource._compose(text, fast=yamlsource._FastLoader is not None)
    slow_data, slow_positions = yamlsource._compose(text, fast=False)
    assert fast_data == slow_data
    assert fast_positions.values == slow_positions.values
    assert fast_positions.keys == slow_positions.keys
    assert len(slow_positions.values) > 10


def _problem(path: Path):
    try:
        yamlsource.read(path)
    except yamlsource.YamlProblem as problem:
        return problem.message, problem.hint, problem.line, problem.column
    return None


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_without_libyaml_broken_files_get_the_same_messages(path: Path, monkeypatch):
    with_libyaml = _problem(path)
    monkeypatch.setattr(yamlsource, "_FastLoader", None)
    assert _problem(path) == with_libyaml
