"""Moodle's grade table: the only answer fractions Moodle imports.

Moodle matches each imported fraction against this table to within 0.00001 and rejects the
question otherwise (so 33.3 fails where 33.33333 passes). Source: `ensure_fraction_options_initialised`
in moodle/moodle question/engine/bank.php (fractions p/q for q <= 6, p/10, 1/q for q <= 10, and 1/20),
with the matching in `match_grade_options`, lib/questionlib.php.
"""

from __future__ import annotations

from typing import List, Sequence

POSITIVE = (
    "100", "90", "83.33333", "80", "75", "70", "66.66667", "60", "50", "40", "33.33333",
    "30", "25", "20", "16.66667", "14.28571", "12.5", "11.11111", "10", "5",
)
MOODLE_FRACTIONS = POSITIVE + ("0",) + tuple("-" + value for value in POSITIVE)
"""Every percentage Moodle accepts for an answer, as Moodle writes them."""


def share(parts: int) -> str:
    """100% split into `parts` equal shares, as a value from the table (e.g. 3 -> '33.33333')."""
    if parts < 1:
        raise ValueError("a grade is shared between at least one answer")
    for value in POSITIVE:
        if abs(float(value) * parts - 100) < 0.001 * parts:
            return value
    raise ValueError(f"Moodle has no grade for 1/{parts} of the marks")


def multiple_weights(correct: Sequence[bool]) -> List[str]:
    """Weights for a multiple-answer question: the right answers share 100%, the wrong ones
    share -100%, so ticking every box scores nothing (Moodle never goes below zero)."""
    right, wrong = sum(correct), len(correct) - sum(correct)
    return [share(right) if is_right else "-" + share(wrong) for is_right in correct]
