"""Safe names and single-file atomic writes: nothing outside the folder, nothing half-written, the user's umask."""

from __future__ import annotations

import os
import stat

import pytest

from toolkit.errors import OutputProblem
from toolkit.write import safe_relative, write_atomic


@pytest.mark.parametrize("name", ["../x", "a/../../x", "/etc/passwd", "C:/x", "a\\..\\..\\x", "", ".hidden", "a/./b",
                                  "a//b", "a/b\x1b[2J", "line\nbreak"])
def test_paths_that_could_escape_are_refused(name):
    with pytest.raises(OutputProblem, match="refusing to write"):
        safe_relative(name)


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


@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_files_are_written_with_the_users_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "results.csv", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "results.csv").st_mode) == mode
