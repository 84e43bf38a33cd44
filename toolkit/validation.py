"""Turn pydantic's validation errors into findings a teacher can act on."""

from __future__ import annotations

import difflib
import typing
from typing import Any, List, Optional, Sequence, Tuple, Type

from pydantic import BaseModel, ValidationError

from .errors import Finding
from .wording import N_, _, ngettext
from .wording.phrases import did_you_mean
from .yamlsource import Positions

_TYPE_NAMES = {
    dict: N_("a mapping (key: value lines)"),
    list: N_("a list (lines starting with '- ')"),
    str: N_("text"),
    bool: N_("true/false"),
    int: N_("a number"),
    float: N_("a number"),
    type(None): N_("nothing"),
}
# What a field should have been, by pydantic's error type.
_WANTED = {"string_type": N_("text"), "dict_type": N_("a mapping"), "list_type": N_("a list")}


def closest(word: str, choices: Sequence[str]) -> Optional[str]:
    matches = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _describe(value: Any) -> str:
    for kind, name in _TYPE_NAMES.items():
        if type(value) is kind:
            return _(name)
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
    return "".join(parts) or _("the top level")


def _message(error: dict, loc: Tuple[Any, ...], data: Any, model: Type[BaseModel]) -> Tuple[str, str]:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    where = _where(loc)
    if kind == "missing":
        name = loc[-1] if loc else "?"
        return (
            missing_key(name, loc[:-1]),
            _("add '{key}:' here; docs/lesson-format.md shows an example", key=name),
        )
    if kind == "extra_forbidden":
        name = loc[-1]
        valid = _field_names(_model_at(model, [p for p in loc[:-1] if not isinstance(p, int)]))
        near = closest(str(name), valid)
        hint = did_you_mean(near) if near else (_("valid keys here: {keys}", keys=", ".join(valid)) if valid
                                                else _("remove it"))
        return _("unknown key '{key}' in {place}", key=name, place=_where(loc[:-1])), hint
    if kind == "literal_error":
        expected = [s.strip().strip("'") for s in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
        near = closest(str(value), expected)
        hint = did_you_mean(near) if near else _("use one of: {values}", values=", ".join(expected))
        return _("'{value}' is not allowed for {place}", value=value, place=where), hint
    if kind == "string_pattern_mismatch" and "a-z0-9" in str(ctx.get("pattern", "")):
        return (
            _("'{value}' is not a valid id for {place}", value=value, place=where),
            _("ids use lower-case letters, digits and single hyphens, e.g. 'fast-friend'"),
        )
    if kind == "string_pattern_mismatch" and "#" in str(ctx.get("pattern", "")):
        return (_("'{value}' is not a colour for {place}", value=value, place=where),
                _("write colours as #RRGGBB, e.g. '#1D4E89'"))
    if kind in ("string_type", "dict_type", "list_type", "model_type", "model_attributes_type"):
        wanted = _WANTED.get(kind, _WANTED["dict_type"])
        hint = ""
        actual = _value_at(data, loc)
        if isinstance(actual, bool) and kind == "string_type":
            hint = _("YAML reads yes/no/true/false/on/off as true or false: put the text in quotes, e.g. 'No'")
        elif kind == "string_type":
            hint = _("put the text in quotes if it should be read as written")
        elif kind == "list_type":
            hint = _("write a list, e.g. [ks3, ks4], or one '- ' line per item")
        return _("{place} should be {wanted}, not {actual}", place=where, wanted=_(wanted), actual=_describe(actual)), hint
    if kind in ("too_short", "too_long"):
        limit = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        return length_message(where, limit, kind == "too_short", isinstance(_value_at(data, loc), list)), ""
    if kind in ("string_too_long",):
        return (_("{place} is longer than {count} characters", place=where, count=ctx.get("max_length")),
                _("shorten it"))
    if kind.startswith("date_") or kind.startswith("datetime_"):
        return (_("{place} should be a date, not '{value}'", place=where, value=value),
                _("write dates as YYYY-MM-DD, e.g. 2026-11-23"))
    if kind.startswith("url_"):
        return (_("'{value}' is not a web address ({place})", value=value, place=where),
                _("write the full address, starting https://"))
    if kind == "value_error" and "email" in error.get("msg", ""):
        return (_("'{value}' is not an email address ({place})", value=value, place=where),
                _("check for a missing @ or a typo"))
    if kind in ("int_parsing", "int_type", "int_from_float", "float_parsing", "float_type"):
        return _("{place} should be a whole number, not '{value}'", place=where, value=value), ""
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        if kind.startswith("greater"):
            return _("{place} must be at least {bound}, not {value}", place=where, bound=bound, value=value), ""
        return _("{place} must be at most {bound}, not {value}", place=where, bound=bound, value=value), ""
    if kind in ("bool_type", "bool_parsing"):
        return _("{place} should be true or false, not '{value}'", place=where, value=value), ""
    if kind == "value_error":
        return "{}: {}".format(where, str(ctx.get("error", error["msg"]))), ""
    return "{}: {}".format(where, error["msg"]), ""


def missing_key(name: Any, parent: Sequence[Any]) -> str:
    """"missing required key 'name' in <where>": also how `school check` recognises a missing lead."""
    return _("missing required key '{key}' in {place}", key=name, place=_where(parent))


def length_message(where: str, limit: Any, at_least: bool, items: bool) -> str:
    """'<where> needs at least 1 item' (or at most, or characters): also how `school check` recognises
    an empty list of contacts."""
    if limit is None:  # pydantic always gives the limit; never a count-less message
        limit = 0
    if at_least and items:
        return ngettext("{place} needs at least {count} item", "{place} needs at least {count} items", limit, place=where)
    if at_least:
        return ngettext("{place} needs at least {count} character", "{place} needs at least {count} characters", limit,
                        place=where)
    if items:
        return ngettext("{place} needs at most {count} item", "{place} needs at most {count} items", limit, place=where)
    return ngettext("{place} needs at most {count} character", "{place} needs at most {count} characters", limit,
                    place=where)


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

