"""One build path for one school and for many (`--school FILE`, `--schools DIR`): the same folder,
index and zip, and profile and lesson problems reported together in both."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from kit import FIXTURES, ROOT
from publish_helpers import tree
from toolkit.build import BuildRequest, build
from toolkit.errors import ContentErrors

SCHOOLS = ROOT / "lessons" / "schools"
MINIMAL = FIXTURES / "minimal"
PACKAGE = ROOT / "toolkit"


def _imports(path: Path) -> set:
    """Every toolkit module `path` imports, at the top or inside a function, as a dotted name."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("toolkit")}


def test_the_profiles_package_does_not_import_the_build():
    for path in sorted((PACKAGE / "profiles").glob("*.py")):
        build_modules = {m for m in _imports(path) if m in ("toolkit.build", "toolkit.renderjobs", "toolkit.buildcache")
                         or m.startswith(("toolkit.build.", "toolkit.renderjobs.", "toolkit.buildcache."))}
        assert not build_modules, f"{path.name} imports {build_modules}"


@pytest.mark.parametrize("module", ["build.py", "renderjobs.py", "buildcache.py"])
def test_the_build_uses_only_the_profiles_packages_interface(module):
    used = {m for m in _imports(PACKAGE / module) if m.startswith("toolkit.profiles")}
    assert {m.rsplit(".", 1)[0] if m.count(".") > 2 else m for m in used} <= {"toolkit.profiles.packs"}, used


def test_school_and_schools_write_the_same_folder_index_and_zip(tmp_path):
    formats = ("json", "handout", "gift")
    single = build(BuildRequest(lesson_paths=[MINIMAL], formats=formats, school=SCHOOLS / "example-wales.yaml",
                                output=tmp_path / "single"))
    many = build(BuildRequest(lesson_paths=[MINIMAL], formats=formats, schools=SCHOOLS, output=tmp_path / "many", jobs=2))
    single_tree, many_tree = tree(tmp_path / "single"), tree(tmp_path / "many")
    wales = {path: digest for path, digest in many_tree.items() if path.startswith("example-wales")}
    assert "example-wales/index.html" in wales and "example-wales.zip" in wales and len(wales) > 3
    assert {path: digest for path, digest in single_tree.items() if path.startswith("example-wales")} == wales
    assert [e.path for e in single.files] == [e.path for e in many.files if e.school == "example-wales"]


def _broken_lessons_and_profile(tmp_path: Path):
    lessons = tmp_path / "lessons"
    shutil.copytree(MINIMAL, lessons)
    shutil.copy(FIXTURES / "broken" / "unknown-key.yaml", lessons / "unknown-key.yaml")
    trust = tmp_path / "trust"
    trust.mkdir()
    text = (SCHOOLS / "example-wales.yaml").read_text(encoding="utf-8")
    assert "nation: wales" in text
    (trust / "example-wales.yaml").write_text(text.replace("nation: wales", "nation: wails"), encoding="utf-8")
    return lessons, trust


@pytest.mark.parametrize("how", ["school", "schools"])
def test_profile_and_lesson_problems_are_reported_together(tmp_path, how):
    lessons, trust = _broken_lessons_and_profile(tmp_path)
    given = {"school": trust / "example-wales.yaml"} if how == "school" else {"schools": trust}
    with pytest.raises(ContentErrors) as raised:
        build(BuildRequest(lesson_paths=[lessons], output=tmp_path / "out", **given))
    said = "\n".join(f.render() for f in raised.value.findings)
    assert "example-wales.yaml" in said and "'wails' is not allowed for nation" in said
    assert "unknown-key.yaml" in said and "unknown key" in said
    assert not (tmp_path / "out").exists()


def test_a_profile_problem_is_reported_when_the_lessons_are_fine(tmp_path):
    _, trust = _broken_lessons_and_profile(tmp_path)
    with pytest.raises(ContentErrors) as raised:
        build(BuildRequest(lesson_paths=[MINIMAL], output=tmp_path / "out", school=trust / "example-wales.yaml"))
    assert [f.path.endswith("example-wales.yaml") for f in raised.value.findings] == [True]
    assert not (tmp_path / "out").exists()


def test_school_and_schools_together_is_a_usage_error(tmp_path):
    from click.testing import CliRunner

    from toolkit.cli import main

    result = CliRunner().invoke(main, ["build", str(MINIMAL), "--school", str(SCHOOLS / "example-wales.yaml"),
                                       "--schools", str(SCHOOLS), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "use --school or --schools, not both" in result.output
    assert not (tmp_path / "out").exists()
