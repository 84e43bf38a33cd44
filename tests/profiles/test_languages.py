"""A school's own words in more than one language: `role: {en: ..., cy: ...}`.

One function (toolkit.model.school.text_in) chooses the text for a pack's language; every format is
given the profile with that choice made (profile_in). A missing language falls back to English and
is reported as a warning with file:line:column; an unknown language code is an error."""

import datetime as dt
from pathlib import Path


from profile_helpers import SCHOOLS, line_of, run
from toolkit.adapt import adapt
from toolkit.load import load_project
from toolkit.model.school import profile_in, text_in, texts_in_languages
from toolkit.profiles.checks import check_profile
from toolkit.wording import language

from kit import LESSONS

TODAY = dt.date(2026, 11, 23)
WALES = SCHOOLS / "example-wales.yaml"


def _profile(tmp_path: Path, contact: str, extra: str = "") -> Path:
    path = tmp_path / "school.yaml"
    path.write_text(
        "id: ysgol-prawf\nname: \"Ysgol Prawf\"\nnation: wales\nfictional: true\n" + extra +
        "safeguarding_contacts:\n  - name: \"Mr A Example\"\n" + contact +
        "    last_verified: 2026-11-20\n", encoding="utf-8")
    return path


def test_the_pack_language_chooses_else_english_else_the_first_given():
    both = {"en": "Designated Safeguarding Person", "cy": "Person Diogelu Dynodedig"}
    assert text_in(both, "cy") == ("Person Diogelu Dynodedig", "cy")
    assert text_in(both, "en-GB") == ("Designated Safeguarding Person", "en")
    assert text_in({"en": "Room 4"}, "cy") == ("Room 4", "en")
    assert text_in({"cy": "Ystafell 4"}, "en") == ("Ystafell 4", "cy")
    assert text_in("Room 4", "cy") == ("Room 4", None)


def test_every_field_a_reader_sees_may_be_written_per_language():
    loaded_fields = {loc[-1] for loc, _value in texts_in_languages(check_profile(WALES, TODAY).profile)}
    assert {"role", "where_to_find", "logo_alt", "name"} <= loaded_fields


def test_a_service_name_written_once_is_a_name_and_not_reported(tmp_path):
    path = _profile(tmp_path, "    role: {en: \"Lead\", cy: \"Arweinydd\"}\n    where_to_find: {en: \"Room 1\", cy: \"Ystafell 1\"}\n",
                    extra="languages: [cy]\nlocal_police: {name: \"South Wales Police\", notes: \"Ask for the schools officer\", "
                          "last_verified: 2026-11-20}\n")
    warnings = [f for f in check_profile(path, TODAY).findings if f.rule == "language"]
    assert [w.message.split(" has no")[0] for w in warnings] == ["local_police.notes"]


def test_the_wales_example_is_written_in_welsh_too_and_checks_clean():
    checked = check_profile(WALES, TODAY, languages=["cy"])
    assert not checked.findings, checked.findings
    welsh = profile_in(checked.profile, "cy")
    assert welsh.lead.role == "Person Diogelu Dynodedig"
    assert welsh.lead.where_to_find.startswith("Ystafell 4, ger y brif neuadd")
    assert profile_in(checked.profile, "en-GB").lead.role == "Designated Safeguarding Person"
    assert welsh.childrens_services.name == "Gwasanaethau Cymdeithasol Cyngor Cwm Derw (enghraifft)"
    assert welsh.local_police.name == "South Wales Police"  # the service's own name, the same in both


def test_every_format_gets_the_packs_language_through_adapt():
    project, _findings = load_project([LESSONS])
    school = check_profile(WALES, TODAY).profile
    lesson = project.lesson("online-blackmail")
    with language("cy"):
        adapted = adapt(lesson, project.audiences["ks3"], project.routes, school, nations=project.nations)
    contact = adapted.school_contacts[0]
    assert contact.purpose == "Person Diogelu Dynodedig"
    assert contact.where_to_find == "Ystafell 4, ger y brif neuadd, neu gofynnwch yn y dderbynfa"
    with language("en-GB"):
        adapted = adapt(lesson, project.audiences["ks3"], project.routes, school, nations=project.nations)
    assert adapted.school_contacts[0].purpose == "Designated Safeguarding Person"


def test_an_unknown_language_code_is_an_error_at_its_line_and_column(tmp_path):
    path = _profile(tmp_path, "    role: {en: \"Lead\", fr: \"Responsable\"}\n    where_to_find: \"Room 1\"\n")
    findings = [f for f in check_profile(path, TODAY).findings if f.severity == "error"]
    assert len(findings) == 1, findings
    problem = findings[0]
    assert (problem.line, problem.column) == (line_of(path, "role:"), 11)
    assert "'fr' is not a language" in problem.message and "en (English) or cy" in problem.message
    result = run("school", "check", path, "--no-contacts")
    assert result.exit_code != 0 and f"school.yaml:{problem.line}:11: error" in result.output


def test_an_empty_language_text_is_an_error(tmp_path):
    path = _profile(tmp_path, "    role: {en: \"Lead\", cy: \"  \"}\n    where_to_find: \"Room 1\"\n")
    assert any("'cy' text is empty" in f.message for f in check_profile(path, TODAY).errors)


def test_text_missing_in_a_language_the_school_builds_in_is_a_warning_with_its_place(tmp_path):
    path = _profile(tmp_path, "    role: {en: \"Lead\", cy: \"Arweinydd\"}\n    where_to_find: \"Room 1\"\n",
                    extra="languages: [cy]\n")
    warnings = [f for f in check_profile(path, TODAY).findings if f.rule == "language"]
    assert len(warnings) == 1, warnings
    warning = warnings[0]
    assert warning.severity == "warning"
    assert (warning.line, warning.column) == (line_of(path, "where_to_find"), 20)
    assert "where_to_find has no Welsh (Cymraeg) text" in warning.message and '"Room 1"' in warning.message
    assert 'where_to_find: {en: "Room 1", cy: "..."}' in warning.hint


def test_an_english_only_school_is_not_warned_unless_a_welsh_pack_is_built(tmp_path):
    path = _profile(tmp_path, "    role: \"Lead\"\n    where_to_find: \"Room 1\"\n")
    assert not [f for f in check_profile(path, TODAY).findings if f.rule == "language"]
    asked = [f for f in check_profile(path, TODAY, languages=["cy"]).findings if f.rule == "language"]
    assert [f.line for f in asked] == [line_of(path, "role:"), line_of(path, "where_to_find")]


def test_a_welsh_build_reports_english_school_text_with_its_place(tmp_path):
    path = _profile(tmp_path, "    role: \"Designated Safeguarding Person\"\n    where_to_find: \"Room 1\"\n")
    result = run("build", LESSONS, "--school", path, "--language", "cy", "--lesson", "online-blackmail",
                 "--audience", "ks3", "--format", "slides", "--output", tmp_path / "out", "--no-cache")
    assert result.exit_code == 0, result.output
    assert f"school.yaml:{line_of(path, 'where_to_find')}:20: warning: safeguarding_contacts[1].where_to_find has no " \
           "Welsh (Cymraeg) text" in result.output
