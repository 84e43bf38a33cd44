"""Every contact as each audience will see it, adapted exactly as a build adapts the lessons."""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from ..adapt import HelpContact, adapt, nations_only, route_reaches
from ..model import Audience, Lesson, SchoolProfile, SupportRoute
from ..wording import N_, _
from ..wording.phrases import way_label
from .nations import NATIONS

SCOPES = (("school", N_("At school")), ("local", N_("Local services")), ("national", N_("National services")))


@dataclass(frozen=True)
class AudienceContacts:
    """What one audience at one school is shown, across the lessons that serve it."""

    audience: Audience
    name: str  # in the school's nation's terms
    lessons: Tuple[str, ...]
    contacts: Tuple[HelpContact, ...]
    hidden: Tuple[Tuple[str, str], ...]  # (route name, why this audience does not see it)


def every_route_lesson(audiences: Sequence[str], routes: Sequence[str]) -> Lesson:
    """A stand-in lesson that points to every catalogue route, for when no lessons can be read."""
    return Lesson.model_validate({
        "id": "every-route", "title": _("Every route in the catalogue"), "version": "0",
        "last_reviewed": dt.date.today(), "reviewed_by": "lessonkit", "audiences": list(audiences),
        "duration_minutes": 5, "summary": _("Every support route"), "learning_outcomes": ["-"], "key_messages": ["-"],
        "support_routes": list(routes),
        "teacher_notes": {"safeguarding_brief": "-", "disclosure_protocol": ["-"]},
    })


def why_hidden(route: SupportRoute, audience: Audience, nation: str) -> str:
    if route.adult_only and not audience.sees_adult_services:
        return _("adults only")
    if nation not in route.nations:
        return nations_only(route)
    if route.audiences and audience.id not in route.audiences:
        return "for " + ", ".join(route.audiences) + " only"
    return _("outside its age range")


def contacts_by_audience(profile: SchoolProfile, lessons: Sequence[Lesson], audiences: Dict[str, Audience],
                         routes: Dict[str, SupportRoute]) -> List[AudienceContacts]:
    """For each audience some lesson serves (in catalogue order): every contact it sees, in page order."""
    result = []
    for audience in audiences.values():
        serving = [lesson for lesson in lessons if audience.id in lesson.audiences]
        if not serving:
            continue
        contacts: Dict[HelpContact, None] = {}
        hidden: Dict[Tuple[str, str], None] = {}
        for lesson in serving:
            for contact in adapt(lesson, audience, routes, profile, audiences=audiences).help_contacts:
                contacts.setdefault(contact)
            for route_id in lesson.support_routes:
                route = routes.get(route_id)
                if route is not None and not route_reaches(route, audience, profile.nation):
                    hidden.setdefault((route.name, why_hidden(route, audience, profile.nation)))
        result.append(AudienceContacts(audience, audience.names.for_nation(profile.nation),
                                       tuple(lesson.id for lesson in serving), tuple(contacts), tuple(hidden)))
    return result


def contact_lines(contact: HelpContact) -> List[str]:
    """One contact as a few plain lines, the way a page lists it."""
    lines = [f"{contact.name}: {contact.purpose}" if contact.purpose else contact.name]
    if contact.where_to_find:
        lines.append(f"  {way_label('where')} {contact.where_to_find}")
    how = [label + value for label, value in (
        (way_label("phone") + " ", contact.phone), (way_label("textphone") + " ", contact.textphone), ("", contact.text),
        (way_label("email") + " ", contact.email), ("", contact.url)) if value]
    if how:
        lines.append("  " + " | ".join(how))
    details = [d for d in (contact.hours, contact.for_whom, contact.nations_note) if d]
    if details:
        lines.append("  " + " | ".join(details))
    return lines


def _wrapped(line: str, width: int = 100) -> str:
    indent = " " * (len(line) - len(line.lstrip()) + 2)
    return textwrap.fill(line, width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)


def preview_text(profile: SchoolProfile, groups: Sequence[AudienceContacts], note: Optional[str] = None) -> str:
    nation = NATIONS[profile.nation].name
    out = [_("Contacts as each audience at {name} in {nation} will see them:", name=profile.name, nation=nation)]
    if note:
        out.append(f"({note})")
    for group in groups:
        out += ["", f"{group.name} [{group.audience.id}], in: {', '.join(group.lessons)}"]
        for scope, heading in SCOPES:
            contacts = [c for c in group.contacts if c.scope == scope]
            if contacts:
                out.append(f"  {_(heading)}")
                out += [_wrapped("    " + line) for contact in contacts for line in contact_lines(contact)]
        if group.hidden:
            out.append("  " + _("Not shown here:") + " " + "; ".join(f"{name} ({why})" for name, why in group.hidden))
    return "\n".join(out)
