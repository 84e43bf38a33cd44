"""Atomic, guarded writes: nothing outside the output folder, nothing twice, nothing half-written."""

from __future__ import annotations

import os

import pytest

from toolkit.errors import OutputProblem
from toolkit.write import OutputWriter, write_atomic


@pytest.mark.parametrize("name", ["../x", "a/../../x", "/etc/passwd", "C:/x", "a\\..\\..\\x", "", ".hidden", "a/./b", "a//b"])
def test_paths_that_could_escape_are_refused(tmp_path, name):
    with pytest.raises(OutputProblem, match="refusing to write"):
        OutputWriter(tmp_path / "out").add(name, b"x")


def test_the_same_path_twice_is_refused(tmp_path):
    writer = OutputWriter(tmp_path)
    writer.add("lesson/ks3/deck.pptx", b"one")
    with pytest.raises(OutputProblem, match="two outputs want the same path 'lesson/ks3/deck.pptx'"):
        writer.add("lesson/ks3/deck.pptx", b"two")


def test_a_symlink_inside_output_is_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(outside, out / "lesson")
    writer = OutputWriter(out)
    writer.add("lesson/file.txt", b"x")
    with pytest.raises(OutputProblem, match="it is a link"):
        writer.commit()
    assert list(outside.iterdir()) == []


def test_commit_writes_every_file_and_leaves_no_temporary_files(tmp_path):
    writer = OutputWriter(tmp_path)
    writer.add("a/b.txt", b"hello")
    writer.add("c.txt", b"world")
    assert sorted(writer.commit()) == ["a/b.txt", "c.txt"]
    assert (tmp_path / "a" / "b.txt").read_bytes() == b"hello"
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["b.txt", "c.txt"]


class Interrupted(BaseException):
    pass


def test_an_interrupted_write_keeps_the_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"previous")

    def broken_replace(src, dst):
        raise Interrupted()

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(Interrupted):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]
