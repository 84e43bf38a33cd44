"""Nation terms in lesson text: nations.yaml fills `{{lead}}`, `{{social_care}}`, `{{ks2}}`... for each
pack, `validate` names an unknown term with its file, line and column, and nations.yaml is checked
like every other catalogue."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from toolkit.build import load_school_checked
from toolkit.cli import main
from toolkit.load import builtin_nations
from toolkit.terms import NATION_TOKENS, fill, term_values

from kit import LESSONS


def _adapted(adapted, lesson, audience, school=None):
    return adapted(lesson, audience, LESSONS / "schools" / f"{school}.yaml" if school else None)


def test_fill_capitalises_at_a_sentence_start_and_leaves_unknown_tokens():
    values = {"lead": "child protection coordinator", "social_care": "the HSC Trust Gateway team"}
    assert fill("Tell the {{lead}}.", values) == "Tell the child protection coordinator."
    assert fill("{{Lead}} first. {{Social_care}} next.", values) == "Child protection coordinator first. The HSC Trust Gateway team next."
    assert fill("{{ lead }} and {{nobody}} and {braces}", values) == "child protection coordinator and {{nobody}} and {braces}"


@pytest.mark.parametrize("school, lead, social_care, ks2", [
    (None, "DSL", "children's services", "Key Stage 2 (ages 7-11)"),
    ("example-england", "DSL", "children's social care", "Key Stage 2 (Years 3 to 6)"),
    ("example-wales", "DSP", "social services", "Years 3 to 6"),
    ("example-scotland", "child protection coordinator", "social work", "P4 to P7"),
    ("example-northern-ireland", "designated teacher", "the HSC Trust Gateway team", "Key Stage 2 (P5 to P7)"),
])
def test_the_staff_briefing_speaks_each_nations_language(adapted, school, lead, social_care, ks2):
    briefing = _adapted(adapted, "staff-briefing", "staff", school)
    points = {s.id: s.points for s in briefing.sections}
    assert f"In school: the {lead} and deputies, through your safeguarding procedures." in points["referral-routes"]
    assert any(p.startswith(social_care[:1].upper() + social_care[1:] + ": through the " + lead) for p in points["referral-routes"])
    assert any(f"the {ks2} lesson covers trust" in p for p in points["teaching-safely"])
    assert briefing.terms["lead"] == lead
    assert "{{" not in repr(briefing)


def test_a_point_with_nothing_for_the_nation_is_left_out(adapted):
    """The law on indecent images is sourced for England and Wales only: Scotland's and Northern
    Ireland's briefings leave the point out rather than guess."""
    def law(school):
        return [p for p in {s.id: s.points for s in _adapted(adapted, "staff-briefing", "staff", school).sections}["referral-routes"]
                if "Protection of Children Act" in p]

    assert law(None) and law("example-england") and law("example-wales")
    assert law("example-scotland") == [] and law("example-northern-ireland") == []
    england = _adapted(adapted, "staff-briefing", "staff", "example-england")
    scotland = _adapted(adapted, "staff-briefing", "staff", "example-scotland")
    assert len({s.id: s.points for s in scotland.sections}["referral-routes"]) == \
        len({s.id: s.points for s in england.sections}["referral-routes"]) - 1


def test_a_school_s_own_title_for_its_lead_is_used_throughout(shipped, tmp_path):
    profile = yaml.safe_load((LESSONS / "schools" / "example-scotland.yaml").read_text(encoding="utf-8"))
    profile["safeguarding_contacts"][0]["role"] = "Head of Pupil Support"
    target = tmp_path / "school.yaml"
    target.write_text(yaml.safe_dump(profile), encoding="utf-8")
    shutil.copy(LESSONS / "schools" / "example-scotland-logo.png", tmp_path)
    school = load_school_checked(target).model
    values = term_values(builtin_nations(), "scotland", shipped.audiences, school)
    assert values["lead"] == values["lead_name"] == values["lead_title"] == "Head of Pupil Support"
    assert values["social_care"] == "social work"


def test_every_nation_fills_every_token():
    nations = builtin_nations()
    assert set(nations) == {"uk", "england", "wales", "scotland", "northern-ireland"}
    for nation in nations:
        values = term_values(nations, None if nation == "uk" else nation, {})
        assert set(NATION_TOKENS) <= set(values)
        assert all(values[t] for t in NATION_TOKENS if t != "law"), nation


def _catalogue_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "lessons"
    folder.mkdir()
    for name in ("audiences.yaml", "support-routes.yaml", "nations.yaml", "staff-briefing.yaml"):
        shutil.copy(LESSONS / name, folder / name)
    return folder


def test_validate_names_an_unknown_term_with_file_line_and_column(tmp_path):
    folder = _catalogue_copy(tmp_path)
    lesson = folder / "staff-briefing.yaml"
    text = lesson.read_text(encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "{{social_care}} through" in l)
    lesson.write_text(text.replace("{{social_care}} through", "{{socal_care}} through"), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 1
    assert f"staff-briefing.yaml:{line}:" in result.output
    assert "unknown term '{{socal_care}}'" in result.output and "did you mean '{{social_care}}'?" in result.output
    assert "Traceback" not in result.output


def test_nations_yaml_is_checked_like_any_catalogue(tmp_path):
    folder = _catalogue_copy(tmp_path)
    nations = folder / "nations.yaml"
    text = nations.read_text(encoding="utf-8")
    nations.write_text(text.replace("money_loss_route: police-scotland-fraud", "money_loss_route: report-fraud"),
                       encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 1
    assert "route 'report-fraud' does not serve Scotland" in result.output
    nations.write_text(text.replace("  - id: wales\n", "  - id: wales-north\n"), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 1 and "nations.yaml:" in result.output and "Traceback" not in result.output


def test_welsh_articles_suit_the_words_a_token_brings():
    """Welsh says "yr" before a vowel or h and "y" before a consonant: set when the token is filled."""
    values = {"lead": "athro dynodedig", "social_care": "Gwasanaethau Cymdeithasol"}
    assert fill("Dywed wrth y {{lead}}.", values, "cy") == "Dywed wrth yr athro dynodedig."
    assert fill("Yr {{social_care}} a/neu'r {{social_care}}", values, "cy") == \
        "Y Gwasanaethau Cymdeithasol a/neu'r Gwasanaethau Cymdeithasol"
    assert fill("tell the {{lead}}", values) == "tell the athro dynodedig"  # English text is left alone
