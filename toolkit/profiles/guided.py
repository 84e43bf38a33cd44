"""The questions `lessonkit school init` asks, each answerable by an option instead (CLI layer: it prompts).

Every answer is checked as it is given, with the same rules as `lessonkit school check`, so a lead
re-types a wrong number at once rather than finding out later.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import click
from pydantic import EmailStr, HttpUrl, TypeAdapter, ValidationError

from ..colours import AA_NORMAL, INK, WHITE, accessible_on_white, contrast, parse_hex
from ..errors import UsageProblem
from ..terminal import say
from ..wording import N_, _
from .checks import domain_of, is_reserved
from .logo import check_logo
from .nations import NATIONS, nation_id
from .phones import check_phone
from .writer import ContactAnswers, ProfileAnswers, ServiceAnswers, slugify

Convert = Callable[[str], str]
_EMAIL = TypeAdapter(EmailStr)
_URL = TypeAdapter(HttpUrl)


@dataclass
class Given:
    """What the options already answered (lists are zipped by position: the first --lead-* is lead 1)."""

    values: Dict[str, object] = field(default_factory=dict)

    def one(self, name: str) -> Optional[str]:
        value = self.values.get(name)
        return None if value in (None, "") else str(value)

    def nth(self, name: str, index: int) -> Optional[str]:
        values: Sequence[str] = self.values.get(name) or ()  # type: ignore[assignment]
        return values[index] if index < len(values) and values[index] != "" else None

    def count(self, name: str) -> int:
        return len(self.values.get(name) or ())  # type: ignore[arg-type]


class Asker:
    """Use the option if given, else ask (interactive), else the default; collect what is missing."""

    def __init__(self, interactive: bool):
        self.interactive = interactive
        self.missing: List[str] = []

    def ask(self, question: str, given: Optional[str], option: str, default: Optional[str] = None,
            convert: Convert = lambda text: text.strip()) -> str:
        if given is not None:
            try:
                return convert(given)
            except click.BadParameter as problem:
                raise UsageProblem(f"{option}: {problem.message}") from None
        if not self.interactive:
            if default is None:
                self.missing.append(option)
                return ""
            return convert(default)
        return click.prompt(question, default=default, show_default=bool(default), value_proc=convert)

    def confirm(self, question: str) -> bool:
        return self.interactive and click.confirm(question, default=False)


def _nation(text: str) -> str:
    found = nation_id(text)
    if found is None:
        raise click.BadParameter(_("'{text}' is not a UK nation: use england, wales, scotland or northern-ireland", text=text))
    return found


def _required(text: str) -> str:
    if not text.strip():
        raise click.BadParameter(_("this cannot be empty"))
    return text.strip()


def _slug(text: str) -> str:
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", text.strip()) or len(text.strip()) > 64:
        raise click.BadParameter(_("'{text}' is not an id: use lower-case letters, digits and single hyphens", text=text))
    return text.strip()


# What to do when an answer fits the other kind of profile: every such error says how to switch.
TO_EXAMPLE = N_("If this is an example school, answer 'example' to the first question (or add --fictional).")
TO_REAL = N_("If this is a real school, answer 'real' to the first question (or leave out --fictional).")
KINDS = {"real": False, "r": False, "example": True, "e": True, "fictional": True}


def _kind(text: str) -> str:
    kind = text.strip().lower()
    if kind not in KINDS:
        raise click.BadParameter(_("'{text}' is neither: answer 'real' for your school, or 'example' for a made-up one", text=text))
    return "example" if KINDS[kind] else "real"


def _phone(fictional: bool) -> Convert:
    def convert(text: str) -> str:
        text = text.strip()
        if not text:
            return ""
        result = check_phone(text)
        if not result.ok:
            raise click.BadParameter(f"{result.problem}: {result.hint}")
        if fictional and not result.drama:
            raise click.BadParameter(_("'{text}' could reach a real person: an example school uses only Ofcom's drama numbers, e.g. "
                                       "01632 960123. {hint}", text=text, hint=_(TO_REAL)))
        if result.drama and not fictional:
            raise click.BadParameter(_("'{text}' is in a range Ofcom keeps for TV drama: nobody answers it. {hint}", text=text,
                                       hint=_(TO_EXAMPLE)))
        return text
    return convert


def _address(kind: str, fictional: bool) -> Convert:
    def convert(text: str) -> str:
        text = text.strip()
        if not text:
            return ""
        if kind == "url" and "://" not in text:
            text = "https://" + text  # 'www.school.org.uk' is how most people write it
        try:
            value = _EMAIL.validate_python(text) if kind == "email" else str(_URL.validate_python(text))
        except ValidationError:
            example = "name@school.org.uk" if kind == "email" else "www.school.org.uk"
            raise click.BadParameter((_("'{text}' is not an email address, e.g. {example}", text=text, example=example) if kind == "email"
                                     else _("'{text}' is not a web address, e.g. {example}", text=text, example=example))) from None
        domain = domain_of(kind, value)
        if kind == "url" and "." not in domain:
            raise click.BadParameter(_("'{text}' has no full domain name", text=text))
        if is_reserved(domain) != fictional:
            raise click.BadParameter(_("'{text}' is an example address that reaches nobody. {hint}", text=text, hint=_(TO_EXAMPLE)) if not fictional
                                     else _("'{text}' could reach someone real: an example school uses example.org addresses. {hint}", text=text,
                                              hint=_(TO_REAL)))
        return value
    return convert


def _colour(primary: bool) -> Convert:
    def convert(text: str) -> str:
        text = text.strip()
        if not text:
            return ""
        if not re.fullmatch(r"#?[0-9A-Fa-f]{6}", text):
            raise click.BadParameter(_("'{text}' is not a colour like #1D4E89", text=text))
        colour = "#" + text.lstrip("#").upper()
        rgb = parse_hex(colour)
        if primary and contrast(rgb, WHITE) < AA_NORMAL:
            shade, _passes = accessible_on_white(colour)
            raise click.BadParameter(_("white text on {colour} has a contrast of {contrast:.1f}:1, below {needed}:1: try {shade}, "
                                       "the nearest darker shade that passes", colour=colour, contrast=contrast(rgb, WHITE), needed=AA_NORMAL,
                                       shade=shade))
        if not primary and max(contrast(rgb, WHITE), contrast(rgb, INK)) < AA_NORMAL:
            raise click.BadParameter(_("no text colour is readable on {colour}: pick a lighter or darker shade", colour=colour))
        return colour
    return convert


def _logo(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    for severity, message, hint in check_logo(Path(text), text):
        if severity == "error":
            raise click.BadParameter(f"{message}: {hint}")
    return text


def _contacts(asker: Asker, given: Given, prefix: str, deputy: bool, role: str, phone: Convert, email: Convert) -> List[ContactAnswers]:
    """The leads (at least one) or the deputies: as many as the options give, then more while the lead says yes."""
    contacts: List[ContactAnswers] = []
    at_least = max(given.count(f"{prefix}_name"), 0 if deputy else 1)
    kind = _("deputy") if deputy else _("safeguarding lead")
    while len(contacts) < at_least or asker.confirm(_("Add another {kind}?", kind=kind) if contacts else _("Add a {kind}?", kind=kind)):
        index = len(contacts)
        label = f"{kind[0].upper()}{kind[1:]} {index + 1}"
        contacts.append(ContactAnswers(
            name=asker.ask(f"{label}: name", given.nth(f"{prefix}_name", index), f"--{prefix}-name", convert=_required),
            role=asker.ask(f"{label}: role", given.nth(f"{prefix}_role", index), f"--{prefix}-role", role, _required),
            where_to_find=asker.ask(_("{label}: where pupils find them (e.g. 'Room B12, or ask at Reception')", label=label),
                                    given.nth(f"{prefix}_where", index), f"--{prefix}-where", convert=_required),
            phone=asker.ask(_("{label}: phone (blank to leave out)", label=label), given.nth(f"{prefix}_phone", index), f"--{prefix}-phone", "", phone),
            email=asker.ask(_("{label}: email (blank to leave out)", label=label), given.nth(f"{prefix}_email", index), f"--{prefix}-email", "", email),
            deputy=deputy,
        ))
    return contacts


def ask_profile(asker: Asker, given: Given, fictional: Optional[bool], target_for: Callable[[str], Path]) -> Tuple[Path, ProfileAnswers]:
    """Every question in order. Returns (target path, answers); `target_for(id)` refuses taken paths.
    `fictional`: --fictional (True), --real (False) or neither (None: asked; 'real' without input)."""
    if asker.interactive:
        say(_("A few questions about your school. Press Enter to take the answer in [brackets].\n"))
    answered = None if fictional is None else ("example" if fictional else "real")
    fictional = asker.ask("Is this profile for a real school, or an example with made-up contacts? (real, example)",
                          answered, "--fictional", "real", _kind) == "example"
    nation = NATIONS[asker.ask("Nation (england, wales, scotland, northern-ireland)", given.one("nation"), "--nation", convert=_nation)
                     or "england"]
    name = asker.ask(_("School name"), given.one("name"), "--name", convert=_required)
    school_id = asker.ask(_("Short id for the pack's folder"), given.one("school_id"), "--id", slugify(name) or None, _slug)
    target = target_for(school_id) if school_id else Path()
    phone, email = _phone(fictional), _address("email", fictional)
    if asker.interactive:
        say("\n" + _("The safeguarding lead. In {nation} the default title is '{role}'. Type the title your pupils know.",
                     nation=nation.name, role=nation.lead_role))
    contacts = _contacts(asker, given, "lead", False, nation.lead_role, phone, email) + \
        _contacts(asker, given, "deputy", True, nation.deputy_role, phone, email)
    if asker.interactive:
        say(_("\nLocal police. {hint}. Leave blank to show only 999 and 101.", hint=nation.police_hint))
    police_name = asker.ask(_("Police force"), given.one("police_name"), "--police-name", nation.police or "")
    police = ServiceAnswers(police_name, asker.ask(_("Police phone (blank to leave out)"), given.one("police_phone"), "--police-phone", "", phone)) if police_name else None
    if asker.interactive:
        say(_("\nLocal children's services: shown in staff materials only. Leave blank to skip."))
    services_name = asker.ask(_("Children's services name"), given.one("services_name"), "--childrens-services-name", "")
    services = None
    if services_name:
        services = ServiceAnswers(
            services_name,
            phone=asker.ask(_("Children's services phone"), given.one("services_phone"), "--childrens-services-phone", "", phone),
            out_of_hours_phone=asker.ask(_("Out-of-hours phone"), given.one("services_out_of_hours"), "--childrens-services-out-of-hours", "", phone),
            email=asker.ask(_("Children's services email"), given.one("services_email"), "--childrens-services-email", "", email),
            url=asker.ask(_("Children's services web address"), given.one("services_url"), "--childrens-services-url", "", _address("url", fictional)),
        )
    if asker.interactive:
        say(_("\nLogo and colours (blank to skip)."))
    logo = asker.ask(_("Logo file (PNG or JPEG)"), given.one("logo"), "--logo", "", _logo)
    logo_alt = asker.ask(_("Logo description for screen readers"), given.one("logo_alt"), "--logo-alt", _("{school} logo", school=name)) if logo else ""
    primary = asker.ask(_("Main brand colour (#RRGGBB)"), given.one("primary"), "--primary", "", _colour(True))
    secondary = asker.ask(_("Second brand colour (#RRGGBB)"), given.one("secondary"), "--secondary", "", _colour(False)) if primary else ""
    website = asker.ask(_("School website"), given.one("website"), "--website", "", _address("url", fictional))
    if asker.missing:
        raise UsageProblem(_("missing answers for --no-input: ") + ", ".join(dict.fromkeys(asker.missing))
                           + _(". Try: lessonkit school init --help"))
    if logo:
        logo = Path(os.path.relpath(Path(logo).resolve(), target.parent.resolve())).as_posix()
    return target, ProfileAnswers(
        id=school_id, name=name, nation=nation.id, contacts=contacts, police=police, childrens_services=services,
        logo=logo, logo_alt=logo_alt, primary=primary, secondary=secondary, website=website, fictional=fictional,
    )
