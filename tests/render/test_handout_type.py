"""Type you can read, and large print that has all of standard print: every PDF of the default pack,
the Wales example school's pack and both in large print, read back with independent tools.

- pypdf reads the size of every piece of text drawn: nothing below the handout's type rule
  (`styles.TYPE_RULES`: 12 pt, 14 pt for key stage 2, 12 pt on pocket cards, 16 pt in large print).
- `pdftotext -bbox` gives every word of the standard and large-print versions of each handout; with
  the footer lines (title, version, page number) set aside, every word of standard print is in
  large print, as many times (large print is the fullest version, so it may have more)."""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from pathlib import Path
from typing import Dict, List

import pytest

from toolkit.build import BuildRequest, build
from toolkit.pdf.styles import TYPE_RULES
from toolkit.pdf.wording import COMPACT_NOTES
from toolkit.wording import _
from toolkit.render import RenderOptions

from kit import LESSONS, pdf_text_sizes, require_tool

FORMATS = ("handout", "quiz-paper")
WALES = LESSONS / "schools" / "example-wales.yaml"


@pytest.fixture(scope="module")
def packs(tmp_path_factory) -> Dict[tuple, Path]:
    """{(school, large print): output folder}, handouts and quiz papers only."""
    out = {}
    for school in (None, WALES):
        for large in (False, True):
            output = tmp_path_factory.mktemp("type-pack")
            build(BuildRequest(lesson_paths=[LESSONS], output=output, formats=FORMATS, school=school,
                               options=RenderOptions(large_print=large)))
            out[school is not None, large] = output
    return out


def _pdfs(output: Path) -> List[dict]:
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    return [e for e in manifest["files"] if e["format"] in FORMATS and e["path"].endswith(".pdf")]


def least_size(entry: dict, large: bool) -> float:
    if large:
        return TYPE_RULES["large"].body
    if entry["audience"] == "ks2":
        return TYPE_RULES["young"].body
    if "pocket-cards" in entry["path"]:
        return TYPE_RULES["pocket"].body
    return TYPE_RULES["standard"].body


@pytest.mark.parametrize("school", [False, True])
@pytest.mark.parametrize("large", [False, True])
def test_no_text_is_smaller_than_its_type_rule(packs, school, large):
    output = packs[school, large]
    checked = 0
    for entry in _pdfs(output):
        sizes = pdf_text_sizes((output / entry["path"]).read_bytes())
        assert sizes and min(sizes) >= least_size(entry, large) - 0.01, (entry["path"], min(sizes))
        checked += 1
    assert checked > 30


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def words(path: Path, ordered: bool = False):
    """Every word of the PDF, but for each page's footer: the lines at the foot of the page, from the
    one with the page number up, each within a line's height of the next. A Counter, or with
    `ordered` a list in pdftotext's reading order."""
    pdftotext = require_tool("pdftotext")
    html = subprocess.run([pdftotext, "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    found: List[str] = []
    for page in html.split("<page ")[1:]:
        lines: Dict[float, List[str]] = {}
        heights: Dict[float, float] = {}
        page_words = []
        for _x, y0, _x1, y1, text in _WORD.findall(page):
            key = round(float(y1), 1)
            lines.setdefault(key, []).append(text)
            heights[key] = float(y1) - float(y0)
            page_words.append((key, text))
        bottoms = sorted(lines, reverse=True)
        footer = set()
        if bottoms and {"Page", "Tudalen"} & set(lines[bottoms[0]]):  # "Page 1 of 2", Welsh "Tudalen 1 o 2"
            footer.add(bottoms[0])
            for lower, upper in zip(bottoms, bottoms[1:]):
                if lower - upper > heights[lower] * 1.4:
                    break
                footer.add(upper)
        found.extend(text.replace("&amp;", "&").replace("&quot;", '"').replace("&#39;", "'")
                     for key, text in page_words if key not in footer)
    return found if ordered else Counter(found)


def _pairs(standard: Path, large: Path):
    big = {e["path"]: e for e in _pdfs(large)}
    for entry in _pdfs(standard):
        name = re.sub(r"\.pdf$", "-large-print.pdf", entry["path"])
        assert name in big, f"{name} is missing from the large-print pack"
        yield entry, standard / entry["path"], large / name


_RUN = re.compile(r"\w+")


def runs(path: Path) -> List[str]:
    """The runs of letters and digits in the PDF's words, in reading order, footers aside. A web
    address breaks only at a '/' or a '.' (or a '-' between its words), so one broken across lines
    in one version and whole in the other gives the same runs; a contact's name is the same with the
    ':' of its one-line form or without it, in a box."""
    return [run for word in words(path, ordered=True) for run in _RUN.findall(word)]


def _occurrences(phrase: List[str], text: List[str]) -> int:
    return sum(text[i:i + len(phrase)] == phrase for i in range(len(text) - len(phrase) + 1))


def missing_from_large_print(standard: Path, large: Path, cards: bool = False) -> Counter:
    """The runs of standard print that large print lacks, counted. Only a compact version's notes on
    what it shortened (`COMPACT_NOTES`: the "More help" heading over contacts given one line each,
    the briefing's "the web page lists every source") may be missing, as often as standard print
    has them."""
    text = runs(standard)
    a, b = Counter(text), Counter(runs(large))
    if cards:  # several copies of the same card to a sheet: each run once
        a, b = Counter(set(a)), Counter(set(b))
    for note in COMPACT_NOTES:
        phrase = _RUN.findall(_(note))
        times = _occurrences(phrase, text)
        for run in phrase:
            a[run] -= times
    return +(a - b)


@pytest.mark.parametrize("school", [False, True])
def test_large_print_has_every_word_of_the_standard_version(packs, school):
    compared = 0
    for entry, standard, large in _pairs(packs[school, False], packs[school, True]):
        assert runs(standard), entry["path"]
        missing = missing_from_large_print(standard, large, cards="pocket-cards" in entry["path"])
        assert not missing, (entry["path"], missing)
        compared += 1
    assert compared > 30


def test_a_school_pack_has_the_school_logo_on_every_handout_and_twin(packs):
    from pypdf import PdfReader
    from lxml import html as lxml_html

    logo = (LESSONS / "schools" / "example-wales-logo.png").read_bytes()
    for large in (False, True):
        output = packs[True, large]
        for entry in _pdfs(output):
            page = PdfReader(output / entry["path"]).pages[0]
            images = page.images
            assert len(images) >= 1, entry["path"]  # the logo beside the title (QR codes are masks)
            twin = lxml_html.fromstring((output / entry["path"]).with_suffix(".html").read_bytes())
            img = twin.find(".//header/img")
            assert img is not None and img.get("alt", "").startswith("Ysgol Cwm Derw"), entry["path"]
            assert img.get("src").startswith("data:image/png;base64,")
    assert logo
    for entry in _pdfs(packs[False, False]):  # no profile, no logo
        twin = lxml_html.fromstring((packs[False, False] / entry["path"]).with_suffix(".html").read_bytes())
        assert twin.find(".//header/img") is None


@pytest.mark.parametrize("school", [False, True])
def test_each_quiz_is_one_sheet_at_its_type_size(packs, school):
    from pypdf import PdfReader

    output = packs[school, False]
    sheets = [e for e in _pdfs(output) if e["path"].endswith("-quiz-paper.pdf")]
    assert {"starter", "exit"} <= {Path(e["path"]).name.split("-quiz-paper")[0].rsplit("-", 1)[-1] for e in sheets}
    for entry in sheets:
        assert len(PdfReader(output / entry["path"]).pages) <= 2, entry["path"]  # both sides of one sheet


@pytest.fixture(scope="module")
def welsh_packs(tmp_path_factory) -> Dict[bool, Path]:
    """{large print: output folder} of the Wales example school's handouts in Welsh."""
    out = {}
    for large in (False, True):
        output = tmp_path_factory.mktemp("type-pack-cy")
        build(BuildRequest(lesson_paths=[LESSONS], output=output, formats=("handout",), school=WALES,
                           options=RenderOptions(large_print=large, language="cy")))
        out[large] = output
    return out


def test_welsh_large_print_has_every_word_of_the_welsh_standard_version(welsh_packs):
    """Welsh runs longer than English: the staff briefing's referral flow, taller than a page at
    16 pt, goes on over the page between its steps rather than stopping the build."""
    from toolkit.wording import language

    compared = 0
    with language("cy"):  # the compact versions' own notes, in Welsh
        for entry, standard, large in _pairs(welsh_packs[False], welsh_packs[True]):
            missing = missing_from_large_print(standard, large, cards="pocket-cards" in entry["path"])
            assert not missing, (entry["path"], missing)
            compared += 1
    assert compared > 15
