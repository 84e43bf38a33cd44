"""What staff do on a disclosure: the do and never-do lists, and the referral flow.

The flow follows the NCA alert (refer concerns to police and/or children's services through
safeguarding procedures) and UKCIS advice (tell the DSL at once; never view, copy or save the
imagery); 999 when someone is in immediate danger. Names come from the school profile when given."""

from __future__ import annotations

import re
from typing import Sequence, Tuple

from ..adapt import AdaptedLesson
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
        dsl = f"{lead.name} ({lead.role})"
    else:
        dsl = "the designated safeguarding lead (DSL)"
    services = school.childrens_services.name if school and school.childrens_services else "children's services"
    police = school.local_police.name if school and school.local_police else "the police"
    return Flow(
        steps=(
            "A pupil tells you something, or you see or hear something that worries you",
            "Listen, stay calm and tell them it is not their fault. Never view, copy or save any image",
            "Is anyone in immediate danger, or at risk of harming themselves?",
            f"Tell {dsl} straight away, the same day. Record what happened as your procedures require",
            f"The DSL refers the concern to {services} and/or {police}, following safeguarding procedures",
            "Support the pupil and follow up with the DSL, including help to get images removed",
        ),
        branch_from=2,
        branch=f"Call 999 now, then tell {dsl}",
    )
