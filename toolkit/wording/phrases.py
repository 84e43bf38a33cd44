"""Phrases that several formats say: each worded once, here, so the handout, its web page, the Word
documents, the quiz files and the live quiz say it the same way (and a translator translates it once).

Functions, not constants: each looks its message up when called, in the build's language."""

from __future__ import annotations

from . import N_, _, current_language

# The word before each way of reaching a contact: a label says what each line is (never colour or
# an icon alone).
_WAYS = {
    "phone": N_("Phone:"),
    "textphone": N_("Textphone:"),
    "text": N_("Text:"),
    "web": N_("Web:"),
    "email": N_("Email:"),
    "where": N_("Where:"),
    "hours": N_("Open:"),
}


def way_label(way: str) -> str:
    """'Phone:', 'Textphone:', 'Text:', 'Web:', 'Email:', 'Where:' or 'Open:'."""
    return _(_WAYS[way])


def text_label(text: str) -> str:
    """The label for a text-message route, or none when its own wording already says to text
    ('Text SHOUT to 85258'; in Welsh 'Tecstio SHOUT i 85258')."""
    # TRANSLATORS: how an instruction to send a text message begins, as in "Text SHOUT to 85258" (in Welsh
    # "Tecstio"): a contact whose wording begins so is not labelled "Text:" as well.
    return "" if text.lower().startswith(_("Text").lower()) else way_label("text")


def who_can_help() -> str:
    """The heading over a lesson's support contacts, in every format."""
    return _("Who can help")


def careful() -> str:
    """The label before a step's caution ('Careful: keep the evidence first')."""
    return _("Careful:")


def verdict(correct: bool) -> str:
    """An option's verdict on an answer key or in a quiz's feedback."""
    return _("Correct") if correct else _("Not correct")


def yes() -> str:
    return _("Yes")


def no() -> str:
    return _("No")


def answer_label() -> str:
    return _("Answer:")


def feedback_label() -> str:
    return _("Feedback:")


def teaching_point_label() -> str:
    return _("Teaching point:")


def page_of(page: int, total: int) -> str:
    """A page number as the footer prints it."""
    return _("Page {page} of {total}", page=page, total=total)


def version_label(version: str) -> str:
    """A lesson's version as footers and title pages print it."""
    return _("Version {version}", version=version)


def long_date(day) -> str:
    """A date written out in the build's language: '5 December 2026' in en-GB."""
    from babel.dates import format_date

    return format_date(day, format="long", locale=current_language().replace("-", "_"))


def short_minutes(minutes: int) -> str:
    """A length of time in a timing table or after a heading: '10 min'."""
    return _("{minutes} min", minutes=minutes)


_QUIZ_PARTS = {"starter": N_("starter"), "exit": N_("exit")}


def quiz_part(part: str) -> str:
    """'starter' or 'exit' as a quiz's name says it ('Online blackmail: starter quiz for Key Stage 3')."""
    return _(_QUIZ_PARTS[part]) if part in _QUIZ_PARTS else part


def did_you_mean(near: str) -> str:
    """The hint after an unknown name, when a known one is close ("did you mean 'pupils'?"): in every
    message of validate, build and school check."""
    return _("did you mean '{name}'?", name=near)
