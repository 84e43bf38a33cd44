"""The human index pages of a build: one per pack (its files grouped by use, each with a title and
what it is for) and one for the output folder (which packs it holds, for which school)."""

from __future__ import annotations

import datetime as dt
from html import escape
from itertools import groupby
from typing import Dict, List, NamedTuple, Optional, Sequence, Tuple
from urllib.parse import quote


class Use(NamedTuple):
    key: str
    heading: str
    intro: str


USES = (
    Use("teach", "To teach", "Slide decks with speaker notes. Open in PowerPoint, Google Slides, Keynote or LibreOffice; "
        "every slide can be edited."),
    Use("edit", "To edit in Word", "The teacher's lesson plan and the letter home to parents and carers, as Word "
        "documents to adapt, annotate and send. Open in Word, Google Docs or LibreOffice."),
    Use("print", "To print", "Handouts and quiz papers as PDF, each with an accessible web page of the same text for "
        "screen readers and for reading on a screen."),
    Use("platform", "For your learning platform", "The quizzes as files to import into Kahoot, Moodle, Canvas or "
        "Brightspace."),
    Use("integrate", "For integrations", "The lesson as data, for other software."),
)


class Kind(NamedTuple):
    ending: str
    """How the file's name ends after '<lesson>-<audience>', e.g. '-support-card.pdf'."""
    use: str
    title: str
    description: str


KINDS = (
    Kind(".pptx", "teach", "Slide deck", "The lesson for this class, with speaker notes on every slide."),
    Kind("-lesson-plan.docx", "edit", "Lesson plan",
         "For the teacher: outcomes, key words, the timed activities with what to do and say, the safeguarding "
         "brief, answers to hard questions, the resources in this pack and who to contact."),
    Kind("-parent-letter.docx", "edit", "Letter to parents and carers",
         "From the school to the families of this class: what the lesson covers, how it is taught, what to do "
         "if their child is affected and where to get help. Check it, date it and send it before the lesson."),
    Kind("-support-card.pdf", "print", "Support card",
         "One page for each pupil to keep: what to do and who can help, under the lesson's title."),
    Kind("help-card-", "print", "Support card, discreet",
         "The same help under a plain title ('Worried about something online?'): nothing on it, or in its file "
         "name, says what it is about, for a pupil who could not safely keep the standard card."),
    Kind("-pocket-cards.pdf", "print", "Pocket cards",
         "Four small cards to a sheet, to cut out and give to each pupil: who to contact."),
    Kind("help-pocket-cards-", "print", "Pocket cards, discreet",
         "The pocket cards under a plain title, with nothing on them that gives the topic away."),
    Kind("-adult-card.pdf", "print", "Card for students aged 18 and over",
         "For staff to give one student who is 18 or over, one to one: the advice and services for adults."),
    Kind("-worksheet.pdf", "print", "Scenario worksheet", "The lesson's stories with questions, for pupils to work through."),
    Kind("-parent-leaflet.pdf", "print", "Leaflet for parents and carers",
         "What sextortion is, the signs, how to talk with a child and where to get help: to send home."),
    Kind("-staff-briefing.pdf", "print", "Staff briefing",
         "For every member of staff: the signs, how to respond to a disclosure and who to refer to."),
    Kind("-quiz-paper.pdf", "print", "Quiz paper",
         "The starter and exit quiz for pupils to answer on paper. It has no name line, so answers stay anonymous."),
    Kind("-quiz-answer-key.pdf", "print", "Answer key", "The answers and teaching points: for the teacher, not for pupils."),
    Kind("-starter-quiz.kahoot.xlsx", "platform", "Starter quiz for Kahoot",
         "In Kahoot: create a kahoot, Add question, Import spreadsheet. Ordering questions are left out."),
    Kind("-exit-quiz.kahoot.xlsx", "platform", "Exit quiz for Kahoot",
         "In Kahoot: create a kahoot, Add question, Import spreadsheet. Ordering questions are left out."),
    Kind("-quiz.gift.txt", "platform", "Both quizzes for Moodle (GIFT)",
         "In Moodle: Question bank, Import, GIFT format. Each quiz is a category."),
    Kind("-quiz.moodle.xml", "platform", "Both quizzes for Moodle (XML)",
         "In Moodle: Question bank, Import, Moodle XML format. Keeps ordering questions."),
    Kind("-quiz.moodle-before-4.4.xml", "platform", "Both quizzes for any Moodle, including before 4.4 (XML)",
         "In Moodle: Question bank, Import, Moodle XML format. Ordering questions become a choice between sequences."),
    Kind("-starter-quiz.qti.zip", "platform", "Starter quiz for Canvas, Brightspace and others (QTI)",
         "In Canvas: Settings, Import course content, QTI .zip file."),
    Kind("-exit-quiz.qti.zip", "platform", "Exit quiz for Canvas, Brightspace and others (QTI)",
         "In Canvas: Settings, Import course content, QTI .zip file."),
    Kind(".json", "integrate", "Lesson data", "The lesson exactly as this class sees it, contacts included."),
)

FORMAT_USES = {"slides": "teach", "lesson-plan": "edit", "parent-letter": "edit", "handout": "print", "quiz-paper": "print", "kahoot": "platform", "gift": "platform",
               "moodle-xml": "platform", "qti": "platform", "json": "integrate"}

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;
line-height:1.5;color:#1a1a1a;background:#fff}
h1{font-size:1.8rem}h2{font-size:1.4rem;margin-top:2rem;border-bottom:2px solid #1d4e89}h3{font-size:1.15rem}
a{color:#0b4f9c}a:focus{outline:3px solid #ffbf47}ul{padding-left:1.2rem}li{margin:.4rem 0}
.meta,.what{color:#444;font-size:.95rem}.what{display:block}
.for{border-left:6px solid #1d4e89;background:#f1f5fa;padding:.6rem 1rem}
.for.example,.for.national{border-left-color:#8a4b00;background:#fdf5e8}
"""


def describe(name: str, format_name: str) -> Kind:
    """What a file of a pack is, for people: its title and what it is for (the pack index and the
    lesson plan's list of resources both ask here)."""
    return _kind({"path": name, "format": format_name})[0]


def _kind(entry: dict) -> Tuple[Kind, bool]:
    """The kind of file and whether it is the accessible web page twin of a PDF."""
    name = entry["path"].rsplit("/", 1)[-1]
    twin = name.endswith(".html")
    pdf_name = name[:-len(".html")] + ".pdf" if twin else name
    for kind in sorted(KINDS, key=lambda k: -len(k.ending)):
        # The discreet cards' names start with what they are, and never name the lesson.
        if pdf_name.endswith(kind.ending) or (kind.ending.endswith("-") and pdf_name.startswith(kind.ending)):
            return kind, twin
    use = FORMAT_USES.get(entry["format"], "integrate")
    return Kind("", use, entry.get("title") or name, ""), twin


def _date(text: Optional[str]) -> str:
    if not text:
        return ""
    day = dt.date.fromisoformat(text)
    return f"{day.day} {day:%B %Y}"


def _page(title: str, body: List[str]) -> str:
    return "\n".join([
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>", f"<style>{STYLE}</style></head><body><main>",
        *body, "</main></body></html>\n",
    ])


def who_for(pack: dict) -> Tuple[str, str]:
    """(css class, sentence) saying whose pack this is, so nobody hands out the wrong one."""
    if not pack.get("school"):
        return "national", ("The national pack: it names no school and no safeguarding lead, only national services. "
                            "Build with --school for a pack that names your own contacts.")
    text = f"For {pack['school_name']}: every file names its safeguarding contacts."
    if pack.get("fictional"):
        return "example", text + (" This is an example school: its names, numbers and addresses are made up. "
                                  "Do not give these files to pupils; build with your own school's profile.")
    if pack.get("contacts_checked"):
        text += f" Its contact details were last checked on {_date(pack['contacts_checked'])}."
    return "school", text


def review_state(lesson: dict) -> str:
    """What the lesson's files say of their review ('Version 1.1. Draft: to be reviewed by ...'), or
    for a manifest from before review notices, its version and who last reviewed its text."""
    if lesson.get("review"):
        return str(lesson["review"]).rstrip(".")
    return (f"version {lesson['version']}, last reviewed on {_date(lesson['last_reviewed'])} "
            f"by {lesson['reviewed_by']}")


def _review(pack: dict) -> List[str]:
    lines = ['<p class="meta">Review state of the lessons in this pack:</p><ul class="meta">']
    for lesson in pack.get("lessons", []):
        lines.append(f"<li>{escape(lesson['title'])}: {escape(review_state(lesson))}.</li>")
    lines.append("</ul>")
    return lines


def pack_title(pack: dict) -> str:
    return f"Lesson materials for {pack['school_name']}" if pack.get("school") else "Lesson materials: national pack"


def pack_page(pack: dict, files: Sequence[dict]) -> str:
    """One pack's index.html: whose it is, how fresh, then its files grouped by use. Paths are relative to the pack."""
    css, sentence = who_for(pack)
    lessons = {lesson["id"]: lesson["title"] for lesson in pack.get("lessons", [])}
    audiences: Dict[str, str] = pack.get("audiences", {})
    body = [f"<h1>{escape(pack_title(pack))}</h1>", f'<p class="for {css}">{escape(sentence)}</p>',
            f'<p class="meta">{len(files)} files. Every file ends with who can help. '
            f'<a href="../{escape(quote(pack["zip"]))}">Download the whole pack as a zip</a>.</p>', *_review(pack)]
    items = [(_kind(entry), entry) for entry in files]
    audience_order = {audience: index for index, audience in enumerate(audiences)}
    for use in USES:
        chosen = [(kind, twin, entry) for (kind, twin), entry in items if kind.use == use.key]
        if not chosen:
            continue
        body += [f'<h2 id="{use.key}">{escape(use.heading)}</h2>', f'<p class="meta">{escape(use.intro)}</p>']
        order = lambda item: (item[2]["lesson"], audience_order.get(item[2]["audience"], 0), item[2]["audience"])  # noqa: E731
        for (lesson, _, audience), group in groupby(sorted(chosen, key=order), key=order):
            body.append(f"<h3>{escape(lessons.get(lesson, lesson))}: {escape(audiences.get(audience, audience))}</h3><ul>")
            body += _items(list(group))
            body.append("</ul>")
    return _page(pack_title(pack), body)


def _items(group: List[Tuple[Kind, bool, dict]]) -> List[str]:
    """One line per document: the PDF and its web page twin side by side."""
    by_stem: Dict[str, Dict[bool, dict]] = {}
    kinds: Dict[str, Kind] = {}
    for kind, twin, entry in group:
        stem = entry["path"].rsplit(".", 1)[0] if entry["path"].endswith((".pdf", ".html")) else entry["path"]
        by_stem.setdefault(stem, {})[twin] = entry
        kinds[stem] = kind
    order = {kind.ending: index for index, kind in enumerate(KINDS)}
    lines = []
    for stem in sorted(by_stem, key=lambda s: (order.get(kinds[s].ending, len(order)), s)):
        kind, versions = kinds[stem], by_stem[stem]
        main = versions.get(False) or versions[True]
        link = f'<a href="{escape(quote(main["path"]))}">{escape(kind.title)}</a>'
        kind_of = main["path"].rsplit(".", 1)[-1].upper()
        extra = f' ({escape(kind_of)})'
        if False in versions and True in versions:
            extra += f', or as an <a href="{escape(quote(versions[True]["path"]))}">accessible web page</a>'
        what = f'<span class="what">{escape(kind.description)}</span>' if kind.description else ""
        lines.append(f"<li>{link}{extra}{what}</li>")
    return lines


def packs_page(packs: Sequence[dict]) -> str:
    """The output folder's index.html: each pack, whose it is, with links to its page and its zip."""
    body = ["<h1>Lesson materials</h1>",
            f'<p class="meta">{len(packs)} pack{"s" if len(packs) != 1 else ""} in this folder. Each pack is a folder '
            "of its own with a page listing its files, and a zip of that folder to share.</p>"]
    for pack in packs:
        css, sentence = who_for(pack)
        name = pack.get("school_name") or "National pack"
        opening = f"the pack for {name}" if pack.get("school") else "the national pack"
        reviews = sorted({review_state(lesson) for lesson in pack.get("lessons", [])})
        body += [f"<h2>{escape(name)}</h2>", f'<p class="for {css}">{escape(sentence)}</p>',
                 f'<p><a href="{escape(quote(pack["index"]))}">Open {escape(opening)} ({pack["files"]} files)</a> '
                 f'or download it as <a href="{escape(quote(pack["zip"]))}">{escape(pack["zip"])}</a>.</p>']
        if len(reviews) == 1:
            body.append(f'<p class="meta">Lessons: {escape(reviews[0])}.</p>')
    return _page("Lesson materials", body)
