"""Reading level: the Flesch-Kincaid grade of each sentence a pupil or parent reads.

The grade is the one textstat 0.7.4 gives (which lessonkit used until then), counted the same way
and with the same syllable counts: pyphen's hyphenation points in its American English dictionary,
as textstat counted them (tests/checks/test_readability.py holds textstat's grades for sentences of
every kind). textstat itself is no longer used: 0.7.4 needs `pkg_resources`, which setuptools 81
and later no longer have, and takes about 0.05 s to import; later versions change the counts and
download a dictionary from the internet on first use.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Iterator, List, Tuple

from .wording import normalise

MIN_WORDS = 8
"""Shorter sentences (headings, answers) give noisy grades, so they are not measured."""

QUOTE_LENGTH = 80

# Fields a class or a parents' evening never sees: notes for whoever leads the session.
NOT_READ_BY_AUDIENCE = frozenset({"teacher_notes", "notes", "sources", "summary", "reviewed_by", "short",
                                  "answers", "plan"})
"""`answers`: an activity's prepared teacher answers; `plan`: a session's timed steps (speaker notes)."""

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n+")
_NOT_WORDS = re.compile(r"https?://\S+|\S+@\S+|\b\d[\d ]*\d\b")


def sentences(text: str) -> List[str]:
    """Split a text into sentences (bullets and line breaks end a sentence too)."""
    return [s.strip() for s in _SENTENCE_END.split(normalise_lines(text)) if s.strip()]


def normalise_lines(text: str) -> str:
    return "\n".join(normalise(line) for line in text.splitlines())


_PUNCTUATION = re.compile(r"[^\w\s]")
_COUNTED_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


@functools.lru_cache(maxsize=None)
def _hyphenation():
    """pyphen's American English patterns, loaded when the first sentence is graded.

    pyphen parses its dictionary's 11,000 patterns each time (about 0.05 s of every `validate`), so
    the parsed patterns are kept in the user's cache folder as JSON (toolkit/usercache.py), named by
    the dictionary's bytes and pyphen's version, and read back from there (about 0.01 s; a file whose
    digest does not match is parsed again). They are handed to pyphen through its own cache of
    dictionaries, so pyphen counts exactly as it would."""
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    if path not in pyphen.hdcache:
        _take_up_patterns(pyphen, path)
    return pyphen.Pyphen(lang="en_US")


def _take_up_patterns(pyphen, path) -> None:
    """Put `path`'s patterns, as kept by an earlier command, into pyphen's cache; else parse them
    (as pyphen would) and keep them for the next. Nothing kept, or something damaged, is only slower."""
    import hashlib
    import json

    from ..usercache import kept_file, write_whole

    try:
        kept = kept_file("hyphenation", path.read_bytes(), f"pyphen-{pyphen.__version__}", ".json")
    except (OSError, AttributeError):
        return  # pyphen reads its dictionary itself
    try:
        digest, _, body = kept.read_bytes().partition(b"\n")
        if digest.decode("ascii") != hashlib.sha256(body).hexdigest():
            raise ValueError("damaged")  # e.g. cut short, or changed by hand
        longest, patterns = json.loads(body)
        parsed = pyphen.HyphDict.__new__(pyphen.HyphDict)
        parsed.patterns = {tags: (start, tuple(values)) for tags, (start, values) in patterns.items()}
        parsed.cache, parsed.maxlen = {}, int(longest)
        pyphen.hdcache[path] = parsed
        return
    except (OSError, ValueError, TypeError, AttributeError, UnicodeDecodeError):  # not kept yet, or damaged
        pass
    parsed = pyphen.hdcache[path] = pyphen.HyphDict(path)
    if any(type(value) is not int for _, values in parsed.patterns.values() for value in values):
        return  # a pattern with an alternative spelling (a DataInt): JSON would lose it
    try:
        patterns = {tags: [start, list(values)] for tags, (start, values) in parsed.patterns.items()}
        body = json.dumps([parsed.maxlen, patterns], ensure_ascii=False).encode("utf-8")
        write_whole(kept, [hashlib.sha256(body).hexdigest().encode("ascii"), b"\n", body])
    except OSError:
        pass


def _rounded(number: float, places: int) -> float:
    """Rounded half away from zero (as textstat rounds), not to even."""
    scale = 10 ** places
    return float(math.floor(number * scale + math.copysign(0.5, number))) / scale


def word_count(sentence: str) -> int:
    """Words, punctuation left out (so "don't" and "singer-songwriter" are one word each)."""
    return len(_PUNCTUATION.sub("", sentence).split())


def _syllable_count(text: str) -> int:
    hyphenation = _hyphenation()
    return sum(len(hyphenation.positions(word)) + 1 for word in _PUNCTUATION.sub("", text.lower()).split())


def _sentence_count(text: str) -> int:
    """Sentences of three words or more (at least one): shorter ones are not counted."""
    found = _COUNTED_SENTENCE.findall(text)
    return max(1, len(found) - sum(1 for sentence in found if word_count(sentence) <= 2))


def flesch_kincaid_grade(text: str) -> float:
    """0.39 x words per sentence + 11.8 x syllables per word - 15.59, each average to one decimal
    place first, and the grade to one."""
    words = word_count(text)
    words_per_sentence = _rounded(words / _sentence_count(text), 1)
    syllables_per_word = _rounded(_syllable_count(text) / words, 1) if words else 0.0
    return _rounded(float(0.39 * words_per_sentence) + float(11.8 * syllables_per_word) - 15.59, 1)


def grade(sentence: str) -> float:
    """Flesch-Kincaid grade of one sentence, ignoring web addresses, emails and phone numbers."""
    return flesch_kincaid_grade(_NOT_WORDS.sub("it", sentence))


def hard_sentences(text: str, limit: float) -> Iterator[Tuple[str, float]]:
    """(sentence, grade) for each sentence of MIN_WORDS or more whose grade is above `limit`."""
    for sentence in sentences(text):
        if word_count(sentence) >= MIN_WORDS:
            level = grade(sentence)
            if level > limit:
                yield sentence, level


def quote(sentence: str) -> str:
    """The sentence, or its first words up to about QUOTE_LENGTH characters, cut at a word."""
    if len(sentence) <= QUOTE_LENGTH:
        return sentence
    cut = sentence[: QUOTE_LENGTH - 2]
    cut = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return cut.rstrip(" ,;:") + "..."
