"""The same lesson always gives the same deck, byte for byte, whenever and however it is built:
school packs are zipped and compared."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from test_slides_support import adapted_lesson, lesson_folder, make_deck, school_profile

REVIEWED = dt.datetime(2026, 11, 1)  # the test lesson's last_reviewed


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return lesson_folder(tmp_path_factory.mktemp("repro"))


def test_a_deck_built_again_days_later_is_the_same_file(folder, tmp_path, monkeypatch):
    lesson = adapted_lesson(folder, "ks3", school_profile(tmp_path))  # with a logo and QR codes
    _, _, first = make_deck(lesson)
    later = time.time() + 3 * 24 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    _, _, again = make_deck(lesson)
    assert again == first


def test_the_deck_is_dated_by_the_lessons_review(folder):
    _, _, data = make_deck(adapted_lesson(folder, "staff"))
    props = Presentation(io.BytesIO(data)).core_properties
    assert (props.created, props.modified, props.last_printed) == (REVIEWED, REVIEWED, REVIEWED)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {entry.date_time for entry in package.infolist()} == {(2026, 11, 1, 0, 0, 0)}
        assert package.testzip() is None


_BUILD = """
import sys
sys.path[:0] = [{tests!r}, {render!r}]
from test_slides_support import adapted_lesson, make_deck
from pathlib import Path
_, _, data = make_deck(adapted_lesson(Path({folder!r}), "ks3"))
Path({out!r}).write_bytes(data)
"""


def test_separate_builds_give_identical_bytes(folder, tmp_path):
    """Two processes with different hash seeds (so any unordered set would show) write one file."""
    here = Path(__file__).resolve().parent
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"deck-{seed}.pptx"
        code = _BUILD.format(tests=str(here.parent), render=str(here), folder=str(folder), out=str(out))
        subprocess.run([sys.executable, "-c", code], check=True, cwd=here.parent.parent,
                       env={**os.environ, "PYTHONHASHSEED": seed}, timeout=300)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
