"""The lesson plan and the letter to parents and carers (Word documents), read back with python-docx,
with LibreOffice Writer (converted to PDF, read with pypdf and pdftotext), and checked against
Microsoft's accessibility rules."""

from __future__ import annotations

import dataclasses
import io
import json
import subprocess
from pathlib import Path

import docx
import pytest
from docx.shared import Cm
from pypdf import PdfReader

from toolkit.docx import WordDocument, accessibility_problems
from toolkit.render import RenderContext, formats
from toolkit.render.lesson_plan import lesson_plan, sessions_of, timing_rows
from toolkit.render.parent_letter import parent_letter

from kit import LESSONS, require_tool

ENGLAND = LESSONS / "schools" / "example-england.yaml"
SCOTLAND = LESSONS / "schools" / "example-scotland.yaml"
ADULT_ONLY = ("Revenge Porn Helpline", "StopNCII")


def _render(name: str, lesson) -> list:
    return formats()[name].render(lesson, RenderContext())


def _text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _headings(data: bytes):
    document = docx.Document(io.BytesIO(data))
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]


# --- The lesson plan --------------------------------------------------------------------------------

def test_the_plan_names_the_school_the_lead_and_every_timing(adapted):
    lesson = adapted("online-blackmail", "ks3", ENGLAND)
    [plan] = _render("lesson-plan", lesson)
    assert plan.name == "online-blackmail-ks3-lesson-plan.docx"
    text = _text(plan.data)
    assert "Hazelbrook Academy (example)" in text
    assert "Mrs Helen Carter, Designated Safeguarding Lead" in text
    assert lesson.review_notice in text
    total = 0
    for session in sessions_of(lesson):  # each session's timings, counted from its own start
        minute = 0
        for activity, minutes in session.timings:
            assert f"{minute // 60}:{minute % 60:02d} to" in text and activity in text
            minute += minutes
        assert minute == session.minutes
        total += minute
    assert total == lesson.duration_minutes
    for question, answer in lesson.teacher_notes.hard_questions:
        assert question in text and answer in text
    assert lesson.teacher_notes.disclosure_protocol[0] in text
    # Children's services are for staff: the plan lists them, under their own heading.
    assert "Hazelbrook Children's Social Care front door (example)" in text and "For staff only" in text
    assert not any(name in text for name in ADULT_ONLY)


def test_the_plan_uses_real_styles_and_passes_the_accessibility_rules(adapted):
    [plan] = _render("lesson-plan", adapted("online-blackmail", "ks3", ENGLAND))
    document = docx.Document(io.BytesIO(plan.data))
    assert document.core_properties.title == "Lesson plan: Online blackmail: spot it, stop it, get help \u2013 Key Stage 3 (Years 7 to 9)"
    assert document.core_properties.language == "en-GB"
    levels = [int(style[-1]) for style, _ in _headings(plan.data)]
    assert levels[0] == 1 and set(levels) == {1, 2, 3}
    styles = {p.style.name for p in document.paragraphs}
    assert {"List Bullet", "List Number"} <= styles
    assert document.tables and all(t.rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
                                   for t in document.tables)
    [logo] = document.inline_shapes
    assert logo._inline.docPr.get("descr") == "Hazelbrook Academy logo: the letters HA on a navy shield"
    assert accessibility_problems(plan.data) == []


def test_every_plan_and_letter_of_the_shipped_lessons_passes_the_accessibility_rules(shipped, adapted):
    checked = 0
    for lesson in shipped.lessons:
        for audience in lesson.model.audiences:
            for school in (None, ENGLAND, SCOTLAND):
                adapted_lesson = adapted(lesson.model.id, audience, school)
                for name in ("lesson-plan", "parent-letter"):
                    for output in _render(name, adapted_lesson):
                        assert accessibility_problems(output.data) == [], output.name
                        checked += 1
    assert checked > 20


def test_the_plan_lists_the_files_the_pack_really_has(national_pack):
    manifest = json.loads((national_pack / "manifest.json").read_text(encoding="utf-8"))
    plans = [e for e in manifest["files"] if e["format"] == "lesson-plan"]
    assert {(e["lesson"], e["audience"]) for e in plans} >= {("online-blackmail", "ks3"), ("staff-briefing", "staff")}
    for entry in plans:
        names = {Path(e["path"]).name for e in manifest["files"]
                 if (e["lesson"], e["audience"]) == (entry["lesson"], entry["audience"])}
        table = docx.Document(str(national_pack / entry["path"])).tables
        resources = next(t for t in table if t.rows[0].cells[0].text == "Resource")
        listed = [row.cells[1].text for row in resources.rows[1:]]
        assert listed and set(listed) <= names, entry["path"]
    ks3 = next(e for e in plans if e["audience"] == "ks3")
    listed = _text((national_pack / ks3["path"]).read_bytes())
    assert "online-blackmail-ks3-session-1.pptx" in listed and "online-blackmail-ks3-support-card.pdf" in listed


def test_the_pack_index_and_manifest_list_the_word_documents(national_pack):
    manifest = json.loads((national_pack / "manifest.json").read_text(encoding="utf-8"))
    kinds = {e["format"] for e in manifest["files"]}
    assert {"lesson-plan", "parent-letter"} <= kinds
    letters = {e["audience"] for e in manifest["files"] if e["format"] == "parent-letter"}
    assert letters == {"ks2", "ks3", "ks4", "post16"}  # pupil audiences only
    index = (national_pack / "national" / "index.html").read_text(encoding="utf-8")
    assert "To edit in Word" in index and ">Lesson plan</a>" in index and ">Letter to parents and carers</a>" in index


def test_a_plan_is_the_same_bytes_each_time(adapted):
    lesson = adapted("online-blackmail", "ks4", ENGLAND)
    assert lesson_plan(lesson, RenderContext()) == lesson_plan(lesson, RenderContext())


def test_timings_are_counted_from_the_start():
    assert timing_rows([("Warm-up", 5), ("Stories", 70)]) == [
        ("0:00 to 0:05", "Warm-up", "5 min"), ("0:05 to 1:15", "Stories", "70 min")]


@dataclasses.dataclass(frozen=True)
class _Session:
    title: str
    duration_minutes: int
    timings: tuple
    sections: tuple


def test_a_lesson_with_sessions_is_planned_one_session_at_a_time(adapted):
    """Lessons are becoming sessions (issue 15): the plan reads `sessions` when the lesson has them."""
    lesson = adapted("online-blackmail", "ks3", ENGLAND)
    assert [s.minutes for s in sessions_of(lesson)] == [50, 50, 50] == [s.minutes for s in lesson.sessions]
    assert sum(s.minutes for s in sessions_of(lesson)) == lesson.duration_minutes
    headings = [text for _, text in _headings(lesson_plan(lesson, RenderContext()))]
    assert "Session 1 of 3: What it is and how it starts (50 minutes)" in headings

    data = lesson_plan(lesson, RenderContext())
    last = "Session 3 of 3: Getting help and helping others (50 minutes)"
    # the lesson's warning signs, steps and myths follow the last session
    assert max(i for i, h in enumerate(headings) if h == "Warning signs") > headings.index(last)
    text = _text(data)
    assert "0:00 to 0:01" in text and "0:47 to 0:50" in text
    assert accessibility_problems(data) == []


# --- The letter to parents and carers --------------------------------------------------------------------

def test_the_letter_comes_from_the_school_for_pupils_only(adapted):
    lesson = adapted("online-blackmail", "ks3", ENGLAND)
    [letter] = _render("parent-letter", lesson)
    assert letter.name == "online-blackmail-ks3-parent-letter.docx"
    text = _text(letter.data)
    assert "Hazelbrook Academy (example)" in text and "Dear parents and carers," in text
    assert "Pupils in Key Stage 3 (Years 7 to 9)" in text
    assert "Mrs Helen Carter, Designated Safeguarding Lead" in text and "020 7946 0123" in text
    assert "without shock tactics" in text and "never at fault" in text
    for step in ("Stay calm", "Don't pay", "Keep the evidence, then block", "Never screenshot, save, forward or print a nude image", "101", "999", "CEOP", "Report Remove", "Take It Down"):
        assert step in text
    assert "Where to get help in England" in [t for _, t in _headings(letter.data)]
    assert not any(name in text for name in ADULT_ONLY)
    assert "[" not in text.replace("[date of the lesson]", "").replace("[date]", "").replace("[time]", "").replace(
        "[place]", "").replace("[Optional:", "").replace("[Note for the school", "")
    assert _render("parent-letter", adapted("staff-briefing", "staff")) == []
    assert _render("parent-letter", adapted("parents-session", "parents")) == []


def test_the_letter_for_the_youngest_pupils_names_no_nude_images(adapted):
    text = _text(_render("parent-letter", adapted("online-safety-ks2", "ks2", LESSONS / "schools" / "example-wales.yaml"))[0].data)
    assert "Years 3 to 6" in text and "Mr Rhys Morgan, Designated Safeguarding Person" in text
    assert "Stay calm and listen" in text and "CEOP" in text
    assert "nude" not in text.lower() and "sexual" not in text.lower()


def test_the_letter_helps_in_the_schools_nation(adapted):
    text = _text(_render("parent-letter", adapted("online-blackmail", "ks4", SCOTLAND))[0].data)
    assert "Where to get help in Scotland" in text
    assert "S4 and S5" in text


def test_the_national_letter_marks_what_the_school_fills_in(adapted):
    [letter] = _render("parent-letter", adapted("online-blackmail", "ks3"))
    text = _text(letter.data)
    for place in ("[School name]", "[Name]", "[role, e.g. Designated Safeguarding Lead]", "[phone number]",
                  "[date of the lesson]"):
        assert place in text
    assert "Draft: to be reviewed by your school's safeguarding lead before use" in text
    document = docx.Document(io.BytesIO(letter.data))
    filled = [r for p in document.paragraphs for r in p.runs if r.text == "[School name]"]
    assert filled and all(r.font.highlight_color is not None for r in filled)
    assert document.inline_shapes == [] or len(document.inline_shapes) == 0


def test_the_letter_is_dated_the_day_it_is_written(adapted):
    import datetime as dt

    data = parent_letter(adapted("online-blackmail", "ks3", ENGLAND), RenderContext(), today=dt.date(2027, 3, 1))
    assert "1 March 2027" in _text(data)


# --- The accessibility check can fail -------------------------------------------------------------------------

def test_the_accessibility_check_finds_each_broken_rule():
    bad = docx.Document()
    bad.add_heading("Top", 1)
    bad.add_heading("Skipped", 3)
    bad.add_heading("", 2)
    bad.add_table(rows=2, cols=2)
    from toolkit.deck.pictures import qr_picture

    bad.add_picture(io.BytesIO(qr_picture("https://example.org/")), width=Cm(2))
    buffer = io.BytesIO()
    bad.save(buffer)
    problems = accessibility_problems(buffer.getvalue())
    assert "the document has no title in its properties" in problems
    assert "the document has no language in its properties" in problems
    assert any("a level is skipped" in p for p in problems)
    assert "an empty Heading 2" in problems
    assert "table 1 has no header row marked to repeat" in problems
    assert any(p.startswith("picture 1") and "no alternative text" in p for p in problems)
    assert any("hard to read on white" in p for p in problems)  # the template's light blue headings


def test_the_writer_refuses_headings_out_of_order():
    import datetime as dt

    word = WordDocument("T", "S", "A", "#1D4E89", dt.date(2026, 1, 1))
    word.heading("One", 1)
    with pytest.raises(ValueError):
        word.heading("Three", 3)


# --- A different reader: LibreOffice Writer -------------------------------------------------------------------

@pytest.mark.libreoffice
def test_libreoffice_opens_the_plan_and_the_letter(adapted, tmp_path):
    soffice, pdftotext = require_tool("soffice"), require_tool("pdftotext")
    lesson = adapted("online-blackmail", "ks3", ENGLAND)
    paths = []
    for name in ("lesson-plan", "parent-letter"):
        [output] = _render(name, lesson)
        path = tmp_path / output.name
        path.write_bytes(output.data)
        paths.append(path)
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, paths)],
                   capture_output=True, timeout=600, check=False)
    texts = {}
    for path in paths:
        pdf = path.with_suffix(".pdf")
        if not pdf.exists():
            pytest.fail(f"LibreOffice could not open {path.name} (is libreoffice-writer installed?)")
        assert len(PdfReader(pdf).pages) > 0
        texts[path.name] = " ".join(subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True,
                                                   check=True).stdout.split())
    plan, letter = texts[paths[0].name], texts[paths[1].name]
    for text in (plan, letter):
        assert "Hazelbrook Academy (example)" in text and "Mrs Helen Carter" in text
    assert "0:00 to 0:01" in plan and "0:02 to 0:05" in plan and "Ground rules" in plan
    assert "Where to get help in England" in letter


def test_the_plan_has_differentiation_and_the_optional_parts_of_each_session(adapted):
    lesson = adapted("online-blackmail", "ks3")
    data = lesson_plan(lesson, RenderContext())
    headings = [text for _, text in _headings(data)]
    assert "Differentiation: more support and more stretch" in headings
    text = _text(data)
    for line in lesson.teacher_notes.differentiation:
        assert line in text
    optional = [step for session in lesson.sessions for step in session.steps if step.optional]
    assert optional and "Optional parts" in headings
    for step in optional:
        assert step.label in text
    assert "--include PART" in text and ("in the deck's extra slides" in text or "taught" in text)
