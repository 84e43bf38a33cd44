"""The human index pages of a build: one per pack (its files grouped by use, each with a title and
what it is for) and one for the output folder (which packs it holds, for which school)."""

from __future__ import annotations

import datetime as dt
from html import escape
from itertools import groupby
from typing import Dict, List, NamedTuple, Optional, Sequence, Tuple
from urllib.parse import quote

from .bilingual import ENDONYMS, marked_language, unmarked
from .wording import N_, _, current_language, ngettext
from .wording.phrases import long_date


class Use(NamedTuple):
    key: str
    heading: str
    intro: str


USES = (
    Use("teach", N_("To teach"), N_("Slide decks with speaker notes. Open in PowerPoint, Google Slides, Keynote or LibreOffice; "
        "every slide can be edited.")),
    Use("edit", N_("To edit in Word"), N_("The teacher's lesson plan and the letter home to parents and carers, as Word "
        "documents to adapt, annotate and send. Open in Word, Google Docs or LibreOffice.")),
    Use("print", N_("To print"), N_("Handouts and quiz papers as PDF, each with an accessible web page of the same text for "
        "screen readers and for reading on a screen.")),
    Use("platform", N_("For your learning platform"), N_("The quizzes as files to import into Kahoot, Moodle, Canvas or "
        "Brightspace.")),
    Use("integrate", N_("For integrations"), N_("The lesson as data, for other software.")),
)


class Kind(NamedTuple):
    ending: str
    """How the file's name ends after '<lesson>-<audience>', e.g. '-support-card.pdf'."""
    use: str
    title: str
    description: str


KINDS = (
    Kind(".pptx", "teach", N_("Slide deck"), N_("The lesson for this class, with speaker notes on every slide.")),
    Kind("-lesson-plan.docx", "edit", N_("Lesson plan"),
         N_("For the teacher: outcomes, key words, the timed activities with what to do and say, the safeguarding "
         "brief, answers to hard questions, the resources in this pack and who to contact.")),
    Kind("-parent-letter.docx", "edit", N_("Letter to parents and carers"),
         N_("From the school to the families of this class: what the lesson covers, how it is taught, what to do "
         "if their child is affected and where to get help. Check it, date it and send it before the lesson.")),
    Kind("-support-card.pdf", "print", N_("Support card"),
         N_("One page for each pupil to keep: what to do and who can help, under the lesson's title.")),
    Kind("help-card-", "print", N_("Support card, discreet"),
         N_("The same help under a plain title ('Worried about something online?'): nothing on it, or in its file "
         "name, says what it is about, for a pupil who could not safely keep the standard card.")),
    Kind("-pocket-cards.pdf", "print", N_("Pocket cards"),
         N_("Four small cards to a sheet, to cut out and give to each pupil: who to contact.")),
    Kind("help-pocket-cards-", "print", N_("Pocket cards, discreet"),
         N_("The pocket cards under a plain title, with nothing on them that gives the topic away.")),
    Kind("-adult-card.pdf", "print", N_("Card for students aged 18 and over"),
         N_("For staff to give one student who is 18 or over, one to one: the advice and services for adults.")),
    Kind("-worksheet.pdf", "print", N_("Scenario worksheet"), N_("The lesson's stories with questions, for pupils to work through.")),
    Kind("-parent-leaflet.pdf", "print", N_("Leaflet for parents and carers"),
         N_("What sextortion is, the signs, how to talk with a child and where to get help: to send home.")),
    Kind("-staff-briefing.pdf", "print", N_("Staff briefing"),
         N_("For every member of staff: the signs, how to respond to a disclosure and who to refer to.")),
    Kind("-quiz-paper.pdf", "print", N_("Quiz paper"),
         N_("The starter and exit quiz for pupils to answer on paper. It has no name line, so answers stay anonymous.")),
    Kind("-quiz-answer-key.pdf", "print", N_("Answer key"), N_("The answers and teaching points: for the teacher, not for pupils.")),
    Kind("-starter-quiz.kahoot.xlsx", "platform", N_("Starter quiz for Kahoot"),
         N_("In Kahoot: create a kahoot, Add question, Import spreadsheet. Ordering questions are left out.")),
    Kind("-exit-quiz.kahoot.xlsx", "platform", N_("Exit quiz for Kahoot"),
         N_("In Kahoot: create a kahoot, Add question, Import spreadsheet. Ordering questions are left out.")),
    Kind("-quiz.gift.txt", "platform", N_("Both quizzes for Moodle (GIFT)"),
         N_("In Moodle: Question bank, Import, GIFT format. Each quiz is a category.")),
    Kind("-quiz.moodle.xml", "platform", N_("Both quizzes for Moodle (XML)"),
         N_("In Moodle: Question bank, Import, Moodle XML format. Keeps ordering questions.")),
    Kind("-quiz.moodle-before-4.4.xml", "platform", N_("Both quizzes for any Moodle, including before 4.4 (XML)"),
         N_("In Moodle: Question bank, Import, Moodle XML format. Ordering questions become a choice between sequences.")),
    Kind("-starter-quiz.qti.zip", "platform", N_("Starter quiz for Canvas, Brightspace and others (QTI)"),
         N_("In Canvas: Settings, Import course content, QTI .zip file.")),
    Kind("-exit-quiz.qti.zip", "platform", N_("Exit quiz for Canvas, Brightspace and others (QTI)"),
         N_("In Canvas: Settings, Import course content, QTI .zip file.")),
    Kind(".json", "integrate", N_("Lesson data"), N_("The lesson exactly as this class sees it, contacts included.")),
)

MATERIALS = N_("Lesson materials")

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
    name = unmarked(entry["path"].rsplit("/", 1)[-1])  # a bilingual pack's 'x.cy.pptx' is a slide deck too
    twin = name.endswith(".html")
    pdf_name = name[:-len(".html")] + ".pdf" if twin else name
    for kind in sorted(KINDS, key=lambda k: -len(k.ending)):
        # The discreet cards' names start with what they are, and never name the lesson.
        if pdf_name.endswith(kind.ending) or (kind.ending.endswith("-") and pdf_name.startswith(kind.ending)):
            return kind._replace(title=_(kind.title), description=_(kind.description)), twin
    use = FORMAT_USES.get(entry["format"], "integrate")
    return Kind("", use, entry.get("title") or name, ""), twin


def _date(text: Optional[str]) -> str:
    if not text:
        return ""
    return long_date(dt.date.fromisoformat(text))


def _page(title: str, body: List[str]) -> str:
    return "\n".join([
        f'<!DOCTYPE html><html lang="{escape(current_language())}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>", f"<style>{STYLE}</style></head><body><main>",
        *body, "</main></body></html>\n",
    ])


def who_for(pack: dict) -> Tuple[str, str]:
    """(css class, sentence) saying whose pack this is, so nobody hands out the wrong one."""
    if not pack.get("school"):
        return "national", _("The national pack: it names no school and no safeguarding lead, only national services. "
                             "Build with --school for a pack that names your own contacts.")
    text = _("For {school}: every file names its safeguarding contacts.", school=pack["school_name"])
    if pack.get("fictional"):
        return "example", text + " " + _("This is an example school: its names, numbers and addresses are made up. "
                                         "Do not give these files to pupils; build with your own school's profile.")
    if pack.get("contacts_checked"):
        text += " " + _("Its contact details were last checked on {date}.", date=_date(pack["contacts_checked"]))
    return "school", text


def review_state(lesson: dict) -> str:
    """What the lesson's files say of their review ('Version 1.1. Draft: to be reviewed by ...'), or
    for a manifest from before review notices, its version and who last reviewed its text."""
    if lesson.get("review"):
        return str(lesson["review"]).rstrip(".")
    return _("version {version}, last reviewed on {date} by {reviewer}", version=lesson["version"],
             date=_date(lesson["last_reviewed"]), reviewer=lesson["reviewed_by"])


def _review(pack: dict) -> List[str]:
    lines = [f'<p class="meta">{escape(_("Review state of the lessons in this pack:"))}</p><ul class="meta">']
    for lesson in pack.get("lessons", []):
        lines.append(f"<li>{escape(lesson['title'])}: {escape(review_state(lesson))}.</li>")
    lines.append("</ul>")
    return lines


def pack_title(pack: dict) -> str:
    return (_("Lesson materials for {school}", school=pack["school_name"]) if pack.get("school")
            else _("Lesson materials: national pack"))


def pack_page(pack: dict, files: Sequence[dict]) -> str:
    """One pack's index.html: whose it is, how fresh, then its files grouped by use. Paths are relative to the pack."""
    css, sentence = who_for(pack)
    lessons = {lesson["id"]: lesson["title"] for lesson in pack.get("lessons", [])}
    audiences: Dict[str, str] = pack.get("audiences", {})
    body = [f"<h1>{escape(pack_title(pack))}</h1>", f'<p class="for {css}">{escape(sentence)}</p>',
            f'<p class="meta">{escape(ngettext("{count} file. Every file ends with who can help.", "{count} files. Every file ends with who can help.", len(files)))} '
            f'<a href="../{escape(quote(pack["zip"]))}">{escape(_("Download the whole pack as a zip"))}</a>.</p>', *_review(pack)]
    items = [(_kind(entry), entry) for entry in files]
    audience_order = {audience: index for index, audience in enumerate(audiences)}
    for use in USES:
        chosen = [(kind, twin, entry) for (kind, twin), entry in items if kind.use == use.key]
        if not chosen:
            continue
        body += [f'<h2 id="{use.key}">{escape(_(use.heading))}</h2>', f'<p class="meta">{escape(_(use.intro))}</p>']
        order = lambda item: (item[2]["lesson"], audience_order.get(item[2]["audience"], 0), item[2]["audience"])  # noqa: E731
        for (lesson, _twin, audience), group in groupby(sorted(chosen, key=order), key=order):
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
        tag = marked_language(main["path"])
        if tag:  # one file per language in a bilingual pack: each says which, in its own language's name
            link = (f'<a href="{escape(quote(main["path"]))}" hreflang="{tag}">{escape(kind.title)}</a> '
                    f'(<span lang="{tag}">{ENDONYMS[tag]}</span>)')
        kind_of = main["path"].rsplit(".", 1)[-1].upper()
        extra = f' ({escape(kind_of)})'
        if False in versions and True in versions:
            extra += escape(_(", or as an {link}")).format(
                link=f'<a href="{escape(quote(versions[True]["path"]))}">{escape(_("accessible web page"))}</a>')
        what = f'<span class="what">{escape(kind.description)}</span>' if kind.description else ""
        lines.append(f"<li>{link}{extra}{what}</li>")
    return lines


def packs_page(packs: Sequence[dict]) -> str:
    """The output folder's index.html: each pack, whose it is, with links to its page and its zip."""
    body = [f"<h1>{escape(_(MATERIALS))}</h1>",
            f'<p class="meta">{escape(ngettext("{count} pack in this folder.", "{count} packs in this folder.", len(packs)))} '
            f'{escape(_("Each pack is a folder of its own with a page listing its files, and a zip of that folder to share."))}</p>']
    for pack in packs:
        css, sentence = who_for(pack)
        name = pack.get("school_name") or _("National pack")
        opening = _("the pack for {school}", school=name) if pack.get("school") else _("the national pack")
        reviews = sorted({review_state(lesson) for lesson in pack.get("lessons", [])})
        body += [f"<h2>{escape(name)}</h2>", f'<p class="for {css}">{escape(sentence)}</p>',
                 "<p>" + escape(_("{open} or download it as {zip}.")).format(
                           open=f'<a href="{escape(quote(pack["index"]))}">'
                                f'{escape(ngettext("Open {pack} ({count} file)", "Open {pack} ({count} files)", pack["files"], pack=opening))}</a>',
                           zip=f'<a href="{escape(quote(pack["zip"]))}">{escape(pack["zip"])}</a>') + "</p>"]
        if len(reviews) == 1:
            body.append(f'<p class="meta">{escape(_("Lessons: {review}.", review=reviews[0]))}</p>')
    return _page(_(MATERIALS), body)
