"""School profiles: a school's own contacts and look, written once by its safeguarding lead."""

from __future__ import annotations

import datetime as dt
import typing
from typing import Annotated, Any, Dict, Iterator, List, Literal, Optional, Tuple, Union

from pydantic import AfterValidator, BaseModel, EmailStr, Field, HttpUrl, StringConstraints, model_validator

from ..wording import _
from .common import LINE_MAX, NAME_MAX, PATH_MAX, Name, Slug, Strict
from .routes import Nation, Phrase, SupportRoute

HexColour = str

PROFILE_LANGUAGES = ("en", "cy")
"""The languages a school can write its own words in (`role: {en: ..., cy: ...}`): those of its packs."""
FALLBACK_LANGUAGE = "en"
"""The text a pack uses where the school gave none in the pack's language."""


class _InLanguages:
    """Marks a profile field a reader sees, which the school may write once or once per language.
    `name`: a proper name, which may rightly be the same in every language (no warning when it is)."""

    def __init__(self, name: bool = False):
        self.name = name


IN_LANGUAGES = _InLanguages()
A_NAME_IN_LANGUAGES = _InLanguages(name=True)


def _check_languages(value: Union[str, Dict[str, str]]) -> Union[str, Dict[str, str]]:
    if isinstance(value, dict):
        if not value:
            raise ValueError(_("the text is empty: write it as plain text, or per language, e.g. {example}",
                               example="{en: '...', cy: '...'}"))
        for key, text in value.items():
            if key not in PROFILE_LANGUAGES:
                raise ValueError(_("'{key}' is not a language lessonkit builds packs in: write the text under en "
                                   "(English) or cy (Welsh, Cymraeg), e.g. {example}", key=key,
                                   example="{en: '...', cy: '...'}"))
            if not text.strip():
                raise ValueError(_("the '{key}' text is empty", key=key))
    return value


def _in_languages(limit: int, marker: _InLanguages = IN_LANGUAGES):
    one = Annotated[str, StringConstraints(max_length=limit)]
    return Annotated[
        Union[one, Dict[str, one]], AfterValidator(_check_languages), marker,
        Field(description=(f"Plain text (at most {limit:,} characters), used in every language, or the text per "
                           "language, e.g. {en: 'Designated Safeguarding Person', cy: 'Person Diogelu Dynodedig'}.")),
    ]


NameInLanguages = _in_languages(NAME_MAX)
WordsInLanguages = _in_languages(LINE_MAX)
NameOrNames = _in_languages(NAME_MAX, A_NAME_IN_LANGUAGES)
"""A service's name: the same in every language (South Wales Police), or per language where it has
official names in each (a council's social services)."""


class SafeguardingContact(Strict):
    """A designated safeguarding lead (DSL, or DSP in Wales) or deputy."""

    name: Name
    role: NameInLanguages
    """Their title as pupils know it, e.g. 'Designated Safeguarding Lead' (or per language, see
    `text_in`)."""
    where_to_find: WordsInLanguages
    """Where pupils can find them, e.g. 'Room B12, or ask at Reception' (or per language)."""
    phone: Optional[Name] = None
    email: Optional[EmailStr] = None
    deputy: bool = False
    last_verified: Optional[dt.date] = None


class LocalService(Strict):
    """A local police force or children's services team."""

    name: NameOrNames
    phone: Optional[Name] = None
    out_of_hours_phone: Optional[Name] = None
    url: Optional[HttpUrl] = None
    email: Optional[EmailStr] = None
    notes: Optional[WordsInLanguages] = None
    """What readers should know about it, e.g. when to use it (or per language)."""
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
    logo_alt: Optional[WordsInLanguages] = None
    """Alt text for the logo (or per language); defaults to '<school name> logo'."""
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


# --- the school's own words in a pack's language ------------------------------------------------------

Loc = Tuple[Any, ...]


def text_in(value: Union[str, Dict[str, str]], language: str) -> Tuple[str, Optional[str]]:
    """The text a pack in `language` shows for one of the school's own fields, and the language it is
    in (None for plain text, which is used as it is in every language). The one rule for every
    format: the language's own text; else the English (`FALLBACK_LANGUAGE`); else the first given."""
    if isinstance(value, str):
        return value, None
    code = language.split("-")[0].lower()
    for choice in (code, FALLBACK_LANGUAGE):
        if choice in value:
            return value[choice], choice
    first = next(iter(value))
    return value[first], first


def lacks_language(value: Union[str, Dict[str, str]], language: str) -> bool:
    """True when a pack in `language` cannot show this text in that language: plain text counts as
    English (what a profile is written in unless it says otherwise)."""
    code = language.split("-")[0].lower()
    said = text_in(value, code)[1] or FALLBACK_LANGUAGE
    return said != code


def _marker(annotation: Any, metadata: Any = ()) -> Optional[_InLanguages]:
    for m in [*metadata, *getattr(annotation, "__metadata__", ())]:
        if isinstance(m, _InLanguages):
            return m
    return next((found for found in (_marker(arg) for arg in typing.get_args(annotation)) if found), None)


def _marked(annotation: Any, metadata: Any = ()) -> bool:
    return _marker(annotation, metadata) is not None


def texts_in_languages(model: BaseModel, loc: Loc = (), names: bool = True
                       ) -> Iterator[Tuple[Loc, Union[str, Dict[str, str]]]]:
    """Every field of the school's own words in `model` (a profile or part of one), with where it is;
    with `names=False`, not the proper names (which may be the same in every language)."""
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        if value is None:
            continue
        marker = _marker(field.annotation, field.metadata)
        if marker is not None:
            if names or not marker.name or isinstance(value, dict):
                yield loc + (name,), value
        elif isinstance(value, BaseModel):
            yield from texts_in_languages(value, loc + (name,), names)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from texts_in_languages(item, loc + (name, index), names)


def _resolved(model: BaseModel, language: str) -> BaseModel:
    update: Dict[str, Any] = {}
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        if value is None:
            continue
        if _marked(field.annotation, field.metadata):
            update[name] = text_in(value, language)[0]
        elif isinstance(value, BaseModel):
            update[name] = _resolved(value, language)
        elif isinstance(value, list) and any(isinstance(item, BaseModel) for item in value):
            update[name] = [_resolved(item, language) if isinstance(item, BaseModel) else item for item in value]
    return model.model_copy(update=update)


def profile_in(profile: SchoolProfile, language: str) -> SchoolProfile:
    """`profile` with each of the school's own words as a pack in `language` shows it (`text_in`):
    every format is given this, so none has to choose."""
    return _resolved(profile, language)  # type: ignore[return-value]
