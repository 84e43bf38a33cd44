"""Safeguarding content rules for every lesson: help is always signposted, adult-only services never
reach under-18s, quizzes make sense, no victim-blaming, facts are sourced and fresh, text is readable,
and no real person's phone number slips into an example.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Dict, Iterator, List, Optional, Set, Tuple

from ..adapt import route_reaches, shows
from ..errors import Finding
from ..freshness import LIMIT_TEXT, is_stale
from ..load import Loaded, Project
from ..model import Audience, Lesson, Misconception, Question, SupportRoute, TeacherNotes, text_for
from ..translation import is_source_language
from ..wording import N_, _
from . import readability
from .wording import Loc, blaming_phrases, digits, texts, unknown_phone_numbers

CHILDLINE = "childline"
CHILDLINE_MAX_AGE = 19  # "children up to 19" [S27]: pupils under this age are pointed to it


def check(project: Project, today: Optional[dt.date] = None, catalogues: bool = True) -> List[Finding]:
    """Every content finding in the project: errors for safeguarding problems, warnings for
    facts not re-checked within the freshness limit and for hard-to-read sentences. `today` is for tests."""
    today = today or dt.date.today()
    findings: List[Finding] = []
    if project.routes_file is not None and catalogues:
        findings.extend(_catalogue(project, today))
    known_numbers = _known_numbers(project)
    english = is_source_language(project.language)
    for loaded in project.lessons:
        findings.extend(_signposting(loaded, project))
        findings.extend(_quiz(loaded))
        findings.extend(_phone_numbers(loaded, known_numbers))
        findings.extend(_freshness(loaded, "statistics", loaded.model.statistics, today))
        if english:  # rules that read English words: see ENGLISH_ONLY_RULES
            findings.extend(_adult_only_mentions(loaded, project))
            findings.extend(_stories_reach_help(loaded, project))
            findings.extend(_blame(loaded))
            findings.extend(_reading_level(loaded, project))
    return findings


# Rules that look for English words. A translation is checked against its English source (which
# passed them), not re-read: there is no sourced list of Welsh blaming phrases, and Flesch-Kincaid
# measures English only, so it is not applied to Welsh rather than applied wrongly.
ENGLISH_ONLY_RULES = {
    "adult-only-route": N_("an adult-only service named for staff or parents says it is for adults"),
    "story-help": N_("every pressured story reaches the school's safeguarding lead (and CEOP or the police)"),
    "blame": N_("no victim-blaming or shaming wording"),
    "reading-level": N_("sentences within each audience's reading level (Flesch-Kincaid)"),
}


def _under_18(audience: Audience) -> bool:
    return not audience.sees_adult_services


def _ages(audience: Audience) -> str:
    if audience.min_age is None:
        return audience.label
    return _("ages {youngest}-{oldest}", youngest=audience.min_age, oldest=audience.max_age)


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
                    _("adult-only route '{route}' (min_age {min_age}) is shown to '{audience}', "
                      "an audience under 18 ({ages})",
                      route=route.id, min_age=route.min_age, audience=audience_id, ages=_ages(audience)),
                    _("remove the pupil audience: adult-only services are for staff and parents"),
                    rule="adult-only-route",
                )
    yield from _freshness(loaded, "routes", loaded.model.routes, today)


def _signposting(loaded: Loaded[Lesson], project: Project) -> Iterator[Finding]:
    lesson, routes, audiences = loaded.model, project.routes, project.audiences
    for r_index, route_id in enumerate(lesson.support_routes):
        route = routes.get(route_id)
        if route is None or not route.adult_only:
            continue
        # Listed for under-18s is an error even where the route's own audiences would hide it: a
        # lesson for pupils must never be written as if it offered an adult-only service.
        exposed = [a for a in lesson.audiences if a in audiences and _under_18(audiences[a])]
        if exposed:
            yield loaded.finding(
                ("support_routes", r_index),
                _("'{route}' is for adults only (18+) but this lesson is for {audiences}, who are under 18",
                  route=route_id, audiences=", ".join(exposed)),
                _("remove it from support_routes: adult-only services are for staff and parents (for a "
                  "student who is 18, staff use the \"18 and over\" card in the staff pack)"),
                rule="adult-only-route",
            )
        elif not any(route_reaches(route, audiences[a], None) for a in lesson.audiences if a in audiences):
            yield loaded.finding(
                ("support_routes", r_index),
                _("'{route}' is for adults only (18+), so nobody this lesson is for "
                  "({audiences}) would see it: it would be left out without a word",
                  route=route_id, audiences=", ".join(lesson.audiences)),
                _("remove it from support_routes; adult-only services belong in lessons for staff or parents"),
                rule="adult-only-route",
            )
    for audience_id in lesson.audiences:
        audience = audiences.get(audience_id)
        if audience is None:
            continue  # an unknown audience is reported by the structure rules
        usable = [r for r in lesson.support_routes if r in routes and route_reaches(routes[r], audience, None)]
        if not usable:
            yield loaded.finding(
                ("support_routes",), _("'{audience}' would see no support routes", audience=audience_id),
                _("add routes that {audience} may use (check their ages and audiences in support-routes.yaml)",
                  audience=audience.label),
                rule="signposting", key=True)
        elif audience.is_pupils and audience.youngest < CHILDLINE_MAX_AGE and CHILDLINE not in usable:
            yield loaded.finding(
                ("support_routes",),
                _("Childline is not among the support routes '{audience}' sees", audience=audience_id),
                _("add '{route}' to support_routes: every pupil under {age} should be pointed to it",
                  route=CHILDLINE, age=CHILDLINE_MAX_AGE),
                rule="signposting", key=True)


# Fields pupils never see: what the teacher reads, and where facts come from.
TEACHER_ONLY = frozenset({"teacher_notes", "notes", "sources", "summary", "reviewed_by", "adult_card"})
ADULT_WORDS = re.compile(r"\badults?\b|\b18\b|\beighteen\b", re.IGNORECASE)


def _service_names(route: SupportRoute) -> List[str]:
    """How text may name a service: its name, and its name without a bracketed or '.org' tail."""
    names = {route.name, re.sub(r"\s*\(.*?\)", "", route.name).strip()}
    names |= {re.sub(r"\.(?:org|org\.uk|co\.uk)$", "", n) for n in list(names)}
    return sorted(n for n in names if len(n) > 3)


def _adult_only_mentions(loaded: Loaded[Lesson], project: Project) -> Iterator[Finding]:
    """An adult-only service named in a pupil's text is an error; named for staff or parents, the
    same sentence says it is for adults."""
    adult_routes = [r for r in project.routes.values() if r.adult_only]
    if not adult_routes:
        return
    names = {name: route for route in adult_routes for name in _service_names(route)}
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)), re.IGNORECASE)
    lesson, audiences = loaded.model, project.audiences
    for_pupils = any(a in audiences and _under_18(audiences[a]) for a in lesson.audiences)
    pupil_skip = lambda model, name: name in TEACHER_ONLY  # noqa: E731
    pupil_locs = {loc for loc, _text in texts(lesson, skip=pupil_skip)} if for_pupils else set()
    references = lambda model, name: name in ("sources", "notes")  # citations and speaker notes  # noqa: E731
    for loc, text in texts(lesson, skip=references):
        for sentence in readability.sentences(text):
            found = pattern.search(sentence)
            if not found:
                continue
            if loc in pupil_locs:
                yield loaded.finding(
                    loc, _("'{service}' is a service for adults only (18+), named in text pupils see",
                           service=found.group(0)),
                    _("leave adult-only services out of pupils' text; staff give a student who is 18 the "
                      "\"18 and over\" card"), rule="adult-only-route")
            elif not ADULT_WORDS.search(sentence):
                yield loaded.finding(
                    loc, _("'{service}' is named without saying it is for adults only", service=found.group(0)),
                    _("say in the same sentence that it is for adults (18+) only, e.g. "
                      "\"{service} (adults 18+ only)\"", service=found.group(0)), rule="adult-only-route")


# Who a story's help must reach (one list, also used by the tests): the school's safeguarding
# lead, in words for the youngest pupils too, and for ages 11 and over CEOP or the police.
SAFEGUARDING_LEAD_WORDS = re.compile(
    r"safeguarding lead|safeguarding person|designated teacher|child protection co-?ordinator|"
    r"keeps children safe|keeping children safe|\bDSL\b|\bDSP\b", re.IGNORECASE)
REPORT_WORDS = re.compile(r"\bCEOP\b|\bpolice\b|\b101\b|\b999\b", re.IGNORECASE)
PRESSURED = ("request", "threat")


def _stories_reach_help(loaded: Loaded[Lesson], project: Project) -> Iterator[Finding]:
    """A story in which a young person is pressured or threatened ends with help that reaches the
    school's safeguarding lead, and for ages 11 and over CEOP or the police: stories model telling."""
    lesson = loaded.model
    for s_index, scenario in enumerate(lesson.scenarios):
        if not any(beat.stage in PRESSURED for beat in scenario.beats):
            continue
        for audience_id in lesson.audiences:
            audience = project.audiences.get(audience_id)
            if audience is None or not audience.is_pupils or not shows(scenario, audience):
                continue
            help_text = " ".join(text_for(b.text, audience_id) for b in scenario.beats if b.stage == "help")
            loc = ("scenarios", s_index, "beats")
            if not help_text:
                yield loaded.finding(loc, _("story '{story}' ends without anyone getting help", story=scenario.id),
                                     _("add a `help` beat in which the young person tells a trusted adult, "
                                       "who takes it to the school's safeguarding lead"), rule="story-help")
                break
            if not SAFEGUARDING_LEAD_WORDS.search(help_text):
                yield loaded.finding(loc, _("in story '{story}' ({audience}), help does not reach the school's "
                                            "safeguarding lead", story=scenario.id, audience=audience_id),
                                     _("say that the adult who is told takes it to the school's safeguarding lead "
                                       "(for young pupils: the grown-up at school who keeps children safe)"),
                                     rule="story-help")
            if audience.youngest >= 11 and not REPORT_WORDS.search(help_text):
                yield loaded.finding(loc, _("in story '{story}' ({audience}), nobody reports it to CEOP or the police",
                                            story=scenario.id, audience=audience_id),
                                     _("show the report: to CEOP for under-18s, or the police (101, or 999 in an "
                                       "emergency)"),
                                     rule="story-help")


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
        yield loaded.finding(loc + ("options",),
                             _("{kind} question '{question}' has {correct} correct options; it needs exactly 1",
                               kind=kind, question=qid, correct=correct),
                             _("mark one option `correct: true`"), rule="quiz")
    if kind == "true-false" and count != 2:
        yield loaded.finding(loc + ("options",),
                             _("true-false question '{question}' has {count} options; it needs exactly 2",
                               question=qid, count=count),
                             _("give two options, True and False"), rule="quiz")
    if kind == "multiple" and correct < 1:
        yield loaded.finding(loc + ("options",), _("multiple question '{question}' has no correct option", question=qid),
                             _("mark at least one option `correct: true`"), rule="quiz")
    if kind == "ordering":
        if count < 3:
            yield loaded.finding(loc + ("options",),
                                 _("ordering question '{question}' has {count} options; it needs at least 3",
                                   question=qid, count=count),
                                 _("add options, listed in the correct order"), rule="quiz")
        if correct:
            yield loaded.finding(loc + ("options",), _("ordering question '{question}' marks options correct", question=qid),
                                 _("remove `correct:`: for ordering, the order the options are listed in is the answer"),
                                 rule="quiz")
    keys = _variant_keys(question.question, *[o.feedback for o in question.options])
    for o_index, option in enumerate(question.options):
        for key in keys:
            feedback = text_for(option.feedback, key)
            if _same(feedback, text_for(question.question, key)) or _same(feedback, text_for(option.text, key)):
                yield loaded.finding(loc + ("options", o_index, "feedback"),
                                     _("the feedback for option {number} of '{question}' repeats the question or the "
                                       "option", number=o_index + 1, question=qid),
                                     _("say why this answer is right or wrong"), rule="quiz")
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
                loc, _("victim-blaming or shaming wording: \"{phrase}\"", phrase=phrase),
                _("{suggestion}; to quote a myth on purpose, put it in a misconception's `myth` with `quotation: true`",
                  suggestion=suggestion),
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
                loc, _("possible real phone number '{number}'", number=number),
                _("use a number from support-routes.yaml, or for a made-up example one of Ofcom's drama "
                  "numbers, e.g. 01632 960123 or 020 7946 0123"), rule="phone-number")


# --- Sources and dates ---------------------------------------------------------------------------

def _freshness(loaded: Loaded, field: str, items, today: dt.date) -> Iterator[Finding]:
    """Warn when a sourced item was last checked longer ago than the limit, or in the future."""
    for index, item in enumerate(items):
        checked = item.last_verified
        if is_stale(checked, today):
            yield loaded.finding(
                (field, index, "last_verified"),
                _("'{item}' was last verified on {date}, more than {limit} ago",
                  item=item.id, date=checked.isoformat(), limit=LIMIT_TEXT),
                _("check it against {url} and update last_verified", url=item.source_url),
                severity="warning", rule="stale")
        elif checked > today:
            yield loaded.finding(
                (field, index, "last_verified"),
                _("'{item}' has last_verified {date}, which is in the future", item=item.id, date=checked.isoformat()),
                _("give the date it was actually checked"), severity="warning", rule="stale")


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
        targets = ", ".join(f"{a.id} ({a.reading_grade_max:g})" for a, _level in hits)
        yield loaded.finding(
            loc, _("reading level grade {grade:.1f} is above the target for {audiences}: \"{sentence}\"",
                   grade=hits[0][1], audiences=targets, sentence=readability.quote(sentence)),
            _("split the sentence and use shorter, everyday words"), severity="warning", rule="reading-level")
