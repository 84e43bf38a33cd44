"""A stale or hostile manifest.json is never trusted; the build goes on with a warning."""

from __future__ import annotations

import hashlib
import json
import os

from click.testing import CliRunner

from toolkit.cli import main
from toolkit.manifest import read_previous

from kit import FIXTURES
from publish_helpers import assert_consistent


def _folder(tmp_path, files):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".lessonkit-output").write_text("lessonkit")
    (out / "manifest.json").write_text(json.dumps({"files": files}) if not isinstance(files, str) else files)
    return out


def _entry(path, **extra):
    return dict(path=path, lesson="x", audience="ks3", format="json", school=None, title="t", bytes=1, sha256="0", **extra)


def test_entries_outside_the_folder_or_through_links_are_dropped(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not yours")
    out = _folder(tmp_path, [_entry("../secret.txt"), _entry("/etc/passwd"), _entry(str(secret)), _entry("link/secret.txt"),
                             _entry("alias.txt"), _entry("kept.txt"), _entry("gone.txt"), _entry(".lessonkit-output")])
    os.symlink(tmp_path, out / "link")
    os.symlink(secret, out / "alias.txt")
    (out / "kept.txt").write_text("kept")
    entries, warnings = read_previous(out)
    assert list(entries) == ["kept.txt"]
    assert entries["kept.txt"]["bytes"] == 4 and entries["kept.txt"]["sha256"] == hashlib.sha256(b"kept").hexdigest()  # measured, not copied
    assert warnings == [f"{out / 'manifest.json'}: 4 entries pointing outside the output folder dropped"]


def test_malformed_entries_are_ignored_with_a_warning(tmp_path):
    out = _folder(tmp_path, [42, "text", {"path": 3}, dict(_entry("a.txt"), lesson=["list"]), None])
    entries, warnings = read_previous(out)
    assert entries == {} and warnings == [f"{out / 'manifest.json'}: 5 malformed entries ignored"]


def test_an_unreadable_manifest_is_replaced_with_a_warning(tmp_path):
    for text in ("not json", "[" * 100_000 + "]" * 100_000, json.dumps({"files": "all"}), "\xff"):
        out = _folder(tmp_path, text)
        entries, warnings = read_previous(out)
        assert entries == {} and "the earlier manifest cannot be read" in warnings[0]
        os.rename(out, tmp_path / f"done{len(os.listdir(tmp_path))}")


def test_a_build_over_a_hostile_manifest_goes_on_and_writes_an_honest_one(tmp_path):
    target = tmp_path / "victim.txt"
    target.write_text("untouched")
    out = _folder(tmp_path, [_entry("../victim.txt"), "junk", _entry("tiny/ks3/tiny-ks3.json")])
    result = CliRunner().invoke(main, ["build", str(FIXTURES / "minimal"), "--format", "json", "--audience", "staff", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 malformed entry ignored" in result.stderr and "1 entry pointing outside the output folder dropped" in result.stderr
    assert [e["path"] for e in json.loads((out / "manifest.json").read_text())["files"]] == ["national/tiny/staff/tiny-staff.json"]
    assert target.read_text() == "untouched"
    assert_consistent(out)
