"""The deck's font: Arial, which PowerPoint, Google Slides and Keynote all have and LibreOffice
draws in the metric-compatible Liberation Sans; text is measured with those metrics, or with a
wider font when this computer has neither, so it fits wherever the deck is opened."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile

import pytest
from PIL import ImageFont

from toolkit.deck import fit, metrics
from toolkit.deck.metrics import count_lines, face, line_height_em

from kit import missing, require_tool
from test_slides_support import adapted_lesson, lesson_folder, make_deck, to_pdf

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
SENTENCE = "Don't pay, stop contact and block, keep the messages and tell a trusted adult"


def _liberation_sans(bold: bool = False) -> str:
    """Liberation Sans found here independently of lessonkit (fontconfig, else Debian's path)."""
    style = "Bold" if bold else "Regular"
    path = f"/usr/share/fonts/truetype/liberation2/LiberationSans-{style}.ttf"
    fc_list = subprocess.run(["fc-list", f"Liberation Sans:style={style}", "file"], capture_output=True,
                             text=True, check=False).stdout if shutil.which("fc-list") else ""
    found = [line.strip().rstrip(":") for line in fc_list.splitlines() if line.strip()]
    if not found and not os.path.isfile(path):
        missing("Liberation Sans is not installed (Debian package fonts-liberation2)")
    return found[0] if found else path


def _width_pt(path: str, text: str, size: float) -> float:
    return ImageFont.truetype(path, 100).getlength(text) / 100 * size


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    folder = lesson_folder(tmp_path_factory.mktemp("fonts"))
    return make_deck(adapted_lesson(folder, "ks3"))


@pytest.fixture
def fresh_metrics():
    """Forget the measured font before and after a test that hides fonts."""
    def clear():
        for cached in (metrics.face, metrics._widths, metrics.line_height_em, fit._lines):
            cached.cache_clear()
    clear()
    yield
    clear()


def _hide(monkeypatch, *families: str) -> None:
    known, fontconfig = metrics._known_file, metrics._fontconfig_file
    monkeypatch.setattr(metrics, "_known_file", lambda family, bold: None if family in families else known(family, bold))
    monkeypatch.setattr(metrics, "_fontconfig_file",
                        lambda family, bold: None if family in families else fontconfig(family, bold))


def test_the_deck_is_set_in_arial_in_its_theme_and_on_every_run(deck):
    _, _, data = deck
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        theme = package.read("ppt/theme/theme1.xml").decode()
        slides = [package.read(n).decode() for n in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
    # Text a teacher adds later is in the theme's fonts.
    assert re.findall(r"<a:(?:major|minor)Font><a:latin typeface=\"([^\"]*)\"", theme) == ["Arial", "Arial"]
    faces = {name for xml in slides for name in re.findall(r'<a:(?:latin|buFont) typeface="([^"]*)"', xml)}
    assert faces == {"Arial"}


def test_text_is_measured_in_liberation_sans_which_has_arials_widths():
    regular, bold = _liberation_sans(), _liberation_sans(bold=True)
    assert face(False).family == "Liberation Sans"
    assert os.path.samefile(face(False).path, regular) and os.path.samefile(face(True).path, bold)
    width = _width_pt(regular, SENTENCE, 24)
    assert count_lines([(SENTENCE, False)], 24, width + 0.5) == 1
    assert count_lines([(SENTENCE, False)], 24, width - 0.5) == 2
    # LibreOffice draws single spacing at 1.2 em; Arial's own line height is 1.15 em.
    assert line_height_em() == pytest.approx(1.2)


def test_without_arials_widths_text_is_measured_in_the_wider_dejavu_sans(monkeypatch, fresh_metrics):
    liberation = _width_pt(_liberation_sans(), SENTENCE, 24)
    if not os.path.isfile("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        missing("DejaVu Sans is not installed (Debian package fonts-dejavu-core)")
    _hide(monkeypatch, "Liberation Sans", "Arial")
    assert face(False).family == "DejaVu Sans"
    assert count_lines([(SENTENCE, False)], 24, liberation + 0.5) == 2  # wider: the same line wraps


def test_with_no_font_installed_text_is_measured_in_a_widened_stand_in(monkeypatch, fresh_metrics):
    liberation = _width_pt(_liberation_sans(bold=True), SENTENCE, 24)
    _hide(monkeypatch, "Liberation Sans", "Arial", "DejaVu Sans")
    assert face(True).family == "Source Sans Pro" and face(True).scale > 1
    assert count_lines([(SENTENCE, True)], 24, liberation + 0.5) == 2


@pytest.mark.libreoffice
def test_libreoffice_draws_the_deck_in_liberation_sans(deck, tmp_path):
    soffice, pdffonts = require_tool("soffice"), require_tool("pdffonts")
    _liberation_sans()
    _, _, data = deck
    path = tmp_path / "deck.pptx"
    path.write_bytes(data)
    pdf = to_pdf(soffice, [path], tmp_path / "pdf")[path]
    fonts = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, check=True).stdout
    drawn = {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]) for line in fonts.splitlines()[2:] if line.strip()}
    assert drawn == {"LiberationSans", "LiberationSans-Bold"}, fonts
