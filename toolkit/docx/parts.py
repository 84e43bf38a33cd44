"""Pieces both Word documents share: the school's logo, who can help as a table, and the school's
name or a marked place to write it in (the national pack names no school)."""

from __future__ import annotations

import re
from typing import Callable, List, Sequence

from ..adapt import AdaptedLesson, HelpContact
from ..deck.pictures import school_logo
from ..quizzes.help import contact_parts
from ..quizzes.text import one_line
from ..wording import _
from .document import Run, Text, WordDocument

LOGO_WIDTH_CM = 3.0


def add_logo(word: WordDocument, lesson: AdaptedLesson, warn: Callable[[str], None]) -> bool:
    """The school's logo, top right, with its alt text; False when there is none to place."""
    placed, problem = school_logo(lesson.school)
    if placed is None:
        if problem:
            warn(_("the logo {logo} of {name} cannot be used ({problem}); the document is built without it",
                   logo=lesson.school.logo, name=lesson.school.name, problem=problem))
        return False
    data, _size, alt = placed
    word.picture(data, LOGO_WIDTH_CM, alt, align_right=True)
    return True


def with_places(message: str, **places: Run) -> List[Run]:
    """A message (already looked up) with `{name}` fields as runs: each field becomes `places[name]`,
    plain text or e.g. ("fill", "date") for a place the school fills in. The message stays one sentence for
    translators, whatever its runs."""
    runs: List[Run] = []
    for index, piece in enumerate(re.split(r"\{(\w+)\}", message)):
        run = places[piece] if index % 2 else piece
        if isinstance(run, str) and runs and isinstance(runs[-1], str):
            runs[-1] += run  # plain text runs on: one run, as Word would write it
        elif run:
            runs.append(run)
    return runs


def school_name(lesson: AdaptedLesson) -> Text:
    return lesson.school_name or [("fill", _("School name"))]


def lead_line(lesson: AdaptedLesson) -> Text:
    """The safeguarding lead by name and role, or a place to write them in."""
    if lesson.school:
        lead = lesson.school.lead
        return f"{lead.name}, {lead.role}"
    return [("fill", _("Name")), ", ", ("fill", _("role, e.g. Designated Safeguarding Lead"))]


def how_to_reach(contact: HelpContact) -> str:
    parts = contact_parts(contact)
    return ". ".join(parts[1:] if contact.purpose else parts)


def contacts_list(word: WordDocument, contacts: Sequence[HelpContact]) -> None:
    """Who can help as a list, one contact a line: shorter than a table, for a letter."""
    word.bullets([[("bold", contact.name + ". ")] + [". ".join(contact_parts(contact)).rstrip(".") + "."]
                  for contact in contacts])


def contacts_table(word: WordDocument, contacts: Sequence[HelpContact], purpose_heading: str = "") -> None:
    word.table((_("Who"), purpose_heading or _("What for"), _("How to reach them")),
               [(contact.name, one_line(contact.purpose), how_to_reach(contact) or "") for contact in contacts],
               widths_cm=(4.5, 6.5, 6.0))
