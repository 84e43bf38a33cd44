"""`--template school.pptx`: decks built on a school's own slide master and layouts."""

from __future__ import annotations

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Emu

from toolkit.colours import AA_NORMAL, contrast, parse_hex
from toolkit.errors import LessonkitError

from kit import require_tool
from test_slides_support import (
    adapted_lesson, body_runs, help_cards, lesson_folder, make_deck, title_of, to_pdf, words_outside_shapes,
)

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NAVY = "14213D"


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    return adapted_lesson(lesson_folder(tmp_path_factory.mktemp("template-lesson")), "ks3")


def _layout(prs, name):
    return next(l for l in prs.slide_layouts if l.name == name)


def _navy_master(prs) -> None:
    """A school master with a dark solid background, in place of the theme's white."""
    c_sld = prs.slide_master._element.find(f"{{{P}}}cSld")
    c_sld.remove(c_sld.find(f"{{{P}}}bg"))
    bg = etree.Element(f"{{{P}}}bg")
    bg_pr = etree.SubElement(bg, f"{{{P}}}bgPr")
    fill = etree.SubElement(bg_pr, f"{{{A}}}solidFill")
    etree.SubElement(fill, f"{{{A}}}srgbClr", val=NAVY)
    etree.SubElement(bg_pr, f"{{{A}}}effectLst")
    c_sld.insert(0, bg)


def _school_template(path, rename=None, drop_type=None, remove=None, navy=False, example_slide=False):
    prs = Presentation()  # python-pptx's own template: 4:3, as many older school templates are
    for old, new in (rename or {}).items():
        _layout(prs, old).name = new
    if drop_type:
        del _layout(prs, drop_type)._element.attrib["type"]
    if remove:
        prs.slide_layouts.remove(_layout(prs, remove))
    if navy:
        _navy_master(prs)
    if example_slide:
        slide = prs.slides.add_slide(_layout(prs, "Title Only"))
        slide.shapes.title.text = "Example slide from the school"
    prs.save(path)
    return path


def test_layouts_are_matched_by_type_when_renamed(tmp_path, lesson):
    template = _school_template(tmp_path / "school.pptx", rename={"Title and Content": "Our content", "Title Slide": "Cover"},
                                example_slide=True)
    prs, warnings, _ = make_deck(lesson, template)
    assert warnings == ["the template school.pptx is not 16:9; its layouts were widened to 16:9"]
    used = {s.slide_layout.name for s in prs.slides}
    assert used == {"Cover", "Our content", "Section Header", "Two Content"}
    assert "Example slide from the school" not in [title_of(s) for s in prs.slides]
    assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))
    body = _layout(prs, "Our content").placeholders[1]
    assert body.left + body.width <= prs.slide_width  # placeholders widened with the slide


def test_layouts_are_matched_by_name_when_they_have_no_type(tmp_path, lesson):
    template = _school_template(tmp_path / "school.pptx", drop_type="Title and Content")
    prs, _, _ = make_deck(lesson, template)
    assert "Title and Content" in {s.slide_layout.name for s in prs.slides}


def test_two_content_is_matched_by_name_when_it_has_no_type(tmp_path, lesson):
    template = _school_template(tmp_path / "school.pptx", drop_type="Two Content")
    prs, _, _ = make_deck(lesson, template)
    assert [s.slide_layout.name for s in prs.slides if title_of(s).startswith("Who can help")] == ["Two Content"]


def test_without_two_content_who_can_help_cards_use_title_and_content(tmp_path, lesson):
    template = _school_template(tmp_path / "school.pptx", remove="Two Content", rename={"Title and Content": "Body"})
    prs, warnings, _ = make_deck(lesson, template)
    assert warnings == ["the template school.pptx is not 16:9; its layouts were widened to 16:9"]
    pages = [s for s in prs.slides if title_of(s).startswith("Who can help")]
    assert pages and {s.slide_layout.name for s in pages} == {"Body"}
    names = [c["name"] for s in pages for c in help_cards(s)]
    assert names[0] == "Your school's designated safeguarding lead"
    assert "Childline" in names and "Victim Support (England and Wales only)" in names


def test_a_missing_layout_is_a_clear_error_naming_it(tmp_path, lesson):
    template = _school_template(tmp_path / "school.pptx", remove="Section Header")
    with pytest.raises(LessonkitError) as caught:
        make_deck(lesson, template)
    message = caught.value.format_message()
    assert f"the template {template} has no 'Section Header' (a title and a text placeholder) layout" in message
    assert "'Title and Content'" in message  # the layouts it does have are listed
    assert "Add the missing layout" in message


def test_a_file_that_is_not_a_deck_is_a_clear_error(tmp_path, lesson):
    template = tmp_path / "school.pptx"
    template.write_bytes(b"this is not a zip file")
    with pytest.raises(LessonkitError, match="cannot open the template .*school.pptx as a PowerPoint file"):
        make_deck(lesson, template)


def test_the_schools_master_is_kept_and_text_is_chosen_against_its_background(tmp_path, lesson):
    template = _school_template(tmp_path / "school.pptx", navy=True)
    prs, _, _ = make_deck(lesson, template)
    master_bg = prs.slide_master._element.find(f"{{{P}}}cSld/{{{P}}}bg//{{{A}}}srgbClr")
    assert master_bg.get("val") == NAVY
    theme = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob.decode()
    assert 'typeface="Calibri"' in theme  # the school's theme is not rewritten
    for slide in prs.slides:
        if slide.slide_layout.name == "Section Header":
            continue  # its own background: checked in the full-pack contrast test
        for run, _ in body_runs(slide):
            if not run.hyperlink.address:
                assert contrast(parse_hex(str(run.font.color.rgb)), parse_hex(NAVY)) >= AA_NORMAL, run.text


def test_a_picture_background_gets_a_plain_one_with_a_warning(tmp_path, lesson):
    path = _school_template(tmp_path / "school.pptx")
    prs = Presentation(str(path))
    bg = prs.slide_master._element.find(f"{{{P}}}cSld/{{{P}}}bg")
    bg.clear()
    bg_pr = etree.SubElement(bg, f"{{{P}}}bgPr")
    grad = etree.SubElement(bg_pr, f"{{{A}}}gradFill")
    stops = etree.SubElement(grad, f"{{{A}}}gsLst")
    for pos, colour in ((0, "FFFFFF"), (100000, "000000")):
        stop = etree.SubElement(stops, f"{{{A}}}gs", pos=str(pos))
        etree.SubElement(stop, f"{{{A}}}srgbClr", val=colour)
    etree.SubElement(bg_pr, f"{{{A}}}effectLst")
    prs.save(path)
    deck, warnings, _ = make_deck(lesson, path)
    assert any("'Title and Content' layout has a picture or gradient background" in w for w in warnings)
    content = [s for s in deck.slides if s.slide_layout.name == "Title and Content"][0]
    assert str(content.background.fill.fore_color.rgb) == "FFFFFF"


@pytest.mark.libreoffice
def test_a_template_deck_renders_one_page_per_slide_without_overflow(tmp_path, lesson):
    soffice = require_tool("soffice")
    pdftotext = require_tool("pdftotext")
    from pypdf import PdfReader

    template = _school_template(tmp_path / "school.pptx", navy=True, rename={"Title and Content": "Body"})
    _, _, data = make_deck(lesson, template)
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(data)
    pdf = to_pdf(soffice, [deck], tmp_path / "pdf")[deck]
    assert pdf.is_file()
    assert len(PdfReader(str(pdf)).pages) == len(Presentation(str(deck)).slides)
    assert words_outside_shapes(pdftotext, deck, pdf) == []


def test_lessonkit_build_uses_the_template_and_reports_a_missing_layout(tmp_path):
    from click.testing import CliRunner

    from toolkit.cli import main

    folder = lesson_folder(tmp_path)
    good = _school_template(tmp_path / "good.pptx", rename={"Title and Content": "Content"})
    runner = CliRunner()
    result = runner.invoke(main, ["build", str(folder), "--format", "slides", "--template", str(good),
                                  "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    deck = Presentation(str(tmp_path / "out/national/deck-test/ks3/deck-test-ks3.pptx"))
    assert "Content" in {s.slide_layout.name for s in deck.slides}
    assert "warning: deck-test/ks3 slides: the template good.pptx is not 16:9" in result.output

    broken = _school_template(tmp_path / "broken.pptx", remove="Title Slide")
    result = runner.invoke(main, ["build", str(folder), "--format", "slides", "--template", str(broken),
                                  "-o", str(tmp_path / "out2")])
    assert result.exit_code == 1
    assert "Error: the template" in result.output and "has no 'Title Slide' (a title and a subtitle) layout" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out2").exists()


@pytest.mark.libreoffice
def test_a_two_line_title_stays_inside_a_tight_template_title(tmp_path):
    """python-pptx's own Title Slide holds two lines of a large title with little room to spare."""
    soffice, pdftotext = require_tool("soffice"), require_tool("pdftotext")
    folder = lesson_folder(tmp_path, title="Online blackmail: spot it, stop it, get help")
    _, _, data = make_deck(adapted_lesson(folder, "ks3"), _school_template(tmp_path / "school.pptx"))
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(data)
    pdf = to_pdf(soffice, [deck], tmp_path / "pdf")[deck]
    assert words_outside_shapes(pdftotext, deck, pdf) == []


def test_the_default_theme_names_its_layouts_and_numbers_its_slides(lesson):
    from pptx.enum.shapes import PP_PLACEHOLDER

    prs, _, _ = make_deck(lesson)
    names = {l.name for l in prs.slide_layouts}
    assert {"Title Slide", "Section Header", "Title and Content", "Two Content", "Picture and Text", "Quiz",
            "Help"} <= names
    used = {title_of(s).split(":")[0]: s.slide_layout.name for s in prs.slides}
    assert used["Starter quiz"] == "Quiz" and used["Who can help"] == "Help"
    for number, slide in enumerate(prs.slides, start=1):
        fields = slide._element.xpath(".//a:fld[@type='slidenum']")
        if slide.slide_layout.name == "Title Slide":
            assert not fields
            continue
        assert len(fields) == 1 and fields[0].xpath("string(./a:t)") == str(number)
        holder = fields[0].getparent().getparent().getparent()  # fld -> p -> txBody -> sp
        assert any(s._element is holder and s.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER
                   for s in slide.placeholders)


def test_a_school_templates_quiz_layout_is_found_by_its_name(tmp_path, lesson):
    template = _school_template(tmp_path / "school.pptx", rename={"Content with Caption": "Quiz"})
    prs, warnings, _ = make_deck(lesson, template)
    quiz = [s for s in prs.slides if title_of(s).startswith("Starter quiz")]
    assert quiz and {s.slide_layout.name for s in quiz} == {"Quiz"}
    # Without a Help layout, who can help uses the school's Two Content.
    assert {s.slide_layout.name for s in prs.slides if title_of(s).startswith("Who can help")} == {"Two Content"}
