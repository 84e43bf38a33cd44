"""Every deck of a full build, read back by independent tools: python-pptx, the OOXML schemas,
LibreOffice (one page per slide, no text outside its box) and poppler."""

from __future__ import annotations

import json
import re
import zipfile
from typing import Dict, List

import pytest
import yaml
from lxml import etree
from pptx import Presentation
from pptx.util import Emu

from toolkit.colours import AA_NORMAL, contrast, parse_hex
from toolkit.model import AudienceCatalogue

from kit import LESSONS, require_tool
from test_slides_support import (
    alt_text, body_of, body_runs, notes_of, pictures, title_of, to_pdf, words_outside_shapes,
)

ADULT_ONLY_NAMES = ("Revenge Porn Helpline", "StopNCII")
# Contact details of adult-only services: never anywhere in a deck for under-18s, notes included.
ADULT_ONLY_DETAILS = ("0345 6000 459", "revengepornhelpline.org.uk", "stopncii.org")


@pytest.fixture(scope="module")
def decks(national_pack) -> List[Dict]:
    manifest = json.loads((national_pack / "manifest.json").read_text(encoding="utf-8"))
    entries = [e for e in manifest["files"] if e["format"] == "slides"]
    assert entries, "the full build wrote no slide decks"
    audiences = AudienceCatalogue.model_validate(
        yaml.safe_load((LESSONS / "audiences.yaml").read_text(encoding="utf-8"))).by_id()
    for entry in entries:
        entry["file"] = national_pack / entry["path"]
        entry["prs"] = Presentation(str(entry["file"]))
        entry["audience_model"] = audiences[entry["audience"]]
    return entries


def _under_18(entry) -> bool:
    return entry["audience_model"].youngest < 18


def test_every_deck_reopens_and_is_16_9(decks):
    for entry in decks:
        prs = entry["prs"]
        assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000)), entry["path"]
        assert len(prs.slides) > 10
        assert prs.core_properties.language == "en-GB"
        assert prs.core_properties.title and prs.core_properties.subject and prs.core_properties.author


def test_every_slide_part_validates_against_the_ooxml_schema(decks, schemas_dir):
    ooxml = schemas_dir / "ooxml"
    # The XSDs import each other by relative path: parse pml.xsd from its own folder.
    schema = etree.XMLSchema(etree.parse(str(ooxml / "pml.xsd")))
    for entry in decks:
        with zipfile.ZipFile(entry["file"]) as package:
            parts = [n for n in package.namelist() if re.fullmatch(r"ppt/(slides|notesSlides|slideLayouts|slideMasters)/[^/]+\.xml", n)]
            assert any(p.startswith("ppt/slides/") for p in parts)
            for name in parts:
                document = etree.fromstring(package.read(name))
                assert schema.validate(document), f"{entry['path']} {name}: {schema.error_log.last_error}"


def test_titles_are_unique_and_every_picture_has_real_alt_text(decks):
    for entry in decks:
        titles = [title_of(s) for s in entry["prs"].slides]
        assert all(titles), entry["path"]
        assert len({t.lower() for t in titles}) == len(titles), entry["path"]
        for slide in entry["prs"].slides:
            for picture in pictures(slide):
                text = alt_text(picture)
                assert len(text) > 12 and not re.search(r"\.(png|jpe?g)$", text, re.I), (entry["path"], text)


def test_every_slide_has_speaker_notes(decks):
    for entry in decks:
        for slide in entry["prs"].slides:
            assert notes_of(slide).strip(), (entry["path"], title_of(slide))


def test_pupil_decks_end_with_childline_and_never_show_adult_only_services(decks):
    pupils = [e for e in decks if e["audience_model"].is_pupils]
    assert pupils
    for entry in pupils:
        slides = list(entry["prs"].slides)
        titles = [title_of(s) for s in slides]
        if "Extra slides" in titles:  # a session's optional parts come after its closing slides
            slides = slides[:titles.index("Extra slides")]
        last = "\n".join(body_of(s) for s in slides[-3:])
        assert "Childline" in last, entry["path"]
    for entry in filter(_under_18, decks):
        shown = "\n".join(title_of(s) + "\n" + body_of(s) for s in entry["prs"].slides)
        assert not [n for n in ADULT_ONLY_NAMES if n in shown], entry["path"]
        with zipfile.ZipFile(entry["file"]) as package:
            everything = "".join(package.read(n).decode("utf-8", "replace") for n in package.namelist() if n.endswith(".xml"))
        assert not [d for d in ADULT_ONLY_DETAILS if d in everything], entry["path"]


def test_body_text_is_never_below_the_audience_minimum(decks):
    for entry in decks:
        minimum = entry["audience_model"].min_body_pt
        sizes = {run.font.size.pt for s in entry["prs"].slides for run, _ in body_runs(s)}
        assert min(sizes) >= minimum, entry["path"]


def _colour_of(element, theme: Dict[str, str], mapping: Dict[str, str]):
    tag = etree.QName(element).localname
    if tag == "srgbClr":
        return element.get("val")
    if tag == "sysClr":
        return element.get("lastClr")
    if tag == "schemeClr":
        return theme[mapping.get(element.get("val"), element.get("val"))]
    raise AssertionError(f"unexpected colour {tag}")


def _background(slide, theme, mapping) -> str:
    ns = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
          "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    for part in (slide, slide.slide_layout, slide.slide_layout.slide_master):
        bg = part._element.find("p:cSld/p:bg", ns)
        if bg is not None:
            colour = bg.find("p:bgPr/a:solidFill/*", ns)
            if colour is None:
                colour = bg.find("p:bgRef/*", ns)
            return _colour_of(colour, theme, mapping)
    return theme["lt1"]


def test_text_and_background_contrast_is_at_least_4_5(decks):
    for entry in decks:
        prs = entry["prs"]
        master = prs.slide_master
        theme_xml = master.part.part_related_by(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob
        root = etree.fromstring(theme_xml)
        theme = {etree.QName(slot).localname: _colour_of(slot[0], {}, {}) for slot in root.find(".//{*}clrScheme")}
        mapping = dict(master._element.find("{*}clrMap").attrib)
        for slide in prs.slides:
            background = parse_hex(_background(slide, theme, mapping))
            for run, _ in body_runs(slide):
                if run.hyperlink.address:
                    colour = theme["hlink"]
                else:
                    colour = str(run.font.color.rgb)
                ratio = contrast(parse_hex(colour), background)
                assert ratio >= AA_NORMAL, (entry["path"], title_of(slide), run.text, colour, ratio)


@pytest.mark.libreoffice
def test_libreoffice_renders_one_page_per_slide_with_no_text_outside_its_box(decks, tmp_path):
    soffice = require_tool("soffice")
    pdftotext = require_tool("pdftotext")
    from pypdf import PdfReader

    pdfs = to_pdf(soffice, [e["file"] for e in decks], tmp_path)
    overflowing: List[str] = []
    for entry in decks:
        pdf = pdfs[entry["file"]]
        assert pdf.is_file(), f"LibreOffice could not convert {entry['path']}"
        assert len(PdfReader(str(pdf)).pages) == len(entry["prs"].slides), entry["path"]
        overflowing += words_outside_shapes(pdftotext, entry["file"], pdf)
    assert overflowing == []
