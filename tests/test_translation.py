"""Lessons in another language: gettext catalogues beside the lessons (toolkit/translation.py).

Extraction finds every text a reader sees and nothing else (no ids, addresses or numbers); a finished
translation replaces the English; a missing one is reported with the English text's file, line, column
and field; a translation whose English has changed is kept as fuzzy and not used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.load import load_file, load_project
from toolkit.model import Lesson
from toolkit.translation import catalogue_path, read_catalogue, texts, translate, translated_project, update_catalogue

from kit import FIXTURES, LESSONS


@pytest.fixture
def tiny(tmp_path) -> Path:
    folder = tmp_path / "lessons"
    shutil.copytree(FIXTURES / "minimal", folder)
    return folder


def _texts(path: Path):
    loaded = load_file(path, Lesson, [])
    return loaded, dict((".".join(map(str, loc)), text) for loc, text in texts(loaded.model))


def test_extraction_finds_reader_text_and_no_ids_or_addresses():
    loaded, found = _texts(LESSONS / "online-blackmail.yaml")
    fields = set(found)
    assert "title" in fields and "summary" in fields
    assert any(f.startswith("quiz.starter.0.options.0.feedback") for f in fields)
    assert any(f.startswith("scenarios.0.beats.0.text") for f in fields)
    assert any(f.startswith("keywords.0.term") for f in fields)
    values = set(found.values())
    lesson = loaded.model
    assert lesson.id not in values and lesson.version not in values
    assert not any(v.startswith("http") for v in values)
    assert not any(f.endswith((".id", ".stage", ".kind", ".url", ".source_url", ".part")) for f in fields)
    assert not any(".characters." in f and f.endswith(".name") for f in fields)  # fictional names stay


def test_a_missing_translation_names_file_line_and_field(tiny):
    project, _ = load_project([tiny])
    translated, findings = translated_project(project, "cy")
    assert findings and all(f.severity == "error" for f in findings)
    summary = next(f for f in findings if "for summary:" in f.message)
    assert summary.path.endswith("tiny.yaml") and (summary.line, summary.column) == (10, 10)
    assert 'no Welsh (Cymraeg) translation for summary: "A short test lesson."' == summary.message
    assert "lessonkit translations update --language cy" in summary.hint
    assert any("for title.ks3:" in f.message and f.line == 4 for f in findings)  # each audience's wording


def test_update_then_translate_then_a_changed_english_text_is_fuzzy(tiny):
    source = tiny / "tiny.yaml"
    loaded = load_file(source, Lesson, [])
    path, total, missing = update_catalogue([loaded], source, "cy", "1")
    assert path == catalogue_path(source, "cy") == tiny / "locale" / "cy" / "tiny.po"
    assert total == missing == len({t for _, t in texts(loaded.model)})
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="cy")
    for message in catalog:
        if message.id:
            message.string = "CY " + message.id
    with path.open("wb") as handle:
        write_po(handle, catalog)
    translations, problems = read_catalogue(path, "cy")
    assert problems == []
    model, findings = translate(loaded, "cy", translations)
    assert findings == []
    assert model.summary == "CY A short test lesson."
    assert model.title == {"default": "CY Staying safe online", "ks3": "CY Staying safe online (KS3)"}
    assert model.id == loaded.model.id and model.audiences == loaded.model.audiences

    # The English summary changes: its old translation becomes fuzzy and is not used.
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("summary: A short test lesson.", "summary: A short test lesson, again."), encoding="utf-8")
    changed = load_file(source, Lesson, [])
    _path, _total, missing = update_catalogue([changed], source, "cy", "1")
    assert missing == 1
    with path.open("rb") as handle:
        fuzzy = [m for m in read_po(handle, locale="cy") if m.fuzzy and m.id]
    assert [m.id for m in fuzzy] == ["A short test lesson, again."]
    model, findings = translate(changed, "cy", read_catalogue(path, "cy")[0])
    assert model is None and len(findings) == 1 and "for summary:" in findings[0].message


def test_a_broken_catalogue_is_a_clear_error(tiny):
    path = catalogue_path(tiny / "tiny.yaml", "cy")
    path.parent.mkdir(parents=True)
    path.write_text('msgid "a"\nmsgstr "b"\nmsgid "a"\n', encoding="utf-8")
    translations, findings = read_catalogue(path, "cy")
    assert translations is None and "cannot be read" in findings[0].message


def test_the_commands(tiny):
    result = CliRunner().invoke(main, ["translations", "update", "--language", "cy", str(tiny)])
    assert result.exit_code == 0, result.output
    assert "tiny.po:" in result.output and "still to translate" in result.output
    result = CliRunner().invoke(main, ["translations", "check", "--language", "cy", str(tiny)])
    assert result.exit_code == 1
    assert "tiny.yaml:" in result.output and "no Welsh (Cymraeg) translation" in result.output
    assert "Traceback" not in result.output


def test_rules_that_read_english_words_say_so_for_a_translation(tiny):
    """The blame and reading-level rules are not run on Welsh text (no sourced Welsh list; Flesch-Kincaid
    is for English): they check the English source, and the command says which rules those are."""
    from toolkit.checks import run_checks
    from toolkit.checks.content import ENGLISH_ONLY_RULES

    project, _ = load_project([tiny])
    lesson = project.lessons[0]
    blaming = lesson.model.model_copy(update={"summary": "Why did you send it? You should have known better."})
    from toolkit.load import Loaded, Project

    english = Project([Loaded(blaming, lesson.path, lesson.positions, lesson.raw)], project.audiences_file,
                      project.routes_file, project.nations_file, "en")
    welsh = Project(english.lessons, english.audiences_file, english.routes_file, english.nations_file, "cy")
    assert any(f.rule == "blame" for f in run_checks(english))
    rules = {f.rule for f in run_checks(welsh)}
    assert not rules & set(ENGLISH_ONLY_RULES)
    assert {"blame", "reading-level", "story-help", "adult-only-route"} == set(ENGLISH_ONLY_RULES)
