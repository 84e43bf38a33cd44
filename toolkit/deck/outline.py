"""The order of a deck, following the lesson: from the title slide to the closing slide.

Pure: an `AdaptedLesson` in, a list of planned slides out. The last slides of every deck carry
the support routes (`contacts`)."""

from __future__ import annotations

import zlib
from typing import Callable, List, Optional, Sequence, Tuple

from ..adapt import PART_LABELS, Activity, AdaptedLesson, PlanStep, Scenario, Section, Session
from . import notes as n
from .contacts import closing, who_can_help
from ..notices import signs_caveat
from .content import Block, Para, Run, SlideSpec, bullets, labelled, para, plain
from .quiz import letter, quiz_slides
from . import chat, wording as w
from .cards import ItemCards, MythCards, SortBoxes, StepsGraphic
from .character import wants_guide
from .hand import HelpingHand
from .iconset import STEP_ICONS
from ..wording import N_, _
from ..wording.phrases import careful


def plan(lesson: AdaptedLesson, session: Optional[Session] = None) -> List[SlideSpec]:
    """The slides of one session's deck; without a session, the whole lesson in its own order
    (a lesson without sessions is one session). The ground rules and outcomes come before any quiz."""
    if session is not None:
        return session_plan(lesson, session)
    # Each part, with the words that name it in the lesson's timings, made with or without its own minutes.
    parts: List[Tuple[Tuple[str, ...], Callable[[bool], List[SlideSpec]]]] = [
        ((_(PART_LABELS["content-warning"]), _(PART_LABELS["ground-rules"])), lambda t: before_we_start(lesson)),
        ((_(PART_LABELS["outcomes"]),), lambda t: outcomes(lesson)),
        ((_("Starter quiz"),), lambda t: quiz_slides(lesson, lesson.starter_quiz, _("Starter quiz"))),
        (_named(lesson.baseline_activity, "baseline"), lambda t: _activity(lesson.baseline_activity, "baseline", t)),
        ((_(PART_LABELS["keywords"]),), lambda t: keywords(lesson)),
    ]
    parts += [((s.title,), lambda t, s=s: [_section(s, t)] + _sort(s)) for s in lesson.sections]
    parts += [((s.title, _(STORIES)), lambda t, s=s: _scenario(s)) for s in lesson.scenarios]
    parts += [
        ((_(PART_LABELS["warning-signs"]),), lambda t: warning_signs(lesson)),
        ((_(PART_LABELS["what-to-do"]),), lambda t: what_to_do(lesson)),
        ((_(PART_LABELS["myths"]),), lambda t: myths(lesson)), ((_(PART_LABELS["statistics"]),), lambda t: statistics(lesson)),
        ((_(PART_LABELS["sources"]),), lambda t: sources(lesson)),
        ((_("Exit quiz"), _(PART_LABELS["exit"])), lambda t: quiz_slides(lesson, lesson.exit_quiz, _("Exit quiz"))),
        (_named(lesson.closing_activity, "closing-activity"), lambda t: _activity(lesson.closing_activity, "closing activity", t)),
    ]
    slides: List[SlideSpec] = [title_slide(lesson)]
    if not lesson.teacher_notes.timings:  # no plan: each part with its own minutes, where it gives them
        for _names, make in parts:
            slides.extend(make(True))
        slides.extend(who_can_help(lesson) + closing(lesson))
    else:
        slides[0].timing = _(w.TIMING_TITLE)
        made = [(names, make(False)) for names, make in parts]
        made = [(names, part) for names, part in made if part]
        for (names, part), step in zip(made, _timings(lesson, [names for names, _part in made])):
            if step is not None:
                slides.extend(_stepped(part, step + (False,)))
            else:  # a part the timings leave out: its own minutes where it gives them, else a line that says so
                own = dict(parts)[names](True)
                for spec, bare in zip(own, part):
                    spec.timing = "" if spec.notes != bare.notes else _(w.TIMING_UNLISTED)
                slides.extend(own)
        for spec in who_can_help(lesson) + closing(lesson):
            spec.timing = _(w.TIMING_UNPLANNED)
            slides.append(spec)
    reminder = n.disclosure_reminder(lesson)
    for slide in slides:
        slide.notes = n.join(slide.notes, reminder)
    return slides


STORIES = N_("Stories")


def _named(activity, part: str) -> Tuple[str, ...]:
    return ((activity.title,) if activity else ()) + (_(PART_LABELS[part]),)


def _timings(lesson: AdaptedLesson, names: Sequence[Tuple[str, ...]]) -> List[Optional[Tuple[str, str, int]]]:
    """Which of the lesson's timings (teacher_notes.timings, in the lesson's order) each part of a
    lesson without sessions is taught in: the first whose words name the part (its title, or what
    the part is: "Stories", "Warning signs"...). When the timings add up to the whole lesson, a part
    none names (keywords after the baseline, the sources after the figures) is taught in the one
    before it, and a part before any in the first; else it is None (not in the timings). So every
    slide gets one timing line: its step's minutes and which of the step's slides it is."""
    timings = lesson.teacher_notes.timings
    whole = sum(minutes for _label, minutes in timings) == lesson.duration_minutes

    def named(part_names: Tuple[str, ...]) -> Optional[int]:
        wanted = [name.lower() for name in part_names if name]
        for index, (label, _minutes) in enumerate(timings):
            label = label.lower()
            if any(label == word or label in word or word in label for word in wanted):
                return index
        return None

    found = [named(part) for part in names]
    chosen: List[Optional[int]] = []
    for index, hit in enumerate(found):
        if hit is None and whole:
            earlier = [c for c in chosen if c is not None]
            later = [h for h in found[index:] if h is not None]
            hit = earlier[-1] if earlier else (later[0] if later else None)
        chosen.append(hit)
    return [None if i is None else (f"timing-{i}", timings[i][0], timings[i][1]) for i in chosen]


EXTRA_SLIDES = N_("Extra slides")


def session_plan(lesson: AdaptedLesson, session: Session) -> List[SlideSpec]:
    """Title, then each taught step of the plan in order (its timing in the notes of its first
    slide), ending on help; then the optional parts left out, in an appendix after the closing slide."""
    slides: List[SlideSpec] = [title_slide(lesson, session)]
    slides[0].timing = _(w.TIMING_TITLE)
    taught = session.taught
    # Every slide's notes get one timing line from its step (the writer counts the slides a step
    # becomes); an extra step's first slide also says how to choose it.
    for index, step in enumerate(taught):
        slides.extend(_stepped(part_slides(lesson, session, step), (f"taught-{index}", step.label, step.minutes, False)))
    if not any(step.part == "help" for step in taught):
        for spec in who_can_help(lesson) + closing(lesson):  # every deck ends on help
            spec.timing = _(w.TIMING_UNPLANNED)
            slides.append(spec)
    if session.extra:
        slides.append(SlideSpec(
            "section", _(EXTRA_SLIDES), plain([_("Optional parts that are not in this session's plan.")]),
            group="extra", notes=n.extra_slides(session), timing=_(w.TIMING_DIVIDER),
        ))
        for index, step in enumerate(session.extra):
            parts = _stepped(part_slides(lesson, session, step), (f"extra-{index}", step.label, step.minutes, True))
            slides.extend(_timed(parts, n.extra_choice(step)))
    reminder = n.disclosure_reminder(lesson)
    for slide in slides:
        slide.notes = n.join(slide.notes, reminder)
    return slides


def main_slides(slides: Sequence[SlideSpec]) -> List[SlideSpec]:
    """The slides a session teaches: everything before the "Extra slides" appendix."""
    for index, slide in enumerate(slides):
        if slide.kind == "section" and slide.title == _(EXTRA_SLIDES):
            return list(slides[:index])
    return list(slides)


def _stepped(slides: List[SlideSpec], timing: tuple) -> List[SlideSpec]:
    for slide in slides:
        slide.timing = timing
    return slides


def _timed(slides: List[SlideSpec], timing: str) -> List[SlideSpec]:
    if slides:
        slides[0].notes = n.join(timing, slides[0].notes)
    return slides


def part_slides(lesson: AdaptedLesson, session: Session, step: PlanStep) -> List[SlideSpec]:
    """The slides for one step of a session plan."""
    warned = any(s.part == "content-warning" for s in session.steps)
    fixed = {
        "content-warning": content_warning, "ground-rules": ground_rules if warned else before_we_start,
        # the plan's minutes are the session's timings: a part's own minutes are not repeated
        "baseline": lambda l: _activity(l.baseline_activity, "baseline", timed=False), "keywords": keywords,
        "warning-signs": warning_signs, "what-to-do": what_to_do, "myths": myths, "statistics": statistics,
        "sources": sources,
        "closing-activity": lambda l: _activity(l.closing_activity, "closing activity", timed=False),
        "outcomes": lambda l: outcomes(l, session.outcomes),
        "starter": lambda l: quiz_slides(l, step.questions, _("Starter quiz")),
        "exit": lambda l: quiz_slides(l, step.questions, _("Exit check")),
        "help": lambda l: who_can_help(l) + closing(l),
    }
    if step.part in fixed:
        return fixed[step.part](lesson)
    for section in lesson.sections:
        if section.id == step.part:
            return [_section(section, timed=False)] + _sort(section)
    for scenario in lesson.scenarios:
        if scenario.id == step.part:
            return _scenario(scenario)
    for activity in lesson.activities:
        if activity.id == step.part:
            return activity_slides(activity)
    return []


def title_slide(lesson: AdaptedLesson, session: Optional[Session] = None) -> SlideSpec:
    of = _("Session {number} of {count}: {title}", number=session.number, count=session.count, title=session.title) if session and session.count > 1 else ""
    subtitle = tuple(t for t in (of, lesson.audience_name, lesson.school_name) if t)
    has_intro = bool(lesson.content_warning or lesson.ground_rules)
    return SlideSpec(
        "title", lesson.title, subtitle=subtitle, review=lesson.review_short, logo=lesson.school is not None,
        guide=wants_guide(lesson.audience),
        notes=n.join(n.session_plan(lesson, session) if session else n.lesson_plan(lesson),
                     "" if has_intro else n.disclosure_protocol(lesson)),
    )


def before_we_start(lesson: AdaptedLesson) -> List[SlideSpec]:
    if not (lesson.content_warning or lesson.ground_rules):
        return []
    blocks = list(plain([lesson.content_warning])) if lesson.content_warning else []
    if lesson.ground_rules:
        rules = bullets(lesson.ground_rules)
        heading = para(_("Our ground rules") if lesson.is_pupils else _("Ground rules"), bullet=False, bold=True)
        blocks.append(Block((heading,) + rules[0].paras))
        blocks.extend(rules[1:])
    # Too long for one slide: the content warning, then the ground rules on a slide of their own.
    instead = tuple(content_warning(lesson) + ground_rules(lesson)) if lesson.content_warning else ()
    return [SlideSpec(
        "content", _(n.BEFORE_WE_START), tuple(blocks), group="ground rules",
        notes=n.join(
            _("Read the content warning aloud and agree the ground rules before anything else."),
            n.disclosure_protocol(lesson),
        ),
        instead=instead,
    )]


def content_warning(lesson: AdaptedLesson) -> List[SlideSpec]:
    """A session deck's first slide after the title: the content warning alone (its ground rules
    follow), so the session's outcomes can come straight after it."""
    if not lesson.content_warning:
        return []
    # A divider, so a short warning on its own reads as a pause, not as a nearly empty slide (a
    # warning too long for a divider is a content slide, continuing as lists do).
    notes = n.join(_("Read the content warning aloud before anything else. Remind the class of the signal and "
                     "the place they can go if they need a break."), n.disclosure_protocol(lesson))
    as_list = SlideSpec("content", _(n.BEFORE_WE_START), plain([lesson.content_warning]), group="content warning",
                        notes=notes)
    return [SlideSpec(
        "section", _(n.BEFORE_WE_START), plain([lesson.content_warning]), group="content warning", instead=(as_list,),
        notes=notes,
    )]


def ground_rules(lesson: AdaptedLesson) -> List[SlideSpec]:
    """The ground rules on their own, after a separate content warning slide."""
    if not lesson.ground_rules:
        return []
    title = _("Our ground rules") if lesson.is_pupils else _("Ground rules")
    return [SlideSpec(
        "content", title, bullets(lesson.ground_rules), group="ground rules",
        notes=_("Agree the ground rules before any quiz or discussion; in a later session, go over them again and "
                "ask whether anything should change. Point out the anonymous question box."),
    )]


def _activity(activity, group: str, timed: bool = True) -> List[SlideSpec]:
    if activity is None:
        return []
    notes = n.join(activity.notes, n.minutes(activity.minutes) if timed else "")
    if activity.palm:  # the helping hand: the hand to copy beside the instructions
        return [SlideSpec("picture", activity.title, plain([activity.instructions]), group=group, notes=notes,
                          picture=HelpingHand(activity.palm))]
    return [SlideSpec("content", activity.title, plain([activity.instructions]), group=group, notes=notes)]


def baseline(lesson: AdaptedLesson) -> List[SlideSpec]:
    return _activity(lesson.baseline_activity, "baseline")


def closing_activity(lesson: AdaptedLesson) -> List[SlideSpec]:
    return _activity(lesson.closing_activity, "closing activity")


def outcomes(lesson: AdaptedLesson, chosen: Sequence[str] = ()) -> List[SlideSpec]:
    return [SlideSpec(
        "content", _("Learning outcomes"), bullets(chosen or lesson.learning_outcomes), group="learning outcomes",
        notes=_("Read the outcomes aloud. Come back to them at the end: can everyone do each one now?"),
    )]


def keywords(lesson: AdaptedLesson) -> List[SlideSpec]:
    if not lesson.keywords:
        return []
    blocks = tuple(Block((labelled(f"{term}: ", definition, bullet=True),)) for term, definition in lesson.keywords)
    cards = ItemCards(tuple(lesson.keywords), name=_(w.KEYWORDS_NAME), alt_intro=_(w.KEYWORDS_ALT))
    return [SlideSpec(
        "graphic", _("Keywords"), blocks, picture=cards,
        notes=n.join(
            _("Read each word and its meaning aloud. Ask someone to put one of them in their own words."),
            n.listed(_("Keywords:"), [f"{t}: {d}" for t, d in lesson.keywords]),
        ),
    )]


def _section(s: Section, timed: bool = True) -> SlideSpec:
    """`timed`: with the section's own minutes (a session's plan gives its own instead)."""
    return SlideSpec("content", s.title, bullets(s.points), notes=n.join(s.notes, n.minutes(s.minutes) if timed else ""))


def sections(lesson: AdaptedLesson) -> List[SlideSpec]:
    return [slide for s in lesson.sections for slide in [_section(s)] + _sort(s)]


def _sort(s: Section) -> List[SlideSpec]:
    """A section's sort (e.g. a surprise or a secret to tell) as a picture of two boxes."""
    if not s.sort:
        return []
    blocks = tuple(Block((para(label, bullet=False, bold=True),) + tuple(para(i) for i in items))
                   for label, _unused, items in s.sort)
    return [SlideSpec("graphic", _(w.SORT_TITLE, title=s.title), blocks, picture=SortBoxes(s.sort),
                      notes=n.join(_(w.SORT_NOTES), s.notes))]


def scenarios(lesson: AdaptedLesson) -> List[SlideSpec]:
    return [slide for s in lesson.scenarios for slide in _scenario(s)]


def _scenario(s: Scenario) -> List[SlideSpec]:
    slides: List[SlideSpec] = []
    people = [f"{c.name}{f' ({c.age})' if c.age else ''}: {c.description}" for c in s.characters]
    signs = n.listed(_("Warning signs in this story:"), s.warning_signs_shown)
    cast = [Block((labelled(f"{c.name}: ", c.description),)) for c in s.characters]
    intro_notes = n.join(
        _("Introduce the story. Remind the class of the ground rules: talk about the characters, "
          "not about anyone you know."),
        _(w.CHAT_NOTES, owner=chat.owner_of(s)) if s.chat else "",
        n.listed(_("Characters (all fictional):"), people),
    )
    story_notes = n.join(s.notes, _("The story happens on {platform}.", platform=s.platform), signs,
                         n.listed(_("Stages of the story:"), [f"{stage}: {text}" for stage, text in s.beats]))
    beats = [Block((para(text, bullet=False),)) for _unused, text in s.beats]
    if s.chat:
        # The story as a picture: the chat on the main character's phone, who's who and the story
        # beside it; what has no room there carries on onto a slide of its own (see the writer).
        slides.append(SlideSpec(
            "picture", _("Story: {title}", title=s.title), tuple(plain([_(w.MADE_UP_STORY)])) + tuple(cast) + tuple(beats),
            group=s.title, notes=n.join(intro_notes, story_notes), picture=s, beside=1 + len(cast), own_title=s.title,
        ))
    else:
        slides.append(SlideSpec(
            "section", _("Story: {title}", title=s.title), plain([_(w.MADE_UP_STORY)]), group=s.title, notes=intro_notes,
        ))
        slides.append(SlideSpec("content", s.title, tuple(cast) + tuple(beats), group=s.title, notes=story_notes))
    slides.append(SlideSpec(
        "content", _("Discuss: {title}", title=s.title), bullets(s.discussion_questions), group=s.title,
        notes=n.join(_("Give pairs a few minutes, then take answers. Draw out the warning signs and "
                       "what the character could do next."), signs),
    ))
    return slides


def _mixed(count: int, seed: str) -> Tuple[int, ...]:
    """A fixed mixed order for the answers of a matching task, never the matching order itself."""
    order = tuple(sorted(range(count), key=lambda i: zlib.crc32(f"{seed}:{i}".encode())))
    return tuple(reversed(order)) if order == tuple(range(count)) and count > 1 else order


def activity_slides(activity: Activity) -> List[SlideSpec]:
    """The activity's task (its prompts, or a matching task whose pairs are on the next slide).
    Prepared answers are for the teacher, in the notes."""
    blocks = list(plain([activity.instructions]))
    notes = n.join(activity.notes, n.listed(_("Prepared answers:"), [f"{q} {a}" for q, a in activity.answers]))
    if not activity.matching:
        blocks += list(bullets(activity.prompts))
        return [SlideSpec("content", activity.title, tuple(blocks), group=activity.title, notes=notes)]
    order = _mixed(len(activity.matching), activity.id or activity.title)
    blocks += [Block((para(f"{i}. {item}", bullet=False),)) for i, (item, _unused) in enumerate(activity.matching, 1)]
    answers = [labelled(f"{letter(pos)}. ", activity.matching[i][1]) for pos, i in enumerate(order)]
    blocks.append(Block((para(_("Choose from:"), bullet=False, bold=True), answers[0])))
    blocks += [Block((a,)) for a in answers[1:]]
    position = {i: pos for pos, i in enumerate(order)}
    key = ", ".join(f"{i + 1}-{letter(position[i])}" for i in range(len(activity.matching)))
    pairs = tuple(Block((para(f"{i}. {item}", bullet=False, bold=True), para(answer, level=1, bullet=False)))
                  for i, (item, answer) in enumerate(activity.matching, 1))
    return [
        SlideSpec("content", activity.title, tuple(blocks), group=activity.title,
                  notes=n.join(notes, _("Answers: {key}. The pairs are on the next slide.", key=key))),
        SlideSpec("content", _("Answers: {title}", title=activity.title), pairs, group=activity.title,
                  notes=n.join(_("Go through each pair and ask why it fits."), notes)),
    ]


_SIGN_TITLES = {"offender-tactic": N_("Warning signs"), "victim-sign": N_("Signs a young person may need help")}


def warning_signs(lesson: AdaptedLesson) -> List[SlideSpec]:
    slides = []
    for kind, title in _SIGN_TITLES.items():
        signs = [s.text for s in lesson.warning_signs if s.kind == kind]
        if signs:
            ask = (_("Ask: which of these did you see in the stories?") if lesson.scenarios and lesson.is_pupils
                   else _("Go through each sign and ask what it might look like in practice."))
            blocks = bullets(signs)
            if kind == "victim-sign":  # a list of signs always carries its caveat
                blocks += plain([signs_caveat(lesson.audience.kind)])
                slides.append(SlideSpec("content", _(title), blocks, notes=ask, group="warning signs"))
                continue
            cards = ItemCards(tuple(("", sign) for sign in signs), icon=True, name=_(w.SIGNS_NAME), alt_intro=_(w.SIGNS_ALT))
            slides.append(SlideSpec("graphic", _(title), blocks, notes=ask, group="warning signs", picture=cards))
    return slides


def what_to_do(lesson: AdaptedLesson) -> List[SlideSpec]:
    if not lesson.response_steps:
        return []
    blocks = []
    for number, step in enumerate(lesson.response_steps, start=1):
        paras = [para(f"{number}. {step.title}", bullet=False, bold=True), para(step.text, level=1, bullet=False)]
        if step.caution:
            paras.append(labelled(careful() + " ", step.caution, level=1))
        blocks.append(Block(tuple(paras)))
    graphic = StepsGraphic(tuple((i, s.title) for i, s in enumerate(lesson.response_steps, start=1)),
                           tuple((i, s.caution) for i, s in enumerate(lesson.response_steps, start=1) if s.caution),
                           tuple(STEP_ICONS.get(s.verb, "") for s in lesson.response_steps),
                           tuple(s.text for s in lesson.response_steps))
    steps_notes = n.join(
        _("Go through the steps in order. Stress that it is never the fault of the person targeted, "
          "and that telling someone is the step that makes the others possible."),
        n.listed(_("Steps:"), [f"{s.title}: {s.text}" + (f" ({careful()} {s.caution})" if s.caution else "")
                            for s in lesson.response_steps], numbered=True),
    )
    # When the cards have no room for each step's text, it follows in full, in two columns.
    in_full = SlideSpec("content", _(w.STEPS_IN_FULL), tuple(blocks), group="what to do", columns=2, notes=steps_notes)
    return [SlideSpec(
        "graphic", _("What to do"), tuple(blocks), group="what to do", picture=graphic, instead=(in_full,),
        notes=n.join(_("Point to each step in turn: the class can follow the whole path at a glance."), steps_notes),
    )]


def myths(lesson: AdaptedLesson) -> List[SlideSpec]:
    if not lesson.misconceptions:
        return []
    # The fact comes first and in bold: a blaming myth is never what a slide leads with.
    blocks = tuple(
        Block((labelled(_(w.FACT) + " ", m.response), labelled(_(w.MYTH) + " ", m.myth, level=1)))
        for m in lesson.misconceptions
    )
    cards = MythCards(tuple((m.response, m.myth) for m in lesson.misconceptions))
    return [SlideSpec(
        "graphic", _(w.MYTHS_NAME), blocks, group="myths", picture=cards,
        notes=_("Read each fact, then the myth it answers, and ask why people might believe the myth. "
                "Correct it kindly: these are common beliefs, and nobody should feel silly for having heard them."),
    )]


def _domain(url: str) -> str:
    """'https://www.example.org/a/long/path' -> 'www.example.org': the full address is the link."""
    return url.split("://", 1)[-1].split("/", 1)[0]


def _source_line(label: str, url: str, name: str = "") -> Para:
    runs = (Run(label, True),) + ((Run(f"{name}, "),) if name else ()) + (Run(_domain(url), link=url),)
    return Para(runs, level=1, bullet=False)


def statistics(lesson: AdaptedLesson) -> List[SlideSpec]:
    if lesson.is_pupils or not lesson.statistics:
        return []
    titles = {str(s.get("url", "")): str(s.get("title", "")) for s in lesson.sources}
    blocks = tuple(
        Block((para(s.claim + (f" ({s.year})" if s.year else "")),
               _source_line(_("Source:") + " ", s.source_url, titles.get(s.source_url, ""))))
        for s in lesson.statistics
    )
    return [SlideSpec(
        "content", _("The figures"), blocks, group="statistics",
        notes=n.join(
            _("Each figure is quoted as its source gives it. Check the source before quoting it elsewhere."),
            n.listed(_("Sources and when they were last checked:"),
                     [_("{claim} {url} (checked {date})", claim=s.claim, url=s.source_url, date=s.last_verified.isoformat()) for s in lesson.statistics]),
        ),
    )]


def sources(lesson: AdaptedLesson) -> List[SlideSpec]:
    if lesson.is_pupils or not lesson.sources:
        return []
    blocks = []
    for s in lesson.sources:
        by = ", ".join(str(v) for v in (s.get("publisher"), s.get("date")) if v)
        blocks.append(Block((
            para(s.get("title", "") + (f" ({by})" if by else "")),
            _source_line(_("Online:") + " ", str(s.get("url", ""))),
        )))
    return [SlideSpec(
        "content", _("Sources"), tuple(blocks), group="sources",
        notes=n.listed(_("Full addresses:"), [f"{s.get('title', '')}: {s.get('url', '')}" for s in lesson.sources]),
    )]
