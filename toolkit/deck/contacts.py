"""Who can help: the school's contacts first, then local and national services, each a card with
what it is for, how to reach it and a QR code for its web page, on one or two slides (a list in two
columns only when no grid of cards fits); and the closing slide, which ends every deck on the key
messages and the few contacts that matter most."""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

from ..adapt import AdaptedLesson, HelpContact
from ..freshness import lesson_checked_line
from . import notes as n
from .content import Block, Para, QrCode, Run, SlideSpec, bullets, labelled, para
from .fit import body_sizes
from .helpcards import HelpCard, HelpCards, Way
from .metrics import count_lines
from ..wording import N_, _
from ..wording.phrases import text_label, way_label, who_can_help as who_can_help_heading

_SCOPE_HEADINGS = {"school": N_("At school"), "local": N_("Near you"), "national": N_("National services")}
# The closing slide's contacts, besides the school's own: the routes that matter most for anyone.
_KEY_ROUTES_PUPILS = ("childline", "ceop-safety-centre")
_KEY_ROUTES_ADULTS = ("ceop-safety-centre",)
_POLICE = ("police-999", "police-101")
# A Two Content column beside its QR codes, less the indent, in points: web addresses are
# shortened until they fit one line of it, rather than break in the middle.
NARROW_COLUMN_PT = 300


def short_url(url: str) -> str:
    """'https://www.childline.org.uk/' -> 'www.childline.org.uk' (what people type)."""
    text = url.split("://", 1)[-1]
    return text[:-1] if text.endswith("/") else text


def shown_url(url: str, size_pt: int) -> str:
    """The address as a slide shows it: in full if it fits a narrow column at `size_pt`, else its
    site ('www.iwf.org.uk'), else the site without 'www.'. The link and QR code go to the page."""
    full = short_url(url)
    site = full.split("/", 1)[0]
    for text in (full, site):
        if count_lines([(text, False)], size_pt, NARROW_COLUMN_PT) == 1:
            return text
    return site[4:] if site.startswith("www.") else site


def first_sentence(text: str) -> str:
    """What a service is for, in its first sentence; the rest is in the speaker notes."""
    match = re.match(r"(.+?[.!?])\s+[A-Z]", text)
    return match.group(1) if match else text


def contact_block(contact: HelpContact, size_pt: int) -> Block:
    """The service's name and what it is for in one paragraph, then where to find it and how to
    reach it, indented under it (`size_pt`: the largest size the text may be set in)."""
    name = [Run(contact.name, True)]
    if contact.nations_note:
        name.append(Run(f" ({contact.nations_note})"))
    if contact.purpose:
        name.append(Run(": " + first_sentence(contact.purpose)))
    paras: List[Para] = [Para(tuple(name), bullet=False)]
    if contact.where_to_find:
        paras.append(labelled(way_label("where") + " ", contact.where_to_find, level=1))
    # How to reach them on as few lines as possible, as columns are narrow: a national service's
    # email and opening hours are in the speaker notes.
    local = contact.scope != "national"
    reach: List[Run] = []
    for label, value in (("phone", contact.phone), ("textphone", contact.textphone), ("text", contact.text),
                         ("email", contact.email if local else ""), ("hours", contact.hours if local else "")):
        label = _spaced(text_label(value) if label == "text" else way_label(label)) if value else ""
        if value:
            reach += [Run(" \u00b7 " if reach else ""), Run(label, True), Run(value)]
    if contact.url:
        reach += [Run(" \u00b7 " if reach else ""), Run(shown_url(contact.url, size_pt), link=contact.url)]
    if reach:
        paras.append(Para(tuple(r for r in reach if r.text), level=1, bullet=False))
    qr = QrCode(contact.name, contact.url) if contact.url else None
    return Block(tuple(paras), qr)


def _contact_notes(contacts: Tuple[HelpContact, ...]) -> str:
    """Each service in full: what it does, who it is for, every way to reach it."""
    lines = []
    for c in contacts:
        details = [c.purpose, _("For: {whom}", whom=c.for_whom) if c.for_whom else "",
                   f"{way_label('email')} {c.email}" if c.email else "", f"{way_label('hours')} {c.hours}" if c.hours else "", c.url]
        lines.append(f"{c.name}: " + " ".join(_sentence(d) for d in details if d))
    return n.listed(_("Each service in full:"), lines)


def _spaced(label: str) -> str:
    """A contact label with the space before its value ('Phone: '), or nothing."""
    return label + " " if label else ""


def _sentence(text: str) -> str:
    return text if text.endswith((".", "/")) or "://" in text else text + "."


def _say(lesson: AdaptedLesson, scopes) -> str:
    lead = n.safeguarding_lead(lesson)
    say = {
        "school": (_("Show where to find {lead}. Remind the class they can talk to you or any adult they trust "
                     "in school after the lesson.", lead=lead) if lesson.is_pupils
                   else _("Make sure everyone knows how to reach {lead}.", lead=lead)),
        "local": _("The services near you are the local ones for this school's area."),
        "national": _("Go through what each service is for and how to reach it. Point out the QR codes: anyone "
                      "can scan them later, privately."),
    }
    return n.join(*(say[scope] for scope in scopes))


def site(url: str) -> str:
    """'https://www.childline.org.uk/info/' -> 'childline.org.uk': what a card shows beside its QR
    code, which (like the notes) has the full address."""
    host = short_url(url).split("/", 1)[0]
    return host[4:] if host.startswith("www.") else host


def help_card(contact: HelpContact) -> HelpCard:
    """A service as a card: its name (with the nations it serves, when the pack is for all four),
    what it is for in a few words, and how to reach it: where to find someone at school, the
    numbers to call or text, and its web site beside its QR code. Email and hours are in the notes."""
    name = f"{contact.name} ({contact.nations_note})" if contact.nations_note else contact.name
    reach: List[Way] = []
    if contact.where_to_find and contact.scope == "school":
        reach.append(Way(contact.where_to_find, way_label("where"), wraps=True))
    if contact.phone:
        reach.append(Way(contact.phone, way_label("phone"), label_optional=True))
    if contact.textphone:
        reach.append(Way(contact.textphone, way_label("textphone")))
    if contact.text:
        reach.append(Way(contact.text, text_label(contact.text)))
    if contact.scope == "local" and contact.kind == "report" and not contact.phone and not contact.url:
        reach.append(Way(_("999 in an emergency, otherwise 101"), wraps=True))  # a police force named without a number
    if contact.url:
        reach.append(Way(site(contact.url), beside_qr=True))
    return HelpCard(name, contact.purpose_short or first_sentence(contact.purpose), tuple(reach), contact.url,
                    qr_name=contact.name, local=contact.scope != "national")


def who_can_help(lesson: AdaptedLesson) -> List[SlideSpec]:
    """Every contact as a card, school first, on one or two slides; as a list under a heading for
    each group, flowing down two columns, only if no grid of cards fits."""
    blocks: List[Block] = []
    scopes = []
    largest = max(body_sizes(lesson.audience.min_body_pt))
    for scope, contacts in (("school", lesson.school_contacts), ("local", lesson.local_contacts),
                            ("national", lesson.national_contacts)):
        if not contacts:
            continue
        scopes.append(scope)
        first = contact_block(contacts[0], largest)
        heading = para(_(_SCOPE_HEADINGS[scope]), bullet=False, bold=True)
        blocks.append(Block((heading,) + first.paras, first.qr, 1))  # a heading never ends a column
        blocks.extend(contact_block(c, largest) for c in contacts[1:])
    if not blocks:
        return []
    cards = HelpCards(tuple(help_card(c) for c in lesson.help_contacts))
    return [SlideSpec("graphic", who_can_help_heading(), tuple(blocks), group="who can help", columns=2, layout="help",
                      picture=cards, notes=n.join(_say(lesson, scopes), _contact_notes(lesson.help_contacts)))]


def compact_line(contact: HelpContact, size_pt: int, where: bool = True) -> Para:
    """One line per contact for the closing slide, under its heading: name, then how to reach them."""
    reach = [v for v in (contact.phone, contact.text) if v]
    if contact.scope == "school" and contact.where_to_find and where:
        reach.insert(0, contact.where_to_find)
    runs = [Run(contact.name, True), Run(": " + ", ".join(reach) if reach else "")]
    if contact.url:
        runs += [Run(", " if reach else ": "), Run(shown_url(contact.url, size_pt), link=contact.url)]
    return Para(tuple(r for r in runs if r.text), level=1, bullet=True)


def _school_contact(lesson: AdaptedLesson) -> Optional[HelpContact]:
    """The safeguarding lead (the deputies are on the Who can help slides)."""
    if not lesson.school_contacts:
        return None
    if lesson.school is not None:
        lead = lesson.school.lead.name
        return next((c for c in lesson.school_contacts if c.name == lead), lesson.school_contacts[0])
    return lesson.school_contacts[0]


def key_contacts(lesson: AdaptedLesson) -> List[Para]:
    """The few contacts for the closing slide: the school's lead, Childline (for pupils), CEOP and
    the police, in that order; 999 and 101 share one line."""
    routes = {c.route_id: c for c in lesson.help_contacts if c.route_id}
    size = max(body_sizes(lesson.audience.min_body_pt))
    lines = []
    school = _school_contact(lesson)
    if school is not None:
        # Without a school profile, where to find the lead is advice for pupils ("ask any teacher").
        lines.append(compact_line(school, size, where=lesson.is_pupils or lesson.school is not None))
    wanted = _KEY_ROUTES_PUPILS if lesson.is_pupils else _KEY_ROUTES_ADULTS
    lines += [compact_line(routes[r], size) for r in wanted if r in routes]
    if all(r in routes for r in _POLICE):
        lines.append(Para((Run(_("Police"), True), Run(": " + _("999 in an emergency, otherwise 101"))), level=1, bullet=True))
    else:
        lines += [compact_line(routes[r], size) for r in _POLICE if r in routes]
    return lines


def closing(lesson: AdaptedLesson) -> List[SlideSpec]:
    """Key messages, then the key contacts: the deck always ends on help."""
    blocks = list(bullets(lesson.key_messages))
    lines = key_contacts(lesson)
    if lines:
        heading = para(who_can_help_heading(), bullet=False, bold=True)
        blocks.append(Block((heading, lines[0])))
        blocks.extend(Block((line,)) for line in lines[1:])
    checked = lesson_checked_line(lesson)
    if checked:
        blocks.append(Block((para(checked, bullet=False),)))
    return [SlideSpec(
        "content", _("Remember"), tuple(blocks), group="closing",
        notes=n.join(
            _("End on the key messages. Leave this slide up as the class leaves so anyone can note a contact "
              "privately. Every service is on the Who can help slides before it."),
            _("Remind everyone that they can talk to you or another trusted adult after the lesson.")
            if lesson.is_pupils else "",
        ),
    )]
