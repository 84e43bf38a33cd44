"""What a school profile takes from its nation: police defaults, the safeguarding role's usual name,
the audience names and which national routes apply.

Only what ../shared/domain/facts.md supports is asserted. Where it does not confirm a nation's
term for the safeguarding role (Scotland, Northern Ireland), the default stays neutral and the
lead types the title their pupils know.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional

from ..model import Audience, SupportRoute


@dataclass(frozen=True)
class Nation:
    id: str
    """As written in profiles and routes, e.g. 'northern-ireland'."""
    name: str
    """As a teacher writes it, e.g. 'Northern Ireland'."""
    police: Optional[str]
    """The one police force for the whole nation, or None where there are several to choose from."""
    police_hint: str
    """What `school init` says when it asks for the force."""
    lead_role: str
    """Default title for the safeguarding lead."""
    deputy_role: str
    lead_role_source: str
    """Why the default is what it is (a facts.md reference, or why it is neutral): for maintainers,
    never shown to users."""


NATIONS: Dict[str, Nation] = {
    nation.id: nation
    for nation in (
        Nation(
            id="england", name="England", police=None,
            police_hint="England has many police forces: type the one for your school's area, e.g. 'Norfolk Constabulary'",
            lead_role="Designated Safeguarding Lead", deputy_role="Deputy Designated Safeguarding Lead",
            lead_role_source="UKCIS advice for England speaks to DSLs and deputies (facts.md section 2, [S15][S16])",
        ),
        Nation(
            id="wales", name="Wales", police=None,
            police_hint="Wales has several police forces: type the one for your school's area, e.g. 'South Wales Police'",
            lead_role="Designated Safeguarding Person", deputy_role="Deputy Designated Safeguarding Person",
            lead_role_source="the Welsh Government/UKCIS version of the advice uses the term DSP (facts.md section 2, [S17])",
        ),
        Nation(
            id="scotland", name="Scotland", police="Police Scotland",
            police_hint="Police Scotland is the force for all of Scotland",  # facts.md [S22]
            lead_role="Safeguarding Lead", deputy_role="Deputy Safeguarding Lead",
            lead_role_source="facts.md does not confirm Scotland's usual title, so the default is neutral: type your own",
        ),
        Nation(
            id="northern-ireland", name="Northern Ireland", police="Police Service of Northern Ireland (PSNI)",
            police_hint="The PSNI is the force for all of Northern Ireland",  # facts.md [S23]
            lead_role="Safeguarding Lead", deputy_role="Deputy Safeguarding Lead",
            lead_role_source="facts.md does not confirm Northern Ireland's usual title, so the default is neutral: type your own",
        ),
    )
}

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
    return [police, "PSNI", "Police Service of Northern Ireland"] if nation == "northern-ireland" else [police]


def audience_name(audience: Audience, nation: str) -> str:
    """What schools in `nation` call this group, e.g. ks3 in Scotland -> 'S1 to S3'."""
    return audience.names.for_nation(nation)


def national_routes(nation: str, routes: Iterable[SupportRoute]) -> List[SupportRoute]:
    """Catalogue routes that serve `nation` (e.g. Victim Support's line: England and Wales only)."""
    return [route for route in routes if nation in route.nations]
