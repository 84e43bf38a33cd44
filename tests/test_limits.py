"""validate accepts only what every format can render: text at every length limit, in the widest
letter and the longest words validate allows, builds in every format without an error."""

from __future__ import annotations

import copy
from typing import Any, Tuple

import pytest
import yaml
from pydantic import ValidationError

from toolkit.build import BuildRequest, render_all
from toolkit.checks import layout
from toolkit.load import Loaded, Project, load_project
from toolkit.model import Lesson
from toolkit.model.common import HEADING_MAX, LINE_MAX, NAME_MAX, PARAGRAPH_MAX
from toolkit.render import formats
from toolkit.textrules import LONGEST_WORD, text_findings
from toolkit.yamlsource import Positions

from kit import LESSONS

FIXED = {"id", "url", "source_url", "verb", "kind", "stage", "type", "audiences", "support_routes",
         "warning_signs_shown", "source", "key", "short", "version", "min_age",
         "part", "questions", "optional", "routes",  # references and fixed choices, not wording
         "chat"}  # a story's chat is limited by its phone picture: validate refuses one that does not fit (test_slides_chat)


def widest(length: int) -> str:
    """`length` characters of the widest letter, in the longest words validate allows."""
    word = "W" * LONGEST_WORD
    return " ".join([word] * (length // (LONGEST_WORD + 1) + 1))[:length].rstrip()


def _text_paths(value: Any, loc: Tuple[Any, ...] = ()):
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in FIXED:
                yield from _text_paths(item, loc + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _text_paths(item, loc + (index,))
    elif isinstance(value, str) and not value.startswith("http"):
        yield loc


def _set(data, loc, text):
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = text


def _get(data, loc):
    for part in loc:
        data = data[part]
    return data


def stretched(data: dict) -> dict:
    """Every text as long as the model allows (each field's own limit), in the widest letters."""
    data = copy.deepcopy(data)
    open_paths = list(_text_paths(data))
    for limit in (PARAGRAPH_MAX, LINE_MAX, NAME_MAX, HEADING_MAX):
        for loc in open_paths:
            _set(data, loc, widest(limit))
        try:
            Lesson.model_validate(data)
            return data
        except ValidationError as exc:
            places = [tuple(e["loc"]) for e in exc.errors()]
            open_paths = [loc for loc in open_paths if any(loc[:len(p)] == p or p[:len(loc)] == loc for p in places)]
    raise AssertionError(f"no limit accepted for {open_paths}")


def _project(data: dict, path: str = "stretched.yaml") -> Project:
    catalogue, _ = load_project([LESSONS], LESSONS)
    loaded = Loaded(Lesson.model_validate(data), path, Positions(), data)
    return Project([loaded], catalogue.audiences_file, catalogue.routes_file)


def shortened_headings(data: dict) -> dict:
    """Headings cut, a word at a time, until validate's slide-title check accepts them."""
    for _ in range(40):
        findings = layout.check(_project(data))
        if not findings:
            return data
        texts = {f.message.split("' is too long")[0][1:] for f in findings}
        for loc in _text_paths(data):
            value = _get(data, loc)
            if any(value in text for text in texts):
                _set(data, loc, widest(max(1, len(value) - LONGEST_WORD)))
    raise AssertionError("headings never fitted")


@pytest.fixture(scope="module")
def extreme_lesson():
    data = yaml.safe_load((LESSONS / "online-blackmail.yaml").read_text(encoding="utf-8"))
    return shortened_headings(stretched(data))


@pytest.mark.parametrize("name", sorted(formats()))
def test_text_at_every_limit_renders_in_every_format(extreme_lesson, name):
    project = _project(extreme_lesson)
    assert text_findings(extreme_lesson, Positions(), "x") == []
    audience = "ks4"
    rendered = render_all(project, BuildRequest(formats=[name], audiences=[audience]))
    assert rendered.entries or name == "kahoot"  # Kahoot leaves out questions over its own limits, with a warning
    longest = max(len(_get(extreme_lesson, loc)) for loc in _text_paths(extreme_lesson))
    assert longest == PARAGRAPH_MAX


def test_a_school_profile_at_its_limits_renders_handouts_and_slides(tmp_path, extreme_lesson):
    import shutil

    from toolkit.model.common import NAME_MAX
    from toolkit.profiles.checks import check_profile

    source = LESSONS / "schools" / "example-england.yaml"
    shutil.copy(LESSONS / "schools" / "example-england-logo.png", tmp_path)
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["name"] = widest(NAME_MAX)
    for contact in data["safeguarding_contacts"]:
        contact.update(name=widest(NAME_MAX), role=widest(NAME_MAX), where_to_find=widest(LINE_MAX))
    data["logo_alt"] = widest(LINE_MAX)
    data["local_police"]["notes"] = widest(LINE_MAX)
    data["childrens_services"]["name"] = widest(NAME_MAX)
    profile = tmp_path / "school.yaml"
    profile.write_text(yaml.safe_dump(data, allow_unicode=True, width=10**9), encoding="utf-8")
    checked = check_profile(profile)
    assert [f.render() for f in checked.findings if f.rule in ("characters", "long-word") or "characters" in f.message] == []
    school = checked.loaded.model
    lesson = yaml.safe_load((LESSONS / "online-blackmail.yaml").read_text(encoding="utf-8"))
    for name in ("handout", "slides", "quiz-paper"):
        rendered = render_all(_project(lesson), BuildRequest(formats=[name], audiences=["ks4", "staff"]), school)
        assert rendered.entries


@pytest.mark.parametrize("field", ["name", "where_to_find"])
def test_an_oversized_profile_is_refused_by_its_limits(tmp_path, field):
    from toolkit.profiles.checks import check_profile

    data = yaml.safe_load((LESSONS / "schools" / "example-england.yaml").read_text(encoding="utf-8"))
    if field == "name":
        data["name"] = "N" * 100_000
        wanted = "name is longer than 120 characters"
    else:
        data["safeguarding_contacts"][0]["where_to_find"] = "Room " * 12_000
        wanted = "safeguarding_contacts[1].where_to_find is longer than 600 characters"
    data.pop("logo")
    profile = tmp_path / "school.yaml"
    profile.write_text(yaml.safe_dump(data, width=10**9), encoding="utf-8")
    messages = [f.render() for f in check_profile(profile).findings]
    assert any(wanted in m for m in messages), messages
