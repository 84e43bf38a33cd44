"""The content rules: each one catches a bad example with the exact message a teacher reads,
and the shipped lessons pass with no errors."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path
from typing import List

import pytest
import yaml

from toolkit.checks import content
from toolkit.checks.wording import blaming_phrases, is_drama_number, unknown_phone_numbers
from toolkit.errors import Finding
from toolkit.load import load_project

ROOT = Path(__file__).resolve().parents[2]
LESSONS = ROOT / "lessons"
TODAY = dt.date(2026, 12, 5)

# A small, clean lesson; each test changes one thing and expects exactly one kind of finding.
BASE = """\
id: test-lesson
title: Staying safe online
version: "1.0"
last_reviewed: 2026-11-01
reviewed_by: Test reviewer
audiences: [ks3]
duration_minutes: 20
summary: A short test lesson.
learning_outcomes: ["I can name someone who can help."]
key_messages: ["It's never your fault."]
support_routes: [childline]
teacher_notes:
  safeguarding_brief: Tell the safeguarding lead before the lesson.
  disclosure_protocol: ["Listen, and tell the safeguarding lead at once."]
quiz:
  exit:
    - id: who-helps
      type: single
      question: Who can you talk to?
      teaching_point: There is always someone to talk to.
      options:
        - {text: A trusted adult, correct: true, feedback: "Yes. A trusted adult can help."}
        - {text: Nobody, feedback: "There is always someone. Childline is free."}
"""


def base() -> dict:
    return yaml.safe_load(BASE)


def project_from(tmp_path: Path, lesson, routes_edit=None):
    """Load one lesson (a dict or YAML text) beside copies of the shipped catalogues."""
    folder = tmp_path / "lessons"
    folder.mkdir(exist_ok=True)
    shutil.copy(LESSONS / "audiences.yaml", folder)
    routes = yaml.safe_load((LESSONS / "support-routes.yaml").read_text(encoding="utf-8"))
    if routes_edit:
        routes_edit({r["id"]: r for r in routes["routes"]})
    (folder / "support-routes.yaml").write_text(yaml.safe_dump(routes, sort_keys=False), encoding="utf-8")
    text = lesson if isinstance(lesson, str) else yaml.safe_dump(lesson, sort_keys=False, allow_unicode=True)
    (folder / "test-lesson.yaml").write_text(text, encoding="utf-8")
    project, problems = load_project([folder])
    assert not problems, [p.render() for p in problems]
    return project


def findings(tmp_path: Path, lesson, rule: str = "", routes_edit=None, today=TODAY) -> List[Finding]:
    found = content.check(project_from(tmp_path, lesson, routes_edit), today=today)
    return [f for f in found if not rule or f.rule == rule]


def messages(found: List[Finding]) -> List[str]:
    return [f.message for f in found]


def test_the_base_lesson_is_clean(tmp_path):
    assert findings(tmp_path, base()) == []


# --- The shipped content -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def shipped_findings():
    project, problems = load_project([LESSONS])
    assert not problems, [p.render() for p in problems]
    return project, content.check(project, today=TODAY)


def test_shipped_lessons_have_no_content_errors(shipped_findings):
    _, found = shipped_findings
    assert [f.render() for f in found if f.severity == "error"] == []


def test_shipped_lessons_have_few_warnings(shipped_findings):
    _, found = shipped_findings
    assert len([f for f in found if f.severity == "warning"]) <= 5


def test_shipped_lessons_pass_every_check():
    from toolkit.checks import run_checks

    project, _ = load_project([LESSONS])
    assert [f.render() for f in run_checks(project) if f.severity == "error"] == []


def test_shipped_lessons_cover_every_audience(shipped_findings):
    project, _ = shipped_findings
    served = {a for lesson in project.lessons for a in lesson.model.audiences}
    assert served == set(project.audiences)


def test_shipped_pupil_quizzes_have_six_questions_each(shipped_findings):
    project, _ = shipped_findings
    for loaded in project.lessons:
        lesson = loaded.model
        if any(project.audiences[a].is_pupils for a in lesson.audiences):
            assert len(lesson.quiz.starter) >= 6, lesson.id
            assert len(lesson.quiz.exit) >= 6, lesson.id


def test_shipped_ks2_lesson_has_no_sexual_words(shipped_findings):
    """Nothing the class sees (teacher notes aside) mentions sex, nudes or abuse."""
    from toolkit.checks.readability import NOT_READ_BY_AUDIENCE
    from toolkit.checks.wording import texts

    project, _ = shipped_findings
    ks2 = project.lesson("online-safety-ks2")
    words = ("sex", "nude", "naked", "blackmail", "abuse", "extortion", "suicide", "self-harm")
    skip = lambda model, name: name in NOT_READ_BY_AUDIENCE  # noqa: E731
    for loc, text in texts(ks2, audience=project.audiences["ks2"], skip=skip):
        assert not any(word in text.lower() for word in words), (loc, text)
    for route_id in ks2.support_routes:
        route = project.routes[route_id]
        assert not any(word in (route.purpose + route.for_whom).lower() for word in words), route_id


def test_shipped_adult_only_routes_are_for_adults_only(shipped_findings):
    project, _ = shipped_findings
    adult_only = {r.id: r for r in project.routes.values() if r.adult_only}
    assert set(adult_only) == {"revenge-porn-helpline", "stopncii", "report-fraud", "police-scotland-fraud"}
    for route in adult_only.values():
        assert set(route.audiences) <= {"staff", "parents"}


# --- Adult-only routes ---------------------------------------------------------------------------

def test_adult_only_route_listed_for_pupils_is_an_error(tmp_path):
    lesson = base()
    lesson["audiences"] = ["ks3", "ks4"]
    lesson["support_routes"] = ["childline", "revenge-porn-helpline"]

    def unlimit(routes):
        del routes["revenge-porn-helpline"]["audiences"]

    found = findings(tmp_path, lesson, "adult-only-route", routes_edit=unlimit)
    assert messages(found) == [
        "'revenge-porn-helpline' is for adults only (18+) but this lesson is for ks3, ks4, who are under 18"
    ]
    assert found[0].severity == "error"
    assert "adult-only services are for staff and parents" in found[0].hint


def test_adult_only_route_in_a_lesson_with_pupils_is_an_error_even_when_limited_to_adults(tmp_path):
    # It would only be left out of the pupils' materials silently: a lesson for pupils never lists it.
    lesson = base()
    lesson["audiences"] = ["ks3", "staff"]
    lesson["support_routes"] = ["childline", "revenge-porn-helpline"]
    assert messages(findings(tmp_path, lesson, "adult-only-route")) == [
        "'revenge-porn-helpline' is for adults only (18+) but this lesson is for ks3, who are under 18"
    ]


def test_adult_only_route_may_be_listed_in_a_lesson_for_adults(tmp_path):
    lesson = base()
    lesson["audiences"] = ["staff", "parents"]
    lesson["support_routes"] = ["childline", "revenge-porn-helpline"]
    assert findings(tmp_path, lesson, "adult-only-route") == []


def test_adult_only_route_for_a_pupil_audience_is_a_catalogue_error(tmp_path):
    def widen(routes):
        routes["stopncii"]["audiences"] = ["staff", "ks4"]

    found = findings(tmp_path, base(), "adult-only-route", routes_edit=widen)
    assert messages(found) == [
        "adult-only route 'stopncii' (min_age 18) is shown to 'ks4', an audience under 18 (ages 14-16)"
    ]
    assert found[0].path.endswith("support-routes.yaml")


# --- Signposting ---------------------------------------------------------------------------------

def test_pupils_with_no_usable_route_is_an_error(tmp_path):
    text = BASE.replace("support_routes: [childline]", "support_routes: [nspcc-helpline]")  # adults only
    found = findings(tmp_path, text, "signposting")
    assert messages(found) == ["'ks3' would see no support routes"]
    assert found[0].severity == "error"
    assert (found[0].line, found[0].column) == (text.splitlines().index("support_routes: [nspcc-helpline]") + 1, 1)


def test_pupils_without_childline_is_an_error(tmp_path):
    lesson = base()
    lesson["audiences"] = ["ks4"]
    lesson["support_routes"] = ["samaritans"]
    found = findings(tmp_path, lesson, "signposting")
    assert messages(found) == ["Childline is not among the support routes 'ks4' sees"]
    assert found[0].hint == "add 'childline' to support_routes: every pupil under 19 should be pointed to it"


def test_childline_is_not_required_for_adults(tmp_path):
    lesson = base()
    lesson["audiences"] = ["staff"]
    lesson["support_routes"] = ["nspcc-helpline"]
    assert findings(tmp_path, lesson, "signposting") == []


# --- Quizzes -------------------------------------------------------------------------------------

def quiz_lesson(question: dict) -> dict:
    lesson = base()
    lesson["quiz"]["exit"].append(question)
    return lesson


def option(text: str, correct: bool = False, feedback: str = "") -> dict:
    return {"text": text, "correct": correct, "feedback": feedback or f"Because of {text}."}


def test_single_choice_needs_exactly_one_correct_option(tmp_path):
    question = {"id": "two-right", "type": "single", "question": "Which?", "teaching_point": "Only one.",
                "options": [option("A", True), option("B", True), option("C")]}
    found = findings(tmp_path, quiz_lesson(question), "quiz")
    assert messages(found) == ["single question 'two-right' has 2 correct options; it needs exactly 1"]


def test_true_false_needs_two_options_and_one_correct(tmp_path):
    question = {"id": "tf", "type": "true-false", "question": "Is it?", "teaching_point": "No.",
                "options": [option("True"), option("False"), option("Maybe")]}
    found = findings(tmp_path, quiz_lesson(question), "quiz")
    assert messages(found) == [
        "true-false question 'tf' has 0 correct options; it needs exactly 1",
        "true-false question 'tf' has 3 options; it needs exactly 2",
    ]


def test_multiple_choice_needs_a_correct_option(tmp_path):
    question = {"id": "none-right", "type": "multiple", "question": "Which?", "teaching_point": "Some.",
                "options": [option("A"), option("B")]}
    found = findings(tmp_path, quiz_lesson(question), "quiz")
    assert messages(found) == ["multiple question 'none-right' has no correct option"]


def test_ordering_needs_three_options_and_no_correct_flags(tmp_path):
    question = {"id": "order", "type": "ordering", "question": "Put in order.", "teaching_point": "Order.",
                "options": [option("First", True), option("Second")]}
    found = findings(tmp_path, quiz_lesson(question), "quiz")
    assert messages(found) == [
        "ordering question 'order' has 2 options; it needs at least 3",
        "ordering question 'order' marks options correct",
    ]


def test_feedback_that_repeats_the_question_is_an_error(tmp_path):
    question = {"id": "lazy", "type": "single", "question": "Who can help?", "teaching_point": "Adults.",
                "options": [option("A teacher", True, "Who can help?"), option("Nobody", False, "Nobody")]}
    found = findings(tmp_path, quiz_lesson(question), "quiz")
    assert messages(found) == [
        "the feedback for option 1 of 'lazy' repeats the question or the option",
        "the feedback for option 2 of 'lazy' repeats the question or the option",
    ]


def test_quiz_finding_points_at_the_feedback_line(tmp_path):
    text = BASE.replace('feedback: "There is always someone. Childline is free."', "feedback: Nobody")
    found = findings(tmp_path, text, "quiz")
    assert messages(found) == ["the feedback for option 2 of 'who-helps' repeats the question or the option"]
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "feedback: Nobody" in l)
    assert (found[0].line, found[0].column) == (line, text.splitlines()[line - 1].index("Nobody}") + 1)


# --- Victim-blaming wording ----------------------------------------------------------------------

def test_blaming_wording_in_a_key_message_is_an_error(tmp_path):
    lesson = base()
    lesson["key_messages"] = ["If you sent it, that's your own fault."]
    found = findings(tmp_path, lesson, "blame")
    assert messages(found) == ['victim-blaming or shaming wording: "your own fault"']
    assert found[0].severity == "error"
    assert "quotation: true" in found[0].hint


def test_blaming_wording_in_quiz_feedback_is_found_with_smart_quotes(tmp_path):
    lesson = base()
    lesson["quiz"]["exit"][0]["options"][1]["feedback"] = "Why did you send it? You shouldn\u2019t have replied."
    found = findings(tmp_path, lesson, "blame")
    assert messages(found) == [
        "victim-blaming or shaming wording: \"You shouldn't have\"",
        'victim-blaming or shaming wording: "Why did you send"',
    ]


def test_blaming_wording_in_an_audience_override_is_found(tmp_path):
    lesson = base()
    lesson["learning_outcomes"] = [{"default": "I can name someone who can help.", "ks3": "I won't be stupid online."}]
    found = findings(tmp_path, lesson, "blame")
    assert messages(found) == ['victim-blaming or shaming wording: "stupid"']


def test_never_your_fault_is_not_blaming(tmp_path):
    lesson = base()
    lesson["key_messages"] = ["It's never your fault.", "It is not your fault.", "None of this is your fault.",
                              "Nobody deserves this."]
    assert findings(tmp_path, lesson, "blame") == []


def test_a_quoted_myth_is_skipped_only_when_marked(tmp_path):
    lesson = base()
    lesson["misconceptions"] = [
        {"myth": "It's your fault for sending it.", "quotation": True, "response": "It is never your fault."},
        {"myth": "It's your fault for replying.", "response": "It is never your fault."},
    ]
    found = findings(tmp_path, lesson, "blame")
    assert messages(found) == ['victim-blaming or shaming wording: "your fault"']
    myth_line = next(i for i, l in enumerate(Path(tmp_path / "lessons" / "test-lesson.yaml").read_text().splitlines(), 1)
                     if "for replying" in l)
    assert found[0].line == myth_line


def test_language_to_avoid_is_skipped(tmp_path):
    lesson = base()
    lesson["teacher_notes"]["language_to_avoid"] = ["Why did you send it?", "naive", "gullible"]
    assert findings(tmp_path, lesson, "blame") == []


@pytest.mark.parametrize("text, phrase", [
    ("They were asking for it.", "asking for it"),
    ("He should have known better.", "should have known better"),
    ("Don't be so gullible.", "gullible"),
    ("That was na\u00efve.", "na\u00efve"),
    ("It was her fault.", "her fault"),
    ("You brought this on yourself.", "brought this on yourself"),
    ("What were you thinking?", "What were you thinking"),
    ("Honestly, you deserved it.", "deserved it"),
    ("That was a stupid thing to send.", "stupid"),
])
def test_blaming_phrases(text, phrase):
    assert [p for p, _ in blaming_phrases(text)] == [phrase]


@pytest.mark.parametrize("text", [
    "It's never your fault.", "It isn't your fault.", "It wasn't their fault at all.",
    "Nobody is to blame except the blackmailer.", "There are no stupid questions.",
    "You shouldn't have to cope alone.", "You deserve this support.", "Nobody deserves this.",
])
def test_kind_wording_is_not_flagged(text):
    assert blaming_phrases(text) == []


# --- Sources and dates ---------------------------------------------------------------------------

def statistic(last_verified: str) -> dict:
    return {"id": "a-figure", "claim": "Some figure.", "source_url": "https://example.org/figure",
            "last_verified": last_verified}


def test_old_statistic_is_a_warning(tmp_path):
    lesson = base()
    lesson["statistics"] = [statistic("2025-11-22")]
    found = findings(tmp_path, lesson, "stale")
    assert messages(found) == ["'a-figure' was last verified on 2025-11-22, more than 12 months ago"]
    assert found[0].severity == "warning"
    assert found[0].hint == "check it against https://example.org/figure and update last_verified"


def test_statistic_checked_exactly_a_year_ago_is_fine(tmp_path):
    lesson = base()
    lesson["statistics"] = [statistic("2025-12-05")]
    assert findings(tmp_path, lesson, "stale") == []


def test_statistic_dated_in_the_future_is_a_warning(tmp_path):
    lesson = base()
    lesson["statistics"] = [statistic("2027-01-01")]
    found = findings(tmp_path, lesson, "stale")
    assert messages(found) == ["'a-figure' has last_verified 2027-01-01, which is in the future"]


def test_old_route_is_a_warning_in_the_catalogue(tmp_path):
    def age(routes):
        routes["samaritans"]["last_verified"] = "2024-06-01"

    found = findings(tmp_path, base(), "stale", routes_edit=age)
    assert messages(found) == ["'samaritans' was last verified on 2024-06-01, more than 12 months ago"]
    assert found[0].path.endswith("support-routes.yaml")


def test_today_defaults_to_the_real_date(tmp_path, monkeypatch):
    class FrozenDate(dt.date):
        @classmethod
        def today(cls):
            return dt.date(2030, 1, 1)

    project = project_from(tmp_path, base())
    monkeypatch.setattr(content.dt, "date", FrozenDate)
    found = content.check(project)
    assert "'childline' was last verified on 2026-11-23, more than 12 months ago" in messages(found)


# --- Reading level -------------------------------------------------------------------------------

HARD = ("Consequently, comprehensive institutional safeguarding arrangements necessitate "
        "immediate communication with designated professionals.")


def test_hard_sentence_is_a_warning_that_quotes_it(tmp_path):
    lesson = base()
    lesson["key_messages"] = ["It's never your fault. " + HARD]
    found = findings(tmp_path, lesson, "reading-level")
    assert len(found) == 1
    assert found[0].severity == "warning"
    assert found[0].message.startswith("reading level grade ")
    assert found[0].message.endswith(
        ' is above the target for ks3 (7): "Consequently, comprehensive institutional safeguarding '
        'arrangements..."')  # quoted up to about 80 characters, cut at a word
    assert found[0].hint == "split the sentence and use shorter, everyday words"


def test_one_warning_names_every_audience_a_sentence_is_too_hard_for(tmp_path):
    lesson = base()
    lesson["audiences"] = ["ks3", "ks4"]
    lesson["key_messages"] = [HARD]
    found = findings(tmp_path, lesson, "reading-level")
    assert len(found) == 1
    assert "above the target for ks3 (7), ks4 (9):" in found[0].message


def test_short_sentences_are_not_measured(tmp_path):
    lesson = base()
    lesson["key_messages"] = ["Comprehensive institutional safeguarding arrangements."]
    assert findings(tmp_path, lesson, "reading-level") == []


def test_reading_level_uses_the_audience_override(tmp_path):
    lesson = base()
    lesson["audiences"] = ["ks3", "staff"]
    lesson["key_messages"] = [{"default": HARD, "ks3": "Tell a trusted adult if something online worries you."}]
    assert findings(tmp_path, lesson, "reading-level") == []  # staff text is not measured


def test_reading_level_respects_audience_filters(tmp_path):
    lesson = base()
    lesson["audiences"] = ["ks3", "staff"]
    lesson["sections"] = [{"id": "for-staff", "audiences": ["staff"], "title": "Background", "points": [HARD]}]
    assert findings(tmp_path, lesson, "reading-level") == []


def test_teacher_notes_are_not_measured(tmp_path):
    lesson = base()
    lesson["teacher_notes"]["safeguarding_brief"] = HARD
    assert findings(tmp_path, lesson, "reading-level") == []


# --- Phone numbers -------------------------------------------------------------------------------

def test_unknown_phone_number_is_an_error(tmp_path):
    lesson = base()
    lesson["key_messages"] = ["Call our helpline on 01234 567890."]
    found = findings(tmp_path, lesson, "phone-number")
    assert messages(found) == ["possible real phone number '01234 567890'"]
    assert found[0].severity == "error"


def test_verified_and_drama_numbers_are_allowed(tmp_path):
    lesson = base()
    lesson["key_messages"] = [
        "Childline is 0800 1111, 24 hours.",
        "Victim Support: 08 08 16 89 111.",
        "In the story, Jay's aunt calls 01632 960123 or 020 7946 0999.",
    ]
    assert findings(tmp_path, lesson, "phone-number") == []


def test_a_wrong_childline_number_is_caught():
    assert unknown_phone_numbers("Call 0800 1112 any time", {"08001111"}) == ["0800 1112"]


@pytest.mark.parametrize("number, drama", [
    ("01632 960000", True), ("01632 960999", True), ("020 7946 0123", True), ("+44 20 7946 0123", True),
    ("01632 961000", False), ("020 7946 1123", False), ("0161 496 0000", True), ("07700 900123", True),
    ("0161 497 0000", False), ("07700 901123", False),
])
def test_drama_ranges(number, drama):
    """One rule for lessons and profiles (07700 900123 once passed one and failed the other)."""
    from toolkit.profiles.phones import is_drama

    assert is_drama_number(number) is drama is is_drama(number)


def test_years_and_figures_are_not_phone_numbers():
    text = "Reports rose from 10,731 in 2022 to 26,718 in 2023; 91% were male; 117 a month."
    assert unknown_phone_numbers(text, set()) == []


# --- Every rule at once, in the order a teacher reads them ----------------------------------------

def test_findings_render_with_place_message_and_hint(tmp_path):
    lesson = base()
    lesson["key_messages"] = ["Stupid mistakes happen."]
    (finding,) = findings(tmp_path, lesson, "blame")
    rendered = finding.render().splitlines()
    assert rendered[0].endswith(': error: victim-blaming or shaming wording: "Stupid"')
    assert rendered[0].startswith(str(Path("lessons") / "test-lesson.yaml")) or "test-lesson.yaml:" in rendered[0]
    assert rendered[1].startswith("    hint: say that offenders are skilled at tricking people")


def test_wording_rules_apply_to_every_text(tmp_path):
    text = textwrap.dedent("""\
        scenarios:
          - id: story
            title: A story
            characters:
              - {name: Ash, fictional: true, description: "Ash is 14. Some call him naive."}
            beats:
              - {stage: contact, text: "A message arrives."}
              - {stage: threat, text: "Pay, or call 01234 567890."}
            discussion_questions: ["What happens next?"]
        """)
    found = [f for f in findings(tmp_path, BASE + text) if f.rule != "story-help"]
    assert sorted(messages(found)) == [
        "possible real phone number '01234 567890'",
        'victim-blaming or shaming wording: "naive"',
    ]


def test_adult_only_route_in_a_lesson_only_for_pupils_is_an_error_not_left_out(tmp_path):
    lesson = base()  # for ks3 only; the shipped route is limited to staff and parents
    lesson["support_routes"] = ["childline", "stopncii"]
    found = findings(tmp_path, lesson, "adult-only-route")
    assert messages(found) == ["'stopncii' is for adults only (18+) but this lesson is for ks3, who are under 18"]
    assert found[0].severity == "error" and found[0].line is not None


def test_adult_only_route_no_adult_audience_of_the_lesson_may_see_is_an_error(tmp_path):
    lesson = base()
    lesson["audiences"] = ["parents"]  # Report Fraud is limited to staff
    lesson["support_routes"] = ["childline", "report-fraud"]
    found = findings(tmp_path, lesson, "adult-only-route")
    assert messages(found) == [
        "'report-fraud' is for adults only (18+), so nobody this lesson is for (parents) would see it: it would be left out without a word"
    ]
    assert found[0].severity == "error" and found[0].line is not None
