"""A profile's logo is a file in the profile's folder: nothing outside it is ever opened."""

from __future__ import annotations

import os
import shutil

import pytest

from toolkit.profiles import logo as logo_module
from toolkit.profiles.checks import check_profile

from kit import LESSONS

SCHOOLS = LESSONS / "schools"


def _profile(folder, logo):
    text = (SCHOOLS / "example-england.yaml").read_text(encoding="utf-8")
    path = folder / "school.yaml"
    path.write_text(text.replace("logo: example-england-logo.png", f"logo: '{logo}'"), encoding="utf-8")
    return path


@pytest.fixture
def opened(monkeypatch):
    """Every path the logo check opens."""
    seen = []
    real = logo_module.read_regular_file

    def spy(path, limit):
        seen.append(str(path))
        return real(path, limit)

    monkeypatch.setattr(logo_module, "read_regular_file", spy)
    return seen


@pytest.mark.parametrize("written,message", [
    ("/etc/passwd", "must be a file in the profile's folder, not an absolute path"),
    ("../secret.png", "is outside the profile's folder"),
    ("art/../../secret.png", "is outside the profile's folder"),
    ("link.png", "is a link to a file outside the profile's folder"),
    ("linked-folder/logo.png", "is a link to a file outside the profile's folder"),
    ("~/logo.png", "not an absolute path"),
])
def test_logos_outside_the_profiles_folder_are_refused_before_anything_is_opened(tmp_path, opened, written, message):
    folder = tmp_path / "profiles"
    folder.mkdir()
    shutil.copy(SCHOOLS / "example-england-logo.png", tmp_path / "secret.png")
    os.symlink(tmp_path / "secret.png", folder / "link.png")
    os.symlink(tmp_path, folder / "linked-folder")
    shutil.copy(SCHOOLS / "example-england-logo.png", tmp_path / "logo.png")
    checked = check_profile(_profile(folder, written))
    logo_findings = [f for f in checked.findings if f.rule == "logo"]
    assert len(logo_findings) == 1 and message in logo_findings[0].message
    assert logo_findings[0].line == 48
    assert opened == []
    assert checked.loaded.model.logo is None  # nothing downstream can open it either


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_a_pipe_folder_or_device_is_not_read(tmp_path, kind):
    folder = tmp_path / "profiles"
    folder.mkdir()
    if kind == "fifo":
        os.mkfifo(folder / "logo.png")
    elif kind == "folder":
        (folder / "logo.png").mkdir()
    else:
        os.symlink("/dev/zero", folder / "dev.png")
    written = "dev.png" if kind == "device" else "logo.png"
    findings = [f for f in check_profile(_profile(folder, written)).findings if f.rule == "logo"]
    assert len(findings) == 1
    assert "not an image file" in findings[0].message or "outside the profile's folder" in findings[0].message


def test_a_logo_in_the_folder_or_below_it_or_linked_within_it_is_used(tmp_path):
    folder = tmp_path / "profiles"
    (folder / "art").mkdir(parents=True)
    shutil.copy(SCHOOLS / "example-england-logo.png", folder / "art" / "logo.png")
    os.symlink(folder / "art" / "logo.png", folder / "shortcut.png")
    for written in ("art/logo.png", "shortcut.png", "./art/../art/logo.png"):
        checked = check_profile(_profile(folder, written))
        assert [f.render() for f in checked.findings if f.rule == "logo"] == []
        assert checked.loaded.model.logo == str((folder / "art" / "logo.png").resolve())
