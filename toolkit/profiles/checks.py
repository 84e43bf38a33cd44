"""Every rule a school profile must meet, reported together with file:line:col.

Errors stop a build: a number nobody can dial, a missing safeguarding lead, an unreadable logo,
colours nobody can read. Warnings ask the lead to look again: details not checked for a year.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, List, Optional, Sequence, Tuple
from urllib.parse import urlsplit

from ..colours import AA_NORMAL, INK, WHITE, accessible_on_white, contrast, parse_hex
from ..errors import Finding
from ..freshness import LIMIT_TEXT, is_stale
from ..load import Loaded, load_school
from ..model import SchoolProfile
from ..model.school import FALLBACK_LANGUAGE, lacks_language, profile_in, text_in, texts_in_languages
from ..translation import is_source_language, language_name
from ..pack import NATIONAL
from ..validation import length_message, missing_key
from ..wording import _, current_language
from .logo import check_logo
from .nations import NATIONS, police_names
from .phones import check_phone

# RFC 2606 and 6761 names that can never belong to anyone: what fictional profiles must use.
RESERVED_DOMAINS = ("example.com", "example.net", "example.org")
RESERVED_TLDS = ("example", "invalid", "test", "localhost")

Loc = Tuple[Any, ...]


@dataclass(frozen=True)
class ProfileCheck:
    """A profile as loaded (None if it could not be read) and everything found wrong with it."""

    loaded: Optional[Loaded[SchoolProfile]]
    findings: List[Finding]

    @property
    def errors(self) -> List[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def profile(self) -> Optional[SchoolProfile]:
        return self.loaded.model if self.loaded else None


def where(loc: Loc) -> str:
    """('safeguarding_contacts', 0, 'phone') -> 'safeguarding_contacts[1].phone', as a lead counts."""
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else (("." if text else "") + str(part))
    return text


def check_profile(path: Path, today: Optional[dt.date] = None, languages: Sequence[str] = ()) -> ProfileCheck:
    """Load `path` and run every rule on it. Raises UsageProblem only if the file does not exist.
    `languages`: those of the pack about to be built, besides the profile's own `languages`."""
    loaded, findings = load_school(path)
    findings = [_clearer(f) for f in findings]
    if loaded is not None:
        findings += check_loaded(loaded, today or dt.date.today(), languages)
    return ProfileCheck(loaded, findings)


def _clearer(finding: Finding) -> Finding:
    """Say 'no safeguarding lead' rather than 'needs at least 1 item'."""
    no_list = finding.rule == "missing" and finding.message == missing_key("safeguarding_contacts", ())
    empty = finding.rule == "too_short" and finding.message == length_message("safeguarding_contacts", 1, True, True)
    if no_list or empty:
        return dataclasses.replace(
            finding, message=_("the profile names no safeguarding lead (safeguarding_contacts is empty or missing)"),
            hint=_("add the lead under safeguarding_contacts: name, role, where_to_find; "
                   "`lessonkit school init` asks for each"))
    return finding


def check_loaded(loaded: Loaded[SchoolProfile], today: dt.date, languages: Sequence[str] = ()) -> List[Finding]:
    findings: List[Finding] = []
    for rule in (_id, _lead, _phones, _addresses, _colours, _nation, _fictional):
        findings += rule(loaded)
    findings += _freshness(loaded, today)
    findings += _own_words(loaded, languages)
    if loaded.model.logo:
        findings += [loaded.finding(("logo",), message, hint, severity, "logo")
                     for severity, message, hint in check_logo(Path(loaded.model.logo), _as_written(loaded, ("logo",)))]
    return findings


def _as_written(loaded: Loaded[SchoolProfile], loc: Loc) -> str:
    value: Any = loaded.raw
    for part in loc:
        value = value[part]
    return str(value)


def _id(loaded: Loaded[SchoolProfile]) -> List[Finding]:
    if loaded.model.id != NATIONAL:
        return []
    return [loaded.finding(("id",), _("id '{id}' is the name of the national pack's folder", id=NATIONAL),
                           _("give the school its own id, e.g. from its name: it names the pack's folder and zip"),
                           rule="school-id")]


def _lead(loaded: Loaded[SchoolProfile]) -> List[Finding]:
    if any(not c.deputy for c in loaded.model.safeguarding_contacts):
        return []
    return [loaded.finding(("safeguarding_contacts",),
                           _("the profile names no safeguarding lead: every contact is marked deputy: true"),
                           _("set deputy: false (or remove the deputy line) for the lead; list the lead first"), rule="lead")]


def _phone_fields(profile: SchoolProfile) -> Iterator[Tuple[Loc, str]]:
    for index, contact in enumerate(profile.safeguarding_contacts):
        if contact.phone:
            yield ("safeguarding_contacts", index, "phone"), contact.phone
    for name in ("local_police", "childrens_services"):
        service = getattr(profile, name)
        for key in ("phone", "out_of_hours_phone"):
            if service is not None and getattr(service, key):
                yield (name, key), getattr(service, key)
    for index, route in enumerate(profile.extra_routes):
        for key in ("phone", "textphone"):
            if getattr(route, key):
                yield ("extra_routes", index, key), getattr(route, key)


def _phones(loaded: Loaded[SchoolProfile]) -> List[Finding]:
    findings = []
    for loc, number in _phone_fields(loaded.model):
        result = check_phone(number)
        if not result.ok:
            findings.append(loaded.finding(loc, f"{where(loc)}: {result.problem}", result.hint, rule="phone"))
    return findings


def _address_fields(profile: SchoolProfile) -> Iterator[Tuple[Loc, str, str]]:
    """(where, 'email' or 'url', the address) for every address a reader could use."""
    if profile.website:
        yield ("website",), "url", str(profile.website)
    for index, contact in enumerate(profile.safeguarding_contacts):
        if contact.email:
            yield ("safeguarding_contacts", index, "email"), "email", contact.email
    for name in ("local_police", "childrens_services"):
        service = getattr(profile, name)
        if service is not None and service.url:
            yield (name, "url"), "url", str(service.url)
        if service is not None and service.email:
            yield (name, "email"), "email", service.email
    for index, route in enumerate(profile.extra_routes):
        if route.url:
            yield ("extra_routes", index, "url"), "url", str(route.url)
        if route.email:
            yield ("extra_routes", index, "email"), "email", route.email
        yield ("extra_routes", index, "source_url"), "url", str(route.source_url)


def domain_of(kind: str, address: str) -> str:
    if kind == "email":
        return address.rsplit("@", 1)[-1].lower()
    return (urlsplit(address).hostname or "").lower()


def is_reserved(domain: str) -> bool:
    return domain.rsplit(".", 1)[-1] in RESERVED_TLDS or any(
        domain == d or domain.endswith("." + d) for d in RESERVED_DOMAINS)


def _addresses(loaded: Loaded[SchoolProfile]) -> List[Finding]:
    # The model has already refused malformed addresses; these are the ones that parse but cannot work.
    findings = []
    for loc, kind, address in _address_fields(loaded.model):
        domain = domain_of(kind, address)
        if kind == "url" and "." not in domain:
            findings.append(loaded.finding(loc, _("{place}: '{address}' has no full domain name",
                                                  place=where(loc), address=address),
                                           _("write the full address, e.g. https://www.example.org/"), rule="url"))
        elif kind == "url" and address.startswith("http://"):
            findings.append(loaded.finding(loc, _("{place}: '{address}' is not a secure (https://) address",
                                                  place=where(loc), address=address),
                                           _("use the https:// address if the site has one"), "warning", "url"))
    return findings


def _colours(loaded: Loaded[SchoolProfile]) -> List[Finding]:
    """Warnings, not errors: renderers replace a failing brand colour with an accessible shade."""
    branding = loaded.model.branding
    if branding is None:
        return []
    findings = []
    primary = parse_hex(branding.primary)
    ratio = contrast(primary, WHITE)
    if ratio < AA_NORMAL:
        shade, _changed = accessible_on_white(branding.primary)
        findings.append(loaded.finding(
            ("branding", "primary"),
            _("branding.primary {colour} is too light: white text on it, and it as text on white paper, "
              "have a contrast of {ratio:.1f}:1, below the {needed}:1 that WCAG AA needs",
              colour=branding.primary, ratio=ratio, needed=AA_NORMAL),
            _("lessonkit will use {shade}, the nearest darker shade that passes; "
              "set that, or a darker colour from your brand guide, to choose yourself", shade=shade),
            "warning", rule="contrast"))
    if branding.secondary:
        secondary = parse_hex(branding.secondary)
        best = max(contrast(secondary, WHITE), contrast(secondary, INK))
        if best < AA_NORMAL:
            findings.append(loaded.finding(
                ("branding", "secondary"),
                _("branding.secondary {colour} cannot carry readable text: neither white nor dark text "
                  "reaches {needed}:1 on it (best {best:.1f}:1)", colour=branding.secondary, needed=AA_NORMAL, best=best),
                _("pick a lighter or darker shade of it; until then lessonkit does not use it"),
                "warning", rule="contrast"))
    return findings


def _nation(loaded: Loaded[SchoolProfile]) -> List[Finding]:
    profile = profile_in(loaded.model, FALLBACK_LANGUAGE)  # the police force by its English name
    nation = NATIONS[profile.nation]
    findings = []
    police = profile.local_police
    if police is not None:
        own = police_names(profile.nation)
        others = [name for other in NATIONS if other != profile.nation for name in police_names(other)]
        if own and not any(name.lower() in police.name.lower() for name in own):
            findings.append(loaded.finding(("local_police", "name"),
                                           _("local_police is '{police}', but {force} is the police force for all of "
                                             "{nation}", police=police.name, force=nation.police, nation=nation.name),
                                           _("use '{force}', or check the profile's nation", force=nation.police),
                                           "warning", "nation"))
        elif any(name.lower() in police.name.lower() for name in others):
            findings.append(loaded.finding(("local_police", "name"),
                                           _("local_police '{police}' does not serve {nation}, the nation this profile "
                                             "gives", police=police.name, nation=nation.name),
                                           _("check the nation and the police force"), "warning", "nation"))
    for index, route in enumerate(profile.extra_routes):
        if profile.nation not in route.nations:
            findings.append(loaded.finding(("extra_routes", index, "nations"),
                                           _("extra_routes[{number}] '{route}' does not cover {nation}, so no "
                                             "pupil at this school will ever see it",
                                             number=index + 1, route=route.id, nation=nation.name),
                                           _("add {nation} to its nations, or remove it", nation=profile.nation),
                                           "warning", "nation"))
    return findings


def _fictional(loaded: Loaded[SchoolProfile]) -> List[Finding]:
    """Examples must never reach a real person; real profiles must not point at nobody."""
    profile = loaded.model
    findings = []
    for loc, number in _phone_fields(profile):
        checked = check_phone(number)
        if not checked.ok:
            continue  # already reported by _phones
        if profile.fictional and not checked.drama:
            findings.append(loaded.finding(loc, _("{place}: '{number}' could reach a real person, but this profile is "
                                                  "fictional", place=where(loc), number=number),
                                           _("fictional profiles use only Ofcom's drama numbers, e.g. 01632 960123 or "
                                             "020 7946 0123"),
                                           rule="fictional"))
        elif checked.drama and not profile.fictional:
            findings.append(loaded.finding(loc, _("{place}: '{number}' is in a range Ofcom keeps for TV drama: nobody "
                                                  "answers it", place=where(loc), number=number),
                                           _("give the real number, or mark the profile 'fictional: true' if it is an "
                                             "example"),
                                           rule="fictional"))
    for loc, kind, address in _address_fields(profile):
        reserved = is_reserved(domain_of(kind, address))
        if profile.fictional and not reserved:
            problem = (_("{place}: '{address}' could reach a real inbox, but this profile is fictional",
                         place=where(loc), address=address) if kind == "email" else
                       _("{place}: '{address}' could reach a real site, but this profile is fictional",
                         place=where(loc), address=address))
            findings.append(loaded.finding(loc, problem, _("fictional profiles use example.org addresses"),
                                           rule="fictional"))
        elif reserved and not profile.fictional:
            findings.append(loaded.finding(loc, _("{place}: '{address}' is an example address that reaches nobody",
                                                  place=where(loc), address=address),
                                           _("give the real address, or mark the profile 'fictional: true' if it is an "
                                             "example"),
                                           rule="fictional"))
    return findings


def _own_words(loaded: Loaded[SchoolProfile], languages: Sequence[str]) -> List[Finding]:
    """Warnings: a pack in a language the school has not written its own words in shows them in English
    (plain text counts as English), and should say so rather than mix languages silently."""
    wanted: List[str] = []
    for tag in [*loaded.model.languages, *languages]:
        code = tag.split("-")[0].lower()
        if not is_source_language(code) and code not in wanted:
            wanted.append(code)
    findings = []
    for code in wanted:
        for loc, value in texts_in_languages(loaded.model, names=False):  # a name written once is a name
            if lacks_language(value, code):
                shown, _in = text_in(value, code)
                findings.append(loaded.finding(
                    loc, _("{place} has no {language} text, so a {language} pack shows \"{text}\" as it is",
                           place=where(loc), language=language_name(code), text=shown),
                    _("write it in each language, e.g. {key}: {{en: \"{text}\", {code}: \"...\"}}",
                      key=loc[-1], text=shown, code=code),
                    "warning", "language"))
    return findings


def _dated_contacts(profile: SchoolProfile) -> Iterator[Tuple[Loc, str, Optional[dt.date]]]:
    for index, contact in enumerate(profile.safeguarding_contacts):
        yield ("safeguarding_contacts", index), contact.name, contact.last_verified
    for name in ("local_police", "childrens_services"):
        service = getattr(profile, name)
        if service is not None:
            yield (name,), service.name, service.last_verified
    for index, route in enumerate(profile.extra_routes):
        yield ("extra_routes", index), route.name, route.last_verified


def _freshness(loaded: Loaded[SchoolProfile], today: dt.date) -> List[Finding]:
    findings = []
    for loc, name, checked in _dated_contacts(profile_in(loaded.model, current_language())):
        if checked is None:
            findings.append(loaded.finding(loc, _("{place} ({name}) has no last_verified date", place=where(loc), name=name),
                                           _("check these details are still right, then add last_verified: YYYY-MM-DD"),
                                           "warning", "stale", key=True))
        elif is_stale(checked, today):
            findings.append(loaded.finding(loc + ("last_verified",),
                                           _("{place} ({name}) was last verified on {date}, more than {limit} ago",
                                             place=where(loc), name=name, date=checked.isoformat(), limit=LIMIT_TEXT),
                                           _("check the name, number and email are still right, then update "
                                             "last_verified"),
                                           "warning", "stale"))
        elif checked > today:
            findings.append(loaded.finding(loc + ("last_verified",),
                                           _("{place} ({name}) has last_verified {date}, which is in the future",
                                             place=where(loc), name=name, date=checked.isoformat()),
                                           _("use the date you checked it"),
                                           "warning", "stale"))
    return findings
