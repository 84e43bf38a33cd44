"""Nation terms in lesson text: `{{lead}}`, `{{social_care}}`, `{{ks2}}`... filled for each pack.

Lesson authors write a token where the words depend on the nation (the school's safeguarding role,
the service that takes referrals, the guidance, a stage's name); adapt fills it from nations.yaml for
the school's nation, or from its `uk` entry for the national pack. One function fills, one lists the
tokens, so `validate` and the build agree on what is known.
"""

from __future__ import annotations

import re
from typing import Dict, Iterable, Iterator, List, Mapping, Optional, Tuple

from .model import NATIONAL_PACK, Audience, Nation, SchoolProfile

TOKEN = re.compile(r"\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}")

# The tokens a lesson may use (docs/lesson-format.md says what each stands for). Audience ids (ks2,
# ks3...) are tokens too: the audience's name in the nation's terms.
NATION_TOKENS = ("lead", "lead_name", "lead_title", "lead_definition", "social_care", "guidance", "law")


def known_tokens(audience_ids: Iterable[str]) -> List[str]:
    return [*NATION_TOKENS, *audience_ids]


def tokens_in(text: str) -> Iterator[Tuple[str, int]]:
    """Each token's name and where it starts, for messages that point at it."""
    for match in TOKEN.finditer(text):
        yield match.group(1), match.start()


def lead_words(nation: Nation, school: Optional[SchoolProfile]) -> Tuple[str, str]:
    """(first mention, later mentions) of the safeguarding role. A school whose lead has another
    title than the nation's usual one (say 'Head of Pastoral Care') gets that title throughout."""
    if school is not None and school.safeguarding_contacts:
        role = school.lead.role.strip()
        if role.casefold() not in (nation.lead.title.casefold(), nation.lead.name.casefold(), nation.lead.short.casefold()):
            return role, role
    return nation.lead.name, nation.lead.short


def term_values(nations: Mapping[str, Nation], nation_id: Optional[str], audiences: Mapping[str, Audience],
                school: Optional[SchoolProfile] = None) -> Dict[str, str]:
    """Every token's words for one pack: a school's nation, or the national pack (`nation_id` None)."""
    nation = nations[nation_id or NATIONAL_PACK]
    name, short = lead_words(nation, school)
    values = {
        "lead": short, "lead_name": name, "lead_definition": nation.lead.definition,
        "lead_title": school.lead.role if school is not None and school.safeguarding_contacts else nation.lead.title,
        "social_care": nation.social_care, "guidance": nation.guidance, "law": nation.law or "",
    }
    for audience in audiences.values():
        values[audience.id] = audience.names.for_nation(nation_id) if nation_id else audience.label
    return values


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# Welsh's definite article is "yr" before a vowel or h and "y" before a consonant: a token's words are
# only known when it is filled, so the article written before it is set then.
_WELSH_ARTICLE = re.compile(r"(?:\b([Yy]r?) )?" + TOKEN.pattern)
_WELSH_VOWELS = tuple("aeiouwyhâêîôûŵŷAEIOUWYHÂÊÎÔÛŴŶ")


def fill(text: str, values: Mapping[str, str], language: str = "en") -> str:
    """`text` with each known token replaced; `{{Lead}}` (capital first letter) starts a sentence.
    In Welsh (`language` 'cy') an article right before a token becomes "y" or "yr" to suit its words.
    Unknown tokens are left as written: `validate` reports them before any build."""
    if "{{" not in text:
        return text
    welsh = language.split("-")[0].lower() == "cy"

    def replace(match: "re.Match[str]") -> str:
        article, token = (match.group(1), match.group(2)) if welsh else (None, match.group(1))
        key = token[:1].lower() + token[1:]
        if key not in values:
            return match.group(0)
        words = _capital(values[key]) if token[:1].isupper() else values[key]
        if article:
            article = article[0] + ("r" if words.startswith(_WELSH_VOWELS) else "")
            return f"{article} {words}"
        return words

    return (_WELSH_ARTICLE if welsh else TOKEN).sub(replace, text)
