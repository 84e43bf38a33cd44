"""validate refuses characters no format can show, and words longer than a line, with file:line:column."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from toolkit.cli import main

from kit import FIXTURES


def _lesson_with(tmp_path, old, new):
    lessons = tmp_path / "lessons"
    shutil.copytree(FIXTURES / "minimal", lessons)
    path = lessons / "tiny.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return lessons


@pytest.mark.parametrize("escaped,name", [
    ("\\0", "U+0000 (NUL)"),
    ("\\e[2J\\e]0;pwned\\a", "U+001B (ESCAPE)"),
    ("\\ud800", "U+D800 (a lone surrogate, half of a character)"),
    ("\\x85", "U+0085 (a control character)"),
    ("\\x7f", "U+007F (DELETE)"),
    ("\\r", "U+000D (CARRIAGE RETURN)"),
    ("\\uFFFE", "U+FFFE (not a character)"),
])
def test_unrenderable_characters_are_refused_with_their_place(tmp_path, escaped, name):
    lessons = _lesson_with(tmp_path, 'summary: A short test lesson.', f'summary: "A short{escaped} test lesson."')
    result = CliRunner().invoke(main, ["validate", str(lessons)])
    assert result.exit_code == 1
    assert f"tiny.yaml:10:10: error: {name} at character 8 of this text cannot be shown in every format" in result.stderr
    assert "\x1b" not in result.output and "\x00" not in result.output


def test_tabs_and_newlines_are_fine(tmp_path):
    lessons = _lesson_with(tmp_path, 'summary: A short test lesson.', 'summary: "A short\\ttest\\nlesson."')
    result = CliRunner().invoke(main, ["validate", str(lessons)])
    assert "cannot be shown" not in result.output


def test_a_control_character_in_a_key_or_a_profile_is_refused(tmp_path):
    lessons = _lesson_with(tmp_path, 'summary: A short test lesson.', 'summary: A short test lesson.\n"x\\e": 1')
    result = CliRunner().invoke(main, ["validate", str(lessons)])
    assert "tiny.yaml:11:1: error: U+001B (ESCAPE)" in result.stderr
    profile = tmp_path / "school.yaml"
    text = (FIXTURES.parent.parent / "lessons" / "schools" / "example-england.yaml").read_text(encoding="utf-8")
    profile.write_text(text.replace('name: "Hazelbrook Academy (example)"', 'name: "Hazel\\e]0;owned\\abrook"'), encoding="utf-8")
    result = CliRunner().invoke(main, ["school", "check", str(profile)])
    assert result.exit_code == 1
    assert "school.yaml:12:7: error: U+001B (ESCAPE) at character 6" in result.stderr


def test_a_word_too_long_for_a_line_is_reported_by_validate(tmp_path):
    word = "W" * 500
    lessons = _lesson_with(tmp_path, "{text: Nobody,", f"{{text: Nobody{word},")
    result = CliRunner().invoke(main, ["validate", str(lessons)])
    assert result.exit_code == 1
    assert "tiny.yaml:25:18: error: the word 'NobodyWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW...' is 506 characters long; " \
           "a word of more than 30 does not fit on one line in every format" in result.stderr


def test_accents_and_joiners_do_not_make_a_word_longer(tmp_path):
    word = "Z\u0351\u036b\u0313" * 12 + "\u200d"  # 12 letters, each with three combining marks
    lessons = _lesson_with(tmp_path, 'summary: A short test lesson.', f'summary: "A short {word} lesson."')
    result = CliRunner().invoke(main, ["validate", str(lessons)])
    assert "does not fit on one line" not in result.output


def test_web_addresses_may_be_long(tmp_path):
    address = "https://example.org/" + "a" * 80
    lessons = _lesson_with(tmp_path, 'summary: A short test lesson.', f'summary: "A short test lesson: see {address}"')
    result = CliRunner().invoke(main, ["validate", str(lessons)])
    assert "does not fit on one line" not in result.output


def test_a_slide_title_too_long_for_the_slide_is_reported_by_validate(tmp_path):
    title = " ".join(["WWWWWWWWW"] * 10)[:99]  # within the length limit, but the widest letters
    lessons = _lesson_with(tmp_path, 'default: "Staying safe online"', f'default: "{title}"')
    result = CliRunner().invoke(main, ["validate", str(lessons)])
    assert result.exit_code == 1
    assert f"tiny.yaml:3:12: error: '{title}' is too long for a slide title, even at the smallest title size (28 pt)" in result.stderr


def test_text_longer_than_its_limit_is_reported(tmp_path):
    lessons = _lesson_with(tmp_path, 'summary: A short test lesson.', "summary: " + "word " * 700)
    result = CliRunner().invoke(main, ["validate", str(lessons)])
    assert "tiny.yaml:10:10: error: summary: this text is 3,499 characters long; the limit here is 3,000" in result.stderr
