"""Nations: the terms every output uses for a school in each UK nation (lessons/nations.yaml)."""

from __future__ import annotations

import datetime as dt
from typing import Dict, List, Literal, Optional

from pydantic import Field, HttpUrl, field_validator

from ..wording import _
from .common import NATIONS, Name, Paragraph, Slug, Strict, Words

NATIONAL_PACK = "uk"
"""The entry the national pack uses: it is read in all four nations."""


class NationSource(Strict):
    """A source in ../shared/domain/facts.md: its tag, the page it stands for, when it was checked."""

    tag: str = Field(pattern=r"^S[0-9]+[a-z]?$")
    url: HttpUrl
    last_verified: dt.date


class LeadRole(Strict):
    """The school's safeguarding role, as this nation names it."""

    title: Name
    """Default title in a school profile, e.g. 'Designated Safeguarding Lead'."""
    deputy_title: Name
    name: Words
    """In running text, first mention, e.g. 'designated safeguarding lead (DSL)'."""
    short: Name
    """In running text after that, e.g. 'DSL'."""
    definition: Paragraph
    """The keyword definition staff see."""


class Nation(Strict):
    """One nation's terms, each from a source in facts.md."""

    id: Literal["uk", "england", "wales", "scotland", "northern-ireland"]
    name: Name
    lead: LeadRole
    social_care: Name
    """The children's service that takes referrals, in running text."""
    guidance: Words
    """The safeguarding guidance schools follow."""
    police: Optional[Name] = None
    """The single force for the whole nation; empty where there are several."""
    police_hint: Words = ""
    money_loss_route: Optional[Slug] = None
    """The support route for an adult's money lost to fraud."""
    law: Optional[Paragraph] = None
    """A staff point on the law on indecent images, only where the sources give it."""
    own_terms: List[Name] = Field(default_factory=list)
    """Other words this nation's packs use and other nations' packs must not."""
    sources: List[NationSource] = Field(min_length=1)


class NationCatalogue(Strict):
    """The whole of nations.yaml: the national pack's entry and one per UK nation."""

    nations: List[Nation]

    @field_validator("nations")
    @classmethod
    def _every_nation_once(cls, nations: List[Nation]) -> List[Nation]:
        ids = [n.id for n in nations]
        wanted = (NATIONAL_PACK, *NATIONS)
        missing = [n for n in wanted if n not in ids]
        twice = sorted({n for n in ids if ids.count(n) > 1})
        if missing or twice:
            said = [_("missing: {ids}.", ids=", ".join(missing))] if missing else []
            said += [_("given twice: {ids}.", ids=", ".join(twice))] if twice else []
            raise ValueError(" ".join(said + [_("Give each of {ids} once", ids=", ".join(wanted))]))
        return nations

    def by_id(self) -> Dict[str, Nation]:
        return {n.id: n for n in self.nations}
