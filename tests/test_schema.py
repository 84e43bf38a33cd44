"""`lessonkit schema` is a valid JSON Schema, and lesson files that load satisfy it."""

from __future__ import annotations

import jsonschema
import pytest

from toolkit.load import lesson_files
from toolkit.schema import lesson_schema
from toolkit.yamlsource import read

from kit import FIXTURES, LESSONS


def test_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(lesson_schema())


@pytest.mark.parametrize("path", lesson_files([LESSONS, FIXTURES / "minimal"]), ids=lambda p: p.name)
def test_shipped_lessons_satisfy_the_schema(path):
    data, _ = read(path)
    data = _json_ready(data)
    jsonschema.Draft202012Validator(lesson_schema(), format_checker=None).validate(data)


def test_schema_rejects_an_unknown_key():
    data, _ = read(FIXTURES / "minimal" / "tiny.yaml")
    data = _json_ready(data) | {"titel": "x"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, lesson_schema())


def _json_ready(value):
    """YAML dates become strings, as an editor's YAML plugin sees them."""
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_ready(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
