"""`lessonkit validate` remembers what it found in each file (toolkit/checkcache.py): checking again
reads and checks only the files that changed, says exactly what a check from scratch says, and a
damaged cache costs a warning and a recheck, never a wrong answer."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import toolkit.load as load
from kit import FIXTURES, LESSONS
from toolkit.cli import main


def _folder(tmp_path: Path) -> Path:
    """The built-in lessons and catalogues, a second copy of one lesson (the same id twice), a
    broken lesson and one with blaming words: errors and warnings of every kind to remember."""
    folder = tmp_path / "lessons"
    shutil.copytree(LESSONS, folder, ignore=shutil.ignore_patterns("schools", "locale"))
    shutil.copy(folder / "staff-briefing.yaml", folder / "staff-briefing-copy.yaml")
    shutil.copy(FIXTURES / "broken" / "wrong-types.yaml", folder / "wrong-types.yaml")
    kind = folder / "parents-session.yaml"
    kind.write_text(kind.read_text(encoding="utf-8").replace('title: "', 'title: "Serves them right. ', 1), encoding="utf-8")
    return folder


def _validate(folder: Path, *options: str):
    result = CliRunner().invoke(main, ["validate", str(folder), *options])
    return result.exit_code, result.stdout, result.stderr


def _reads(monkeypatch) -> list:
    """The lesson files read from now on, by name."""
    read = []
    real = load.load_file

    def recording(path, model, findings):
        read.append(Path(path).name)
        return real(path, model, findings)

    monkeypatch.setattr(load, "load_file", recording)
    return read


def test_checking_again_reads_nothing_and_says_the_same(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    fresh = _validate(folder, "--no-cache")
    assert fresh[0] == 1 and "also used by" in fresh[2] and "Serves them right" in fresh[2]
    first = _validate(folder)
    read = _reads(monkeypatch)
    again = _validate(folder)
    assert first == fresh and again == fresh
    assert read == []


def test_after_editing_one_lesson_only_it_is_read_and_checked_again(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    _validate(folder)
    lesson = folder / "online-safety-ks2.yaml"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace('title: "', 'title: "You should not have. ', 1),
                      encoding="utf-8")
    read = _reads(monkeypatch)
    again = _validate(folder)
    assert [name for name in read if name not in ("audiences.yaml", "support-routes.yaml", "nations.yaml")] == [
        "online-safety-ks2.yaml"]
    assert again == _validate(folder, "--no-cache")
    assert "You should not have" in again[2]


def test_a_changed_catalogue_checks_every_lesson_again(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    _validate(folder)
    routes = folder / "support-routes.yaml"
    routes.write_text(routes.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    read = _reads(monkeypatch)
    _validate(folder)
    assert "online-blackmail.yaml" in read and "staff-briefing.yaml" in read


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"format": "something else"}',
                                    b'{"format": "lessonkit-validate-cache-1", "key": 3}'])
def test_a_damaged_cache_file_is_ignored_with_a_warning(tmp_path, damage):
    folder = _folder(tmp_path)
    fresh = _validate(folder, "--no-cache")
    _validate(folder)
    kept = sorted((Path(_cache_dir()) / "validate").glob("*.json"))
    assert len(kept) == 7  # the catalogues, and each of the six lesson files
    for path in kept:
        path.write_bytes(damage)
    code, out, err = _validate(folder)
    assert code == fresh[0] and out == fresh[1]
    if damage.startswith(b'{"format": "lessonkit-validate-cache-1"'):
        assert "ignored a damaged validate cache file" not in err  # another key: simply checked again
    else:
        assert "warning: ignored a damaged validate cache file" in err
    assert err.replace("\n", "").count("also used by") == 1
    assert _validate(folder) == fresh  # and the cache is whole again


def _cache_dir() -> str:
    import os

    return os.environ["LESSONKIT_CACHE_DIR"]


def test_no_cache_neither_reads_nor_writes(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    _validate(folder, "--no-cache")
    assert not (Path(_cache_dir()) / "validate").exists()
    _validate(folder)
    read = _reads(monkeypatch)
    _validate(folder, "--no-cache")
    assert "online-blackmail.yaml" in read


def test_a_cache_that_cannot_be_written_is_a_warning(tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("LESSONKIT_CACHE_DIR", str(blocked))
    folder = _folder(tmp_path)
    code, out, err = _validate(folder)
    assert code == 1 and "warning: the validate cache in" in err and "could not be written" in err
