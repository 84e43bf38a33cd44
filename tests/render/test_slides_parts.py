"""toolkit/deck/parts.py gives the parts python-pptx itself gives: the same names, relationships
and bytes, for a fresh deck and for a template whose own slides were dropped."""

from __future__ import annotations

import io
import zipfile

import pytest
from pptx import Presentation
from pptx.util import Emu

from toolkit.deck.parts import NotesSlides, quicker_parts
from toolkit.deck.pictures import qr_picture
from toolkit.deck.template import _drop_slides

URLS = ["https://example.org/a", "https://example.org/b", "https://example.org/a", "https://example.org/c"]


def _template_with_slides() -> bytes:
    """A template holding three example slides with notes and a picture, as a school's might."""
    prs = Presentation()
    for number in range(3):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.notes_slide.notes_text_frame.text = f"Example {number}"
        slide.shapes.add_picture(io.BytesIO(qr_picture(URLS[number])), Emu(0), Emu(0))
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def _deck(source, quick: bool) -> dict:
    """Every part of a deck of twelve slides with notes and repeated pictures, by name."""
    prs = Presentation(io.BytesIO(source) if source else None)
    _drop_slides(prs)
    notes_slides = NotesSlides()
    if quick:
        quicker_parts(prs)
    for number in range(12):
        slide = prs.slides.add_slide(prs.slide_layouts[number % 3])
        notes = notes_slides.add(slide) if quick else slide.notes_slide
        notes.notes_text_frame.text = f"Notes for slide {number}"
        if number % 2:
            slide.shapes.add_picture(io.BytesIO(qr_picture(URLS[(number // 2) % 4])), Emu(12700), Emu(12700))
    if quick:
        assert notes_slides.add(prs.slides[0]) is prs.slides[0].notes_slide  # a slide's notes are made once
    buffer = io.BytesIO()
    prs.save(buffer)
    with zipfile.ZipFile(buffer) as saved:
        return {name: saved.read(name) for name in saved.namelist()}


@pytest.mark.parametrize("source", [None, _template_with_slides()], ids=["fresh", "template-with-slides"])
def test_notes_slides_part_names_and_pictures_are_python_pptxs_own(source):
    own, ours = _deck(source, quick=False), _deck(source, quick=True)
    assert sorted(ours) == sorted(own)
    assert [name for name in own if ours[name] != own[name]] == []
    assert sum(name.startswith("ppt/notesSlides/notesSlide") and name.endswith(".xml") for name in ours) == 12
    assert sum(name.startswith("ppt/media/") for name in ours) == 3  # each picture once, however often shown


def test_the_speed_ups_are_installed_on_one_presentation_alone():
    fast, plain = Presentation(), Presentation()
    quicker_parts(fast)
    assert "next_partname" in vars(fast.part.package)
    assert "next_partname" not in vars(plain.part.package)
    assert "get_or_add_image_part" not in vars(plain.part.package)
