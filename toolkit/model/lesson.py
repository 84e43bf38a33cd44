"""The lesson format: one YAML file describes a lesson once, for every audience it serves."""

from __future__ import annotations

import datetime as dt
from typing import List, Literal, Optional

from pydantic import ConfigDict, Field, HttpUrl

from .common import NATIONS, Heading, Line, Name, Slug, Sourced, Strict, Text, Words
from .routes import Nation


class ForAudiences(Strict):
    """Anything that can be limited to some audiences or a minimum age."""

    audiences: List[Slug] = Field(default_factory=list)
    """Show only to these audiences; empty means all the lesson's audiences."""
    min_age: Optional[int] = Field(default=None, ge=4, le=99)
    """Leave out for audiences whose youngest member is below this age."""


class Keyword(ForAudiences):
    term: Name
    definition: Line
    """Pupil-friendly definition."""


class Misconception(ForAudiences):
    myth: Line
    """The mistaken belief, as people say it."""
    quotation: bool = False
    """True when the myth deliberately quotes blaming words, so the blame check skips it."""
    response: Line
    """The accurate answer, kindly put."""


class SortGroup(Strict):
    """One box of a sort: its label and the examples that belong in it."""

    label: Heading
    """What goes in this box, e.g. "A surprise: fine to keep"."""
    icon: Optional[Literal["surprise", "secret"]] = None
    """A picture for the box: a present (surprise) or a padlock (secret)."""
    items: List[Line] = Field(min_length=1, max_length=4)
    """Examples that belong in this box."""


class Section(ForAudiences):
    """A block of explanation, e.g. 'What is sextortion?'."""

    id: Slug
    title: Heading
    points: List[Line] = Field(min_length=1)
    notes: Optional[Text] = None
    """What the teacher says or asks (speaker notes)."""
    minutes: Optional[int] = Field(default=None, ge=1, le=120)
    sort: List[SortGroup] = Field(default_factory=list, max_length=2)
    """Two boxes to sort examples into, drawn as a picture on the section's slide (e.g. a surprise
    or a secret to tell); the class sorts them before the answer is discussed."""


class Character(Strict):
    name: Name
    """A made-up name."""
    age: Optional[int] = Field(default=None, ge=4, le=99)
    description: Line
    fictional: Literal[True]
    """Must be true: scenarios only ever use fictional characters."""


class Beat(Strict):
    stage: Literal["contact", "grooming", "request", "threat", "response", "help"]
    text: Line


UNKNOWN_SENDER = "unknown"
"""`from: unknown` in a story's chat: an account the story does not name."""


class ChatMessage(Strict):
    """One line of a story's chat, as the phone picture on the story's slide shows it. Write it
    from the story's own text: no new facts, and nothing sexual drawn (say what happens instead)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              defer_build=True)

    sender: Optional[Name] = Field(default=None, alias="from")
    """Who sends it: a character's name (as in `characters`, quotes left out), or `unknown` for an
    account the story does not name. Leave it out for a line that says what happens (e.g. "Mia
    sends a photo"), shown in the middle of the chat, never as a picture."""
    time: Optional[str] = Field(default=None, pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    """The time shown with a message, as HH:MM (24-hour clock); every message needs one."""
    text: Line
    """The message, short enough for a chat bubble."""
    turn: bool = False
    """True on the message where the tone changes (the chat turns to pressure or threats): the
    picture marks it. At most one per chat."""


class Scenario(ForAudiences):
    id: Slug
    title: Heading
    characters: List[Character] = Field(min_length=1)
    platform: Line = "a social media app"
    """Generic platform wording; never a real product."""
    beats: List[Beat] = Field(min_length=2)
    discussion_questions: List[Line] = Field(min_length=1)
    warning_signs_shown: List[Slug] = Field(default_factory=list)
    """Ids of warning signs this story shows."""
    notes: Optional[Text] = None
    chat: List[ChatMessage] = Field(default_factory=list, max_length=12)
    """The story as a chat on a phone screen (the slide's picture), on the phone of the first
    character: their messages on the right, everyone else's on the left."""


class WarningSign(ForAudiences):
    id: Slug
    kind: Literal["offender-tactic", "victim-sign"]
    """Offender tactics are for pupils; signs in a young person are for staff and parents."""
    text: Line
    source: Optional[Name] = None
    """Source key from `sources`."""


class ResponseStep(ForAudiences):
    id: Slug
    verb: Literal[
        "dont-panic", "dont-pay", "stop-contact", "block", "keep-evidence",
        "tell-adult", "report", "remove-images", "get-support", "respond-to-disclosure",
    ]
    title: Heading
    """Short heading, e.g. "Don't pay"."""
    text: Line
    caution: Optional[Line] = None
    """A warning that goes with the step, e.g. never save the image itself."""


class Option(Strict):
    text: Line
    short: Optional[str] = Field(default=None, max_length=75)
    """A version of at most 75 characters for platforms with length limits."""
    correct: bool = False
    feedback: Line
    """Why this answer is right or not: shown for every option."""


class Question(ForAudiences):
    id: Slug
    type: Literal["single", "multiple", "true-false", "ordering"]
    """For ordering questions, list the options in the correct order."""
    question: Line
    short: Optional[str] = Field(default=None, max_length=120)
    """A version of at most 120 characters for platforms with length limits."""
    options: List[Option] = Field(min_length=2, max_length=8)
    teaching_point: Line
    """The one thing the class should take from this question."""


class Quiz(Strict):
    starter: List[Question] = Field(default_factory=list)
    """Checks what the class knows before the lesson."""
    exit: List[Question] = Field(default_factory=list)
    """Checks what stuck by the end."""


class HardQuestion(ForAudiences):
    question: Line
    answer: Line


class Timing(Strict):
    activity: Words
    minutes: int = Field(ge=1, le=180)


class TeacherNotes(Strict):
    safeguarding_brief: Text
    """What the teacher must do before the lesson (brief the DSL, know who may be affected)."""
    disclosure_protocol: List[Line] = Field(min_length=1)
    """What to do, step by step, if a pupil discloses."""
    hard_questions: List[HardQuestion] = Field(default_factory=list)
    timings: List[Timing] = Field(default_factory=list)
    language_to_avoid: List[Words] = Field(default_factory=list)
    language_to_use: List[Words] = Field(default_factory=list)
    differentiation: List[Line] = Field(default_factory=list)
    """How to adapt the lesson for pupils who need more support or more stretch (the lesson plan prints it)."""


class PreparedAnswer(ForAudiences):
    """A question or prompt with the answer the teacher has ready (in the speaker notes)."""

    prompt: Text
    answer: Text


class Match(ForAudiences):
    """One pair in a matching task: a situation and what fits it (e.g. the help for it)."""

    item: Text
    answer: Text


class HelpingHand(Strict):
    """A closing activity drawn as a hand to copy: a line on each finger for a trusted adult."""

    palm: Line
    """The words in the palm (e.g. a helpline's name and number): a few words, drawn large."""


class Activity(ForAudiences):
    title: Heading
    instructions: Text
    minutes: Optional[int] = Field(default=None, ge=1, le=120)
    notes: Optional[Text] = None
    prompts: List[Text] = Field(default_factory=list)
    """Shown on the slide under the instructions: questions to discuss, lines to practise, a scale."""
    answers: List[PreparedAnswer] = Field(default_factory=list)
    """Prepared teacher answers, in the speaker notes (never on the pupils' slide)."""
    matching: List[Match] = Field(default_factory=list)
    """A matching task: items numbered, answers lettered in a mixed order; the next slide gives the pairs."""
    hand: Optional[HelpingHand] = None
    """Shown as a hand to copy (the helping hand), with these words in its palm."""


class NamedActivity(Activity):
    """An activity a session plan names by its id (matching, discussion, practice, a confidence check)."""

    id: Slug


PARTS = (
    "content-warning", "ground-rules", "outcomes", "starter", "baseline", "keywords", "warning-signs", "what-to-do",
    "myths", "statistics", "sources", "exit", "closing-activity", "help",
)
"""Parts of a lesson a session plan can name besides its sections, scenarios and activities."""


class Step(ForAudiences):
    """One timed part of a session, in teaching order."""

    part: Slug
    """A section, scenario or activity id, or one of: content-warning, ground-rules, outcomes, starter, baseline,
    keywords, warning-signs, what-to-do, myths, statistics, sources, exit, closing-activity, help."""
    minutes: int = Field(ge=1, le=120)
    label: Optional[Text] = None
    """The name of this step in the session plan (the part's own title unless given)."""
    questions: List[Slug] = Field(default_factory=list)
    """For `starter` and `exit`: ids of questions from the quiz bank, in the order asked."""
    optional: Optional[Literal["in", "out"]] = None
    """An optional part. `in`: taught unless a build leaves it out; `out`: in the "extra slides"
    appendix unless a build picks it. Only steps that are taught count towards the session's length."""


class Session(ForAudiences):
    """One lesson period: its own outcomes, timed plan, deck and exit check."""

    id: Slug
    title: Heading
    minutes: int = Field(ge=10, le=120)
    """The length of the period; the plan's minutes must add up to it."""
    outcomes: List[Text] = Field(min_length=1)
    """'I can ...' statements for this session (the lesson's learning_outcomes are the whole)."""
    plan: List[Step] = Field(min_length=1)


class Statistic(Sourced, ForAudiences):
    id: Slug
    claim: Line
    """The figure in a sentence, exactly as the source supports it."""
    year: Optional[int] = Field(default=None, ge=1990, le=2100)


class AdultCard(Strict):
    """A card staff hand to one student aged 18 or over: the advice and services for adults, which
    are never shown to a class of under-18s. Built for the staff audience only."""

    title: Heading
    intro: Text
    steps: List[ResponseStep] = Field(min_length=1)
    routes: List[Slug] = Field(min_length=1)
    """Route ids from `lessons/support-routes.yaml`; each prints with its source and when it was checked."""


class Source(Strict):
    key: Name
    title: Words
    url: HttpUrl
    publisher: Optional[Name] = None
    date: Optional[dt.date] = None
    nations: List[Nation] = Field(default_factory=lambda: list(NATIONS))
    """Nations whose packs list it (all four unless given), e.g. a source about a service that
    works only in some nations."""


class Lesson(Strict):
    """A lesson definition (one file in `lessons/`)."""

    id: Slug
    title: Heading
    version: Name
    last_reviewed: dt.date
    reviewed_by: Name
    audiences: List[Slug] = Field(min_length=1)
    """Audience ids this lesson serves, from `lessons/audiences.yaml`."""
    duration_minutes: Optional[int] = Field(default=None, ge=5, le=180)
    """Length of a lesson without sessions (required then); with sessions, each session has its own."""
    summary: Text
    content_warning: Optional[Text] = None
    ground_rules: List[Line] = Field(default_factory=list)
    learning_outcomes: List[Line] = Field(min_length=1)
    """'I can ...' statements."""
    key_messages: List[Line] = Field(min_length=1)
    keywords: List[Keyword] = Field(default_factory=list)
    baseline_activity: Optional[Activity] = None
    sessions: List[Session] = Field(default_factory=list)
    """The lesson as a sequence of periods, each with its plan. None: the lesson is one session."""
    activities: List[NamedActivity] = Field(default_factory=list)
    """Activities beyond the baseline and closing ones, named by id in session plans."""
    sections: List[Section] = Field(default_factory=list)
    scenarios: List[Scenario] = Field(default_factory=list)
    warning_signs: List[WarningSign] = Field(default_factory=list)
    response_steps: List[ResponseStep] = Field(default_factory=list)
    misconceptions: List[Misconception] = Field(default_factory=list)
    support_routes: List[Slug] = Field(min_length=1)
    """Route ids from `lessons/support-routes.yaml`, most important first."""
    quiz: Quiz = Field(default_factory=Quiz)
    closing_activity: Optional[Activity] = None
    """A distancing activity to end on."""
    teacher_notes: TeacherNotes
    statistics: List[Statistic] = Field(default_factory=list)
    sources: List[Source] = Field(default_factory=list)
    adult_card: Optional[AdultCard] = None
    """An "18 and over" card for staff to give to a student who is an adult (staff packs only)."""

