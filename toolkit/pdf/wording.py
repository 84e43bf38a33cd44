"""Fixed wording that handouts add around a lesson's own text."""

from __future__ import annotations

# The outside title of the discreet card: it must not name the topic, so a pupil can keep it safely.
DISCREET_TITLE = "Worried about something online?"

NEVER_YOUR_FAULT = "It's never your fault."
NEVER_YOUR_FAULT_DETAIL = (
    "If someone online is pressuring or threatening you, they are the one doing wrong, not you. "
    "You can always ask for help."
)

# Story stages as a pupil reads them on a worksheet.
STAGES = {
    "contact": "How it started",
    "grooming": "Building trust",
    "request": "The request",
    "threat": "The threat",
    "response": "What happened next",
    "help": "Getting help",
}
