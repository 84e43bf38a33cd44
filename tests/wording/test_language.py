"""The build's language (`--language`, default en-GB) reaches every document's metadata and chooses
the catalogue its words come from. Read back with independent readers: pypdf, lxml, python-docx."""

from __future__ import annotations

import shutil

import docx
import pytest
from click.testing import CliRunner
from lxml import html as lxml_html
from pypdf import PdfReader

from toolkit.build import BuildRequest, build
from toolkit.cli import main
from toolkit.render import RenderOptions
from toolkit.wording import catalogues

from kit import LESSONS

FORMATS = ["handout", "quiz-paper", "lesson-plan", "parent-letter"]


@pytest.fixture
def second_language(tmp_path, monkeypatch):
    """A catalogue for another language ('gd', which lessonkit does not ship) beside the real ones, as
    `python -m toolkit.wording init gd` makes it, with one made-up translation to show which catalogue a
    message came from."""
    locale = tmp_path / "locale"
    shutil.copytree(catalogues.LOCALE, locale)
    po = (locale / "en_GB" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    po = po.replace('"Language: en_GB\\n"', '"Language: gd\\n"')
    po = po.replace('msgid "Who can help"\nmsgstr ""', 'msgid "Who can help"\nmsgstr "[gd] Who can help"')
    assert "[gd] Who can help" in po
    (locale / "gd" / "LC_MESSAGES").mkdir(parents=True)
    (locale / "gd" / "LC_MESSAGES" / "messages.po").write_text(po, encoding="utf-8")
    monkeypatch.setattr(catalogues, "LOCALE", locale)
    # The lessons have no Gaelic translation: this test is about the interface catalogue and metadata.
    import toolkit.build

    monkeypatch.setattr(toolkit.build, "translated_project", lambda project, language: (project, []))
    catalogues.translations.cache_clear()
    yield "gd"
    catalogues.translations.cache_clear()


def _built(tmp_path, language=None):
    options = RenderOptions(language=language) if language else RenderOptions()
    output = tmp_path / "out"
    build(BuildRequest(lesson_paths=[LESSONS], lessons=["online-blackmail"], audiences=["ks3"], formats=FORMATS,
                       output=output, options=options))
    return output


def _languages(output):
    """Each output file's declared language, read back by a reader that is not lessonkit."""
    found = {}
    for path in sorted(output.rglob("*")):
        name = path.relative_to(output).as_posix()
        if path.suffix == ".pdf":
            found[name] = str(PdfReader(path).trailer["/Root"]["/Lang"])
        elif path.suffix == ".html":
            found[name] = lxml_html.fromstring(path.read_bytes()).get("lang")
        elif path.suffix == ".docx":
            document = docx.Document(str(path))
            run_lang = document.styles.element.find(".//{*}docDefaults//{*}lang")
            found[name] = (document.core_properties.language, run_lang.get(docx.oxml.ns.qn("w:val")))
    return found


def test_every_document_declares_the_default_language(tmp_path):
    found = _languages(_built(tmp_path))
    assert {path.rsplit(".", 1)[-1] for path in found} == {"pdf", "html", "docx"}
    for name, declared in found.items():
        assert declared in ("en-GB", ("en-GB", "en-GB")), name


def test_the_build_language_reaches_every_document_and_its_words(tmp_path, second_language):
    output = _built(tmp_path, second_language)
    found = _languages(output)
    assert "index.html" in found and any(name.endswith(".docx") for name in found)
    for name, declared in found.items():
        assert declared in ("gd", ("gd", "gd")), name
    card = next(output.rglob("*-support-card.html")).read_text(encoding="utf-8")
    assert "[gd] Who can help" in card
    card_pdf = PdfReader(next(output.rglob("*-support-card.pdf")))
    assert "[gd] Who can help" in "".join(page.extract_text() for page in card_pdf.pages)


def test_the_command_line_offers_each_language_with_a_catalogue(tmp_path, second_language):
    result = CliRunner().invoke(main, ["build", "--language", "xx", "--output", str(tmp_path / "o")])
    assert result.exit_code == 2 and "'xx'" in result.output
    assert "en-GB" in CliRunner().invoke(main, ["build", "--help"]).output


def test_the_live_quiz_pages_and_script_words_follow_the_quiz_language(second_language):
    from toolkit.live.app import load_assets
    from toolkit.wording import language

    with language(second_language):
        assets = load_assets()
    for page in ("pupil.html", "teacher.html"):
        tree = lxml_html.fromstring(assets[page][0])
        assert tree.get("lang") == "gd"
        assert "[gd] Who can help" in tree.text_content()
    words = assets["words.js"][0].decode("utf-8")
    assert words.startswith("window.LiveWords = ") and '"Time left: {seconds} seconds"' in words
    assert lxml_html.fromstring(load_assets()["pupil.html"][0]).get("lang") == "en-GB"  # outside: the default


def _deck_languages(output):
    """Each deck's declared language (core properties) and every text run's `lang`, read with lxml."""
    import zipfile

    from lxml import etree

    found = {}
    for path in sorted(output.rglob("*.pptx")):
        with zipfile.ZipFile(path) as deck:
            core = etree.fromstring(deck.read("docProps/core.xml"))
            runs, words = set(), []
            for name in deck.namelist():
                if name.startswith(("ppt/slides/slide", "ppt/notesSlides/")) and name.endswith(".xml"):
                    tree = etree.fromstring(deck.read(name))
                    runs |= {element.get("lang") for element in tree.iter("{*}rPr") if element.get("lang")}
                    words += [t.text or "" for t in tree.iter("{*}t")]
        found[path.name] = (core.findtext("{*}language"), runs, " ".join(words))
    return found


def _built_decks(tmp_path, language=None):
    options = RenderOptions(language=language) if language else RenderOptions()
    output = tmp_path / "decks"
    build(BuildRequest(lesson_paths=[LESSONS], lessons=["online-blackmail"], audiences=["ks3"], formats=["slides"],
                       output=output, options=options))
    return output


def test_decks_declare_the_default_language(tmp_path):
    found = _deck_languages(_built_decks(tmp_path))
    assert found
    for name, (declared, runs, _words) in found.items():
        assert declared == "en-GB" and runs == {"en-GB"}, name


def test_decks_follow_the_build_language(tmp_path, second_language):
    """A bare language ('gd') is the deck's language; its text runs say the language as spoken in
    the UK ('gd-GB'), and the deck's own words come from that language's catalogue."""
    found = _deck_languages(_built_decks(tmp_path, second_language))
    assert found
    for name, (declared, runs, words) in found.items():
        assert declared == "gd" and runs == {"gd-GB"}, name
    assert any("[gd] Who can help" in words for _d, _r, words in found.values())
