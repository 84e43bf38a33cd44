"""Safeguarding notices every format prints in the same words: who a service is for, the review
state of a pack, and the caveat that goes with every list of signs. Formats ask these functions;
they never word a notice themselves."""

from __future__ import annotations

import datetime as dt
import re
from typing import List, Optional

# Said wherever an adult-only service is named, in any format (staff and parent materials only:
# these services never reach under-18s).
ADULTS_ONLY = "adults 18+ only"

# Goes with every printed or projected list of signs that a young person may be a victim.
SIGNS_CAVEAT = "No single sign proves anything. If you are worried, talk to the safeguarding lead."
SIGNS_CAVEAT_PARENTS = ("No single sign proves anything. If you are worried, talk calmly with your child "
                        "and contact the school's safeguarding lead.")


def adult_only_name(name: str) -> str:
    """'Revenge Porn Helpline' -> 'Revenge Porn Helpline (adults 18+ only)'."""
    return name if ADULTS_ONLY in name else f"{name} ({ADULTS_ONLY})"


def signs_caveat(audience_kind: str) -> str:
    return SIGNS_CAVEAT_PARENTS if audience_kind == "parents" else SIGNS_CAVEAT


def review_notice(school_name: str, lead_role: str, reviewer: Optional[str], reviewed_on: Optional[dt.date],
                  version: str) -> str:
    """What a pack says about its review: signed off for this school, or a draft to be reviewed by
    the school's safeguarding lead (by the role the school gives them)."""
    if reviewer and reviewed_on:
        school = f" for {school_name}" if school_name else ""
        return f"Version {version}. Reviewed{school} by {reviewer} on {reviewed_on:%-d %B %Y}."
    if lead_role:
        school = f"{school_name}'s" if school_name else "the school's"
        return f"Version {version}. Draft: to be reviewed by {school} {lead_role} before use."
    return f"Version {version}. Draft: to be reviewed by your school's safeguarding lead before use."


# Words a discreet card must never carry, so a pupil in a controlling home can keep it: the topic
# and any sexual description. One list, used by the cards and by the content rules.
SENSITIVE_WORDS = (
    "nude", "nudes", "naked", "semi-nude", "sexual", "sexually", "sex", "sextortion", "blackmail",
    "blackmailer", "blackmailing", "intimate", "porn", "indecent", "abuse", "grooming", "undress",
    # The same in Welsh, for a Welsh card (facts.md Part 2 section 7: blacmel rhywiol, porn dial). Not
    # "rhyw" alone: it also means "some".
    "noeth", "rhywiol", "blacmel", "flacmel", "blacmeliwr", "blacmelwyr", "cam-drin", "gam-drin",
    "camdriniaeth", "anweddus", "dadwisgo",
)
_SENSITIVE = re.compile(r"\b(" + "|".join(re.escape(w) for w in SENSITIVE_WORDS) + r")\b", re.IGNORECASE)


def sensitive_words(text: str) -> List[str]:
    """The words in `text` that would give away what a discreet card is about."""
    return sorted({match.group(1).lower() for match in _SENSITIVE.finditer(text)})
