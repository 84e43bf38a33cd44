"""Every handout and quiz-paper PDF of the full default build, read back with independent tools:
qpdf checks the structure, pdffonts the fonts, pypdf the metadata and the text."""

from __future__ import annotations

import json
import subprocess
from functools import lru_cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from toolkit.adapt import adapt
from toolkit.build import BuildRequest, build, load_checked

from kit import LESSONS, require_tool

ADULT_ONLY = ("Revenge Porn Helpline", "StopNCII")
PUPILS = ("ks2", "ks3", "ks4", "post16")


def _entries(output: Path, formats=("handout", "quiz-paper")):
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    return [e for e in manifest["files"] if e["format"] in formats]


@lru_cache(maxsize=None)
def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def _pdfs(output: Path, formats=("handout", "quiz-paper")):
    return [(e, output / e["path"]) for e in _entries(output, formats) if e["path"].endswith(".pdf")]


@pytest.fixture(scope="module")
def adapted_lessons():
    project, _ = load_checked([LESSONS])
    return {(lesson.model.id, a): adapt(lesson.model, project.audiences[a], project.routes)
            for lesson in project.lessons for a in lesson.model.audiences}


def test_the_pack_has_every_kind_of_handout(national_pack):
    names = {Path(e["path"]).name for e in _entries(national_pack)}
    for audience in ("ks3", "ks4", "post16"):
        for kind in ("support-card", "pocket-cards", "worksheet", "starter-quiz-paper", "exit-quiz-paper",
                     "quiz-answer-key"):
            for ext in ("pdf", "html"):
                assert f"online-blackmail-{audience}-{kind}.{ext}" in names
        for kind in ("help-card", "help-pocket-cards"):  # the discreet versions, with neutral names
            assert sum(n.startswith(f"{kind}-{audience}-") for n in names) == 2, (kind, audience)
    assert "staff-briefing-staff-adult-card.pdf" in names
    assert "parents-session-parents-parent-leaflet.pdf" in names
    assert "staff-briefing-staff-staff-briefing.pdf" in names
    assert "online-safety-ks2-ks2-support-card.pdf" in names


def test_every_pdf_passes_qpdf_and_embeds_every_font(national_pack):
    qpdf, pdffonts = require_tool("qpdf"), require_tool("pdffonts")
    pdfs = _pdfs(national_pack)
    assert len(pdfs) > 30
    for _, path in pdfs:
        subprocess.run([qpdf, "--check", str(path)], check=True, capture_output=True)
        lines = subprocess.run([pdffonts, str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
        fonts = lines[2:]
        assert fonts, path.name
        for line in fonts:
            name, emb = line.split()[0], line.split()[-5]
            assert emb == "yes" and "SourceSansPro" in name, (path.name, line)
        assert "Helvetica" not in "\n".join(lines)


def test_every_pdf_has_a_real_title_and_a_language(national_pack):
    for entry, path in _pdfs(national_pack):
        reader = PdfReader(path)
        assert reader.metadata.title == entry["title"] and len(reader.metadata.title) > 10
        assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_page_limits_hold_for_the_real_lessons(national_pack):
    # The type never shrinks to fit (docs/handouts.md, "Type sizes"): a card takes both sides of
    # its sheet, a leaflet two sheets, a briefing up to eight pages.
    limits = {"support-card": (1, 2), "help-card": (1, 2), "pocket-cards": (1, 2),
              "parent-leaflet": (1, 4), "staff-briefing": (2, 8), "adult-card": (1, 2)}
    for entry, path in _pdfs(national_pack, ("handout",)):
        stem = Path(entry["path"]).stem
        kind = "help-card" if stem.startswith("help-card-") else stem[len(f"{entry['lesson']}-{entry['audience']}-"):]
        if kind in limits:
            low, high = limits[kind]
            assert low <= len(PdfReader(path).pages) <= high, entry["path"]


def test_handouts_say_what_to_do_and_who_can_help(national_pack, adapted_lessons):
    for entry, path in _pdfs(national_pack, ("handout",)):
        lesson = adapted_lessons[(entry["lesson"], entry["audience"])]
        text = _text(path)
        name = Path(entry["path"]).stem
        if name.endswith(("support-card", "parent-leaflet")) or name.startswith("help-card-"):
            for step in lesson.response_steps:
                assert step.title in text, (name, step.title)
            for contact in lesson.help_contacts:
                assert contact.name in text, (name, contact.name)
                if contact.phone:
                    assert contact.phone in text, (name, contact.phone)
        if name.endswith("staff-briefing"):
            for words in ("If a pupil tells you", "Referral flow", "Local contacts", "National services"):
                assert words in text
            for contact in lesson.national_contacts:
                assert contact.name in text, (name, contact.name)


def test_pupils_see_childline_and_never_adult_only_services(national_pack):
    checked = 0
    for entry, path in _pdfs(national_pack):
        if entry["audience"] not in PUPILS:
            continue
        text = _text(path)
        if "answer-key" not in path.name:
            assert "Childline" in text, path.name
        for name in ADULT_ONLY:
            assert name not in text, (path.name, name)
        html = path.with_suffix(".html").read_text(encoding="utf-8")
        for name in ADULT_ONLY:
            assert name not in html, (path.name, name)
        checked += 1
    assert checked >= 28  # four pupil audiences, seven PDFs each
    staff = [path for entry, path in _pdfs(national_pack, ("handout",)) if entry["audience"] == "staff"]
    assert staff and all("Revenge Porn Helpline" in _text(path) for path in staff)


SCHOOL = """\
id: test-academy
name: "Test Academy (fictional)"
nation: england
fictional: true
safeguarding_contacts:
  - name: "Ms Priya Testwood"
    role: "Designated Safeguarding Lead"
    where_to_find: "Room C3, next to the hall"
    phone: "01632 960321"
  - name: "Mr Owen Sample"
    role: "Deputy Designated Safeguarding Lead"
    where_to_find: "Pastoral office"
    phone: "01632 960322"
    deputy: true
local_police:
  name: "Testshire Police"
childrens_services:
  name: "Testshire Children's Services (fictional)"
  phone: "01632 960555"
"""


def test_a_school_build_puts_its_contacts_on_every_handout(tmp_path):
    profile = tmp_path / "school.yaml"
    profile.write_text(SCHOOL, encoding="utf-8")
    output = tmp_path / "out"
    build(BuildRequest(lesson_paths=[LESSONS], output=output, school=profile, formats=["handout"],
                       audiences=["ks4", "staff", "parents"]))
    pdfs = _pdfs(output, ("handout",))
    assert pdfs
    for entry, path in pdfs:
        text = _text(path)
        assert "Ms Priya Testwood" in text and "01632 960321" in text, path.name
        if entry["audience"] == "staff" and "adult-card" not in path.name:  # that card is for a student
            for words in ("Testshire Children's Services (fictional)", "01632 960555", "Testshire Police",
                          "Tell Ms Priya Testwood (Designated Safeguarding Lead) immediately"):
                assert words in text, words
        else:
            assert "Testshire Children's Services" not in text
