"""What lessonkit prints is safe for a terminal, and a reader that goes away never stops a build."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from click.testing import CliRunner

from toolkit.cli import main
from toolkit.terminal import visible

from kit import FIXTURES, ROOT
from publish_helpers import assert_consistent

MINIMAL = FIXTURES / "minimal"


def test_control_and_escape_sequences_are_made_visible():
    assert visible("a\x1b[2J\x1b]0;title\x07b") == "a\\x1b[2J\\x1b]0;title\\x07b"
    assert visible("line\nnext\ttab") == "line\nnext\ttab"
    assert visible("\x00\x9b\ud800\u202e") == "\\x00\\x9b\\ud800\\u202e"
    assert visible("Ysgol Cwm Derw ŵ ŷ — “quoted”") == "Ysgol Cwm Derw ŵ ŷ — “quoted”"


def test_text_from_the_command_line_or_a_file_name_cannot_steer_the_terminal(tmp_path):
    result = CliRunner().invoke(main, ["build", str(MINIMAL), "--lesson", "\x1b[2J\x1b]0;owned\x07", "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "unknown lesson '\\x1b[2J\\x1b]0;owned\\x07'" in result.stderr and "\x1b" not in result.stderr
    lessons = tmp_path / "lessons"
    shutil.copytree(MINIMAL, lessons)
    (lessons / "bad\x1b]0;owned\x07.yaml").write_text("id: [", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(lessons)])
    assert "bad\\x1b]0;owned\\x07.yaml" in result.stderr and "\x1b" not in result.stderr


def _run_into_closed_pipe(*args, cwd):
    """Run lessonkit with stdout and stderr a pipe whose reader has already gone."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("LESSONKIT_DEBUG", None)
    try:
        return subprocess.run([sys.executable, "-m", "toolkit", *map(str, args)], cwd=cwd, stdout=write_end,
                              stderr=write_end, env=env, timeout=120).returncode
    finally:
        os.close(write_end)


def test_a_broken_pipe_on_stdout_and_stderr_never_stops_a_build(tmp_path):
    code = _run_into_closed_pipe("build", MINIMAL, "--format", "json", "--format", "gift", "-o", tmp_path / "out", cwd=tmp_path)
    assert code == 0
    files = assert_consistent(tmp_path / "out")
    assert {"national/tiny/ks3/tiny-ks3.json", "national/tiny/staff/tiny-staff-quiz.gift.txt"} <= set(files)


def test_list_into_head_exits_0_quietly(tmp_path):
    result = subprocess.run(f'"{sys.executable}" -m toolkit list "{MINIMAL}" | head -1; echo "status=${{PIPESTATUS[0]}}"',
                            shell=True, executable="/bin/bash", cwd=tmp_path, capture_output=True, text=True,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=60)
    assert result.stdout.splitlines() == ["Lessons:", "status=0"]
    assert result.stderr == ""
    assert _run_into_closed_pipe("list", MINIMAL, cwd=tmp_path) == 0


def test_build_piped_into_head_finishes(tmp_path):
    result = subprocess.run(f'"{sys.executable}" -m toolkit build "{MINIMAL}" --format json -o out 2>&1 | head -1; '
                            'echo "status=${PIPESTATUS[0]}"', shell=True, executable="/bin/bash", cwd=tmp_path,
                            capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=60)
    assert result.stdout.splitlines()[-1] == "status=0"
    assert json.loads((tmp_path / "out" / "manifest.json").read_text())["files"]


def test_a_fifo_as_a_catalogue_does_not_hang(tmp_path):
    lessons = tmp_path / "lessons"
    shutil.copytree(MINIMAL, lessons)
    (lessons / "audiences.yaml").unlink()
    os.mkfifo(lessons / "audiences.yaml")
    result = subprocess.run([sys.executable, "-m", "toolkit", "validate", str(lessons)], capture_output=True, text=True,
                            timeout=30, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert result.returncode == 1
    assert "audiences.yaml: error: cannot read the file: it is not a plain file (a pipe, device or socket)" in result.stderr
    os.mkfifo(tmp_path / "template.pptx")
    result = subprocess.run([sys.executable, "-m", "toolkit", "build", str(MINIMAL), "--format", "slides", "--template",
                             str(tmp_path / "template.pptx"), "-o", str(tmp_path / "o")], capture_output=True, text=True,
                            timeout=30, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert result.returncode == 2 and "the slide template is not a plain file" in result.stderr


def _many_lessons(tmp_path, count=25):
    lessons = tmp_path / "many"
    shutil.copytree(MINIMAL, lessons)
    text = (lessons / "tiny.yaml").read_text(encoding="utf-8")
    for number in range(count):
        (lessons / f"tiny-{number}.yaml").write_text(text.replace("id: tiny", f"id: tiny-{number}"), encoding="utf-8")
    return lessons


def test_validate_shows_progress_on_a_terminal_only(tmp_path):
    import pty

    lessons = _many_lessons(tmp_path)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    primary, secondary = pty.openpty()
    try:
        run = subprocess.run([sys.executable, "-m", "toolkit", "validate", str(lessons)], stdout=subprocess.PIPE,
                             stderr=secondary, env=env, timeout=120)
        os.close(secondary)
        shown = b""
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(primary)
    assert run.returncode == 0
    assert b"Checking lessons" in shown and b"26/26" in shown.replace(b" ", b"")
    piped = subprocess.run([sys.executable, "-m", "toolkit", "validate", str(lessons)], capture_output=True, text=True,
                           env=env, timeout=120)
    assert "Checking lessons" not in piped.stderr
    assert piped.stdout.strip() == "26 lessons checked: no errors."


def test_validate_reports_a_lesson_id_used_twice_in_a_large_folder(tmp_path):
    lessons = _many_lessons(tmp_path, 3)
    (lessons / "tiny-again.yaml").write_text((lessons / "tiny.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(lessons)])
    assert result.exit_code == 1
    assert "tiny.yaml:1:5: error: lesson id 'tiny' is also used by" in result.stderr
