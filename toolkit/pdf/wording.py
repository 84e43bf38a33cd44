"""Fixed wording that handouts add around a lesson's own text: messages marked for the catalogue
(toolkit.wording), looked up with `_()` where they are used."""

from __future__ import annotations

from ..wording import N_

# The outside title of the discreet card: it must not name the topic, so a pupil can keep it safely.
DISCREET_TITLE = N_("Worried about something online?")

NEVER_YOUR_FAULT = N_("It's never your fault.")
NEVER_YOUR_FAULT_DETAIL = N_(
    "If someone online is pressuring or threatening you, they are the one doing wrong, not you. "
    "You can always ask for help."
)
WHAT_TO_DO = N_("What to do")
WHAT_TO_DO_AND_WHO = N_("What to do and who can help")

# What only a more compact version of a handout says, about what it shortened: the heading over
# contacts given one line each, and the staff briefing's note when it lists only some sources.
MORE_HELP = N_("More help")
EVERY_SOURCE_ONLINE = N_("The web page version of this briefing lists every source.")
COMPACT_NOTES = (MORE_HELP, EVERY_SOURCE_ONLINE)

# Story stages as a pupil reads them on a worksheet.
STAGES = {
    "contact": N_("How it started"),
    "grooming": N_("Building trust"),
    "request": N_("The request"),
    "threat": N_("The threat"),
    "response": N_("What happened next"),
    "help": N_("Getting help"),
}
