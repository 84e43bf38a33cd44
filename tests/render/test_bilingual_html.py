"""A bilingual pack's web pages (`--language cy,en`: Welsh section, then English), opened in Chromium:
zero axe-core WCAG 2.1 AA violations and nothing wider than a phone screen, like every one-language page."""

from __future__ import annotations

import pytest

from toolkit.build import BuildRequest, build
from toolkit.render import RenderOptions

from kit import LESSONS
from test_handout_html import browser, check_all, twins  # noqa: F401 (browser: a fixture)

pytestmark = pytest.mark.browser


def test_bilingual_handout_pages_and_index_pages_pass_axe(browser, tmp_path):  # noqa: F811
    build(BuildRequest(lesson_paths=[LESSONS], output=tmp_path, school=LESSONS / "schools" / "example-wales.yaml",
                       formats=["handout", "quiz-paper"], audiences=["ks3", "parents"],
                       options=RenderOptions(language="cy", languages=("cy", "en-GB"))))
    paths = twins(tmp_path)
    combined = [p for p in paths if ".cy." not in p.name and ".en." not in p.name]
    assert len(combined) >= 6 and len(paths) > len(combined)
    check_all(browser, paths + [tmp_path / "index.html", tmp_path / "example-wales" / "index.html"])
