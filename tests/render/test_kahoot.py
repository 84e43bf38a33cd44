"""`kahoot`: Kahoot's quiz spreadsheet, read back with python-calamine (the writer uses openpyxl)."""

from __future__ import annotations

import dataclasses
import io

import pytest
from python_calamine import CalamineWorkbook

from quiz_support import awkward, render, shipped_adapted
from toolkit.render.kahoot import render as kahoot

HEADERS = [
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) \u2013 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
]
TIME_LIMITS = {5, 10, 20, 30, 60, 90, 120, 240}


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def read_sheet(data: bytes):
    """(title block rows 1-7, question rows) as Kahoot's template lays them out, checked on the way."""
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    assert rows[7][1:8] == HEADERS
    questions = []
    for number, row in enumerate(rows[8:], start=1):
        assert row[0] == number  # a running number in column A
        question, answers, seconds, correct = row[1], [a for a in row[2:6] if a != ""], row[6], row[7]
        assert 1 <= utf16(question) <= 120 and 2 <= len(answers) <= 4
        assert all(utf16(a) <= 75 for a in answers) and "" not in row[2:2 + len(answers)]
        assert seconds in TIME_LIMITS
        indices = [int(n) for n in (str(int(correct)) if isinstance(correct, float) else correct).split(",")]
        assert indices and all(1 <= n <= len(answers) for n in indices)
        questions.append((question, answers, int(seconds), indices))
    return rows[:7], questions


def right_answers(answers, indices):
    return sorted(answers[n - 1] for n in indices)


def test_awkward_lesson_fills_kahoots_template():
    files, warnings = render(kahoot, awkward("ks3"))
    assert [f.name for f in files] == ["awkward-ks3-starter-quiz.kahoot.xlsx", "awkward-ks3-exit-quiz.kahoot.xlsx"]
    title, starter = read_sheet(files[0].data)
    assert title[1][1] == "Awkward “characters” & <tags>: a test: starter quiz for Key Stage 3 (ages 11-14)"
    assert [(q, a, n) for q, a, _, n in starter] == [
        ("Someone says ‘pay £50 & it’s deleted’. Do you pay? <b>not bold</b> {braces} #hash ~tilde",
         ["No: don’t pay, and tell someone 👩‍🏫", "= Yes, pay them straight away", "%50% of people pay, so pay",
          "[plain] Only if they say “please”"], [1]),
        ("True or false: if this happens, it is never your fault. ~ = # { } : \\ //", ["True", "False"], [1]),
    ]
    _, exit_quiz = read_sheet(files[1].data)
    # The short forms stand in where the full text is too long.
    assert [(q, a, n) for q, a, _, n in exit_quiz] == [
        ("Someone threatens you online & says “don’t tell”: best first step?",
         ["Tell a trusted adult", "Send what they ask for"], [1]),
        ("Which help is free?", ["Childline: phone or chat online, free, any time", "Your school’s DSL",
                                 "A paid “removal” service", "The blackmailer"], [1, 2]),
    ]
    assert warnings == [
        "starter quiz question 'who-can-help' is left out of the Kahoot sheet: it has 5 options and Kahoot takes at most 4",
        "starter quiz question 'what-to-do' is left out of the Kahoot sheet: ordering questions have no place in "
        "Kahoot's quiz spreadsheet",
        "exit quiz question 'long-without-short' is left out of the Kahoot sheet: the question is 154 characters, "
        "Kahoot allows 120; add a `short:` form of at most 120 characters",
        "exit quiz question 'five-options' is left out of the Kahoot sheet: it has 5 options and Kahoot takes at most 4",
    ]


def test_title_block_names_what_was_left_out_and_where_to_get_help():
    lesson = awkward("ks3")
    title, _ = read_sheet(render(kahoot, lesson)[0][0].data)
    notes = " ".join(row[1] for row in title)
    assert "Left out (Kahoot cannot show them; use the quiz paper or another export): who-can-help, what-to-do." in notes
    for contact in lesson.help_contacts:
        assert contact.name in notes and contact.phone in notes
    assert "Revenge Porn Helpline" not in notes  # adult-only: adapt leaves it out for pupils


def test_time_limits_give_longer_questions_more_time():
    _, questions = read_sheet(render(kahoot, awkward("ks3"))[0][0].data)
    seconds = {q[:12]: s for q, _, s, _ in questions}
    assert seconds == {"Someone says": 30, "True or fals": 20}


def test_shuffle_seed_moves_answers_and_their_right_marks():
    lesson = awkward("ks3")
    plain = read_sheet(render(kahoot, lesson)[0][0].data)[1]
    shuffled = read_sheet(render(kahoot, lesson, seed=3)[0][0].data)[1]
    assert render(kahoot, lesson, seed=3)[0][0].data == render(kahoot, lesson, seed=3)[0][0].data
    assert [a for _, a, _, _ in shuffled] != [a for _, a, _, _ in plain]
    for (q1, a1, _, n1), (q2, a2, _, n2) in zip(plain, shuffled):
        assert q1 == q2 and sorted(a1) == sorted(a2)
        assert right_answers(a1, n1) == right_answers(a2, n2)
    assert shuffled[1][1] == ["True", "False"]  # true/false keeps its natural order


def test_emoji_count_as_excel_counts_them():
    lesson = awkward("ks3")
    first = lesson.starter_quiz[0]
    # 118 characters in Python, 127 in UTF-16 (and in Kahoot's and Excel's count): too long.
    long_text = "Is this ok? " + "😀" * 9 + "x" * 97
    assert len(long_text) == 118 and utf16(long_text) == 127
    squeezed = dataclasses.replace(first, question=long_text, short="Is this ok?")
    lesson = dataclasses.replace(lesson, starter_quiz=(squeezed,), exit_quiz=())
    _, questions = read_sheet(render(kahoot, lesson)[0][0].data)
    assert questions[0][0] == "Is this ok?"


def test_a_quiz_with_nothing_kahoot_can_show_gets_no_sheet():
    lesson = awkward("ks3")
    ordering = [q for q in lesson.starter_quiz if q.type == "ordering"]
    files, warnings = render(kahoot, dataclasses.replace(lesson, starter_quiz=tuple(ordering)))
    assert [f.name for f in files] == ["awkward-ks3-exit-quiz.kahoot.xlsx"]
    assert "no Kahoot sheet for the starter quiz: none of its questions fit Kahoot" in warnings
    assert render(kahoot, dataclasses.replace(lesson, starter_quiz=(), exit_quiz=())) == ([], [])


def test_same_lesson_same_bytes():
    assert [f.data for f in render(kahoot, awkward("ks3"))[0]] == [f.data for f in render(kahoot, awkward("ks3"))[0]]


def test_shipped_lessons_fill_the_template(shipped):
    lessons = [lesson for lesson in shipped_adapted(shipped) if lesson.quiz]
    if not lessons:
        pytest.skip("no shipped lesson has quiz questions yet")
    for lesson in lessons:
        files, warnings = render(kahoot, lesson)
        sheets = [read_sheet(f.data)[1] for f in files]
        left_out = sum("left out of the Kahoot sheet" in w for w in warnings)
        assert sum(len(s) for s in sheets) + left_out == len(lesson.quiz)


def test_header_text_is_readable_on_its_fill():
    from openpyxl import load_workbook

    from toolkit.colours import contrast, parse_hex

    sheet = load_workbook(io.BytesIO(render(kahoot, awkward("ks3"))[0][0].data)).active
    header = sheet["B8"]
    fill, text = header.fill.fgColor.rgb[-6:], header.font.color.rgb[-6:]
    assert contrast(parse_hex("#" + fill), parse_hex("#" + text)) >= 4.5
