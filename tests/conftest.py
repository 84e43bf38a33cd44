"""Shared test helpers: the shipped lessons, adapted views, independent tools and schemas."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.adapt import AdaptedLesson, adapt
from toolkit.build import BuildRequest, build, load_checked, load_school_checked

from kit import FIXTURES, LESSONS, NODE_MODULES, ROOT, SCHEMAS, missing, require_node_module, require_tool  # noqa: F401


@pytest.fixture(autouse=True)
def validate_cache_per_test(tmp_path_factory, monkeypatch):
    """Each test's `lessonkit validate` remembers only what that test found (toolkit/checkcache.py):
    none reads another's findings, or the user's own cache."""
    monkeypatch.setenv("LESSONKIT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def schemas_dir() -> Path:
    if not SCHEMAS.is_dir():
        pytest.skip("../shared/schemas is not beside this checkout")
    return SCHEMAS


@pytest.fixture(scope="session")
def shipped():
    """The built-in lessons and catalogues, loaded and checked."""
    project, _ = load_checked([LESSONS])
    return project


@pytest.fixture(scope="session")
def adapted(shipped):
    """adapted(lesson_id, audience_id, school_path=None) -> AdaptedLesson from the shipped lessons."""

    def make(lesson_id: str, audience_id: str, school: Path | None = None) -> AdaptedLesson:
        profile = load_school_checked(Path(school)).model if school else None
        return adapt(shipped.lesson(lesson_id), shipped.audiences[audience_id], shipped.routes, profile,
                     nations=shipped.nations, audiences=shipped.audiences)

    return make


@pytest.fixture(scope="session")
def national_pack(tmp_path_factory) -> Path:
    """The default pack (every lesson, audience and format), built once for the session."""
    output = tmp_path_factory.mktemp("national-pack")
    build(BuildRequest(lesson_paths=[LESSONS], output=output))
    return output
