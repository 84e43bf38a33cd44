"""The JSON Schema of the lesson format, for editors that complete and flag YAML as it is typed."""

from __future__ import annotations

import ast
import functools
import inspect
import sys
from typing import Dict

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from .model import Lesson


def lesson_schema() -> dict:
    schema = Lesson.model_json_schema(by_alias=True, schema_generator=_Documented)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://lessonkit.invalid/lesson.schema.json",
        "title": "lessonkit lesson",
        "description": "One lesson definition (a YAML file in lessons/). See docs/lesson-format.md.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


class _Documented(GenerateJsonSchema):
    """Pydantic's JSON Schema, with each field described by the docstring written under it.

    The models do not ask pydantic to read those docstrings as they are defined
    (`use_attribute_docstrings`): reading the models' source would cost every command about
    0.025 s, and only this schema shows them. A description the field's type already gives
    (e.g. `Id`'s) is kept, as pydantic keeps it."""

    def model_schema(self, schema):
        json_schema = super().model_schema(schema)
        model = schema["cls"]
        properties = json_schema.get("properties", {})
        documented = field_docstrings(model)
        for name, field in model.model_fields.items():
            shown = properties.get(field.alias if self.by_alias and field.alias else name)
            if shown is not None and name in documented and "description" not in shown:
                shown["description"] = documented[name]
        return json_schema


def field_docstrings(model: type) -> Dict[str, str]:
    """Each field's docstring (the string just under `name: type`), from `model` and its bases."""
    found: Dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if issubclass(cls, BaseModel) and cls is not BaseModel:
            found.update(_class_docstrings(cls.__module__).get(cls.__qualname__, {}))
    return found


@functools.lru_cache(maxsize=None)
def _class_docstrings(module: str) -> Dict[str, Dict[str, str]]:
    """{class name: {field: docstring}} for the classes defined at the top of `module` (none when
    its source cannot be read, e.g. an install without .py files: the schema is then undescribed,
    as pydantic would leave it)."""
    try:
        tree = ast.parse(inspect.getsource(sys.modules[module]))
    except (OSError, TypeError):
        return {}
    classes: Dict[str, Dict[str, str]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            docs = classes[node.name] = {}
            for before, after in zip(node.body, node.body[1:]):
                if (isinstance(before, ast.AnnAssign) and isinstance(before.target, ast.Name)
                        and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                        and isinstance(after.value.value, str)):
                    docs[before.target.id] = inspect.cleandoc(after.value.value)
    return classes
