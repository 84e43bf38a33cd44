"""A Welsh pack (`lessonkit build --language cy`): every output in Welsh, each declaring its language,
and the translation's review state on it.

"In Welsh" is checked against the English itself: every English sentence lessonkit could print (each
message of the interface catalogue, each text of the built-in lessons and catalogues) is looked for in
the text of every output file; none may be there. Service names, addresses and numbers are not
sentences of either catalogue, so they may stay. The school's own words (roles, where to find its
contacts, the logo's description) are written in Welsh too in the Wales example profile, and no
English one of them may be in the Welsh pack either."""

from __future__ import annotations

import html
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Set

import pytest
from babel.messages.pofile import read_po
from pypdf import PdfReader

from toolkit.build import BuildRequest, build
from toolkit.load import load_project
from toolkit.model.school import texts_in_languages
from toolkit.profiles.checks import check_profile
from toolkit.render import RenderOptions
from toolkit.translation import texts
from toolkit.wording import catalogues

from kit import LESSONS

WALES = LESSONS / "schools" / "example-wales.yaml"
SENTENCE = re.compile(r"[A-Z][^.!?:\n]{25,}[.!?]")  # an English sentence of some length, as printed


@pytest.fixture(scope="module")
def welsh_pack(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("welsh")
    build(BuildRequest(lesson_paths=[LESSONS], school=WALES, output=output, options=RenderOptions(language="cy"), jobs=2))
    return output


@lru_cache(maxsize=None)
def english_sentences() -> Set[str]:
    """Every sentence of 30+ letters in the English interface catalogue and the built-in lessons."""
    found: Set[str] = set()
    with (catalogues.LOCALE / "messages.pot").open("rb") as handle:
        for message in read_po(handle):
            for text in ([message.id] if isinstance(message.id, str) else list(message.id or ())):
                found.update(SENTENCE.findall(re.sub(r"\{\w+\}|%\(\w+\)s", "", text)))
    project, _ = load_project([LESSONS])
    for loaded in [*project.lessons, project.routes_file, project.audiences_file, project.nations_file]:
        for _loc, text in texts(loaded.model):
            found.update(SENTENCE.findall(re.sub(r"\{\{\w+\}\}", "", text)))
    return {" ".join(s.split()) for s in found}


def text_of(path: Path) -> str:
    if path.suffix == ".pdf":
        return "\n".join(page.extract_text() for page in PdfReader(path).pages)
    if path.suffix in (".pptx", ".docx", ".xlsx", ".zip"):
        with zipfile.ZipFile(path) as archive:
            xml = "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist()
                            if n.endswith((".xml", ".html", ".txt")))
        return html.unescape(re.sub(r"<[^>]+>", " ", xml))
    return html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def _files(pack: Path) -> List[Path]:
    return sorted(p for p in pack.rglob("*") if p.is_file() and p.suffix not in (".json", ".zip"))  # a zip holds the files


def test_no_english_sentence_in_any_welsh_output(welsh_pack):
    english = english_sentences()
    assert len(english) > 500
    leftovers: Dict[str, List[str]] = {}
    for path in _files(welsh_pack):
        said = " ".join(text_of(path).split())
        hits = [sentence for sentence in english if sentence in said]
        if hits:
            leftovers[path.relative_to(welsh_pack).as_posix()] = hits[:3]
    assert not leftovers, leftovers


def test_the_schools_own_words_are_in_welsh_in_every_output(welsh_pack):
    school = check_profile(WALES).profile
    written = [value for _loc, value in texts_in_languages(school, names=False)]  # not a name written once
    assert written and all(isinstance(value, dict) and {"en", "cy"} <= set(value) for value in written)
    english = {" ".join(v["en"].split()) for v in written} - {" ".join(v["cy"].split()) for v in written}
    said = {path.relative_to(welsh_pack).as_posix(): " ".join(text_of(path).split()) for path in _files(welsh_pack)}
    leftovers = {name: [e for e in english if e in text] for name, text in said.items()}
    assert not {name: hits for name, hits in leftovers.items() if hits}
    for welsh in ("Person Diogelu Dynodedig", "Ystafell 4, ger y brif neuadd, neu gofynnwch yn y dderbynfa"):
        assert any(welsh in text for text in said.values()), welsh


def declared_languages(path: Path) -> set:
    """The languages a file declares, read back: a PDF's /Lang, a web page's <html lang>, every
    slide text run's lang, a Word document's dc:language. Empty for other files."""
    if path.suffix == ".pdf":
        return {str(PdfReader(path).trailer["/Root"]["/Lang"])}
    if path.suffix == ".html":
        return set(re.findall(r'<html[^>]* lang="([^"]+)"', path.read_text(encoding="utf-8")))
    if path.suffix in (".pptx", ".docx"):
        with zipfile.ZipFile(path) as archive:
            if path.suffix == ".docx":
                return set(re.findall(r"<dc:language>([^<]+)<", archive.read("docProps/core.xml").decode("utf-8")))
            slides = [n for n in archive.namelist() if n.startswith("ppt/slides/slide")]
            return set(re.findall(r' lang="([^"]+)"', "".join(archive.read(n).decode() for n in slides)))
    return set()


def test_every_welsh_document_declares_welsh(welsh_pack):
    for path in _files(welsh_pack):
        if path.suffix in (".pdf", ".html", ".pptx"):
            expected = {"cy-GB"} if path.suffix == ".pptx" else {"cy"}
            assert declared_languages(path) == expected, (path.name, declared_languages(path))


def test_the_welsh_pack_says_its_translation_must_be_checked(welsh_pack):
    card = next(welsh_pack.rglob("online-blackmail-ks3-support-card.pdf"))
    said = " ".join(text_of(card).split())
    assert "Cymraeg" in said and "blacmel" in said.lower()


def test_the_help_cards_are_in_welsh_on_at_most_two_slides(welsh_pack):
    """Each service's card says what it is for in Welsh (the routes' `purpose_short` from
    lessons/locale/cy), and the cards still fit one or two slides."""
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    project, _ = load_project([LESSONS])
    english = {r.purpose_short for r in project.routes.values()}
    deck = next(welsh_pack.rglob("online-blackmail-ks3-session-1.pptx"))
    prs = Presentation(str(deck))
    slides = [s for s in prs.slides
              if any(g.shape_type == MSO_SHAPE_TYPE.GROUP and any(p.shape_type == MSO_SHAPE_TYPE.PICTURE
                                                                   and "QR" in p.name for p in g.shapes)
                     for g in s.shapes)]
    assert 1 <= len(slides) <= 2
    cards = {g.name: "\n".join(x.text_frame.text for x in g.shapes if x.has_text_frame)
             for s in slides for g in s.shapes if g.shape_type == MSO_SHAPE_TYPE.GROUP}
    assert "Help am ddim a chyfrinachol hyd at 19 oed" in cards["Childline"]
    assert "Llinell gymorth i bobl ifanc yng Nghymru" in cards["Meic"]
    assert "Eich heddlu lleol" in cards["South Wales Police"]
    assert "Mr Rhys Morgan" in cards
    shown = "\n".join(cards.values())
    assert not [e for e in english if e in shown]
