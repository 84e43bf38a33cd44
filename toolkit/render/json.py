"""`json`: the adapted lesson as JSON, for integrations (and proof the pipeline works end to end)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import PurePath
from typing import Any, List

from ..wording import N_, _
from ..adapt import AdaptedLesson
from . import OutputFile, RenderContext, register


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", by_alias=True)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def lesson_as_dict(lesson: AdaptedLesson) -> dict:
    data = _plain(lesson)
    data["help_contacts"] = _plain(lesson.help_contacts)
    # The audience as this pack names it (not every nation's names), and the school's logo by its file
    # name: the path on the machine that built the pack is nobody else's business, and would make the
    # same pack differ from one computer to the next.
    audience = lesson.audience
    data["audience"] = {"id": audience.id, "name": lesson.audience_name, "kind": audience.kind,
                        "min_age": audience.min_age, "max_age": audience.max_age}
    if data.get("school") and data["school"].get("logo"):
        data["school"]["logo"] = PurePath(data["school"]["logo"]).name
    return data


@register("json", N_("The adapted lesson as JSON, one file per lesson and audience"))
def render(lesson: AdaptedLesson, context: RenderContext) -> List[OutputFile]:
    text = json.dumps(lesson_as_dict(lesson), ensure_ascii=False, indent=2) + "\n"
    return [OutputFile(f"{lesson.slug}.json", text.encode("utf-8"), _("{title} ({audience}) as JSON", title=lesson.title,
                                                                                audience=lesson.audience_name))]
