"""`gift`: Moodle GIFT, read back with the independent gift-pegjs grammar (tests/render/gift_parse.js)."""

from __future__ import annotations

import dataclasses
import json
import subprocess
from pathlib import Path

import pytest

from quiz_support import (
    GOLDEN, ReadChoice, ReadQuestion, assert_choice_question, awkward, golden_files, html_text, name_of,
    node_with_gift_pegjs, parts, render, shipped_adapted,
)
from toolkit.quizzes.gift_text import escape, field
from toolkit.render.gift import render as gift

PARSER = Path(__file__).resolve().parent / "gift_parse.js"


def parse_gift(data: bytes, tmp_path: Path) -> list:
    """The questions gift-pegjs reads from `data`; fails with its line and column if it cannot."""
    node = node_with_gift_pegjs()
    path = tmp_path / "quiz.gift.txt"
    path.write_bytes(data)
    result = subprocess.run([node, str(PARSER), str(path)], capture_output=True, text=True, timeout=60)
    parsed = json.loads(result.stdout)
    assert result.returncode == 0, f"gift-pegjs: {parsed['error']} at line {parsed['line']}, column {parsed['column']}"
    return parsed


def _text(value) -> str:
    return html_text(value["text"]) if value else ""


def read_question(item: dict) -> ReadQuestion:
    """A gift-pegjs question in plain terms. For true/false, Moodle shows the first feedback for
    the wrong answer and the second for the right one."""
    name, text, general = item["title"], _text(item["stem"]), _text(item["globalFeedback"])
    if item["type"] == "TF":
        wrong, right = _text(item["trueFeedback"]), _text(item["falseFeedback"])
        is_true = item["isTrue"]
        choices = [ReadChoice("True", right if is_true else wrong, is_true),
                   ReadChoice("False", wrong if is_true else right, not is_true)]
        return ReadQuestion(name, text, general, choices, "true-false")
    assert item["type"] == "MC", item["type"]
    weighted = any(c["weight"] is not None for c in item["choices"])
    choices = [
        ReadChoice(_text(c["text"]), _text(c["feedback"]),
                   (c["weight"] or 0) > 0 if weighted else c["isCorrect"], c["weight"])
        for c in item["choices"]
    ]
    return ReadQuestion(name, text, general, choices, "multiple" if weighted else "single")


def assert_gift_matches(lesson, parsed: list) -> None:
    """Each quiz: its category, every question as the lesson says it, then where to get help."""
    expected = []
    for part, questions in parts(lesson):
        expected.append(("category", f"lessonkit/{lesson.lesson_id}/{lesson.audience.id}/{part}"))
        expected += [("question", (name_of(part, n, q), q)) for n, q in enumerate(questions, start=1)]
        expected.append(("help", None))
    assert len(parsed) == len(expected)
    for item, (kind, value) in zip(parsed, expected):
        if kind == "category":
            assert item == {"type": "Category", "title": value}
        elif kind == "help":
            assert item["type"] == "Description" and item["title"] == "Where to get help"
            shown = html_text(item["stem"]["text"])
            for contact in lesson.help_contacts:
                assert contact.name in shown
                assert contact.phone in shown
        else:
            name, question = value
            assert_choice_question(read_question(item), question, name)


def test_awkward_lesson_reads_back_exactly(tmp_path):
    lesson = awkward("ks3")
    files, warnings = render(gift, lesson)
    assert [f.name for f in files] == ["awkward-ks3-quiz.gift.txt"]
    assert_gift_matches(lesson, parse_gift(files[0].data, tmp_path))
    assert warnings == ["ordering question 'what-to-do' is a choice between sequences: GIFT has no ordering type"]


def test_every_audience_of_the_awkward_lesson_reads_back(tmp_path):
    staff = awkward("staff")
    parsed = parse_gift(render(gift, staff)[0][0].data, tmp_path)
    assert_gift_matches(staff, parsed)
    assert any(q.get("title") == "Exit 05: staff-only" for q in parsed)
    assert not any("staff-only" in (q.get("title") or "") for q in parse_gift(render(gift, awkward("ks3"))[0][0].data, tmp_path))


def test_shipped_lessons_read_back(shipped, tmp_path):
    lessons = [lesson for lesson in shipped_adapted(shipped) if lesson.quiz]
    if not lessons:
        pytest.skip("no shipped lesson has quiz questions yet")
    for lesson in lessons:
        assert_gift_matches(lesson, parse_gift(render(gift, lesson)[0][0].data, tmp_path))


def test_special_characters_are_escaped_in_the_file():
    text = render(gift, awkward("ks3"))[0][0].data.decode("utf-8")
    assert "\\{braces\\} \\#hash \\~tilde" in text
    assert "parent\\\\carer" in text
    assert "::Starter 01\\: pay-or-not::" in text
    assert "$CATEGORY: lessonkit/awkward/ks3/starter" in text
    assert "~%33.33333%A trusted adult" in text and "~%-50%Nobody" in text
    assert "{TRUE#It is true\\: it is never your fault" in text  # wrong answer's feedback first


def test_escape_puts_a_backslash_before_every_special_character():
    assert escape("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"
    assert field("%50% sure") == "&\\#37;50% sure"  # not read as a 50% weight
    assert field("[plain] text") == "&\\#91;plain] text"  # not read as a format
    assert field("a < b & c\nd") == "a &lt; b &amp; c<br>d"


def test_no_quiz_questions_means_no_file():
    lesson = dataclasses.replace(awkward("ks3"), starter_quiz=(), exit_quiz=())
    assert render(gift, lesson) == ([], [])


def test_shuffle_seed_gives_reproducible_option_orders(tmp_path):
    lesson = awkward("ks3")
    plain = render(gift, lesson)[0][0].data
    first, second = render(gift, lesson, seed=7)[0][0].data, render(gift, lesson, seed=7)[0][0].data
    assert first == second != plain
    assert render(gift, lesson, seed=8)[0][0].data != first
    assert_gift_matches(lesson, parse_gift(first, tmp_path))  # the right answers move with their options


def test_matches_golden_file():
    for name, data in golden_files("gift").items():
        assert (GOLDEN / name).read_bytes() == data, f"{name} differs: run scripts/regenerate-golden and read the diff"


def test_help_at_the_end_starts_with_the_schools_own_people(adapted, tmp_path):
    school = Path(__file__).resolve().parents[2] / "lessons" / "schools" / "example-england.yaml"
    if not school.exists():
        pytest.skip("the example school profile is not in lessons/schools yet")
    lesson = adapted("online-blackmail", "ks3", school)
    parsed = parse_gift(render(gift, lesson)[0][0].data, tmp_path)
    shown = html_text(parsed[-1]["stem"]["text"])
    positions = [shown.index(contact.name) for contact in lesson.help_contacts]
    assert positions == sorted(positions) and lesson.help_contacts[0].scope == "school"
    assert "Childline" in shown and "Revenge Porn Helpline" not in shown
