"""Where to get help, for the end of every quiz a pupil sees (the contacts adapt already chose)."""

from __future__ import annotations

import html
from typing import List

from ..wording import N_, _
from ..wording.phrases import text_label, way_label
from ..adapt import AdaptedLesson, HelpContact
from .text import one_line

TITLE = N_("Where to get help")
INTRO = N_("If anything in this quiz worries you, or someone you know, you can talk to someone. "
           "It is never your fault, and you are not in trouble.")
INTRO_ADULTS = N_("If anything in this quiz raises a worry about a young person, or about you, these can help.")


def intro(lesson: AdaptedLesson) -> str:
    return _(INTRO) if lesson.is_pupils else _(INTRO_ADULTS)


def contact_parts(contact: HelpContact) -> List[str]:
    """The ways to reach one contact, as short plain phrases."""
    phrase = lambda text: one_line(text).rstrip(". ")  # noqa: E731  (joined with ". " below)
    parts = [phrase(contact.purpose)] if contact.purpose else []
    if contact.where_to_find:
        parts.append(phrase(contact.where_to_find))
    if contact.phone:
        parts.append(f"{way_label('phone')} {contact.phone}")
    if contact.textphone:
        parts.append(f"{way_label('textphone')} {contact.textphone}")
    if contact.text:
        said = contact.text.strip()
        label = text_label(said)
        parts.append(f"{label} {said}" if label else said)
    if contact.email:
        parts.append(f"{way_label('email')} {contact.email}")
    if contact.url:
        parts.append(contact.url)
    if contact.hours:
        parts.append(phrase(contact.hours))
    if contact.nations_note:
        parts.append(contact.nations_note)
    return parts


def help_html(lesson: AdaptedLesson) -> str:
    """The help contacts as an HTML fragment: a heading, a kind sentence and a list."""
    escape = lambda text: html.escape(text, quote=False)  # noqa: E731
    attribute = lambda text: html.escape(text, quote=True)  # noqa: E731
    items = []
    for contact in lesson.help_contacts:
        parts = []
        for part in contact_parts(contact):
            if part == contact.url:
                parts.append(f'<a href="{attribute(part)}">{escape(part)}</a>')
            else:
                parts.append(escape(part))
        items.append(f"<li><strong>{escape(one_line(contact.name))}</strong>: {'. '.join(parts)}</li>")
    return f"<p><strong>{escape(_(TITLE))}</strong></p><p>{escape(intro(lesson))}</p><ul>{''.join(items)}</ul>"


def help_lines(lesson: AdaptedLesson) -> List[str]:
    """The help contacts as plain lines, one per contact."""
    return [f"{one_line(c.name)}: {'. '.join(contact_parts(c))}" for c in lesson.help_contacts]
