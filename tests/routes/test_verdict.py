"""What each answer means, without a network: sites, phrases, targets and the offline rule."""

from __future__ import annotations

import datetime as dt

import pytest

from toolkit.model import SchoolProfile, SupportRoute
from toolkit.routes.probe import Page, user_agent
from toolkit.routes.targets import FICTIONAL, catalogue_targets, profile_targets
from toolkit.routes.verdict import LOOK, NOTE, OK, contains, judge, offline, plain_text, site

TODAY = dt.date(2026, 12, 5)


def route(**extra) -> SupportRoute:
    fields = dict(id="helpline", name="Helpline", purpose="Help.", kind="talk", for_whom="Anyone.",
                  source_url="https://www.helpline.example.org/about", last_verified="2026-11-23")
    return SupportRoute(**(fields | extra))


@pytest.mark.parametrize("a, b, same", [
    ("https://www.childline.org.uk/", "https://childline.org.uk/about", True),
    ("http://www.childline.org.uk/", "https://www.childline.org.uk/", True),
    ("https://www.actionfraud.police.uk/", "https://www.reportfraud.police.uk/", False),
    ("http://127.0.0.1:8000/", "http://127.0.0.2:8000/", False),
])
def test_a_site_is_its_host_without_www(a, b, same):
    assert (site(a) == site(b)) is same


def test_phrases_match_whatever_the_case_spacing_and_tags():
    page = plain_text("<p>Call <b>0800</b>&nbsp;1111 or\n text SHOUT to 85258</p>")
    assert contains(page, "0800 1111")
    assert contains(page, "Text shout to  85258")
    assert not contains(page, "0800 1112")
    hidden = plain_text('<script>var s = "0800 1111";</script><style>p{}</style><!-- has closed --><p>Hello</p>')
    assert hidden == "hello"


def test_a_route_requests_its_address_and_source_once_each():
    same = catalogue_targets([route(url="https://www.helpline.example.org/about", source_phrases=["0800 1111"])])[0]
    assert [(a.url, a.role, a.phrases) for a in same.addresses] == [
        ("https://www.helpline.example.org/about", "web address and source", ("0800 1111",))]
    both = catalogue_targets([route(url="https://www.helpline.example.org/", source_phrases=["0800 1111"])])[0]
    assert [(a.role, a.phrases) for a in both.addresses] == [("web address", ()), ("source", ("0800 1111",))]


def test_a_fictional_profile_requests_nothing_and_its_dates_are_not_findings():
    profile = SchoolProfile(id="x", name="X", nation="england", fictional=True,
                            safeguarding_contacts=[{"name": "A", "role": "DSL", "where_to_find": "Office"}],
                            local_police={"name": "Police", "url": "https://police.example.org/"})
    targets = profile_targets(profile)
    assert [t.addresses for t in targets] == [(), ()]
    verdict = judge(targets[0], {}, TODAY)
    assert [(line.level, line.text) for line in verdict.lines] == [(NOTE, FICTIONAL)]
    assert not verdict.needs_look


def test_a_page_that_answers_is_fine_and_one_moved_to_another_site_needs_a_look():
    target = catalogue_targets([route()])[0]
    address = target.addresses[0].url
    fine = judge(target, {address: Page(address, 200, address, text="<p>About</p>")}, TODAY)
    assert [line.level for line in fine.lines] == [OK] and not fine.needs_look
    moved = Page(address, 200, "https://www.other.example.org/", ((301, "https://www.other.example.org/"),))
    assert judge(target, {address: moved}, TODAY).needs_look


def test_offline_only_when_no_request_reached_a_server():
    refused = Page("http://a/", error="refused")
    dns = Page("http://b/", error="dns")
    tls = Page("http://c/", error="tls")  # a server answered, if badly: the network works
    assert offline([refused, dns])
    assert not offline([refused, tls])
    assert not offline([refused, Page("http://d/", 404, "http://d/")])
    assert not offline([])


def test_the_user_agent_names_lessonkit_and_its_version():
    from importlib.metadata import version

    assert user_agent().startswith(f"lessonkit/{version('lessonkit')} ")


def test_a_stale_route_needs_a_look():
    stale = judge(catalogue_targets([route(source_url="https://a.example.org/", last_verified="2025-01-01")])[0],
                  {"https://a.example.org/": Page("https://a.example.org/", 200, "https://a.example.org/")}, TODAY)
    assert stale.dated == "last verified 2025-01-01 (1 year 11 months ago)"
    assert (LOOK, "last verified more than 12 months ago: check it against its source") in [
        (line.level, line.text) for line in stale.lines]
