"""The four nations: audience names, police defaults, the safeguarding role's name, national routes."""


import pytest

from profile_helpers import MINIMAL, SCHOOLS
from toolkit.adapt import adapt
from toolkit.build import load_checked, load_school_checked
from toolkit.profiles.nations import NATIONS, nation_id, national_routes


@pytest.fixture(scope="module")
def minimal():
    project, _ = load_checked([MINIMAL])
    return project


@pytest.mark.parametrize("typed, expected", [
    ("england", "england"), ("England", "england"), ("WALES", "wales"), ("Cymru", "wales"),
    ("scotland", "scotland"), ("Northern Ireland", "northern-ireland"), ("northern-ireland", "northern-ireland"),
    ("NI", "northern-ireland"), ("France", None), ("englnd", None), ("", None),
])
def test_nation_spellings(typed, expected):
    assert nation_id(typed) == expected


def test_every_nation_is_described():
    assert set(NATIONS) == {"england", "wales", "scotland", "northern-ireland"}


def test_police_defaults_only_where_one_force_serves_the_nation():
    assert NATIONS["scotland"].police == "Police Scotland"
    assert NATIONS["northern-ireland"].police == "Police Service of Northern Ireland (PSNI)"
    assert NATIONS["england"].police is None and NATIONS["wales"].police is None


def test_safeguarding_role_names_follow_the_facts():
    assert NATIONS["wales"].lead_role == "Designated Safeguarding Person"
    assert NATIONS["england"].lead_role == "Designated Safeguarding Lead"
    # facts.md Part 2 section 1: school usage in Scotland [S92][S93]; EA's rule in Northern Ireland [S100].
    assert NATIONS["scotland"].lead_role == "Child Protection Coordinator"
    assert NATIONS["scotland"].deputy_role == "Depute Child Protection Coordinator"
    assert NATIONS["northern-ireland"].lead_role == "Designated Teacher for Child Protection"


@pytest.mark.parametrize("school, ks3_name", [
    ("example-england", "Key Stage 3 (Years 7 to 9)"),
    ("example-wales", "Years 7 to 9"),
    ("example-scotland", "S1 to S3"),
    ("example-northern-ireland", "Key Stage 3 (Years 8 to 10)"),
])
def test_each_school_sees_its_own_nations_year_names(minimal, school, ks3_name):
    profile = load_school_checked(SCHOOLS / f"{school}.yaml").model
    lesson = minimal.lesson("tiny")
    assert adapt(lesson, minimal.audiences["ks3"], minimal.routes, profile).audience_name == ks3_name


@pytest.mark.parametrize("school, sees_victim_support", [
    ("example-england", True), ("example-wales", True),
    ("example-scotland", False), ("example-northern-ireland", False),
])
def test_victim_support_serves_england_and_wales_only(minimal, school, sees_victim_support):
    profile = load_school_checked(SCHOOLS / f"{school}.yaml").model
    names = [c.name for c in adapt(minimal.lesson("tiny"), minimal.audiences["ks3"], minimal.routes, profile).help_contacts]
    assert ("Victim Support" in names) is sees_victim_support
    assert [r.id for r in national_routes(profile.nation, minimal.routes.values())].count("victim-support") == int(sees_victim_support)
