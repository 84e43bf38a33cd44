"""Reading level: the Flesch-Kincaid grade of each sentence a pupil or parent reads."""

from __future__ import annotations

import re
from typing import Iterator, List, Tuple

import textstat

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


def grade(sentence: str) -> float:
    """Flesch-Kincaid grade of one sentence, ignoring web addresses, emails and phone numbers."""
    return float(textstat.flesch_kincaid_grade(_NOT_WORDS.sub("it", sentence)))


def word_count(sentence: str) -> int:
    return int(textstat.lexicon_count(sentence))


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
