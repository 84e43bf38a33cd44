"""`moodle-xml`: Moodle XML, read back with Python's own ElementTree (the writer uses lxml) and
checked against Moodle's import rules: known question types, grades from Moodle's table."""

from __future__ import annotations

import dataclasses
import html
import xml.etree.ElementTree as ET

import pytest

from quiz_support import (
    GOLDEN, MOODLE_PERCENTAGES, ReadChoice, ReadQuestion, assert_choice_question, awkward, golden_files,
    html_text, name_of, parts, render, shipped_adapted,
)
from toolkit.render.moodle_xml import render as moodle_xml


def _html(element) -> str:
    assert element.get("format") == "html"
    return html_text(element.findtext("text") or "")


def read_question(element) -> ReadQuestion:
    kind = element.get("type")
    name = element.findtext("name/text")
    text, general = _html(element.find("questiontext")), _html(element.find("generalfeedback"))
    answers = element.findall("answer")
    fractions = [float(a.get("fraction")) for a in answers]
    assert all(f in MOODLE_PERCENTAGES for f in fractions), fractions
    if kind == "truefalse":
        assert sorted(a.findtext("text") for a in answers) == ["false", "true"]
        assert sorted(fractions) == [0, 100]
        choices = [ReadChoice(a.findtext("text").capitalize(), _html(a.find("feedback")), f == 100)
                   for a, f in zip(answers, fractions)]
        return ReadQuestion(name, text, general, choices, "true-false")
    choices = [ReadChoice(html_text(a.findtext("text")), _html(a.find("feedback")), f > 0, f)
               for a, f in zip(answers, fractions)]
    if kind == "ordering":
        assert element.findtext("selecttype") == "ALL"
        assert int(element.findtext("selectcount")) == len(answers)
        return ReadQuestion(name, text, general, choices, "ordering")
    assert kind == "multichoice", kind
    single = element.findtext("single") == "true"
    if single:
        assert fractions.count(100) == 1 and all(f == 0 for f in fractions if f != 100)  # Moodle: one answer is 100%
    return ReadQuestion(name, text, general, choices, "single" if single else "multiple")


def read(data: bytes):
    root = ET.fromstring(data)
    assert root.tag == "quiz"
    return root.findall("question")


def assert_moodle_matches(lesson, data: bytes) -> None:
    """Per quiz: a category question, every question as the lesson says it, where to get help."""
    questions = iter(read(data))
    for part, quiz in parts(lesson):
        category = next(questions)
        assert category.get("type") == "category"
        assert category.findtext("category/text") == f"lessonkit/{lesson.lesson_id}/{lesson.audience.id}/{part}"
        for number, question in enumerate(quiz, start=1):
            assert_choice_question(read_question(next(questions)), question, name_of(part, number, question),
                                   ordering_native=True)
        help_item = next(questions)
        assert help_item.get("type") == "description" and help_item.findtext("defaultgrade") == "0"
        shown = html_text(help_item.findtext("questiontext/text"))
        for contact in lesson.help_contacts:
            assert contact.name in shown and contact.phone in shown
    assert next(questions, None) is None


def test_awkward_lesson_reads_back_exactly():
    lesson = awkward("ks3")
    files, warnings = render(moodle_xml, lesson)
    assert [f.name for f in files] == ["awkward-ks3-quiz.moodle.xml"]
    assert_moodle_matches(lesson, files[0].data)
    assert warnings == []
    types = [q.get("type") for q in read(files[0].data)]
    assert {"multichoice", "truefalse", "ordering", "description", "category"} == set(types)


def test_staff_see_their_own_question():
    staff = awkward("staff")
    data = render(moodle_xml, staff)[0][0].data
    assert_moodle_matches(staff, data)
    assert "Exit 05: staff-only" in [q.findtext("name/text") for q in read(data)]


def test_shipped_lessons_read_back(shipped):
    lessons = [lesson for lesson in shipped_adapted(shipped) if lesson.quiz]
    if not lessons:
        pytest.skip("no shipped lesson has quiz questions yet")
    for lesson in lessons:
        assert_moodle_matches(lesson, render(moodle_xml, lesson)[0][0].data)


def test_multiple_answer_grades_come_from_moodles_table():
    questions = {q.findtext("name/text"): q for q in read(render(moodle_xml, awkward("ks3"))[0][0].data)}
    three_right = [a.get("fraction") for a in questions["Starter 02: who-can-help"].findall("answer")]
    assert three_right == ["33.33333", "33.33333", "33.33333", "-50", "-50"]  # never 33.3, which Moodle rejects
    two_right = [a.get("fraction") for a in questions["Exit 04: long-option"].findall("answer")]
    assert two_right == ["50", "50", "-50", "-50"]


def test_cdata_holds_the_awkward_text_intact():
    lesson = awkward("ks3")
    raw = render(moodle_xml, lesson)[0][0].data.decode("utf-8")
    for question in lesson.quiz:
        for text in [question.question, question.teaching_point] + [o.feedback for o in question.options]:
            markup = html.escape(text, quote=False).replace("\n", "<br>")
            assert f"<![CDATA[{markup}]]>" in raw, text
    assert "<![CDATA[= Yes, pay them straight away]]>" in raw
    assert "&lt;b&gt;not bold&lt;/b&gt; {braces} #hash ~tilde]]>" in raw


def test_control_characters_never_reach_the_file():
    lesson = awkward("ks3")
    first = lesson.starter_quiz[0]
    ringing = dataclasses.replace(first, question="Bell\x07 and escape\x1b: still a question")
    lesson = dataclasses.replace(lesson, starter_quiz=(ringing,) + lesson.starter_quiz[1:])
    data = render(moodle_xml, lesson)[0][0].data
    assert read(data)[1].findtext("questiontext/text") == "Bell and escape: still a question"


def test_no_quiz_questions_means_no_file():
    lesson = dataclasses.replace(awkward("ks3"), starter_quiz=(), exit_quiz=())
    assert render(moodle_xml, lesson) == ([], [])


def test_same_lesson_same_bytes():
    assert render(moodle_xml, awkward("ks3"))[0][0].data == render(moodle_xml, awkward("ks3"))[0][0].data


def test_matches_golden_file():
    for name, data in golden_files("moodle-xml").items():
        assert (GOLDEN / name).read_bytes() == data, f"{name} differs: run scripts/regenerate-golden and read the diff"
