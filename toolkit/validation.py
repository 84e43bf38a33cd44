"""Turn pydantic's validation errors into findings a teacher can act on."""

from __future__ import annotations

import difflib
import typing
from typing import Any, List, Optional, Sequence, Tuple, Type

from pydantic import BaseModel, ValidationError

from .errors import Finding
from .yamlsource import Positions

_TYPE_NAMES = {
    dict: "a mapping (key: value lines)",
    list: "a list (lines starting with '- ')",
    str: "text",
    bool: "true/false",
    int: "a number",
    float: "a number",
    type(None): "nothing",
}


def closest(word: str, choices: Sequence[str]) -> Optional[str]:
    matches = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _describe(value: Any) -> str:
    for kind, name in _TYPE_NAMES.items():
        if type(value) is kind:
            return name
    return type(value).__name__


def _inner_models(annotation: Any) -> List[Type[BaseModel]]:
    """Models reachable through Optional, List, Dict, Union and Annotated."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: List[Type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found.extend(_inner_models(arg))
    return found


def _model_at(model: Type[BaseModel], loc: Sequence[Any]) -> Optional[Type[BaseModel]]:
    current: Optional[Type[BaseModel]] = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return None
        models = _inner_models(field.annotation)
        current = models[0] if models else None
    return current


def _field_names(model: Optional[Type[BaseModel]]) -> List[str]:
    if model is None:
        return []
    return [f.alias or name for name, f in model.model_fields.items()]


def _clean_loc(data: Any, loc: Sequence[Any], error_type: str) -> Tuple[Any, ...]:
    """Drop the parts of pydantic's location that name union branches, not keys."""
    cleaned: List[Any] = []
    current = data
    for index, part in enumerate(loc):
        if isinstance(current, dict) and part in current:
            cleaned.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            cleaned.append(part)
            current = current[part]
        elif error_type == "missing" and index == len(loc) - 1:
            cleaned.append(part)
    return tuple(cleaned)


def _value_at(data: Any, loc: Sequence[Any]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _where(loc: Sequence[Any]) -> str:
    parts = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts) or "the top level"


def _message(error: dict, loc: Tuple[Any, ...], data: Any, model: Type[BaseModel]) -> Tuple[str, str]:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    where = _where(loc)
    if kind == "missing":
        name = loc[-1] if loc else "?"
        return (
            f"missing required key '{name}' in {_where(loc[:-1])}",
            f"add '{name}:' here; docs/lesson-format.md shows an example",
        )
    if kind == "extra_forbidden":
        name = loc[-1]
        valid = _field_names(_model_at(model, [p for p in loc[:-1] if not isinstance(p, int)]))
        near = closest(str(name), valid)
        hint = f"did you mean '{near}'?" if near else ("valid keys here: " + ", ".join(valid) if valid else "remove it")
        return f"unknown key '{name}' in {_where(loc[:-1])}", hint
    if kind == "literal_error":
        expected = [s.strip().strip("'") for s in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
        near = closest(str(value), expected)
        hint = f"did you mean '{near}'?" if near else f"use one of: {', '.join(expected)}"
        return f"'{value}' is not allowed for {where}", hint
    if kind == "string_pattern_mismatch" and "a-z0-9" in str(ctx.get("pattern", "")):
        return (
            f"'{value}' is not a valid id for {where}",
            "ids use lower-case letters, digits and single hyphens, e.g. 'fast-friend'",
        )
    if kind == "string_pattern_mismatch" and "#" in str(ctx.get("pattern", "")):
        return f"'{value}' is not a colour for {where}", "write colours as #RRGGBB, e.g. '#1D4E89'"
    if kind in ("string_type", "dict_type", "list_type", "model_type", "model_attributes_type"):
        wanted = {"string_type": "text", "dict_type": "a mapping", "list_type": "a list"}.get(kind, "a mapping")
        if kind == "string_type" and isinstance(_value_at(data, loc), dict):
            wanted = "text"
        hint = ""
        actual = _value_at(data, loc)
        if isinstance(actual, bool) and kind == "string_type":
            hint = "YAML reads yes/no/true/false/on/off as true or false: put the text in quotes, e.g. 'No'"
        elif kind == "string_type":
            hint = "put the text in quotes if it should be read as written"
        elif kind == "list_type":
            hint = "write a list, e.g. [ks3, ks4], or one '- ' line per item"
        return f"{where} should be {wanted}, not {_describe(actual)}", hint
    if kind in ("too_short", "too_long"):
        limit = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        noun = "item" if isinstance(_value_at(data, loc), list) else "character"
        word = "at least" if kind == "too_short" else "at most"
        return f"{where} needs {word} {limit} {noun}{'s' if limit != 1 else ''}", ""
    if kind in ("string_too_long",):
        return f"{where} is longer than {ctx.get('max_length')} characters", "shorten it"
    if kind.startswith("date_") or kind.startswith("datetime_"):
        return f"{where} should be a date, not '{value}'", "write dates as YYYY-MM-DD, e.g. 2026-11-23"
    if kind.startswith("url_"):
        return f"'{value}' is not a web address ({where})", "write the full address, starting https://"
    if kind == "value_error" and "email" in error.get("msg", ""):
        return f"'{value}' is not an email address ({where})", "check for a missing @ or a typo"
    if kind in ("int_parsing", "int_type", "int_from_float", "float_parsing", "float_type"):
        return f"{where} should be a whole number, not '{value}'", ""
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        word = "at least" if kind.startswith("greater") else "at most"
        return f"{where} must be {word} {bound}, not {value}", ""
    if kind in ("bool_type", "bool_parsing"):
        return f"{where} should be true or false, not '{value}'", ""
    if kind == "value_error":
        return f"{where}: {str(ctx.get('error', error['msg']))}", ""
    return f"{where}: {error['msg']}", ""


def findings_from(exc: ValidationError, data: Any, positions: Positions, path: str, model: Type[BaseModel]) -> List[Finding]:
    """One finding per place; for union fields the first explanation wins."""
    findings: List[Finding] = []
    seen = set()
    for error in exc.errors():
        loc = _clean_loc(data, error["loc"], error["type"])
        if loc in seen:
            continue
        seen.add(loc)
        message, hint = _message(error, loc, data, model)
        prefer_key = error["type"] == "extra_forbidden"
        where = positions.find(loc[:-1] if error["type"] == "missing" else loc, prefer_key=prefer_key)
        line, column = where if where else (None, None)
        findings.append(Finding(path, message, hint, line, column, rule=error["type"]))
    return findings

