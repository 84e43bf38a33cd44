"""Every HTML twin of the handouts and quiz papers, opened in Chromium: zero axe-core WCAG 2.1 AA
violations, and nothing wider than a 375-pixel phone screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.build import BuildRequest, build

from kit import LESSONS, missing, require_node_module, require_tool

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
SCHOOL = LESSONS / "schools" / "example-wales.yaml"


def twins(output: Path):
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    return [output / e["path"] for e in manifest["files"]
            if e["format"] in ("handout", "quiz-paper") and e["path"].endswith(".html")]


@pytest.fixture(scope="module")
def browser():
    chromium = require_tool("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the Python package 'playwright' is not installed")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def violations(page, path: Path, axe: Path):
    page.goto(path.as_uri())
    page.add_script_tag(path=str(axe))
    return page.evaluate(
        """async (tags) => {
             const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
             return result.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.html)}));
           }""",
        WCAG_TAGS,
    )


def check_all(browser, paths):
    axe = require_node_module("axe-core") / "axe.min.js"
    desktop = browser.new_page(viewport={"width": 1280, "height": 900})
    phone = browser.new_page(viewport={"width": 375, "height": 740})
    try:
        for path in paths:
            assert violations(desktop, path, axe) == [], path.name
            phone.goto(path.as_uri())
            assert phone.evaluate("document.documentElement.scrollWidth") <= 375, path.name
    finally:
        desktop.close()
        phone.close()


def test_every_html_twin_in_the_national_pack_passes_axe(browser, national_pack):
    paths = twins(national_pack)
    assert len(paths) >= 34  # seven per pupil audience, three each for staff and parents
    check_all(browser, paths)


def test_html_twins_in_a_school_colour_pass_axe(browser, tmp_path):
    build(BuildRequest(lesson_paths=[LESSONS], output=tmp_path, school=SCHOOL, formats=["handout"],
                       audiences=["ks3", "staff", "parents"]))
    paths = twins(tmp_path)
    assert len(paths) >= 7
    check_all(browser, paths)
