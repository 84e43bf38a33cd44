"""The one order a question's options are shown in: on the slides, the quiz paper and its key,
and the live quiz. Ordering questions are stored in the right order, so they are shown in a fixed
scrambled order (never the answer itself); every other type keeps the author's order."""

from __future__ import annotations

import zlib
from typing import Tuple

from ..adapt import Question


def shown_order(question: Question) -> Tuple[int, ...]:
    """Indices of the question's options in the order the class sees them, everywhere."""
    count = len(question.options)
    if question.type != "ordering":
        return tuple(range(count))
    step = 1 + zlib.crc32(question.id.encode()) % max(1, count - 1)
    order = tuple(sorted(range(count), key=lambda i: ((i * step) % count, i)))
    if order == tuple(range(count)):
        order = tuple(reversed(order))
    return order
