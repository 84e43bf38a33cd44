"""What `lessonkit routes check` looks at: each national route, and each contact and route in a
school profile, with the web addresses to request and the phrases each page must still hold."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from ..model import SchoolProfile, SupportRoute
from ..model.school import profile_in
from ..wording import N_, current_language


@dataclass(frozen=True)
class Address:
    url: str
    role: str
    """What the address is to the route: 'web address', 'source' or 'web address and source'."""
    phrases: Tuple[str, ...] = ()
    """Phrases this page must still contain."""


@dataclass(frozen=True)
class Target:
    """One route or contact to check."""

    id: str
    """The route's id, or where the contact is in its profile (e.g. 'local_police')."""
    name: str
    addresses: Tuple[Address, ...]
    last_verified: Optional[dt.date]
    note: str = ""
    """Why no address is requested, when none is."""


def route_target(route: SupportRoute) -> Target:
    """A route's own web address and its source; the phrases are checked against the source."""
    source, phrases = str(route.source_url), tuple(route.source_phrases)
    url = str(route.url) if route.url else ""
    if url == source:
        addresses = (Address(url, N_("web address and source"), phrases),)
    else:
        addresses = ((Address(url, N_("web address")),) if url else ()) + (Address(source, N_("source"), phrases),)
    return Target(route.id, route.name, addresses, route.last_verified)


def catalogue_targets(routes: Sequence[SupportRoute]) -> List[Target]:
    return [route_target(route) for route in routes]


# A target's note and an address's role are stored untranslated and looked up where they are shown.
FICTIONAL = N_("a fictional profile: its addresses are examples, so none is requested")


def profile_targets(profile: SchoolProfile) -> List[Target]:
    """Every dated contact in a profile: safeguarding staff (nothing online to request, but their
    date counts), local services by their web address, and extra routes like national ones."""
    profile = profile_in(profile, current_language())  # services by the name they have in this language
    targets = [Target(f"safeguarding_contacts[{i}]", contact.name, (), contact.last_verified,
                      N_("no web address: check the details with them"))
               for i, contact in enumerate(profile.safeguarding_contacts)]
    for key in ("local_police", "childrens_services"):
        service = getattr(profile, key)
        if service is None:
            continue
        addresses = (Address(str(service.url), N_("web address"), tuple(service.source_phrases)),) if service.url else ()
        targets.append(Target(key, service.name, addresses, service.last_verified,
                              "" if addresses else N_("no web address: check the number by phone")))
    targets += [route_target(route) for route in profile.extra_routes]
    if profile.fictional:
        targets = [Target(t.id, t.name, (), t.last_verified, FICTIONAL) for t in targets]
    return targets
