"""Designed slides: stories as pictures (each story's chat drawn on a phone in native, editable
shapes, described by its alt text; `lessonkit validate` checks a chat's senders, times, turn and
that it fits), What to do as one graphic, facts before myths on cards, keyword and warning-sign
cards, lists re-planned rather than continued, and one body size per deck."""

from __future__ import annotations

import copy

import pytest
import yaml
from pptx.enum.shapes import MSO_SHAPE_TYPE

from toolkit.deck import wording
from toolkit.deck.chat import SIZES
from toolkit.load import load_project

from kit import LESSONS
from test_slides_support import LESSON, adapted_lesson, body_of, lesson_folder, make_deck, notes_of, slides_titled

CHAT = [
    {"text": "Someone new follows Alex."},
    {"from": "Sky", "time": "17:02", "text": "Hi Alex! Love your drawings."},
    {"from": "Alex", "time": "17:05", "text": "Thanks!"},
    {"from": "Sky", "time": "17:30", "turn": True, "text": "Keep this chat a secret."},
]


def _with_chat(chat, characters=None):
    lesson = copy.deepcopy(LESSON)
    story = lesson["scenarios"][0]
    story["chat"] = chat
    story["characters"] = characters or story["characters"] + [
        {"name": "\"Sky\"", "description": "An account Alex does not know.", "fictional": True}]
    return {"scenarios": lesson["scenarios"]}


@pytest.fixture(scope="module")
def chat_deck(tmp_path_factory):
    folder = lesson_folder(tmp_path_factory.mktemp("chat"), **_with_chat(CHAT))
    prs, warnings, _ = make_deck(adapted_lesson(folder, "ks3"))
    return prs


def _picture(slide):
    groups = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
    assert len(groups) == 1
    return groups[0]


def test_a_story_with_a_chat_opens_on_its_phone_picture_drawn_in_editable_shapes(chat_deck):
    slide = slides_titled(chat_deck, "Story: Alex")[0]
    assert wording.MADE_UP_STORY in body_of(slide) and "Alex: Alex likes drawing." in body_of(slide)
    picture = _picture(slide)
    texts = [s.text_frame.text for s in picture.shapes if s.has_text_frame and s.text_frame.text]
    # Every message is text a teacher can change, with its time; the username heads the chat.
    for expected in ("Sky", "Hi Alex! Love your drawings.", "Thanks!", "Keep this chat a secret.", "17:02",
                     "Someone new follows Alex.", wording.TONE_CHANGES):
        assert expected in texts, expected
    assert not [s for s in picture.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    # Avatars are initials in circles.
    assert "S" in texts
    # The story's text stands beside the picture (as much as fits there) and the questions follow;
    # the divider is replaced by the picture.
    assert "Someone new follows Alex." in body_of(slide) and "Alex tells a teacher." in body_of(slide)
    assert slides_titled(chat_deck, "Discuss: Alex")
    assert "chat on Alex's phone" in notes_of(slide)


def test_the_alt_text_tells_the_story_in_order(chat_deck):
    picture = _picture(slides_titled(chat_deck, "Story: Alex")[0])
    described = picture._element.nvGrpSpPr.cNvPr.get("descr")
    order = ["Alex's phone", "Someone new follows Alex.", "Sky at 17:02", "Alex at 17:05", wording.CHAT_ALT_TURN,
             "Keep this chat a secret."]
    positions = [described.index(part) for part in order]
    assert positions == sorted(positions), described


def test_messages_from_the_phones_owner_are_on_the_right(chat_deck):
    picture = _picture(slides_titled(chat_deck, "Story: Alex")[0])
    bubbles = {s.text_frame.text: s for s in picture.shapes if s.name.startswith("Message from")}
    mine, theirs = bubbles["Thanks!"], bubbles["Hi Alex! Love your drawings."]
    assert mine.left + mine.width > theirs.left + theirs.width
    assert mine.left > theirs.left


def test_an_unnamed_sender_shows_as_an_unknown_account(tmp_path):
    chat = [{"from": "unknown", "time": "09:00", "turn": True, "text": "Pay me, or else."}]
    folder = lesson_folder(tmp_path, **_with_chat(chat))
    prs, _, _ = make_deck(adapted_lesson(folder, "ks3"))
    picture = _picture(slides_titled(prs, "Story: Alex")[0])
    texts = [s.text_frame.text for s in picture.shapes if s.has_text_frame]
    assert wording.UNKNOWN_ACCOUNT in texts and "?" in texts


def _findings(tmp_path, chat):
    folder = lesson_folder(tmp_path, **_with_chat(chat))
    from toolkit.checks import run_checks

    project, findings = load_project([folder])
    return [f.render() for f in findings + run_checks(project) if f.severity == "error"]


def test_validate_names_an_unknown_sender_a_second_turn_and_a_missing_time(tmp_path):
    chat = CHAT + [{"from": "Skye", "time": "17:31", "text": "Hello?"},
                   {"from": "Sky", "turn": True, "text": "Now."}]
    errors = "\n".join(_findings(tmp_path, chat))
    assert "unknown sender 'Skye'" in errors and "did you mean 'Sky'?" in errors
    assert "marks the change of tone twice" in errors
    assert "has no time" in errors
    assert "deck-test.yaml:" in errors


def test_validate_refuses_a_chat_too_long_for_its_phone(tmp_path):
    chat = [{"from": "Sky", "time": "17:00", "text": f"Message {n} is long enough to take several lines of a bubble."}
            for n in range(12)]
    errors = _findings(tmp_path, chat)
    assert any(f"does not fit on its phone picture, even at {SIZES[-1]} pt" in e for e in errors), errors


def test_every_shipped_story_has_a_chat_that_fits(tmp_path):
    project, findings = load_project([LESSONS])
    assert not [f for f in findings if f.severity == "error"]
    stories = [s for l in project.lessons for s in l.model.scenarios]
    assert stories and all(s.chat for s in stories), [s.id for s in stories if not s.chat]
    for loaded in project.lessons:
        raw = yaml.safe_load(open(loaded.path, encoding="utf-8"))
        for story in raw.get("scenarios", []):
            names = {c["name"].strip('"') for c in story["characters"]} | {"unknown"}
            assert all(m.get("from", "unknown") in names for m in story["chat"]), story["id"]


def test_what_to_do_is_one_graphic_of_numbered_steps_with_the_caution_and_then_each_step_in_full(tmp_path):
    from test_slides_support import LESSON

    folder = lesson_folder(tmp_path)
    prs, _, _ = make_deck(adapted_lesson(folder, "ks3"))
    graphic = slides_titled(prs, "What to do")[0]
    picture = _picture(graphic)
    texts = [s.text_frame.text for s in picture.shapes if s.has_text_frame]
    steps = LESSON["response_steps"]
    for number, step in enumerate(steps, start=1):
        assert any(t.startswith(step["title"] + "\n") for t in texts) and str(number) in texts
    described = picture._element.nvGrpSpPr.cNvPr.get("descr")
    assert all(f"{n}. {s['title']}." in described for n, s in enumerate(steps, start=1))
    for step in steps:
        if step.get("caution"):
            assert any(step["caution"] in t for t in texts) and step["caution"] in described
    # A few short steps: each card has room for its step's text, so no slide repeats them.
    assert [f"{s['title']}\n{s['text']}" in texts for s in steps] == [True] * len(steps)
    assert not slides_titled(prs, wording.STEPS_IN_FULL)
    # Icons are decorative pictures inside the graphic.
    icons = [s for s in picture.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert icons and all(i._element.xpath(".//*[local-name()='decorative']/@val") == ["1"] for i in icons)


def test_many_steps_show_titles_at_a_glance_then_each_step_in_full():
    import io

    from pptx import Presentation

    from toolkit.adapt import adapt
    from toolkit.deck import build_deck
    from toolkit.render import RenderContext

    project, _ = load_project([LESSONS])
    lesson = adapt(project.lesson("online-blackmail"), project.audiences["ks4"], project.routes, None)
    prs = Presentation(io.BytesIO(build_deck(lesson, RenderContext(), lesson.sessions[1])))
    picture = _picture(slides_titled(prs, "What to do")[0])
    texts = [s.text_frame.text for s in picture.shapes if s.has_text_frame]
    assert [s.title in texts for s in lesson.response_steps] == [True] * len(lesson.response_steps)
    full = "\n".join(body_of(s) for s in slides_titled(prs, wording.STEPS_IN_FULL))
    assert all(s.text in full for s in lesson.response_steps)


def test_facts_lead_their_myths_on_cards(tmp_path):
    from test_slides_support import LESSON

    folder = lesson_folder(tmp_path)
    prs, _, _ = make_deck(adapted_lesson(folder, "ks3"))
    picture = _picture(slides_titled(prs, "Facts and myths")[0])
    cards = [s for s in picture.shapes if s.has_text_frame]
    for item in LESSON["misconceptions"]:
        fact = next(c for c in cards if item["response"] in c.text_frame.text)
        myth = next(c for c in cards if item["myth"] in c.text_frame.text)
        assert fact.text_frame.text.startswith(wording.FACT) and myth.text_frame.text.startswith(wording.MYTH)
        # The fact comes first (left), and in a larger type than the myth.
        assert fact.left < myth.left and shapes_order(picture, fact) < shapes_order(picture, myth)
        assert fact.text_frame.paragraphs[0].runs[1].font.size > myth.text_frame.paragraphs[0].runs[1].font.size


def shapes_order(picture, shape) -> int:
    return [s.shape_id for s in picture.shapes].index(shape.shape_id)


def test_keywords_and_warning_signs_are_cards_and_signs_carry_a_warning_icon(tmp_path):
    from test_slides_support import LESSON

    folder = lesson_folder(tmp_path)
    prs, _, _ = make_deck(adapted_lesson(folder, "ks3"))
    keywords = _picture(slides_titled(prs, "Keywords")[0])
    texts = [s.text_frame.text for s in keywords.shapes if s.has_text_frame]
    for item in LESSON["keywords"]:
        assert f"{item['term']}\n{item['definition']}" in texts
        assert item["definition"] in keywords._element.nvGrpSpPr.cNvPr.get("descr")
    signs = _picture(slides_titled(prs, "Warning signs")[0])
    icons = [s for s in signs.shapes if s.name == "Warning icon"]
    cards = [s for s in signs.shapes if s.has_text_frame and s.name != "Warning icon"]
    assert [c.text_frame.text for c in cards] == [s["text"] for s in LESSON["warning_signs"]]
    assert len(icons) == len(cards)
    for icon, card in zip(icons, cards):  # each icon stands just left of its card, level with it
        assert icon.left + icon.width <= card.left and card.top <= icon.top <= card.top + card.height


def test_a_long_before_we_start_is_planned_as_a_warning_slide_and_a_ground_rules_slide(tmp_path):
    rules = [f"Ground rule {n}: a rule long enough to need most of a line on the slide, or more." for n in range(1, 15)]
    folder = lesson_folder(tmp_path, ground_rules=rules)
    prs, _, _ = make_deck(adapted_lesson(folder, "ks3"))
    from test_slides_support import title_of

    titles = [title_of(s) for s in prs.slides]
    assert "Before we start" in titles and "Our ground rules" in titles
    assert not [t for t in titles if t.startswith("Before we start (continued")]
    assert LESSON["content_warning"] in body_of(slides_titled(prs, "Before we start")[0])
    assert all(rule in "\n".join(body_of(s) for s in prs.slides) for rule in rules)


def test_body_text_has_one_size_per_deck(tmp_path):
    from test_slides_support import body_runs

    folder = lesson_folder(tmp_path)
    for audience, size in (("ks3", 24), ("staff", 20)):
        prs, _, _ = make_deck(adapted_lesson(folder, audience))
        sizes = {run.font.size.pt for slide in prs.slides if slide.slide_layout.name != "Title Slide"
                 for run, is_title in body_runs(slide) if not is_title}
        assert sizes == {size}, (audience, sizes)


def test_every_slide_of_a_session_deck_has_one_timing_line_matching_its_plan():
    import re

    from pptx import Presentation
    import io

    from toolkit.adapt import adapt
    from toolkit.deck import build_deck
    from toolkit.render import RenderContext

    project, _ = load_project([LESSONS])
    lesson = adapt(project.lesson("online-blackmail"), project.audiences["ks3"], project.routes, None)
    for session in lesson.sessions:
        prs = Presentation(io.BytesIO(build_deck(lesson, RenderContext(), session)))
        lines = [[l for l in s.notes_slide.notes_text_frame.text.split("\n") if l.startswith("Timing:")]
                 for s in prs.slides]
        assert all(len(found) == 1 for found in lines), [(i, f) for i, f in enumerate(lines, 1) if len(f) != 1]
        # Each taught step's minutes appear once per step, and add up to the session's length.
        steps = {}
        for (line,) in lines:
            match = re.match(r"Timing: (?:about (\d+) minutes? \((.*)\)\.|(.*), about (\d+) minutes? in all: slide \d+ of \d+\.)$",
                             line)
            if match:
                label, minutes = (match.group(2), match.group(1)) if match.group(1) else (match.group(3), match.group(4))
                steps[label] = int(minutes)
        assert sum(steps.values()) == session.minutes, (session.number, steps)


@pytest.mark.parametrize("lesson_id,audience", [("online-safety-ks2", "ks2"), ("parents-session", "parents"),
                                                ("staff-briefing", "staff")])
def test_a_lesson_without_sessions_gives_every_slide_one_timing_line_from_its_timings(lesson_id, audience):
    """The lesson's own timings are its plan: every slide says which timing it is taught in (a part
    the timings do not name goes with the one before it), so no slide has two lines or none, and
    every timing is used, adding up to the lesson's length."""
    import io
    import re

    from pptx import Presentation

    from toolkit.adapt import adapt
    from toolkit.deck import build_deck
    from toolkit.render import RenderContext

    project, _ = load_project([LESSONS])
    lesson = adapt(project.lesson(lesson_id), project.audiences[audience], project.routes, None)
    assert not lesson.sessions and lesson.teacher_notes.timings
    prs = Presentation(io.BytesIO(build_deck(lesson, RenderContext(), None)))
    lines = [[l for l in s.notes_slide.notes_text_frame.text.split("\n") if l.startswith("Timing:")] for s in prs.slides]
    assert all(len(found) == 1 for found in lines), [(i, f) for i, f in enumerate(lines, 1) if len(f) != 1]
    used = {}
    for (line,) in lines:
        match = re.match(r"Timing: (?:about (\d+) minutes? \((.*)\)\.|(.*), about (\d+) minutes? in all: slide \d+ of \d+\.)$", line)
        if match:
            label, minutes = (match.group(2), match.group(1)) if match.group(1) else (match.group(3), match.group(4))
            used[label] = int(minutes)
    assert used == dict(lesson.teacher_notes.timings)
    assert sum(used.values()) == lesson.duration_minutes


def test_a_sections_sort_is_drawn_as_two_boxes_with_their_pictures_and_examples(tmp_path):
    from test_slides_support import LESSON

    sections = copy.deepcopy(LESSON["sections"])
    sections[0]["sort"] = [
        {"label": "A surprise: fine to keep", "icon": "surprise", "items": ["A present for Gran"]},
        {"label": "A secret to tell", "icon": "secret", "items": ["Someone says: don't tell anyone"]},
    ]
    folder = lesson_folder(tmp_path, sections=sections)
    prs, _, _ = make_deck(adapted_lesson(folder, "ks3"))
    picture = _picture(slides_titled(prs, "A very long list: sort them")[0])
    texts = [s.text_frame.text for s in picture.shapes if s.has_text_frame]
    assert texts == ["A surprise: fine to keep", "A present for Gran", "A secret to tell",
                     "Someone says: don't tell anyone"]
    described = picture._element.nvGrpSpPr.cNvPr.get("descr")
    assert "A secret to tell: Someone says: don't tell anyone." in described
    icons = [s for s in picture.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(icons) == 2


def test_only_the_youngest_pupils_title_slide_has_the_friendly_guide_marked_decorative():
    import io

    from pptx import Presentation

    from toolkit.adapt import adapt
    from toolkit.deck import build_deck
    from toolkit.render import RenderContext

    project, _ = load_project([LESSONS])
    for lesson_id, audience, expected in (("online-safety-ks2", "ks2", True), ("online-blackmail", "ks3", False)):
        lesson = adapt(project.lesson(lesson_id), project.audiences[audience], project.routes, None)
        prs = Presentation(io.BytesIO(build_deck(lesson, RenderContext(), (lesson.sessions or [None])[0])))
        guides = [s for slide in prs.slides for s in slide.shapes if s.name == wording.GUIDE_NAME]
        assert bool(guides) == expected
        for guide in guides:
            assert guide._element.xpath(".//*[local-name()='decorative']/@val") == ["1"]
            assert guide in list(prs.slides[0].shapes)


@pytest.mark.libreoffice
def test_libreoffice_draws_every_word_of_a_picture_inside_its_own_shape(tmp_path):
    """Bubble text, card text and labels stay inside their own shape (not only inside the picture)."""
    import re
    import subprocess

    from pptx import Presentation

    from kit import require_tool
    from test_slides_support import WORD, title_of, to_pdf
    from toolkit.adapt import adapt
    from toolkit.deck import build_deck
    from toolkit.render import RenderContext

    soffice, pdftotext = require_tool("soffice"), require_tool("pdftotext")
    project, _ = load_project([LESSONS])
    decks = []
    for lesson_id, audience, session in (("online-safety-ks2", "ks2", 0), ("online-blackmail", "ks4", 0),
                                          ("online-blackmail", "ks4", 1)):
        lesson = adapt(project.lesson(lesson_id), project.audiences[audience], project.routes, None)
        path = tmp_path / f"{lesson_id}-{audience}-{session}.pptx"
        path.write_bytes(build_deck(lesson, RenderContext(), (lesson.sessions or [None])[session]))
        decks.append(path)
    pdfs = to_pdf(soffice, decks, tmp_path / "pdf")
    outside = []
    for deck in decks:
        prs = Presentation(str(deck))
        html = subprocess.run([pdftotext, "-bbox", str(pdfs[deck]), "-"], capture_output=True, text=True).stdout
        pages = re.findall(r"<page[^>]*>(.*?)</page>", html, re.S)
        assert len(pages) == len(prs.slides)
        for slide, page in zip(prs.slides, pages):
            groups = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
            if not groups:
                continue
            boxes = [(c.left / 12700, c.top / 12700, (c.left + c.width) / 12700, (c.top + c.height) / 12700)
                     for g in groups for c in g.shapes if c.has_text_frame and c.text_frame.text]
            others = [(s.left / 12700, s.top / 12700, (s.left + s.width) / 12700, (s.top + s.height) / 12700)
                      for s in slide.shapes if s.shape_type != MSO_SHAPE_TYPE.GROUP]
            for match in WORD.finditer(page):
                x0, y0, x1, y1 = (float(v) for v in match.groups()[:4])
                def inside(box, slack=1.5):
                    l, t, r, b = box
                    return x0 >= l - slack and y0 >= t - slack and x1 <= r + slack and y1 <= b + slack
                if not any(inside(b) for b in boxes + others):
                    outside.append(f"{deck.name} '{title_of(slide)}': '{match.group(5)}'")
    assert outside == [], "\n".join(outside)


def test_the_helping_hand_is_drawn_as_a_hand_to_copy_with_its_palm_words(tmp_path):
    closing = {"title": "My helping hand", "instructions": "Draw around your hand. Write a trusted adult on each finger.",
               "hand": {"palm": "Childline: 0800 1111"}}
    folder = lesson_folder(tmp_path, closing_activity=closing)
    prs, _, _ = make_deck(adapted_lesson(folder, "ks3"))
    slide = slides_titled(prs, "My helping hand")[0]
    assert "Write a trusted adult on each finger." in body_of(slide)
    picture = _picture(slide)
    assert picture.name == wording.HAND_NAME
    described = picture._element.nvGrpSpPr.cNvPr.get("descr")
    assert described == wording.HAND_ALT.format(palm="Childline: 0800 1111")
    texts = [s.text_frame.text for s in picture.shapes if s.has_text_frame and s.text_frame.text]
    assert texts == ["Childline: 0800 1111"]  # the palm's words, editable; nothing else written on the hand
    lines = [s for s in picture.shapes if s.shape_type == MSO_SHAPE_TYPE.LINE]
    assert len(lines) == 5  # a line to write on for each finger and the thumb


def test_the_shipped_ks2_lesson_ends_on_its_helping_hand():
    project, findings = load_project([LESSONS])
    from toolkit.adapt import adapt

    lesson = adapt(project.lesson("online-safety-ks2"), project.audiences["ks2"], project.routes, None)
    assert lesson.closing_activity.palm == "Childline: 0800 1111"


def test_validate_refuses_palm_words_too_long_for_the_hand(tmp_path):
    from toolkit.checks import run_checks

    closing = {"title": "My helping hand", "instructions": "Draw around your hand.",
               "hand": {"palm": "Childline, the free and confidential helpline for children and young people: 0800 1111, "
                                "any time of the day or night, or chat online at their website"}}
    folder = lesson_folder(tmp_path, closing_activity=closing)
    project, findings = load_project([folder])
    errors = [f.render() for f in findings + run_checks(project) if f.severity == "error"]
    assert any("too long to fit it" in e and "deck-test.yaml:" in e and "palm" in e for e in errors), errors
