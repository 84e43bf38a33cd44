"""Checking on two cores (toolkit/beside.py): the slide rules in a second process give the same
findings, in the same order, as checking in one; a lost second process costs time, not results."""

from __future__ import annotations

import os
import signal

import pytest
from click.testing import CliRunner

from kit import FIXTURES, ROOT
from toolkit.beside import Beside, fork_context
from toolkit.builtin import lessons_dir
from toolkit.checks import run_checks, validate_lessons
from toolkit.cli import main
from toolkit.errors import ContentErrors
from toolkit.load import load_project

needs_fork = pytest.mark.skipif(fork_context() is None, reason="this system cannot fork")


def _square(number: int) -> int:
    return number * number


def _pid() -> int:
    return os.getpid()


def _fail(message: str) -> None:
    raise ValueError(message)


@needs_fork
def test_a_task_runs_in_a_second_process_and_gives_its_result():
    with Beside(2) as beside:
        pending = beside.submit(_pid)
        assert pending.result() != os.getpid()
        assert beside.submit(_square, 7).result() == 49


def test_with_one_job_a_task_runs_here_when_its_result_is_asked_for():
    runs = []
    with Beside(1) as beside:
        pending = beside.submit(runs.append, "ran")
        assert not pending.done() and runs == []
        pending.result()
        pending.result()
        assert pending.done() and runs == ["ran"]
        assert beside.submit(_pid).result() == os.getpid()


@needs_fork
def test_an_exception_in_the_second_process_is_raised_again_here():
    with Beside(2) as beside:
        pending = beside.submit(_fail, "no such part")
        with pytest.raises(ValueError, match="no such part"):
            pending.result()


def _die_unless_here(parent: int) -> int:
    if os.getpid() != parent:
        os.kill(os.getpid(), signal.SIGKILL)
    return 42


@needs_fork
def test_a_killed_task_is_run_again_here():
    with Beside(2) as beside:
        assert beside.submit(_die_unless_here, os.getpid()).result() == 42
        assert beside.submit(_square, 3).result() == 9  # the pool is lost: later tasks run here too


def _findings(paths, catalogue, jobs):
    try:
        count, found = validate_lessons(paths, catalogue, jobs=jobs)
    except ContentErrors as problems:
        return "errors", [repr(f) for f in problems.findings]
    return count, [repr(f) for f in found]


def _altered_builtin(folder):
    """The built-in lessons with blaming words in a title and a session whose plan does not add up:
    findings from the rules run here (content) and beside (slide rules) at once."""
    import shutil

    shutil.copytree(lessons_dir(), folder)
    lesson = folder / "online-blackmail.yaml"
    text = lesson.read_text(encoding="utf-8")
    text = text.replace('title: "What do we already know?"',
                        'title: "What do we already know? Serves them right"')  # a content rule: blame
    text = text.replace("    minutes: 50", "    minutes: 45", 1)  # its plan still adds up to 50
    lesson.write_text(text, encoding="utf-8")
    return folder


@needs_fork
@pytest.mark.parametrize("folder", ["altered", "broken", "awkward"])
def test_validate_on_two_cores_finds_exactly_what_one_core_finds(folder, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    if folder == "altered":
        paths, catalogue = [_altered_builtin(tmp_path / "lessons")], None
    else:
        paths = [p for p in sorted((FIXTURES / folder).glob("*.yaml")) if p.stem not in ("audiences", "support-routes")]
        catalogue = FIXTURES / ("awkward" if folder == "awkward" else "minimal")
    one = _findings(paths, catalogue, 1)
    two = _findings(paths, catalogue, 2)
    assert one == two
    assert one[1], "each folder has something to say, so the comparison means something"
    if folder == "altered":
        assert "rule='blame'" in one[1][0] and "rule='session-timing'" in one[1][1]


@needs_fork
def test_run_checks_beside_gives_the_same_findings_in_the_same_order():
    project, _problems = load_project([lessons_dir()])
    alone = run_checks(project)
    with Beside(2) as beside:
        asked = []
        together = run_checks(project, beside=beside, meanwhile=asked.append)
    assert [repr(f) for f in together] == [repr(f) for f in alone]
    assert asked in ([], [project])  # meanwhile runs at most once, with the project


def test_validate_jobs_option_is_checked():
    result = CliRunner().invoke(main, ["validate", "--jobs", "0"])
    assert result.exit_code == 2 and "--jobs" in result.output
