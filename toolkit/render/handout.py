"""`handout`: print-ready PDFs with an accessible HTML twin of each.

Pupils get a support card (A4), pocket cards (four A6 to a sheet), a discreet version of both whose
title does not name the topic, and a worksheet for the stories; parents a two-page leaflet; staff a
briefing of two to four pages. Every pupil handout ends with who can help."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, replace
from typing import Callable, List, Optional, Sequence, Tuple

from ..adapt import AdaptedLesson, HelpContact
from ..colours import accessible_on_white
from ..deck.pictures import school_logo
from ..freshness import lesson_checked_line
from ..html import render_html
from ..pdf import Document, render_cards, render_pdf
from ..pdf import blocks as b
from ..pdf.fonts import missing_characters
from ..pdf.styles import body_size
from ..pdf.text import web_address
from ..wording import N_, _
from ..wording.phrases import long_date, version_label, who_can_help
from . import OutputFile, RenderContext, register
from ..pdf.referral import disclosure_split, referral_flow
from ..notices import sensitive_words, signs_caveat
from ..pdf.wording import (DISCREET_TITLE, EVERY_SOURCE_ONLINE, MORE_HELP, NEVER_YOUR_FAULT, NEVER_YOUR_FAULT_DETAIL, STAGES,
                           WHAT_TO_DO, WHAT_TO_DO_AND_WHO)

DEFAULT_ACCENT = "#1D4E89"

# Page limits in standard print: the type never shrinks to fit (`styles.TYPE_RULES`), so a handout
# takes the pages its content needs at its size, up to these. Large print has no limit: it is the
# fullest version, on as many pages as it needs.
MAX_PAGES = {"support-card": 2, "parent-leaflet": 4, "staff-briefing": 8, "adult-card": 2}


# --- Shared pieces -------------------------------------------------------------------------------

def accent(lesson: AdaptedLesson) -> str:
    """The school's colour when it has one, darkened if needed to read as text on white."""
    if lesson.school and lesson.school.branding:
        return accessible_on_white(lesson.school.branding.primary)[0]
    return DEFAULT_ACCENT


def logo(lesson: AdaptedLesson) -> Optional[b.Logo]:
    """The school's logo, when its profile gives one that can be read (the deck warns when not)."""
    placed, _problem = school_logo(lesson.school)
    return None if placed is None else b.Logo(*placed)


def author(lesson: AdaptedLesson) -> str:
    return lesson.school_name or "lessonkit"


def footer(lesson: AdaptedLesson, discreet: bool = False) -> str:
    version = version_label(lesson.version)  # the review state is printed in full at the top
    if discreet:  # a footer naming the lesson would give the topic away
        return " · ".join(x for x in (lesson.school_name, version) if x)
    return " · ".join(x for x in (lesson.title, lesson.audience_name, lesson.school_name, version) if x)


def steps(lesson: AdaptedLesson, brief: bool = False, discreet: bool = False) -> b.Steps:
    """The steps to take; a discreet card keeps only the titles that give nothing away."""
    if brief or discreet:
        return b.Steps(tuple(b.Step(s.title) for s in lesson.response_steps
                             if not (discreet and sensitive_words(s.title))))
    return b.Steps(tuple(b.Step(s.title, s.text, s.caution) for s in lesson.response_steps))


def signs(lesson: AdaptedLesson, kind: str, discreet: bool = False) -> Tuple[str, ...]:
    """Warning signs of one kind; on a discreet card, only those worded without sensitive words."""
    return tuple(s.text for s in lesson.warning_signs
                 if s.kind == kind and not (discreet and sensitive_words(s.text)))


def review_state(lesson: AdaptedLesson) -> b.Paragraph:
    """Every handout says whether the school's safeguarding lead has reviewed it."""
    return b.Paragraph(lesson.review_notice, small=True)


def document(lesson: AdaptedLesson, title: str, subject: str, blocks: Sequence[b.Block], **extra) -> Document:
    """Every handout, ending on when its contacts were checked."""
    extra.setdefault("footer", footer(lesson))
    checked = lesson_checked_line(lesson)
    blocks = (review_state(lesson), *blocks) + ((b.Paragraph(checked, small=True),) if checked else ())
    return Document(title=title, subject=subject, author=author(lesson), blocks=blocks,
                    accent=accent(lesson), keywords=(_("safeguarding"), lesson.audience_name), logo=logo(lesson), **extra)


# --- Pupils ------------------------------------------------------------------------------------------

def discreet_contacts(contacts: Sequence[HelpContact]) -> Tuple[HelpContact, ...]:
    """Contacts as a discreet card prints them: an address whose words give the topic away
    ('.../bullying-abuse-safety/...') shows as its site, and its QR code still opens the page."""
    def site(url: str) -> str:
        return web_address(url).split("/", 1)[0]
    return tuple(replace(c, shown_url=site(c.url)) if c.url and sensitive_words(re.sub(r"[/._-]", " ", c.url))
                 else c for c in contacts)


def contacts_blocks(lesson: AdaptedLesson, detailed: int, title: str = "",
                    purpose: bool = True) -> List[b.Block]:
    """The first `detailed` contacts in boxes with QR codes, the rest one line each; without their
    purpose (a discreet card), addresses are shown discreetly too."""
    contacts = lesson.help_contacts if purpose else discreet_contacts(lesson.help_contacts)
    blocks: List[b.Block] = [b.Heading(title or who_can_help())]
    blocks += [b.Contacts(contacts[:detailed], purpose=purpose)] if detailed else []
    if contacts[detailed:]:
        blocks += [b.Heading(_(MORE_HELP), 3), b.Contacts(contacts[detailed:], detailed=False)]
    return blocks


def support_card(lesson: AdaptedLesson, discreet: bool) -> List[Document]:
    """The full card, then more compact versions for when one A4 page is not enough. The discreet
    card says nothing that names the topic, in its title or its body: step titles, neutral signs,
    and who can help without what each service is for."""
    title = _(DISCREET_TITLE) if discreet else lesson.title
    subtitle = _(WHAT_TO_DO_AND_WHO) if discreet else _("Your support card: what to do and who can help")
    subject = _(WHAT_TO_DO_AND_WHO) if discreet else _("Support card: {title}", title=lesson.title)
    pupil_signs = signs(lesson, "offender-tactic", discreet)
    fewest = min(len(lesson.help_contacts), len(lesson.school_contacts) + 1)

    def card(detailed: int, detailed_steps: bool, columns: int = 2) -> Document:
        blocks: List[b.Block] = [b.Callout(_(NEVER_YOUR_FAULT), _(NEVER_YOUR_FAULT_DETAIL)), b.Heading(_(WHAT_TO_DO)),
                                 steps(lesson, brief=not detailed_steps, discreet=discreet)]
        if pupil_signs:
            blocks += [b.Heading(_("Warning signs")), b.Bullets(pupil_signs)]
        blocks += contacts_blocks(lesson, detailed, purpose=not discreet)
        return document(lesson, title, subject, blocks, subtitle=subtitle, columns=columns, full_width=1,
                        footer=footer(lesson, discreet))

    # One column reads best when everything fits; two columns hold more on the page.
    return [card(len(lesson.help_contacts), True, columns=1)] + [
        card(count, detailed_steps) for detailed_steps in (True, False)
        for count in range(len(lesson.help_contacts), fewest - 1, -1)]


def pocket_cards(lesson: AdaptedLesson, discreet: bool) -> List[Document]:
    """Pocket-card versions with fewer and fewer contacts (the school and Childline always stay)."""
    contacts = list(discreet_contacts(lesson.help_contacts) if discreet else lesson.help_contacts)
    keep = [c for c in contacts if c.scope == "school" or c.route_id == "childline"]
    variants = []
    for count in range(len(contacts), 0, -1):
        chosen = tuple(c for c in contacts if c in contacts[:count] or c in keep)
        blocks = [b.Callout(_(NEVER_YOUR_FAULT)), b.Heading(_(WHAT_TO_DO)), steps(lesson, brief=True, discreet=discreet),
                  b.Heading(who_can_help()), b.Contacts(chosen, detailed=False)]
        variants.append(document(lesson, _(DISCREET_TITLE) if discreet else _("Need help? Your pocket card"),
                                 _(WHAT_TO_DO_AND_WHO), blocks, footer=""))
        if len(chosen) == len(keep):
            break
    return variants


def _sentence(text: str) -> str:
    return text if text[-1:] in ".?!" else text + "."


def worksheet(lesson: AdaptedLesson) -> Document:
    """One story to a page, each question with lines to write on, then who can help."""
    blocks: List[b.Block] = [b.Paragraph(
        _("Read the story, then write your answers. You don't need to write your name. "
          "The people in these stories are made up."))]
    for number, scenario in enumerate(lesson.scenarios):
        blocks.append(b.Heading(scenario.title, new_page=number > 0))
        people = " ".join(f"{c.name}: {_sentence(c.description)}" for c in scenario.characters)
        blocks.append(b.Paragraph(_("Who is in the story. {people}", people=people), small=True))
        # Younger readers get each stage's name on a line of its own; older ones have it run in,
        # which keeps each story and its questions to a page.
        younger = young(lesson)
        blocks.append(b.Pairs(tuple((_(STAGES[stage]) if stage in STAGES else stage.title(), text)
                                    for stage, text in scenario.beats),
                              inline=not younger))
        blocks.extend(b.WriteSpace(question, 3, roomy=younger)
                      for question in scenario.discussion_questions)
    if any(s.warning_signs_shown for s in lesson.scenarios):
        blocks += [b.Heading(_("Looking back"), new_page=True),
                   b.WriteSpace(_("Which warning signs did you spot in the stories?"), 5)]
    blocks.append(b.Contacts(lesson.help_contacts, detailed=False, title=who_can_help()))
    return document(lesson, _("Worksheet: {title}", title=lesson.title), _("Story worksheet: {title}", title=lesson.title),
                    blocks)


# --- Adults --------------------------------------------------------------------------------------------

def parent_leaflet(lesson: AdaptedLesson) -> List[Document]:
    """Two pages: key messages, the lesson's sections (what it is, how to talk about it...), signs,
    what to do and where to get help; then more compact versions."""
    victim_signs = signs(lesson, "victim-sign") or signs(lesson, "offender-tactic")
    fewest = min(len(lesson.help_contacts), len(lesson.school_contacts) + 3)

    def leaflet(myths: bool, detailed: int) -> Document:
        blocks: List[b.Block] = [b.Heading(_("The most important things")), b.Bullets(lesson.key_messages)]
        for section in lesson.sections:
            blocks += [b.Heading(section.title), b.Bullets(section.points)]
        if victim_signs:
            blocks += [b.Heading(_("Signs to notice")), b.Bullets(victim_signs),
                       b.Paragraph(signs_caveat(lesson.audience.kind), small=True)]
        if lesson.response_steps:
            blocks += [b.Heading(_(WHAT_TO_DO)), steps(lesson)]
        if myths and lesson.misconceptions:  # the fact first: a blaming myth is never a headline
            blocks += [b.Heading(_("Facts and myths")),
                       b.Pairs(tuple((m.response, m.myth) for m in lesson.misconceptions), _("Fact"), _("Myth"))]
        blocks += contacts_blocks(lesson, detailed, _("Where to get help"))
        subtitle = (_("A leaflet for parents and carers from {school}", school=lesson.school_name) if lesson.school_name
                    else _("A leaflet for parents and carers"))
        return document(lesson, lesson.title, _("Leaflet for parents and carers: {title}", title=lesson.title), blocks,
                        subtitle=subtitle, columns=2)

    return [leaflet(myths, count) for myths in (True, False)
            for count in range(len(lesson.help_contacts), fewest - 1, -1)]


def _sources(lesson: AdaptedLesson, figures_only: bool = False) -> Tuple[str, ...]:
    """Every source, or only those behind the figures (the HTML twin always lists them all)."""
    figures = {s.source_url for s in lesson.statistics}
    items = []
    for source in lesson.sources:
        if figures_only and source["url"] not in figures:
            continue
        about = ", ".join(str(x) for x in (source.get("publisher"), source.get("date")) if x)
        items.append(f"{source['title']}" + (f" ({about})" if about else "") + f": {source['url']}")
    listed = {s["url"] for s in lesson.sources}
    items += [_("{claim} Source: {url}", claim=s.claim, url=s.source_url) for s in lesson.statistics if s.source_url not in listed]
    return tuple(items)


def _local_contacts(lesson: AdaptedLesson) -> List[b.Block]:
    if lesson.school is None:
        return [b.Paragraph(_("Write in your school's contacts and keep this briefing to hand.")),
                b.FillIn((_("Designated safeguarding lead"), _("Deputy"), _("Where to find them"),
                          _("Children's services (referrals)"), _("Local police (non-emergency)")))]
    return [b.Contacts(lesson.school_contacts + lesson.local_contacts)]


def _is_alert(section) -> bool:
    return "alert" in section.id or "alert" in section.title.lower()


def staff_briefing(lesson: AdaptedLesson) -> List[Document]:
    """Two to four pages: the alert in brief, signs, what to do and never do, the referral flow and
    contacts; the lesson's other sections, pupils' hard questions and wording advice when they fit."""
    notes = lesson.teacher_notes
    do, never = disclosure_split(notes.disclosure_protocol)
    alert = [s for s in lesson.sections if _is_alert(s)]
    others = [s for s in lesson.sections if not _is_alert(s)]
    every_source, figure_sources = _sources(lesson), _sources(lesson, figures_only=True)

    def briefing(sections: bool, wording: bool, questions: bool, all_sources: bool, detailed: int) -> Document:
        blocks: List[b.Block] = [b.Heading(_("Key messages")), b.Bullets(lesson.key_messages),
                                 b.Heading(_("The NCA alert in brief"))]
        blocks += [b.Bullets(s.points) for s in alert]
        if lesson.statistics:
            blocks += [b.Heading(_("The figures"), 3),
                       b.Bullets(tuple(s.claim + (f" ({s.year})" if s.year and str(s.year) not in s.claim else "")
                                       for s in lesson.statistics))]
        if signs(lesson, "victim-sign"):
            blocks += [b.Heading(_("Signs to notice in a young person")), b.Bullets(signs(lesson, "victim-sign")),
                       b.Paragraph(signs_caveat(lesson.audience.kind), small=True)]
        if signs(lesson, "offender-tactic"):
            blocks += [b.Heading(_("Tactics offenders use")), b.Bullets(signs(lesson, "offender-tactic"))]
        blocks += [b.Heading(_("If a pupil tells you")), b.DoNever(do, never, _("Do"), _("Never")),
                   b.Heading(_("Referral flow")), referral_flow(lesson),
                   b.Heading(_("Local contacts"))] + _local_contacts(lesson)
        national = lesson.national_contacts
        blocks.append(b.Heading(_("National services")))
        blocks += [b.Contacts(part, detailed=boxes) for part, boxes in ((national[:detailed], True),
                                                                        (national[detailed:], False)) if part]
        for section in others if sections else ():
            blocks += [b.Heading(section.title), b.Bullets(section.points)]
        if questions and notes.hard_questions:
            blocks += [b.Heading(_("Questions pupils may ask")), b.Pairs(notes.hard_questions)]
        if wording and (notes.language_to_use or notes.language_to_avoid):
            blocks += [b.Heading(_("Words that help, and words to avoid")),
                       b.DoNever(notes.language_to_use, notes.language_to_avoid, _("Say"), _("Avoid"))]
        sources = every_source if all_sources else figure_sources
        if sources:
            blocks += [b.Heading(_("Sources")), b.Bullets(sources, small=True)]
        if len(sources) < len(every_source):
            blocks.append(b.Paragraph(_(EVERY_SOURCE_ONLINE), small=True))
        subject = _("Staff briefing: {title}", title=lesson.title)
        title = lesson.title if "staff" in lesson.title.lower() else subject
        return document(lesson, title, subject, blocks,
                        subtitle=_("A briefing for {school} staff", school=lesson.school_name) if lesson.school_name
                        else _("A briefing for all staff"))

    # Most to least complete: the lesson's sections matter most, then wording advice, pupils'
    # questions, and the full source list.
    flags = [(True, True, True, True), (True, True, True, False), (True, True, False, False),
             (True, False, False, False), (False, False, False, False)]
    counts = [min(6, len(lesson.national_contacts)), 0]
    return [briefing(*f, count) for f in flags for count in counts]


def adult_card(lesson: AdaptedLesson) -> List[Document]:
    """The "18 and over" card staff give one student who is an adult: the adult advice and the
    services for adults in the school's nation, each with its source and when it was checked."""
    card = lesson.adult_card
    contacts = card.contacts

    def version(detailed: bool) -> Document:
        blocks: List[b.Block] = [b.Paragraph(card.intro), b.Heading(_(WHAT_TO_DO)),
                                 b.Steps(tuple(b.Step(s.title, s.text, s.caution) for s in card.steps))]
        if lesson.school_contacts and lesson.school is not None:
            blocks += [b.Heading(_("At your school or college")), b.Contacts(lesson.school_contacts, detailed=False)]
        blocks += [b.Heading(_("Services for adults")), b.Contacts(contacts, detailed=detailed),
                   b.Heading(_("Where these details come from"), 3),
                   b.Bullets(tuple(_("{name}: {url} (checked {date})", name=c.name, url=c.source_url,
                                     date=long_date(c.last_verified))
                                   for c in contacts if c.source_url and c.last_verified), small=True)]
        return document(lesson, card.title, card.title, blocks, subtitle=_("What to do, and services for adults"),
                        footer=" · ".join(x for x in (card.title, lesson.school_name, version_label(lesson.version)) if x))

    return [version(True), version(False)]


# --- Files -----------------------------------------------------------------------------------------------

def warn_missing_glyphs(documents: Sequence[Document], context: RenderContext) -> None:
    text = " ".join(str(block) for document in documents for block in document.blocks)
    missing = missing_characters(text)
    if missing:
        context.warn(_("the handout font cannot print {characters}; the PDFs name them in brackets instead",
                       characters=repr(missing)))


@dataclass(frozen=True)
class Handout:
    """One handout of a lesson: its name, its versions from fullest to most compact, its page limit."""

    kind: str
    variants: Callable[[], List[Document]]
    max_pages: Optional[int] = None
    cards: bool = False  # a sheet of pocket cards rather than pages
    discreet: bool = False  # its file name must not give the topic away either
    young: bool = False  # for key stage 2: the larger type rule applies

    def body_size(self, large_print: bool) -> float:
        return body_size(large_print, self.young, self.cards)


def young(lesson: AdaptedLesson) -> bool:
    """Key stage 2 and younger: their materials have the larger type rule."""
    return lesson.audience.youngest < 11


def handouts(lesson: AdaptedLesson, large_print: bool = False) -> List[Handout]:
    """The handouts that fit this audience."""
    limits = MAX_PAGES
    if lesson.is_pupils:
        y = young(lesson)
        found = [Handout("support-card", lambda: support_card(lesson, False), limits["support-card"], young=y),
                 Handout("help-card", lambda: support_card(lesson, True), limits["support-card"], discreet=True,
                         young=y),
                 Handout("pocket-cards", lambda: pocket_cards(lesson, False), cards=True, young=y),
                 Handout("help-pocket-cards", lambda: pocket_cards(lesson, True), cards=True, discreet=True, young=y)]
        if lesson.scenarios:
            found.append(Handout("worksheet", lambda: [worksheet(lesson)], young=y))
        return found
    if lesson.audience.kind == "parents":
        return [Handout("parent-leaflet", lambda: parent_leaflet(lesson), limits["parent-leaflet"])]
    if lesson.audience.kind == "staff":
        found = [Handout("staff-briefing", lambda: staff_briefing(lesson), limits["staff-briefing"])]
        if lesson.adult_card is not None:
            found.append(Handout("adult-card", lambda: adult_card(lesson), limits["adult-card"]))
        return found
    return []


def render_handout_pdf(handout: Handout, variants: List[Document], context: RenderContext) -> bytes:
    paper, large = context.options.paper, context.options.large_print
    size = handout.body_size(False)  # the rule's size: large print sets it larger (16 pt or more)
    rendered = (render_cards(variants, paper, large, size) if handout.cards
                else render_pdf(variants, paper, large, handout.max_pages, size))
    for warning in rendered.warnings:
        context.warn(warning)
    return rendered.data


def handout_stem(lesson: AdaptedLesson, handout: Handout) -> str:
    """'online-blackmail-ks3-support-card'; a discreet card's name says only what it is, for whom,
    and a short code that keeps lessons apart: 'help-card-ks3-1f0c2a'."""
    if handout.discreet:
        return f"{handout.kind}-{lesson.audience.id}-{zlib.crc32(lesson.lesson_id.encode()):08x}"[:-2]
    return f"{lesson.slug}-{handout.kind}"


def render_handout(lesson: AdaptedLesson, handout: Handout, context: RenderContext) -> List[OutputFile]:
    """The handout's PDF and its HTML twin (which always has the full text: a web page has no page limit)."""
    variants = handout.variants()
    warn_missing_glyphs(variants[:1], context)
    stem = handout_stem(lesson, handout) + ("-large-print" if context.options.large_print else "")
    title = variants[0].title
    return [OutputFile(f"{stem}.pdf", render_handout_pdf(handout, variants, context), title),
            OutputFile(f"{stem}.html", render_html(variants[0], handout.body_size(context.options.large_print))
                       .encode("utf-8"), _("{title} (accessible web page)", title=title))]


@register("handout", N_("Support cards, pocket cards, worksheets, parent leaflets and staff briefings (PDF + HTML)"))
def render(lesson: AdaptedLesson, context: RenderContext) -> List[OutputFile]:
    files: List[OutputFile] = []
    for handout in handouts(lesson, context.options.large_print):
        files += render_handout(lesson, handout, context)
    return files
