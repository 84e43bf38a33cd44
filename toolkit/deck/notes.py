"""Speaker notes: what to say and ask, timings, and the safeguarding reminders a teacher needs on
every slide."""

from __future__ import annotations

from typing import Iterable, List, Optional, Sequence, Tuple

from ..adapt import AdaptedLesson, PlanStep, Session
from ..wording import _, N_, ngettext
from ..wording.phrases import short_minutes

BEFORE_WE_START = N_("Before we start")


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
    return _("your designated safeguarding lead (DSL)")


def protocol_slide(lesson: AdaptedLesson) -> str:
    """The slide whose notes hold the full disclosure protocol."""
    has_intro = bool(lesson.content_warning or lesson.ground_rules)
    return _(BEFORE_WE_START) if has_intro else lesson.title


def disclosure_reminder(lesson: AdaptedLesson) -> str:
    if not lesson.is_pupils:
        return ""
    return _(
        "Safeguarding: if a pupil discloses or seems distressed, follow the disclosure steps in the notes "
        "on the '{slide}' slide and tell {lead}.", slide=protocol_slide(lesson), lead=safeguarding_lead(lesson)
    )


def disclosure_protocol(lesson: AdaptedLesson) -> str:
    notes = lesson.teacher_notes
    return join(
        _("Safeguarding brief: {brief}", brief=notes.safeguarding_brief),
        listed(_("If a pupil discloses:") if lesson.is_pupils else _("If someone discloses:"), notes.disclosure_protocol, numbered=True),
        _("Tell: {lead}.", lead=safeguarding_lead(lesson)) if lesson.school is not None else "",
        listed(_("Language to use:"), notes.language_to_use),
        listed(_("Language to avoid:"), notes.language_to_avoid),
    )


def count_minutes(value: int) -> str:
    """'1 minute', '5 minutes'."""
    return ngettext("{count} minute", "{count} minutes", value)


def minutes(value: Optional[int]) -> str:
    return _("Timing: about {minutes}.", minutes=count_minutes(value)) if value else ""


def lesson_plan(lesson: AdaptedLesson) -> str:
    timings: Sequence[Tuple[str, int]] = lesson.teacher_notes.timings
    plan: List[str] = [f"{activity}: {short_minutes(m)}" for activity, m in timings]
    hard = [_("Q: {question}\nA: {answer}", question=q, answer=a) for q, a in lesson.teacher_notes.hard_questions]
    return join(
        lesson.summary,
        _("Length: {minutes}. Audience: {audience}.", minutes=count_minutes(lesson.duration_minutes), audience=lesson.audience_name),
        listed(_("Timings:"), plan),
        (_("Hard questions pupils may ask, with answers:") + "\n" if lesson.is_pupils else _("Hard questions, with answers:") + "\n")
        + "\n\n".join(hard) if hard else "",
        _("Lesson version {version}, last reviewed {date} by {reviewer}.", version=lesson.version, date=lesson.last_reviewed.isoformat(), reviewer=lesson.reviewed_by),
    )


def step_timing(step: PlanStep) -> str:
    return _('Timing: about {minutes} ({label}).', minutes=count_minutes(step.minutes), label=step.label)


def extra_choice(step: PlanStep) -> str:
    """How to put an extra step into the plan (or back in)."""
    return _choose(step)


def slide_timing(timing, number: int, count: int) -> str:
    """The timing line of one slide: its step's minutes, and which of the step's slides it is."""
    from . import wording as w

    if isinstance(timing, str):
        return timing
    label, minutes, extra = timing[1:]
    if extra:
        return _(w.TIMING_EXTRA, label=label, minutes=count_minutes(minutes), number=number, count=count)
    if count == 1:
        return _(w.TIMING_ONE, label=label, minutes=count_minutes(minutes))
    return _(w.TIMING_PART, label=label, minutes=count_minutes(minutes), number=number, count=count)


def extra_timing(step: PlanStep) -> str:
    return _("Extra slide, not in this session's timings: {label}, about {minutes} if you teach it. {choose}",
             label=step.label, minutes=count_minutes(step.minutes), choose=_choose(step))


def _choose(step: PlanStep) -> str:
    if step.optional == "in":
        return _("It was left out of this build; build without `--exclude {part}` to put it back in the plan.", part=step.part)
    return _("To put it in the plan, build with `--include {part}` (or list it under lesson_choices in the school profile).", part=step.part)


def extra_slides(session: Session) -> str:
    return join(
        _("These optional parts are not in this session's plan. Use one if the class has time, or instead of a "
          "part of the plan that takes as long."),
        listed(_("Extra slides:"), [f"{s.label}: {short_minutes(s.minutes)}" for s in session.extra]),
    )


def session_plan(lesson: AdaptedLesson, session: Session) -> str:
    """The first slide's notes: the session's plan, minute by minute, and what this build chose."""
    taught = session.taught
    plan = [f"{s.label}: {short_minutes(s.minutes)}" + (_(" (optional: build with `--exclude {part}` to leave it out)", part=s.part)
                                             if s.optional == "in" else _(" (optional, picked for this build)") if s.optional else "")
            for s in taught]
    planned = session.planned_minutes
    length = _("Length: {minutes}. Audience: {audience}.", minutes=count_minutes(session.minutes), audience=lesson.audience_name)
    if planned != session.minutes:
        length += " " + (_("With the optional parts chosen for this build the plan takes {minutes}: shorten another part.", minutes=count_minutes(planned))
                         if planned > session.minutes else _("With the optional parts chosen for this build the plan takes {minutes}: there is time to spare.", minutes=count_minutes(planned)))
    hard = [_("Q: {question}\nA: {answer}", question=q, answer=a) for q, a in lesson.teacher_notes.hard_questions]
    return join(
        _("Session {number} of {count}: {title}", number=session.number, count=session.count, title=session.title) + "." if session.count > 1 else lesson.summary,
        length,
        listed(_("Plan:"), plan, numbered=True),
        listed(_("Extra slides after the closing slide (optional, not timed in the plan):"),
               [f"{s.label}: {short_minutes(s.minutes)}. {_choose(s)}" for s in session.extra]),
        (_("Hard questions pupils may ask, with answers:") + "\n" if lesson.is_pupils else _("Hard questions, with answers:") + "\n")
        + "\n\n".join(hard) if hard else "",
        _("Lesson version {version}, last reviewed {date} by {reviewer}.", version=lesson.version, date=lesson.last_reviewed.isoformat(), reviewer=lesson.reviewed_by),
    )
