"""Rules about time: a lesson is a sequence of sessions, and each session's plan must fit its period.

- the timed steps a session teaches add up to its length, for every audience that has it
  (a lesson without sessions is one session: its `teacher_notes.timings` add up to `duration_minutes`);
- the content warning opens each session, and the ground rules and learning outcomes come before any quiz;
- a starter has 3-4 questions and an exit check 3-5, and every session ends with an exit check;
- a session's deck has at most one main slide per minute of the session (SLIDES_PER_MINUTE).
"""

from __future__ import annotations

from typing import Iterator, List, Optional, Sequence, Tuple

from ..adapt import Adapted, adapter, shows
from ..errors import Finding
from ..load import Loaded, Project
from ..model import Lesson
from ..wording import _
from ..wording.phrases import did_you_mean

SLIDES_PER_MINUTE = 1.0
"""At most one main slide per planned minute (appendix aside). CEOP's 15-18 "Online blackmail"
session fills its hour with seven activities, each worked on from a worksheet or an article rather
than read off slides (facts.md section 6), and Oak's lessons are learning cycles of explanation, check
for understanding, practice and feedback (support.thenational.academy, "using Oak's new teaching
resources"). A slide a minute is a ceiling that leaves time to talk, practise and discuss; a deck
above it cannot be delivered in its period. docs/lesson-format.md says why in full."""

STARTER_QUESTIONS = (3, 4)
EXIT_QUESTIONS = (3, 5)
QUIZ_PARTS = ("starter", "exit")


def check(project: Project, adapted: Optional[Adapted] = None) -> List[Finding]:
    adapted = adapted or adapter(project)
    findings: List[Finding] = []
    for loaded in project.lessons:
        lesson = loaded.model
        if not lesson.sessions:
            findings.extend(_one_session(loaded))
            continue
        if lesson.teacher_notes.timings:
            findings.append(loaded.finding(
                ("teacher_notes", "timings"),
                _("a lesson with sessions is timed by its sessions' plans, so these timings are not used"),
                _("remove teacher_notes.timings and give each step of a session plan its minutes"),
                severity="warning", rule="session-timing"))
        for audience_id in lesson.audiences:
            audience = project.audiences.get(audience_id)
            if audience is None:
                continue
            findings.extend(_timings(loaded, audience))
            findings.extend(_order(loaded, audience))
            findings.extend(_quiz_lengths(loaded, audience))
            if project.routes:
                findings.extend(_slides(loaded, adapted(lesson, audience), audience))
    return findings


def _one_session(loaded: Loaded[Lesson]) -> Iterator[Finding]:
    lesson = loaded.model
    timings = lesson.teacher_notes.timings
    if lesson.duration_minutes is None or not timings:
        return
    planned = sum(t.minutes for t in timings)
    if planned != lesson.duration_minutes:
        yield loaded.finding(
            ("teacher_notes", "timings"),
            _("the timings add up to {planned} minutes but the lesson lasts {minutes}",
              planned=planned, minutes=lesson.duration_minutes),
            _("change the timings or duration_minutes so they agree (a warning here: without sessions the "
              "timings are the teacher's notes; a session's plan must add up)"), severity="warning", rule="session-timing")


def _own(lesson: Lesson, audience) -> List[Tuple[int, object]]:
    return [(index, s) for index, s in enumerate(lesson.sessions) if shows(s, audience)]


def _steps(session, audience) -> List[Tuple[int, object]]:
    return [(index, step) for index, step in enumerate(session.plan) if shows(step, audience)]


def _timings(loaded: Loaded[Lesson], audience) -> Iterator[Finding]:
    for index, session in _own(loaded.model, audience):
        planned = sum(step.minutes for _index, step in _steps(session, audience) if step.optional != "out")
        if planned != session.minutes:
            yield loaded.finding(
                ("sessions", index, "minutes"),
                _("session '{session}' lasts {minutes} minutes but its plan for {audience} adds up to {planned}",
                  session=session.id, minutes=session.minutes, audience=audience.id, planned=planned),
                _("change the minutes of its steps (optional steps marked `out` do not count) or the session's length"),
                rule="session-timing")


def _order(loaded: Loaded[Lesson], audience) -> Iterator[Finding]:
    """The content warning opens every session; the ground rules and outcomes come before any quiz."""
    lesson = loaded.model
    first = (["ground-rules"] if lesson.ground_rules else []) + ["outcomes"]
    for index, session in _own(lesson, audience):
        parts = [step.part for _index, step in _steps(session, audience)]
        if lesson.content_warning and parts[:1] != ["content-warning"]:
            yield loaded.finding(
                ("sessions", index, "plan"),
                _("session '{session}' ({audience}) must open with the content warning",
                  session=session.id, audience=audience.id),
                _("make `content-warning` the first step of the plan"), rule="session-order")
        quiz_at = next((i for i, part in enumerate(parts) if part in QUIZ_PARTS), len(parts))
        for wanted in first:
            if wanted not in parts or parts.index(wanted) > quiz_at:
                if wanted == "ground-rules":
                    problem = _("session '{session}' ({audience}) must show the ground rules before any quiz",
                                session=session.id, audience=audience.id)
                else:
                    problem = _("session '{session}' ({audience}) must show the learning outcomes before any quiz",
                                session=session.id, audience=audience.id)
                yield loaded.finding(
                    ("sessions", index, "plan"), problem,
                    _("add a `{part}` step near the start of the plan, before `starter`", part=wanted),
                    rule="session-order")


def _quiz_lengths(loaded: Loaded[Lesson], audience) -> Iterator[Finding]:
    lesson = loaded.model
    bank = {q.id: q for q in lesson.quiz.starter + lesson.quiz.exit}
    for index, session in _own(lesson, audience):
        steps = _steps(session, audience)
        if not any(step.part == "exit" for _index, step in steps):
            yield loaded.finding(("sessions", index, "plan"),
                                 _("session '{session}' ({audience}) has no exit check",
                                   session=session.id, audience=audience.id),
                                 _("add an `exit` step with 3 to 5 questions near the end"), severity="warning",
                                 rule="quiz-length")
        for s_index, step in steps:
            if step.part not in QUIZ_PARTS:
                continue
            low, high = STARTER_QUESTIONS if step.part == "starter" else EXIT_QUESTIONS
            count = sum(1 for q in step.questions if q in bank and shows(bank[q], audience))
            if not low <= count <= high:
                yield loaded.finding(
                    ("sessions", index, "plan", s_index, "questions"),
                    _("the {part} of session '{session}' asks {audience} {count} questions",
                      part=step.part, session=session.id, audience=audience.id, count=count),
                    (_("a starter has {low} to {high} questions: short, so there is time to talk about each answer "
                       "(the whole bank stays in the quiz exports)", low=low, high=high) if step.part == "starter" else
                     _("a exit check has {low} to {high} questions: short, so there is time to talk about each answer "
                       "(the whole bank stays in the quiz exports)", low=low, high=high)),
                    severity="warning", rule="quiz-length")


def _slides(loaded: Loaded[Lesson], adapted, audience) -> Iterator[Finding]:
    from ..deck import session_slides
    from ..render import RenderContext

    lesson = loaded.model
    positions = {s.id: index for index, s in enumerate(lesson.sessions)}
    for session, main, _extra in session_slides(adapted, RenderContext()):
        limit = int(session.minutes * SLIDES_PER_MINUTE)
        if main > limit:
            yield loaded.finding(
                ("sessions", positions[session.id], "plan"),
                _("session '{session}' has {slides} slides for {audience} in {minutes} minutes",
                  session=session.id, slides=main, audience=audience.id, minutes=session.minutes),
                _("at most {limit} (one slide per minute): mark a part `optional: out` so it goes to the extra "
                  "slides, or give the session more time", limit=limit), severity="warning", rule="session-slides")


def references(loaded: Loaded[Lesson], part_ids: Sequence[str]) -> Iterator[Finding]:
    """Used by the structure rules: every step names a known part, and quiz steps known questions."""
    from ..validation import closest

    lesson = loaded.model
    questions = [q.id for q in lesson.quiz.starter + lesson.quiz.exit]
    seen = set()
    for index, session in enumerate(lesson.sessions):
        if session.id in seen:
            yield loaded.finding(("sessions", index, "id"), _("session id '{id}' is used twice", id=session.id),
                                 _("give each session its own id"), rule="duplicate-id")
        seen.add(session.id)
        for s_index, step in enumerate(session.plan):
            loc = ("sessions", index, "plan", s_index)
            if step.part not in part_ids:
                near = closest(step.part, part_ids)
                yield loaded.finding(loc + ("part",), _("unknown part '{part}'", part=step.part),
                                     did_you_mean(near) if near else
                                     _("name a section, scenario or activity id, or one of: {parts}",
                                       parts=", ".join(sorted(set(part_ids) - _ids(lesson)))),
                                     rule="unknown-reference")
            if step.part in QUIZ_PARTS and not step.questions:
                yield loaded.finding(loc, _("the {part} step names no questions", part=step.part),
                                     _("list question ids from the quiz bank under `questions`"), rule="unknown-reference")
            if step.questions and step.part not in QUIZ_PARTS:
                yield loaded.finding(loc + ("questions",),
                                     _("only a starter or exit step asks questions, not '{part}'", part=step.part),
                                     _("move the questions to a `starter` or `exit` step"), rule="unknown-reference")
            for q_index, question in enumerate(step.questions):
                if question not in questions:
                    near = closest(question, questions)
                    yield loaded.finding(loc + ("questions", q_index), _("unknown question '{question}'", question=question),
                                         did_you_mean(near) if near else _("use an id from quiz.starter or quiz.exit"),
                                         rule="unknown-reference")
    for index, audience_id in enumerate(lesson.audiences):
        if not any(not s.audiences or audience_id in s.audiences for s in lesson.sessions):
            yield loaded.finding(("audiences", index), _("no session is for '{audience}'", audience=audience_id),
                                 _("add a session for {audience}, or leave out `audiences` on a session so everyone "
                                   "has it", audience=audience_id),
                                 rule="session-audience")


def _ids(lesson: Lesson) -> set:
    return {x.id for x in list(lesson.sections) + list(lesson.scenarios) + list(lesson.activities)}
