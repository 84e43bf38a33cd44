"""`lessonkit school check` shows every contact exactly as each audience will see it."""

from profile_helpers import MINIMAL, SCHOOLS, run

NI_KS3 = """\
Key Stage 3 (Years 8 to 10) [ks3], in: tiny
  At school
    Mrs Aoife Byrne: Designated Teacher for Child Protection
      Where: Pastoral care office, B block, or ask your form teacher
      Phone: 01632 960410 | Email: safeguarding@loughcarran.example.org
    Mr Conor Kelly: Deputy Designated Teacher for Child Protection
      Where: Pastoral care office, B block
      Phone: 01632 960411
  Local services
    Police Service of Northern Ireland (PSNI): Local police: call 999 in an emergency, 101 otherwise
  National services
    Childline: Free, confidential help for children and young people about anything.
      Phone: 0800 1111 | https://www.childline.org.uk/
      Children and young people up to 19
  Not shown here: Victim Support (England and Wales only)
"""


def _block(output: str, heading: str) -> str:
    start = output.index(heading)
    end = output.find("\n\n", start)
    return output[start:] if end == -1 else output[start:end + 1]


def test_pupils_see_school_local_and_national_contacts_for_their_nation():
    result = run("school", "check", SCHOOLS / "example-northern-ireland.yaml", "--lessons", MINIMAL)
    assert result.exit_code == 0, result.output
    assert "Contacts as each audience at Lough Carran College (example) in Northern Ireland will see them:" in result.output
    assert _block(result.output, "Key Stage 3 (Years 8 to 10) [ks3]") == NI_KS3


def test_staff_also_see_childrens_services_and_adult_services():
    result = run("school", "check", SCHOOLS / "example-northern-ireland.yaml", "--lessons", MINIMAL)
    staff = _block(result.output, "All staff [staff], in: tiny")
    assert "Lough Carran HSC Trust Gateway Team (example): The HSC Trust Gateway team: referrals and advice\n      about a child" in staff
    assert "Out of hours: 01632 960451" in staff
    assert "Not shown here: Victim Support (England and Wales only)" in staff
    # The built-in staff briefing lists the adult-only services, each saying it is for adults.
    result = run("school", "check", SCHOOLS / "example-northern-ireland.yaml")
    staff = _block(result.output, "All staff [staff], in: staff-briefing")
    assert "Revenge Porn Helpline (adults 18+ only): Advice for adults" in staff
    assert "Report Fraud (adults 18+ only)" in staff
    assert "Police Scotland (101) for fraud (Scotland only)" in staff  # not shown in Northern Ireland


def test_english_pupils_see_victim_support_and_local_routes():
    result = run("school", "check", SCHOOLS / "example-england.yaml", "--lessons", MINIMAL)
    ks3 = _block(result.output, "Key Stage 3 (Years 7 to 9) [ks3], in: tiny")
    assert "Victim Support: Support after any crime, reported or not." in ks3
    assert "Hazelbrook Youth Counselling (example): Free, confidential counselling" in ks3
    assert "Children's Services" not in ks3
    assert "Revenge Porn Helpline" not in ks3


def test_without_lessons_every_catalogue_route_is_shown_per_audience(tmp_path):
    result = run("school", "check", SCHOOLS / "example-wales.yaml", "--lessons", tmp_path, "--catalogue", MINIMAL)
    assert result.exit_code == 0, result.output
    assert "(no lessons could be read, so every route in the catalogue is listed" in result.output
    ks2 = _block(result.output, "Years 3 to 6 [ks2], in: every-route")
    assert "Mr Rhys Morgan: Designated Safeguarding Person" in ks2
    assert "Not shown here: Revenge Porn Helpline (adults only)" in ks2
    assert "Parents and carers [parents]" in result.output


def test_no_contacts_only_checks():
    result = run("school", "check", SCHOOLS, "--no-contacts")
    assert result.exit_code == 0
    assert result.output == "4 school profiles checked: no errors.\n"
