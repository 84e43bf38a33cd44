"""lessonkit after install, from a folder that is not the checkout: the built-in content is in the
package, a teacher's own lessons use the built-in catalogue, and `lessonkit init` sets up a folder.
Each command runs as a user would run it, in a fresh process started in an empty folder."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import pytest

from kit import LESSONS, ROOT
from live.helpers import read_banner as _read_banner


def lessonkit(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toolkit", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env=env)


@pytest.fixture
def elsewhere(tmp_path) -> Path:
    """An empty folder outside the checkout."""
    folder = tmp_path / "empty"
    folder.mkdir()
    assert not (folder / "lessons").exists() and ROOT not in folder.parents
    return folder


def test_list_works_from_an_empty_folder(elsewhere):
    result = lessonkit("list", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    for text in ("online-blackmail", "staff-briefing", "Key Stage 3", "Childline: 0800 1111"):
        assert text in result.stdout
    assert result.stderr == ""


def test_build_works_from_an_empty_folder(elsewhere):
    result = lessonkit("build", "--lesson", "online-blackmail", "--audience", "ks4", "--format", "json", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((elsewhere / "output" / "manifest.json").read_text(encoding="utf-8"))
    assert [entry["lesson"] for entry in manifest["files"]] == ["online-blackmail"]
    assert (elsewhere / "output" / "index.html").is_file()


def test_a_copy_of_a_built_in_lesson_validates_with_the_built_in_catalogue(elsewhere):
    shutil.copy(LESSONS / "online-blackmail.yaml", elsewhere / "my-lesson.yaml")
    result = lessonkit("validate", "my-lesson.yaml", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert "1 lesson checked: no errors" in result.stdout
    built = lessonkit("build", "my-lesson.yaml", "--audience", "ks3", "--format", "json", cwd=elsewhere)
    assert built.returncode == 0, built.stderr


def test_a_lesson_beside_its_own_catalogue_uses_that_catalogue(elsewhere):
    for name in ("tiny.yaml", "audiences.yaml", "support-routes.yaml"):
        shutil.copy(ROOT / "tests" / "fixtures" / "minimal" / name, elsewhere)
    result = lessonkit("list", ".", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert "tiny" in result.stdout and "online-blackmail" not in result.stdout


def test_a_built_in_example_school_is_named_by_its_id(elsewhere):
    result = lessonkit("school", "check", "example-wales", "--no-contacts", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    missing = lessonkit("build", "--school", "example-narnia", cwd=elsewhere)
    assert missing.returncode == 2
    assert "example-england, example-northern-ireland, example-scotland, example-wales" in missing.stderr


def test_quiz_serve_works_from_an_empty_folder(elsewhere):
    process = subprocess.Popen([sys.executable, "-m", "toolkit", "quiz", "serve", "online-blackmail", "--audience", "ks4",
                                "--port", "0"], cwd=elsewhere, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        banner = _read_banner(process)
        assert "Live quiz: Online blackmail" in banner["text"]
        with urllib.request.urlopen(f"http://127.0.0.1:{banner['port']}/", timeout=10) as page:
            assert page.status == 200
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0


def test_init_sets_up_a_folder_that_validates_and_builds(elsewhere):
    result = lessonkit("init", "our-lessons", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    folder = elsewhere / "our-lessons"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == [
        "README.md", "lessons", "lessons/online-blackmail.yaml", "schools"]
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for text in ("lessonkit school init", "lessonkit validate lessons", "lessonkit build lessons --schools schools",
                 "`lessons/online-blackmail.yaml` is a copy of the built-in lesson 'online-blackmail'"):
        assert text in readme
    assert lessonkit("validate", "lessons", cwd=folder).returncode == 0
    again = lessonkit("init", "our-lessons", cwd=elsewhere)
    assert again.returncode == 1
    assert "our-lessons/lessons/online-blackmail.yaml already exists; nothing was changed" in again.stderr
    other = lessonkit("init", ".", "--lesson", "parents", cwd=folder)
    assert other.returncode == 2 and "Did you mean 'parents-session'?" in other.stderr
    added = lessonkit("init", ".", "--lesson", "parents-session", cwd=folder)
    assert added.returncode == 0 and (folder / "lessons" / "parents-session.yaml").is_file()
    assert "Wrote README.md" not in added.stdout  # kept: the teacher may have edited it


def test_the_wheel_carries_the_built_in_content_and_works_from_it(tmp_path, elsewhere):
    source, wheels = tmp_path / "source", tmp_path / "wheels"
    # A copy, as setuptools works in the source folder; links stay links, as in a clone.
    shutil.copytree(ROOT, source, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "output", "node_modules", "build", "*.egg-info", "__pycache__", ".pytest_cache"))
    assert (source / "toolkit" / "builtin").is_symlink()
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(source)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    wheel = next(wheels.glob("lessonkit-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(p.relative_to(LESSONS).as_posix() for p in LESSONS.rglob("*") if p.is_file())
    assert sorted(n[len("toolkit/builtin/"):] for n in names if n.startswith("toolkit/builtin/")) == shipped
    # Run lessonkit from the unpacked wheel (ahead of the checkout on the path), in an empty folder.
    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(wheel).extractall(unpacked)
    env = dict(os.environ, PYTHONPATH=str(unpacked))
    where = subprocess.run([sys.executable, "-c", "import toolkit.builtin as b; print(b.BUILTIN)"], cwd=elsewhere,
                           env=env, capture_output=True, text=True)
    assert where.stdout.strip() == str(unpacked / "toolkit" / "builtin")
    built = lessonkit("build", "--lesson", "parents-session", "--format", "json", cwd=elsewhere, env=env)
    assert built.returncode == 0, built.stderr
    assert (elsewhere / "output" / "manifest.json").is_file()
