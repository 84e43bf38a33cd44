"""`lesson-plan`: the teacher's plan as an editable Word document, per lesson and audience.

At a glance (who, how long, review state, who to contact), the safeguarding brief and what to do on
a disclosure, outcomes and key words, then each session minute by minute: the timings, and for each
part what to show, say and watch for, the stories with their questions, the quizzes with answers.
Then hard questions with answers, words to use and avoid, the resources in the pack, and sources.

Sessions: a lesson taught over several sessions (issue 15) will give the adapted lesson a
`sessions` list; `sessions_of` is the one place that reads it, and every session is planned the
same way. Until then the whole lesson is one session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, List, Optional, Sequence, Tuple

from ..adapt import Activity, AdaptedLesson, Question, Scenario, Section
from ..docx import PLACEHOLDER_NOTE, WordDocument
from ..docx.parts import add_logo, contacts_table, lead_line, school_name
from ..docx.wording import OPTIONAL_NOTE
from ..freshness import lesson_checked_line
from ..notices import signs_caveat
from ..wording import N_, _
from ..wording.phrases import careful, long_date, short_minutes, way_label
from . import OutputFile, RenderContext, RenderOptions, register
from ._pack_files import pack_files
from .handout import accent, author, footer


@dataclass(frozen=True)
class Session:
    """One sitting of a lesson, as the plan sets it out."""

    title: str
    minutes: Optional[int]
    timings: Tuple[Tuple[str, int], ...]
    baseline_activity: Optional[Activity]
    sections: Tuple[Section, ...]
    scenarios: Tuple[Scenario, ...]
    starter_quiz: Tuple[Question, ...]
    exit_quiz: Tuple[Question, ...]
    closing_activity: Optional[Activity]
    whole_lesson_parts: bool  # warning signs, steps and myths belong to the lesson as a whole
    activities: Tuple[Activity, ...] = ()  # the session plan's activities (matching, practice, confidence check)
    optional: Tuple[Tuple[str, int, bool], ...] = ()  # (part, minutes, taught in this build)


def _session(lesson: AdaptedLesson, source: Any, whole: bool) -> Session:
    """A session from the adapted lesson (`source` is the lesson itself or one of its sessions):
    each field the session does not carry is taken from the lesson when it is the only session."""
    def field(name: str, default: Any = ()) -> Any:
        value = getattr(source, name, None)
        return value if value is not None else (getattr(lesson, name, default) if whole else default)
    notes = getattr(source, "teacher_notes", None) or (lesson.teacher_notes if whole else None)
    return Session(
        title=getattr(source, "title", "") if source is not lesson else "",
        minutes=getattr(source, "duration_minutes", None) or getattr(source, "minutes", None),
        timings=tuple(getattr(source, "timings", None) or (notes.timings if notes else ())),
        baseline_activity=field("baseline_activity", None), sections=tuple(field("sections")),
        scenarios=tuple(field("scenarios")), starter_quiz=tuple(field("starter_quiz")),
        exit_quiz=tuple(field("exit_quiz")), closing_activity=field("closing_activity", None),
        whole_lesson_parts=whole,
    )


def _planned(lesson: AdaptedLesson, session: Any, last: bool) -> Session:
    """A session of the lesson's own plan (`adapt.Session`): its taught steps in order, each
    section, story and activity the steps name, and the questions of its starter and exit check.
    Parts a build leaves out are listed in the timings as optional, not taught."""
    taught = session.taught
    parts = [step.part for step in taught]
    by_id = lambda items: [x for p in parts for x in items if x.id == p]  # noqa: E731
    questions = lambda part: tuple(q for step in taught if step.part == part for q in step.questions)  # noqa: E731
    timings = tuple((step.label, step.minutes) for step in taught)
    return Session(
        title=session.title if session.count > 1 else "", minutes=session.minutes, timings=timings,
        baseline_activity=lesson.baseline_activity if "baseline" in parts else None,
        sections=tuple(by_id(lesson.sections)), scenarios=tuple(by_id(lesson.scenarios)),
        starter_quiz=questions("starter"), exit_quiz=questions("exit"),
        closing_activity=lesson.closing_activity if "closing-activity" in parts else None,
        whole_lesson_parts=last, activities=tuple(by_id(getattr(lesson, "activities", ()))),
        optional=tuple((step.label, step.minutes, step.taught) for step in session.steps if step.optional),
    )


def sessions_of(lesson: AdaptedLesson) -> List[Session]:
    """The sessions to plan: the lesson's own sessions when it has them (issue 15), else one made of
    the whole lesson. Signs, steps and myths belong to the lesson as a whole: after the last one."""
    sessions = getattr(lesson, "sessions", None) or ()
    if sessions and hasattr(sessions[0], "taught"):
        return [_planned(lesson, s, last=i == len(sessions) - 1) for i, s in enumerate(sessions)]
    if len(sessions) > 1:  # a plain list of sessions, each carrying its own parts
        return [_session(lesson, session, whole=False) for session in sessions]
    return [_session(lesson, lesson, whole=True)]


def clock(minute: int) -> str:
    return f"{minute // 60}:{minute % 60:02d}"


def timing_rows(timings: Sequence[Tuple[str, int]]) -> List[Tuple[str, str, str]]:
    """(from-to, activity, minutes), counted from the start of the session."""
    rows, start = [], 0
    for activity, minutes in timings:
        rows.append((_("{start} to {end}", start=clock(start), end=clock(start + minutes)), activity, short_minutes(minutes)))
        start += minutes
    return rows


def _people(lesson: AdaptedLesson) -> str:
    return _("pupils") if lesson.is_pupils else _("participants")


def _at_a_glance(word: WordDocument, lesson: AdaptedLesson, sessions: Sequence[Session]) -> None:
    length = _("{minutes} minutes", minutes=lesson.duration_minutes) + (
        _(", in {count} sessions", count=len(sessions)) if len(sessions) > 1 else "")
    rows = [(_("Lesson"), lesson.title), (_("Class"), lesson.audience_name), (_("Length"), length),
            (_("School"), school_name(lesson)), (_("Safeguarding lead"), lead_line(lesson)),
            (_("Version"), _("{version}, content last reviewed on {date}", version=lesson.version,
                             date=long_date(lesson.last_reviewed))),
            (_("Review state"), lesson.review_notice)]
    checked = lesson_checked_line(lesson)
    if checked:
        rows.append((_("Contacts"), checked))
    rows.append((_("Summary"), lesson.summary))
    word.table((_("About this lesson"), _("Details")), rows, widths_cm=(4.0, 13.0))


def _safeguarding(word: WordDocument, lesson: AdaptedLesson, warn) -> None:
    notes = lesson.teacher_notes
    word.heading(_("Safeguarding"), 2)
    word.heading(_("Before you teach"), 3)
    if notes.safeguarding_brief:
        word.paragraph(notes.safeguarding_brief)
    word.paragraph([("bold", _("Content warning to read out at the start: ")), lesson.content_warning])
    if lesson.ground_rules:
        word.paragraph([("bold", _("Ground rules"))], keep_with_next=True)
        word.bullets(lesson.ground_rules)
    if notes.disclosure_protocol:
        word.heading(_("Responding to a disclosure"), 3)
        word.numbered(notes.disclosure_protocol)
    word.heading(_("Who to contact"), 3)
    staff_only = []
    if lesson.school is None:
        word.paragraph([_("Write in your school's contacts: "), ("fill", _("safeguarding lead and deputies, with phone "
                        "numbers and where to find them")), ", ", ("fill", _("{social_care} referral number", social_care=lesson.terms["social_care"])),
                        ", ", ("fill", _("local police"))])
    elif lesson.school.childrens_services is not None and lesson.audience.kind != "staff":
        services = lesson.school.childrens_services
        # Children's services are for staff only: the plan is for staff, the class never sees it.
        reach = ". ".join(x for x in (f"{way_label('phone')} {services.phone}" if services.phone else "",
                                      _("Out of hours: {out_of_hours_phone}", out_of_hours_phone=services.out_of_hours_phone) if services.out_of_hours_phone else "",
                                      f"{way_label('email')} {services.email}" if services.email else "", str(services.url or "")) if x)
        staff_only.append((services.name, _("For staff: {social_care}, referrals and advice about a child", social_care=lesson.terms["social_care"]), reach))
    word.paragraph(_("As the {people} see them, school first, then local and national services:", people=_people(lesson)),
                   keep_with_next=True)
    contacts_table(word, lesson.help_contacts)
    if staff_only:
        word.table((_("For staff only"), _("What for"), _("How to reach them")), staff_only, widths_cm=(4.5, 6.5, 6.0))


def _activity(word: WordDocument, label: str, activity: Activity) -> None:
    word.heading(f"{label}: {activity.title}" + (f" ({short_minutes(activity.minutes)})" if activity.minutes else ""), 3)
    word.paragraph(activity.instructions)
    prompts = getattr(activity, "prompts", ())
    if prompts:
        word.bullets(prompts)
    matching = getattr(activity, "matching", ())
    if matching:
        word.table((_("Situation"), _("Where help is")), matching, widths_cm=(8.5, 8.5))
    answers = getattr(activity, "answers", ())
    if answers:
        word.table((_("Question"), _("Prepared answer")), answers, widths_cm=(6.0, 11.0))
    if activity.notes:
        word.paragraph([("bold", _("Teacher notes: ")), activity.notes])


def _quiz(word: WordDocument, title: str, questions: Sequence[Question]) -> None:
    if not questions:
        return
    word.heading(title, 3)
    rows = []
    for number, question in enumerate(questions, 1):
        if question.type == "ordering":
            answer = " then ".join(option.text for option in question.options)
        else:
            answer = "; ".join(question.options[i].text for i in question.correct_indices)
        rows.append((str(number), question.question, answer, question.teaching_point))
    word.table((_("No."), _("Question"), _("Answer"), _("Teaching point")), rows, widths_cm=(1.2, 5.6, 4.6, 5.6))


def _scenario(word: WordDocument, scenario: Scenario) -> None:
    word.paragraph([("bold", scenario.title)] + ([f" ({scenario.platform})"] if scenario.platform else []),
                   keep_with_next=True)
    for stage, text in scenario.beats:
        word.paragraph(text)
    if scenario.discussion_questions:
        word.paragraph([("bold", _("Questions to discuss"))], keep_with_next=True)
        word.numbered(scenario.discussion_questions)
    if scenario.warning_signs_shown:
        word.paragraph([("bold", _("Warning signs in this story"))], keep_with_next=True)
        word.bullets(scenario.warning_signs_shown)
    if scenario.notes:
        word.paragraph([("bold", _("Teacher notes: ")), scenario.notes])


def _session_plan(word: WordDocument, lesson: AdaptedLesson, session: Session, number: int, count: int) -> None:
    if count > 1:
        heading = _("Session {number} of {count}", number=number, count=count) + (f": {session.title}" if session.title else "")
    else:
        heading = _("The lesson, step by step")
    word.heading(heading + (" (" + _("{minutes} minutes", minutes=session.minutes) + ")" if session.minutes else ""), 2)
    if session.timings:
        word.heading(_("Timings"), 3)
        word.table((_("Time"), _("Activity"), _("Length")), timing_rows(session.timings), widths_cm=(3.2, 11.3, 2.5))
    if session.optional:
        word.heading(_("Optional parts"), 3)
        word.paragraph(_(OPTIONAL_NOTE))
        word.table((_("Part"), _("Length"), _("In this pack")),
                   [(label, short_minutes(minutes), _("taught") if taught else _("in the deck's extra slides"))
                    for label, minutes, taught in session.optional], widths_cm=(9.0, 2.5, 5.5))
    _quiz(word, _("Starter quiz, with answers"), session.starter_quiz)
    if session.baseline_activity:
        _activity(word, _("Baseline"), session.baseline_activity)
    for activity in session.activities:
        _activity(word, _("Activity"), activity)
    for section in session.sections:
        word.heading(section.title + (f" ({short_minutes(section.minutes)})" if section.minutes else ""), 3)
        if section.points:
            word.paragraph([("bold", _("What to show and say"))], keep_with_next=True)
            word.bullets(section.points)
        if section.notes:
            word.paragraph([("bold", _("Teacher notes: ")), section.notes])
    if session.scenarios:
        word.heading(_("Stories for discussion"), 3)
        for scenario in session.scenarios:
            _scenario(word, scenario)
    if session.whole_lesson_parts:
        _whole_lesson_parts(word, lesson)
    _quiz(word, _("Exit quiz, with answers"), session.exit_quiz)
    if session.closing_activity:
        _activity(word, _("Closing activity"), session.closing_activity)


def _whole_lesson_parts(word: WordDocument, lesson: AdaptedLesson) -> None:
    if lesson.warning_signs:
        word.heading(_("Warning signs"), 3)
        word.bullets([sign.text for sign in lesson.warning_signs])
        word.paragraph(signs_caveat(lesson.audience.kind))
    if lesson.response_steps:
        word.heading(_("What to do"), 3)
        word.numbered([[("bold", step.title + ". "), step.text] + ([f" {careful()} {step.caution}"] if step.caution else [])
                       for step in lesson.response_steps])
    if lesson.misconceptions:
        word.heading(_("Facts and myths"), 3)
        word.table((_("Myth"), _("What to say")), [(m.myth, m.response) for m in lesson.misconceptions], widths_cm=(6.5, 10.5))


def _after(word: WordDocument, lesson: AdaptedLesson, options: RenderOptions) -> None:
    notes = lesson.teacher_notes
    if notes.hard_questions:
        word.heading(_("Hard questions {people} may ask", people=_people(lesson)), 2)
        word.table((_("Question"), _("A suggested answer")), list(notes.hard_questions), widths_cm=(6.0, 11.0))
    if notes.language_to_use or notes.language_to_avoid:
        word.heading(_("Words to use and words to avoid"), 2)
        if notes.language_to_use:
            word.heading(_("Use"), 3)
            word.bullets(notes.language_to_use)
        if notes.language_to_avoid:
            word.heading(_("Avoid"), 3)
            word.bullets(notes.language_to_avoid)
    files = pack_files(lesson, options)
    word.heading(_("Resources in this pack"), 2)
    word.paragraph(_("The files a full build of the pack makes for {audience_name}, in its folder and on its index "
                     "page:", audience_name=lesson.audience_name), keep_with_next=True)
    word.table((_("Resource"), _("File"), _("What it is for")), [(f.title, f.name, f.description) for f in files],
               widths_cm=(4.0, 6.0, 7.0))
    if lesson.statistics or lesson.sources:
        word.heading(_("Figures and sources"), 2)
        if lesson.statistics:
            word.table((_("Figure"), _("Source"), _("Checked")),
                       [(s.claim, s.source_url, long_date(s.last_verified)) for s in lesson.statistics],
                       widths_cm=(8.5, 6.0, 2.5))
        word.bullets([" ".join(str(x) for x in (s.get("title", ""), s.get("url", "")) if x) for s in lesson.sources])


def lesson_plan(lesson: AdaptedLesson, context: RenderContext, when: Optional[dt.date] = None) -> bytes:
    title = _("Lesson plan: {title} – {audience_name}", title=lesson.title, audience_name=lesson.audience_name)
    word = WordDocument(title, _("Lesson plan for teachers: {title}", title=lesson.title), author(lesson), accent(lesson),
                        when or lesson.last_reviewed, keywords=(_("lesson plan"), _("safeguarding"), lesson.audience_name),
                        paper=context.options.paper)
    add_logo(word, lesson, context.warn)
    word.heading(_("Lesson plan: {title}", title=lesson.title), 1)
    word.paragraph([("bold", f"{lesson.audience_name}. {lesson.review_notice}")])
    if lesson.school is None:
        word.paragraph(_(PLACEHOLDER_NOTE), small=True)
    sessions = sessions_of(lesson)
    _at_a_glance(word, lesson, sessions)
    _safeguarding(word, lesson, context.warn)
    word.heading(_("Learning outcomes"), 2)
    word.bullets(lesson.learning_outcomes)
    if lesson.key_messages:
        word.heading(_("Key messages"), 2)
        word.bullets(lesson.key_messages)
    if lesson.keywords:
        word.heading(_("Key words"), 2)
        word.table((_("Word"), _("What it means")), list(lesson.keywords), widths_cm=(4.0, 13.0))
    if lesson.teacher_notes.differentiation:
        word.heading(_("Differentiation: more support and more stretch"), 2)
        word.bullets(lesson.teacher_notes.differentiation)
    for number, session in enumerate(sessions, 1):
        _session_plan(word, lesson, session, number, len(sessions))
    if not sessions[0].whole_lesson_parts:  # taught over several sessions: once, after them
        word.heading(_("In every session: signs, steps and myths"), 2)
        _whole_lesson_parts(word, lesson)
    _after(word, lesson, context.options)
    word.footer(footer(lesson))
    return word.to_bytes()


def plan_name(lesson: AdaptedLesson) -> str:
    return f"{lesson.slug}-lesson-plan.docx"


@register("lesson-plan", N_("The teacher's lesson plan as an editable Word document (DOCX), for each lesson and audience"))
def render(lesson: AdaptedLesson, context: RenderContext) -> List[OutputFile]:
    return [OutputFile(plan_name(lesson), lesson_plan(lesson, context),
                       _("{title} ({audience_name}): lesson plan", title=lesson.title, audience_name=lesson.audience_name))]
