"""Support routes: the services a lesson points people to."""

from __future__ import annotations

from typing import Annotated, Dict, List, Literal, Optional

from pydantic import EmailStr, Field, HttpUrl, StringConstraints

from .common import NATIONS, Name, Slug, Sourced, Strict, Words

Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
"""A phrase a web page is expected to contain."""

Nation = Literal["england", "wales", "scotland", "northern-ireland"]

PURPOSE_SHORT_MAX = 48
"""The longest `purpose_short`: two lines on a help card beside its QR code."""
ShortPurpose = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=PURPOSE_SHORT_MAX)]


class SupportRoute(Sourced):
    """A service that helps: national (from the catalogue) or local (from a school profile)."""

    id: Slug
    name: str
    """Name as the service uses it, e.g. 'Childline'."""
    purpose: str
    """One sentence in plain words: what they help with."""
    purpose_short: Optional[ShortPurpose] = None
    """What they are for in a few words (at most 48 characters), e.g. 'Free, confidential help for
    under-19s': the slides' help cards show it. Every route lessonkit ships has one; a route
    without one shows its purpose's first sentence."""
    kind: Literal["emergency", "report", "remove-images", "talk", "advice"]
    """What sort of help, used to group routes on a page."""
    phone: Optional[Name] = None
    """Phone number exactly as the service publishes it."""
    textphone: Optional[Name] = None
    text: Optional[Name] = None
    """How to text them, e.g. 'Text SHOUT to 85258'."""
    url: Optional[HttpUrl] = None
    email: Optional[EmailStr] = None
    hours: Optional[Name] = None
    """Opening hours, e.g. '24 hours, every day'."""
    for_whom: Words
    """Who the service is for, in plain words."""
    min_age: Optional[int] = Field(default=None, ge=0, le=99)
    """Youngest age the service accepts; 18 marks an adult-only service."""
    max_age: Optional[int] = Field(default=None, ge=0, le=99)
    """Oldest age the service accepts, if any."""
    nations: List[Nation] = Field(default_factory=lambda: list(NATIONS))
    """Nations the service covers (all four unless given)."""
    audiences: List[Slug] = Field(default_factory=list)
    """Audiences to show it to; empty means every audience the age limits allow."""
    anonymous: Optional[bool] = None
    """Whether people can use it without giving their name; empty when not confirmed."""
    source_phrases: List[Phrase] = Field(default_factory=list)
    """Words its source page must still contain, e.g. its phone number as the page writes it:
    `lessonkit routes check` reports a source that no longer has one (case and spacing ignored)."""

    @property
    def adult_only(self) -> bool:
        return self.min_age is not None and self.min_age >= 18


class RouteCatalogue(Strict):
    """The file `lessons/support-routes.yaml`."""

    routes: List[SupportRoute]

    def by_id(self) -> Dict[str, SupportRoute]:
        return {r.id: r for r in self.routes}
