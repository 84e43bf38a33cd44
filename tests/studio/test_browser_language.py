"""The studio's Cymraeg/English switch in Debian's chromium: by mouse and by keyboard, remembered from
page to page, each page declaring its language, axe-core (WCAG 2.1 AA) clean in Welsh."""

from __future__ import annotations

import pytest

from kit import require_node_module
from live.test_browser import browser  # noqa: F401  (the same chromium, launched the same way)

from .test_browser import Shots, running, shots_folder  # noqa: F401  (a real studio on 127.0.0.1)

pytestmark = pytest.mark.browser


def test_the_lead_switches_the_studio_to_cymraeg_and_back(browser, running, tmp_path):
    page = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True).new_page()
    page.set_default_timeout(20_000)
    shots = Shots(page, shots_folder(tmp_path), "lang-", require_node_module("axe-core") / "axe.min.js")
    page.goto(running.guard.start_url())
    page.wait_for_url("**/")
    assert page.get_attribute("html", "lang") == "en-GB"

    page.click("nav.languages a[lang='cy']")
    page.wait_for_function("() => document.documentElement.lang === 'cy'")
    page.wait_for_load_state("load")  # the whole page, before axe-core runs on it
    assert page.url.endswith("/")
    assert "Proffil yr ysgol" in page.inner_text("header")
    assert page.get_attribute("nav.languages a[lang='cy']", "aria-current") == "true"
    shots.step("home-cy")

    page.click("nav a[href='/profile']")  # remembered on the next page
    page.wait_for_url("**/profile")
    page.wait_for_load_state("load")
    assert page.get_attribute("html", "lang") == "cy"
    assert page.title().startswith("Proffil yr ysgol")
    shots.step("profile-cy")

    # By keyboard: Tab on to "English" and press Enter; back on the same page, in English.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('lang')") == "en-GB":
            break
    else:
        raise AssertionError("Tab never reaches the English link")
    assert page.evaluate("document.activeElement.textContent") == "English"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.documentElement.lang === 'en-GB'")
    assert page.url.endswith("/profile")
    assert page.title().startswith("School profile")
