"""toolkit/deck/parts.py gives the parts python-pptx itself gives: the same names, relationships
and bytes, for a fresh deck and for a template whose own slides were dropped."""

from __future__ import annotations

import io
import zipfile

import pytest
from pptx import Presentation
from pptx.util import Emu

from toolkit.deck.parts import NewSlides, NotesSlides, quicker_parts
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
    """Every part of a deck of twelve slides on three layouts, with notes and repeated pictures, by name."""
    prs = Presentation(io.BytesIO(source) if source else None)
    _drop_slides(prs)
    notes_slides, new_slides = NotesSlides(), NewSlides(prs)
    if quick:
        quicker_parts(prs)
    for number in range(12):
        layout = prs.slide_layouts[number % 3]
        slide = new_slides.add(layout) if quick else prs.slides.add_slide(layout)
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
def test_slides_notes_slides_part_names_and_pictures_are_python_pptxs_own(source):
    own, ours = _deck(source, quick=False), _deck(source, quick=True)
    assert sorted(ours) == sorted(own)
    assert [name for name in own if ours[name] != own[name]] == []
    assert sum(name.startswith("ppt/notesSlides/notesSlide") and name.endswith(".xml") for name in ours) == 12
    assert sum(name.startswith("ppt/slides/slide") and name.endswith(".xml") for name in ours) == 12
    assert b"<p:ph" in ours["ppt/slides/slide4.xml"]  # a later slide on a layout has its placeholders too
    assert sum(name.startswith("ppt/media/") for name in ours) == 3  # each picture once, however often shown


def test_the_speed_ups_are_installed_on_one_presentation_alone():
    fast, plain = Presentation(), Presentation()
    quicker_parts(fast)
    assert "next_partname" in vars(fast.part.package)
    assert "next_partname" not in vars(plain.part.package)
    assert "get_or_add_image_part" not in vars(plain.part.package)


def _package_with_pictures(quick: bool):
    """A presentation whose slide holds pictures numbered with a gap and one number twice."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.packuri import PackURI
    from pptx.parts.image import ImagePart

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    package = prs.part.package
    for name, url in (("image1.png", URLS[0]), ("image1.jpeg", URLS[1]), ("image4.png", URLS[3])):
        part = ImagePart(PackURI(f"/ppt/media/{name}"), "image/png", package, qr_picture(url), None)
        slide.part.relate_to(part, RT.IMAGE)
    if quick:
        quicker_parts(prs)
    return prs, slide


def test_new_pictures_are_numbered_and_reused_as_python_pptx_does():
    names = []
    for quick in (False, True):
        prs, slide = _package_with_pictures(quick)
        added = [slide.shapes.add_picture(io.BytesIO(qr_picture(url)), Emu(0), Emu(0))
                 for url in ("https://example.org/x", URLS[1], "https://example.org/y", "https://example.org/x",
                             "https://example.org/z", URLS[3])]
        names.append([str(slide.part.related_part(picture._element.blipFill.blip.rEmbed).partname) for picture in added])
    own, ours = names
    assert ours == own
    # python-pptx's numbering, with image1 twice: 3 (below the 4 after two 1s), 5, 6; the same picture is one part
    assert own == ["/ppt/media/image3.png", "/ppt/media/image1.jpeg", "/ppt/media/image5.png", "/ppt/media/image3.png",
                   "/ppt/media/image6.png", "/ppt/media/image4.png"]


def test_a_deck_is_written_as_the_stable_zip_of_what_python_pptx_saves():
    import datetime as dt

    from toolkit.deck.package import stable_pptx, stable_zip

    prs = Presentation(io.BytesIO(_template_with_slides()))
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.notes_slide.notes_text_frame.text = "Notes"
    slide.shapes.add_picture(io.BytesIO(qr_picture(URLS[2])), Emu(0), Emu(0))
    saved = io.BytesIO()
    prs.save(saved)
    when = dt.date(2026, 9, 1)
    ours = stable_pptx(prs, when)
    assert ours == stable_zip(saved.getvalue(), when)
    with zipfile.ZipFile(io.BytesIO(ours)) as written:
        assert {info.date_time for info in written.infolist()} == {(2026, 9, 1, 0, 0, 0)}
        assert written.namelist()[:2] == ["[Content_Types].xml", "_rels/.rels"]
