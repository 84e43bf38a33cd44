"""Safeguarding content rules for every lesson: help is always signposted, adult-only services never
reach under-18s, quizzes make sense, no victim-blaming, facts are sourced and fresh, text is readable,
and no real person's phone number slips into an example.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Dict, Iterator, List, Optional, Set, Tuple

from ..adapt import route_reaches
from ..errors import Finding
from ..load import Loaded, Project
from ..model import Audience, Lesson, Misconception, Question, TeacherNotes, text_for
from . import readability
from .wording import Loc, blaming_phrases, digits, texts, unknown_phone_numbers

CHILDLINE = "childline"
CHILDLINE_MAX_AGE = 19


def check(project: Project, today: Optional[dt.date] = None, catalogues: bool = True) -> List[Finding]:
    """Every content finding in the project: errors for safeguarding problems, warnings for
    facts not re-checked within 12 months and for hard-to-read sentences. `today` is for tests."""
    today = today or dt.date.today()
    findings: List[Finding] = []
    if project.routes_file is not None and catalogues:
        findings.extend(_catalogue(project, today))
    known_numbers = _known_numbers(project)
    for loaded in project.lessons:
        findings.extend(_signposting(loaded, project))
        findings.extend(_quiz(loaded))
        findings.extend(_blame(loaded))
        findings.extend(_phone_numbers(loaded, known_numbers))
        findings.extend(_freshness(loaded, "statistics", loaded.model.statistics, today))
        findings.extend(_reading_level(loaded, project))
    return findings


def _under_18(audience: Audience) -> bool:
    return audience.youngest < 18 or not audience.adult_services_allowed


def _ages(audience: Audience) -> str:
    return f"ages {audience.min_age}-{audience.max_age}" if audience.min_age is not None else audience.label


# --- Support routes -------------------------------------------------------------------------------

def _catalogue(project: Project, today: dt.date) -> Iterator[Finding]:
    loaded = project.routes_file
    audiences = project.audiences
    for index, route in enumerate(loaded.model.routes):
        if not route.adult_only:
            continue
        for a_index, audience_id in enumerate(route.audiences):
            audience = audiences.get(audience_id)
            if audience is not None and _under_18(audience):
                yield loaded.finding(
                    ("routes", index, "audiences", a_index),
                    f"adult-only route '{route.id}' (min_age {route.min_age}) is shown to '{audience_id}', "
                    f"an audience under 18 ({_ages(audience)})",
                    "remove the pupil audience: adult-only services are for staff and parents",
                    rule="adult-only-route",
                )
    yield from _freshness(loaded, "routes", loaded.model.routes, today)


def _signposting(loaded: Loaded[Lesson], project: Project) -> Iterator[Finding]:
    lesson, routes, audiences = loaded.model, project.routes, project.audiences
    for r_index, route_id in enumerate(lesson.support_routes):
        route = routes.get(route_id)
        if route is None or not route.adult_only:
            continue
        exposed = [a for a in lesson.audiences if a in audiences and _under_18(audiences[a])
                   and (not route.audiences or a in route.audiences)]
        if exposed:
            yield loaded.finding(
                ("support_routes", r_index),
                f"'{route_id}' is for adults only (18+) but this lesson is for {', '.join(exposed)}, "
                f"who are under 18",
                "remove it from support_routes, or limit the route to adult audiences with "
                "`audiences: [staff, parents]` in support-routes.yaml",
                rule="adult-only-route",
            )
    for audience_id in lesson.audiences:
        audience = audiences.get(audience_id)
        if audience is None:
            continue  # an unknown audience is reported by the structure rules
        usable = [r for r in lesson.support_routes if r in routes and route_reaches(routes[r], audience, None)]
        if not usable:
            yield loaded.finding(
                ("support_routes",), f"'{audience_id}' would see no support routes",
                f"add routes that {audience.label} may use (check their ages and audiences in support-routes.yaml)",
                rule="signposting", key=True)
        elif audience.is_pupils and audience.youngest < CHILDLINE_MAX_AGE and CHILDLINE not in usable:
            yield loaded.finding(
                ("support_routes",), f"Childline is not among the support routes '{audience_id}' sees",
                f"add '{CHILDLINE}' to support_routes: every pupil under {CHILDLINE_MAX_AGE} should be pointed to it",
                rule="signposting", key=True)


# --- Quizzes -------------------------------------------------------------------------------------

def _same(a: str, b: str) -> bool:
    squash = lambda s: re.sub(r"[\W_]+", " ", s).strip().lower()  # noqa: E731
    return squash(a) == squash(b)


def _quiz(loaded: Loaded[Lesson]) -> Iterator[Finding]:
    for part in ("starter", "exit"):
        for q_index, question in enumerate(getattr(loaded.model.quiz, part)):
            yield from _question(loaded, ("quiz", part, q_index), question)


def _question(loaded: Loaded[Lesson], loc: Loc, question: Question) -> Iterator[Finding]:
    qid, kind = question.id, question.type
    correct = sum(o.correct for o in question.options)
    count = len(question.options)
    if kind in ("single", "true-false") and correct != 1:
        yield loaded.finding(loc + ("options",), f"{kind} question '{qid}' has {correct} correct options; it needs exactly 1",
                             "mark one option `correct: true`", rule="quiz")
    if kind == "true-false" and count != 2:
        yield loaded.finding(loc + ("options",), f"true-false question '{qid}' has {count} options; it needs exactly 2",
                             "give two options, True and False", rule="quiz")
    if kind == "multiple" and correct < 1:
        yield loaded.finding(loc + ("options",), f"multiple question '{qid}' has no correct option",
                             "mark at least one option `correct: true`", rule="quiz")
    if kind == "ordering":
        if count < 3:
            yield loaded.finding(loc + ("options",), f"ordering question '{qid}' has {count} options; it needs at least 3",
                                 "add options, listed in the correct order", rule="quiz")
        if correct:
            yield loaded.finding(loc + ("options",), f"ordering question '{qid}' marks options correct",
                                 "remove `correct:`: for ordering, the order the options are listed in is the answer",
                                 rule="quiz")
    keys = _variant_keys(question.question, *[o.feedback for o in question.options])
    for o_index, option in enumerate(question.options):
        for key in keys:
            feedback = text_for(option.feedback, key)
            if _same(feedback, text_for(question.question, key)) or _same(feedback, text_for(option.text, key)):
                yield loaded.finding(loc + ("options", o_index, "feedback"),
                                     f"the feedback for option {o_index + 1} of '{qid}' repeats the question or the option",
                                     "say why this answer is right or wrong", rule="quiz")
                break


def _variant_keys(*values) -> List[str]:
    keys = {"default"}
    for value in values:
        if isinstance(value, dict):
            keys.update(value)
    return sorted(keys)


# --- Wording -------------------------------------------------------------------------------------

def _deliberate_quote(model, name: str) -> bool:
    return (isinstance(model, Misconception) and name == "myth" and model.quotation) or (
        isinstance(model, TeacherNotes) and name == "language_to_avoid")


def _blame(loaded: Loaded[Lesson]) -> Iterator[Finding]:
    for loc, text in texts(loaded.model, skip=_deliberate_quote):
        for phrase, suggestion in blaming_phrases(text):
            yield loaded.finding(
                loc, f"victim-blaming or shaming wording: \"{phrase}\"",
                f"{suggestion}; to quote a myth on purpose, put it in a misconception's `myth` with `quotation: true`",
                rule="blame")


def _known_numbers(project: Project) -> Set[str]:
    known: Set[str] = set()
    for route in project.routes.values():
        for number in (route.phone, route.textphone):
            if number:
                known.add(digits(number))
        known.update(re.findall(r"\d{5,}", route.text or ""))
    return known


def _phone_numbers(loaded: Loaded[Lesson], known: Set[str]) -> Iterator[Finding]:
    for loc, text in texts(loaded.model):
        for number in unknown_phone_numbers(text, known):
            yield loaded.finding(
                loc, f"possible real phone number '{number}'",
                "use a number from support-routes.yaml, or for a made-up example one of Ofcom's drama "
                "numbers, e.g. 01632 960123 or 020 7946 0123", rule="phone-number")


# --- Sources and dates ---------------------------------------------------------------------------

def _a_year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _freshness(loaded: Loaded, field: str, items, today: dt.date) -> Iterator[Finding]:
    """Warn when a sourced item was last checked more than 12 months ago, or in the future."""
    cutoff = _a_year_before(today)
    for index, item in enumerate(items):
        checked = item.last_verified
        if checked < cutoff:
            yield loaded.finding(
                (field, index, "last_verified"),
                f"'{item.id}' was last verified on {checked.isoformat()}, more than 12 months ago",
                f"check it against {item.source_url} and update last_verified", severity="warning", rule="stale")
        elif checked > today:
            yield loaded.finding(
                (field, index, "last_verified"), f"'{item.id}' has last_verified {checked.isoformat()}, which is in the future",
                "give the date it was actually checked", severity="warning", rule="stale")


# --- Reading level -------------------------------------------------------------------------------

def _reading_level(loaded: Loaded[Lesson], project: Project) -> Iterator[Finding]:
    """One warning per hard sentence, naming every audience it is too hard for."""
    too_hard: Dict[Tuple[Loc, str], List[Tuple[Audience, float]]] = defaultdict(list)
    for audience_id in loaded.model.audiences:
        audience = project.audiences.get(audience_id)
        if audience is None or audience.kind == "staff":
            continue
        skip = lambda model, name: name in readability.NOT_READ_BY_AUDIENCE  # noqa: E731
        for loc, text in texts(loaded.model, audience=audience, skip=skip):
            for sentence, level in readability.hard_sentences(text, audience.reading_grade_max):
                too_hard[(loc, sentence)].append((audience, level))
    for (loc, sentence), hits in too_hard.items():
        targets = ", ".join(f"{a.id} ({a.reading_grade_max:g})" for a, _ in hits)
        yield loaded.finding(
            loc, f"reading level grade {hits[0][1]:.1f} is above the target for {targets}: "
                 f"\"{readability.quote(sentence)}\"",
            "split the sentence and use shorter, everyday words", severity="warning", rule="reading-level")
