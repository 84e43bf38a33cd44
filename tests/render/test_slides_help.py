"""Who can help and the closing slide: every service a card (name, what it is for, how to reach it,
QR code) on one or two slides, and a last slide with the key messages and the contacts that matter
most."""

from __future__ import annotations

from pptx.enum.shapes import MSO_SHAPE_TYPE

import re
import subprocess

import pytest

from kit import LESSONS, require_tool
from test_slides_support import (
    adapted_lesson, body_of, help_cards, lesson_folder, make_deck, slides_titled, title_of, to_pdf,
)
from toolkit.adapt import adapt

P = "http://schemas.openxmlformats.org/presentationml/2006/main"


@pytest.fixture(scope="module")
def shipped_ks3(adapted):
    lesson = adapted("online-blackmail", "ks3")
    prs, warnings, data = make_deck(lesson)
    return lesson, prs, data


def test_contacts_are_cards_school_first_each_with_its_purpose_and_how_to_reach_it(tmp_path):
    prs, _, _ = make_deck(adapted_lesson(lesson_folder(tmp_path), "ks3"))
    pages = slides_titled(prs, "Who can help")
    assert len(pages) == 1
    slide = pages[0]
    assert slide.slide_layout.name == "Help"  # the theme's Help layout, found by name
    cards = help_cards(slide)
    assert [c["name"] for c in cards][0] == "Your school's designated safeguarding lead"
    assert [c["name"] for c in cards][1:] == ["Childline", "Victim Support (England and Wales only)"]
    school = cards[0]["text"]
    assert "Helps keep you safe at school" in school and "Where: Ask any teacher" in school
    # A catalogue route without a short purpose shows its purpose's first sentence.
    assert "Free, confidential help for children and young people" in cards[1]["text"]


def _shipped_packs():
    yield "national", None
    yield "wales", LESSONS / "schools" / "example-wales.yaml"


@pytest.mark.parametrize("pack,school", list(_shipped_packs()))
def test_help_cards_fit_two_slides_each_with_name_purpose_reach_and_qr(pack, school):
    """Every deck of the default pack and a school pack: every service on a card, on one or two
    slides, and every card with a web address carries its QR code with alt text and link."""
    from toolkit.load import load_project, load_school

    project, _ = load_project([LESSONS])
    profile = load_school(school)[0].model if school else None
    for loaded in project.lessons:
        for audience_id in loaded.model.audiences:
            lesson = adapt(loaded.model, project.audiences[audience_id], project.routes, profile)
            prs, _, _ = make_deck(lesson)
            pages = slides_titled(prs, "Who can help")
            pages = [p for p in pages if not title_of(p).startswith("Who can help?")]  # an activity's own slide
            # Every deck, a school's parents deck with 16 to 18 services too (at its 20 pt), on one or two slides.
            assert 1 <= len(pages) <= 2, (pack, lesson.slug, len(pages))
            cards = [c for page in pages for c in help_cards(page)]
            assert len(cards) == len(lesson.help_contacts), (pack, lesson.slug)
            for card, contact in zip(cards, lesson.help_contacts):
                text = card["text"]
                assert text.startswith(card["name"]) and contact.name in card["name"]
                purpose = contact.purpose_short or contact.purpose.split(". ")[0]
                assert purpose.rstrip(".") in text, (card["name"], purpose)
                ways = [v for v in (contact.phone, contact.text, contact.where_to_find) if v]
                assert all(v in text for v in ways) or contact.url, card
                if contact.url:
                    assert card["qr"] == [(f"QR code: link to {contact.name}, {contact.url}", contact.url)]
                else:
                    assert card["qr"] == []
            if profile is not None:
                names = [c["name"] for c in cards]
                assert profile.lead.name in names[0]
                assert profile.local_police.name in names


def test_help_cards_never_shrink_text_below_the_deck_size(adapted):
    for lesson_id, audience in (("online-safety-ks2", "ks2"), ("online-blackmail", "ks3"),
                                ("parents-session", "parents"), ("staff-briefing", "staff")):
        lesson = adapted(lesson_id, audience)
        prs, _, _ = make_deck(lesson)
        for slide in slides_titled(prs, "Who can help"):
            for group in (s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP):
                sizes = {r.font.size.pt for s in group.shapes if s.has_text_frame
                         for p in s.text_frame.paragraphs for r in p.runs if r.text.strip()}
                assert sizes == {lesson.audience.min_body_pt}, (lesson.slug, group.name, sizes)


def test_adult_only_services_are_labelled_on_their_cards_for_parents(adapted):
    lesson = adapted("parents-session", "parents")
    prs, _, _ = make_deck(lesson)
    names = [c["name"] for s in slides_titled(prs, "Who can help") for c in help_cards(s)]
    adult = [n for n in names if "Revenge Porn Helpline" in n or "StopNCII" in n]
    assert adult and all("adults 18+ only" in n for n in adult)


def test_the_cards_of_a_second_slide_leave_it_at_least_half_full(adapted):
    prs, _, _ = make_deck(adapted("online-blackmail", "ks3"))
    pages = [p for p in slides_titled(prs, "Who can help") if not title_of(p).startswith("Who can help?")]
    assert len(pages) == 2
    area = 5.95 * 914400
    for slide in pages:
        cards = help_cards(slide)
        tallest = max(top + height for _l, top, _w, height in (c["box"] for c in cards)) - min(c["box"][1] for c in cards)
        assert tallest >= area / 2, title_of(slide)


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
def test_libreoffice_draws_each_card_s_text_inside_the_card(shipped_ks3, tmp_path):
    soffice, pdftotext = require_tool("soffice"), require_tool("pdftotext")
    _, prs, data = shipped_ks3
    deck = tmp_path / "ks3.pptx"
    deck.write_bytes(data)
    pdf = to_pdf(soffice, [deck], tmp_path / "pdf")[deck]
    html = subprocess.run([pdftotext, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = re.findall(r"<page[^>]*>(.*?)</page>", html, re.S)
    checked = 0
    for number, slide in enumerate(prs.slides):
        if not title_of(slide).startswith("Who can help"):
            continue
        words = [(float(x0), float(y0), float(x1), float(y1), w) for x0, y0, x1, y1, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', pages[number])]
        for card in help_cards(slide):
            left, top, width, height = (v / 12700 for v in card["box"])
            first = card["name"].split()[0]
            inside = [w for w in words if w[4] == first and left - 1 <= w[0] and w[2] <= left + width + 1
                      and top - 1 <= w[1] and w[3] <= top + height + 1]
            assert inside, (card["name"], card["box"])
            checked += 1
    assert checked >= 10


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
