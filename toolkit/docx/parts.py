"""Pieces both Word documents share: the school's logo, who can help as a table, and the school's
name or a marked place to write it in (the national pack names no school)."""

from __future__ import annotations

from typing import Callable, Sequence

from ..adapt import AdaptedLesson, HelpContact
from ..deck.pictures import school_logo
from ..quizzes.help import contact_parts
from ..quizzes.text import one_line
from .document import Text, WordDocument

LOGO_WIDTH_CM = 3.0


def add_logo(word: WordDocument, lesson: AdaptedLesson, warn: Callable[[str], None]) -> bool:
    """The school's logo, top right, with its alt text; False when there is none to place."""
    placed, problem = school_logo(lesson.school)
    if placed is None:
        if problem:
            warn(f"the logo {lesson.school.logo} of {lesson.school.name} cannot be used ({problem}); "
                 "the document is built without it")
        return False
    data, _, alt = placed
    word.picture(data, LOGO_WIDTH_CM, alt, align_right=True)
    return True


def school_name(lesson: AdaptedLesson) -> Text:
    return lesson.school_name or [("fill", "School name")]


def lead_line(lesson: AdaptedLesson) -> Text:
    """The safeguarding lead by name and role, or a place to write them in."""
    if lesson.school:
        lead = lesson.school.lead
        return f"{lead.name}, {lead.role}"
    return [("fill", "Name"), ", ", ("fill", "role, e.g. Designated Safeguarding Lead")]


def how_to_reach(contact: HelpContact) -> str:
    parts = contact_parts(contact)
    return ". ".join(parts[1:] if contact.purpose else parts)


def contacts_list(word: WordDocument, contacts: Sequence[HelpContact]) -> None:
    """Who can help as a list, one contact a line: shorter than a table, for a letter."""
    word.bullets([[("bold", contact.name + ". ")] + [". ".join(contact_parts(contact)).rstrip(".") + "."]
                  for contact in contacts])


def contacts_table(word: WordDocument, contacts: Sequence[HelpContact], purpose_heading: str = "What for") -> None:
    word.table(("Who", purpose_heading, "How to reach them"),
               [(contact.name, one_line(contact.purpose), how_to_reach(contact) or "") for contact in contacts],
               widths_cm=(4.5, 6.5, 6.0))
