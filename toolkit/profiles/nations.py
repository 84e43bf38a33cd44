"""What a school profile takes from its nation: police defaults, the safeguarding role's usual title,
the audience names and which national routes apply.

The facts live in nations.yaml (one home, each with its source); this module only reads them for
`school init` and the profile checks.
"""

from __future__ import annotations

from typing import Iterable, Iterator, List, Mapping, Optional

from ..model import NATIONS as NATION_IDS
from ..model import Audience, SupportRoute
from ..model import Nation as NationFacts


class ProfileNation:
    """A nation as `school init` and the profile checks ask about it."""

    def __init__(self, facts: NationFacts) -> None:
        self.id = facts.id
        self.name = facts.name
        self.police: Optional[str] = facts.police
        self.police_hint = facts.police_hint
        self.lead_role = facts.lead.title
        self.deputy_role = facts.lead.deputy_title


class _Nations(Mapping):
    """The four nations, read from the built-in nations.yaml when first asked for."""

    def __getitem__(self, nation: str) -> ProfileNation:
        if nation not in NATION_IDS:
            raise KeyError(nation)
        from ..load import builtin_nations

        return ProfileNation(builtin_nations()[nation])

    def __iter__(self) -> Iterator[str]:
        return iter(NATION_IDS)

    def __len__(self) -> int:
        return len(NATION_IDS)


NATIONS: Mapping[str, ProfileNation] = _Nations()


# What people type for each nation, after lower-casing and turning '-' and '_' into spaces.
_SPELLINGS = {
    "england": "england", "wales": "wales", "cymru": "wales", "scotland": "scotland",
    "northern ireland": "northern-ireland", "ni": "northern-ireland", "n ireland": "northern-ireland",
}


def nation_id(text: str) -> Optional[str]:
    """'Northern Ireland', 'NI' or 'northern-ireland' -> 'northern-ireland'; None if not a UK nation."""
    words = text.strip().lower().replace("-", " ").replace("_", " ").replace(".", " ").split()
    return _SPELLINGS.get(" ".join(words))


def police_names(nation: str) -> List[str]:
    """Names that count as the nation's single force, for the consistency check."""
    police = NATIONS[nation].police
    if police is None:
        return []
    # "Police Service of Northern Ireland (PSNI)" also counts as written in full or as its initials.
    full, _, initials = police.partition(" (")
    return list(dict.fromkeys([police, full] + ([initials.rstrip(")")] if initials else [])))


def audience_name(audience: Audience, nation: str) -> str:
    """What schools in `nation` call this group, e.g. ks3 in Scotland -> 'S1 to S3'."""
    return audience.names.for_nation(nation)


def national_routes(nation: str, routes: Iterable[SupportRoute]) -> List[SupportRoute]:
    """Catalogue routes that serve `nation` (e.g. Victim Support's line: England and Wales only)."""
    return [route for route in routes if nation in route.nations]
