"""Fitting text to slides: line counts from real font metrics, and continuation slides that never
overflow, never lose a word and never split what belongs together."""

from __future__ import annotations

import pytest
from PIL import ImageFont

from toolkit.deck.content import Block, Para, QrCode, Run, SlideSpec, para
from toolkit.deck.fit import Box, fits, height, paginate, title_size
from toolkit.deck.metrics import count_lines, face, line_height_em
from toolkit.errors import LessonkitError

BOX = Box(width_pt=800, height_pt=380)


def _width_pt(text: str, size: float, bold: bool = False) -> float:
    """Width in the font text is measured in, measured here with Pillow directly."""
    measured = face(bold)
    return ImageFont.truetype(measured.path, 100).getlength(text) / 100 * size * measured.scale


def test_a_line_that_fits_is_one_line_and_one_word_more_wraps():
    text = "Don't panic, don't pay, and tell a trusted adult"
    width = _width_pt(text, 24)
    assert count_lines([(text, False)], 24, width + 1) == 1
    assert count_lines([(text, False)], 24, width - 1) == 2


def test_bold_text_is_measured_in_bold():
    text = "Designated Safeguarding Lead and deputies"
    regular, bold = _width_pt(text, 24), _width_pt(text, 24, bold=True)
    assert bold > regular
    between = (regular + bold) / 2
    assert count_lines([(text, False)], 24, between) == 1
    assert count_lines([(text, True)], 24, between) == 2


def test_a_web_address_longer_than_the_line_breaks_across_lines():
    url = "www.example.org/" + "very-long-path-segment/" * 6
    width = _width_pt(url, 24)
    assert count_lines([(url, False)], 24, width / 2.5) == 3


def test_line_height_is_at_least_single_spacing():
    assert line_height_em() >= 1.2


def _blocks(count: int, lines_each: int = 1):
    words = " ".join(["word"] * 12 * lines_each)
    return tuple(Block((para(f"Item {n}: {words}"),)) for n in range(1, count + 1))


def test_a_short_list_stays_on_one_slide_at_the_largest_size():
    pages = paginate(SlideSpec("content", "Short", _blocks(3)), BOX, (28, 26, 24))
    assert [(p.title, p.size_pt) for p in pages] == [("Short", 28)]


def test_a_long_list_continues_at_the_minimum_size_with_unique_titles():
    spec = SlideSpec("content", "Signs", _blocks(40))
    pages = paginate(spec, BOX, (28, 26, 24))
    assert len(pages) > 2
    assert [p.title for p in pages[:3]] == ["Signs", "Signs (continued)", "Signs (continued, part 3)"]
    assert {p.size_pt for p in pages} == {24}
    assert all(fits(p.paras, 24, BOX) for p in pages)
    assert [q.text for p in pages for q in p.paras] == [b.paras[0].text for b in spec.blocks]
    # Shared out evenly: no slide holds more than one item over the average.
    counts = [len(p.paras) for p in pages]
    assert max(counts) - min(counts) <= 2


def test_a_block_is_never_split_when_it_fits_on_a_slide():
    steps = tuple(
        Block((para(f"{n}. Step", bullet=False, bold=True), para("What to do " * 20, level=1, bullet=False)))
        for n in range(1, 9)
    )
    pages = paginate(SlideSpec("content", "What to do", steps), BOX, (24,))
    for page in pages:
        starts = [i for i, p in enumerate(page.paras) if p.text.endswith(". Step")]
        assert starts[0] == 0 and len(page.paras) == 2 * len(starts)


def test_a_paragraph_longer_than_a_slide_is_cut_between_words():
    words = [f"w{n}" for n in range(900)]
    spec = SlideSpec("content", "Long", (Block((Para((Run(" ".join(words)),)),)),))
    pages = paginate(spec, BOX, (24,))
    assert len(pages) > 1
    pieces = [p for page in pages for p in page.paras]
    assert " ".join(p.text for p in pieces).split() == words
    assert pieces[0].bullet and not any(p.bullet for p in pieces[1:])
    assert all(p.continues for p in pieces[1:])  # indented like the first piece
    assert all(fits(page.paras, 24, BOX) for page in pages)


def test_qr_codes_per_slide_never_exceed_the_room_beside_the_text():
    blocks = tuple(Block((para(f"Service {n}", bullet=False),), QrCode(f"Service {n}", f"https://example.org/{n}"))
                   for n in range(7))
    pages = paginate(SlideSpec("content", "Who can help", blocks), Box(700, 380, qr_capacity=3), (24,))
    assert max(len(p.qr_codes) for p in pages) <= 3
    assert sum(len(p.qr_codes) for p in pages) == 7
    for column in (c for page in pages for c in page.columns):
        assert len(column.qr_tops) == len(column.qr_codes)
        assert list(column.qr_tops) == sorted(column.qr_tops) and column.qr_tops[0] == 0.0


def test_a_title_shrinks_to_fit_and_is_refused_when_it_cannot():
    box = Box(800, 80)
    assert title_size("Who can help", box, (40, 36, 32, 28)) == 40
    long_title = "A title that goes on " * 3
    size = title_size(long_title, box, (40, 36, 32, 28))
    assert size < 40 and height([Para((Run(long_title, True),), bullet=False)], size, 800) <= 80
    with pytest.raises(LessonkitError, match="too long to fit on a slide at 28 pt. Shorten it in the lesson file"):
        title_size(long_title * 8, box, (40, 36, 32, 28), "online-blackmail")


# --- the real space of a slide ------------------------------------------------------------------
# A 16:9 content slide at 24 pt holds about fourteen lines. These decks are built on the default
# template and read back with python-pptx; LibreOffice checks they draw inside their boxes
# (test_slides_pack, test_a_full_slide_draws_inside_its_box).

QUIZ_QUESTION = {
    "id": "what-is-it", "type": "single", "question": "What is sextortion?",
    "teaching_point": "Sextortion is blackmail with a nude picture.",
    "options": [
        {"text": "Blackmail with a nude picture, usually for money", "correct": True,
         "feedback": "Yes. Someone threatens to share a picture, real or fake."},
        {"text": "A kind of computer virus", "feedback": "Not quite. Some blackmailers claim to have hacked you."},
        {"text": "Sharing a funny photo of a friend without asking", "feedback": "That isn't kind, but it isn't sextortion."},
        {"text": "A game where people swap pictures", "feedback": "No. Nobody is playing: it is a crime, and never your fault."},
    ],
}
TWELVE_POINTS = [f"Point {n}: one short line about staying safe online." for n in range(1, 13)]


@pytest.fixture(scope="module")
def dense_deck(tmp_path_factory):
    from test_slides_support import adapted_lesson, lesson_folder, make_deck

    folder = lesson_folder(tmp_path_factory.mktemp("dense"), quiz={"starter": [QUIZ_QUESTION]},
                           sections=[{"id": "twelve", "title": "Twelve points", "points": TWELVE_POINTS}])
    prs, _, data = make_deck(adapted_lesson(folder, "ks3"))
    return prs, data


def test_a_quiz_answer_with_four_options_fits_one_slide_at_24_pt(dense_deck):
    from test_slides_support import body_of, slides_titled

    prs, _ = dense_deck
    answers = slides_titled(prs, "Starter quiz: answer 1")
    assert len(answers) == 1, [body_of(s) for s in answers]
    # The options as tiles (a drawn picture) or, when they do not fit, as the plain list: all on one slide.
    shapes = [s for top in answers[0].shapes for s in (top.shapes if top.shape_type == 6 else [top])
              if s.has_text_frame and s != answers[0].shapes.title and "Slide Number" not in s.name]
    text = "\n".join(s.text_frame.text for s in shapes)
    assert "A game where people swap pictures (Not correct)" in text
    assert "Remember: Sextortion is blackmail with a nude picture." in text
    assert min(r.font.size.pt for s in shapes for p in s.text_frame.paragraphs for r in p.runs if r.font.size) >= 24


def test_twelve_one_line_points_share_one_slide(dense_deck):
    from test_slides_support import body_of, slides_titled

    prs, _ = dense_deck
    pages = slides_titled(prs, "Twelve points")
    assert len(pages) == 1
    assert body_of(pages[0]).split("\n") == TWELVE_POINTS


@pytest.mark.libreoffice
def test_a_full_slide_draws_inside_its_box(dense_deck, tmp_path):
    from pypdf import PdfReader

    from kit import require_tool
    from test_slides_support import to_pdf, words_outside_shapes

    soffice, pdftotext = require_tool("soffice"), require_tool("pdftotext")
    prs, data = dense_deck
    deck = tmp_path / "dense.pptx"
    deck.write_bytes(data)
    pdf = to_pdf(soffice, [deck], tmp_path / "pdf")[deck]
    assert len(PdfReader(str(pdf)).pages) == len(prs.slides)
    assert words_outside_shapes(pdftotext, deck, pdf) == []
