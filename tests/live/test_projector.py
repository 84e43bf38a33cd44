"""The teacher's screen on a classroom projector (1280x720): every question and every reveal of the
built-in quizzes fits without scrolling, and the join panel shrinks once the quiz has started.

Pupils are websocket clients (three, so the class's counts are shown); the teacher's page runs in
Debian's chromium, and each element's box is measured against the viewport. Set
LESSONKIT_SCREENSHOTS=folder to keep a PNG of every screen for a person to look at."""

from __future__ import annotations

import asyncio
import json
import os
import threading
from pathlib import Path

import pytest

from toolkit.adapt import adapt

from .helpers import join_as_pupil, running
from .test_browser import browser, open_page, teacher_page, wait_counts, wait_heading  # noqa: F401 (browser is a fixture)

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1280, "height": 720}
PUPILS = 3  # the fewest answers for which the counts are shown

# What must be in view on each screen, as CSS selectors on the teacher's page.
ON_QUESTION = ["#heading", "#question-text", "#question-options li", "#reveal", "#counts", "#join-code"]
ON_REVEAL = ["#heading", "#question-text", "#results-summary", "#chart li", "#chart .bar-value", "#chart .feedback",
             "#teaching-point", "#next", "#counts", "#join-code"]

MEASURE = """selectors => {
  const height = window.innerHeight, width = window.innerWidth, problems = [];
  for (const selector of selectors) {
    const found = [...document.querySelectorAll(selector)].filter(el => el.getClientRects().length);
    if (!found.length) problems.push(selector + ': not shown');
    for (const el of found) {
      const box = el.getBoundingClientRect();
      if (box.top < 0 || box.bottom > height + 0.5 || box.right > width + 0.5)
        problems.push(`${selector} "${el.textContent.trim().slice(0, 40)}": ${Math.round(box.top)} to ${Math.round(box.bottom)}px`);
    }
  }
  const page = document.scrollingElement;
  if (page.scrollHeight > page.clientHeight) problems.push(`the page scrolls: ${page.scrollHeight}px tall`);
  return problems;
}"""


def built_in_quizzes():
    from toolkit.build import load_checked

    project, _ = load_checked([])
    for loaded in project.lessons:
        for audience in loaded.model.audiences:
            adapted = adapt(loaded.model, project.audiences[audience], project.routes)
            if adapted.quiz:
                yield pytest.param(adapted, id=f"{loaded.model.id}-{audience}")


class Class:
    """Pupils on websockets in a loop of their own; each keeps reading, and remembers the latest state."""

    def __init__(self, live):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.states = []
        self.sockets = [self.run(self._join(live, index)) for index in range(PUPILS)]

    def run(self, coroutine, timeout=30):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    async def _join(self, live, index):
        socket, _, state = await join_as_pupil(live)
        self.states.append(state)
        self.loop.create_task(self._read(socket, index))
        return socket

    async def _read(self, socket, index):
        async for raw in socket:
            message = json.loads(raw)
            if message.get("type") == "state":
                self.states[index] = message

    def answer(self, number: int, question) -> None:
        """Every pupil answers question `number`: the first option, or the order as shown."""
        choice = list(range(len(question.options))) if question.type == "ordering" else [0]

        async def send_all():
            for socket in self.sockets:
                await socket.send(json.dumps({"type": "answer", "question": number, "choice": choice}))
        self.run(send_all())

    def close(self):
        async def close_all():
            for socket in self.sockets:
                await socket.close()
        self.run(close_all())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


def check(page, selectors, what, shots, problems):
    if shots:
        page.screenshot(path=str(shots / f"{what}.png"))
    problems += [f"{what}: {problem}" for problem in page.evaluate(MEASURE, selectors)]


@pytest.mark.parametrize("lesson", list(built_in_quizzes()))
def test_every_question_and_reveal_fits_a_projector(browser, lesson):  # noqa: F811
    shots = Path(os.environ["LESSONKIT_SCREENSHOTS"]) if os.environ.get("LESSONKIT_SCREENSHOTS") else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    name = f"{lesson.lesson_id}-{lesson.audience.id}"
    problems = []
    with running(lesson) as live:
        pupils = Class(live)
        try:
            teacher = teacher_page(browser, live, **PROJECTOR)
            wait_counts(teacher, f"Joined: {PUPILS}")
            lobby_join = teacher.locator("#join-panel").bounding_box()
            for number, question in enumerate(lesson.quiz, 1):
                teacher.click("#next")
                if number == len(lesson.starter_quiz) + 1 and lesson.starter_quiz:
                    wait_heading(teacher, "Starter quiz finished")
                    teacher.click("#next")
                wait_counts(teacher, f"Answered: 0 of {PUPILS}")
                teacher.wait_for_function("n => document.getElementById('heading').textContent.includes('question ' + n)",
                                          arg=str(number - (len(lesson.starter_quiz) if question.quiz == "exit" else 0)))
                check(teacher, ON_QUESTION, f"{name}-{number}-{question.type}-question", shots, problems)
                join_box = teacher.locator("#join-panel").bounding_box()
                if join_box["width"] * join_box["height"] > lobby_join["width"] * lobby_join["height"] / 3:
                    problems.append(f"{name}-{number}: the join panel is still {join_box}, not a third of the lobby's")
                pupils.answer(number, question)
                wait_counts(teacher, f"Answered: {PUPILS} of {PUPILS}")
                teacher.click("#reveal")
                teacher.wait_for_selector("#chart .bar-value")
                check(teacher, ON_REVEAL, f"{name}-{number}-{question.type}-reveal", shots, problems)
        finally:
            pupils.close()
    assert not problems, "At 1280x720, not everything fits without scrolling:\n" + "\n".join(problems)
