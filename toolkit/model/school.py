"""School profiles: a school's own contacts and look, written once by its safeguarding lead."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, List, Optional

from pydantic import EmailStr, Field, HttpUrl, StringConstraints

from .common import PATH_MAX, Name, Paragraph, Slug, Strict, Words
from .routes import Nation, SupportRoute

HexColour = str


class SafeguardingContact(Strict):
    """A designated safeguarding lead (DSL, or DSP in Wales) or deputy."""

    name: Name
    role: Name
    """Their title as pupils know it, e.g. 'Designated Safeguarding Lead'."""
    where_to_find: Words
    """Where pupils can find them, e.g. 'Room B12, or ask at Reception'."""
    phone: Optional[Name] = None
    email: Optional[EmailStr] = None
    deputy: bool = False
    last_verified: Optional[dt.date] = None


class LocalService(Strict):
    """A local police force or children's services team."""

    name: Name
    phone: Optional[Name] = None
    out_of_hours_phone: Optional[Name] = None
    url: Optional[HttpUrl] = None
    email: Optional[EmailStr] = None
    notes: Optional[Words] = None
    last_verified: Optional[dt.date] = None


class Branding(Strict):
    """The school's colours, as #RRGGBB."""

    primary: HexColour = Field(pattern=r"^#[0-9A-Fa-f]{6}$")
    secondary: Optional[HexColour] = Field(default=None, pattern=r"^#[0-9A-Fa-f]{6}$")


class SchoolProfile(Strict):
    """Everything local that every output carries beside the national routes."""

    id: Slug
    name: Name
    nation: Nation
    fictional: bool = False
    """True for example profiles: their numbers are from Ofcom's drama ranges."""
    safeguarding_contacts: List[SafeguardingContact] = Field(min_length=1)
    """The lead first, then deputies."""
    local_police: Optional[LocalService] = None
    childrens_services: Optional[LocalService] = None
    """Shown in staff materials only."""
    logo: Optional[Annotated[str, StringConstraints(max_length=PATH_MAX)]] = None
    """Path to a PNG or JPEG, relative to this profile."""
    logo_alt: Optional[Words] = None
    """Alt text for the logo; defaults to '<school name> logo'."""
    branding: Optional[Branding] = None
    extra_routes: List[SupportRoute] = Field(default_factory=list)
    """Local services beyond the national catalogue."""
    website: Optional[HttpUrl] = None

    @property
    def lead(self) -> SafeguardingContact:
        leads = [c for c in self.safeguarding_contacts if not c.deputy]
        return (leads or self.safeguarding_contacts)[0]
