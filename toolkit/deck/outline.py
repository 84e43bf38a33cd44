"""The order of a deck, following the lesson: from the title slide to the closing slide.

Pure: an `AdaptedLesson` in, a list of planned slides out. The last slides of every deck carry
the support routes (`contacts`)."""

from __future__ import annotations

from typing import List

from ..adapt import AdaptedLesson
from . import notes as n
from .contacts import closing, who_can_help
from ..notices import signs_caveat
from .content import Block, Para, Run, SlideSpec, bullets, labelled, para, plain
from .quiz import quiz_slides


def plan(lesson: AdaptedLesson) -> List[SlideSpec]:
    slides: List[SlideSpec] = [title_slide(lesson)]
    for part in (
        before_we_start, lambda l: quiz_slides(l, l.starter_quiz, "Starter quiz"), baseline, outcomes,
        keywords, sections, scenarios, warning_signs, what_to_do, myths, statistics, sources,
        lambda l: quiz_slides(l, l.exit_quiz, "Exit quiz"), closing_activity, who_can_help, closing,
    ):
        slides.extend(part(lesson))
    reminder = n.disclosure_reminder(lesson)
    for slide in slides:
        slide.notes = n.join(slide.notes, n.timing_for(lesson, slide.group or slide.title), reminder)
    return slides


def title_slide(lesson: AdaptedLesson) -> SlideSpec:
    subtitle = tuple(t for t in (lesson.audience_name, lesson.school_name) if t)
    has_intro = bool(lesson.content_warning or lesson.ground_rules)
    return SlideSpec(
        "title", lesson.title, subtitle=subtitle, review=lesson.review_short, logo=lesson.school is not None,
        notes=n.join(n.lesson_plan(lesson), "" if has_intro else n.disclosure_protocol(lesson)),
    )


def before_we_start(lesson: AdaptedLesson) -> List[SlideSpec]:
    if not (lesson.content_warning or lesson.ground_rules):
        return []
    blocks = list(plain([lesson.content_warning])) if lesson.content_warning else []
    if lesson.ground_rules:
        rules = bullets(lesson.ground_rules)
        heading = para("Our ground rules" if lesson.is_pupils else "Ground rules", bullet=False, bold=True)
        blocks.append(Block((heading,) + rules[0].paras))
        blocks.extend(rules[1:])
    return [SlideSpec(
        "content", n.BEFORE_WE_START, tuple(blocks), group="ground rules",
        notes=n.join(
            "Read the content warning aloud and agree the ground rules before anything else.",
            n.disclosure_protocol(lesson),
        ),
    )]


def _activity(activity, group: str) -> List[SlideSpec]:
    if activity is None:
        return []
    return [SlideSpec(
        "content", activity.title, plain([activity.instructions]), group=group,
        notes=n.join(activity.notes, n.minutes(activity.minutes)),
    )]


def baseline(lesson: AdaptedLesson) -> List[SlideSpec]:
    return _activity(lesson.baseline_activity, "baseline")


def closing_activity(lesson: AdaptedLesson) -> List[SlideSpec]:
    return _activity(lesson.closing_activity, "closing activity")


def outcomes(lesson: AdaptedLesson) -> List[SlideSpec]:
    return [SlideSpec(
        "content", "Learning outcomes", bullets(lesson.learning_outcomes),
        notes="Read the outcomes aloud. Come back to them at the end: can everyone do each one now?",
    )]


def keywords(lesson: AdaptedLesson) -> List[SlideSpec]:
    if not lesson.keywords:
        return []
    blocks = tuple(Block((labelled(f"{term}: ", definition, bullet=True),)) for term, definition in lesson.keywords)
    return [SlideSpec(
        "content", "Keywords", blocks,
        notes=n.join(
            "Read each word and its meaning aloud. Ask someone to put one of them in their own words.",
            n.listed("Keywords:", [f"{t}: {d}" for t, d in lesson.keywords]),
        ),
    )]


def sections(lesson: AdaptedLesson) -> List[SlideSpec]:
    return [
        SlideSpec("content", s.title, bullets(s.points), notes=n.join(s.notes, n.minutes(s.minutes)))
        for s in lesson.sections
    ]


def scenarios(lesson: AdaptedLesson) -> List[SlideSpec]:
    slides: List[SlideSpec] = []
    for s in lesson.scenarios:
        people = [f"{c.name}{f' ({c.age})' if c.age else ''}: {c.description}" for c in s.characters]
        signs = n.listed("Warning signs in this story:", s.warning_signs_shown)
        slides.append(SlideSpec(
            "section", f"Story: {s.title}", plain(["A made-up story. The people in it are not real."]),
            group=s.title,
            notes=n.join(
                "Introduce the story. Remind the class of the ground rules: talk about the characters, "
                "not about anyone you know.",
                n.listed("Characters (all fictional):", people),
            ),
        ))
        story = [Block((labelled(f"{c.name}: ", c.description),)) for c in s.characters]
        story += [Block((para(text, bullet=False),)) for _, text in s.beats]
        slides.append(SlideSpec(
            "content", s.title, tuple(story), group=s.title,
            notes=n.join(s.notes, f"The story happens on {s.platform}.", signs,
                         n.listed("Stages of the story:", [f"{stage}: {text}" for stage, text in s.beats])),
        ))
        slides.append(SlideSpec(
            "content", f"Discuss: {s.title}", bullets(s.discussion_questions), group=s.title,
            notes=n.join("Give pairs a few minutes, then take answers. Draw out the warning signs and "
                         "what the character could do next.", signs),
        ))
    return slides


_SIGN_TITLES = {"offender-tactic": "Warning signs", "victim-sign": "Signs a young person may need help"}


def warning_signs(lesson: AdaptedLesson) -> List[SlideSpec]:
    slides = []
    for kind, title in _SIGN_TITLES.items():
        signs = [s.text for s in lesson.warning_signs if s.kind == kind]
        if signs:
            ask = ("Ask: which of these did you see in the stories?" if lesson.scenarios and lesson.is_pupils
                   else "Go through each sign and ask what it might look like in practice.")
            blocks = bullets(signs)
            if kind == "victim-sign":  # a list of signs always carries its caveat
                blocks += plain([signs_caveat(lesson.audience.kind)])
            slides.append(SlideSpec("content", title, blocks, notes=ask, group="warning signs"))
    return slides


def what_to_do(lesson: AdaptedLesson) -> List[SlideSpec]:
    if not lesson.response_steps:
        return []
    blocks = []
    for number, step in enumerate(lesson.response_steps, start=1):
        paras = [para(f"{number}. {step.title}", bullet=False, bold=True), para(step.text, level=1, bullet=False)]
        if step.caution:
            paras.append(labelled("Take care: ", step.caution, level=1))
        blocks.append(Block(tuple(paras)))
    return [SlideSpec(
        "content", "What to do", tuple(blocks), group="what to do",
        notes=n.join(
            "Go through the steps in order. Stress that it is never the fault of the person targeted, "
            "and that telling someone is the step that makes the others possible.",
            n.listed("Steps:", [f"{s.title}: {s.text}" + (f" (Take care: {s.caution})" if s.caution else "")
                                for s in lesson.response_steps], numbered=True),
        ),
    )]


def myths(lesson: AdaptedLesson) -> List[SlideSpec]:
    if not lesson.misconceptions:
        return []
    # The fact comes first and in bold: a blaming myth is never what a slide leads with.
    blocks = tuple(
        Block((labelled("Fact: ", m.response), labelled("Myth: ", m.myth, level=1)))
        for m in lesson.misconceptions
    )
    return [SlideSpec(
        "content", "Facts and myths", blocks, group="myths",
        notes="Read each fact, then the myth it answers, and ask why people might believe the myth. "
              "Correct it kindly: these are common beliefs, and nobody should feel silly for having heard them.",
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
               _source_line("Source: ", s.source_url, titles.get(s.source_url, ""))))
        for s in lesson.statistics
    )
    return [SlideSpec(
        "content", "The figures", blocks, group="statistics",
        notes=n.join(
            "Each figure is quoted as its source gives it. Check the source before quoting it elsewhere.",
            n.listed("Sources and when they were last checked:",
                     [f"{s.claim} {s.source_url} (checked {s.last_verified.isoformat()})" for s in lesson.statistics]),
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
            _source_line("Online: ", str(s.get("url", ""))),
        )))
    return [SlideSpec(
        "content", "Sources", tuple(blocks), group="sources",
        notes=n.listed("Full addresses:", [f"{s.get('title', '')}: {s.get('url', '')}" for s in lesson.sources]),
    )]
