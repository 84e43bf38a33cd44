"""`lessonkit` ends without Python's teardown (toolkit.cli.leave), and loses nothing by it: every
line it printed arrives, exit handlers run, and its exit status is the command's."""

from __future__ import annotations

import os
import subprocess
import sys

from click.testing import CliRunner

from toolkit.cli import main

from kit import FIXTURES, ROOT

MINIMAL = FIXTURES / "minimal"


def _lessonkit(*args, cwd, code=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("LESSONKIT_DEBUG", None)
    command = [sys.executable, "-c", code, *map(str, args)] if code else [sys.executable, "-m", "toolkit", *map(str, args)]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


def test_everything_printed_arrives_and_the_status_is_the_commands(tmp_path):
    listed = _lessonkit("list", MINIMAL, cwd=tmp_path)
    assert listed.returncode == 0
    assert listed.stdout == CliRunner().invoke(main, ["list", str(MINIMAL)]).stdout
    assert _lessonkit("build", "--lesson", "no-such-lesson", "-o", tmp_path / "o", cwd=tmp_path).returncode == 2
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    for path in MINIMAL.iterdir():
        (lessons / path.name).write_bytes(path.read_bytes())
    (lessons / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    broken = _lessonkit("validate", lessons, cwd=tmp_path)
    assert broken.returncode == 1
    assert "broken.yaml:2:1" in broken.stderr
    assert broken.stderr.endswith("\n")


def test_exit_handlers_run_and_a_running_thread_is_waited_for(tmp_path):
    code = ("import atexit, sys, threading, time\n"
            "from toolkit.cli import run\n"
            "atexit.register(lambda: open('handler-ran', 'w').close())\n"
            "def late():\n    time.sleep(0.3)\n    open('thread-finished', 'w').close()\n"
            "threading.Thread(target=late).start() if sys.argv[1:] == ['thread'] else None\n"
            "sys.argv = ['lessonkit', 'list']\n"
            "print('before', end='')\n"
            "run()\n")
    for case in ("plain", "thread"):
        folder = tmp_path / case
        folder.mkdir()
        done = _lessonkit(case, cwd=folder, code=code)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("before") and "online-blackmail" in done.stdout
        assert (folder / "handler-ran").exists()
        assert (folder / "thread-finished").exists() == (case == "thread")


def test_a_profiler_still_gets_to_report(tmp_path):
    done = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(tmp_path / "run.prof"), "-m", "toolkit", "list"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "run.prof").stat().st_size > 0
