"""`lessonkit school init`: guided prompts, the same answers as options, and never overwriting a file."""

import re
import shlex
import shutil

import pytest
import yaml

from profile_helpers import ROOT, SCHOOLS, run
from toolkit.build import load_school_checked
from toolkit.profiles.checks import check_profile

ENGLAND_OPTIONS = [
    "--no-input", "--nation", "England", "--name", "Hazelbrook Academy",
    "--lead-name", "Mrs Helen Carter", "--lead-where", "Room B12, or ask at Reception",
    "--lead-phone", "01632 960123", "--lead-email", "dsl@hazelbrook.example.org",
    "--deputy-name", "Mr Sam Patel", "--deputy-where", "Pastoral office", "--deputy-phone", "01632 960124",
    "--police-name", "Metropolitan Police",
    "--childrens-services-name", "Hazelbrook Children's Services", "--childrens-services-phone", "01632 960500",
    "--childrens-services-out-of-hours", "01632 960501",
    "--primary", "#1D4E89", "--secondary", "#F2C14E", "--website", "https://hazelbrook.example.org/", "--fictional",
]


def test_options_alone_write_a_profile_that_loads_and_passes(tmp_path):
    target = tmp_path / "hazelbrook.yaml"
    result = run("school", "init", target, *ENGLAND_OPTIONS)
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.output
    profile = load_school_checked(target).model
    assert (profile.id, profile.name, profile.nation, profile.fictional) == ("hazelbrook-academy", "Hazelbrook Academy", "england", True)
    lead, deputy = profile.safeguarding_contacts
    assert (lead.name, lead.role, lead.where_to_find, lead.phone, lead.email, lead.deputy) == (
        "Mrs Helen Carter", "Designated Safeguarding Lead", "Room B12, or ask at Reception", "01632 960123",
        "dsl@hazelbrook.example.org", False)
    assert (deputy.name, deputy.role, deputy.deputy) == ("Mr Sam Patel", "Deputy Designated Safeguarding Lead", True)
    assert profile.local_police.name == "Metropolitan Police"
    assert profile.childrens_services.out_of_hours_phone == "01632 960501"
    assert (profile.branding.primary, profile.branding.secondary) == ("#1D4E89", "#F2C14E")
    assert lead.last_verified is not None
    assert check_profile(target).findings == []
    text = target.read_text(encoding="utf-8")
    assert "# FICTIONAL: an example school" in text
    assert "# Local children's services: shown in staff materials only." in text


def test_guided_prompts_for_a_welsh_school(tmp_path):
    logo = tmp_path / "art" / "logo.png"
    logo.parent.mkdir()
    shutil.copy(SCHOOLS / "example-wales-logo.png", logo)
    target = tmp_path / "profiles" / "ysgol.yaml"
    answers = [
        "Cymru",                       # nation
        "Ysgol Cwm Derw",              # name
        "",                            # id: take the default
        "Mr Rhys Morgan", "",          # lead name; role: take the default (DSP in Wales)
        "Ystafell 4, or ask at Reception", "12345", "01632 960210", "",  # where; a wrong number, re-typed; no email
        "n",                           # another lead?
        "y", "Mrs Siân Hughes", "", "Wellbeing room", "", "",  # a deputy, default role
        "n",                           # another deputy?
        "South Wales Police", "",      # police (no default in Wales), no phone
        "",                            # no children's services
        str(logo), "",                 # logo, default description
        "#FFD166", "#00704A",          # too light for white text: re-typed
        "",                            # no secondary
        "",                            # no website
    ]
    result = run("school", "init", target, "--fictional", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "'12345' is not a UK phone number" in result.output
    assert "white text on #FFD166 has a contrast of 1.4:1" in result.output
    assert "In Wales the default title is 'Designated Safeguarding Person'" in result.output
    profile = load_school_checked(target).model
    assert profile.id == "ysgol-cwm-derw" and profile.nation == "wales"
    assert [(c.name, c.role, c.phone, c.deputy) for c in profile.safeguarding_contacts] == [
        ("Mr Rhys Morgan", "Designated Safeguarding Person", "01632 960210", False),
        ("Mrs Siân Hughes", "Deputy Designated Safeguarding Person", None, True),
    ]
    assert profile.local_police.name == "South Wales Police" and profile.childrens_services is None
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["logo"] == "ysgol-cwm-derw-logo.png"  # copied beside it
    assert "Copied the logo to" in result.output
    assert profile.logo == str((target.parent / "ysgol-cwm-derw-logo.png").resolve())
    assert (target.parent / "ysgol-cwm-derw-logo.png").read_bytes() == logo.read_bytes()
    assert profile.logo_alt == "Ysgol Cwm Derw logo"
    assert check_profile(target).errors == []


@pytest.mark.parametrize("nation, police, role", [
    ("scotland", "Police Scotland", "Child Protection Coordinator"),
    ("northern ireland", "Police Service of Northern Ireland (PSNI)", "Designated Teacher for Child Protection")])
def test_police_default_in_scotland_and_northern_ireland(tmp_path, nation, police, role):
    target = tmp_path / "school.yaml"
    result = run("school", "init", target, "--no-input", "--nation", nation, "--name", "Test School",
                 "--lead-name", "A Lead", "--lead-where", "Room 1", "--lead-phone", "01632 960100", "--fictional")
    assert result.exit_code == 0, result.output
    profile = load_school_checked(target).model
    assert profile.local_police.name == police
    assert profile.safeguarding_contacts[0].role == role


def test_default_path_comes_from_the_school_id(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("school", "init", "--no-input", "--nation", "england", "--name", "St Mary's C of E School",
                 "--lead-name", "A Lead", "--lead-where", "Room 1", "--police-name", "Kent Police")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "schools" / "st-marys-c-of-e-school.yaml").is_file()


def test_never_overwrites_an_existing_file(tmp_path):
    target = tmp_path / "school.yaml"
    target.write_text("# the lead's own careful work\n", encoding="utf-8")
    result = run("school", "init", target, *ENGLAND_OPTIONS)
    assert result.exit_code == 1
    assert "already exists; nothing was changed. Add --force to replace it" in result.output
    assert target.read_text(encoding="utf-8") == "# the lead's own careful work\n"
    interactive = run("school", "init", target, input="england\n")
    assert interactive.exit_code == 1
    assert "Nation" not in interactive.output  # refused before asking anything
    assert run("school", "init", target, *ENGLAND_OPTIONS, "--force").exit_code == 0
    assert load_school_checked(target).model.name == "Hazelbrook Academy"


def test_no_input_lists_every_missing_answer(tmp_path):
    result = run("school", "init", tmp_path / "x.yaml", "--no-input", "--nation", "scotland")
    assert result.exit_code == 2
    assert "missing answers for --no-input: --name, --id, --lead-name, --lead-where" in result.output
    assert not (tmp_path / "x.yaml").exists()


@pytest.mark.parametrize("option, value, message", [
    ("--nation", "Brittany", "--nation: 'Brittany' is not a UK nation"),
    ("--lead-phone", "12345", "--lead-phone: '12345' is not a UK phone number"),
    ("--lead-phone", "0800 1111", "--lead-phone: '0800 1111' could reach a real person"),
    ("--lead-email", "dsl@", "--lead-email: 'dsl@' is not an email address"),
    ("--primary", "#FFCC00", "--primary: white text on #FFCC00 has a contrast of 1.5:1, below 4.5:1: try #8F7200"),
    ("--logo", "missing.png", "--logo: logo 'missing.png' was not found"),
])
def test_bad_options_are_refused_and_nothing_is_written(tmp_path, option, value, message):
    options = list(ENGLAND_OPTIONS)
    if option in options:
        options[options.index(option) + 1] = value
    else:
        options += [option, value]
    result = run("school", "init", tmp_path / "x.yaml", *options)
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "x.yaml").exists()


def test_a_real_school_cannot_use_drama_numbers(tmp_path):
    options = [o for o in ENGLAND_OPTIONS if o != "--fictional"]
    options[options.index("--website") + 1] = "https://www.hazelbrook.sch.uk/"
    result = run("school", "init", tmp_path / "x.yaml", *options)
    assert result.exit_code == 2
    assert "--lead-phone: '01632 960123' is in a range Ofcom keeps for TV drama: nobody answers it" in result.output


def _shell_words(block: str):
    return shlex.split(block.replace("\\\n", " "))


@pytest.mark.parametrize("where", ["docs", "help"])
def test_the_documented_examples_work(tmp_path, monkeypatch, where):
    if where == "docs":
        text = (ROOT / "docs" / "school-profiles.md").read_text(encoding="utf-8")
        block = next(b for b in text.split("```sh\n")[1:] if "--no-input" in b.split("```")[0]).split("```")[0]
    else:
        text = run("school", "init", "--help").output
        block = text[text.index("lessonkit school init schools/"):text.index("\n\nOptions:")]
        block = "\n".join(line.strip() for line in block.splitlines())
    words = _shell_words(block)
    assert words[:3] == ["lessonkit", "school", "init"]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "art").mkdir()
    shutil.copy(SCHOOLS / "example-england-logo.png", tmp_path / "art" / "logo.png")
    result = run(*words[1:])
    assert result.exit_code == 0, result.output
    assert check_profile(tmp_path / "schools" / "hazelbrook.yaml").errors == []


def _interactive(target, first_answer, nation="england", phone="01632 960100", website=""):
    answers = [first_answer, nation, "Test School", "", "A Lead", "", "Room 1", phone, "", "n", "n",
               "", "", "", "", website, "", ""]  # police, children's services, logo, colour: blank; then website
    # (where a police force is the default, it also asks for its phone: the website line answers that)
    if first_answer == "example" and phone != "01632 960100":  # the refused number, then a drama one
        answers.insert(answers.index(phone) + 1, "01632 960100")
    return run("school", "init", target, input="\n".join(answers) + "\n")


@pytest.mark.parametrize("nation", ["england", "wales", "scotland", "northern-ireland"])
def test_prompts_never_show_internal_citations(tmp_path, nation):
    result = _interactive(tmp_path / "x.yaml", "example", nation)
    assert result.exit_code == 0, result.output
    text = result.output + (tmp_path / "x.yaml").read_text(encoding="utf-8")
    assert "facts.md" not in text and not re.search(r"\[S\d+\]|section \d", text)


def test_an_example_school_takes_only_drama_numbers_and_says_how_to_switch(tmp_path):
    result = _interactive(tmp_path / "x.yaml", "example", phone="01603 123456", website="www.testschool.example.org")
    assert result.exit_code == 0, result.output
    assert ("'01603 123456' could reach a real person: an example school uses only Ofcom's drama numbers, "
            "e.g. 01632 960123. If this is a real school, answer 'real' to the first question") in result.output
    profile = load_school_checked(tmp_path / "x.yaml").model
    assert profile.fictional and profile.safeguarding_contacts[0].phone == "01632 960100"
    assert str(profile.website) == "https://www.testschool.example.org/"


def test_a_real_school_refuses_drama_numbers_and_says_how_to_switch(tmp_path):
    result = _interactive(tmp_path / "x.yaml", "real")
    assert result.exit_code != 0
    assert ("'01632 960100' is in a range Ofcom keeps for TV drama: nobody answers it. "
            "If this is an example school, answer 'example' to the first question (or add --fictional).") in result.output


def test_the_first_question_takes_only_real_or_example(tmp_path):
    result = _interactive(tmp_path / "x.yaml", "maybe")
    assert "'maybe' is neither: answer 'real' for your school, or 'example' for a made-up one" in result.output


def test_a_website_without_https_is_accepted(tmp_path):
    options = list(ENGLAND_OPTIONS)
    options[options.index("--website") + 1] = "www.hazelbrook.example.org"
    result = run("school", "init", tmp_path / "x.yaml", *options)
    assert result.exit_code == 0, result.output
    assert str(load_school_checked(tmp_path / "x.yaml").model.website) == "https://www.hazelbrook.example.org/"


def test_a_real_website_in_an_example_profile_says_how_to_switch(tmp_path):
    options = list(ENGLAND_OPTIONS)
    options[options.index("--website") + 1] = "www.hazelbrook.sch.uk"
    result = run("school", "init", tmp_path / "x.yaml", *options)
    assert result.exit_code == 2
    assert ("--website: 'https://www.hazelbrook.sch.uk' could reach someone real: an example school uses example.org "
            "addresses. If this is a real school, answer 'real' to the first question (or leave out --fictional).") in result.output
