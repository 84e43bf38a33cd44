"""The studio in Cymraeg or English: a switch in every page's header, remembered in a cookie, the
page's `lang` following it, and every page's words from the catalogue in that language. And the
profile form with text a profile writes per language ({en: ..., cy: ...}): kept, and said so."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Set

import pytest
from babel.messages.pofile import read_po

from toolkit.profiles.checks import check_profile
from toolkit.studio.app import LANGUAGE_COOKIE
from toolkit.wording import catalogues

from .conftest import PROFILE, save_profile

PAGES = ("/", "/profile", "/build", "/pack", "/signoff", "/quiz")


@lru_cache(maxsize=None)
def studio_english() -> Set[str]:
    """Every message of the studio's templates whose Welsh differs, without its placeholders' parts."""
    with (catalogues.LOCALE / "cy" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    found = set()
    for message in catalog:
        if not message.id or not isinstance(message.id, str) or not message.string or message.string == message.id:
            continue
        if any("studio/templates" in path for path, _line in message.locations):
            found.update(part.strip() for part in re.split(r"%\(\w+\)s", message.id) if len(part.strip()) >= 20)
    return found


def text_of(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def switch_to(client, code: str, back: str = "/"):
    answer = client.get("/language", params={"to": code, "next": back})
    assert answer.status_code == 303
    assert answer.headers["location"] == back
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"{LANGUAGE_COOKIE}={code};") and "HttpOnly" in cookie and "Max-Age" in cookie
    return answer


def test_pages_start_in_english_with_a_switch_to_cymraeg(client):
    page = client.get("/profile").text
    assert '<html lang="en-GB">' in page
    switch = re.search(r'<nav class="languages" aria-label="([^"]+)">(.*?)</nav>', page, re.S)
    assert switch and switch.group(1) == "Language of the studio"
    links = re.findall(r'<a href="([^"]+)" lang="([^"]+)" hreflang="[^"]+"( aria-current="true")?>([^<]+)</a>', switch.group(2))
    assert [(lang, bool(current), name) for _href, lang, current, name in links] == [
        ("en-GB", True, "English"), ("cy", False, "Cymraeg")]
    assert html.unescape(links[1][0]) == "/language?to=cy&next=%2Fprofile"


def test_the_choice_is_remembered_and_every_page_is_in_welsh(client, studio):
    assert save_profile(client, studio, nation="wales").status_code == 303
    switch_to(client, "cy", "/build")
    english = studio_english()
    assert len(english) > 50
    for path in PAGES:
        page = client.get(path)
        assert page.status_code == 200, path
        assert '<html lang="cy">' in page.text, path
        said = text_of(page.text)
        assert [e for e in english if e in said] == [], path
    home = text_of(client.get("/").text)
    assert "1. Proffil yr ysgol" in home and "Iaith y stiwdio" not in home  # the nav's label is an attribute
    assert 'aria-label="Iaith y stiwdio"' in client.get("/").text
    switch_to(client, "en", "/")
    assert '<html lang="en-GB">' in client.get("/").text and "1. School profile" in client.get("/").text


def test_checks_as_the_lead_types_answer_in_the_chosen_language(client, studio):
    switch_to(client, "cy")
    answer = client.post("/profile/check", data=dict(PROFILE, lead_phone="01632 96012", csrf=studio.guard.csrf))
    assert answer.status_code == 200
    said = " ".join(answer.json()["fields"].values())
    assert "Gwall" in said or "gwall" in said, said


@pytest.mark.parametrize("back", ["//elsewhere.example/", "https://elsewhere.example/", "/profile\r\nX: y", "javascript:alert(1)"])
def test_the_switch_only_goes_back_to_a_page_of_the_studio(client, back):
    answer = client.get("/language", params={"to": "cy", "next": back})
    assert answer.status_code == 303 and answer.headers["location"] == "/"


def test_an_unknown_language_is_refused_and_a_strange_cookie_is_english(client):
    assert client.get("/language", params={"to": "fr", "next": "/"}).status_code == 404
    client.cookies.set(LANGUAGE_COOKIE, "fr")
    assert '<html lang="en-GB">' in client.get("/").text




def test_the_form_keeps_text_written_per_language_and_says_so(client, studio, workspace):
    assert save_profile(client, studio, nation="wales").status_code == 303
    path = next((workspace / "schools").glob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'    role: "[^"]*"', '    role: {en: "Designated Safeguarding Person", cy: "Person Diogelu Dynodedig"}', text, count=1)
    text = re.sub(r'    where_to_find: "[^"]*"', '    where_to_find: {en: "Room B12", cy: "Ystafell B12"}', text, count=1)
    text = re.sub(r'  name: "Example Children\'s Services"', '  name: {en: "Example Children\'s Services", '
                  'cy: "Gwasanaethau Plant Enghreifftiol"}', text, count=1)
    path.write_text(text, encoding="utf-8")

    page = client.get("/profile").text
    assert 'id="f-lead_where" name="lead_where" type="text" value="Room B12"' in page
    assert re.search(r'<div class="hint in-languages" id="langs-lead_where">.*?This box changes the English only.*?'
                     r'Cymraeg: <span lang="cy">“Ystafell B12”</span>', page, re.S)
    assert 'aria-describedby="hint-lead_where langs-lead_where msg-lead_where"' in page

    answer = save_profile(client, studio, nation="wales", lead_where="Room C4",
                          lead_role="Designated Safeguarding Person")
    assert answer.status_code == 303, answer.text
    lead = check_profile(path).profile.safeguarding_contacts[0]
    assert lead.where_to_find == {"en": "Room C4", "cy": "Ystafell B12"}
    assert lead.role == {"en": "Designated Safeguarding Person", "cy": "Person Diogelu Dynodedig"}
    assert check_profile(path).profile.childrens_services.name == {"en": "Example Children's Services",
                                                                    "cy": "Gwasanaethau Plant Enghreifftiol"}


def test_in_welsh_the_lessons_are_listed_by_their_welsh_titles_and_the_quiz_starts_as_before(client, studio):
    assert save_profile(client, studio, nation="wales").status_code == 303
    switch_to(client, "cy")
    build_page = client.get("/build").text
    assert "Blacmel ar-lein: ei adnabod, ei atal, cael help" in html.unescape(build_page)
    started = client.post("/quiz", data={"quiz": "online-blackmail/ks3", "csrf": studio.guard.csrf})
    assert started.status_code == 303, started.text
    try:
        assert studio.quizzes.current.title == "Online blackmail: spot it, stop it, get help"
    finally:
        client.post("/quiz/stop", data={"csrf": studio.guard.csrf})


def test_a_persons_other_languages_stay_with_that_person_not_their_row(client, studio, workspace):
    """A deputy's Welsh role and place are theirs: typing someone else into the deputy's row (or
    clearing it) must not give the newcomer the first deputy's Welsh."""
    assert save_profile(client, studio, nation="wales").status_code == 303
    path = next((workspace / "schools").glob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    text = text.replace('where_to_find: "The library office"',
                        'where_to_find: {en: "The library office", cy: "Swyddfa\'r llyfrgell"}')
    path.write_text(text, encoding="utf-8")
    assert check_profile(path).profile.safeguarding_contacts[1].where_to_find["cy"] == "Swyddfa'r llyfrgell"

    same = save_profile(client, studio, nation="wales", deputy1_where="The new library office")
    assert same.status_code == 303, same.text
    kept = check_profile(path).profile.safeguarding_contacts[1]
    assert kept.where_to_find == {"en": "The new library office", "cy": "Swyddfa'r llyfrgell"}  # the same person

    other = save_profile(client, studio, nation="wales", deputy1_name="Ms Ana Silva", deputy1_where="Room 2")
    assert other.status_code == 303, other.text
    newcomer = check_profile(path).profile.safeguarding_contacts[1]
    assert newcomer.name == "Ms Ana Silva" and newcomer.where_to_find == "Room 2"


def test_saving_keeps_what_the_form_does_not_show_for_the_police(client, studio, workspace):
    """The form shows the police's name and phone; their web page, email and a note, written in the
    file, survive a save from the studio."""
    assert save_profile(client, studio, police_phone="01632 960999").status_code == 303
    path = next((workspace / "schools").glob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    text = text.replace('  phone: "01632 960999"', '  phone: "01632 960999"\n  url: "https://www.example.org/police"\n'
                        '  email: "police@example.org"\n  notes: "Ask for the schools officer."', 1)
    path.write_text(text, encoding="utf-8")
    police = check_profile(path).profile.local_police
    assert police.url and police.email == "police@example.org", text

    assert save_profile(client, studio, police_phone="01632 960999", lead_where="Room C4").status_code == 303
    police = check_profile(path).profile.local_police
    assert str(police.url).startswith("https://www.example.org/police") and police.email == "police@example.org"
    assert police.notes == "Ask for the schools officer."
