"""Who can help and the closing slide: services two columns to a slide, each QR code beside its
service, and a last slide with the key messages and the contacts that matter most."""

from __future__ import annotations

from pptx.enum.shapes import PP_PLACEHOLDER

import math
import re
import subprocess

import pytest

from kit import require_tool
from test_slides_support import (
    adapted_lesson, alt_text, body_of, lesson_folder, make_deck, pictures, slides_titled, title_of, to_pdf,
)

P = "http://schemas.openxmlformats.org/presentationml/2006/main"


@pytest.fixture(scope="module")
def shipped_ks3(adapted):
    lesson = adapted("online-blackmail", "ks3")
    prs, warnings, data = make_deck(lesson)
    return lesson, prs, data


def _columns(slide):
    """The body placeholders of a slide, left to right."""
    title = slide.shapes.title
    return sorted((s for s in slide.placeholders if s.shape_id != title.shape_id
                   and s.placeholder_format.type != PP_PLACEHOLDER.SLIDE_NUMBER), key=lambda s: s.left)


def test_contacts_share_two_columns_under_a_heading_for_each_group(tmp_path):
    prs, _, _ = make_deck(adapted_lesson(lesson_folder(tmp_path), "ks3"))
    pages = slides_titled(prs, "Who can help")
    assert len(pages) == 1
    slide = pages[0]
    assert slide.slide_layout.name == "Help"  # the theme's Help layout: two columns
    left, right = _columns(slide)
    assert left.left + left.width <= right.left  # side by side
    text = left.text_frame.text + "\n" + right.text_frame.text
    assert text.startswith("At school\nYour school's designated safeguarding lead")
    assert text.index("At school") < text.index("National services\nChildline") < text.index("Victim Support")


def test_every_qr_code_stands_beside_its_service(shipped_ks3):
    lesson, prs, _ = shipped_ks3
    pages = slides_titled(prs, "Who can help")
    coded = [c for c in lesson.help_contacts if c.url]
    found = {}
    for slide in pages:
        columns = _columns(slide)
        shapes = list(slide.shapes)
        for picture in pictures(slide):
            name = re.fullmatch(r"QR code: link to (.+), (https://\S+)", alt_text(picture)).group(1)
            column = next(c for c in columns if c.left + c.width <= picture.left <= c.left + c.width + 200000)
            assert name in column.text_frame.text
            assert column.top <= picture.top and picture.top + picture.height <= column.top + column.height
            # Read straight after the text it belongs to.
            between = shapes[shapes.index(column) + 1:shapes.index(picture)]
            assert all(s.shape_type == picture.shape_type for s in between)
            found[name] = alt_text(picture)
    assert found == {c.name: f"QR code: link to {c.name}, {c.url}" for c in coded}


def test_who_can_help_takes_at_most_one_slide_for_every_two_services(adapted):
    for lesson_id, audience in (("online-blackmail", "ks3"), ("parents-session", "parents"),
                                ("staff-briefing", "staff")):
        lesson = adapted(lesson_id, audience)
        prs, _, _ = make_deck(lesson)
        pages = slides_titled(prs, "Who can help")
        assert 1 <= len(pages) <= math.ceil(len(lesson.help_contacts) / 2), (lesson.slug, len(pages))
        shown = "\n".join(body_of(s) for s in pages)
        assert all(c.name in shown for c in lesson.help_contacts), lesson.slug


def test_the_last_slide_is_the_key_messages_and_the_key_contacts(shipped_ks3):
    lesson, prs, _ = shipped_ks3
    assert [title_of(s) for s in prs.slides if title_of(s).startswith("Remember")] == ["Remember"]
    last = prs.slides[-1]
    assert title_of(last) == "Remember"
    text = body_of(last)
    assert all(message in text for message in lesson.key_messages)
    assert text.index(lesson.key_messages[-1]) < text.index("Who can help")
    for line in ("Your school's designated safeguarding lead: Ask any teacher", "Childline: 0800 1111, www.childline.org.uk",
                 "CEOP Safety Centre: www.ceop.police.uk", "Police: 999 in an emergency, otherwise 101"):
        assert line in text
    assert "Samaritans" not in text and "Shout" not in text


def test_adults_are_not_sent_to_childline_on_the_last_slide(adapted):
    prs, _, _ = make_deck(adapted("staff-briefing", "staff"))
    text = body_of(prs.slides[-1])
    assert "CEOP Safety Centre" in text and "Police: 999" in text
    assert "Childline" not in text
    assert "Your school's designated safeguarding lead" in text and "Ask any teacher" not in text


@pytest.mark.libreoffice
def test_libreoffice_draws_each_qr_code_level_with_its_service(shipped_ks3, tmp_path):
    soffice, pdftotext = require_tool("soffice"), require_tool("pdftotext")
    _, prs, data = shipped_ks3
    deck = tmp_path / "ks3.pptx"
    deck.write_bytes(data)
    pdf = to_pdf(soffice, [deck], tmp_path / "pdf")[deck]
    html = subprocess.run([pdftotext, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = re.findall(r"<page[^>]*>(.*?)</page>", html, re.S)
    checked = 0
    for number, slide in enumerate(prs.slides):
        for picture in pictures(slide) if title_of(slide).startswith("Who can help") else []:
            name = re.fullmatch(r"QR code: link to (.+), https://\S+", alt_text(picture)).group(1)
            first_word = name.split()[0].rstrip(":")
            left_edge = picture.left / 12700
            tops = [float(m.group(2)) for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>',
                                                           pages[number])
                    if m.group(3).rstrip(":") == first_word and float(m.group(1)) < left_edge]
            top = picture.top / 12700
            # The service's name starts on a line level with the top of its code (or just above it,
            # when a heading comes first).
            assert any(top - 40 <= y <= top + 20 for y in tops), (title_of(slide), name, top, tops)
            checked += 1
    assert checked >= 5


@pytest.mark.libreoffice
def test_web_addresses_are_never_broken_across_lines(adapted, tmp_path):
    soffice, pdftotext = require_tool("soffice"), require_tool("pdftotext")
    decks = {}
    for lesson_id, audience in (("online-safety-ks2", "ks2"), ("online-blackmail", "ks3")):
        prs, _, data = make_deck(adapted(lesson_id, audience))
        path = tmp_path / f"{audience}.pptx"
        path.write_bytes(data)
        decks[path] = prs
    pdfs = to_pdf(soffice, list(decks), tmp_path / "pdf")
    for path, prs in decks.items():
        html = subprocess.run([pdftotext, "-bbox", str(pdfs[path]), "-"], capture_output=True, text=True,
                              check=True).stdout
        pages = re.findall(r"<page[^>]*>(.*?)</page>", html, re.S)
        for number, slide in enumerate(prs.slides):
            words = re.findall(r"<word [^>]*>([^<]*)</word>", pages[number])
            shown = [run.text for shape in slide.shapes if shape.has_text_frame
                     for p in shape.text_frame.paragraphs for run in p.runs if run.hyperlink.address]
            for address in shown:
                assert any(address in w for w in words), (path.name, title_of(slide), address)
