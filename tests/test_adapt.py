"""Adapting a lesson: overrides, filters by audience and age, routes by age and nation."""

from __future__ import annotations


from toolkit.adapt import adapt
from toolkit.build import load_checked
from toolkit.model import Lesson, SchoolProfile

from kit import FIXTURES

PROJECT, _ = load_checked([FIXTURES / "minimal"])
TINY = PROJECT.lesson("tiny")


def _with(**changes) -> Lesson:
    return Lesson.model_validate(TINY.model_dump() | changes)


def _school(nation="wales") -> SchoolProfile:
    return SchoolProfile.model_validate({
        "id": "example", "name": "Example School", "nation": nation, "fictional": True,
        "safeguarding_contacts": [
            {"name": "Ms A Example", "role": "Designated Safeguarding Person", "where_to_find": "Room 4", "phone": "01632 960001"},
            {"name": "Mr B Example", "role": "Deputy", "where_to_find": "Library", "deputy": True},
        ],
        "local_police": {"name": "Example Police", "phone": "101"},
        "childrens_services": {"name": "Example Children's Services", "phone": "01632 960002"},
    })


def test_items_are_filtered_by_audience_and_minimum_age():
    lesson = _with(keywords=[
        {"term": "everyone", "definition": "shown to all"},
        {"term": "staff-only", "definition": "x", "audiences": ["staff"]},
        {"term": "older", "definition": "x", "min_age": 14},
    ])
    ks3 = adapt(lesson, PROJECT.audiences["ks3"], PROJECT.routes)
    staff = adapt(lesson, PROJECT.audiences["staff"], PROJECT.routes)
    assert [k for k, _ in ks3.keywords] == ["everyone"]
    assert [k for k, _ in staff.keywords] == ["everyone", "staff-only", "older"]


def test_adult_only_routes_never_reach_pupils_even_if_listed_for_them():
    routes = dict(PROJECT.routes)
    routes["revenge-porn-helpline"] = routes["revenge-porn-helpline"].model_copy(update={"audiences": []})
    # validate refuses such a lesson; adapt still never lets the route through if one gets here
    lesson = TINY.model_copy(update={"support_routes": ["childline", "revenge-porn-helpline"]})
    for audience in ("ks2", "ks3", "ks4", "post16"):
        adapted = adapt(lesson, PROJECT.audiences[audience], routes)
        assert not any("Revenge Porn Helpline" in c.name for c in adapted.help_contacts)
    staff = adapt(lesson, PROJECT.audiences["staff"], routes)
    assert "Revenge Porn Helpline (adults 18+ only)" in [c.name for c in staff.help_contacts]


def test_national_pack_notes_routes_limited_to_some_nations():
    adapted = adapt(TINY, PROJECT.audiences["ks3"], PROJECT.routes)
    victim_support = next(c for c in adapted.help_contacts if c.name == "Victim Support")
    assert victim_support.nations_note == "England and Wales only"


def test_a_school_puts_its_contacts_first_and_routes_follow_its_nation():
    scottish = adapt(TINY, PROJECT.audiences["ks3"], PROJECT.routes, _school("scotland"))
    assert [c.name for c in scottish.help_contacts][:3] == ["Ms A Example", "Mr B Example", "Example Police"]
    assert "Victim Support" not in [c.name for c in scottish.help_contacts]
    assert scottish.audience_name == "S1 to S3"


def test_childrens_services_are_for_staff_only():
    pupils = adapt(TINY, PROJECT.audiences["ks3"], PROJECT.routes, _school())
    staff = adapt(TINY, PROJECT.audiences["staff"], PROJECT.routes, _school())
    assert "Example Children's Services" not in [c.name for c in pupils.help_contacts]
    assert "Example Children's Services" in [c.name for c in staff.help_contacts]


def test_without_a_school_pupils_are_still_pointed_to_someone_in_school():
    wales_less = adapt(TINY, PROJECT.audiences["ks3"], PROJECT.routes)
    assert wales_less.school_contacts[0].name == "Your school's designated safeguarding lead"


def test_question_correct_indices():
    adapted = adapt(TINY, PROJECT.audiences["ks3"], PROJECT.routes)
    assert adapted.exit_quiz[0].correct_indices == (0,)


def test_a_route_for_teenagers_is_not_shown_to_younger_pupils():
    routes = dict(PROJECT.routes)
    routes["childline"] = routes["childline"].model_copy(update={"min_age": 13})
    assert "Childline" not in [c.name for c in adapt(TINY, PROJECT.audiences["ks2"], routes).help_contacts]
    assert "Childline" in [c.name for c in adapt(TINY, PROJECT.audiences["ks3"], routes).help_contacts]
