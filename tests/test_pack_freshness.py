"""A pack says how fresh its contacts are, a build names every stale route, and no build needs the
network."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import socket

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pypdf import PdfReader

from toolkit.build import BuildRequest, build
from toolkit.cli import main

from kit import FIXTURES, LESSONS

TODAY = dt.date.today()
RECENT = TODAY - dt.timedelta(days=30)  # childline: seen by pupils and staff
STALE = TODAY - dt.timedelta(days=400)  # victim-support, limited here to staff


def said(day: dt.date) -> str:
    return f"Contacts checked on {day.day} {day:%B %Y}."


@pytest.fixture
def dated_lessons(tmp_path):
    """The minimal lesson, with routes checked on different days; Victim Support shown to staff only."""
    folder = tmp_path / "lessons"
    shutil.copytree(FIXTURES / "minimal", folder)
    routes = folder / "support-routes.yaml"
    text = routes.read_text(encoding="utf-8").split("  - id: ")
    dates = {"childline": RECENT, "revenge-porn-helpline": TODAY, "victim-support": STALE}
    for i, entry in enumerate(text):
        for route_id, day in dates.items():
            if entry.startswith(route_id + "\n"):
                text[i] = re.sub(r"last_verified: \S+", f"last_verified: {day.isoformat()}", entry)
                if route_id == "victim-support":
                    text[i] = text[i].replace("    nations:", "    audiences: [staff]\n    nations:")
    routes.write_text("  - id: ".join(text), encoding="utf-8")
    return folder


def _plain(text: str) -> str:
    return " ".join(text.split())


def pdf_text(data: bytes) -> str:
    return _plain(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def last_slide_text(data: bytes) -> str:
    slide = list(Presentation(io.BytesIO(data)).slides)[-1]
    return _plain(" ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame))


def test_every_handout_and_closing_slide_says_when_its_contacts_were_checked(dated_lessons, tmp_path):
    out = tmp_path / "out"
    result = build(BuildRequest(lesson_paths=[dated_lessons], output=out, formats=["handout", "slides"]))
    seen = {"pdf": 0, "html": 0, "pptx": 0}
    for entry in result.files:
        data = (out / entry.path).read_bytes()
        # The oldest date among the contacts each audience sees: pupils never see the staff-only route.
        expected = said(STALE if entry.audience == "staff" else RECENT)
        suffix = entry.path.rsplit(".", 1)[-1]
        text = {"pdf": pdf_text, "html": lambda d: _plain(d.decode("utf-8")),
                "pptx": last_slide_text}[suffix](data)
        assert expected in text, entry.path
        seen[suffix] += 1
    assert seen["pdf"] >= 5 and seen["pdf"] == seen["html"] and seen["pptx"] == 2


def test_a_build_names_each_stale_route(dated_lessons, tmp_path):
    result = CliRunner().invoke(main, ["build", str(dated_lessons), "--format", "json", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "more than 12 months ago" in line]
    assert len(warnings) == 1
    assert re.search(r"support-routes\.yaml:\d+:\d+: warning: 'victim-support' was last verified on "
                     + STALE.isoformat(), warnings[0])


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to look up a name or open a connection fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"the build tried to use the network: {args!r}")

    for name in ("getaddrinfo", "gethostbyname", "create_connection"):
        monkeypatch.setattr(socket, name, refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)


def test_a_whole_pack_builds_with_no_network(no_network, tmp_path):
    with pytest.raises(AssertionError):  # the guard works
        socket.create_connection(("127.0.0.1", 9))
    result = build(BuildRequest(lesson_paths=[LESSONS / "online-safety-ks2.yaml"], output=tmp_path,
                                school=LESSONS / "schools" / "example-england.yaml"))
    formats = {entry.format for entry in result.files}
    assert formats == {"slides", "handout", "quiz-paper", "kahoot", "gift", "moodle-xml", "qti", "json",
                       "lesson-plan", "parent-letter"}
