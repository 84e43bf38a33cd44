"""The pages in Debian's chromium: a teacher and three pupils run a whole quiz; axe-core; keyboard; small screens."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kit import missing, require_node_module

from .helpers import base_url, running

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        missing("Debian's chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def open_page(browser, width=1280, height=800, **context):
    page = browser.new_context(viewport={"width": width, "height": height}, **context).new_page()
    page.set_default_timeout(15_000)
    return page


def text(page, selector) -> str:
    return page.locator(selector).inner_text()


def wait_heading(page, heading: str) -> None:
    page.wait_for_function("h => document.getElementById('heading').textContent === h", arg=heading)


def join(page, live) -> None:
    page.goto(base_url(live) + "/")
    code = live.keys.join_code
    page.fill("#code", f"{code[:3]} {code[3:]}")
    page.click("#join-button")
    wait_heading(page, "You are in the quiz")


def teacher_page(browser, live, **context):
    page = open_page(browser, **context)
    page.goto(live.teacher_url)
    page.wait_for_function("() => document.getElementById('join-code').textContent.length > 0")
    return page


def wait_counts(teacher, fragment: str) -> None:
    teacher.wait_for_function("f => document.getElementById('counts').textContent.includes(f)", arg=fragment)


def test_a_teacher_and_three_pupils_run_a_whole_quiz(browser, quiz_lesson):
    with running(quiz_lesson) as live:
        teacher = teacher_page(browser, live)
        assert teacher.url.endswith("/teacher"), "the secret must leave the address bar (the projector shows it)"
        code = live.keys.join_code
        assert text(teacher, "#join-code") == f"{code[:3]} {code[3:]}"
        assert text(teacher, "#join-url") == f"http://127.0.0.1:{live.port}/"
        assert teacher.locator("#qr svg[role=img]").get_attribute("aria-label").startswith("QR code")
        pupils = [open_page(browser, width) for width in (390, 320, 768)]
        for pupil in pupils:
            join(pupil, live)
            assert pupil.locator("textarea, input[type=text]:visible, [contenteditable]").count() == 0
            assert "Childline" in text(pupil, "#help")
        wait_counts(teacher, "Joined: 3 (3 connected now)")

        teacher.click("#next")
        for pupil in pupils:
            wait_heading(pupil, "Starter quiz: question 1 of 2")
        assert text(pupils[0], "#question-text") == "Who can you talk to if something online worries you?"
        assert "Correct" not in text(pupils[0], "main")
        for pupil, option in zip(pupils, (0, 0, 1)):
            pupil.check(f"#option-{option}")
            pupil.wait_for_selector("#saved:has-text('Your answer is saved')")
        pupils[2].check("#option-2")  # changing an answer is allowed until the reveal
        pupils[2].wait_for_function("() => document.getElementById('announce').textContent === 'Answer saved.'")
        wait_counts(teacher, "Answered: 3 of 3")

        pupils[1].reload()  # a pupil loses the page: they rejoin with their place and answer
        wait_heading(pupils[1], "Starter quiz: question 1 of 2")
        pupils[1].wait_for_function("() => document.getElementById('option-0').checked")
        teacher.reload()  # the teacher refreshes: the same question and counts come back
        wait_heading(teacher, "Starter quiz: question 1 of 2")
        wait_counts(teacher, "Joined: 3 (3 connected now). Answered: 3 of 3")

        teacher.click("#reveal")
        wait_heading(teacher, "Starter quiz: the answer to question 1")
        rows = teacher.locator("#chart li").all_inner_texts()
        assert "A trusted adult" in rows[0] and "✓ Correct answer" in rows[0] and "2 of 3 (67%)" in rows[0]
        assert "0 of 3 (0%)" in rows[1] and "1 of 3 (33%)" in rows[2]
        assert "Yes: a trusted adult can help." in rows[0]
        assert text(teacher, "#results-summary") == "3 answered. 2 got it fully right."
        assert text(teacher, "#teaching-point") == "Remember: There is always someone to talk to."
        for pupil, mine in zip(pupils, ("A trusted adult", "A trusted adult", "The person who is threatening you")):
            wait_heading(pupil, "Starter quiz: the answer to question 1")
            answers = pupil.locator("#reveal-body li").all_inner_texts()
            assert "✓ Correct answer" in answers[0] and "Yes: a trusted adult can help." in answers[0]
            assert [a for a in answers if "Your answer" in a][0].startswith("A." if mine == "A trusted adult" else "C.")
            assert "2 of 3" not in text(pupil, "main")  # pupils never see the class's counts

        teacher.click("#next")
        wait_heading(pupils[0], "Starter quiz: question 2 of 2")
        pupils[0].check("#option-1")
        pupils[0].wait_for_selector("#saved:has-text('Your answer is saved')")
        teacher.click("#reveal")
        wait_heading(pupils[0], "Starter quiz: the answer to question 2")
        assert "Finish the starter quiz" == text(teacher, "#next")
        teacher.click("#next")
        for pupil in pupils:
            wait_heading(pupil, "That is the end of the starter quiz")
        wait_heading(teacher, "Starter quiz finished")

        teacher.click("#next")
        wait_heading(pupils[0], "Exit quiz: question 1 of 2")
        for option in (0, 1, 3):
            pupils[0].check(f"#option-{option}")
        pupils[0].wait_for_function("() => document.getElementById('saved').textContent.startsWith('Your answer is saved')")
        teacher.click("#reveal")
        wait_heading(pupils[0], "Exit quiz: the answer to question 1")
        assert pupils[0].locator("#reveal-body li:has-text('Your answer')").count() == 3

        teacher.click("#next")
        wait_heading(pupils[1], "Exit quiz: question 2 of 2")
        shown = pupils[1].locator("#options .order-text").all_inner_texts()
        assert sorted(shown) == sorted(["Stop replying", "Save the evidence", "Report and block", "Tell a trusted adult"])
        assert shown != ["Stop replying", "Save the evidence", "Report and block", "Tell a trusted adult"]
        for position, wanted in enumerate(["Stop replying", "Save the evidence", "Report and block"]):
            while pupils[1].locator("#options .order-text").all_inner_texts()[position] != wanted:
                pupils[1].click(f"#options button[aria-label='Move up: {wanted}']")
        pupils[1].click("#send-order")
        pupils[1].wait_for_selector("#saved:has-text('Your order is saved')")
        teacher.click("#reveal")
        wait_heading(teacher, "Exit quiz: the answer to question 2")
        wait_heading(pupils[1], "Exit quiz: the answer to question 2")
        assert pupils[1].locator("#reveal-body li:has-text('You put this in the right place')").count() == 4
        assert text(teacher, "#next") == "Finish and show who can help"

        teacher.click("#next")
        wait_heading(teacher, "Quiz finished")
        assert "Childline" in text(teacher, "#end-panel") and "0800 1111" in text(teacher, "#end-panel")
        for pupil in pupils:
            wait_heading(pupil, "Thank you")
            help_text = text(pupil, "#help")
            assert "Your school's designated safeguarding lead" in help_text and "0800 1111" in help_text
            assert "Revenge Porn Helpline" not in help_text
            assert "never your fault" in text(pupil, "#end-text")


def run_axe(page, axe: Path, what: str) -> None:
    page.add_script_tag(path=str(axe))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
    problems = [f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})" for v in result["violations"]]
    assert not problems, f"axe-core on {what}:\n" + "\n".join(problems)


def no_sideways_scroll(page, what: str) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{what} scrolls sideways by {overflow}px"


def test_axe_finds_no_problems_at_any_stage(browser, quiz_lesson):
    """bypass_csp only lets the test inject axe-core; the pages themselves are unchanged."""
    axe = require_node_module("axe-core") / "axe.min.js"
    with running(quiz_lesson) as live:
        teacher = teacher_page(browser, live, bypass_csp=True)
        pupils = [open_page(browser, 320, 640, bypass_csp=True) for _ in range(3)]
        pupils[0].goto(base_url(live) + "/")
        run_axe(pupils[0], axe, "the pupil's join page")
        pupils[0].fill("#code", "12")
        pupils[0].click("#join-button")
        pupils[0].wait_for_selector("#code-error:visible")
        run_axe(pupils[0], axe, "the join page showing a problem")
        for pupil in pupils:
            join(pupil, live)
        run_axe(pupils[0], axe, "the pupil's waiting page")
        run_axe(teacher, axe, "the teacher's lobby")

        def stage(name: str, answer) -> None:
            teacher.click("#next")
            pupils[0].wait_for_selector("#question-view:visible")
            answer()
            run_axe(pupils[0], axe, f"the pupil's {name} question")
            no_sideways_scroll(pupils[0], f"the {name} question at 320px")
            run_axe(teacher, axe, f"the teacher's {name} question")
            teacher.click("#reveal")
            pupils[0].wait_for_selector("#reveal-view:visible")
            teacher.wait_for_selector("#results-panel:visible")
            run_axe(pupils[0], axe, f"the pupil's {name} answer")
            no_sideways_scroll(pupils[0], f"the {name} answer at 320px")
            run_axe(teacher, axe, f"the teacher's {name} chart")

        def choose_first() -> None:
            for pupil in pupils:
                pupil.check("#option-0")
                pupil.wait_for_selector("#saved:has-text('Your answer is saved')")

        stage("single-choice", choose_first)
        stage("true-false", choose_first)
        teacher.click("#next")
        pupils[0].wait_for_selector("#wait-view:visible")
        run_axe(pupils[0], axe, "the pupil's break")
        run_axe(teacher, axe, "the teacher's break")
        stage("multiple-choice", choose_first)

        def order() -> None:
            pupils[0].locator("#options button:not([disabled])").first.click()
            for pupil in pupils:
                pupil.click("#send-order")
                pupil.wait_for_selector("#saved:has-text('saved')")

        stage("ordering", order)
        teacher.click("#next")
        pupils[0].wait_for_selector("#end-view:visible")
        run_axe(pupils[0], axe, "the pupil's end screen")
        run_axe(teacher, axe, "the teacher's end screen")
        no_sideways_scroll(pupils[0], "the end screen at 320px")


def test_the_pages_load_nothing_from_anywhere_else_and_break_no_policy(browser, quiz_lesson):
    with running(quiz_lesson) as live:
        seen = []
        context = browser.new_context(viewport={"width": 390, "height": 800})
        context.on("request", lambda request: seen.append(request.url))
        context.add_init_script("window.__violations = [];"
                                "document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));")
        pupil = context.new_page()
        pupil.set_default_timeout(15_000)
        sockets = []
        pupil.on("websocket", lambda socket: sockets.append(socket.url))
        response = pupil.goto(base_url(live) + "/")
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert response.headers["referrer-policy"] == "no-referrer"
        join(pupil, live)
        teacher = teacher_page(browser, live)
        teacher.click("#next")
        wait_heading(pupil, "Starter quiz: question 1 of 2")
        pupil.check("#option-0")
        pupil.wait_for_selector("#saved:has-text('Your answer is saved')")
        assert pupil.evaluate("window.__violations") == []
        origin = base_url(live)
        assert seen and all(url.startswith(origin + "/") for url in seen), seen
        assert sockets == [f"ws://127.0.0.1:{live.port}/ws"]
        context.close()


def test_the_pupil_and_teacher_pages_work_by_keyboard_alone(browser, quiz_lesson):
    with running(quiz_lesson) as live:
        teacher = teacher_page(browser, live)
        pupil = open_page(browser, 390, 800)
        pupil.goto(base_url(live) + "/")
        pupil.keyboard.press("Tab")
        assert pupil.evaluate("document.activeElement.id") == "code"
        pupil.keyboard.type(live.keys.join_code)
        pupil.keyboard.press("Enter")
        wait_heading(pupil, "You are in the quiz")

        teacher.focus("#next")
        teacher.keyboard.press("Enter")
        wait_heading(pupil, "Starter quiz: question 1 of 2")
        pupil.keyboard.press("Tab")
        assert pupil.evaluate("document.activeElement.id") == "option-0"
        assert pupil.evaluate("getComputedStyle(document.activeElement.closest('label')).outlineStyle") == "solid"
        pupil.keyboard.press("Space")
        pupil.wait_for_selector("#saved:has-text('Your answer is saved')")
        pupil.keyboard.press("ArrowDown")  # radios: arrows move the choice, and the new answer is saved
        pupil.wait_for_function("() => document.getElementById('option-1').checked")
        teacher.wait_for_function("() => document.getElementById('counts').textContent.includes('Answered: 1 of 1')")
        assert teacher.evaluate("document.activeElement.id") == "reveal", "focus moves to the button that replaced Next"
        teacher.keyboard.press("Enter")
        wait_heading(pupil, "Starter quiz: the answer to question 1")
        assert teacher.evaluate("document.activeElement.id") == "next"
        for heading in ("Starter quiz: question 2 of 2", "Starter quiz: the answer to question 2", "Starter quiz finished",
                        "Exit quiz: question 1 of 2", "Exit quiz: the answer to question 1", "Exit quiz: question 2 of 2"):
            teacher.keyboard.press("Enter")  # focus always rests on the button that comes next
            wait_heading(teacher, heading)
        wait_heading(pupil, "Exit quiz: question 2 of 2")

        first = pupil.locator("#options .order-text").first.inner_text()
        pupil.focus("#options button[aria-label^='Move down']")
        pupil.keyboard.press("Enter")
        pupil.wait_for_function("t => document.querySelectorAll('#options .order-text')[1].textContent === t", arg=first)
        label = pupil.evaluate("document.activeElement.getAttribute('aria-label')")
        assert label == f"Move down: {first}", "focus stays with the item that moved"
        pupil.wait_for_function("t => document.getElementById('announce').textContent === t", arg=f"{first} is now number 2 of 4.")
        pupil.focus("#send-order")
        pupil.keyboard.press("Enter")
        pupil.wait_for_selector("#saved:has-text('Your order is saved')")

        teacher.focus("#end")
        teacher.once("dialog", lambda dialog: dialog.dismiss())
        teacher.keyboard.press("Enter")  # "End the quiz now?" Cancel: nothing changes
        teacher.wait_for_timeout(300)
        assert live.session.phase == "question"
        teacher.once("dialog", lambda dialog: dialog.accept())
        teacher.keyboard.press("Enter")
        wait_heading(pupil, "Thank you")
        wait_heading(teacher, "Quiz finished")
        assert teacher.evaluate("document.activeElement.id") == "heading"


@pytest.mark.parametrize("width, text_size", [(320, "100%"), (320, "200%"), (1280, "200%")])
def test_small_screens_large_text_and_high_contrast(browser, quiz_lesson, width, text_size):
    with running(quiz_lesson) as live:
        teacher = teacher_page(browser, live, width=max(width, 800))
        pupils = [open_page(browser, width, 700) for _ in range(3)]
        for pupil in pupils:
            join(pupil, live)
        for page in pupils[:1] + [teacher]:
            page.evaluate("size => { document.documentElement.style.fontSize = size; }", text_size)
            page.emulate_media(forced_colors="active")
        no_sideways_scroll(pupils[0], f"the waiting page at {width}px, text {text_size}")
        teacher.click("#next")
        pupils[0].wait_for_selector("#question-view:visible")
        for pupil in pupils:
            pupil.check("#option-0")
        no_sideways_scroll(pupils[0], f"a question at {width}px, text {text_size}")
        border = pupils[0].evaluate("getComputedStyle(document.querySelector('.choice:has(input:checked)')).borderTopWidth")
        assert float(border.rstrip("px")) >= 3, "the chosen answer is marked by more than colour"
        wait_counts(teacher, "Answered: 3 of 3")
        teacher.click("#reveal")
        pupils[0].wait_for_selector("#reveal-view:visible")
        no_sideways_scroll(pupils[0], f"the answer at {width}px, text {text_size}")
        teacher.wait_for_selector("#chart li")
        fill = teacher.evaluate("getComputedStyle(document.querySelector('#chart .bar-fill'))"
                                ".getPropertyValue('background-color')")
        assert fill not in ("rgba(0, 0, 0, 0)", "transparent"), "bars stay visible in high contrast"
        assert re.search(r"3 of 3 \(100%\)", text(teacher, "#chart"))


def test_a_pupil_behind_a_guesser_s_address_is_told_to_wait_then_gets_in(browser, quiz_lesson):
    from .helpers import FakeClock

    clock = FakeClock()  # the guesser's allowance only comes back when the test moves time on
    with running(quiz_lesson, clock=clock) as live:
        page = open_page(browser)
        page.goto(base_url(live) + "/")
        wrong = "000000" if live.keys.join_code != "000000" else "111111"
        for attempt in range(10):
            page.fill("#code", wrong)
            page.click("#join-button")
            page.wait_for_function("() => !document.getElementById('code-error').hidden")
            assert text(page, "#code-error").startswith("That code is not right")
            page.evaluate("() => { document.getElementById('code-error').hidden = true; }")
        page.fill("#code", live.keys.join_code)
        page.click("#join-button")
        page.wait_for_function("() => document.getElementById('connection').textContent.includes('Checking your code')")
        assert "checked one at a time" in text(page, "#connection")
        clock.advance(2)
        wait_heading(page, "You are in the quiz")
        assert page.locator("#connection").is_hidden()


def test_a_pupil_who_opens_the_quiz_in_many_tabs_is_told_which_one_stopped(browser, quiz_lesson):
    with running(quiz_lesson) as live:
        context = browser.new_context(viewport={"width": 800, "height": 600})
        first = context.new_page()
        first.set_default_timeout(15_000)
        join(first, live)
        tabs = []
        for _ in range(4):  # the same browser: the remembered id and code join by themselves
            tab = context.new_page()
            tab.set_default_timeout(15_000)
            tab.goto(base_url(live) + "/")
            wait_heading(tab, "You are in the quiz")
            tabs.append(tab)
        first.wait_for_function("() => document.getElementById('connection').textContent.includes('another tab')")
        first.wait_for_timeout(2500)  # it does not reconnect and push another tab out in turn
        for tab in tabs:
            assert tab.locator("#connection").is_hidden()
        assert live.session.places == 1
        context.close()
