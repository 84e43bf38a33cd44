"""School profiles: a school's own contacts and look, written once by its safeguarding lead."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Dict, List, Literal, Optional

from pydantic import EmailStr, Field, HttpUrl, StringConstraints, model_validator

from ..wording import _
from .common import PATH_MAX, Name, Slug, Strict, Words
from .routes import Nation, Phrase, SupportRoute

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
    source_phrases: List[Phrase] = Field(default_factory=list)
    """Words its web page (`url`) must still contain, e.g. its phone number as the page writes it:
    `lessonkit routes check` reports a page that no longer has one."""

    @model_validator(mode="after")
    def _phrases_need_a_page(self) -> "LocalService":
        if self.source_phrases and self.url is None:
            raise ValueError(_("source_phrases are checked against the service's web page: give its url too"))
        return self


class Branding(Strict):
    """The school's colours, as #RRGGBB."""

    primary: HexColour = Field(pattern=r"^#[0-9A-Fa-f]{6}$")
    secondary: Optional[HexColour] = Field(default=None, pattern=r"^#[0-9A-Fa-f]{6}$")


class TranslationReview(Strict):
    """A check of one language's translation by someone who speaks it, for safeguarding meaning."""

    name: str = Field(min_length=1, max_length=120)
    """Who checked it, e.g. 'Mr D. Example'."""
    role: Optional[str] = Field(default=None, max_length=120)
    date: dt.date
    lessons: Dict[Slug, str] = Field(min_length=1)
    """Each lesson whose translation was checked, with its version, as in `lessons` above."""


class SignOff(Strict):
    """The safeguarding lead's review of the lessons this school will use."""

    name: str = Field(min_length=1, max_length=120)
    """Who reviewed the lessons, e.g. 'Ms A. Example'."""
    role: Optional[str] = Field(default=None, max_length=120)
    """Their role, e.g. 'Designated Safeguarding Lead'."""
    date: dt.date
    """When they signed the lessons off (YYYY-MM-DD)."""
    lessons: Dict[Slug, str] = Field(min_length=1)
    """Each lesson reviewed, with the version reviewed, e.g. `online-blackmail: "1.1"`. A lesson whose
    version has changed since is a draft again until it is reviewed."""
    translations: Dict[Literal["cy"], TranslationReview] = Field(default_factory=dict)
    """Per language, the check of its translation by a safeguarding lead who speaks it, e.g.
    `cy: {name: ..., date: ..., lessons: {online-blackmail: "1.1"}}`. Until then a pack in that
    language says its translation must be checked before use."""


class LessonChoices(Strict):
    """Which optional parts of one lesson this school teaches (see the lesson's session plans)."""

    include: List[Slug] = Field(default_factory=list)
    """Optional parts to teach that are otherwise in the "extra slides" appendix."""
    exclude: List[Slug] = Field(default_factory=list)
    """Optional parts to leave out (they move to the appendix)."""


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
    sign_off: Optional[SignOff] = None
    """The safeguarding lead's review. Until a lesson is signed off here, every output of it says it
    is a draft that must be reviewed before use."""
    lesson_choices: Dict[Slug, LessonChoices] = Field(default_factory=dict)
    """Per lesson id, the optional parts this school includes or leaves out, e.g.
    `online-blackmail: {include: [copied-account]}`. `lessonkit build --include/--exclude` overrides it."""
    languages: List[Literal["cy", "en"]] = Field(default_factory=list, max_length=2)
    """The languages of this school's packs when `lessonkit build` is given no `--language`: `[cy]` for
    Welsh, `[cy, en]` for a bilingual pack (Welsh first, whatever the order). Empty: English."""

    @property
    def lead(self) -> SafeguardingContact:
        leads = [c for c in self.safeguarding_contacts if not c.deputy]
        return (leads or self.safeguarding_contacts)[0]
