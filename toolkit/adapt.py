"""Lesson x audience x school profile -> the lesson one class will see. Pure: no I/O.

Renderers only ever see an `AdaptedLesson`: every text resolved for the audience, every item
filtered by audience and age, and the support routes filtered and ordered (school first).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from .model import (
    NATIONAL_PACK, NATIONS, Audience, Lesson, Nation, SafeguardingContact, SchoolProfile, SupportRoute, text_for,
)
from .model.school import profile_in
from .notices import adult_only_name, review_notice, translation_notice
from .terms import fill, term_values
from .translation import is_source_language, language_name
from .wording import N_, _, current_language


def _builtin_nations() -> Dict[str, Nation]:
    from .load import builtin_nations

    return builtin_nations()


@dataclass(frozen=True)
class HelpContact:
    """One place to get help, as printed: school, local or national."""

    name: str
    purpose: str
    scope: str  # "school", "local" or "national"
    kind: str = "talk"
    where_to_find: str = ""
    phone: str = ""
    textphone: str = ""
    text: str = ""
    url: str = ""
    email: str = ""
    hours: str = ""
    for_whom: str = ""
    nations_note: str = ""  # e.g. "England and Wales only", when the pack covers every nation
    source_url: str = ""
    last_verified: Optional[dt.date] = None
    route_id: str = ""
    adult_only: bool = False  # the name then says so, in every format
    shown_url: str = ""  # printed instead of the address, which stays the link and the QR code
    purpose_short: str = ""  # what it is for in a few words, for a help card (else the purpose is shown)


@dataclass(frozen=True)
class Option:
    text: str
    short: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    id: str
    type: str  # single, multiple, true-false, ordering
    question: str
    short: str
    options: Tuple[Option, ...]
    teaching_point: str
    quiz: str  # "starter" or "exit"

    @property
    def correct_indices(self) -> Tuple[int, ...]:
        """0-based indices of correct options (for ordering: the given order is correct)."""
        if self.type == "ordering":
            return tuple(range(len(self.options)))
        return tuple(i for i, o in enumerate(self.options) if o.correct)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    points: Tuple[str, ...]
    notes: str
    minutes: Optional[int]
    sort: Tuple[Tuple[str, str, Tuple[str, ...]], ...] = ()  # (label, icon, items) for each box


@dataclass(frozen=True)
class Character:
    name: str
    age: Optional[int]
    description: str


@dataclass(frozen=True)
class ChatLine:
    sender: str  # a character's name, "unknown" (an account the story does not name), or "" (what happens)
    time: str
    text: str
    turn: bool  # the tone changes here


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    characters: Tuple[Character, ...]
    platform: str
    beats: Tuple[Tuple[str, str], ...]  # (stage, text)
    discussion_questions: Tuple[str, ...]
    warning_signs_shown: Tuple[str, ...]  # the signs' texts
    notes: str
    chat: Tuple[ChatLine, ...] = ()  # the story as a chat on the first character's phone


@dataclass(frozen=True)
class WarningSign:
    id: str
    kind: str
    text: str


@dataclass(frozen=True)
class Step:
    id: str
    verb: str
    title: str
    text: str
    caution: str


@dataclass(frozen=True)
class Myth:
    myth: str
    response: str


@dataclass(frozen=True)
class Activity:
    title: str
    instructions: str
    minutes: Optional[int]
    notes: str
    id: str = ""
    prompts: Tuple[str, ...] = ()
    answers: Tuple[Tuple[str, str], ...] = ()  # (prompt, prepared answer)
    matching: Tuple[Tuple[str, str], ...] = ()  # (item, answer), in the right pairs
    palm: str = ""  # drawn as a helping hand to copy, with these words in its palm


@dataclass(frozen=True)
class PlanStep:
    """One timed part of a session, as this build teaches it."""

    part: str  # a section, scenario or activity id, or one of model.PARTS
    label: str
    minutes: int
    optional: str  # "", "in" or "out", as the lesson marks it
    taught: bool  # False: it goes to the "extra slides" appendix
    questions: Tuple[Question, ...] = ()  # for the starter and exit steps


@dataclass(frozen=True)
class Session:
    """One period of the lesson: its outcomes, its plan and (in decks) its own file."""

    id: str
    number: int
    count: int  # how many sessions this audience has
    title: str
    minutes: int
    outcomes: Tuple[str, ...]
    steps: Tuple[PlanStep, ...]

    @property
    def taught(self) -> Tuple[PlanStep, ...]:
        return tuple(s for s in self.steps if s.taught)

    @property
    def extra(self) -> Tuple[PlanStep, ...]:
        """Optional parts left out by this build: the deck's appendix."""
        return tuple(s for s in self.steps if not s.taught)

    @property
    def planned_minutes(self) -> int:
        return sum(s.minutes for s in self.taught)


@dataclass(frozen=True)
class Statistic:
    id: str
    claim: str
    year: Optional[int]
    source_url: str
    last_verified: dt.date


@dataclass(frozen=True)
class TeacherNotes:
    safeguarding_brief: str
    disclosure_protocol: Tuple[str, ...]
    hard_questions: Tuple[Tuple[str, str], ...]
    timings: Tuple[Tuple[str, int], ...]
    language_to_avoid: Tuple[str, ...]
    language_to_use: Tuple[str, ...]
    differentiation: Tuple[str, ...] = ()


@dataclass(frozen=True)
class AdultCard:
    """The "18 and over" card: for staff to give one student who is an adult."""

    title: str
    intro: str
    steps: Tuple[Step, ...]
    contacts: Tuple[HelpContact, ...]


@dataclass(frozen=True)
class AdaptedLesson:
    """What one audience at one school sees of one lesson."""

    lesson_id: str
    title: str
    version: str
    last_reviewed: dt.date
    reviewed_by: str
    audience: Audience
    audience_name: str  # in the school's nation's terms, or the plain label
    nation: Optional[str]  # None for the national pack
    school: Optional[SchoolProfile]
    summary: str
    duration_minutes: int
    content_warning: str
    ground_rules: Tuple[str, ...]
    learning_outcomes: Tuple[str, ...]
    key_messages: Tuple[str, ...]
    keywords: Tuple[Tuple[str, str], ...]
    baseline_activity: Optional[Activity]
    sections: Tuple[Section, ...]
    scenarios: Tuple[Scenario, ...]
    warning_signs: Tuple[WarningSign, ...]
    response_steps: Tuple[Step, ...]
    misconceptions: Tuple[Myth, ...]
    starter_quiz: Tuple[Question, ...]
    exit_quiz: Tuple[Question, ...]
    closing_activity: Optional[Activity]
    teacher_notes: TeacherNotes
    statistics: Tuple[Statistic, ...]
    sources: Tuple[Dict[str, Any], ...]
    adult_card: Optional[AdultCard] = None  # staff packs only
    sessions: Tuple[Session, ...] = ()  # empty: the lesson is one session, in the lesson's own order
    activities: Tuple[Activity, ...] = ()  # named activities that session plans use
    review_notice: str = ""  # "Draft: ... must review it before use", or who signed it off and when
    review_short: str = ""  # the same without the school's name, where the name is printed beside it
    signed_off: bool = False
    school_contacts: Tuple[HelpContact, ...] = field(default=())
    local_contacts: Tuple[HelpContact, ...] = field(default=())
    national_contacts: Tuple[HelpContact, ...] = field(default=())
    terms: Mapping[str, str] = field(default_factory=dict)
    """The nation's words for this pack (see toolkit/terms.py): formats ask here for the school's
    safeguarding role (`lead`, `lead_name`, `lead_title`) or the referral service (`social_care`)."""

    @property
    def help_contacts(self) -> Tuple[HelpContact, ...]:
        """Everyone who can help, in the order a page lists them: school, local, national."""
        return self.school_contacts + self.local_contacts + self.national_contacts

    @property
    def quiz(self) -> Tuple[Question, ...]:
        return self.starter_quiz + self.exit_quiz

    @property
    def is_pupils(self) -> bool:
        return self.audience.is_pupils

    @property
    def school_name(self) -> str:
        return self.school.name if self.school else ""

    @property
    def slug(self) -> str:
        """Stem for file names, e.g. 'online-blackmail-ks3'."""
        return f"{self.lesson_id}-{self.audience.id}"


def shows(item: Any, audience: Audience) -> bool:
    """Whether an item limited by `audiences` and `min_age` reaches this audience."""
    if item.audiences and audience.id not in item.audiences:
        return False
    return item.min_age is None or audience.youngest >= item.min_age


def route_reaches(route: SupportRoute, audience: Audience, nation: Optional[str]) -> bool:
    """Age, audience and nation filters. Adult-only services never reach under-18s."""
    if route.adult_only and not audience.sees_adult_services:
        return False
    if route.audiences and audience.id not in route.audiences:
        return False
    if audience.is_pupils and route.max_age is not None and audience.min_age is not None and audience.min_age > route.max_age:
        return False
    if audience.is_pupils and route.min_age is not None and audience.max_age is not None and audience.max_age < route.min_age:
        return False
    return nation is None or nation in route.nations


def nations_only(route: SupportRoute, nations: Optional[Mapping[str, Nation]] = None) -> str:
    """'England and Wales only', in the build's language."""
    from babel.lists import format_list

    from .wording import current_language

    names = [(nations or _builtin_nations())[n].name for n in route.nations]
    return _("{nations} only", nations=format_list(names, locale=current_language().replace("-", "_")))


def _nations_note(route: SupportRoute, nation: Optional[str], nations: Optional[Mapping[str, Nation]] = None) -> str:
    """Said beside a route that serves only some nations, where the pack covers every nation."""
    if nation is not None or len(route.nations) == len(NATIONS):
        return ""
    return nations_only(route, nations)


def _route_contact(route: SupportRoute, scope: str, nation: Optional[str],
                   nations: Optional[Mapping[str, Nation]] = None) -> HelpContact:
    return HelpContact(
        name=adult_only_name(route.name) if route.adult_only else route.name,
        purpose=route.purpose, purpose_short=route.purpose_short or "", scope=scope, kind=route.kind,
        phone=route.phone or "", textphone=route.textphone or "", text=route.text or "",
        url=str(route.url) if route.url else "", email=route.email or "", hours=route.hours or "",
        for_whom=route.for_whom, nations_note=_nations_note(route, nation, nations),
        source_url=str(route.source_url), last_verified=route.last_verified, route_id=route.id,
        adult_only=route.adult_only,
    )


def _school_contact(contact: SafeguardingContact) -> HelpContact:
    return HelpContact(
        name=contact.name, purpose=contact.role, purpose_short=contact.role, scope="school", kind="talk",
        where_to_find=contact.where_to_find, phone=contact.phone or "", email=contact.email or "",
        last_verified=contact.last_verified,
    )


# Words a seven-year-old knows, for the youngest pupils.
YOUNG_PUPILS_SCHOOL_CONTACT = (N_("The grown-up at school who keeps children safe"),
                               N_("Any teacher can take you to them"),
                               N_("Ask any teacher or grown-up at school you trust"))

GENERIC_SCHOOL_CONTACT = {
    "pupils": (N_("A trusted adult at school whose job is to help keep you safe"),
               N_("Ask any teacher or member of staff you trust to help you reach them")),
    "parents": (N_("The person at your child's school who leads on keeping children safe"),
                N_("Contact the school office and ask for them by role")),
    "staff": (N_("Report every concern to them at once, as your safeguarding policy sets out"),
              N_("Your school's safeguarding policy names them and their deputies")),
}
# What each is for in a few words, for a help card on a slide.
GENERIC_SCHOOL_CONTACT_SHORT = {
    "pupils": N_("Helps keep you safe at school"),
    "parents": N_("Leads on keeping children safe"),
    "staff": N_("Every concern goes to them at once"),
}


def _generic_school_contact(facts: Nation, audience: Audience) -> HelpContact:
    """For the national pack: everyone is still pointed to someone in their school."""
    if audience.is_pupils and audience.youngest < 11:
        name, purpose, where = (_(x) for x in YOUNG_PUPILS_SCHOOL_CONTACT)
        return HelpContact(name=name, purpose=purpose, scope="school", kind="talk", where_to_find=where)
    role = facts.lead.name.partition(" (")[0]  # "designated safeguarding lead (DSL)": the name alone
    purpose, where = (_(x) for x in GENERIC_SCHOOL_CONTACT[audience.kind])
    name = _("Your school's {role}", role=role) if audience.kind != "parents" else _("The school's {role}", role=role)
    return HelpContact(name=name, purpose=purpose, purpose_short=_(GENERIC_SCHOOL_CONTACT_SHORT[audience.kind]),
                       scope="school", kind="talk", where_to_find=where)


def _local_contacts(school: SchoolProfile, audience: Audience, facts: Nation) -> List[HelpContact]:
    contacts: List[HelpContact] = []
    services = [(school.local_police, _("Local police: call 999 in an emergency, 101 otherwise"),
                 _("Your local police force"), "report")]
    if audience.kind == "staff":
        social_care = fill("{{Social_care}}", {"social_care": facts.social_care})
        services.append((school.childrens_services, _("{service}: referrals and advice about a child", service=social_care),
                         _("Referrals and advice about a child"), "report"))
    for service, purpose, short, kind in services:
        if service is None:
            continue
        contacts.append(HelpContact(
            name=service.name, purpose=service.notes or purpose, purpose_short=short, scope="local", kind=kind,
            phone=service.phone or "", url=str(service.url) if service.url else "",
            email=service.email or "", hours=_("Out of hours: {out_of_hours_phone}", out_of_hours_phone=service.out_of_hours_phone)
            if service.out_of_hours_phone else "",
            last_verified=service.last_verified,
        ))
    contacts.extend(
        _route_contact(route, "local", school.nation)
        for route in school.extra_routes if route_reaches(route, audience, school.nation)
    )
    return contacts


def _question(question: Any, audience_id: str, quiz: str) -> Question:
    return Question(
        id=question.id, type=question.type,
        question=text_for(question.question, audience_id), short=question.short or "",
        options=tuple(
            Option(text_for(o.text, audience_id), o.short or "", o.correct, text_for(o.feedback, audience_id))
            for o in question.options
        ),
        teaching_point=text_for(question.teaching_point, audience_id), quiz=quiz,
    )


def _activity(activity: Any, audience: Audience) -> Optional[Activity]:
    if activity is None or not shows(activity, audience):
        return None
    a = audience.id
    return Activity(
        text_for(activity.title, a), text_for(activity.instructions, a), activity.minutes, text_for(activity.notes, a),
        id=getattr(activity, "id", ""),
        prompts=tuple(text_for(p, a) for p in activity.prompts),
        answers=tuple((text_for(x.prompt, a), text_for(x.answer, a)) for x in activity.answers if shows(x, audience)),
        matching=tuple((text_for(m.item, a), text_for(m.answer, a)) for m in activity.matching if shows(m, audience)),
        palm=text_for(activity.hand.palm, a) if getattr(activity, "hand", None) else "",
    )


PART_LABELS = {
    "content-warning": N_("Content warning"), "ground-rules": N_("Ground rules"), "outcomes": N_("Learning outcomes"),
    "starter": N_("Starter quiz (answered anonymously)"), "baseline": N_("Baseline"), "keywords": N_("Keywords"),
    "warning-signs": N_("Warning signs"), "what-to-do": N_("What to do"), "myths": N_("Facts and myths"),
    "statistics": N_("The figures"), "sources": N_("Sources"), "exit": N_("Exit check (answered anonymously)"),
    "closing-activity": N_("Closing activity"), "help": N_("Who can help"),
}


def part_titles(lesson: Lesson, audience_id: str) -> Dict[str, str]:
    """Every part a session plan can name, with the title a plan shows for it."""
    titles = {part: _(label) for part, label in PART_LABELS.items()}
    for part, activity in (("baseline", lesson.baseline_activity), ("closing-activity", lesson.closing_activity)):
        if activity is not None:
            titles[part] = text_for(activity.title, audience_id)
    titles.update({s.id: text_for(s.title, audience_id) for s in lesson.sections})
    titles.update({s.id: _("Story: {title}", title=text_for(s.title, audience_id)) for s in lesson.scenarios})
    titles.update({x.id: text_for(x.title, audience_id) for x in lesson.activities})
    return titles


def chosen_parts(lesson: Lesson, school: Optional[SchoolProfile], include: Sequence[str] = (),
                 exclude: Sequence[str] = ()) -> Tuple[frozenset, frozenset]:
    """The optional parts a build picks and leaves out: the school profile's choices for this lesson,
    overridden by the build's own `--include`/`--exclude`."""
    own = school.lesson_choices.get(lesson.id) if school else None
    picked = (set(own.include) if own else set()) - set(exclude) | set(include)
    dropped = (set(own.exclude) if own else set()) - set(include) | set(exclude)
    return frozenset(picked), frozenset(dropped)


def _taught(optional: Optional[str], part: str, picked: frozenset, dropped: frozenset) -> bool:
    if optional == "in":
        return part not in dropped
    if optional == "out":
        return part in picked
    return True


def _sessions(lesson: Lesson, audience: Audience, picked: frozenset, dropped: frozenset) -> Tuple[Session, ...]:
    a = audience.id
    titles = part_titles(lesson, a)
    bank = {q.id: (q, "starter") for q in lesson.quiz.starter}
    bank.update({q.id: (q, "exit") for q in lesson.quiz.exit})
    own = [s for s in lesson.sessions if shows(s, audience)]
    sessions = []
    for number, session in enumerate(own, start=1):
        steps = tuple(
            PlanStep(
                part=step.part, label=text_for(step.label, a) or titles.get(step.part, step.part),
                minutes=step.minutes, optional=step.optional or "",
                taught=_taught(step.optional, step.part, picked, dropped),
                questions=tuple(_question(bank[q][0], a, step.part if step.part in ("starter", "exit") else bank[q][1])
                                for q in step.questions if q in bank and shows(bank[q][0], audience)),
            )
            for step in session.plan if shows(step, audience)
        )
        sessions.append(Session(session.id, number, len(own), text_for(session.title, a), session.minutes,
                                tuple(text_for(o, a) for o in session.outcomes), steps))
    return tuple(sessions)


def _adult_card(lesson: Lesson, audience: Audience, routes: Dict[str, SupportRoute],
                nation: Optional[str], nations: Optional[Mapping[str, Nation]] = None) -> Optional[AdultCard]:
    card = lesson.adult_card
    if card is None or audience.kind != "staff":
        return None
    a = audience.id
    return AdultCard(
        title=text_for(card.title, a), intro=text_for(card.intro, a),
        steps=tuple(Step(s.id, s.verb, text_for(s.title, a), text_for(s.text, a), text_for(s.caution, a))
                    for s in card.steps),
        contacts=tuple(_route_contact(routes[r], "national", nation, nations) for r in card.routes
                       if r in routes and route_reaches(routes[r], audience, nation)),
    )


def signed_off(lesson: Lesson, school: Optional[SchoolProfile]) -> bool:
    """Whether the school's safeguarding lead has reviewed this version of the lesson."""
    sign_off = school.sign_off if school else None
    return bool(sign_off and sign_off.lessons.get(lesson.id) == lesson.version)


def translation_checked(lesson: Lesson, school: Optional[SchoolProfile], language: str) -> bool:
    """Whether someone who speaks `language` has checked this version's translation for the school."""
    sign_off = school.sign_off if school else None
    review = sign_off.translations.get(language.split("-")[0]) if sign_off else None
    return bool(review and review.lessons.get(lesson.id) == lesson.version)


def lesson_review_notice(lesson: Lesson, school: Optional[SchoolProfile]) -> str:
    """The review state every output of this lesson prints for this school (or the national pack)."""
    return _notice(lesson, school, school.name if school else "")


def _notice(lesson: Lesson, school: Optional[SchoolProfile], name: str) -> str:
    """The review notice; without the school's `name` it is the short form for a title slide, which
    names the school beside it and has room for a short role title only. In a translated build it
    also says whether the translation has been checked."""
    if school is None:
        notice = review_notice("", "", None, None, lesson.version)
    else:
        role = school.lead.role if name or len(school.lead.role) <= 40 else _("safeguarding lead")
        if signed_off(lesson, school):
            notice = review_notice(name, role, school.sign_off.name, school.sign_off.date, lesson.version)
        else:
            notice = review_notice(name, role, None, None, lesson.version)
    language = current_language()
    if is_source_language(language):
        return notice
    review = school.sign_off.translations.get(language.split("-")[0]) if school and school.sign_off else None
    checked = translation_checked(lesson, school, language)
    return notice + " " + translation_notice(language_name(language), review.name if checked else None,
                                             review.date if checked else None)


def _filled(value: Any, values: Mapping[str, str], language: str = "en") -> Any:
    """`value` with the nation tokens filled in every text it holds. A list item that is only a token
    with nothing for this nation (e.g. `{{law}}` in Scotland) is left out."""
    if isinstance(value, str):
        return fill(value, values, language)
    if isinstance(value, tuple):
        items = ((item, _filled(item, values, language)) for item in value)
        return tuple(new for old, new in items if not (isinstance(old, str) and "{{" in old and not new.strip()))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: _filled(getattr(value, f.name), values, language)
                                             for f in dataclasses.fields(value) if f.init})
    return value


def adapt(lesson: Lesson, audience: Audience, routes: Dict[str, SupportRoute],
          school: Optional[SchoolProfile] = None, include: Sequence[str] = (),
          exclude: Sequence[str] = (), *, nations: Optional[Mapping[str, Nation]] = None,
          audiences: Optional[Mapping[str, Audience]] = None) -> AdaptedLesson:
    """The lesson as `audience` sees it, with `school`'s contacts beside the national routes, in the
    terms of the school's nation (`nations`, default the built-in nations.yaml; `audiences` names the
    stages a lesson's `{{ks2}}`-style tokens stand for).
    `include`/`exclude`: optional parts of the session plans this build picks or leaves out."""
    nations = nations if nations is not None else _builtin_nations()
    if school is not None:  # the school's own words in the language being written (plain ones as they are)
        school = profile_in(school, current_language())
    values = term_values(nations, school.nation if school else None, audiences or {audience.id: audience}, school)
    adapted = _filled(_adapted(lesson, audience, routes, school, include, exclude, nations), values, current_language())
    return dataclasses.replace(adapted, terms=values)


Adapted = Callable[[Lesson, Audience], "AdaptedLesson"]


def adapter(project) -> Adapted:
    """`adapt` for the lessons of a loaded `project` (its routes, nations and audiences), with no
    school: each lesson adapted to an audience once, however many rules ask (an AdaptedLesson
    never changes)."""
    made: Dict[Tuple[int, str], AdaptedLesson] = {}

    def adapted(lesson: Lesson, audience: Audience) -> AdaptedLesson:
        key = (id(lesson), audience.id)
        if key not in made:
            made[key] = adapt(lesson, audience, project.routes, nations=project.nations, audiences=project.audiences)
        return made[key]

    return adapted


def _adapted(lesson: Lesson, audience: Audience, routes: Dict[str, SupportRoute], school: Optional[SchoolProfile],
             include: Sequence[str], exclude: Sequence[str], nations: Mapping[str, Nation]) -> AdaptedLesson:
    a = audience.id
    sessions = _sessions(lesson, audience, *chosen_parts(lesson, school, include, exclude))
    nation = school.nation if school else None
    facts = nations[nation or NATIONAL_PACK]
    signs = {s.id: s for s in lesson.warning_signs}
    national = [
        _route_contact(routes[route_id], "national", nation, nations)
        for route_id in lesson.support_routes
        if route_id in routes and route_reaches(routes[route_id], audience, nation)
    ]
    notes = lesson.teacher_notes
    return AdaptedLesson(
        lesson_id=lesson.id, title=text_for(lesson.title, a), version=lesson.version,
        last_reviewed=lesson.last_reviewed, reviewed_by=lesson.reviewed_by,
        audience=audience,
        audience_name=audience.names.for_nation(nation) if nation else audience.label,
        nation=nation, school=school,
        summary=text_for(lesson.summary, a), duration_minutes=sum(x.minutes for x in sessions) if sessions else (lesson.duration_minutes or 0),
        content_warning=text_for(lesson.content_warning, a),
        ground_rules=tuple(text_for(t, a) for t in lesson.ground_rules),
        learning_outcomes=tuple(text_for(t, a) for t in lesson.learning_outcomes),
        key_messages=tuple(text_for(t, a) for t in lesson.key_messages),
        keywords=tuple((k.term, text_for(k.definition, a)) for k in lesson.keywords if shows(k, audience)),
        baseline_activity=_activity(lesson.baseline_activity, audience),
        sections=tuple(
            Section(s.id, text_for(s.title, a), tuple(text_for(p, a) for p in s.points), text_for(s.notes, a), s.minutes,
                    tuple((text_for(g.label, a), g.icon or "", tuple(text_for(i, a) for i in g.items)) for g in s.sort))
            for s in lesson.sections if shows(s, audience)
        ),
        scenarios=tuple(
            Scenario(
                id=s.id, title=text_for(s.title, a),
                characters=tuple(Character(c.name, c.age, text_for(c.description, a)) for c in s.characters),
                platform=text_for(s.platform, a),
                beats=tuple((b.stage, text_for(b.text, a)) for b in s.beats),
                discussion_questions=tuple(text_for(q, a) for q in s.discussion_questions),
                warning_signs_shown=tuple(text_for(signs[i].text, a) for i in s.warning_signs_shown if i in signs),
                notes=text_for(s.notes, a),
                chat=tuple(ChatLine(m.sender or "", m.time or "", text_for(m.text, a), m.turn) for m in s.chat),
            )
            for s in lesson.scenarios if shows(s, audience)
        ),
        warning_signs=tuple(WarningSign(s.id, s.kind, text_for(s.text, a)) for s in lesson.warning_signs if shows(s, audience)),
        response_steps=tuple(
            Step(s.id, s.verb, text_for(s.title, a), text_for(s.text, a), text_for(s.caution, a))
            for s in lesson.response_steps if shows(s, audience)
        ),
        misconceptions=tuple(
            Myth(text_for(m.myth, a), text_for(m.response, a)) for m in lesson.misconceptions if shows(m, audience)
        ),
        starter_quiz=tuple(_question(q, a, "starter") for q in lesson.quiz.starter if shows(q, audience)),
        exit_quiz=tuple(_question(q, a, "exit") for q in lesson.quiz.exit if shows(q, audience)),
        closing_activity=_activity(lesson.closing_activity, audience),
        teacher_notes=TeacherNotes(
            safeguarding_brief=text_for(notes.safeguarding_brief, a),
            disclosure_protocol=tuple(text_for(t, a) for t in notes.disclosure_protocol),
            hard_questions=tuple(
                (text_for(h.question, a), text_for(h.answer, a)) for h in notes.hard_questions if shows(h, audience)
            ),
            timings=tuple((t.activity, t.minutes) for t in notes.timings),
            language_to_avoid=tuple(notes.language_to_avoid),
            language_to_use=tuple(notes.language_to_use),
            differentiation=tuple(text_for(t, a) for t in notes.differentiation),
        ),
        statistics=tuple(
            Statistic(s.id, text_for(s.claim, a), s.year, str(s.source_url), s.last_verified)
            for s in lesson.statistics if shows(s, audience)
        ),
        sources=tuple(s.model_dump(mode="json", exclude={"nations"}) for s in lesson.sources
                      if nation is None or nation in s.nations),
        adult_card=_adult_card(lesson, audience, routes, nation, nations),
        sessions=sessions,
        activities=tuple(x for x in (_activity(x, audience) for x in lesson.activities) if x is not None),
        review_notice=lesson_review_notice(lesson, school), review_short=_notice(lesson, school, ""),
        signed_off=signed_off(lesson, school),
        school_contacts=(
            tuple(_school_contact(c) for c in school.safeguarding_contacts) if school else (_generic_school_contact(facts, audience),)
        ),
        local_contacts=tuple(_local_contacts(school, audience, facts)) if school else (),
        national_contacts=tuple(national),
    )
