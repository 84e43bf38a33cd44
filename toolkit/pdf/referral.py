"""What staff do on a disclosure: the do and never-do lists, and the referral flow.

The flow follows the NCA alert (refer concerns to police and/or children's services through
safeguarding procedures) and UKCIS advice (tell the DSL immediately; never view, copy or save the
imagery); 999 when someone is in immediate danger. Staff never promise to keep a disclosure secret
(Wales Safeguarding Procedures, facts.md Part 2 section 4) and share it only with the DSL. Names come
from the school profile when given."""

from __future__ import annotations

import re
from typing import Sequence, Tuple

from ..adapt import AdaptedLesson
from ..wording import _
from .blocks import Flow

_NEVER = re.compile(r"^\s*(never|don't|don’t|do not|avoid)\b", re.IGNORECASE)


def disclosure_split(protocol: Sequence[str]) -> Tuple[Tuple[str, ...], Tuple[str, ...]]:
    """(do, never): steps that start with 'Never', 'Don't', 'Do not' or 'Avoid' are never-dos."""
    never = tuple(step for step in protocol if _NEVER.match(step))
    return tuple(step for step in protocol if step not in never), never


def referral_flow(lesson: AdaptedLesson) -> Flow:
    school = lesson.school
    if school is not None:
        lead = school.lead
        dsl, role = f"{lead.name} ({lead.role})", lead.role
    else:
        dsl, role = _("the designated safeguarding lead (DSL)"), _("the DSL")
    services = school.childrens_services.name if school and school.childrens_services else _("children's services")
    police = school.local_police.name if school and school.local_police else _("the police")
    return Flow(
        steps=(
            _("A pupil tells you something, or you see or hear something that worries you"),
            _("Listen, stay calm and tell them it is not their fault. Never promise to keep it secret: "
              "explain that you must tell the safeguarding lead so they can help. Never view, copy or save any image"),
            _("Is anyone in immediate danger, or at risk of harming themselves?"),
            _("Tell {lead} immediately. Share it only with them. Record what happened as your procedures require",
              lead=dsl),
            _("{role} refers the concern to {services} and/or {police}, following safeguarding procedures",
              role=role[0].upper() + role[1:], services=services, police=police),
            _("Support the pupil and follow up with the safeguarding lead, including help to get images removed"),
        ),
        branch_from=2,
        branch=_("Call 999 now, then tell {lead}", lead=dsl),
    )
