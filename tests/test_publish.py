"""A build's files change together or not at all: killed at any point of its write phase, or on a
full disk, the output folder holds the old complete set or the new one, consistent with its manifest."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from toolkit.build import BuildRequest, build
from toolkit.outfolder import check_output_folder
from toolkit.publish import clean_leftovers

from kit import FIXTURES
from publish_helpers import assert_consistent, lessonkit, lessons_copy

FORMATS = ("--format", "json", "--format", "quiz-paper")


@pytest.fixture
def two_builds(tmp_path):
    """An output folder from a first build, and lessons whose next build changes some of its files."""
    first = lessons_copy(tmp_path / "first")
    result = lessonkit("build", first, *FORMATS, "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    old = assert_consistent(tmp_path / "out")
    shutil.copytree(tmp_path / "out", tmp_path / "pristine", symlinks=True)
    second = lessons_copy(tmp_path / "second", title="Staying safe online, second edition")
    return tmp_path, old, second


def _restore(tmp_path: Path) -> None:
    shutil.rmtree(tmp_path / "out")
    shutil.copytree(tmp_path / "pristine", tmp_path / "out", symlinks=True)


def test_a_build_killed_at_every_point_of_its_write_phase_leaves_the_old_or_the_new_set(two_builds):
    tmp_path, old, second = two_builds
    args = ("build", second, *FORMATS, "--audience", "staff", "-o", "out")  # ks3's files are carried over
    finished = lessonkit(*args, cwd=tmp_path)
    assert finished.returncode == 0, finished.stderr
    new = assert_consistent(tmp_path / "out")
    assert new != old and set(new) == set(old)
    seen = set()
    for point in range(1, 60):
        _restore(tmp_path)
        result = lessonkit(*args, cwd=tmp_path, env={"LESSONKIT_TEST_KILL_AT": str(point)})
        state = assert_consistent(tmp_path / "out")
        assert state in (old, new), f"killed at write step {point}: a mix of two builds"
        seen.add("new" if state == new else "old")
        if result.returncode == 0:
            break
        assert result.returncode == -9, result.stderr
    else:
        pytest.fail("the build never got to the end of its write phase")
    assert point > 10, "too few kill points to mean anything"
    assert seen == {"old", "new"}
    # the next build removes what the killed ones left
    assert lessonkit(*args, cwd=tmp_path).returncode == 0
    assert sorted(os.listdir(tmp_path / ".out.lessonkit")) == ["cache", "lock"]  # the render cache is kept


def test_a_build_killed_at_random_moments_without_any_hook_leaves_a_consistent_folder(two_builds):
    """The same, as a user would do it: SIGKILL after a random delay (bounded: six tries)."""
    import random
    import signal
    import sys
    import time

    tmp_path, old, second = two_builds
    rng = random.Random(18)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    env.pop("LESSONKIT_TEST_KILL_AT", None)
    for _ in range(6):
        _restore(tmp_path)
        run = subprocess.Popen([sys.executable, "-m", "toolkit", "build", str(second), *FORMATS, "-o", "out"], cwd=tmp_path,
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 2.0))
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=60)
        state = assert_consistent(tmp_path / "out")
        assert state == old or (set(state) == set(old) and state != old)


def test_an_interrupted_build_leaves_temporary_files_that_the_next_build_removes(two_builds):
    tmp_path, old, second = two_builds
    result = lessonkit("build", second, *FORMATS, "-o", "out", cwd=tmp_path, env={"LESSONKIT_TEST_KILL_AT": "5"})
    assert result.returncode == -9
    workspace = tmp_path / ".out.lessonkit"
    assert any(name.startswith("stage-") for name in os.listdir(workspace))
    (tmp_path / "out" / "national" / "tiny" / ".slides.pptx.1234.tmp").write_bytes(b"from an older lessonkit")
    assert lessonkit("build", second, *FORMATS, "-o", "out", cwd=tmp_path).returncode == 0
    assert sorted(os.listdir(workspace)) == ["cache", "lock"]  # the render cache is kept
    assert not list((tmp_path / "out").rglob("*.tmp"))


def test_a_build_killed_between_the_two_renames_is_rolled_back_by_the_next(tmp_path):
    """Where there is no atomic exchange, the old folder is moved aside first; the next run puts it back."""
    build(BuildRequest(lesson_paths=[FIXTURES / "minimal"], output=tmp_path / "out", formats=["json"]))
    before = assert_consistent(tmp_path / "out")
    folder = check_output_folder(tmp_path / "out")
    os.rename(tmp_path / "out", folder.workspace / "aside-0123456789ab")
    clean_leftovers(folder)
    assert assert_consistent(tmp_path / "out") == before


def test_files_carried_over_are_the_same_files_and_user_files_are_kept(tmp_path):
    out = tmp_path / "out"
    build(BuildRequest(lesson_paths=[FIXTURES / "minimal"], output=out, formats=["json"], audiences=["ks3"]))
    (out / "my-notes.txt").write_text("teacher's notes")
    build(BuildRequest(lesson_paths=[FIXTURES / "minimal"], output=out, formats=["json"], audiences=["staff"]))
    assert (out / "my-notes.txt").read_text() == "teacher's notes"
    files = assert_consistent(out)
    assert {"national/tiny/ks3/tiny-ks3.json", "national/tiny/staff/tiny-staff.json", "my-notes.txt"} <= set(files)


def _unshare_available() -> str:
    if shutil.which("unshare") is None:
        return "the 'unshare' tool is not installed"
    flags = ["-m"] if os.geteuid() == 0 else ["-rm"]
    probe = subprocess.run(["unshare", *flags, "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt && umount /mnt"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        return f"cannot mount a small disk in a private mount namespace here ({probe.stderr.strip() or probe.returncode})"
    return ""


def _on_small_disk(tmp_path: Path, size_kb: int, script: str) -> subprocess.CompletedProcess:
    """Run `script` with $DISK a fresh tmpfs of `size_kb` KiB in a private mount namespace."""
    disk = tmp_path / "disk"
    disk.mkdir(exist_ok=True)
    flags = ["-m"] if os.geteuid() == 0 else ["-rm"]
    full = f'mount -t tmpfs -o size={size_kb}k tmpfs "$DISK" && {script}'
    environment = dict(os.environ, DISK=str(disk), PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    environment.pop("LESSONKIT_DEBUG", None)
    return subprocess.run(["unshare", *flags, "sh", "-c", full], cwd=tmp_path, env=environment,
                          capture_output=True, text=True, timeout=120)


def test_a_full_disk_leaves_the_previous_outputs_intact(two_builds):
    reason = _unshare_available()
    if reason:
        pytest.skip(reason)
    tmp_path, old, second = two_builds
    used = sum((tmp_path / "pristine" / path).stat().st_size for path in old)
    import sys
    outcomes = []
    for share in (0.2, 0.6, 1.0, 3.0):  # the new build needs about as much room again as the old one
        size = int(used * (1 + share)) // 1024 + 64  # directories and the marker take a few pages too
        shutil.rmtree(tmp_path / "after", ignore_errors=True)
        result = _on_small_disk(tmp_path, size, (
            f'cp -a pristine "$DISK/out" && "{sys.executable}" -m toolkit build "{second}" '
            f'--format json --format quiz-paper -o "$DISK/out"; echo "exit=$?"; cp -a "$DISK/out" after'))
        exit_line = [line for line in result.stdout.splitlines() if line.startswith("exit=")]
        assert exit_line, result.stderr
        code = int(exit_line[-1][5:])
        state = assert_consistent(tmp_path / "after")
        if code == 0:
            assert state != old
        else:
            assert code == 2, result.stderr
            assert "the disk is full" in result.stderr and "Earlier outputs are unchanged" in result.stderr
            assert "failed unexpectedly" not in result.stderr and "Traceback" not in result.stderr
            assert state == old
        outcomes.append(code)
    assert outcomes[0] == 2 and outcomes[-1] == 0, f"the disk should fill at first, then have room: {outcomes}"


def test_a_read_only_disk_is_a_usage_error(two_builds):
    reason = _unshare_available()
    if reason:
        pytest.skip(reason)
    tmp_path, old, second = two_builds
    import sys
    result = _on_small_disk(tmp_path, 2048, (
        f'cp -a pristine "$DISK/out" && mount -o remount,ro "$DISK" && "{sys.executable}" -m toolkit build "{second}" '
        f'--format json -o "$DISK/out"; echo "exit=$?"'))
    assert "exit=2" in result.stdout, result.stderr
    assert "cannot be written to" in result.stderr and "-o" in result.stderr
    assert "failed unexpectedly" not in result.stderr
