"""Speaker notes: what to say and ask, timings, and the safeguarding reminders a teacher needs on
every slide."""

from __future__ import annotations

from typing import Iterable, List, Optional, Sequence, Tuple

from ..adapt import AdaptedLesson, PlanStep, Session

BEFORE_WE_START = "Before we start"


def join(*parts: Optional[str]) -> str:
    """Non-empty parts, a blank line between them."""
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def listed(heading: str, items: Iterable[str], numbered: bool = False) -> str:
    items = [i for i in items if i]
    if not items:
        return ""
    lines = [f"{n}. {item}" if numbered else f"- {item}" for n, item in enumerate(items, start=1)]
    return heading + "\n" + "\n".join(lines)


def safeguarding_lead(lesson: AdaptedLesson) -> str:
    """Who a disclosure goes to, by name when the school is known."""
    if lesson.school is not None:
        lead = lesson.school.lead
        return f"{lead.name} ({lead.role}, {lead.where_to_find})"
    return "your designated safeguarding lead (DSL)"


def protocol_slide(lesson: AdaptedLesson) -> str:
    """The slide whose notes hold the full disclosure protocol."""
    has_intro = bool(lesson.content_warning or lesson.ground_rules)
    return BEFORE_WE_START if has_intro else lesson.title


def disclosure_reminder(lesson: AdaptedLesson) -> str:
    if not lesson.is_pupils:
        return ""
    return (
        f"Safeguarding: if a pupil discloses or seems distressed, follow the disclosure steps in the notes "
        f"on the '{protocol_slide(lesson)}' slide and tell {safeguarding_lead(lesson)}."
    )


def disclosure_protocol(lesson: AdaptedLesson) -> str:
    notes = lesson.teacher_notes
    return join(
        f"Safeguarding brief: {notes.safeguarding_brief}",
        listed("If a pupil discloses:" if lesson.is_pupils else "If someone discloses:", notes.disclosure_protocol, numbered=True),
        f"Tell: {safeguarding_lead(lesson)}." if lesson.school is not None else "",
        listed("Language to use:", notes.language_to_use),
        listed("Language to avoid:", notes.language_to_avoid),
    )


def timing_for(lesson: AdaptedLesson, *names: str) -> str:
    """'Timing: about N minutes' when the lesson's timings name this part of the lesson."""
    wanted = [n.lower() for n in names if n]
    for activity, minutes in lesson.teacher_notes.timings:
        label = activity.lower()
        if any(label == w or label in w or w in label for w in wanted):
            return f"Timing: about {count_minutes(minutes)} ({activity})."
    return ""


def count_minutes(value: int) -> str:
    """'1 minute', '5 minutes'."""
    return f"{value} minute" if value == 1 else f"{value} minutes"


def minutes(value: Optional[int]) -> str:
    return f"Timing: about {count_minutes(value)}." if value else ""


def lesson_plan(lesson: AdaptedLesson) -> str:
    timings: Sequence[Tuple[str, int]] = lesson.teacher_notes.timings
    plan: List[str] = [f"{activity}: {m} min" for activity, m in timings]
    hard = [f"Q: {q}\nA: {a}" for q, a in lesson.teacher_notes.hard_questions]
    return join(
        lesson.summary,
        f"Length: {count_minutes(lesson.duration_minutes)}. Audience: {lesson.audience_name}.",
        listed("Timings:", plan),
        ("Hard questions pupils may ask, with answers:\n" if lesson.is_pupils else "Hard questions, with answers:\n")
        + "\n\n".join(hard) if hard else "",
        f"Lesson version {lesson.version}, last reviewed {lesson.last_reviewed.isoformat()} by {lesson.reviewed_by}.",
    )


def step_timing(step: PlanStep) -> str:
    return f"Timing: about {count_minutes(step.minutes)} ({step.label})."


def extra_choice(step: PlanStep) -> str:
    """How to put an extra step into the plan (or back in)."""
    return _choose(step)


def slide_timing(timing, number: int, count: int) -> str:
    """The timing line of one slide: its step's minutes, and which of the step's slides it is."""
    from . import wording as w

    if isinstance(timing, str):
        return timing
    _, label, minutes, extra = timing
    if extra:
        return w.TIMING_EXTRA.format(label=label, minutes=count_minutes(minutes), number=number, count=count)
    if count == 1:
        return w.TIMING_ONE.format(label=label, minutes=count_minutes(minutes))
    return w.TIMING_PART.format(label=label, minutes=count_minutes(minutes), number=number, count=count)


def extra_timing(step: PlanStep) -> str:
    return (f"Extra slide, not in this session's timings: {step.label}, about {count_minutes(step.minutes)} "
            f"if you teach it. {_choose(step)}")


def _choose(step: PlanStep) -> str:
    if step.optional == "in":
        return f"It was left out of this build; build without `--exclude {step.part}` to put it back in the plan."
    return f"To put it in the plan, build with `--include {step.part}` (or list it under lesson_choices in the school profile)."


def extra_slides(session: Session) -> str:
    return join(
        "These optional parts are not in this session's plan. Use one if the class has time, or instead of a "
        "part of the plan that takes as long.",
        listed("Extra slides:", [f"{s.label}: {s.minutes} min" for s in session.extra]),
    )


def session_plan(lesson: AdaptedLesson, session: Session) -> str:
    """The first slide's notes: the session's plan, minute by minute, and what this build chose."""
    taught = session.taught
    plan = [f"{s.label}: {s.minutes} min" + (f" (optional: build with `--exclude {s.part}` to leave it out)"
                                             if s.optional == "in" else " (optional, picked for this build)" if s.optional else "")
            for s in taught]
    planned = session.planned_minutes
    length = f"Length: {count_minutes(session.minutes)}. Audience: {lesson.audience_name}."
    if planned != session.minutes:
        length += (f" With the optional parts chosen for this build the plan takes {count_minutes(planned)}: "
                   f"{'shorten another part' if planned > session.minutes else 'there is time to spare'}.")
    hard = [f"Q: {q}\nA: {a}" for q, a in lesson.teacher_notes.hard_questions]
    return join(
        f"Session {session.number} of {session.count}: {session.title}." if session.count > 1 else lesson.summary,
        length,
        listed("Plan:", plan, numbered=True),
        listed("Extra slides after the closing slide (optional, not timed in the plan):",
               [f"{s.label}: {s.minutes} min. {_choose(s)}" for s in session.extra]),
        ("Hard questions pupils may ask, with answers:\n" if lesson.is_pupils else "Hard questions, with answers:\n")
        + "\n\n".join(hard) if hard else "",
        f"Lesson version {lesson.version}, last reviewed {lesson.last_reviewed.isoformat()} by {lesson.reviewed_by}.",
    )
