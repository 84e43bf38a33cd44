"""Rules about how a lesson hangs together: known ids, valid references, no duplicates."""

from __future__ import annotations

from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from ..errors import Finding
from ..load import Loaded, Project
from ..model import PARTS, Lesson
from ..terms import known_tokens, tokens_in
from ..textrules import strings_in
from ..validation import closest
from ..wording import N_, _
from ..wording.phrases import did_you_mean
from .ids import duplicate_id, id_position

LISTS_WITH_IDS = ("sections", "scenarios", "warning_signs", "response_steps", "statistics", "activities")
PART_LISTS = ("sections", "scenarios", "activities")
"""Lists whose ids a session plan names: one id names one part across all three."""


def check(project: Project, catalogues: bool = True) -> List[Finding]:
    findings: List[Finding] = []
    findings.extend(_duplicate_lesson_ids(project))
    if project.routes_file is not None and catalogues:
        findings.extend(_routes(project))
    if project.nations_file is not None and project.routes_file is not None and catalogues:
        findings.extend(_nations(project))
    for loaded in project.lessons:
        findings.extend(_lesson(loaded, project))
    return findings


# What an unknown reference names: (the problem, the hint listing the known ones), looked up when used.
_UNKNOWN = {
    "audience": (N_("unknown audience '{value}'"), N_("known audiences: {known}")),
    "support route": (N_("unknown support route '{value}'"), N_("known support routes: {known}")),
    "warning sign": (N_("unknown warning sign '{value}'"), N_("known warning signs: {known}")),
    "source key": (N_("unknown source key '{value}'"), N_("known source keys: {known}")),
    "sender": (N_("unknown sender '{value}'"), N_("known senders: {known}")),
}


def _unknown(loaded: Loaded, loc: Tuple[Any, ...], what: str, value: str, known: Sequence[str], key: bool = False) -> Finding:
    near = closest(value, known)
    problem, listing = _UNKNOWN[what]
    hint = did_you_mean(near) if near else _(listing, known=", ".join(sorted(known)) or _("none"))
    return loaded.finding(loc, _(problem, value=value), hint, rule="unknown-reference", key=key)


def _duplicate_lesson_ids(project: Project) -> Iterator[Finding]:
    seen: Dict[str, str] = {}
    for loaded in project.lessons:
        finding = duplicate_lesson_id(loaded, seen)
        if finding:
            yield finding


def duplicate_lesson_id(loaded: Loaded[Lesson], seen: Dict[str, str]) -> Optional[Finding]:
    """A finding if another lesson already took this id (`seen`: id -> file, updated here)."""
    return duplicate_id(loaded.path, loaded.model.id, id_position(loaded), seen)


def _nations(project: Project) -> Iterator[Finding]:
    """Each nation's route for money lost to fraud is a route in the catalogue that serves it."""
    loaded = project.nations_file
    routes = project.routes
    for index, nation in enumerate(loaded.model.nations):
        route_id = nation.money_loss_route
        if route_id is None:
            continue
        if route_id not in routes:
            yield _unknown(loaded, ("nations", index, "money_loss_route"), "support route", route_id, list(routes))
        elif nation.id not in routes[route_id].nations:
            yield loaded.finding(("nations", index, "money_loss_route"),
                                 _("route '{route}' does not serve {nation}", route=route_id, nation=nation.name),
                                 _("name a route whose `nations` include this nation"), rule="unknown-reference")


def _tokens(loaded: Loaded[Lesson], project: Project) -> Iterator[Finding]:
    """Every `{{token}}` in the lesson's text is one adapt can fill (docs/lesson-format.md lists them)."""
    known = known_tokens(project.audiences)
    for loc, text, is_key in strings_in(loaded.raw):
        if is_key:
            continue
        for token, _start in tokens_in(text):
            if token[:1].lower() + token[1:] not in known:
                near = closest(token, known)
                yield loaded.finding(loc, _("unknown term '{token}'", token="{{%s}}" % token),
                                     did_you_mean("{{%s}}" % near) if near else
                                     _("known terms: {terms}", terms=", ".join("{{%s}}" % k for k in known)),
                                     rule="unknown-term")


def _routes(project: Project) -> Iterator[Finding]:
    loaded = project.routes_file
    audiences = list(project.audiences)
    seen = set()
    for index, route in enumerate(loaded.model.routes):
        if route.id in seen:
            yield loaded.finding(("routes", index, "id"), _("route id '{id}' is used twice", id=route.id),
                                 _("give each route its own id"), rule="duplicate-id")
        seen.add(route.id)
        if not (route.phone or route.url or route.email or route.text):
            yield loaded.finding(("routes", index), _("route '{route}' has no phone, text, web address or email", route=route.id),
                                 _("add at least one way to reach it"), rule="route-contact")
        if route.min_age is not None and route.max_age is not None and route.min_age > route.max_age:
            yield loaded.finding(("routes", index, "min_age"), _("route '{route}' has min_age above max_age", route=route.id),
                                 _("swap them"), rule="route-ages")
        for a_index, audience_id in enumerate(route.audiences):
            if audiences and audience_id not in audiences:
                yield _unknown(loaded, ("routes", index, "audiences", a_index), "audience", audience_id, audiences)


def _items(lesson: Lesson) -> Iterator[Tuple[Tuple[Any, ...], Any]]:
    """Every item that can be limited to audiences, with its location."""
    for name in ("keywords", "sections", "scenarios", "warning_signs", "response_steps", "misconceptions", "statistics"):
        for index, item in enumerate(getattr(lesson, name)):
            yield (name, index), item
    for quiz in ("starter", "exit"):
        for index, item in enumerate(getattr(lesson.quiz, quiz)):
            yield ("quiz", quiz, index), item
    for index, item in enumerate(lesson.teacher_notes.hard_questions):
        yield ("teacher_notes", "hard_questions", index), item
    for name in ("baseline_activity", "closing_activity"):
        if getattr(lesson, name) is not None:
            yield (name,), getattr(lesson, name)


def _text_maps(data: Any, loc: Tuple[Any, ...] = ()) -> Iterator[Tuple[Tuple[Any, ...], Dict[str, Any]]]:
    """Every mapping in the raw data that is an audience-varying text (it has 'default')."""
    if isinstance(data, dict):
        if "default" in data and all(isinstance(v, str) for v in data.values()):
            yield loc, data
            return
        for key, value in data.items():
            yield from _text_maps(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _text_maps(value, loc + (index,))


def _lesson(loaded: Loaded[Lesson], project: Project) -> Iterable[Finding]:
    lesson = loaded.model
    known_audiences = list(project.audiences)
    findings: List[Finding] = []
    if known_audiences:
        for index, audience_id in enumerate(lesson.audiences):
            if audience_id not in known_audiences:
                findings.append(_unknown(loaded, ("audiences", index), "audience", audience_id, known_audiences))
        for loc, item in _items(lesson):
            for index, audience_id in enumerate(item.audiences):
                if audience_id not in lesson.audiences:
                    near = closest(audience_id, lesson.audiences)
                    hint = did_you_mean(near) if near else _("this lesson serves: {audiences}",
                                                             audiences=", ".join(lesson.audiences))
                    findings.append(loaded.finding(loc + ("audiences", index),
                                                   _("'{audience}' is not one of this lesson's audiences", audience=audience_id),
                                                   hint, rule="unknown-reference"))
        for loc, text_map in _text_maps(loaded.raw):
            for key in text_map:
                if key == "default" or key in lesson.audiences:
                    continue
                if key not in known_audiences:
                    findings.append(_unknown(loaded, loc + (key,), "audience", key, known_audiences, key=True))
                else:
                    findings.append(loaded.finding(
                        loc + (key,), _("'{audience}' is not one of this lesson's audiences ({audiences})",
                                        audience=key, audiences=", ".join(lesson.audiences)),
                        _("add {audience} to the lesson's audiences, or remove this wording", audience=key),
                        rule="unknown-reference", key=True))
    routes = project.routes
    if routes:
        for index, route_id in enumerate(lesson.support_routes):
            if route_id not in routes:
                findings.append(_unknown(loaded, ("support_routes", index), "support route", route_id, list(routes)))
        for index, route_id in enumerate(lesson.adult_card.routes if lesson.adult_card else ()):
            if route_id not in routes:
                findings.append(_unknown(loaded, ("adult_card", "routes", index), "support route", route_id, list(routes)))
    for name in LISTS_WITH_IDS:
        findings.extend(_duplicates(loaded, name, [item.id for item in getattr(lesson, name)]))
    findings.extend(_parts(loaded))
    findings.extend(_tokens(loaded, project))
    if lesson.duration_minutes is None and not lesson.sessions:
        findings.append(loaded.finding(("id",), _("the lesson has no duration_minutes and no sessions"),
                                       _("add `duration_minutes: 50` (its length), or a list of `sessions`"),
                                       rule="session-timing"))
    seen_questions = set()
    for quiz in ("starter", "exit"):
        for index, question in enumerate(getattr(lesson.quiz, quiz)):
            if question.id in seen_questions:
                findings.append(loaded.finding(("quiz", quiz, index, "id"), _("question id '{id}' is used twice", id=question.id),
                                               _("give each question its own id"), rule="duplicate-id"))
            seen_questions.add(question.id)
    sign_ids = [s.id for s in lesson.warning_signs]
    for s_index, scenario in enumerate(lesson.scenarios):
        for index, sign_id in enumerate(scenario.warning_signs_shown):
            if sign_id not in sign_ids:
                findings.append(_unknown(loaded, ("scenarios", s_index, "warning_signs_shown", index), "warning sign", sign_id, sign_ids))
    findings.extend(_chats(loaded))
    source_keys = [s.key for s in lesson.sources]
    for index, sign in enumerate(lesson.warning_signs):
        if sign.source and sign.source not in source_keys:
            findings.append(_unknown(loaded, ("warning_signs", index, "source"), "source key", sign.source, source_keys))
    return findings


def _chats(loaded: Loaded[Lesson]) -> Iterator[Finding]:
    """A story's chat: each message from one of its characters (or `unknown`), at most one turn."""
    from ..model.lesson import UNKNOWN_SENDER

    for s_index, scenario in enumerate(loaded.model.scenarios):
        names = [c.name.strip('"\u201c\u201d') for c in scenario.characters]
        turns = 0
        for index, message in enumerate(scenario.chat):
            loc = ("scenarios", s_index, "chat", index)
            if message.sender is not None and message.sender not in names + [UNKNOWN_SENDER]:
                yield _unknown(loaded, loc + ("from",), "sender", message.sender, names + [UNKNOWN_SENDER])
            if message.sender is not None and message.time is None:
                yield loaded.finding(loc, _("a message in the chat of story '{story}' has no time", story=scenario.id),
                                     _("add `time: \"16:05\"` (HH:MM): the picture shows it"), rule="chat-time")
            if message.turn:
                turns += 1
                if turns == 2:
                    yield loaded.finding(loc + ("turn",), _("story '{story}' marks the change of tone twice", story=scenario.id),
                                         _("keep `turn: true` on the one message where the tone changes"), rule="chat-turn")


def _duplicates(loaded: Loaded, name: str, ids: List[str]) -> Iterator[Finding]:
    seen = set()
    for index, item_id in enumerate(ids):
        if item_id in seen:
            yield loaded.finding((name, index, "id"), _("id '{id}' is used twice in {list}", id=item_id, list=name),
                                 _("give each its own id"), rule="duplicate-id")
        seen.add(item_id)


def _parts(loaded: Loaded[Lesson]) -> Iterator[Finding]:
    """Section, scenario and activity ids are also the names session plans use: each names one part."""
    from .sessions import references

    lesson = loaded.model
    owner: Dict[str, Optional[str]] = {part: None for part in PARTS}  # None: a built-in part
    for name in PART_LISTS:
        for index, item in enumerate(getattr(lesson, name)):
            if item.id in owner and owner[item.id] != name:
                yield loaded.finding((name, index, "id"),
                                     _("id '{id}' also names {part}", id=item.id, part=owner[item.id] or _("a built-in part")),
                                     _("session plans name parts by id: give this one its own"), rule="duplicate-id")
            owner.setdefault(item.id, name)
    if lesson.sessions:
        present = set(PARTS) - {"baseline", "closing-activity"}
        present |= {"baseline"} if lesson.baseline_activity else set()
        present |= {"closing-activity"} if lesson.closing_activity else set()
        yield from references(loaded, sorted(present | {i.id for n in PART_LISTS for i in getattr(lesson, n)}))
