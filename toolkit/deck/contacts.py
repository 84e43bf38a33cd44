"""Who can help: the school's contacts first, then local and national services, each with its
number or address and a QR code for web addresses; and the closing slide, which repeats them so
the last thing a class sees is where to get help."""

from __future__ import annotations

from typing import List, Tuple

from ..adapt import AdaptedLesson, HelpContact
from . import notes as n
from .content import Block, Para, QrCode, Run, SlideSpec, bullets, labelled, para

_SCOPE_TITLES = {
    "school": "Who can help at school",
    "local": "Who can help near you",
    "national": "Who can help: national services",
}


def short_url(url: str) -> str:
    """'https://www.childline.org.uk/' -> 'www.childline.org.uk' (what people type)."""
    text = url.split("://", 1)[-1]
    return text[:-1] if text.endswith("/") else text


def _link(label: str, url: str) -> Para:
    return Para((Run(label, True), Run(short_url(url), link=url)), level=1, bullet=False)


def contact_block(contact: HelpContact) -> Block:
    name = [Run(contact.name, True)]
    if contact.nations_note:
        name.append(Run(f" ({contact.nations_note})"))
    paras: List[Para] = [Para(tuple(name), bullet=False)]
    if contact.purpose:
        paras.append(para(contact.purpose, level=1, bullet=False))
    if contact.where_to_find:
        paras.append(labelled("Where to find them: ", contact.where_to_find, level=1))
    # How to reach them on as few lines as possible: each slide holds about a dozen lines.
    reach: List[Run] = []
    for label, value in (("Phone ", contact.phone), ("Textphone ", contact.textphone), ("Text: ", contact.text),
                         ("Email ", contact.email), ("Open: ", contact.hours)):
        if value:
            reach += [Run(" \u00b7 " if reach else ""), Run(label, True), Run(value)]
    if reach:
        paras.append(Para(tuple(r for r in reach if r.text), level=1, bullet=False))
    if contact.url:
        paras.append(_link("Online: ", contact.url))
    qr = QrCode(contact.name, contact.url) if contact.url else None
    return Block(tuple(paras), qr)


def _contact_notes(contacts: Tuple[HelpContact, ...]) -> str:
    return n.listed("Who each service is for:", [f"{c.name}: {c.for_whom}" for c in contacts if c.for_whom])


def who_can_help(lesson: AdaptedLesson) -> List[SlideSpec]:
    slides = []
    for scope, contacts in (("school", lesson.school_contacts), ("local", lesson.local_contacts),
                            ("national", lesson.national_contacts)):
        if not contacts:
            continue
        if scope == "school":
            say = (f"Show where to find {n.safeguarding_lead(lesson)}. Remind the class they can talk to you "
                   "or any adult they trust in school after the lesson." if lesson.is_pupils
                   else f"Make sure everyone knows how to reach {n.safeguarding_lead(lesson)}.")
        elif scope == "local":
            say = "These are the local services for this school's area."
        else:
            say = ("Go through what each service is for and how to reach it. Point out the QR codes: "
                   "anyone can scan them later, privately.")
        slides.append(SlideSpec(
            "content", _SCOPE_TITLES[scope], tuple(contact_block(c) for c in contacts), group="who can help",
            notes=n.join(say, _contact_notes(contacts)),
        ))
    return slides


def compact_line(contact: HelpContact) -> Para:
    """One line per contact for the closing slide: name, then how to reach them."""
    reach = [v for v in (contact.phone, contact.text) if v]
    if contact.scope == "school" and contact.where_to_find:
        reach.insert(0, contact.where_to_find)
    runs = [Run(contact.name, True), Run(": " + ", ".join(reach) if reach else "")]
    if contact.url:
        runs += [Run(", " if reach else ": "), Run(short_url(contact.url), link=contact.url)]
    return Para(tuple(r for r in runs if r.text), bullet=True)


def closing(lesson: AdaptedLesson) -> List[SlideSpec]:
    """Key messages, then every contact again in one line each: the deck always ends on help."""
    help_lines = [compact_line(c) for c in lesson.help_contacts]
    heading = para("Who can help", bullet=False, bold=True)
    blocks = bullets(lesson.key_messages) + (Block((heading, help_lines[0])),) + tuple(Block((p,)) for p in help_lines[1:])
    return [SlideSpec(
        "content", "Remember", blocks, group="closing",
        notes=n.join(
            "End on the key messages. Leave this slide up as the class leaves so anyone can note a contact "
            "privately.",
            "Remind everyone that they can talk to you or another trusted adult after the lesson."
            if lesson.is_pupils else "",
        ),
    )]
