"""The slide deck as a teacher sees it: the order of the lesson, the words on each slide, the
school's contacts, the speaker notes and the document's properties."""

from __future__ import annotations

import pytest
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu, Pt

from toolkit.render import RenderContext, formats

from test_slides_support import (
    LONG_POINTS, adapted_lesson, alt_text, body_of, body_runs, help_cards, lesson_folder, make_deck, notes_of,
    pictures, school_profile, shown_text, slides_titled, title_of,
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return lesson_folder(tmp_path_factory.mktemp("deck-lesson"))


@pytest.fixture(scope="module")
def ks3_deck(folder):
    lesson = adapted_lesson(folder, "ks3")
    prs, warnings, _ = make_deck(lesson)
    return lesson, prs, warnings


def test_the_format_is_registered_and_names_its_file(folder):
    lesson = adapted_lesson(folder, "ks3")
    files = formats()["slides"].render(lesson, RenderContext())
    assert [f.name for f in files] == ["deck-test-ks3.pptx"]
    assert files[0].title == "Deck test lesson (Key Stage 3 (ages 11-14)): slides"


def test_the_deck_follows_the_lesson_and_ends_on_help(ks3_deck):
    _, prs, warnings = ks3_deck
    titles = [title_of(s) for s in prs.slides]
    assert warnings == []
    expected_order = [
        "Deck test lesson", "Before we start", "Learning outcomes", "Starter quiz: question 1",
        "Starter quiz: answer 1", "What do we know?", "Keywords", "A very long list", "Story: Alex and the new friend",
        "Alex and the new friend", "Discuss: Alex and the new friend", "Warning signs", "What to do",
        "Facts and myths", "Exit quiz: question 1", "Exit quiz: answer 1", "Something kind",
        "Who can help", "Remember",
    ]
    positions = [titles.index(t) for t in expected_order]
    assert positions == sorted(positions), titles
    assert titles[-1] == "Remember"
    assert "Childline" in body_of(prs.slides[-1]) and "0800 1111" in body_of(prs.slides[-1])


def test_the_title_slide_names_the_lesson_and_audience(ks3_deck):
    _, prs, _ = ks3_deck
    first = prs.slides[0]
    assert title_of(first) == "Deck test lesson"
    assert body_of(first) == ("Key Stage 3 (ages 11-14)\n"
                              "Version 2.1. Draft: to be reviewed by your school's safeguarding lead before use.")
    assert first.slide_layout.name == "Title Slide"


def test_real_layouts_hold_the_text(ks3_deck):
    _, prs, _ = ks3_deck
    for slide in prs.slides:
        assert slide.slide_layout.name in {"Title Slide", "Title and Content", "Section Header", "Two Content",
                                           "Picture and Text", "Quiz", "Help"}
        assert all(s.is_placeholder for s in slide.shapes if s.has_text_frame), title_of(slide)
        # Reading order: the title is the first shape a screen reader meets.
        assert slide.shapes[0].shape_id == slide.shapes.title.shape_id


def test_the_deck_is_16_9_with_its_document_properties_set(ks3_deck):
    lesson, prs, _ = ks3_deck
    assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))
    props = prs.core_properties
    assert props.title == "Deck test lesson (Key Stage 3 (ages 11-14))"
    assert props.subject == lesson.summary
    assert props.author == "lessonkit"
    assert props.language == "en-GB"


def test_a_long_list_continues_on_further_slides_at_the_minimum_size(ks3_deck):
    _, prs, _ = ks3_deck
    pages = slides_titled(prs, "A very long list")
    titles = [title_of(s) for s in pages]
    assert len(pages) >= 3
    assert titles[:3] == ["A very long list", "A very long list (continued)", "A very long list (continued, part 3)"]
    shown = [p for s in pages for p in body_of(s).split("\n")]
    assert shown == LONG_POINTS  # every point, in order, none lost or repeated
    sizes = {run.font.size for s in pages for run, is_title in body_runs(s) if not is_title}
    assert sizes == {Pt(24)}
    assert all(notes_of(s) for s in pages)


def test_every_slide_has_notes_and_pupil_notes_carry_the_disclosure_reminder(ks3_deck):
    _, prs, _ = ks3_deck
    for slide in prs.slides:
        notes = notes_of(slide)
        assert notes.strip(), title_of(slide)
        assert "if a pupil discloses" in notes, title_of(slide)
    before = slides_titled(prs, "Before we start")[0]
    notes = notes_of(before)
    assert "1. Listen and stay calm.\n2. Do not promise secrecy.\n3. Tell the DSL straight away." in notes
    assert "Safeguarding brief: Tell the DSL before the lesson." in notes
    first = notes_of(prs.slides[0])
    assert "A very long list: 7 min" in first and "Q: What if I already paid?" in first
    # The lesson's timings name this part only: its line is the timing's; the rest say they are not in it.
    assert "Timing: A very long list, about 7 minutes in all: slide 1 of" in notes_of(slides_titled(prs, "A very long list")[0])
    assert "Timing: not in the lesson's timings" in notes_of(slides_titled(prs, "Starter quiz: question 1")[0])
    assert "Say each point slowly." in notes_of(slides_titled(prs, "A very long list")[0])


def test_what_to_do_shows_each_step_in_order_with_its_caution(ks3_deck):
    _, prs, _ = ks3_deck
    # One graphic: numbered cards in order, each with its text, and the step's caution under them.
    (picture,) = [s for s in slides_titled(prs, "What to do")[0].shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
    text = "\n".join(s.text_frame.text for s in picture.shapes if s.has_text_frame)
    assert text.index("Don't pay\nPaying") < text.index("Keep the evidence\nKeep") < text.index("Tell a trusted adult")
    assert "Careful (step 2): Never keep or send on the picture itself." in text


def _drawn(slide):
    """The texts of a slide's drawn picture (its one group), shape by shape, and its alt text."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    groups = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
    assert len(groups) == 1, [s.name for s in slide.shapes]
    texts = [s.text_frame.text for s in groups[0].shapes if s.has_text_frame and s.text_frame.text]
    return texts, groups[0]._element.nvGrpSpPr.cNvPr.get("descr")


def test_a_quiz_question_is_followed_by_its_answer_with_feedback_for_every_option(ks3_deck):
    _, prs, _ = ks3_deck
    titles = [title_of(s) for s in prs.slides]
    question = titles.index("Starter quiz: question 1")
    assert titles[question + 1] == "Starter quiz: answer 1"
    assert prs.slides[question].slide_layout.name == "Quiz"
    # The question, then each option as a tile beside its letter, drawn in editable shapes.
    asked, described = _drawn(prs.slides[question])
    assert asked == ["Paying makes it stop.\nTrue or false?", "True", "A", "False", "B"]
    assert described == "Paying makes it stop. True or false? A. True. B. False."
    assert "Right: paying" not in described  # the answer is not given away
    answer, described = _drawn(prs.slides[question + 1])
    assert answer == ["Paying makes it stop.", "True (Not correct)\nNot so: they often ask for more.", "A",
                      "False (Correct)\nRight: paying rarely ends it.", "B", "Remember: Paying rarely makes it stop."]
    assert "A. True (Not correct). Not so: they often ask for more." in described
    assert "Remember: Paying rarely makes it stop." in described
    assert "Answer: B." in notes_of(prs.slides[question])


def test_an_ordering_question_is_shuffled_and_its_answer_gives_the_order(ks3_deck):
    _, prs, _ = ks3_deck
    asked, _described = _drawn(slides_titled(prs, "Exit quiz: question 1")[0])
    shown = asked[1::2]  # each option's tile, then its letter
    assert asked[2::2] == ["A", "B", "C"]
    assert sorted(shown) == sorted(["Stop replying", "Keep the messages", "Tell an adult"])
    assert shown != ["Stop replying", "Keep the messages", "Tell an adult"]
    answer, described = _drawn(slides_titled(prs, "Exit quiz: answer 1")[0])
    # Each step in the right order, with its feedback under it.
    assert answer[:7] == ["Put these in order.\nThe right order:", "Stop replying\nFirst, stop replying.", "1",
                          "Keep the messages\nThen keep the messages.", "2",
                          "Tell an adult\nThen tell an adult you trust.", "3"]
    assert "1. Stop replying. First, stop replying. 2. Keep the messages." in described


def test_scenarios_say_they_are_made_up_and_notes_name_the_warning_signs(ks3_deck):
    _, prs, _ = ks3_deck
    divider = slides_titled(prs, "Story: Alex")[0]
    assert divider.slide_layout.name == "Section Header"
    assert "made-up story" in body_of(divider)
    story = slides_titled(prs, "Alex and the new friend")[0]
    assert "Alex: Alex likes drawing." in body_of(story) and "Someone new follows Alex." in body_of(story)
    discuss = slides_titled(prs, "Discuss: Alex")[0]
    assert "What made Alex worried?" in body_of(discuss)
    assert "They get close very fast." in notes_of(discuss)


def test_pupil_decks_never_show_adult_only_services(ks3_deck):
    _, prs, _ = ks3_deck
    text = "\n".join(body_of(s) for s in prs.slides)
    assert "Childline" in text and "Revenge Porn Helpline" not in text and "0345 6000 459" not in text


def test_staff_decks_show_statistics_and_sources(folder):
    prs, _, _ = make_deck(adapted_lesson(folder, "staff"))
    text = "\n".join(body_of(s) for s in prs.slides)
    assert "Reports more than doubled in a year. (2023)" in text
    assert "A report (Example body)\nOnline: example.org" in text
    assert "Source: A report, example.org" in text
    sizes = {run.font.size.pt for s in prs.slides for run, title in body_runs(s) if not title}
    assert min(sizes) == 20  # staff decks: at least 20 pt


def test_national_routes_carry_a_qr_code_with_alt_text(ks3_deck):
    _, prs, _ = ks3_deck
    slide = slides_titled(prs, "Who can help")[0]
    cards = {c["name"]: c for c in help_cards(slide)}
    childline = cards["Childline"]
    assert childline["text"].startswith("Childline\nFree, confidential help")
    assert "0800 1111" in childline["text"]
    assert childline["qr"] == [("QR code: link to Childline, https://www.childline.org.uk/", "https://www.childline.org.uk/")]
    assert "Victim Support (England and Wales only)" in cards


def test_a_school_profile_brings_its_name_logo_lead_and_police(tmp_path, folder):
    profile = school_profile(tmp_path, nation="scotland")
    prs, warnings, _ = make_deck(adapted_lesson(folder, "ks3", profile))
    assert warnings == []
    first = prs.slides[0]
    assert body_of(first) == ("S1 to S3\nHillside Academy (example)\nVersion 2.1. Draft: to be reviewed by "
                              "the school's Designated Safeguarding Lead before use.")
    assert [alt_text(p) for p in pictures(first)] == ["Hillside Academy crest: an oak tree"]
    school = "\n".join(shown_text(s) for s in slides_titled(prs, "Who can help"))
    assert "Ms Dana Okafor\nDesignated Safeguarding Lead" in school
    assert "Where: Room B12, or ask at Reception" in school
    assert "01632 960123" in school and "Mr Lee Patel" in school
    assert school.index("Mr Lee Patel") < school.index("Example Constabulary\nYour local police force") < school.index("Childline")
    last = body_of(prs.slides[-1])
    assert "Ms Dana Okafor: Room B12, or ask at Reception, 01632 960123" in last
    assert "Ms Dana Okafor" in notes_of(prs.slides[5])  # the disclosure reminder names the lead
    assert prs.core_properties.author == "Hillside Academy (example)"
    # Scotland: the England-and-Wales-only service is left out altogether.
    assert "Victim Support" not in "\n".join(body_of(s) for s in prs.slides)


def test_a_school_build_writes_decks_naming_the_lead(tmp_path, folder):
    from pptx import Presentation

    from toolkit.build import BuildRequest, build

    result = build(BuildRequest(lesson_paths=[folder], formats=["slides"], school=school_profile(tmp_path),
                                output=tmp_path / "out"))
    assert [f.path for f in result.files] == ["test-school/deck-test/ks3/deck-test-ks3.pptx",
                                              "test-school/deck-test/staff/deck-test-staff.pptx"]
    for entry in result.files:
        prs = Presentation(str(tmp_path / "out" / entry.path))
        assert "Ms Dana Okafor" in "\n".join(shown_text(s) for s in slides_titled(prs, "Who can help"))
        assert [alt_text(p) for p in pictures(prs.slides[0])] == ["Hillside Academy crest: an oak tree"]
    assert result.warnings == []
    # The profile records no sign-off, so the summary says the pack is a draft.
    assert result.notes == [
        "Not signed off: deck-test 2.1 has not been reviewed by Hillside Academy (example)'s Designated Safeguarding Lead, "
        "so its files say it is a draft to be reviewed before use. Record the review under `sign_off` in the "
        "school profile."]


def test_a_brand_colour_that_fails_contrast_is_darkened_with_a_warning(tmp_path, folder):
    from toolkit.colours import WHITE, contrast, parse_hex

    profile = school_profile(tmp_path, branding={"primary": "#FFD700"})
    prs, warnings, _ = make_deck(adapted_lesson(folder, "ks3", profile))
    assert len(warnings) == 1 and "#FFD700" in warnings[0] and "4.5:1" in warnings[0]
    title_colours = {str(run.font.color.rgb) for s in prs.slides for run, is_title in body_runs(s)
                     if is_title and s.slide_layout.name != "Section Header"}
    assert len(title_colours) == 1
    shade = title_colours.pop()
    assert shade != "FFD700" and contrast(parse_hex(shade), WHITE) >= 4.5
    assert f"slides use the darker shade #{shade}" in warnings[0]


def test_a_logo_that_cannot_be_read_is_left_out_with_a_warning(tmp_path, folder):
    profile = school_profile(tmp_path)
    (tmp_path / "crest.png").write_bytes(b"not a picture")
    prs, warnings, _ = make_deck(adapted_lesson(folder, "ks3", profile))
    assert pictures(prs.slides[0]) == []
    assert len(warnings) == 1 and "crest.png" in warnings[0] and "built without it" in warnings[0]


def test_shipped_pupil_decks_tell_the_steps_of_the_lesson(adapted):
    lesson = adapted("online-blackmail", "ks4")
    prs, _, _ = make_deck(lesson)
    steps = "\n".join(body_of(s) for s in slides_titled(prs, "What to do"))
    for number, step in enumerate(lesson.response_steps, start=1):
        assert f"{number}. {step.title}" in steps
    outcomes = "\n".join(body_of(s) for s in slides_titled(prs, "Learning outcomes"))
    assert all(o in outcomes for o in lesson.learning_outcomes)


def test_timings_of_one_minute_are_singular(tmp_path):
    folder = lesson_folder(tmp_path, baseline_activity={
        "title": "What do we know?", "instructions": "Write down what you know.", "minutes": 1})
    prs, _, _ = make_deck(adapted_lesson(folder, "ks3"))
    notes = "\n".join(notes_of(s) for s in prs.slides)
    assert "Timing: about 1 minute." in notes_of(slides_titled(prs, "What do we know?")[0])
    assert "about 7 minutes in all" in notes  # more than one stays plural
    assert "1 minutes" not in notes
