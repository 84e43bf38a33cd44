"""Live-quiz fixtures: a small stable lesson with every question type, and a real server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from toolkit.adapt import AdaptedLesson, adapt
from toolkit.build import load_checked
from toolkit.live.server import LiveQuiz

from .helpers import running

HERE = Path(__file__).resolve().parent
QUIZ_LESSONS = HERE / "lessons"
CATALOGUE = HERE.parent / "fixtures" / "minimal"


@pytest.fixture(scope="session")
def quiz_project():
    project, _ = load_checked([QUIZ_LESSONS], CATALOGUE)
    return project


@pytest.fixture(scope="session")
def quiz_lesson(quiz_project) -> AdaptedLesson:
    """'live-quiz' for ks3: starter (single, true-false), exit (multiple, ordering)."""
    return adapt(quiz_project.lesson("live-quiz"), quiz_project.audiences["ks3"], quiz_project.routes)


@pytest.fixture(scope="session")
def staff_quiz_lesson(quiz_project) -> AdaptedLesson:
    return adapt(quiz_project.lesson("live-quiz"), quiz_project.audiences["staff"], quiz_project.routes)


@pytest.fixture
def live_server(quiz_lesson) -> Iterator[LiveQuiz]:
    with running(quiz_lesson) as live:
        yield live


@pytest.fixture(scope="session")
def bilingual_lesson():
    """The built-in 'online-blackmail' for ks3 in English and in Welsh (its complete translation in
    lessons/locale/cy), as `lessonkit quiz serve --language en,cy` serves it: English first."""
    from toolkit.live.cli import _in_languages
    from toolkit.wording import language

    project, _ = load_checked([])
    versions, missing = _in_languages(project, "online-blackmail", ("en-GB", "cy"))
    assert missing == []
    lessons = {}
    for tag, translated in versions.items():
        with language(tag):
            lessons[tag] = adapt(translated.lesson("online-blackmail"), translated.audiences["ks3"], translated.routes,
                                 nations=translated.nations, audiences=translated.audiences)
    return lessons
