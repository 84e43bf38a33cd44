"""The studio in Debian's chromium: a safeguarding lead's whole job, by mouse and by keyboard alone.

From an empty workspace: the profile (a wrong phone number, fixed after the message), the KS3 pack
built with its progress bar, the zip downloaded, the sign-off, the live quiz started. axe-core
(WCAG 2.1 AA) at each step; every page at 1280 and 390 pixels wide and at 200% text, with
screenshots in $STUDIO_SHOTS (default: the test's own folder).
"""

from __future__ import annotations

import io
import os
import threading
import time
import zipfile
from pathlib import Path

import pytest
import uvicorn

from kit import require_node_module
from live.test_browser import WCAG_AA, browser  # noqa: F401  (the same chromium, launched the same way)
from toolkit.profiles.checks import check_profile
from toolkit.studio.pack_view import can_draw_slides
from toolkit.studio.server import prepare

from .conftest import png

pytestmark = pytest.mark.browser

@pytest.fixture
def running(tmp_path):
    """A real studio on 127.0.0.1 (a free port) over an empty workspace."""
    studio, app, listener = prepare(tmp_path / "our-school")
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield studio
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def logo_file(tmp_path) -> Path:
    path = tmp_path / "crest.png"
    path.write_bytes(png(300, 200))
    return path


class Shots:
    """At each step: axe-core, no sideways scroll at 390px or at 200% text, and a screenshot at both widths."""

    def __init__(self, page, folder: Path, prefix: str, axe: Path):
        self.page, self.folder, self.prefix, self.axe, self.count = page, folder, prefix, axe, 0
        folder.mkdir(parents=True, exist_ok=True)

    def step(self, name: str, full: bool = True) -> None:
        page = self.page
        self.count += 1
        page.add_script_tag(path=str(self.axe))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, iframes: false})", WCAG_AA)
        problems = [f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})" for v in result["violations"]]
        assert not problems, f"axe-core on {name}:\n" + "\n".join(problems)
        stem = f"{self.prefix}{self.count:02d}-{name}"
        page.screenshot(path=str(self.folder / f"{stem}-1280.png"), full_page=full)
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        assert sideways(page) <= 0, f"{name} scrolls sideways at 200% text"
        page.evaluate("document.documentElement.style.fontSize = ''")
        page.set_viewport_size({"width": 390, "height": 844})
        assert sideways(page) <= 0, f"{name} scrolls sideways at 390px"
        page.screenshot(path=str(self.folder / f"{stem}-390.png"), full_page=full)
        page.set_viewport_size({"width": 1280, "height": 900})


def sideways(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def message(page, field: str) -> str:
    return page.locator(f"#msg-{field}").inner_text()


class Mouse:
    """Drives the page the usual way."""

    def __init__(self, page):
        self.page = page

    def fill(self, selector: str, text: str) -> None:
        self.page.fill(selector, text)

    def choose(self, selector: str, label: str) -> None:
        self.page.select_option(selector, label=label)

    def tick(self, selector: str, on: bool = True) -> None:
        self.page.set_checked(selector, on)

    def press(self, selector: str) -> None:
        self.page.click(selector)

    def upload(self, selector: str, path: Path) -> None:
        self.page.set_input_files(selector, str(path))

    def radio(self, selector: str) -> None:
        self.page.check(selector)


class Keyboard:
    """Drives the page by keyboard alone: Tab to each control (never a click), then type, Space or Enter."""

    def __init__(self, page):
        self.page = page

    def reach(self, selector: str) -> None:
        for _ in range(400):
            if self.page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
                outline = self.page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
                assert outline != "none", f"{selector} shows no focus outline"
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reached {selector}")

    def fill(self, selector: str, text: str) -> None:
        self.reach(selector)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        self.page.keyboard.type(text)

    def choose(self, selector: str, label: str) -> None:
        self.reach(selector)
        for _ in range(30):
            if self.page.evaluate("s => document.querySelector(s).selectedOptions[0].text", selector) == label:
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"{label} is not in {selector}")

    def tick(self, selector: str, on: bool = True) -> None:
        self.reach(selector)
        if self.page.is_checked(selector) != on:
            self.page.keyboard.press("Space")

    def press(self, selector: str) -> None:
        self.reach(selector)
        self.page.keyboard.press("Enter")

    def radio(self, selector: str) -> None:
        """Tab into the group (one stop), then arrows to the choice, as radio buttons work."""
        name = self.page.get_attribute(selector, "name")
        self.reach(f"input[name='{name}']")
        for _ in range(30):
            if self.page.is_checked(selector):
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"arrows never reached {selector}")

    def upload(self, selector: str, path: Path) -> None:
        self.reach(selector)
        with self.page.expect_file_chooser() as chooser:
            self.page.keyboard.press("Space")
        chooser.value.set_files(str(path))


def go(driver, link: str) -> None:
    """Follow a link in the steps menu (by keyboard: Tab on to it, round past the end of the page if need be)."""
    driver.press(f"nav a[href='{link}']")
    driver.page.wait_for_url(f"**{link}")


def journey(page, driver, studio, logo: Path, shots: Shots, download_to: Path) -> None:
    page.goto(studio.guard.start_url())
    page.wait_for_url("**/")
    assert "key=" not in page.url, "the secret leaves the address bar"
    if isinstance(driver, Keyboard):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip", "the first Tab reaches 'Skip to the main content'"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
    shots.step("start")

    go(driver, "/profile")
    shots.step("profile-empty")
    driver.choose("#f-nation", "England")
    driver.fill("#f-name", "Hazelbrook Academy (example)")
    driver.tick("#f-fictional")
    driver.fill("#f-lead_name", "Mrs Helen Carter")
    driver.fill("#f-lead_where", "Room B12, or ask at Reception")
    driver.fill("#f-lead_phone", "01632 96012")  # one digit short
    page.wait_for_function("() => document.getElementById('msg-lead_phone').textContent.includes('is not a UK phone number')")
    assert page.get_attribute("#f-lead_phone", "aria-invalid") == "true"
    driver.fill("#f-lead_email", "h.carter@example.org")
    driver.fill("#f-deputy1_name", "Mr Tom Ellis")
    driver.fill("#f-deputy1_where", "The library office")
    driver.fill("#f-police_name", "Example Constabulary")
    driver.fill("#f-services_name", "Example Children's Services")
    driver.fill("#f-services_phone", "01632 960789")
    driver.upload("#f-logo", logo)
    driver.fill("#f-logo_alt", "Hazelbrook Academy crest")
    driver.fill("#f-primary", "#88AACC")
    page.wait_for_function("() => document.getElementById('colour-primary').textContent.includes('Too hard to read')")
    shots.step("profile-typing-with-messages")
    driver.press(".use-shade")
    page.wait_for_function("() => document.getElementById('colour-primary').textContent.includes('Readable')")
    assert page.input_value("#f-primary") == "#617991"
    driver.press("#profile-form button[type=submit]")  # saved with the wrong number: refused, nothing lost
    page.wait_for_selector("#not-saved")
    # Focus moves to the message (the page's script does it once loaded: wait for it, up to the usual timeout).
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'not-saved'")
    assert page.input_value("#f-lead_phone") == "01632 96012" and page.input_value("#f-services_name") == "Example Children's Services"
    assert "is not a UK phone number" in message(page, "lead_phone")
    shots.step("profile-not-saved")
    driver.fill("#f-lead_phone", "01632 960123")
    page.wait_for_function("() => document.getElementById('msg-lead_phone').textContent.trim() === ''")
    assert page.get_attribute("#f-lead_phone", "aria-invalid") is None
    driver.press("#profile-form button[type=submit]")
    page.wait_for_selector("#saved")
    profile = sorted((studio.workspace.schools).glob("*.yaml"))
    assert [p.name for p in profile] == ["hazelbrook-academy-example.yaml"]
    checked = check_profile(profile[0])
    assert not checked.errors and checked.profile.safeguarding_contacts[0].phone == "01632 960123"
    assert checked.profile.branding.primary == "#617991" and checked.profile.logo.endswith("hazelbrook-academy-example-logo.png")
    assert page.locator(".logo-now img").get_attribute("alt") == "Hazelbrook Academy crest"
    shots.step("profile-saved")

    go(driver, "/build")
    shots.step("build")
    for lesson in ("online-safety-ks2", "parents-session", "staff-briefing"):
        driver.tick(f"#lesson-{lesson}", False)
    for audience in ("ks2", "ks4", "post16", "staff", "parents"):
        driver.tick(f"#audience-{audience}", False)
    driver.press("#build-form button[type=submit]")
    page.wait_for_url("**/pack?built=1#built", timeout=120_000)
    assert "Key Stage 3" in page.inner_text("main")
    page.goto(page.url.split("/pack")[0] + f"/build/{list(studio.builds.jobs)[-1]}")  # the build's own page, finished
    assert page.inner_text("#status").startswith("Built: ") and "files" in page.inner_text("#status")
    assert page.get_attribute("#progress", "value") == "100"
    shots.step("build-progress-done")
    page.go_back()
    twin = page.locator("details.twin").first
    if isinstance(driver, Keyboard):
        driver.press("details.twin > summary")
    else:
        twin.locator("summary").click()
    page.frame_locator("details.twin[open] iframe").locator("h1").wait_for()  # the handout, read in the page
    if isinstance(driver, Mouse) and can_draw_slides():  # pictures of the slides (LibreOffice, once per deck)
        page.locator("details.slides summary").first.click()
        page.wait_for_function("() => { const i = document.querySelector('details.slides[open] img');"
                               " return i && i.complete && i.naturalWidth > 0; }", timeout=180_000)
    shots.step("pack")
    with page.expect_download() as download:
        driver.press("#download-zip")
    saved = download_to / download.value.suggested_filename
    download.value.save_as(str(saved))
    names = zipfile.ZipFile(io.BytesIO(saved.read_bytes())).namelist()
    assert saved.name == "hazelbrook-academy-example.zip"
    assert any("/ks3/" in n and n.endswith(".pptx") for n in names) and not any("/ks4/" in n for n in names)

    go(driver, "/signoff")
    shots.step("signoff")
    assert page.input_value("#s-name") == "Mrs Helen Carter"
    driver.tick("#s-lesson-online-blackmail")
    for other in ("online-safety-ks2", "parents-session", "staff-briefing"):
        driver.tick(f"#s-lesson-{other}", False)
    driver.press("#signoff-form button[type=submit]")
    page.wait_for_selector("#saved")
    assert check_profile(profile[0]).profile.sign_off.lessons == {"online-blackmail": "1.1"}
    shots.step("signoff-recorded")
    driver.press("#saved button[type=submit]")  # build again: the pack's notice updates
    page.wait_for_url("**/pack?built=1#built", timeout=120_000)
    assert "Reviewed for Hazelbrook Academy (example) by Mrs Helen Carter" in page.inner_text("main")

    go(driver, "/quiz")
    shots.step("quiz")
    driver.radio("#q-online-blackmail-ks3")
    driver.press("#quiz-form button[type=submit]")
    page.wait_for_url("http://127.0.0.1:*/teacher", timeout=30_000)
    page.wait_for_function("() => document.getElementById('join-code').textContent.length > 0")
    assert studio.quizzes.current is not None and studio.quizzes.current.audience_id == "ks3"
    page.goto(studio.guard.start_url().split("?")[0] + "quiz")
    shots.step("quiz-running")
    studio.quizzes.stop()


def shots_folder(tmp_path: Path) -> Path:
    return Path(os.environ.get("STUDIO_SHOTS") or tmp_path / "shots")


def test_a_safeguarding_lead_does_the_whole_job(browser, running, logo_file, tmp_path):
    page = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True, accept_downloads=True).new_page()
    page.set_default_timeout(20_000)
    axe = require_node_module("axe-core") / "axe.min.js"
    journey(page, Mouse(page), running, logo_file, Shots(page, shots_folder(tmp_path), "", axe), tmp_path)


def test_the_same_job_by_keyboard_alone(browser, running, logo_file, tmp_path):
    page = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True, accept_downloads=True).new_page()
    page.set_default_timeout(20_000)
    axe = require_node_module("axe-core") / "axe.min.js"
    journey(page, Keyboard(page), running, logo_file, Shots(page, tmp_path / "keyboard-shots", "kb-", axe), tmp_path)


def test_the_refusal_page_and_the_pages_load_nothing_from_elsewhere(browser, running, tmp_path):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    problems = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    base = running.guard.start_url().split("?")[0]
    page.goto(base + "profile")
    assert "only opens from the address it printed" in page.inner_text("main")
    folder = shots_folder(tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / "00-refused-1280.png"))
    page.goto(running.guard.start_url())
    for path in ("profile", "build", "pack", "signoff", "quiz"):
        page.goto(base + path)
    assert all(url.startswith(base) for url in requests), [u for u in requests if not u.startswith(base)]
    assert not [p for p in problems if "403" not in p], problems
