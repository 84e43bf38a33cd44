"""`quiz-paper` on the awkward-characters lesson: the paper has no answers and no name line, the
key has every option's feedback, and --shuffle gives a reproducible B version with a matching key.
PDFs are read back with pypdf and checked with qpdf and pdffonts; the HTML twins with lxml."""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from toolkit.adapt import adapt
from toolkit.build import load_checked
from toolkit.render import RenderContext, RenderOptions, formats

from kit import FIXTURES, pdf_text_sizes, require_tool


@pytest.fixture(scope="module")
def lesson():
    project, _ = load_checked([FIXTURES / "awkward"])
    return adapt(project.lesson("awkward"), project.audiences["ks3"], project.routes)


def render(lesson, **options):
    context = RenderContext(options=RenderOptions(**options))
    return {f.name: f.data for f in formats()["quiz-paper"].render(lesson, context)}, context


def text_of(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def paper_options(paper_html: bytes):
    """[(question number, [option text, in printed order])] from one quiz sheet's HTML twin."""
    page = lxml_html.fromstring(paper_html)
    out = []
    for fieldset in page.findall(".//fieldset"):
        number = int(fieldset.findtext("legend").split(".")[0])
        out.append((number, [re.sub(r"^[A-H]\. ", "", " ".join(label.text_content().split()))
                             for label in fieldset.findall("label")]))
    return out


def printed_options(files, tail: str = ""):
    """[option texts in printed order] for every question of the lesson (starter, then exit), from
    the two sheets' HTML twins; each sheet numbers its questions from 1."""
    out = []
    for part in ("starter", "exit"):
        numbered = paper_options(files[f"awkward-ks3-{part}-quiz-paper{tail}.html"])
        assert [n for n, _ in numbered] == list(range(1, len(numbered) + 1))
        out += [options for _, options in numbered]
    return out


def key_verdicts(key_html: bytes):
    """[{option text: (letter, verdict)}] for every question, in the key's order, from its HTML twin."""
    page = lxml_html.fromstring(key_html)
    out = []
    for heading in page.findall(".//h3"):
        table = heading.getnext().getnext()
        rows = {}
        for row in table.findall(".//tbody/tr"):
            cells = row.findall("td")
            rows[cells[2].text_content().split("Feedback:")[0].strip()] = (cells[0].text_content(), cells[1].text_content())
        out.append(rows)
    return out


@pytest.fixture(scope="module")
def plain(lesson):
    return render(lesson)[0]


def test_file_names_let_versions_and_large_print_coexist(lesson, plain):
    assert sorted(plain) == ["awkward-ks3-exit-quiz-paper.html", "awkward-ks3-exit-quiz-paper.pdf",
                             "awkward-ks3-quiz-answer-key.html", "awkward-ks3-quiz-answer-key.pdf",
                             "awkward-ks3-starter-quiz-paper.html", "awkward-ks3-starter-quiz-paper.pdf"]
    assert "awkward-ks3-exit-quiz-paper-v7.pdf" in render(lesson, shuffle_seed=7)[0]
    assert "awkward-ks3-quiz-answer-key-v7-large-print.pdf" in render(lesson, shuffle_seed=7, large_print=True)[0]


def test_the_paper_has_every_question_but_no_answers_and_no_name_line(lesson, plain):
    starter, exit_ = (text_of(plain[f"awkward-ks3-{part}-quiz-paper.pdf"]) for part in ("starter", "exit"))
    assert starter.startswith("Starter quiz") and exit_.startswith("Exit quiz")
    for sheet in (starter, exit_):
        assert "Don't write your name on this paper. Your answers are anonymous." in sheet
        assert sheet.index("1.") < sheet.rindex("Who can help") < sheet.rindex("Childline")
    text = starter + " " + exit_
    assert "Someone says ‘pay £50 & it’s deleted’. Do you pay? <b>not bold</b> {braces} #hash ~tilde" in text
    assert "Who can help? Tick all that apply: Ŵyn & Gŷd’s list" in text
    assert "Your school’s DSL <designated safeguarding lead>" in text
    for question in lesson.quiz:
        assert " ".join(question.teaching_point.split()) not in text
        for option in question.options:
            assert option.feedback not in text, option.feedback
    assert "Correct" not in text and "Answer" not in text
    assert not re.search(r"\bname\s*:", text, re.IGNORECASE)
    assert "Tick one box." in text and "Tick every box that is right." in text and "Tick True or False." in text
    assert "Write the numbers 1 to 4 in the boxes to put these in order." in text


def test_the_key_gives_every_option_its_verdict_and_feedback(lesson, plain):
    text = text_of(plain["awkward-ks3-quiz-answer-key.pdf"])
    for question in lesson.quiz:
        assert f"Teaching point: {question.teaching_point}".split("🙂")[0].strip() in text
        for option in question.options:
            assert " ".join(option.feedback.split()) in text, option.feedback
    assert "Answer: A (No: don’t pay, and tell someone [woman][school])" in text
    verdicts = key_verdicts(plain["awkward-ks3-quiz-answer-key.html"])
    assert verdicts[2] == {"True": ("A", "Correct"), "False": ("B", "Not correct")}


def test_characters_the_font_cannot_draw_are_named_not_lost(lesson):
    files, context = render(lesson)
    assert "[slightly smiling face]" in text_of(files["awkward-ks3-quiz-answer-key.pdf"])
    assert "🙂" in files["awkward-ks3-quiz-answer-key.html"].decode("utf-8")
    assert any("🙂" in warning for warning in context.warnings)


def test_ordering_questions_are_never_printed_in_the_right_order(lesson, plain):
    ordering = next(n for n, q in enumerate(lesson.quiz) if q.type == "ordering")
    correct = [o.text for o in lesson.quiz[ordering].options]
    printed = printed_options(plain)[ordering]
    assert sorted(printed) == sorted(correct) and printed != correct
    verdicts = key_verdicts(plain["awkward-ks3-quiz-answer-key.html"])[ordering]
    assert [verdicts[text][1] for text in correct] == ["Position 1", "Position 2", "Position 3", "Position 4"]
    labels = "".join(verdicts[text][0] for text in correct)
    assert f"Answer: In order: {', '.join(labels)}" in text_of(plain["awkward-ks3-quiz-answer-key.pdf"])


def test_shuffle_is_reproducible_differs_and_keeps_its_key_in_step(lesson, plain):
    a, _ = render(lesson, shuffle_seed=7)
    again, _ = render(lesson, shuffle_seed=7)
    other, _ = render(lesson, shuffle_seed=8)
    assert a["awkward-ks3-starter-quiz-paper-v7.pdf"] == again["awkward-ks3-starter-quiz-paper-v7.pdf"]
    assert a["awkward-ks3-quiz-answer-key-v7.pdf"] == again["awkward-ks3-quiz-answer-key-v7.pdf"]
    base = printed_options(plain)
    version = printed_options(a, "-v7")
    assert printed_options(other, "-v8") != version
    for number, question in enumerate(lesson.quiz):
        if question.type in ("single", "multiple"):
            assert sorted(version[number]) == sorted(base[number]) and version[number] != base[number]
        else:  # true/false keeps its order; ordering keeps the same scramble on every version
            assert version[number] == base[number]
    verdicts = key_verdicts(a["awkward-ks3-quiz-answer-key-v7.html"])
    for number, question in enumerate(lesson.quiz):
        for position, text in enumerate(version[number]):
            label, verdict = verdicts[number][text]
            assert label == "ABCDEFGH"[position]
            if question.type != "ordering":
                correct = next(o.correct for o in question.options if " ".join(o.text.split()) == text)
                assert verdict == ("Correct" if correct else "Not correct")
    assert "Version 7" in text_of(a["awkward-ks3-exit-quiz-paper-v7.pdf"])


def test_quiz_pdfs_are_sound(lesson, tmp_path):
    qpdf, pdffonts = require_tool("qpdf"), require_tool("pdffonts")
    files, _ = render(lesson, shuffle_seed=3, paper="letter")
    for name, data in files.items():
        if not name.endswith(".pdf"):
            continue
        path = tmp_path / name
        path.write_bytes(data)
        subprocess.run([qpdf, "--check", str(path)], check=True, capture_output=True)
        fonts = subprocess.run([pdffonts, str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" and "SourceSansPro" in line for line in fonts)
        reader = PdfReader(path)
        assert reader.metadata.title.startswith(("Starter quiz: Awkward", "Exit quiz: Awkward", "Answer key: Awkward"))
        assert reader.trailer["/Root"]["/Lang"] == "en-GB"
        assert round(float(reader.pages[0].mediabox.width)) == 612


def test_large_print_papers_use_16_point_text(lesson):
    files, _ = render(lesson, large_print=True)
    for name, data in files.items():
        if name.endswith(".pdf"):
            assert min(pdf_text_sizes(data)) >= 16, name


def test_no_quiz_no_paper(lesson):
    from dataclasses import replace
    assert formats()["quiz-paper"].render(replace(lesson, starter_quiz=(), exit_quiz=()), RenderContext()) == []
