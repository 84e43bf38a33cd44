"""The pipeline from YAML to files: manifest, index, filters, and nothing lost on failure."""

from __future__ import annotations

import json
import shutil

import pytest

from toolkit.build import BuildRequest, build
from toolkit.errors import ContentErrors, UsageProblem
from toolkit.render import OutputFile, register

from kit import FIXTURES

MINIMAL = FIXTURES / "minimal"


def _request(output, **kwargs):
    return BuildRequest(lesson_paths=[MINIMAL], output=output, formats=kwargs.pop("formats", ["json"]), **kwargs)


def test_build_writes_json_manifest_and_index(tmp_path):
    result = build(_request(tmp_path))
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    paths = [entry["path"] for entry in manifest["files"]]
    assert paths == ["national/tiny/ks3/tiny-ks3.json", "national/tiny/staff/tiny-staff.json"]
    assert manifest["files"][0] | {"bytes": 0, "sha256": ""} == {
        "path": "national/tiny/ks3/tiny-ks3.json", "lesson": "tiny", "audience": "ks3", "format": "json",
        "school": None, "title": "Staying safe online (KS3) (Key Stage 3 (ages 11-14)) as JSON",
        "bytes": 0, "sha256": "",
    }
    assert len(result.files) == 2
    index = (tmp_path / "national" / "index.html").read_text()
    assert 'href="tiny/ks3/tiny-ks3.json"' in index and '<html lang="en-GB">' in index
    assert 'href="national/index.html"' in (tmp_path / "index.html").read_text()


def test_the_adapted_json_resolves_overrides_and_filters_adult_routes(tmp_path):
    build(_request(tmp_path))
    pupils = json.loads((tmp_path / "national/tiny/ks3/tiny-ks3.json").read_text())
    staff = json.loads((tmp_path / "national/tiny/staff/tiny-staff.json").read_text())
    assert pupils["title"] == "Staying safe online (KS3)"
    assert staff["title"] == "Staying safe online"
    pupil_routes = [c["name"] for c in pupils["help_contacts"]]
    assert "Childline" in pupil_routes and "Revenge Porn Helpline" not in pupil_routes
    assert not any(c["adult_only"] for c in pupils["help_contacts"] + staff["help_contacts"])
    assert pupils["help_contacts"][0]["scope"] == "school"


def test_filters_choose_lessons_audiences_and_formats(tmp_path):
    build(_request(tmp_path, audiences=["staff"]))
    assert [p.name for p in (tmp_path / "national" / "tiny").iterdir()] == ["staff"]


@pytest.mark.parametrize("field,value,message", [
    ("lessons", ["tiyn"], "unknown lesson 'tiyn'. Did you mean 'tiny'?"),
    ("audiences", ["ks5"], "unknown audience 'ks5'. Did you mean 'ks4'?"),
    ("formats", ["jsn"], "unknown format 'jsn'. Did you mean 'json'?"),
])
def test_unknown_filters_are_usage_errors_with_a_suggestion(tmp_path, field, value, message):
    with pytest.raises(UsageProblem) as caught:
        build(_request(tmp_path, **{field: value}))
    assert message in caught.value.message


def test_a_failed_build_leaves_earlier_outputs_intact(tmp_path):
    output = tmp_path / "out"
    build(_request(output))
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    lessons = tmp_path / "lessons"
    shutil.copytree(MINIMAL, lessons)
    (lessons / "tiny.yaml").write_text((lessons / "tiny.yaml").read_text().replace("id: tiny", "id: Tiny!"))
    with pytest.raises(ContentErrors):
        build(BuildRequest(lesson_paths=[lessons], output=output, formats=["json"]))
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before


def test_a_renderer_that_crashes_midway_writes_nothing(tmp_path):
    output = tmp_path / "out"
    build(_request(output))
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    calls = []

    @register("test-crash", "fails on its second lesson")
    def crash(lesson, context):
        calls.append(lesson.audience.id)
        if len(calls) == 2:
            raise RuntimeError("boom")
        return [OutputFile("partial.txt", b"x")]

    try:
        with pytest.raises(RuntimeError):
            build(_request(output, formats=["json", "test-crash"]))
    finally:
        from toolkit import render
        render._FORMATS.pop("test-crash")
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before


def test_a_renderer_cannot_escape_the_output_folder(tmp_path):
    from toolkit.errors import OutputProblem

    @register("test-escape", "tries to write outside")
    def escape(lesson, context):
        return [OutputFile("../../../escaped.txt", b"x")]

    try:
        with pytest.raises(OutputProblem):
            build(_request(tmp_path / "out", formats=["test-escape"]))
    finally:
        from toolkit import render
        render._FORMATS.pop("test-escape")
    assert not any(p.name == "escaped.txt" for p in tmp_path.rglob("*"))


def test_a_second_build_keeps_other_entries_in_the_manifest(tmp_path):
    build(_request(tmp_path, audiences=["ks3"]))
    build(_request(tmp_path, audiences=["staff"]))
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert [e["audience"] for e in manifest["files"]] == ["ks3", "staff"]


def test_an_edited_manifest_cannot_pull_files_from_outside_into_a_packs_zip(tmp_path):
    import zipfile

    output = tmp_path / "out"
    build(_request(output, audiences=["ks3"]))
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the pack")
    (output / "national" / "linked.json").symlink_to(secret)
    manifest = json.loads((output / "manifest.json").read_text())
    manifest["files"] += [dict(manifest["files"][0], path=path) for path in
                          ("national/../../secret.txt", "national/linked.json", str(secret))]
    manifest["packs"].append(dict(manifest["packs"][0], folder="elsewhere", index="../secret.txt", zip="../x.zip"))
    (output / "manifest.json").write_text(json.dumps(manifest))
    build(_request(output, audiences=["staff"]))
    names = zipfile.ZipFile(output / "national.zip").namelist()
    assert sorted(names) == ["national/index.html", "national/tiny/ks3/tiny-ks3.json", "national/tiny/staff/tiny-staff.json"]
    after = json.loads((output / "manifest.json").read_text())
    assert [p["folder"] for p in after["packs"]] == ["national"]
    assert "secret" not in (output / "index.html").read_text()
