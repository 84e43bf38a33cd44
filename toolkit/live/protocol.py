"""The messages pupils' and teachers' pages send, checked strictly before anything acts on them.

Every message is one JSON object with a "type". Anything else (too big, not JSON, wrong types,
unknown fields) raises `BadMessage`, which the server answers with an error to that connection only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Dict, Optional, Tuple, Union

from ..wording import _

MAX_MESSAGE_CHARS = 1024  # the largest real message (an 8-item order) is under 150
MAX_OPTIONS = 8
PUPIL_ID = re.compile(r"[0-9a-f]{32}")
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,2}")  # BCP 47, as short as the quiz's own tags
TEACHER_ACTIONS = ("next", "reveal", "end")
LONE_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]", re.ASCII)  # a surrogate escape: checked further when present


class BadMessage(Exception):
    """A message the server will not act on; the text says why, for the sender's console."""


@dataclass(frozen=True)
class Join:
    code: str
    pupil: Optional[str]  # None for a first join; the id the server gave them when rejoining
    language: Optional[str] = None  # the language the pupil chose, if they did (checked against the quiz's)


@dataclass(frozen=True)
class Language:
    """The pupil chose another language for their own screen."""

    language: Optional[str]  # None when it was not a language tag at all: ignored, like one the quiz does not offer


@dataclass(frozen=True)
class Answer:
    question: int
    choice: Tuple[int, ...]


@dataclass(frozen=True)
class Hello:
    token: str


@dataclass(frozen=True)
class Command:
    action: str


def decode(raw: Union[str, bytes, None]) -> Dict[str, Any]:
    if not isinstance(raw, str):
        raise BadMessage(_("send text frames holding JSON"))
    if len(raw) > MAX_MESSAGE_CHARS:
        raise BadMessage(_("message too long (at most {most} characters)", most=MAX_MESSAGE_CHARS))
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise BadMessage(_("not valid JSON")) from None
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        raise BadMessage(_('expected a JSON object with a "type"'))
    if LONE_SURROGATE.search(raw):  # only JSON escapes can carry one: a websocket's text is valid UTF-8
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise BadMessage(_("text must not contain lone surrogates (\\ud800 to \\udfff not in a pair)")) from None
    return data


def _fields(data: Dict[str, Any], *names: str) -> None:
    unknown = sorted(set(data) - {"type", *names})
    if unknown:
        raise BadMessage(_("unknown field '{field}' in a '{type}' message", field=unknown[0], type=data["type"]))


def _integer(value: Any, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise BadMessage(_("{what} must be a whole number", what=what))
    return value


def _short_text(value: Any, what: str, longest: int) -> str:
    if not isinstance(value, str) or len(value) > longest:
        raise BadMessage(_("{what} must be text of at most {longest} characters", what=what, longest=longest))
    return value


def _language(value: Any) -> Optional[str]:
    """A language tag as a page sent it, or None for anything else: never a reason to refuse a join."""
    return value if isinstance(value, str) and LANGUAGE_TAG.fullmatch(value) else None


def pupil_message(raw: Union[str, bytes, None]) -> Union[Join, Answer, Language]:
    data = decode(raw)
    kind = data["type"]
    if kind == "join":
        _fields(data, "code", "pupil", "language")
        code = _short_text(data.get("code"), "code", 20)
        pupil = data.get("pupil")
        # An id the server never issued (or garbage) just means "new pupil"; a language it does not know, its first.
        return Join(code, pupil if isinstance(pupil, str) and PUPIL_ID.fullmatch(pupil) else None, _language(data.get("language")))
    if kind == "language":
        _fields(data, "language")
        return Language(_language(data.get("language")))
    if kind == "answer":
        _fields(data, "question", "choice")
        choice = data.get("choice")
        if not isinstance(choice, list) or len(choice) > MAX_OPTIONS:
            raise BadMessage(_("choice must be a list of at most {most} option numbers", most=MAX_OPTIONS))
        return Answer(_integer(data.get("question"), "question"), tuple(_integer(c, _("each choice")) for c in choice))
    raise BadMessage(_("unknown message type '{type}'", type=kind[:40]))


def teacher_message(raw: Union[str, bytes, None]) -> Union[Hello, Command]:
    data = decode(raw)
    kind = data["type"]
    if kind == "hello":
        _fields(data, "token")
        return Hello(_short_text(data.get("token"), "token", 200))
    if kind == "command":
        _fields(data, "action")
        action = data.get("action")
        if action not in TEACHER_ACTIONS:
            raise BadMessage(_("action must be one of: {actions}", actions=", ".join(TEACHER_ACTIONS)))
        return Command(action)
    raise BadMessage(_("unknown message type '{type}'", type=kind[:40]))


def encode(message: Dict[str, Any]) -> str:
    """One message as JSON text that can always be sent as UTF-8, whatever text the lesson holds.

    YAML accepts lone surrogates ("\\ud800"), which UTF-8 cannot carry: they are shown as U+FFFD,
    the replacement character, instead of stopping the message (and every page's writer) outright.
    """
    text = json.dumps(message, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = utf8_safe(text)
    return text


def utf8_safe(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD (pairs, if any, become the character they encode).

    The one rule for text UTF-8 cannot carry, for messages and the results file alike."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def error(code: str, message: str, **extra: Any) -> str:
    return encode({"type": "error", "code": code, "message": message, **extra})
