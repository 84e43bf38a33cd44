"""The JSON Schema of the lesson format, for editors that complete and flag YAML as it is typed."""

from __future__ import annotations

from .model import Lesson


def lesson_schema() -> dict:
    schema = Lesson.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://lessonkit.invalid/lesson.schema.json",
        "title": "lessonkit lesson",
        "description": "One lesson definition (a YAML file in lessons/). See docs/lesson-format.md.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }
