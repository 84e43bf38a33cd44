"""A pack per school: `lessonkit build --schools DIR --jobs N`, and `--school` carrying the profile."""

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from profile_helpers import EXAMPLES, LEADS, MINIMAL, ROOT, SCHOOLS, line_of, run
from profile_helpers import profile_copy  # noqa: F401 (a fixture)
from toolkit.render import formats

FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="module")
def trust_pack(tmp_path_factory) -> Path:
    """The four example schools built from the minimal lessons, two at a time."""
    output = tmp_path_factory.mktemp("trust") / "out"
    result = run("build", MINIMAL, "--schools", SCHOOLS, "--jobs", "2", "--format", "json", "-o", output)
    assert result.exit_code == 0, result.output
    return output


def _read_zip(path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        return {info.filename: archive.read(info) for info in archive.infolist()}


@pytest.mark.parametrize("school", EXAMPLES)
def test_each_school_gets_a_folder_and_a_zip_of_it(trust_pack, school):
    folder = trust_pack / school
    on_disk = {p.relative_to(trust_pack).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert f"{school}/tiny/ks3/tiny-ks3.json" in on_disk
    assert f"{school}/tiny/staff/tiny-staff.json" in on_disk
    assert f"{school}/index.html" in on_disk
    in_zip = _read_zip(trust_pack / f"{school}.zip")
    assert in_zip == on_disk
    assert list(in_zip) == sorted(in_zip)


SERVICES = {  # each example school's children's service, in its nation's terms
    "example-england": "Hazelbrook Children's Social Care front door (example)",
    "example-wales": "Cwm Derw Council Social Services (example)",
    "example-scotland": "Glenmorven Council Social Work, Children and Families (example)",
    "example-northern-ireland": "Lough Carran HSC Trust Gateway Team (example)",
}


@pytest.mark.parametrize("school", EXAMPLES)
def test_the_pupil_output_carries_the_schools_lead(trust_pack, school):
    pupils = json.loads((trust_pack / school / "tiny" / "ks3" / "tiny-ks3.json").read_text(encoding="utf-8"))
    first = pupils["help_contacts"][0]
    assert (first["name"], first["scope"]) == (LEADS[school], "school")
    assert pupils["school"]["id"] == school
    staff = json.loads((trust_pack / school / "tiny" / "staff" / "tiny-staff.json").read_text(encoding="utf-8"))
    services = SERVICES[school]
    assert any(c["scope"] == "local" and c["name"] == services for c in staff["help_contacts"])
    assert not any(c["name"] == services for c in pupils["help_contacts"])


def test_the_manifest_lists_every_schools_files_once(trust_pack):
    files = json.loads((trust_pack / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert sorted({f["school"] for f in files}) == sorted(EXAMPLES)
    assert len(files) == len({f["path"] for f in files}) == 4 * 2
    index = (trust_pack / "example-wales" / "index.html").read_text(encoding="utf-8")
    assert "Lesson materials for Ysgol Cwm Derw (example)" in index
    assert 'href="tiny/ks3/tiny-ks3.json"' in index


def test_zips_are_the_same_bytes_however_many_jobs(trust_pack, tmp_path):
    result = run("build", MINIMAL, "--schools", SCHOOLS, "--jobs", "1", "--format", "json", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    for school in EXAMPLES:
        assert (tmp_path / f"{school}.zip").read_bytes() == (trust_pack / f"{school}.zip").read_bytes()


def test_bad_profiles_are_all_reported_and_nothing_is_written(profile_copy, tmp_path):
    trust = tmp_path / "trust"
    england = profile_copy("example-england", {'"020 7946 0123"': '"12345"'}, trust)
    scotland = profile_copy("example-scotland", {"nation: scotland": "nation: alba"}, trust)
    profile_copy("example-wales", None, trust)
    output = tmp_path / "out"
    result = run("build", MINIMAL, "--schools", trust, "--jobs", "2", "-o", output)
    assert result.exit_code == 1
    assert (f"example-england.yaml:{line_of(england, '12345')}:12: error: "
            "safeguarding_contacts[1].phone: '12345' is not a UK phone number") in result.output
    assert f"example-scotland.yaml:{line_of(scotland, 'nation: alba')}:9: error: 'alba' is not allowed for nation" in result.output
    assert "2 errors found. Fix them and run again; no files were changed." in result.output
    assert not output.exists()


def test_profile_and_lesson_errors_are_reported_together(profile_copy, tmp_path):
    lessons = tmp_path / "lessons"
    shutil.copytree(MINIMAL, lessons)
    shutil.copy(FIXTURES / "broken" / "unknown-key.yaml", lessons / "unknown-key.yaml")
    trust = tmp_path / "trust"
    profile_copy("example-wales", {"nation: wales": "nation: wails"}, trust)
    result = run("build", lessons, "--schools", trust, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "example-wales.yaml" in result.output and "'wails' is not allowed for nation" in result.output
    assert "unknown-key.yaml" in result.output and "unknown key" in result.output
    assert not (tmp_path / "out").exists()


def test_two_profiles_with_one_id_are_refused(profile_copy, tmp_path):
    trust = tmp_path / "trust"
    profile_copy("example-wales", None, trust)
    profile_copy("example-scotland", {"id: example-scotland": "id: example-wales"}, trust)
    result = run("build", MINIMAL, "--schools", trust, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "id 'example-wales' is also used by" in result.output
    assert not (tmp_path / "out").exists()


def test_an_empty_folder_is_a_usage_error(tmp_path):
    result = run("build", MINIMAL, "--schools", tmp_path, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "has no school profiles (.yaml files). Try: lessonkit school init" in result.output


def _pptx_text(data: bytes) -> str:
    from pptx import Presentation

    deck = Presentation(io.BytesIO(data))
    return "\n".join(
        paragraph.text
        for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
    )


@pytest.mark.parametrize("school", EXAMPLES)
def test_a_build_for_each_example_school_puts_its_lead_into_the_pupil_materials(tmp_path, school):
    """The shipped lessons: the lead's name in every pupil file (the JSON data, and the deck once `slides` exists)."""
    wanted = ["json"] + (["slides"] if "slides" in formats() else [])
    result = run("build", "--school", SCHOOLS / f"{school}.yaml", "--audience", "ks3", "--audience", "ks4",
                 *[arg for name in wanted for arg in ("--format", name)], "-o", tmp_path)
    assert result.exit_code == 0, result.output
    files = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))["files"]
    for name in wanted:
        made = [f for f in files if f["format"] == name]
        assert made, f"no {name} output for ks3 or ks4"
        for entry in made:
            assert entry["path"].startswith(f"{school}/")
            data = (tmp_path / entry["path"]).read_bytes()
            text = _pptx_text(data) if name == "slides" else data.decode("utf-8")
            assert LEADS[school] in text, f"{entry['path']} does not name {LEADS[school]}"


def test_an_unknown_format_stops_the_trust_build_cleanly(tmp_path):
    result = run("build", MINIMAL, "--schools", SCHOOLS, "--jobs", "2", "--format", "slidez", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "unknown format 'slidez'" in result.output
    assert not (tmp_path / "out").exists()


def test_a_profile_cannot_take_the_national_packs_folder(profile_copy, tmp_path):
    profile = profile_copy("example-wales", {"id: example-wales": "id: national"}, tmp_path / "trust")
    result = run("build", MINIMAL, "--school", profile, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "id 'national' is the name of the national pack's folder" in result.output
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def two_packs(tmp_path_factory) -> Path:
    """The national pack, then one school's, built into the same folder with --school."""
    output = tmp_path_factory.mktemp("two") / "out"
    for extra in ((), ("--school", SCHOOLS / "example-england.yaml")):
        result = run("build", MINIMAL, *extra, "--format", "json", "--format", "handout", "--format", "gift", "-o", output)
        assert result.exit_code == 0, result.output
    return output


@pytest.mark.parametrize("folder", ["national", "example-england"])
def test_national_and_school_packs_each_have_a_folder_index_and_zip(two_packs, folder):
    on_disk = {p.relative_to(two_packs).as_posix(): p.read_bytes() for p in (two_packs / folder).rglob("*") if p.is_file()}
    assert f"{folder}/index.html" in on_disk and f"{folder}/tiny/ks3/tiny-ks3.json" in on_disk
    assert _read_zip(two_packs / f"{folder}.zip") == on_disk
    assert sorted(p.name for p in two_packs.iterdir()) == [  # with the marker that the folder is lessonkit's
        ".lessonkit-output", "example-england", "example-england.zip", "index.html", "manifest.json", "national",
        "national.zip"]


def _visible_text(html: str) -> str:
    import re
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.split("</style>", 1)[-1])).replace("&#x27;", "'")


def test_a_packs_index_groups_files_by_use_with_titles_and_what_they_are_for(two_packs):
    text = _visible_text((two_packs / "example-england" / "index.html").read_text(encoding="utf-8"))
    assert text.index("To print") < text.index("For your learning platform") < text.index("For integrations")
    assert "To teach" not in text  # no slides in this build
    for line in (
        "Lesson materials for Hazelbrook Academy (example)",
        "This is an example school: its names, numbers and addresses are made up. Do not give these files to pupils",
        "Staying safe online: Version 1.0. Draft: to be reviewed by Hazelbrook Academy (example)'s Designated "
        "Safeguarding Lead before use",
        "Support card, discreet (PDF), or as an accessible web page The same help under a plain title "
        "('Worried about something online?'): nothing on it, or in its file name, says what it is about",
        "Both quizzes for Moodle (GIFT) (TXT) In Moodle: Question bank, Import, GIFT format.",
        "Lesson data (JSON) The lesson exactly as this class sees it",
    ):
        assert line in text, line
    national = _visible_text((two_packs / "national" / "index.html").read_text(encoding="utf-8"))
    assert "Lesson materials: national pack" in national and "it names no school and no safeguarding lead" in national
    assert "Hazelbrook" not in national


def test_the_output_index_tells_the_packs_apart(two_packs):
    page = (two_packs / "index.html").read_text(encoding="utf-8")
    text = _visible_text(page)
    files = json.loads((two_packs / "manifest.json").read_text(encoding="utf-8"))["files"]
    count = sum(f["path"].startswith("national/") for f in files)
    assert f"Open the national pack ({count} files) or download it as national.zip" in text
    assert "Open the pack for Hazelbrook Academy (example)" in text
    assert 'href="national/index.html"' in page and 'href="example-england.zip"' in page
    packs = json.loads((two_packs / "manifest.json").read_text(encoding="utf-8"))["packs"]
    assert [(p["folder"], p["school"], p["fictional"]) for p in packs] == [
        ("national", None, False), ("example-england", "example-england", True)]
