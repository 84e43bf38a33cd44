"""`moodle-xml`: Moodle XML, read back with Python's own ElementTree (the writer uses lxml) and
checked against Moodle's import rules: known question types, grades from Moodle's table."""

from __future__ import annotations

import dataclasses
import html
import xml.etree.ElementTree as ET

import pytest

from quiz_support import (
    ARROW, GOLDEN, MOODLE_PERCENTAGES, ReadChoice, ReadQuestion, assert_choice_question, awkward, golden_files,
    html_text, name_of, parts, render, shipped_adapted,
)
from toolkit.render import RenderContext
from toolkit.render.moodle_xml import render as moodle_xml


COMBINED_FEEDBACK = ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback")
KNOWN_BEFORE_4_4 = {"category", "multichoice", "truefalse", "description"}  # core types in every Moodle


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
    if kind == "ordering":
        # What Moodle 4.4 keeps (qtype_ordering save_question_options): each answer's text with an
        # empty feedback, the combined feedback and the general feedback.
        assert element.findtext("selecttype") == "ALL"
        assert int(element.findtext("selectcount")) == len(answers)
        combined = tuple(_html(element.find(tag)) for tag in COMBINED_FEEDBACK)
        choices = [ReadChoice(html_text(a.findtext("text")), "", True) for a in answers]
        return ReadQuestion(name, text, general, choices, "ordering", combined)
    choices = [ReadChoice(html_text(a.findtext("text")), _html(a.find("feedback")), f > 0, f)
               for a, f in zip(answers, fractions)]
    assert kind == "multichoice", kind
    single = element.findtext("single") == "true"
    if single:
        assert fractions.count(100) == 1 and all(f == 0 for f in fractions if f != 100)  # Moodle: one answer is 100%
    return ReadQuestion(name, text, general, choices, "single" if single else "multiple")


def read(data: bytes):
    root = ET.fromstring(data)
    assert root.tag == "quiz"
    return root.findall("question")


def assert_moodle_matches(lesson, data: bytes, native_ordering: bool = True) -> None:
    """Per quiz: a category question, every question as the lesson says it, where to get help."""
    if not native_ordering:
        assert {q.get("type") for q in read(data)} <= KNOWN_BEFORE_4_4
    questions = iter(read(data))
    for part, quiz in parts(lesson):
        category = next(questions)
        assert category.get("type") == "category"
        assert category.findtext("category/text") == f"lessonkit/{lesson.lesson_id}/{lesson.audience.id}/{part}"
        for number, question in enumerate(quiz, start=1):
            assert_choice_question(read_question(next(questions)), question, name_of(part, number, question),
                                   ordering_native=native_ordering)
        help_item = next(questions)
        assert help_item.get("type") == "description" and help_item.findtext("defaultgrade") == "0"
        shown = html_text(help_item.findtext("questiontext/text"))
        for contact in lesson.help_contacts:
            assert contact.name in shown and contact.phone in shown
    assert next(questions, None) is None


def assert_moodle_files_match(lesson, files) -> None:
    """The file for Moodle 4.4 and later, and (only with ordering questions) the one for any Moodle."""
    ordering = any(q.type == "ordering" for _, quiz in parts(lesson) for q in quiz)
    names = [f"{lesson.slug}-quiz.moodle.xml"] + ([f"{lesson.slug}-quiz.moodle-before-4.4.xml"] if ordering else [])
    assert [f.name for f in files] == names
    assert_moodle_matches(lesson, files[0].data)
    if ordering:
        assert_moodle_matches(lesson, files[1].data, native_ordering=False)


def test_awkward_lesson_reads_back_exactly():
    lesson = awkward("ks3")
    files, warnings = render(moodle_xml, lesson)
    assert_moodle_files_match(lesson, files)
    assert warnings == []
    types = [q.get("type") for q in read(files[0].data)]
    assert {"multichoice", "truefalse", "ordering", "description", "category"} == set(types)
    assert "before 4.4" in files[1].title and "4.4 and later" in files[0].title


def test_ordering_teaching_is_kept_where_moodle_keeps_it():
    """qtype_ordering stores every step with empty feedback; the combined and general feedback stay."""
    lesson = awkward("ks3")
    question = next(q for q in lesson.quiz if q.type == "ordering")
    element = next(q for q in read(render(moodle_xml, lesson)[0][0].data) if q.get("type") == "ordering")
    kept = {tag: _html(element.find(tag)) for tag in COMBINED_FEEDBACK + ("generalfeedback",)}
    steps = [f"{n}. {o.text}: {o.feedback}" for n, o in enumerate(question.options, start=1)]
    right_order = ARROW.join(o.text for o in question.options)
    assert kept["correctfeedback"] == "\n".join(["Yes, this is the right order."] + steps)
    assert kept["partiallycorrectfeedback"] == "\n".join([f"Nearly. The right order is: {right_order}"] + steps)
    assert kept["incorrectfeedback"] == "\n".join([f"Not quite. The right order is: {right_order}"] + steps)
    assert kept["generalfeedback"] == "\n".join([question.teaching_point] + steps)


def test_file_before_4_4_has_no_ordering_type():
    """Moodle before 4.4 (no qtype_ordering) stops at an unknown type; this file has only core types."""
    lesson = awkward("ks3")
    data = render(moodle_xml, lesson)[0][1].data
    types = {q.get("type") for q in read(data)}
    assert types == {"category", "multichoice", "truefalse", "description"}
    question = next(q for q in lesson.quiz if q.type == "ordering")
    converted = next(q for q in read(data) if (q.findtext("name/text") or "").endswith(f": {question.id}"))
    assert converted.get("type") == "multichoice" and converted.findtext("single") == "true"
    assert _html(converted.find("questiontext")) == question.question + "\nWhich order is right?"


def test_no_ordering_question_means_one_file_for_any_moodle():
    lesson = awkward("ks3")
    lesson = dataclasses.replace(lesson, starter_quiz=tuple(q for q in lesson.starter_quiz if q.type != "ordering"),
                                 exit_quiz=tuple(q for q in lesson.exit_quiz if q.type != "ordering"))
    context = RenderContext()
    files = moodle_xml(lesson, context)
    assert [f.name for f in files] == ["awkward-ks3-quiz.moodle.xml"]
    assert {q.get("type") for q in read(files[0].data)} <= KNOWN_BEFORE_4_4
    assert context.notes == ["Moodle XML: <lesson>-<audience>-quiz.moodle.xml with no ordering question suits any "
                             "Moodle version."]


def test_notes_say_which_moodle_each_file_suits():
    context = RenderContext()
    moodle_xml(awkward("ks3"), context)
    assert context.notes == [
        "Moodle XML: <lesson>-<audience>-quiz.moodle.xml with ordering questions suits Moodle 4.4 and later, or an "
        "earlier Moodle with the Ordering question plugin (qtype_ordering).",
        "Moodle XML: <lesson>-<audience>-quiz.moodle-before-4.4.xml suits any Moodle version, with ordering "
        "questions as a choice between sequences.",
    ]


def test_staff_see_their_own_question():
    staff = awkward("staff")
    files = render(moodle_xml, staff)[0]
    assert_moodle_files_match(staff, files)
    data = files[0].data
    assert "Exit 05: staff-only" in [q.findtext("name/text") for q in read(data)]


def test_shipped_lessons_read_back(shipped):
    lessons = [lesson for lesson in shipped_adapted(shipped) if lesson.quiz]
    if not lessons:
        pytest.skip("no shipped lesson has quiz questions yet")
    for lesson in lessons:
        assert_moodle_files_match(lesson, render(moodle_xml, lesson)[0])


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
            # An ordering question's general feedback goes on with the steps.
            end = "<br>1. " if question.type == "ordering" and text == question.teaching_point else "]]>"
            assert f"<![CDATA[{markup}{end}" in raw, text
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
    assert [f.data for f in render(moodle_xml, awkward("ks3"))[0]] == [f.data for f in render(moodle_xml, awkward("ks3"))[0]]


def test_matches_golden_file():
    for name, data in golden_files("moodle-xml").items():
        assert (GOLDEN / name).read_bytes() == data, f"{name} differs: run scripts/regenerate-golden and read the diff"
