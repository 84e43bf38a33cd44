"""A commented YAML school profile from a safeguarding lead's answers to `lessonkit school init`."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Union

from ..wording import _
from .nations import NATIONS


InLanguages = Union[str, Dict[str, str]]
"""Plain text, or the text per language ({en: ..., cy: ...}), for the fields a profile allows it in."""


@dataclass(frozen=True)
class ContactAnswers:
    name: str
    role: InLanguages
    where_to_find: InLanguages
    phone: str = ""
    email: str = ""
    deputy: bool = False


@dataclass(frozen=True)
class ServiceAnswers:
    name: InLanguages
    phone: str = ""
    out_of_hours_phone: str = ""
    email: str = ""
    url: str = ""
    notes: InLanguages = ""


@dataclass(frozen=True)
class ProfileAnswers:
    id: str
    name: str
    nation: str
    contacts: List[ContactAnswers]
    police: Optional[ServiceAnswers] = None
    childrens_services: Optional[ServiceAnswers] = None
    logo: str = ""  # relative to the profile
    logo_alt: InLanguages = ""
    primary: str = ""
    secondary: str = ""
    website: str = ""
    fictional: bool = False
    verified: dt.date = field(default_factory=dt.date.today)


def slugify(name: str) -> str:
    """'St Mary's C of E School' -> 'st-marys-c-of-e-school' (an id and a folder name)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    plain = plain.replace("'", "").replace("\u2019", "")
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:64].strip("-")


def _q(text: InLanguages) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), keeping Welsh and other letters; text
    per language as a flow mapping, {"en": "...", "cy": "..."}."""
    return json.dumps(text, ensure_ascii=False)


def _service(key: str, comment: str, service: Optional[ServiceAnswers], verified: dt.date, example: str) -> List[str]:
    if service is None:
        return [f"# {comment}", "# " + _("Not given yet. {example}", example=example), ""]
    lines = [f"# {comment}", f"{key}:", f"  name: {_q(service.name)}"]
    for name, value in (("phone", service.phone), ("out_of_hours_phone", service.out_of_hours_phone),
                        ("email", service.email), ("url", service.url), ("notes", service.notes)):
        if value:
            lines.append(f"  {name}: {_q(value)}")
    return lines + [f"  last_verified: {verified.isoformat()}", ""]


def profile_yaml(answers: ProfileAnswers, path_shown: str) -> str:
    nation = NATIONS[answers.nation]
    today = answers.verified.isoformat()
    lines = [
        "# " + _("School profile for {name}, written by `lessonkit school init` on {today}.", name=answers.name, today=today),
        "# " + _("Check it:       lessonkit school check {path}", path=path_shown),
        "# " + _("Build a pack:   lessonkit build --school {path}", path=path_shown),
        "# " + _("What each key means: docs/school-profiles.md. Check every contact at least once a year"),
        "# " + _("and update its last_verified date; `lessonkit school check` warns after 12 months."),
        "",
        "# " + _("Short id: names the pack's folder. Lower-case letters, digits and single hyphens."),
        f"id: {answers.id}",
        "# " + _("The school's name as every deck, handout and quiz shows it."),
        f"name: {_q(answers.name)}",
        "# " + _("england, wales, scotland or northern-ireland: sets year-group names and which national services apply."),
        f"nation: {answers.nation}",
    ]
    if answers.fictional:
        lines += ["# " + _("FICTIONAL: an example school. Its numbers are from Ofcom's drama ranges and its addresses"),
                  "# " + _("use example.org, so nobody real can ever be reached through it."),
                  "fictional: true"]
    lines += ["", "# " + _("The safeguarding lead first, then deputies. Pupils see these on every support slide and handout."),
              "safeguarding_contacts:"]
    for contact in answers.contacts:
        lines += [f"  - name: {_q(contact.name)}",
                  f"    role: {_q(contact.role)}  # " + _("the title pupils know"),
                  f"    where_to_find: {_q(contact.where_to_find)}"]
        if contact.phone:
            lines.append(f"    phone: {_q(contact.phone)}")
        if contact.email:
            lines.append(f"    email: {_q(contact.email)}")
        if contact.deputy:
            lines.append("    deputy: true")
        lines.append(f"    last_verified: {today}")
    lines.append("")
    police_example = f"e.g. local_police: {{name: {_q(nation.police)}}}" if nation.police else \
        _("e.g. local_police: {name: \"<your force>\", last_verified: YYYY-MM-DD}")
    lines += _service("local_police", _("Local police: shown to pupils, staff and parents beside 999 and 101."),
                      answers.police, answers.verified, police_example)
    lines += _service("childrens_services", _("Local children's services: shown in staff materials only."),
                      answers.childrens_services, answers.verified,
                      "e.g. childrens_services: {name: \"...\", phone: \"...\", out_of_hours_phone: \"...\"}")
    if answers.logo:
        lines += ["# " + _("Logo: a PNG or JPEG, relative to this file."), f"logo: {_q(answers.logo)}"]
        if answers.logo_alt:
            lines.append(f"logo_alt: {_q(answers.logo_alt)}")
    else:
        lines += ["# " + _("Logo: a PNG or JPEG, relative to this file, e.g. logo: logo.png")]
    lines.append("")
    if answers.primary:
        lines += ["# " + _("Brand colours as #RRGGBB. White text sits on the primary colour, so it must be dark"),
                  "# " + _("enough for a contrast of 4.5:1; `lessonkit school check` measures it."),
                  "branding:", f"  primary: {_q(answers.primary)}"]
        if answers.secondary:
            lines.append(f"  secondary: {_q(answers.secondary)}")
    else:
        lines += ["# " + _("Brand colours, e.g. branding: {primary: \"#1D4E89\"}")]
    lines.append("")
    if answers.website:
        lines.append(f"website: {_q(answers.website)}")
    lines += ["# " + _("Local services beyond the national catalogue: see docs/school-profiles.md."), "extra_routes: []", ""]
    return "\n".join(lines)
