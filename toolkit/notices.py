"""Safeguarding notices every format prints in the same words: who a service is for, the review
state of a pack, and the caveat that goes with every list of signs. Formats ask these functions;
they never word a notice themselves."""

from __future__ import annotations

import datetime as dt
import re
from typing import List, Optional

from .wording import N_, _
from .wording.phrases import long_date

# Said wherever an adult-only service is named, in any format (staff and parent materials only:
# these services never reach under-18s).
ADULTS_ONLY = N_("adults 18+ only")

# Goes with every printed or projected list of signs that a young person may be a victim.
SIGNS_CAVEAT = N_("No single sign proves anything. If you are worried, talk to the safeguarding lead.")
SIGNS_CAVEAT_PARENTS = N_("No single sign proves anything. If you are worried, talk calmly with your child "
                          "and contact the school's safeguarding lead.")


def adult_only_name(name: str) -> str:
    """'Revenge Porn Helpline' -> 'Revenge Porn Helpline (adults 18+ only)', in the build's language."""
    label = _(ADULTS_ONLY)
    return name if label in name else f"{name} ({label})"


def signs_caveat(audience_kind: str) -> str:
    return _(SIGNS_CAVEAT_PARENTS if audience_kind == "parents" else SIGNS_CAVEAT)


def review_notice(school_name: str, lead_role: str, reviewer: Optional[str], reviewed_on: Optional[dt.date],
                  version: str) -> str:
    """What a pack says about its review: signed off for this school, or a draft to be reviewed by
    the school's safeguarding lead (by the role the school gives them)."""
    if reviewer and reviewed_on:
        if school_name:
            return _("Version {version}. Reviewed for {school} by {reviewer} on {date}.", version=version,
                     school=school_name, reviewer=reviewer, date=long_date(reviewed_on))
        return _("Version {version}. Reviewed by {reviewer} on {date}.", version=version, reviewer=reviewer,
                 date=long_date(reviewed_on))
    if lead_role:
        if school_name:
            return _("Version {version}. Draft: to be reviewed by {school}'s {role} before use.", version=version,
                     school=school_name, role=lead_role)
        return _("Version {version}. Draft: to be reviewed by the school's {role} before use.", version=version,
                 role=lead_role)
    return _("Version {version}. Draft: to be reviewed by your school's safeguarding lead before use.", version=version)


def translation_notice(language_name: str, checked_by: Optional[str], checked_on: Optional[dt.date]) -> str:
    """What a pack in a translated language says about its translation: checked by whom and when, or
    that a safeguarding lead who speaks the language must check it before use."""
    if checked_by and checked_on:
        return _("Translation checked by {reviewer} on {date}.", reviewer=checked_by, date=long_date(checked_on))
    return _("Translation draft: a safeguarding lead who speaks {language} must check this translation before use.",
             language=language_name)


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
