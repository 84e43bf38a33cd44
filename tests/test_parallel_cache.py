"""`lessonkit build --jobs N` and the render cache: the same bytes as a serial build without a
cache; a changed lesson rendered again and an unchanged one not; a damaged cache ignored with a
warning; a worker that fails stops the build with one error and nothing written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import List

import pytest
from click.testing import CliRunner

import toolkit.renderjobs as renderjobs
from kit import FIXTURES, ROOT
from publish_helpers import tree
from toolkit.build import CACHE, BuildRequest, build
from toolkit.errors import OutputProblem
from toolkit.render import RenderOptions, formats

from toolkit.cli import main

SCHOOL = ROOT / "lessons" / "schools" / "example-scotland.yaml"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _lessons(folder: Path) -> Path:
    """The minimal lessons and a second lesson, so that one can change while the other does not."""
    lessons = folder / "lessons"
    shutil.copytree(FIXTURES / "minimal", lessons)
    text = (lessons / "tiny.yaml").read_text(encoding="utf-8")
    (lessons / "other.yaml").write_text(text.replace("id: tiny", "id: other", 1), encoding="utf-8")
    return lessons


def _edit(lessons: Path, lesson: str = "tiny") -> None:
    path = lessons / f"{lesson}.yaml"
    text = path.read_text(encoding="utf-8")
    assert 'default: "Staying safe online"' in text
    path.write_text(text.replace('default: "Staying safe online"', 'default: "Staying safe online, edited"'), encoding="utf-8")


@pytest.fixture
def rendered_units(monkeypatch) -> List[renderjobs.Unit]:
    """The units each build renders (serial builds render in this process, so they can be counted)."""
    seen: List[renderjobs.Unit] = []
    real = renderjobs.render_unit

    def counting(job, unit):
        seen.append(unit)
        return real(job, unit)

    monkeypatch.setattr(renderjobs, "render_unit", counting)
    return seen


@pytest.fixture(scope="module")
def serial_uncached(tmp_path_factory):
    """Every format, for the national pack and one school's: the reference, one unit at a time, no cache."""
    base = tmp_path_factory.mktemp("serial")
    lessons = _lessons(base)
    trees = {}
    for name, school in (("national", None), ("school", SCHOOL)):
        build(BuildRequest(lesson_paths=[lessons], school=school, output=base / name, jobs=1, cache=False))
        trees[name] = tree(base / name)
    assert not (base / ".national.lessonkit" / CACHE).exists()
    return lessons, trees


@pytest.mark.parametrize("pack", ["national", "school"])
def test_parallel_and_cached_builds_write_the_same_bytes_as_a_serial_uncached_one(serial_uncached, tmp_path, pack):
    lessons, trees = serial_uncached
    school = SCHOOL if pack == "school" else None
    parallel = build(BuildRequest(lesson_paths=[lessons], school=school, output=tmp_path / "parallel", jobs=2, cache=True))
    assert tree(tmp_path / "parallel") == trees[pack]
    assert len(parallel.files) > 10 and {e.format for e in parallel.files} == set(formats())
    assert any((tmp_path / ".parallel.lessonkit" / CACHE).iterdir())
    shutil.rmtree(tmp_path / "parallel")  # the cache beside it is kept: every file comes from it
    cached = build(BuildRequest(lesson_paths=[lessons], school=school, output=tmp_path / "parallel", jobs=2, cache=True))
    assert tree(tmp_path / "parallel") == trees[pack]
    assert (cached.warnings, cached.notes, cached.cache_problems) == (parallel.warnings, parallel.notes, [])
    assert cached.files == parallel.files


def test_a_rebuild_with_no_change_renders_nothing(tmp_path, rendered_units):
    lessons = _lessons(tmp_path)
    request = BuildRequest(lesson_paths=[lessons], output=tmp_path / "out", formats=("json", "handout"), cache=True)
    first = build(request)
    assert len(rendered_units) == 2 * 2 * 2  # two lessons, two audiences, two formats
    before = tree(tmp_path / "out")
    rendered_units.clear()
    again = build(request)
    assert rendered_units == []
    assert tree(tmp_path / "out") == before and again.files == first.files


def test_editing_one_lesson_renders_only_that_lessons_files(tmp_path, rendered_units):
    lessons = _lessons(tmp_path)
    request = BuildRequest(lesson_paths=[lessons], output=tmp_path / "out", formats=("json", "handout"), cache=True)
    build(request)
    before = tree(tmp_path / "out")
    _edit(lessons, "tiny")
    rendered_units.clear()
    build(request)
    assert sorted({u.lesson for u in rendered_units}) == ["tiny"] and len(rendered_units) == 4
    after = tree(tmp_path / "out")
    changed = {path for path in after if before.get(path) != after[path]}
    assert any(path.startswith("national/tiny/") for path in changed)
    assert not any(path.startswith("national/other/") for path in changed)
    build(BuildRequest(lesson_paths=[lessons], output=tmp_path / "fresh", formats=("json", "handout")))
    assert tree(tmp_path / "fresh") == after  # what the cache gave is what a build from nothing gives


@pytest.mark.parametrize("change", ["options", "school", "logo", "fewer lessons"])
def test_what_shapes_a_file_is_in_its_key(tmp_path, rendered_units, change):
    lessons = _lessons(tmp_path)
    school = tmp_path / "school.yaml"
    school.write_text(SCHOOL.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copy(SCHOOL.with_name("example-scotland-logo.png"), tmp_path)
    request = BuildRequest(lesson_paths=[lessons], output=tmp_path / "out", formats=("json",), school=school, cache=True)
    build(request)
    rendered_units.clear()
    if change == "options":
        request = BuildRequest(**{**request.__dict__, "options": RenderOptions(paper="letter")})
    elif change == "school":
        text = school.read_text(encoding="utf-8")
        assert "Ms Fiona MacLeod" in text
        school.write_text(text.replace("Ms Fiona MacLeod", "Ms Morag MacLeod"), encoding="utf-8")
    elif change == "logo":
        shutil.copy(ROOT / "lessons" / "schools" / "example-wales-logo.png", tmp_path / "example-scotland-logo.png")
    else:
        request = BuildRequest(**{**request.__dict__, "lessons": ("tiny",)})
    build(request)
    if change == "fewer lessons":
        assert rendered_units == []  # the lesson still chosen is unchanged
    else:
        assert len(rendered_units) == 4  # two lessons, two audiences


@pytest.mark.parametrize("damage", ["truncated", "flipped byte", "not json", "empty", "a folder"])
def test_a_damaged_cache_is_ignored_with_a_warning(tmp_path, rendered_units, damage):
    lessons = _lessons(tmp_path)
    request = BuildRequest(lesson_paths=[lessons], output=tmp_path / "out", formats=("json", "gift"), cache=True)
    build(request)
    reference = tree(tmp_path / "out")
    cache = tmp_path / ".out.lessonkit" / CACHE
    victim = sorted(cache.glob("*.unit"))[0]
    data = victim.read_bytes()
    if damage == "truncated":
        victim.write_bytes(data[:-7])
    elif damage == "flipped byte":
        victim.write_bytes(data[:-3] + bytes([data[-3] ^ 0xFF]) + data[-2:])
    elif damage == "not json":
        victim.write_bytes(data.split(b"\n", 1)[0] + b"\n12\n{not: json}" + data[-20:])
    elif damage == "empty":
        victim.write_bytes(b"")
    else:
        victim.unlink()
        victim.mkdir()
    rendered_units.clear()
    result = build(request)
    assert len(rendered_units) == 1
    assert len(result.cache_problems) == (2 if damage == "a folder" else 1)  # a folder also cannot be replaced
    assert "damaged build cache" in result.cache_problems[0]
    assert str(victim) in result.cache_problems[0]
    assert tree(tmp_path / "out") == reference
    if damage != "a folder":
        rendered_units.clear()
        assert build(request).cache_problems == [] and rendered_units == []  # the damaged file was replaced


def test_the_cli_warns_of_a_damaged_cache_and_no_cache_ignores_it(tmp_path):
    lessons = _lessons(tmp_path)
    args = ("build", lessons, "--format", "json", "-o", tmp_path / "out")
    assert run(*args).exit_code == 0
    for victim in (tmp_path / ".out.lessonkit" / CACHE).iterdir():
        victim.write_bytes(b"lessonkit render cache 1\nnonsense")
    result = run(*args, "--no-cache")
    assert result.exit_code == 0 and "damaged" not in result.output
    result = run(*args, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert "warning: ignored a damaged build cache file" in result.output


def test_the_checks_are_not_run_again_on_unchanged_lessons(tmp_path, monkeypatch):
    import toolkit.build as building
    runs = []
    real = building.run_checks
    monkeypatch.setattr(building, "run_checks", lambda project, *a, **k: runs.append(1) or real(project, *a, **k))
    lessons = _lessons(tmp_path)
    request = BuildRequest(lesson_paths=[lessons], output=tmp_path / "out", formats=("json",), cache=True, strict=False)
    first = build(request)
    again = build(request)
    assert len(runs) == 1 and again.findings == first.findings
    _edit(lessons, "other")
    edited = build(request)
    assert len(runs) == 2 and edited.findings == build(BuildRequest(**{**request.__dict__, "cache": False})).findings
    (tmp_path / ".out.lessonkit" / CACHE / "checks.json").write_text('{not json')
    damaged = build(request)
    assert damaged.findings == edited.findings and "damaged build cache file" in damaged.cache_problems[0]


def test_the_cache_is_safe_to_delete(tmp_path, rendered_units):
    lessons = _lessons(tmp_path)
    request = BuildRequest(lesson_paths=[lessons], output=tmp_path / "out", formats=("json",), cache=True)
    build(request)
    reference = tree(tmp_path / "out")
    shutil.rmtree(tmp_path / ".out.lessonkit" / CACHE)
    rendered_units.clear()
    result = build(request)
    assert len(rendered_units) == 4 and result.cache_problems == [] and tree(tmp_path / "out") == reference


def _failing_format(monkeypatch, how):
    """The json format fails for one unit (lesson 'other', audience staff), in whichever worker gets it."""
    real = formats()["json"]

    def render(lesson, context):
        if lesson.lesson_id == "other" and lesson.audience.id == "staff":
            if how == "bug":
                raise RuntimeError("a bug in a renderer")
            if how == "killed":
                os._exit(9)
            raise OutputProblem("two outputs want the same path 'x'; each file is written once per build")
        return real.render(lesson, context)

    import toolkit.render
    monkeypatch.setitem(toolkit.render._FORMATS, "json", type(real)(real.name, real.description, render))


@pytest.mark.parametrize("how", ["bug", "lessonkit error", "killed"])
def test_a_failing_worker_stops_the_build_with_one_error_and_nothing_written(tmp_path, monkeypatch, how):
    lessons = _lessons(tmp_path)
    request = BuildRequest(lesson_paths=[lessons], output=tmp_path / "out", formats=("json", "gift"), jobs=2, cache=True)
    build(request)
    before = tree(tmp_path / "out")
    cache_before = sorted((p.name, p.stat().st_mtime_ns) for p in (tmp_path / ".out.lessonkit" / CACHE).iterdir())
    _edit(lessons, "tiny")
    _edit(lessons, "other")
    _failing_format(monkeypatch, how)
    expected = {"bug": renderjobs.WorkerFailed, "lessonkit error": OutputProblem, "killed": renderjobs.WorkerFailed}[how]
    with pytest.raises(expected) as raised:
        build(request)
    message = raised.value.format_message()
    if how == "bug":
        assert "rendering other/staff json (RuntimeError: a bug in a renderer)" in message
        assert "Nothing was written" in message
    elif how == "killed":
        assert "a build worker stopped unexpectedly" in message and "Nothing was written" in message
    else:
        assert "two outputs want the same path 'x'" in message
    assert tree(tmp_path / "out") == before
    assert sorted((p.name, p.stat().st_mtime_ns) for p in (tmp_path / ".out.lessonkit" / CACHE).iterdir()) == cache_before


def test_jobs_defaults_to_the_cores_and_is_checked(tmp_path):
    from toolkit.beside import default_jobs

    assert default_jobs() >= 1
    result = run("build", "--jobs", "0", "-o", tmp_path / "out")
    assert result.exit_code == 2 and "--jobs" in result.output


def test_a_rebuild_that_changes_nothing_publishes_nothing_but_repairs_what_is_missing(tmp_path, monkeypatch):
    import toolkit.build as building
    published = []
    real = building.publish
    monkeypatch.setattr(building, "publish", lambda folder, files: published.append(1) or real(folder, files))
    lessons = _lessons(tmp_path)
    request = BuildRequest(lesson_paths=[lessons], output=tmp_path / "out", formats=("json",), cache=True)
    build(request)
    reference = tree(tmp_path / "out")
    build(request)
    assert len(published) == 1
    for damage in ("deleted", "edited", "leftover", "mode"):
        target = tmp_path / "out" / "national" / "tiny" / "ks3" / "tiny-ks3.json"
        if damage == "deleted":
            target.unlink()
        elif damage == "edited":
            target.write_text("{}")
        elif damage == "leftover":
            (target.parent / ".tiny-ks3.json.1234.tmp").write_bytes(b"from an older lessonkit")
        else:
            target.chmod(0o600)
        build(request)
        assert tree(tmp_path / "out") == reference, damage
        assert not (target.parent / ".tiny-ks3.json.1234.tmp").exists()
    assert len(published) == 5


def test_a_packs_zip_is_made_again_only_when_its_files_change(tmp_path, monkeypatch):
    import toolkit.build as building
    zipped = []
    real = building.pack_files
    monkeypatch.setattr(building, "pack_files", lambda summary, contents: zipped.append(summary[0][1]["folder"]) or real(summary, contents))
    lessons = _lessons(tmp_path)
    request = BuildRequest(lesson_paths=[lessons], output=tmp_path / "out", formats=("json", "gift"), cache=True)
    build(request)
    build(request)
    assert zipped == ["national"]
    _edit(lessons, "other")
    build(request)
    assert zipped == ["national", "national"]
    build(BuildRequest(**{**request.__dict__, "cache": False, "output": tmp_path / "fresh"}))
    assert tree(tmp_path / "out") == tree(tmp_path / "fresh")
    (tmp_path / "out" / "national" / "other" / "staff" / "other-staff.json").write_text("{}")
    build(request)  # a file changed under lessonkit's feet: this build writes it again, and the zip matches it
    assert tree(tmp_path / "out") == tree(tmp_path / "fresh")
