"""`lessonkit school check`: every rule, each with a bad input, and the examples passing."""

import datetime as dt

import pytest
from PIL import Image

from profile_helpers import EXAMPLES, MINIMAL, SCHOOLS, line_of, messages, run
from profile_helpers import profile_copy  # noqa: F401 (a fixture)
from toolkit.load import display_path
from toolkit.profiles.checks import check_profile

TODAY = dt.date(2026, 11, 23)


def errors(path, today=TODAY):
    return [f for f in check_profile(path, today).findings if f.severity == "error"]


def warnings(path, today=TODAY):
    return [f for f in check_profile(path, today).findings if f.severity == "warning"]


@pytest.mark.parametrize("school", EXAMPLES)
def test_each_example_profile_passes(school):
    result = run("school", "check", SCHOOLS / f"{school}.yaml", "--no-contacts")
    assert result.exit_code == 0, result.output
    assert "1 school profile checked: no errors" in result.output
    assert not check_profile(SCHOOLS / f"{school}.yaml", TODAY).findings


def test_a_phone_number_of_12345_fails_naming_the_field(profile_copy):
    path = profile_copy("example-england", {'phone: "020 7946 0124"': 'phone: "12345"'})
    result = run("school", "check", path)
    assert result.exit_code == 1
    line = line_of(path, '"12345"')
    assert (f"{display_path(path)}:{line}:12: error: safeguarding_contacts[2].phone: '12345' is not a UK phone number"
            in result.output)
    assert "1 error found" in result.output
    assert "Contacts as each audience" not in result.output


@pytest.mark.parametrize("field, old, new, message", [
    ("local_police.phone", 'name: "Metropolitan Police"', 'name: "Metropolitan Police"\n  phone: "0800 11"',
     "local_police.phone: '0800 11' is not a UK phone number"),
    ("childrens_services.out_of_hours_phone", '"020 7946 0501"', '"call reception"',
     "childrens_services.out_of_hours_phone: 'call reception' is not a phone number"),
    ("extra_routes.phone", '"020 7946 0777"', '"+1 202 555 0100"',
     "extra_routes[1].phone: '+1 202 555 0100' is not a UK phone number"),
])
def test_invalid_numbers_anywhere_are_errors(profile_copy, field, old, new, message):
    found = messages(errors(profile_copy("example-england", {old: new})))
    assert message in found


def test_short_codes_and_relay_numbers_are_fine_in_a_real_profile(profile_copy):
    path = profile_copy("example-scotland", {
        "fictional: true": "fictional: false",
        'name: "Police Scotland"': 'name: "Police Scotland"\n  phone: "101"\n  out_of_hours_phone: "18001 101"',
    })
    phone_problems = [f for f in errors(path) if "police" in f.message]
    assert phone_problems == []


def test_no_safeguarding_lead_is_an_error(profile_copy):
    path = profile_copy("example-wales")
    text = path.read_text(encoding="utf-8")
    start, end = text.index("safeguarding_contacts:"), text.index("# Wales has several forces")
    path.write_text(text[:start] + "safeguarding_contacts: []\n\n" + text[end:], encoding="utf-8")
    found = errors(path)
    assert [f.message for f in found] == ["the profile names no safeguarding lead (safeguarding_contacts is empty or missing)"]
    assert found[0].line == line_of(path, "safeguarding_contacts: []")


def test_only_deputies_means_no_lead(profile_copy):
    path = profile_copy("example-wales", {'    where_to_find:\n      en: "Ystafell 4': '    deputy: true\n    where_to_find:\n      en: "Ystafell 4'})
    assert "the profile names no safeguarding lead: every contact is marked deputy: true" in messages(errors(path))


def test_a_lead_without_where_to_find_is_named(profile_copy):
    path = profile_copy("example-scotland", {
        '    where_to_find: "Pupil Support base, first floor, or ask at the school office"\n': ""})
    assert "missing required key 'where_to_find' in safeguarding_contacts[1]" in messages(errors(path))


def test_unknown_nation(profile_copy):
    path = profile_copy("example-northern-ireland", {"nation: northern-ireland": "nation: Northern Ireland"})
    found = errors(path)
    assert [(f.message, f.hint) for f in found] == [
        ("'Northern Ireland' is not allowed for nation", "did you mean 'northern-ireland'?")]
    assert found[0].line == line_of(path, "nation: Northern Ireland")
    path = profile_copy("example-england", {"nation: england": "nation: france"})
    assert messages(errors(path)) == ["'france' is not allowed for nation"]


@pytest.mark.parametrize("primary, shade", [("#FFCC00", "#8F7200"), ("#A7C7E7", "#64778B")])
def test_low_contrast_brand_colour_is_a_warning_naming_the_shade_used(profile_copy, primary, shade):
    path = profile_copy("example-england", {'primary: "#1D4E89"': f'primary: "{primary}"'})
    assert errors(path) == []
    found = [f for f in warnings(path) if f.rule == "contrast"]
    assert len(found) == 1
    assert found[0].message.startswith(f"branding.primary {primary} is too light: white text on it")
    assert "below the 4.5:1 that WCAG AA needs" in found[0].message
    assert found[0].hint.startswith(f"lessonkit will use {shade}, the nearest darker shade")
    assert found[0].line == line_of(path, f'primary: "{primary}"')


def test_a_secondary_colour_no_text_can_sit_on(profile_copy):
    path = profile_copy("example-england", {'secondary: "#F2C14E"': 'secondary: "#7C7C7C"'})
    assert any(m.startswith("branding.secondary #7C7C7C cannot carry readable text") for m in messages(warnings(path)))


def test_a_colour_that_is_not_a_colour(profile_copy):
    path = profile_copy("example-england", {'primary: "#1D4E89"': 'primary: "navy"'})
    assert messages(errors(path)) == ["'navy' is not a colour for branding.primary"]


def _with_logo(profile_copy, make_logo):
    path = profile_copy("example-scotland")
    make_logo(path.parent / "example-scotland-logo.png")
    return errors(path) + warnings(path), path


@pytest.mark.parametrize("make_logo, expected", [
    (lambda p: p.unlink(), "logo 'example-scotland-logo.png' was not found"),
    (lambda p: p.write_text("not a picture"), "logo 'example-scotland-logo.png' cannot be read as an image (UnidentifiedImageError)"),
    (lambda p: p.write_bytes(p.read_bytes()[:300]), "logo 'example-scotland-logo.png' cannot be read as an image (OSError)"),
    (lambda p: Image.new("RGB", (200, 200), "navy").save(p, format="GIF"),
     "logo 'example-scotland-logo.png' is a GIF image; only PNG and JPEG work in every output"),
    (lambda p: Image.new("RGB", (5000, 200), "navy").save(p, format="PNG"),
     "logo 'example-scotland-logo.png' is 5000 x 200 pixels; the limit is 4000 pixels a side"),
    (lambda p: Image.new("RGB", (20, 20), "navy").save(p, format="PNG"), "logo 'example-scotland-logo.png' is only 20 x 20 pixels"),
    (lambda p: p.write_bytes(b"\x89PNG" + bytes(2_100_000)), "logo 'example-scotland-logo.png' is 2.1 MB; the limit is 2 MB"),
])
def test_unreadable_or_unsuitable_logo_is_an_error(profile_copy, make_logo, expected):
    found, path = _with_logo(profile_copy, make_logo)
    assert [(f.severity, f.message) for f in found] == [("error", expected)]
    assert found[0].line == line_of(path, "logo: example-scotland-logo.png")


def test_a_jpeg_logo_with_a_png_name_is_judged_by_its_content(profile_copy):
    found, _ = _with_logo(profile_copy, lambda p: Image.new("RGB", (300, 200), "navy").save(p, format="JPEG"))
    assert found == []


def test_a_small_logo_is_a_warning(profile_copy):
    found, _ = _with_logo(profile_copy, lambda p: Image.new("RGB", (64, 64), "navy").save(p, format="PNG"))
    assert [(f.severity, f.message) for f in found] == [
        ("warning", "logo 'example-scotland-logo.png' is 64 x 64 pixels and will look blurred on a classroom screen")]


def test_malformed_addresses_are_errors(profile_copy):
    path = profile_copy("example-england", {
        '"dsl@hazelbrook.example.org"': '"dsl at hazelbrook.example.org"',
        'website: "https://hazelbrook.example.org/"': 'website: "hazelbrook"',
    })
    assert set(messages(errors(path))) == {
        "'dsl at hazelbrook.example.org' is not an email address (safeguarding_contacts[1].email)",
        "'hazelbrook' is not a web address (website)",
    }


def test_a_web_address_without_a_domain_is_an_error_and_http_a_warning(profile_copy):
    path = profile_copy("example-england", {
        'website: "https://hazelbrook.example.org/"': 'website: "https://hazelbrook/"',
        '"https://hazelbrook-council.example.org/childrens-services"': '"http://hazelbrook-council.example.org/"',
    })
    assert "website: 'https://hazelbrook/' has no full domain name" in messages(errors(path))
    assert ("childrens_services.url: 'http://hazelbrook-council.example.org/' is not a secure (https://) address"
            in messages(warnings(path)))


def test_a_fictional_profile_never_reaches_a_real_person(profile_copy):
    path = profile_copy("example-england", {'"020 7946 0123"': '"0800 1111"', '"dsl@hazelbrook.example.org"': '"dsl@nhs.uk"'})
    assert set(messages(errors(path))) == {
        "safeguarding_contacts[1].phone: '0800 1111' could reach a real person, but this profile is fictional",
        "safeguarding_contacts[1].email: 'dsl@nhs.uk' could reach a real inbox, but this profile is fictional",
    }


def test_a_real_profile_must_not_point_at_nobody(profile_copy):
    path = profile_copy("example-wales", {"fictional: true": "fictional: false"})
    found = messages(errors(path))
    assert "safeguarding_contacts[1].phone: '01632 960210' is in a range Ofcom keeps for TV drama: nobody answers it" in found
    assert "safeguarding_contacts[1].email: 'dsp@ysgolcwmderw.example.org' is an example address that reaches nobody" in found


def test_stale_missing_and_future_verification_dates_are_warnings(profile_copy):
    path = profile_copy("example-scotland", {
        "    phone: \"01632 960310\"\n    email: \"safeguarding@glenmorven.example.org\"\n    last_verified: 2026-11-20\n":
            "    phone: \"01632 960310\"\n    email: \"safeguarding@glenmorven.example.org\"\n    last_verified: 2025-06-01\n",
        "  phone: \"01632 960350\"\n  out_of_hours_phone: \"01632 960351\"\n  last_verified: 2026-11-20\n":
            "  phone: \"01632 960350\"\n  out_of_hours_phone: \"01632 960351\"\n",
        "name: \"Police Scotland\"\n  last_verified: 2026-11-20": "name: \"Police Scotland\"\n  last_verified: 2027-01-01",
    })
    assert errors(path) == []
    assert messages(warnings(path)) == [
        "safeguarding_contacts[1] (Ms Fiona MacLeod) was last verified on 2025-06-01, more than 12 months ago",
        "local_police (Police Scotland) has last_verified 2027-01-01, which is in the future",
        "childrens_services (Glenmorven Council Social Work, Children and Families (example)) has no last_verified date",
    ]
    result = run("school", "check", path, "--lessons", MINIMAL)
    assert result.exit_code == 0
    assert "warning: childrens_services (Glenmorven Council Social Work, Children and Families (example)) has no last_verified date" in result.output
    assert run("school", "check", path, "--strict", "--no-contacts").exit_code == 1


def test_police_force_of_another_nation_is_a_warning(profile_copy):
    path = profile_copy("example-scotland", {'name: "Police Scotland"': 'name: "Metropolitan Police"'})
    assert messages(warnings(path)) == [
        "local_police is 'Metropolitan Police', but Police Scotland is the police force for all of Scotland"]
    path = profile_copy("example-england", {'name: "Metropolitan Police"': 'name: "Police Scotland"'})
    assert messages(warnings(path)) == ["local_police 'Police Scotland' does not serve England, the nation this profile gives"]


def test_a_local_route_for_another_nation_is_a_warning(profile_copy):
    path = profile_copy("example-england", {"nations: [england]": "nations: [scotland]"})
    assert messages(warnings(path)) == [
        "extra_routes[1] 'hazelbrook-youth-counselling' does not cover England, so no pupil at this school will ever see it"]


def test_every_problem_in_every_profile_is_reported_at_once(profile_copy, tmp_path):
    folder = tmp_path / "trust"
    profile_copy("example-england", {'"020 7946 0123"': '"12345"', 'primary: "#1D4E89"': 'primary: "#FFFF00"'}, folder)
    profile_copy("example-wales", {"nation: wales": "nation: cymru"}, folder)
    result = run("school", "check", folder)
    assert result.exit_code == 1
    assert "safeguarding_contacts[1].phone: '12345' is not a UK phone number" in result.output
    assert "branding.primary #FFFF00 is too light" in result.output
    assert "'cymru' is not allowed for nation" in result.output
    assert "2 errors and " in result.output  # the colour is a warning: builds use an accessible shade


def test_a_missing_profile_is_a_usage_error(tmp_path):
    result = run("school", "check", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert "no such school profile" in result.output
