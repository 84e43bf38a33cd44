"""Helpers for the slide-deck tests: a small lesson of our own, a fictional school, and readers
that look at a deck the way a teacher would (titles, body text, notes, pictures)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from toolkit.adapt import AdaptedLesson, adapt
from toolkit.deck import build_deck
from toolkit.load import load_project, load_school
from toolkit.render import RenderContext, RenderOptions

from kit import FIXTURES

LONG_POINTS = [f"Point {n}: a sentence long enough to take up most of a line on the slide." for n in range(1, 31)]

# A compact lesson that uses every part of the format. Characters are fictional; the routes are the
# minimal fixture's (Childline, the adult-only Revenge Porn Helpline, Victim Support).
LESSON = {
    "id": "deck-test",
    "title": "Deck test lesson",
    "version": "2.1",
    "last_reviewed": "2026-11-01",
    "reviewed_by": "Test reviewer",
    "audiences": ["ks3", "staff"],
    "duration_minutes": 50,
    "summary": "A lesson written for the slide tests.",
    "content_warning": "This lesson talks about online blackmail. Nothing in it is graphic.",
    "ground_rules": ["Listen to each other.", "Use no names."],
    "learning_outcomes": ["I can spot warning signs.", "I can name someone who can help."],
    "key_messages": ["It's never your fault.", "Tell a trusted adult."],
    "keywords": [{"term": "blackmail", "definition": "Threatening to do something harmful unless someone does what you want."}],
    "baseline_activity": {"title": "What do we know?", "instructions": "Write down what you know.", "minutes": 5,
                          "notes": "Collect the sheets without names."},
    "sections": [
        {"id": "long-list", "title": "A very long list", "points": LONG_POINTS, "minutes": 7,
         "notes": "Say each point slowly."},
    ],
    "scenarios": [{
        "id": "alex", "title": "Alex and the new friend",
        "characters": [{"name": "Alex", "age": 13, "description": "Alex likes drawing.", "fictional": True}],
        "beats": [{"stage": "contact", "text": "Someone new follows Alex."},
                  {"stage": "help", "text": "Alex tells a teacher."}],
        "discussion_questions": ["What made Alex worried?", "Who could Alex talk to?"],
        "warning_signs_shown": ["moves-fast"],
        "notes": "Keep the talk about Alex, not about anyone in the room.",
    }],
    "warning_signs": [{"id": "moves-fast", "kind": "offender-tactic", "text": "They get close very fast."}],
    "response_steps": [
        {"id": "dont-pay", "verb": "dont-pay", "title": "Don't pay", "text": "Paying rarely makes it stop."},
        {"id": "keep", "verb": "keep-evidence", "title": "Keep the evidence", "text": "Keep the messages.",
         "caution": "Never keep or send on the picture itself."},
        {"id": "tell", "verb": "tell-adult", "title": "Tell a trusted adult", "text": "They will help, not judge."},
    ],
    "misconceptions": [{"myth": "It only happens to girls.", "response": "Anyone can be targeted."}],
    "support_routes": ["childline", "victim-support"],
    "quiz": {
        "starter": [{
            "id": "true-or-false", "type": "true-false", "question": "Paying makes it stop.",
            "teaching_point": "Paying rarely makes it stop.",
            "options": [{"text": "True", "feedback": "Not so: they often ask for more."},
                        {"text": "False", "correct": True, "feedback": "Right: paying rarely ends it."}],
        }],
        "exit": [{
            "id": "order", "type": "ordering", "question": "Put these in order.",
            "teaching_point": "Stop, keep the messages, then tell someone.",
            "options": [{"text": "Stop replying", "feedback": "First, stop replying."},
                        {"text": "Keep the messages", "feedback": "Then keep the messages."},
                        {"text": "Tell an adult", "feedback": "Then tell an adult you trust."}],
        }],
    },
    "closing_activity": {"title": "Something kind", "instructions": "Write one kind piece of advice for Alex."},
    "teacher_notes": {
        "safeguarding_brief": "Tell the DSL before the lesson.",
        "disclosure_protocol": ["Listen and stay calm.", "Do not promise secrecy.", "Tell the DSL straight away."],
        "hard_questions": [{"question": "What if I already paid?", "answer": "Stop paying and tell someone."}],
        "timings": [{"activity": "A very long list", "minutes": 7}, {"activity": "Exit quiz", "minutes": 5}],
        "language_to_use": ["person targeted"],
    },
    "statistics": [{"id": "rise", "claim": "Reports more than doubled in a year.", "year": 2023,
                    "source_url": "https://example.org/report", "last_verified": "2026-11-01",
                    "audiences": ["staff"]}],
    "sources": [{"key": "S1", "title": "A report", "url": "https://example.org/report", "publisher": "Example body"}],
}


def lesson_folder(tmp_path: Path, **changes) -> Path:
    """A lessons folder holding the test lesson (with `changes`) and the minimal catalogues."""
    folder = tmp_path / "lessons"
    folder.mkdir(exist_ok=True)
    for name in ("audiences.yaml", "support-routes.yaml"):
        shutil.copy(FIXTURES / "minimal" / name, folder / name)
    (folder / "deck-test.yaml").write_text(yaml.safe_dump({**LESSON, **changes}, sort_keys=False), encoding="utf-8")
    return folder


def school_profile(tmp_path: Path, nation: str = "england", logo: bool = True, **changes) -> Path:
    """A fictional school: every number is from Ofcom's drama range (01632 960xxx)."""
    profile = {
        "id": "test-school", "name": "Hillside Academy (example)", "nation": nation, "fictional": True,
        "safeguarding_contacts": [
            {"name": "Ms Dana Okafor", "role": "Designated Safeguarding Lead",
             "where_to_find": "Room B12, or ask at Reception", "phone": "01632 960123", "last_verified": "2026-11-01"},
            {"name": "Mr Lee Patel", "role": "Deputy DSL", "where_to_find": "Library office", "deputy": True,
             "last_verified": "2026-11-01"},
        ],
        "local_police": {"name": "Example Constabulary", "phone": "01632 960999", "last_verified": "2026-11-01"},
        "branding": {"primary": "#7B2D8E"},
    }
    if logo:
        image = Image.new("RGB", (300, 150), (123, 45, 142))
        image.save(tmp_path / "crest.png")
        profile |= {"logo": "crest.png", "logo_alt": "Hillside Academy crest: an oak tree"}
    profile |= changes
    path = tmp_path / "school.yaml"
    path.write_text(yaml.safe_dump(profile, sort_keys=False), encoding="utf-8")
    return path


def adapted_lesson(folder: Path, audience: str, school: Optional[Path] = None, lesson_id: str = "deck-test") -> AdaptedLesson:
    project, findings = load_project([folder])
    errors = [f.render() for f in findings if f.severity == "error"]
    assert not errors, errors
    profile = None
    if school is not None:
        loaded, problems = load_school(school)
        assert loaded is not None, [p.render() for p in problems]
        profile = loaded.model
    return adapt(project.lesson(lesson_id), project.audiences[audience], project.routes, profile)


def make_deck(lesson: AdaptedLesson, template: Optional[Path] = None) -> Tuple[Presentation, List[str], bytes]:
    context = RenderContext(options=RenderOptions(template=template))
    data = build_deck(lesson, context)
    return Presentation(io.BytesIO(data)), context.warnings, data


# --- reading a deck back ------------------------------------------------------------------------

def title_of(slide) -> str:
    shape = slide.shapes.title
    return shape.text_frame.text if shape is not None else ""


def body_of(slide) -> str:
    """Every text on the slide except the title and the slide number, as one string."""
    title = slide.shapes.title
    return "\n".join(
        s.text_frame.text for s in slide.shapes
        if s.has_text_frame and (title is None or s.shape_id != title.shape_id)
        and not is_placeholder_kind(s, PP_PLACEHOLDER.SLIDE_NUMBER)
    )


def notes_of(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def slides_titled(prs, prefix: str) -> List:
    return [s for s in prs.slides if title_of(s).startswith(prefix)]


def pictures(slide) -> List:
    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def alt_text(shape) -> str:
    return shape._element.nvPicPr.cNvPr.get("descr", "")


def body_runs(slide):
    """(run, is_title) for every run of text on the slide."""
    title = slide.shapes.title
    for shape in slide.shapes:
        if shape.has_text_frame:
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    yield run, title is not None and shape.shape_id == title.shape_id


def is_placeholder_kind(shape, *kinds: PP_PLACEHOLDER) -> bool:
    return shape.is_placeholder and shape.placeholder_format.type in kinds


# --- LibreOffice --------------------------------------------------------------------------------

def to_pdf(soffice: str, decks: List[Path], folder: Path) -> Dict[Path, Path]:
    """Convert decks with LibreOffice in one run; it exits 0 even on failure, so check each PDF."""
    folder.mkdir(parents=True, exist_ok=True)
    profile = folder / "lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), *map(str, decks)],
        capture_output=True, timeout=600, check=False,
    )
    return {deck: folder / (deck.stem + ".pdf") for deck in decks}


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def words_outside_shapes(pdftotext: str, deck: Path, pdf: Path, tolerance_pt: float = 1.5) -> List[str]:
    """Words LibreOffice drew outside every shape of their slide (text that overflowed its box)."""
    html = subprocess.run([pdftotext, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = re.findall(r"<page[^>]*>(.*?)</page>", html, re.S)
    prs = Presentation(str(deck))
    problems = []
    for number, (slide, page) in enumerate(zip(prs.slides, pages), start=1):
        boxes = [(s.left / 12700, s.top / 12700, (s.left + s.width) / 12700, (s.top + s.height) / 12700)
                 for s in slide.shapes]
        for match in WORD.finditer(page):
            x0, y0, x1, y1 = (float(v) for v in match.groups()[:4])
            inside = any(x0 >= l - tolerance_pt and y0 >= t - tolerance_pt and x1 <= r + tolerance_pt
                         and y1 <= b + tolerance_pt for l, t, r, b in boxes)
            if not inside:
                problems.append(f"{deck.name} slide {number} ('{title_of(slide)}'): '{match.group(5)}'")
    return problems


def help_cards(slide) -> List[Dict[str, object]]:
    """The help cards of a Who can help slide, in reading order: each card's group name, its text
    (name, purpose, ways to reach it) and its QR codes (alt text, link)."""
    cards = []
    for group in (s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP):
        texts = [s.text_frame.text for s in group.shapes if s.has_text_frame and s.text_frame.text]
        codes = [(alt_text(s), s.click_action.hyperlink.address) for s in group.shapes
                 if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        inner = list(group.shapes)
        left, top = min(s.left for s in inner), min(s.top for s in inner)
        box = (left, top, max(s.left + s.width for s in inner) - left, max(s.top + s.height for s in inner) - top)
        cards.append({"name": group.name, "text": "\n".join(texts), "qr": codes, "box": box})
    return cards


def shown_text(slide) -> str:
    """Everything a slide shows: its body text and the text of its drawn pictures and cards."""
    return "\n".join([body_of(slide)] + [c["text"] for c in help_cards(slide)])
