"""The duplicate-lesson-id rule, on a lesson's id and where it is written: so that `validate` can
apply it to lessons it remembers (toolkit/checkcache.py) as to lessons it has just read."""

from __future__ import annotations

from typing import Dict, Optional, Tuple

from ..errors import Finding
from ..wording import _

Where = Optional[Tuple[Optional[int], Optional[int]]]


def duplicate_id(path: str, lesson_id: str, where: Where, seen: Dict[str, str]) -> Optional[Finding]:
    """A finding if another lesson already took this id (`seen`: id -> file, updated here); `where`
    is the (line, column) of the id in the file at `path`."""
    seen.setdefault(lesson_id, path)
    if seen[lesson_id] == path:
        return None
    line, column = where if where else (None, None)
    return Finding(path, _("lesson id '{id}' is also used by {file}", id=lesson_id, file=seen[lesson_id]),
                   _("give each lesson its own id"), line, column, rule="duplicate-id")


def id_position(loaded) -> Where:
    """Where a loaded lesson's id is written (as `Loaded.finding` places a message about it)."""
    return loaded.positions.find(("id",), prefer_key=False)
