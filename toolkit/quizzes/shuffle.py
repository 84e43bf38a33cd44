"""Reproducible option orders: the same seed and question always give the same order."""

from __future__ import annotations

import hashlib
import random
from typing import List, Optional


def option_order(count: int, seed: Optional[int], key: str) -> List[int]:
    """Indices 0..count-1, shuffled by `seed` for this question `key`; as written without a seed."""
    order = list(range(count))
    if seed is not None:
        random.Random(f"{seed}:{key}").shuffle(order)
    return order


def content_position(key: str, count: int) -> int:
    """A position in 0..count-1 that depends only on `key`: no clock, no global random state."""
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest(), 16) % count
