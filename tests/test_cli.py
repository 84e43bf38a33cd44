"""The command line as a teacher meets it: help with examples, exit codes, messages."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from toolkit.cli import main

from kit import FIXTURES, ROOT


def _commands(group=main, prefix=()):
    for name, command in group.commands.items():
        yield prefix + (name,), command
        if hasattr(command, "commands"):
            yield from _commands(command, prefix + (name,))


@pytest.mark.parametrize("path,command", list(_commands()), ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_every_command_has_help_with_an_example(path, command):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0
    assert command.help and len(command.help) > 20
    if not hasattr(command, "commands"):
        assert "Example" in result.output


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path, _ in _commands():
        assert f"lessonkit {' '.join(path)}" in readme


def test_validate_passes_on_a_good_lesson():
    result = CliRunner().invoke(main, ["validate", str(FIXTURES / "minimal")])
    assert result.exit_code == 0, result.output
    assert "1 lesson checked: no errors" in result.output


def test_missing_path_is_a_usage_error_with_exit_2(tmp_path):
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr


def test_unknown_option_is_exit_2():
    assert CliRunner().invoke(main, ["build", "--formt", "json"]).exit_code == 2


def test_build_prints_a_summary(tmp_path):
    result = CliRunner().invoke(main, ["build", str(FIXTURES / "minimal"), "--format", "json", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert f"Wrote 2 files to {tmp_path}/" in result.output
    assert "[2/2] tiny/staff json" in result.stderr


def test_build_summary_says_which_moodle_each_file_suits(tmp_path):
    result = CliRunner().invoke(main, ["build", str(FIXTURES / "awkward"), "--audience", "ks3", "--format",
                                       "moodle-xml", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    summary = result.stdout.splitlines()
    assert summary == [
        f"Wrote 2 files to {tmp_path}/ (open {tmp_path / 'index.html'} for a list).",
        "Moodle XML: <lesson>-<audience>-quiz.moodle.xml with ordering questions suits Moodle 4.4 and later, or an "
        "earlier Moodle with the Ordering question plugin (qtype_ordering).",
        "Moodle XML: <lesson>-<audience>-quiz.moodle-before-4.4.xml suits any Moodle version, with ordering "
        "questions as a choice between sequences.",
    ]
    assert sorted(p.name for p in (tmp_path / "national" / "awkward" / "ks3").iterdir()) == [
        "awkward-ks3-quiz.moodle-before-4.4.xml", "awkward-ks3-quiz.moodle.xml"]


def test_an_unexpected_failure_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    import toolkit.build

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(toolkit.build, "build", broken)
    monkeypatch.delenv("LESSONKIT_DEBUG", raising=False)
    result = CliRunner().invoke(main, ["build", str(FIXTURES / "minimal"), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "lessonkit failed unexpectedly (RuntimeError: disk on fire)" in result.stderr
    assert "Traceback" not in result.output


def test_list_shows_lessons_audiences_routes_and_formats():
    result = CliRunner().invoke(main, ["list", str(FIXTURES / "minimal")])
    assert result.exit_code == 0
    for text in ("tiny", "ks2", "parents", "Childline: 0800 1111", "(adults 18+ only)", "json"):
        assert text in result.output


def test_schema_is_json():
    result = CliRunner().invoke(main, ["schema"])
    assert json.loads(result.output)["title"] == "lessonkit lesson"


def test_a_filter_that_selects_nothing_is_a_usage_error_saying_what_exists(tmp_path):
    result = CliRunner().invoke(main, ["build", "--lesson", "staff-briefing", "--audience", "ks3", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert ("Error: --lesson staff-briefing --audience ks3 selects nothing to build: staff-briefing is for staff. "
            "Lessons for ks3: online-blackmail. Try: lessonkit list") in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_warnings_about_built_in_content_are_for_authors(tmp_path, monkeypatch):
    """A stale date in the built-in catalogue is news to its authors, not to a teacher building a pack."""
    import datetime as dt
    from types import SimpleNamespace

    import toolkit.checks.content as content

    class Later(dt.date):
        @classmethod
        def today(cls):
            return dt.date(2040, 1, 1)

    # content's own clock only: datetime.date itself stays, so lessons still pickle to a second process
    monkeypatch.setattr(content, "dt", SimpleNamespace(date=Later))
    build = ["build", "--lesson", "online-blackmail", "--audience", "ks4", "--format", "gift", "-o", str(tmp_path)]
    quiet = CliRunner().invoke(main, build)
    assert quiet.exit_code == 0, quiet.output
    assert "warning" not in quiet.stderr  # neither stale dates nor GIFT's ordering note
    shown = CliRunner().invoke(main, ["validate"])
    assert shown.exit_code == 0 and "more than 12 months ago" in shown.stderr and "warnings." in shown.output
    strict = CliRunner().invoke(main, [*build, "--strict"])
    assert strict.exit_code == 1 and "more than 12 months ago" in strict.stderr


def test_warnings_about_a_teachers_own_lesson_are_shown(tmp_path):
    result = CliRunner().invoke(main, ["build", str(ROOT / "lessons" / "online-blackmail.yaml"), "--audience", "ks4",
                                       "--format", "gift", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "GIFT has no ordering type" not in result.stderr  # the built-in file, named by its path: still built in
    import shutil
    shutil.copy(ROOT / "lessons" / "online-blackmail.yaml", tmp_path / "mine.yaml")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "mine.yaml"), "--audience", "ks4", "--format", "gift",
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "warning: online-blackmail/ks4 gift: ordering question 'order-of-events'" in result.stderr


def test_the_schema_describes_each_field_by_the_docstring_under_it():
    # pydantic's own reader of attribute docstrings, as an independent check of toolkit.schema's
    from pydantic import BaseModel
    from pydantic._internal._docs_extraction import extract_docstrings_from_cls

    from toolkit.schema import lesson_schema

    def models(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from models(sub)

    by_name = {cls.__name__: cls for cls in models(BaseModel) if cls.__module__.startswith("toolkit.model")}
    schema = lesson_schema()
    described = 0
    for name, definition in [("Lesson", schema), *schema["$defs"].items()]:
        model = by_name[name]
        docstrings = {}
        for cls in reversed(model.__mro__):
            if issubclass(cls, BaseModel) and cls is not BaseModel:
                docstrings.update(extract_docstrings_from_cls(cls, use_inspect=True))
        for field_name, field in model.model_fields.items():
            shown = definition["properties"][field.alias or field_name]
            if field.description is not None:  # the field's type describes it (e.g. an Id)
                assert shown["description"] == field.description
            elif field_name in docstrings:
                assert shown["description"] == docstrings[field_name], (name, field_name)
                described += 1
            else:
                assert "description" not in shown
    assert described > 60


def test_the_schema_is_still_made_when_the_models_source_cannot_be_read(monkeypatch):
    import inspect

    from toolkit import schema

    def unreadable(_module):
        raise OSError("could not get source code")

    monkeypatch.setattr(inspect, "getsource", unreadable)
    schema._class_docstrings.cache_clear()
    try:
        made = schema.lesson_schema()
    finally:
        schema._class_docstrings.cache_clear()
    assert made["title"] == "lessonkit lesson"
    assert "description" not in made["$defs"]["AdultCard"]["properties"]["routes"]  # a docstring, not read
    assert made["properties"]["id"]["description"].startswith("Lower-case letters")  # from its type, as before
