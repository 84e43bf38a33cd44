"""In Debian's chromium: one pupil picks Cymraeg, another English, and both answer the same question.

The language switch changes the pupil's own page in place (words, `lang`, question and feedback),
keeps their place and answers, is remembered for that browser only, and the Welsh pages pass axe-core."""

from __future__ import annotations

import asyncio
import threading

import pytest

from kit import require_node_module
from toolkit.live.session import QuizSettings
from toolkit.wording import _, language

from .helpers import base_url, join_as_teacher, running, send, until
from .test_browser import (  # noqa: F401  (browser: the fixture)
    browser, no_sideways_scroll, open_page, run_axe, teacher_page, text, wait_counts,
)

pytestmark = pytest.mark.browser

ORDERING = 17  # online-blackmail's ordering question for ks3


def cy(message: str, **values) -> str:
    with language("cy"):
        return _(message, **values)


def wait_heading(page, heading: str) -> None:
    page.wait_for_function("h => document.getElementById('heading').textContent === h", arg=heading)


def join(page, live, heading: str) -> None:
    code = live.keys.join_code
    page.fill("#code", f"{code[:3]} {code[3:]}")
    page.click("#join-button")
    wait_heading(page, heading)


def lang(page) -> str:
    return page.evaluate("document.documentElement.lang")


def move_to_question(live, number: int) -> None:
    """The teacher moves on (over the break between the quizzes) until question `number` is open."""

    async def scenario():
        teacher = await join_as_teacher(live)

        def where(message):
            return message["phase"], message.get("question", {}).get("number")

        now = (live.session.phase, live.session.current.number)
        while now != ("question", number):
            await send(teacher, {"type": "command", "action": "reveal" if now[0] == "question" else "next"})
            before = now
            now = where(await until(teacher, lambda m: m.get("type") == "teacher-state" and where(m) != before))
            await asyncio.sleep(0.25)  # within the rate any page may send commands at
        await teacher.close()

    failures = []

    def in_own_thread():  # Playwright's synchronous API holds this thread's event loop
        try:
            asyncio.run(asyncio.wait_for(scenario(), 60))
        except Exception as problem:  # reported in the test's own thread
            failures.append(problem)

    worker = threading.Thread(target=in_own_thread)
    worker.start()
    worker.join(90)
    assert not failures and not worker.is_alive(), failures


def test_a_welsh_and_an_english_pupil_answer_the_same_question(browser, bilingual_lesson):  # noqa: F811
    axe = require_node_module("axe-core") / "axe.min.js"
    welsh_title, welsh_first = bilingual_lesson["cy"].title, bilingual_lesson["cy"].starter_quiz[0]
    with running(bilingual_lesson, settings=QuizSettings(min_answers_for_chart=1)) as live:
        teacher = teacher_page(browser, live)
        welsh = open_page(browser, 390, 800, bypass_csp=True)  # bypass_csp only lets the test add axe-core
        english = open_page(browser, 390, 800)
        for pupil in (welsh, english):
            pupil.goto(base_url(live) + "/")
        assert lang(welsh) == "en-GB"
        assert welsh.locator("#languages label[lang=cy]").inner_text().strip() == "Cymraeg"
        assert welsh.locator("#languages label[lang=en-GB]").inner_text().strip() == "English"

        welsh.check("#languages input[value=cy]")  # chosen before joining: the join page changes at once
        assert lang(welsh) == "cy"
        assert text(welsh, "#heading") == cy("Join the class quiz") != "Join the class quiz"
        assert text(welsh, "#join-button") == cy("Join")
        assert welsh.title() == cy("Class quiz")
        assert welsh.locator("#join-view").get_attribute("aria-label") == cy("Join")
        run_axe(welsh, axe, "the Welsh join page")
        assert lang(english) == "en-GB" and text(english, "#heading") == "Join the class quiz"  # per pupil, not for all
        small = open_page(browser, 320, 640)  # the switch fits a small phone, with text at 200% too
        small.goto(base_url(live) + "/")
        small.check("#languages input[value=cy]")
        no_sideways_scroll(small, "the Welsh join page at 320px")
        small.evaluate("document.documentElement.style.fontSize = '200%'")
        no_sideways_scroll(small, "the Welsh join page at 320px with 200% text")
        small.close()

        join(welsh, live, cy("You are in the quiz"))
        join(english, live, "You are in the quiz")
        assert text(welsh, "#lesson-title") == welsh_title
        assert welsh.title() == cy("Class quiz: {title}", title=welsh_title)
        assert text(welsh, "#help-heading") != "Who can help"
        run_axe(welsh, axe, "the Welsh waiting page")
        wait_counts(teacher, "Joined: 2 (2 connected now)")

        teacher.click("#next")
        wait_heading(welsh, cy("{quiz}: question {number} of {count}", quiz=cy("Starter quiz"), number=1,
                               count=len(bilingual_lesson["cy"].starter_quiz)))
        wait_heading(english, f"Starter quiz: question 1 of {len(bilingual_lesson['en-GB'].starter_quiz)}")
        assert text(welsh, "#question-text") == welsh_first.question
        assert text(english, "#question-text") == "What is sextortion?"
        assert text(teacher, "#question-text") == "What is sextortion?"  # the teacher's screen: the first language
        assert text(teacher, "#join-languages") == "Each pupil chooses their language on their own screen: Cymraeg, English."
        assert teacher.locator("#join-languages span[lang=cy]").inner_text() == "Cymraeg"
        assert welsh.locator("#options .choice-text").all_inner_texts() == [o.text for o in welsh_first.options]
        welsh.check("#option-0")
        welsh.wait_for_function("t => document.getElementById('saved').textContent === t",
                                arg=cy("Your answer is saved. You can change it until the answers are shown."))
        english.check("#option-0")
        english.wait_for_selector("#saved:has-text('Your answer is saved')")
        wait_counts(teacher, "Answered: 2 of 2")
        run_axe(welsh, axe, "the Welsh question")

        # mid-question, the Welsh pupil switches to English and back: the same question, the same answer,
        # and focus stays on the switch
        welsh.focus("#languages input[value=en-GB]")
        welsh.keyboard.press("Space")
        welsh.wait_for_function("() => document.getElementById('question-text').textContent === 'What is sextortion?'")
        assert lang(welsh) == "en-GB" and welsh.is_checked("#option-0")
        assert welsh.evaluate("document.activeElement.value") == "en-GB"
        assert text(welsh, "#heading").startswith("Starter quiz: question 1")
        assert text(welsh, "#saved").startswith("Your answer is saved")
        welsh.check("#languages input[value=cy]")
        welsh.wait_for_function("t => document.getElementById('question-text').textContent === t", arg=welsh_first.question)
        assert welsh.is_checked("#option-0") and lang(welsh) == "cy"
        wait_counts(teacher, "Answered: 2 of 2")  # switching is not answering again

        teacher.click("#reveal")
        welsh.wait_for_selector("#reveal-view:visible")
        english.wait_for_selector("#reveal-view:visible")
        rows = teacher.locator("#chart li").all_inner_texts()
        assert "2 of 2 (100%)" in rows[0]  # one Welsh and one English answer on the same option
        welsh_answers = welsh.locator("#reveal-body li").all_inner_texts()
        assert welsh_first.options[0].feedback in welsh_answers[0] and cy("Your answer") in welsh_answers[0]
        assert bilingual_lesson["en-GB"].starter_quiz[0].options[0].feedback in english.locator("#reveal-body li").all_inner_texts()[0]
        run_axe(welsh, axe, "the Welsh answer")

        # the choice is this browser's: a reload comes back in Welsh, in the same place
        welsh.reload()
        welsh.wait_for_selector("#reveal-view:visible")
        assert lang(welsh) == "cy" and text(welsh, "#reveal-question") == welsh_first.question
        assert english.evaluate("window.localStorage.getItem('lessonkit-live-language')") is None
        # a language the quiz does not offer, left in storage, is ignored: the page works in its first language
        english.evaluate("window.localStorage.setItem('lessonkit-live-language', 'xx')")
        english.reload()
        english.wait_for_selector("#reveal-view:visible")
        assert lang(english) == "en-GB" and text(english, "#reveal-question") == "What is sextortion?"

        # an ordering question: an order moved but not sent survives a change of language
        move_to_question(live, ORDERING)
        welsh.wait_for_selector("#question-view:visible")
        english.wait_for_selector("#question-view:visible")
        welsh.wait_for_selector("#send-order:visible")
        before = welsh.locator("#options .order-text").all_inner_texts()
        welsh.locator("#options button:not([disabled])").first.click()
        moved = welsh.locator("#options .order-text").all_inner_texts()
        assert moved != before
        welsh.check("#languages input[value=en-GB]")
        welsh.wait_for_function("() => document.documentElement.lang === 'en-GB' && "
                                "document.getElementById('send-order').textContent === 'Send my order'")
        welsh.wait_for_function("() => document.getElementById('hint').textContent.startsWith('Put these in order')")
        shown_english = welsh.locator("#options .order-text").all_inner_texts()
        english_texts = english.locator("#options .order-text").all_inner_texts()
        welsh_indices = [before.index(t) for t in moved]  # the moved order, as positions in the shown order
        assert shown_english == [english_texts[i] for i in welsh_indices]
        assert text(welsh, "#saved").startswith("Not sent yet")
        run_axe(welsh, axe, "an ordering question after switching")
        welsh.check("#languages input[value=cy]")
        welsh.wait_for_function("() => document.documentElement.lang === 'cy'")
        welsh.wait_for_function("t => document.getElementById('send-order').textContent === t", arg=cy("Send my order"))
        assert welsh.locator("#options .order-text").all_inner_texts() == moved
        run_axe(welsh, axe, "the Welsh ordering question")
        welsh.click("#send-order")
        welsh.wait_for_function("t => document.getElementById('saved').textContent === t",
                                arg=cy("Your order is saved. You can change it until the answers are shown."))
        english.click("#send-order")
        english.wait_for_selector("#saved:has-text('Your order is saved')")
        wait_counts(teacher, "Answered: 2 of 2")
