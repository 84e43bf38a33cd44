"""Lessons in sessions: each session's plan adds up to its length, its deck fits its time (at most a
slide a minute, appendix aside), opens with the content warning and outcomes before any quiz, and
says its plan in the first slide's notes; optional parts are picked per build; the quiz exports
and the live quiz keep the whole question bank."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation

from toolkit.build import BuildRequest, build, load_checked
from toolkit.checks.sessions import SLIDES_PER_MINUTE
from toolkit.errors import ContentErrors, UsageProblem

from kit import LESSONS
from test_slides_support import adapted_lesson, body_of, lesson_folder, make_deck, notes_of, title_of

QUIZ_TITLE = re.compile(r"^(Starter quiz|Exit check|Exit quiz)")
EXTRA = "Extra slides"


def _session(**changes):
    plan = [
        {"part": "content-warning", "minutes": 1},
        {"part": "outcomes", "minutes": 2},
        {"part": "ground-rules", "minutes": 2},
        {"part": "starter", "minutes": 3, "questions": ["true-or-false"]},
        {"part": "long-list", "minutes": 7},
        {"part": "alex", "minutes": 10},
        {"part": "which-help", "minutes": 5},
        {"part": "extra-talk", "minutes": 6, "optional": "out"},
        {"part": "exit", "minutes": 5, "questions": ["order"]},
        {"part": "help", "minutes": 5},
    ]
    return {"id": "first", "title": "The first session", "minutes": 40,
            "outcomes": ["I can spot a warning sign."], "plan": plan, **changes}


ACTIVITIES = [
    {"id": "which-help", "title": "Which help fits?", "instructions": "Match each situation to its help.",
     "matching": [{"item": "Someone is in danger now.", "answer": "Call 999."},
                  {"item": "You want to talk in private.", "answer": "Childline."},
                  {"item": "You want help at school.", "answer": "A teacher you trust."}]},
    {"id": "extra-talk", "title": "Talk in groups", "instructions": "Talk about the question.",
     "prompts": ["Why might it be hard to tell?"],
     "answers": [{"prompt": "Why?", "answer": "They may feel ashamed. It is never their fault."}]},
]


def _folder(tmp_path: Path, **session):
    return lesson_folder(tmp_path, audiences=["ks3"], sessions=[_session(**session)], activities=ACTIVITIES, statistics=[],
                         teacher_notes={"safeguarding_brief": "Tell the DSL before the lesson.",
                                        "disclosure_protocol": ["Listen and stay calm.", "Tell the DSL straight away."]})


def _findings(folder: Path, rule: str):
    try:
        _, findings = load_checked([folder])
    except ContentErrors as problem:
        findings = problem.findings
    return [f for f in findings if f.rule == rule]


# --- validate -------------------------------------------------------------------------------------

def test_a_session_that_adds_up_validates(tmp_path):
    project, findings = load_checked([_folder(tmp_path)])
    assert [f.render() for f in findings if f.rule.startswith("session")] == []


def test_a_session_whose_timings_do_not_add_up_is_an_error_at_its_minutes(tmp_path):
    folder = _folder(tmp_path, minutes=45)
    found = _findings(folder, "session-timing")
    assert len(found) == 1 and found[0].severity == "error"
    assert "lasts 45 minutes but its plan for ks3 adds up to 40" in found[0].message
    text = (folder / "deck-test.yaml").read_text(encoding="utf-8").splitlines()
    assert text[found[0].line - 1].strip() == "minutes: 45"


def test_a_quiz_before_the_outcomes_is_an_error(tmp_path):
    session = _session()
    plan = session["plan"]
    plan.insert(1, plan.pop(3))  # the starter straight after the content warning
    found = _findings(_folder(tmp_path, plan=plan), "session-order")
    assert [f.severity for f in found] == ["error", "error"]
    assert "ground rules before any quiz" in found[0].message and "learning outcomes" in found[1].message


def test_unknown_parts_and_questions_are_named_with_a_suggestion(tmp_path):
    plan = _session()["plan"]
    plan[4] = {"part": "long-lst", "minutes": 7}
    plan[3] = {"part": "starter", "minutes": 3, "questions": ["true-or-fals"]}
    found = _findings(_folder(tmp_path, plan=plan), "unknown-reference")
    assert {f.message for f in found} == {"unknown part 'long-lst'", "unknown question 'true-or-fals'"}
    assert {f.hint for f in found} == {"did you mean 'long-list'?", "did you mean 'true-or-false'?"}


def test_a_session_with_more_slides_than_minutes_is_flagged(tmp_path):
    plan = [dict(step, minutes=1) if step["part"] != "extra-talk" else step for step in _session()["plan"]]
    plan[0]["minutes"] = 2  # sessions last at least 10 minutes
    found = _findings(_folder(tmp_path, plan=plan, minutes=10), "session-slides")
    assert len(found) == 1 and found[0].severity == "warning"
    assert re.search(r"has \d+ slides for ks3 in 10 minutes", found[0].message)
    assert "at most 10 (one slide per minute)" in found[0].hint


def test_a_lesson_without_sessions_is_one_session_and_still_validates(tmp_path):
    _, findings = load_checked([lesson_folder(tmp_path)])
    assert [f for f in findings if f.severity == "error"] == []


# --- the deck of a session ------------------------------------------------------------------------

def test_a_session_deck_follows_its_plan_with_the_extra_slides_after_the_closing_slide(tmp_path):
    lesson = adapted_lesson(_folder(tmp_path), "ks3")
    prs, warnings, _ = make_deck(lesson)  # one session: the lesson's single deck
    titles = [title_of(s) for s in prs.slides]
    assert warnings == []
    assert titles[:4] == ["Deck test lesson", "Before we start", "Learning outcomes", "Our ground rules"]
    assert titles.index("Remember") < titles.index(EXTRA) < titles.index("Talk in groups")
    assert titles.index("Which help fits?") + 1 == titles.index("Answers: Which help fits?")
    plan = notes_of(prs.slides[0])
    assert "Length: 40 minutes." in plan and "1. Content warning: 1 min" in plan
    assert "Talk in groups: 6 min" in plan and "--include extra-talk" in plan
    talk = notes_of(prs.slides[titles.index("Talk in groups")])
    assert "They may feel ashamed." in talk  # the prepared answer, for the teacher only
    assert "ashamed" not in body_of(prs.slides[titles.index("Talk in groups")])


def test_a_matching_task_mixes_its_answers_and_gives_the_key(tmp_path):
    lesson = adapted_lesson(_folder(tmp_path), "ks3")
    prs, _, _ = make_deck(lesson)
    slide = next(s for s in prs.slides if title_of(s) == "Which help fits?")
    lines = body_of(slide).splitlines()
    answers = [l for l in lines if re.match(r"^[A-C]\. ", l)]
    assert len(answers) == 3 and [a[3:] for a in answers] != ["Call 999.", "Childline.", "A teacher you trust."]
    key = re.search(r"Answers: (1-[A-C], 2-[A-C], 3-[A-C])", notes_of(slide)).group(1)
    for pair in key.split(", "):
        number, letter = pair.split("-")
        item = ["Call 999.", "Childline.", "A teacher you trust."][int(number) - 1]
        assert f"{letter}. {item}" in answers


def test_include_and_exclude_move_optional_parts_and_the_plan_says_so(tmp_path):
    lesson = adapted_lesson(_folder(tmp_path), "ks3")
    from toolkit.adapt import adapt
    from toolkit.load import load_project

    project, _ = load_project([_folder(tmp_path)])
    model = project.lessons[0].model
    picked = adapt(model, project.audiences["ks3"], project.routes, include=["extra-talk"])
    prs, _, _ = make_deck(picked)
    titles = [title_of(s) for s in prs.slides]
    assert EXTRA not in titles and titles.index("Talk in groups") < titles.index("Remember")
    assert "the plan takes 46 minutes: shorten another part" in notes_of(prs.slides[0])
    assert lesson.sessions[0].planned_minutes == 40 and picked.sessions[0].planned_minutes == 46


# --- the shipped lesson ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def session_decks(tmp_path_factory):
    out = tmp_path_factory.mktemp("sessions")
    result = build(BuildRequest(lessons=["online-blackmail"], formats=["slides"], output=out))
    return {entry.path: Presentation(str(out / entry.path)) for entry in result.files}


def test_ks3_has_three_session_decks_and_ks4_and_post16_two(session_decks):
    names = sorted(Path(p).name for p in session_decks)
    assert names == sorted(
        [f"online-blackmail-ks3-session-{n}.pptx" for n in (1, 2, 3)]
        + [f"online-blackmail-{a}-session-{n}.pptx" for a in ("ks4", "post16") for n in (1, 2)])


def _plan_minutes(notes: str):
    length = int(re.search(r"Length: (\d+) minutes\.", notes).group(1))
    plan = notes.split("Plan:\n", 1)[1].split("\n\n", 1)[0]
    return length, [int(m) for m in re.findall(r": (\d+) min", plan)]


def test_every_session_deck_fits_its_time_and_puts_outcomes_and_rules_before_any_quiz(session_decks):
    for path, prs in session_decks.items():
        slides = list(prs.slides)
        titles = [title_of(s) for s in slides]
        main = titles[:titles.index(EXTRA)] if EXTRA in titles else titles
        length, minutes = _plan_minutes(notes_of(slides[0]))
        assert length == 50 and sum(minutes) == length, (path, minutes)
        assert len(main) <= length * SLIDES_PER_MINUTE, (path, len(main))
        assert "Learning outcomes" in titles[:3], path
        first_quiz = next(i for i, t in enumerate(titles) if QUIZ_TITLE.match(t))
        assert titles.index("Learning outcomes") < first_quiz and titles.index("Our ground rules") < first_quiz, path
        assert titles[1] == "Before we start", path
        assert re.search(r", session \d of [23]\)$", prs.core_properties.title), path  # each file says which
        starter = {t for t in main if t.startswith("Starter quiz: question")}
        exit_check = {t for t in main if t.startswith("Exit check: question")}
        assert 3 <= len(starter) <= 4 and 3 <= len(exit_check) <= 5, (path, starter, exit_check)
        assert "Childline" in body_of(slides[main.index("Remember")]), path


def test_every_activity_the_issue_asks_for_is_taught_to_every_secondary_audience(session_decks):
    wanted = ["How sure do you feel?", "How sure do you feel now?", "Which help for which situation?",
              "Practise: what could you say or do?", "If someone shares a picture of a classmate",
              "Look back: what do you know now?", "What do we already know?"]
    for audience in ("ks3", "ks4", "post16"):
        taught = []
        for path, prs in session_decks.items():
            if f"/{audience}/" in path:
                titles = [title_of(s) for s in prs.slides]
                taught += titles[:titles.index(EXTRA)] if EXTRA in titles else titles
        assert [w for w in wanted if w not in taught] == [], audience
    ks3 = [title_of(s) for p, prs in session_decks.items() if "/ks3/" in p for s in prs.slides]
    assert "Talk in groups: why it can be hard to tell" in ks3


def test_the_post16_sessions_keep_the_dating_app_story_and_turning_18(session_decks):
    titles = [title_of(s) for p, prs in session_decks.items() if "/post16/" in p for s in prs.slides]
    assert "Story: Alex and the dating app" in titles and "Turning 18: what changes" in titles


def test_quiz_exports_and_the_live_quiz_keep_the_whole_bank():
    import yaml

    from toolkit.adapt import adapt
    from toolkit.live.content import live_questions
    from toolkit.render import RenderContext
    from toolkit.render.gift import gift_text

    project, _ = load_checked([LESSONS])
    lesson = next(l.model for l in project.lessons if l.model.id == "online-blackmail")
    raw = yaml.safe_load((LESSONS / "online-blackmail.yaml").read_text(encoding="utf-8"))["quiz"]
    bank = [q["id"] for q in raw["starter"] + raw["exit"]]
    for audience in ("ks3", "ks4", "post16"):
        adapted = adapt(lesson, project.audiences[audience], project.routes)
        asked = {q.id for s in adapted.sessions for step in s.steps for q in step.questions}
        assert asked < set(bank)  # sessions ask a few; the bank is bigger
        assert [q.question.id for q in live_questions(adapted)] == bank
        gift = gift_text(adapted, RenderContext())
        assert all(q.question.split(":")[0][:30] in gift for q in adapted.quiz)
        assert len(adapted.quiz) == len(bank)


def test_an_unknown_part_to_include_is_a_usage_error(tmp_path):
    with pytest.raises(UsageProblem, match="Did you mean 'copied-account'"):
        build(BuildRequest(lessons=["online-blackmail"], formats=["slides"], include=["copied-acount"],
                           output=tmp_path / "out"))


def test_a_school_profile_picks_optional_parts_and_the_build_overrides_it(tmp_path):
    from test_slides_support import school_profile

    folder = _folder(tmp_path)
    profile = school_profile(tmp_path, lesson_choices={"deck-test": {"include": ["extra-talk"]}})
    titles = [title_of(s) for s in make_deck(adapted_lesson(folder, "ks3", profile))[0].slides]
    assert EXTRA not in titles and "Talk in groups" in titles
    result = build(BuildRequest(lesson_paths=[folder], formats=["slides"], school=profile, exclude=["extra-talk"],
                                output=tmp_path / "out"))
    prs = Presentation(str(tmp_path / "out" / result.files[0].path))
    titles = [title_of(s) for s in prs.slides]
    assert titles.index(EXTRA) < titles.index("Talk in groups")


def test_a_school_profile_choice_that_is_not_optional_is_a_clear_error(tmp_path):
    from test_slides_support import school_profile

    profile = school_profile(tmp_path, lesson_choices={"deck-test": {"exclude": ["alex"]}})
    with pytest.raises(UsageProblem, match="lesson_choices for deck-test name alex: not an optional part"):
        build(BuildRequest(lesson_paths=[_folder(tmp_path)], formats=["slides"], school=profile, output=tmp_path / "out"))


def test_lessonkit_validate_reports_a_session_that_breaks_its_timing(tmp_path):
    from click.testing import CliRunner

    from toolkit.cli import main

    folder = _folder(tmp_path, minutes=45)
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code != 0
    assert "session 'first' lasts 45 minutes but its plan for ks3 adds up to 40" in result.output
    assert "deck-test.yaml:" in result.output
