"""What characters and words every format can render: the rules `validate` applies to all text.

One home for the character rule: `validate` refuses these characters in lessons, catalogues and
profiles, and `toolkit.terminal` shows them as codes when printing. Words longer than a line of
the narrowest format are refused too, so no format has to break or crash on them.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterator, List, Tuple

from .errors import Finding
from .wording import _
from .yamlsource import Positions

# NUL and the other C0 controls except tab and newline, DEL, the C1 controls, lone surrogates (YAML's
# "\ud800" escape makes them) and U+FFFE/U+FFFF (not characters; XML, so slides, refuses them):
# no format can show them, and some (ESC) steer terminals.
UNRENDERABLE = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
_UNRENDERABLE = re.compile(f"[{UNRENDERABLE}]")

# The longest word every format fits on one line: a slide title at its smallest size (28 pt) holds
# about 31 of the widest letter (W); quiz-paper option cells and pocket cards hold more.
# Web and email addresses are exempt: formats link them and break them at their slashes.
LONGEST_WORD = 30
_ADDRESS = re.compile(r"^[(\[<\"']*(https?://|www\.|[^@\s]+@[^@\s]+\.)", re.IGNORECASE)
# Speaker notes are wrapped by the presentation program, never laid out by lessonkit.
_NO_WORD_RULE = {"notes", "id", "url", "source_url", "website", "email", "logo", "key", "source"}


def character_name(character: str) -> str:
    point = ord(character)
    if 0xD800 <= point <= 0xDFFF:
        return _("U+{code} (a lone surrogate, half of a character)", code="%04X" % point)
    # Unicode's own names (and those of the control characters it leaves unnamed) are identifiers, the
    # same in every language; what is not a name is described.
    name = unicodedata.name(character, "") or {0: "NUL", 0x1B: "ESCAPE", 0x7F: "DELETE", 0x0D: "CARRIAGE RETURN"}.get(point)
    if name is None:
        name = _("not a character") if point in (0xFFFE, 0xFFFF) else _("a control character")
    return f"U+{point:04X} ({name})"


def strings_in(value: Any, loc: Tuple[Any, ...] = ()) -> Iterator[Tuple[Tuple[Any, ...], str, bool]]:
    """Every string in parsed YAML with where it is; True for keys."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                yield loc + (key,), key, True
            yield from strings_in(item, loc + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings_in(item, loc + (index,))
    elif isinstance(value, str):
        yield loc, value, False


def _width(word: str) -> int:
    """Letters as a reader counts them: accents and other combining marks, and zero-width joiners, add nothing."""
    return sum(1 for c in word if not unicodedata.combining(c) and unicodedata.category(c) not in ("Cf", "Mn", "Me"))


def _field(loc: Tuple[Any, ...]) -> str:
    names = [part for part in loc if isinstance(part, str)]
    return names[-1] if names else ""


def text_findings(data: Any, positions: Positions, path: str) -> List[Finding]:
    """Unrenderable characters and over-long words anywhere in a parsed file, each with its place."""
    findings: List[Finding] = []
    for loc, text, is_key in strings_in(data):
        where = positions.find(loc, prefer_key=is_key)
        line, column = where if where else (None, None)
        bad = _UNRENDERABLE.search(text)
        if bad:
            findings.append(Finding(
                path, _("{character} at character {position} of this text cannot be shown in every format",
                        character=character_name(bad.group()), position=bad.start() + 1),
                _("remove it, or retype the text: control characters, NUL and half characters often come from copying "
                  "out of other programs"),
                line, column, rule="characters"))
            continue
        if is_key or _field(loc) in _NO_WORD_RULE or len(text) <= LONGEST_WORD:
            continue
        for word in text.split():
            if len(word) > LONGEST_WORD and _width(word) > LONGEST_WORD and not _ADDRESS.match(word):
                shown = word if len(word) <= 40 else word[:37] + "..."
                findings.append(Finding(
                    path, _("the word '{word}' is {length:,} characters long; a word of more than {longest} "
                            "does not fit on one line in every format", word=shown, length=_width(word), longest=LONGEST_WORD),
                    _("add spaces or hyphens, or shorten it"),
                    line, column, rule="long-word"))
                break
    return findings
