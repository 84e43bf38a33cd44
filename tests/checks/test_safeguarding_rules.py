"""Content rules from the safeguarding review: adult-only services named in text, and stories that
show the young person's help reaching the school's safeguarding lead and, for 11+, CEOP or the police."""

from __future__ import annotations

from test_content import base, findings, messages

STORY = {
    "id": "jo", "title": "Jo and the new follower",
    "characters": [{"name": "Jo", "fictional": True, "description": "Jo is 13."}],
    "beats": [
        {"stage": "contact", "text": "A new account follows Jo."},
        {"stage": "threat", "text": "It says it will share a picture unless Jo pays."},
        {"stage": "help", "text": "Jo tells her mum."},
    ],
    "discussion_questions": ["What could Jo do next?"],
}


def _with_story(help_text: str, audiences=("ks3",)) -> dict:
    lesson = base()
    lesson["audiences"] = list(audiences)
    story = {**STORY, "beats": STORY["beats"][:-1] + [{"stage": "help", "text": help_text}]}
    lesson["scenarios"] = [story]
    return lesson


def test_a_story_whose_help_stops_at_a_parent_is_an_error(tmp_path):
    found = findings(tmp_path, _with_story("Jo tells her mum."), "story-help")
    assert messages(found) == [
        "in story 'jo' (ks3), help does not reach the school's safeguarding lead",
        "in story 'jo' (ks3), nobody reports it to CEOP or the police",
    ]
    assert all(f.severity == "error" for f in found)


def test_a_story_that_reaches_the_safeguarding_lead_and_ceop_is_clean(tmp_path):
    text = "Jo tells her mum. They tell the school's safeguarding lead, who helps Jo report it to CEOP."
    assert findings(tmp_path, _with_story(text), "story-help") == []


def test_young_pupils_need_the_safeguarding_lead_in_their_own_words_but_not_ceop(tmp_path):
    lesson = _with_story("Jo tells her teacher, who tells the grown-up at school who keeps children safe.",
                         audiences=("ks2",))
    assert findings(tmp_path, lesson, "story-help") == []
    lesson = _with_story("Jo tells her teacher.", audiences=("ks2",))
    assert messages(findings(tmp_path, lesson, "story-help")) == [
        "in story 'jo' (ks2), help does not reach the school's safeguarding lead"]


def test_a_pressured_story_without_a_help_beat_is_an_error(tmp_path):
    lesson = base()
    lesson["scenarios"] = [{**STORY, "beats": STORY["beats"][:-1]}]
    assert messages(findings(tmp_path, lesson, "story-help")) == ["story 'jo' ends without anyone getting help"]


def test_a_story_without_pressure_needs_no_report(tmp_path):
    lesson = base()
    lesson["scenarios"] = [{**STORY, "beats": [{"stage": "contact", "text": "A video scares Jo."},
                                               {"stage": "help", "text": "Jo tells her mum."}]}]
    assert findings(tmp_path, lesson, "story-help") == []


def test_an_adult_only_service_named_in_pupils_text_is_an_error(tmp_path):
    lesson = base()
    lesson["key_messages"] = ["It's never your fault. The Revenge Porn Helpline can help."]
    found = findings(tmp_path, lesson, "adult-only-route")
    assert messages(found) == ["'Revenge Porn Helpline' is a service for adults only (18+), named in text pupils see"]


def test_teacher_notes_of_a_pupil_lesson_may_name_adult_services(tmp_path):
    lesson = base()
    lesson["teacher_notes"]["safeguarding_brief"] = (
        "Tell the safeguarding lead. StopNCII is for adults 18+ only, so it is not shown to this class.")
    assert findings(tmp_path, lesson, "adult-only-route") == []


def test_an_adult_only_service_for_staff_must_say_it_is_for_adults(tmp_path):
    lesson = base()
    lesson["audiences"] = ["staff"]
    lesson["key_messages"] = ["Students can use StopNCII.org.", "Report Fraud (adults 18+ only) takes fraud reports."]
    found = findings(tmp_path, lesson, "adult-only-route")
    assert messages(found) == ["'StopNCII.org' is named without saying it is for adults only"]
    assert "(adults 18+ only)" in found[0].hint
