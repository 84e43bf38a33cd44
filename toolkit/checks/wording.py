"""Finding words in lessons: every text with its place, blaming phrases, and phone numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, List, Optional, Tuple

from pydantic import BaseModel

from ..adapt import shows
from ..model import Audience
from ..wording import N_, _

Loc = Tuple[Any, ...]

# Fields that hold ids, references or fixed choices, never wording anyone reads.
NOT_WORDING = frozenset({
    "id", "audiences", "min_age", "support_routes", "routes", "warning_signs_shown", "source", "key",
    "type", "stage", "verb", "kind", "version", "url", "source_url", "last_verified",
    "last_reviewed", "date", "correct", "quotation", "fictional", "minutes", "year", "age",
})


def texts(node: Any, loc: Loc = (), audience: Optional[Audience] = None,
          skip: Callable[[BaseModel, str], bool] = lambda model, name: False) -> Iterator[Tuple[Loc, str]]:
    """Every piece of wording under `node`, with its place in the file.

    Without an audience, every variant of audience-varying text is given (each at its own key).
    With one, only what that audience sees: items filtered by `audiences`/`min_age`, and the
    audience's override or else the default. `skip(model, field)` leaves fields out.
    """
    if isinstance(node, BaseModel):
        if audience is not None and hasattr(node, "min_age") and hasattr(node, "audiences") and not shows(node, audience):
            return
        for name in type(node).model_fields:
            if name not in NOT_WORDING and not skip(node, name):
                yield from texts(getattr(node, name), loc + (name,), audience, skip)
    elif isinstance(node, (list, tuple)):
        for index, item in enumerate(node):
            yield from texts(item, loc + (index,), audience, skip)
    elif isinstance(node, dict):  # a Text that differs by audience
        if audience is None:
            for key, value in node.items():
                yield loc + (key,), value
        else:
            key = audience.id if audience.id in node else "default"
            yield loc + (key,), node[key]
    elif isinstance(node, str):
        yield loc, node


def normalise(text: str) -> str:
    """Straight quotes and apostrophes, single spaces: so "don’t" matches "don't"."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text)


# --- Victim-blaming and shaming wording ------------------------------------------------------------

@dataclass(frozen=True)
class BlamePattern:
    regex: "re.Pattern[str]"
    suggestion: str
    negatable: bool = False
    """True when a "never"/"not" just before it turns it into the message we want ("never your fault")."""


def _p(pattern: str, suggestion: str, negatable: bool = False) -> BlamePattern:
    return BlamePattern(re.compile(pattern, re.IGNORECASE), suggestion, negatable)


KIND = N_("say instead that it is never their fault and the blackmailer is to blame")
BLAME_PATTERNS: List[BlamePattern] = [
    _p(r"\b(?:your|their|his|her|my) own fault\b", KIND),
    _p(r"\b(?:your|their|his|her|my|the victim's) fault\b", KIND, negatable=True),
    _p(r"\b(?:you|they|he|she)(?:'re|'s| are| were| was| is) to blame\b", KIND, negatable=True),
    _p(r"\bonly (?:yourself|themselves|himself|herself) to blame\b", KIND),
    _p(r"\b(?:you|they|he|she) (?:shouldn't|should not|should never) have\b(?! to\b)",  # "shouldn't have to cope alone" is kind
       N_("describe what happened without judging the choice; offenders trick and pressure people")),
    _p(r"\bshould(?:n't| not)? have known better\b", N_("anyone can be tricked; say so")),
    _p(r"\bwhy (?:did|would|do) (?:you|they|he|she) (?:send|share|take|trust)\b",
       N_("ask what happened and how you can help, not why they did it")),
    _p(r"\bwhat (?:were|was) (?:you|they|he|she) thinking\b", N_("ask how you can help instead")),
    _p(r"\basking for it\b", KIND),
    _p(r"\b(?:brought|bring|brings) (?:it|this) on (?:yourself|themselves|himself|herself)\b", KIND),
    _p(r"\bdeserved?s? (?:it|this|that)(?=\s*(?:[.!?,;:]|$))", N_("say nobody deserves this"), negatable=True),
    _p(r"\bstupid\b(?! questions?\b)", N_("say that offenders are skilled at tricking people, so anyone can be caught out")),
    _p(r"\bidiot(?:ic|s)?\b", N_("say that offenders are skilled at tricking people, so anyone can be caught out")),
    _p(r"\bgullible\b", N_("say that offenders are skilled at tricking people, so anyone can be caught out")),
    _p(r"\bna[i\u00ef]ve\b", N_("say that offenders are skilled at tricking people, so anyone can be caught out")),
    _p(r"\bshame on\b", N_("say there is no shame in asking for help")),
    _p(r"\b(?:should be|ought to be) ashamed\b", N_("say there is no shame in asking for help")),
    _p(r"\bashamed of (?:yourself|themselves|himself|herself)\b", N_("say there is no shame in asking for help")),
    _p(r"\bserves? (?:you|them|him|her) right\b", KIND),
]

NEGATORS = re.compile(r"\b(?:never|not|no|none|nobody|nothing|neither|nor|isn't|wasn't|aren't|weren't|don't|doesn't|didn't)\b|n't\b")


def _negated(text: str, start: int) -> bool:
    """True when one of the four words before `start`, in the same sentence, is "never", "not" or the like."""
    before = re.split(r"[.!?;:]", text[:start])[-1].split()[-4:]
    return bool(NEGATORS.search(" ".join(before).lower()))


def blaming_phrases(text: str) -> List[Tuple[str, str]]:
    """(phrase as written, suggestion) for every victim-blaming or shaming phrase in `text`."""
    text = normalise(text)
    found = []
    for pattern in BLAME_PATTERNS:
        for match in pattern.regex.finditer(text):
            if pattern.negatable and _negated(text, match.start()):
                continue
            found.append((match.group(0), _(pattern.suggestion)))
    return found


# --- Phone numbers -------------------------------------------------------------------------------

# A UK-style number: starts 0 or +44, 8 to 11 digits, in groups split by single spaces or hyphens.
PHONE = re.compile(r"(?<![\w+])(?:\+44[ -]?(?:\(0\)[ -]?)?|0)\d{1,5}(?:[ -]?\d{1,6}){1,5}(?![\d])")

def digits(number: str) -> str:
    """The digits of a number in national form: '+44 20 7946 0000' -> '02079460000'."""
    only = re.sub(r"\D", "", number)
    if number.strip().startswith("+44"):
        only = "0" + only[2:].lstrip("0")  # '+44 (0)20' and '+44 20' both mean '020'
    return only


def is_drama_number(number: str) -> bool:
    """One rule for lessons and profiles: Ofcom's drama ranges, as profiles/phones.py lists them."""
    from ..profiles.phones import is_drama

    return is_drama(number)


def unknown_phone_numbers(text: str, known: Iterable[str]) -> List[str]:
    """Phone-like strings in `text` that are neither in `known` (digits only) nor drama numbers."""
    known_digits = set(known)
    found = []
    for match in PHONE.finditer(normalise(text)):
        candidate = match.group(0)
        groups = re.split(r"(?<=\d)[ -](?=\d)", candidate)
        # "0800 1111 24 hours" reads as one long number: accept it when a leading part is known.
        prefixes = [" ".join(groups[:n]) for n in range(len(groups), 0, -1)]
        numbers = [p for p in prefixes if 8 <= len(digits(p)) <= 12]
        if not numbers:
            continue
        if any(digits(p) in known_digits or is_drama_number(p) for p in numbers):
            continue
        found.append(numbers[0])
    return found
