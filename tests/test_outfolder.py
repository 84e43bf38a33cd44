"""The output folder is lessonkit's or refused, and one build writes to it at a time."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import threading
import time

import pytest
from click.testing import CliRunner

from toolkit.build import BuildRequest, build
from toolkit.cli import main
from toolkit.errors import UsageProblem
from toolkit.outfolder import check_output_folder, hold_lock

from kit import FIXTURES
from publish_helpers import assert_consistent, lessonkit, lessons_copy

MINIMAL = FIXTURES / "minimal"


def _build(*args, **kwargs):
    return CliRunner().invoke(main, ["build", str(MINIMAL), "--format", "json", *map(str, args)], **kwargs)


def test_a_folder_lessonkit_did_not_create_is_refused_unless_forced(tmp_path):
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "holiday.jpg").write_bytes(b"precious")
    result = _build("-o", tmp_path / "photos")
    assert result.exit_code == 2
    assert "already holds files lessonkit did not write (e.g. 'holiday.jpg')" in result.stderr
    assert "--force" in result.stderr and "-o" in result.stderr
    assert os.listdir(tmp_path / "photos") == ["holiday.jpg"]
    forced = _build("-o", tmp_path / "photos", "--force")
    assert forced.exit_code == 0, forced.output
    assert (tmp_path / "photos" / "holiday.jpg").read_bytes() == b"precious"
    assert_consistent(tmp_path / "photos")
    assert _build("-o", tmp_path / "photos").exit_code == 0  # marked as ours now


def test_an_empty_or_new_folder_and_one_from_an_earlier_lessonkit_are_used(tmp_path):
    (tmp_path / "empty").mkdir()
    assert _build("-o", tmp_path / "empty").exit_code == 0
    assert _build("-o", tmp_path / "new" / "deeper").exit_code == 0
    legacy = tmp_path / "legacy"
    legacy.mkdir()
    (legacy / "manifest.json").write_text(json.dumps({"files": []}))
    (legacy / "index.html").write_text("<html></html>")
    assert _build("-o", legacy).exit_code == 0


@pytest.mark.parametrize("target,message", [
    ("/", "this is the root of the disk"),
    ("HOME", "this is your home folder"),
    (".", "this is the current folder"),
    ("..", "this is the current folder (or holds it)"),
    ("LESSONS", "it holds the input"),
    ("LESSONS_PARENT", "it holds the input"),
])
def test_never_the_root_home_current_or_lessons_folder_even_when_forced(tmp_path, monkeypatch, target, message):
    home, work = tmp_path / "home", tmp_path / "home" / "school" / "work"
    work.mkdir(parents=True)
    lessons = lessons_copy(work / "course")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    output = {"HOME": home, "LESSONS": lessons, "LESSONS_PARENT": lessons.parent}.get(target, target)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    result = CliRunner().invoke(main, ["build", str(lessons), "--format", "json", "-o", str(output), "--force"])
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "-o" in result.stderr
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_a_dangling_link_or_a_file_is_a_usage_error(tmp_path):
    os.symlink(tmp_path / "gone", tmp_path / "link")
    result = _build("-o", tmp_path / "link")
    assert result.exit_code == 2
    assert f"{tmp_path / 'link'}: it is a link to '{tmp_path / 'gone'}', which does not exist" in result.stderr
    (tmp_path / "file").write_text("x")
    result = _build("-o", tmp_path / "file")
    assert result.exit_code == 2 and "is a file" in result.stderr
    with pytest.raises(UsageProblem, match="this is a file, not a folder"):
        check_output_folder(tmp_path / "file")


def test_a_link_to_a_folder_builds_into_the_folder(tmp_path):
    (tmp_path / "real").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "link")
    assert _build("-o", tmp_path / "link").exit_code == 0
    assert os.path.islink(tmp_path / "link")
    assert_consistent(tmp_path / "real")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to any folder; the read-only disk test covers root")
def test_an_unwritable_folder_is_a_usage_error(tmp_path):
    (tmp_path / "locked").mkdir()
    os.chmod(tmp_path / "locked", 0o555)
    result = _build("-o", tmp_path / "locked")
    assert result.exit_code == 2 and "cannot be written to" in result.stderr


def test_files_and_folders_follow_the_users_umask(tmp_path):
    for umask, file_mode, folder_mode in ((0o022, 0o644, 0o755), (0o027, 0o640, 0o750)):
        output = tmp_path / f"out{umask:o}"
        result = lessonkit("build", MINIMAL, "--format", "json", "-o", output, cwd=tmp_path, umask=umask)
        assert result.returncode == 0, result.stderr
        for path in [output, *output.rglob("*")]:
            wanted = folder_mode if path.is_dir() else file_mode
            assert stat.S_IMODE(path.stat().st_mode) == wanted, path


def test_a_second_build_waits_for_the_first_and_says_so(tmp_path):
    output = tmp_path / "out"
    build(BuildRequest(lesson_paths=[MINIMAL], output=output, formats=["json"], audiences=["ks3"]))
    folder = check_output_folder(output)
    release = threading.Event()

    def hold():
        with hold_lock(folder):
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.2)
    try:
        refused = lessonkit("build", MINIMAL, "--format", "json", "-o", output, cwd=tmp_path,
                            env={"LESSONKIT_LOCK_WAIT": "0.5"})
        assert refused.returncode == 2
        assert f"another lessonkit build (process {os.getpid()}) is writing to this folder" in refused.stderr
        assert "Wait for it to finish" in refused.stderr
        waiting = subprocess.Popen([*lessonkit_command(), "build", str(MINIMAL), "--format", "json", "--audience", "staff",
                                    "-o", str(output)], cwd=tmp_path, stderr=subprocess.PIPE, text=True, env=_env())
        said = []
        for line in waiting.stderr:  # it says it waits while the lock is held, then finishes once it is free
            said.append(line)
            if line.startswith("Waiting for"):
                break
        release.set()
        rest = waiting.communicate(timeout=60)[1]
        assert waiting.returncode == 0, "".join(said) + rest
        assert f"Waiting for another lessonkit build (process {os.getpid()}) to finish writing to {output}" in said[-1]
    finally:
        release.set()
        holder.join()
    manifest = json.loads((output / "manifest.json").read_text())
    assert [e["audience"] for e in manifest["files"]] == ["ks3", "staff"]


def lessonkit_command():
    import sys
    return [sys.executable, "-m", "toolkit"]


def _env():
    from kit import ROOT
    return dict(os.environ, PYTHONPATH=str(ROOT))


def test_concurrent_builds_into_one_folder_keep_each_others_entries(tmp_path):
    runs = [subprocess.Popen([*lessonkit_command(), "build", str(MINIMAL), "--format", fmt, "--audience", audience,
                              "-o", str(tmp_path / "out")], cwd=tmp_path, stderr=subprocess.PIPE, text=True, env=_env())
            for fmt in ("json", "gift") for audience in ("ks3", "staff")]
    for run in runs:
        assert run.wait(timeout=120) == 0, run.stderr.read()
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert sorted((e["format"], e["audience"]) for e in manifest["files"]) == [
        ("gift", "ks3"), ("gift", "staff"), ("json", "ks3"), ("json", "staff")]
    assert_consistent(tmp_path / "out")


def test_a_users_file_or_link_where_the_build_needs_a_folder_is_refused_and_kept(tmp_path):
    out = tmp_path / "out"
    assert _build("-o", out).exit_code == 0
    outside = tmp_path / "outside"
    outside.mkdir()
    import shutil
    shutil.rmtree(out / "national" / "tiny" / "ks3")
    os.symlink(outside, out / "national" / "tiny" / "ks3")
    result = _build("-o", out)
    assert result.exit_code == 1
    assert f"refusing to replace '{out / 'national' / 'tiny' / 'ks3'}': it is a link not made by lessonkit" in result.stderr
    assert list(outside.iterdir()) == [] and os.path.islink(out / "national" / "tiny" / "ks3")
    os.unlink(out / "national" / "tiny" / "ks3")
    (out / "national" / "tiny" / "ks3").write_text("my notes")
    result = _build("-o", out)
    assert "it is a file not made by lessonkit, and this build needs a folder there" in result.stderr
    assert (out / "national" / "tiny" / "ks3").read_text() == "my notes"


@pytest.mark.parametrize("kind", ["too-long", "through-a-file", "loop"])
def test_impossible_paths_are_usage_errors(tmp_path, kind):
    (tmp_path / "file").write_text("x")
    os.symlink(tmp_path / "loop-a", tmp_path / "loop-b")
    os.symlink(tmp_path / "loop-b", tmp_path / "loop-a")
    target = {"too-long": tmp_path / ("x" * 5000), "through-a-file": tmp_path / "file" / "out", "loop": tmp_path / "loop-a"}[kind]
    for args in (["build", str(MINIMAL), "--format", "json", "-o", str(target)], ["validate", str(target / "x.yaml")],
                 ["school", "check", str(target / "s.yaml")]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        assert "failed unexpectedly" not in result.output and "Traceback" not in result.output


def test_a_folder_holding_only_a_placeholder_counts_as_empty_and_keeps_it(tmp_path):
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / ".gitkeep").write_text("")
    assert _build("-o", tmp_path / "output").exit_code == 0
    assert (tmp_path / "output" / ".gitkeep").exists()


def test_a_link_where_the_workspace_goes_is_refused(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, tmp_path / ".out.lessonkit")
    result = _build("-o", tmp_path / "out")
    assert result.exit_code == 2 and "is in the way" in result.stderr
    assert list(elsewhere.iterdir()) == [] and not (tmp_path / "out").exists()
