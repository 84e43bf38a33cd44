"""A bilingual pack (`lessonkit build --language cy,en`): every format in Welsh and in English, Welsh
first; handouts as one document of both, every other format one file per language; each file (and
each part of a combined one) declaring its language, read back with independent readers."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path
from typing import Dict, List, Tuple

import pytest
from pypdf import PdfReader

from toolkit.bilingual import file_name, marked_language, pack_languages
from toolkit.build import BuildRequest, build
from toolkit.errors import UsageProblem
from toolkit.render import RenderOptions, formats
from toolkit.wording.catalogues import available

from kit import LESSONS
from test_welsh import declared_languages, english_sentences, text_of

WALES = LESSONS / "schools" / "example-wales.yaml"
BOTH = RenderOptions(language="cy", languages=("cy", "en-GB"))


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("bilingual")
    build(BuildRequest(lesson_paths=[LESSONS], school=WALES, output=output, options=BOTH, jobs=2))
    return output


def _entries(pack: Path) -> List[dict]:
    return json.loads((pack / "manifest.json").read_text(encoding="utf-8"))["files"]


def _said(path: Path) -> str:
    return " ".join(text_of(path).split())


def _english_hits(text: str) -> List[str]:
    said = " ".join(text.split())
    return [sentence for sentence in english_sentences() if sentence in said]


def _parts(path: Path) -> Tuple[str, str]:
    """A combined PDF's Welsh and English text, split where its 'English' bookmark starts."""
    reader = PdfReader(path)
    assert [item.title for item in reader.outline] == ["Cymraeg", "English"], path.name
    english_from = reader.get_destination_page_number(reader.outline[1])
    pages = [page.extract_text() for page in reader.pages]
    return "\n".join(pages[:english_from]), "\n".join(pages[english_from:])


def test_welsh_comes_first_whatever_order_is_written():
    assert pack_languages("en,cy", available()) == pack_languages("cy,en", available()) == ("cy", "en-GB")
    assert pack_languages("cy", available()) == ("cy",)
    assert pack_languages("en-GB", available()) == ("en-GB",)
    for wrong in ("en,en-GB", "cy,xx", "cy,cy", "cy,en,en-GB"):
        with pytest.raises(UsageProblem):
            pack_languages(wrong, available())


def test_file_names_say_their_language_except_the_handouts_that_hold_both():
    assert file_name("a-ks3.pptx", "slides", "cy", ("cy", "en-GB")) == "a-ks3.cy.pptx"
    assert file_name("a-ks3-quiz.moodle.xml", "moodle-xml", "en-GB", ("cy", "en-GB")) == "a-ks3-quiz.en.moodle.xml"
    assert file_name("a-ks3-support-card.pdf", "handout", "cy", ("cy", "en-GB")) == "a-ks3-support-card.pdf"
    assert file_name("a-ks3.pptx", "slides", "cy", ()) == "a-ks3.pptx"
    assert marked_language("x/a-ks3.cy.pptx") == "cy" and marked_language("a-ks3.pptx") is None


def test_every_format_is_there_in_both_languages(pack):
    entries = _entries(pack)
    assert {e["format"] for e in entries} == set(formats())
    names = {e["path"] for e in entries}
    for entry in entries:
        language = marked_language(entry["path"])
        if entry["format"] == "handout":
            assert language is None, entry["path"]
            continue
        assert language in ("cy", "en"), entry["path"]
        other = "en" if language == "cy" else "cy"
        assert entry["path"].replace(f".{language}.", f".{other}.", 1) in names, entry["path"]


def test_handouts_hold_welsh_then_english_with_each_part_in_its_language(pack):
    pdfs = [pack / e["path"] for e in _entries(pack) if e["format"] == "handout" and e["path"].endswith(".pdf")]
    assert len(pdfs) >= 20
    for path in pdfs:
        welsh, english = _parts(path)
        assert not _english_hits(welsh), (path.name, _english_hits(welsh)[:3])
        assert _english_hits(english) or "Version" in english, path.name  # the English version is English
        assert "Version" not in welsh, path.name
        reader = PdfReader(path)
        assert str(reader.trailer["/Root"]["/Lang"]) == "cy", path.name
        english_from = reader.get_destination_page_number(reader.outline[1])
        for number, page in enumerate(reader.pages):
            marked = page.get_contents().get_data().startswith(b"/Span <</Lang (en-GB)>> BDC")
            assert marked == (number >= english_from), (path.name, number)
            fonts = page["/Resources"]["/Font"]
            for font in fonts.values():
                font = font.get_object()
                descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)["/FontDescriptor"]
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), (path.name, font["/BaseFont"])
        assert " / " in str(reader.metadata.title), path.name


def test_the_support_card_is_welsh_first_with_the_translation_notice(pack):
    card = next(pack.rglob("online-blackmail-ks3-support-card.pdf"))
    welsh, english = _parts(card)
    assert "blacmel" in welsh.lower() and "Cymraeg" in welsh  # the translation's review notice, as in a Welsh pack
    assert "Online blackmail" in english and "Cymraeg" not in english
    said = _said(card)
    assert said.lower().index("blacmel") < said.index("Online blackmail")


def test_handout_pages_have_a_welsh_section_then_an_english_one(pack):
    pages = [pack / e["path"] for e in _entries(pack) if e["format"] == "handout" and e["path"].endswith(".html")]
    assert len(pages) >= 20
    for path in pages:
        page = path.read_text(encoding="utf-8")
        assert re.search(r'<html[^>]* lang="cy"', page), path.name
        assert [m for m in re.findall(r'<section id="(\w+)" lang="([^"]+)"', page)] == [("cy", "cy"), ("en", "en-GB")], path.name
        welsh, english = page.split('<section id="en"', 1)
        assert not _english_hits(re.sub(r"<[^>]+>", " ", welsh.split("<main>", 1)[1])), path.name
        english = re.sub(r"<[^>]+>", " ", english)
        assert _english_hits(english) or "Version" in english, path.name
        ids = re.findall(r'\bid="([^"]+)"', page)
        assert len(ids) == len(set(ids)), path.name


def test_files_in_one_language_are_in_that_language_and_say_so(pack):
    checked = 0
    for entry in _entries(pack):
        language = marked_language(entry["path"])
        if language is None or entry["format"] == "json":
            continue
        path = pack / entry["path"]
        hits = _english_hits(text_of(path))
        if language == "cy":
            assert not hits, (entry["path"], hits[:3])
        elif entry["format"] not in ("kahoot",):  # a Kahoot sheet has only short questions and answers
            assert hits, entry["path"]
        declared = {"cy": "cy", "en": "en-GB"}[language]
        if path.suffix in (".pdf", ".html", ".pptx", ".docx"):
            expected = {f"{language}-GB"} if path.suffix == ".pptx" else {declared}
            assert declared_languages(path) == expected, (path.name, declared_languages(path))
        checked += 1
    assert checked > 50


def test_the_lesson_plan_lists_the_files_by_their_names_in_the_pack(pack):
    plan = next(pack.rglob("online-blackmail-ks3-lesson-plan.cy.docx"))
    said = _said(plan)
    assert "online-blackmail-ks3-support-card.pdf" in said
    for name in re.findall(r"online-blackmail-ks3[\w.-]*\.(?:pptx|xlsx|xml|txt|zip)", said):
        assert ".cy." in name, name
        assert next(pack.rglob(name), None) is not None, name


def test_the_index_pages_are_in_both_languages_and_list_both(pack):
    for index in (pack / "index.html", pack / "example-wales" / "index.html"):
        page = index.read_text(encoding="utf-8")
        assert page.index('lang="cy"') < page.index('lang="en-GB"'), index
    page = (pack / "example-wales" / "index.html").read_text(encoding="utf-8")
    assert "online-blackmail-ks3-session-1.cy.pptx" in page and "online-blackmail-ks3-session-1.en.pptx" in page
    assert '<span lang="en">English</span>' in page and '<span lang="cy">Cymraeg</span>' in page
    with zipfile.ZipFile(pack / "example-wales.zip") as archive:
        names = archive.namelist()
    assert "example-wales/online-blackmail/ks3/online-blackmail-ks3.cy.json" in names
    assert "example-wales/online-blackmail/ks3/online-blackmail-ks3-support-card.pdf" in names


def _digests(folder: Path) -> Dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_serial_parallel_and_cached_builds_write_the_same_bytes(tmp_path):
    made = {}
    for name, jobs, cache in (("serial", 1, False), ("parallel", 2, True), ("cached", 2, True)):
        output = tmp_path / ("parallel" if name == "cached" else name)
        build(BuildRequest(lesson_paths=[LESSONS], school=WALES, output=output, options=BOTH, jobs=jobs,
                           cache=cache, audiences=["ks3"]))
        made[name] = _digests(output)
    assert made["serial"] == made["parallel"] == made["cached"]
    assert any(".cy." in name for name in made["serial"])


def _profile(tmp_path: Path, source: Path, extra: str = "") -> Path:
    """A copy of a built-in example profile (and its logo) in tmp_path/profiles, with `extra` added."""
    folder = tmp_path / "profiles"
    folder.mkdir(exist_ok=True)
    (folder / f"{source.stem}-logo.png").write_bytes((source.parent / f"{source.stem}-logo.png").read_bytes())
    path = folder / source.name
    path.write_text(source.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


def _profile_with(tmp_path: Path, languages: str) -> Path:
    return _profile(tmp_path, WALES, f"languages: [{languages}]\n")


def test_a_school_profile_chooses_its_packs_languages_unless_the_command_line_does(tmp_path):
    from click.testing import CliRunner

    from toolkit.cli import main

    profile = _profile_with(tmp_path, "en, cy")
    common = ["build", "--school", str(profile), "--audience", "ks3", "--format", "slides", "--no-cache"]
    result = CliRunner().invoke(main, [*common, "-o", str(tmp_path / "profile")])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "profile").rglob("*.pptx"))
    assert names and all(".cy." in n or ".en." in n for n in names) and any(".cy." in n for n in names)
    result = CliRunner().invoke(main, [*common, "--language", "en-GB", "-o", str(tmp_path / "english")])
    assert result.exit_code == 0, result.output
    assert not [p for p in (tmp_path / "english").rglob("*.pptx") if ".cy." in p.name or ".en." in p.name]


def test_school_profiles_of_one_build_must_agree_on_their_languages(tmp_path):
    from toolkit.errors import UsageProblem as Problem

    welsh = _profile_with(tmp_path, "cy")
    english = _profile(tmp_path, LESSONS / "schools" / "example-england.yaml")
    assert welsh.parent == english.parent
    with pytest.raises(Problem, match="different languages"):
        build(BuildRequest(lesson_paths=[LESSONS], schools=welsh.parent, output=tmp_path / "o", language_given=False,
                           audiences=["ks3"], formats=["json"]))
