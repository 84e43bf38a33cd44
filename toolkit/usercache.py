"""The user's cache folder for lessonkit: what a command worked out once and can take up again next
time (what `validate` found in each file, the compiled message catalogues). `$LESSONKIT_CACHE_DIR`
when set, else the system's cache folder for the user (platformdirs: `~/.cache/lessonkit` on Linux).
Everything in it is safe to delete at any time; nothing in it is ever run."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Sequence

CACHE_ENV = "LESSONKIT_CACHE_DIR"


def cache_folder(part: str) -> Path:
    """The folder for one kind of thing kept (not made until something is written in it)."""
    given = os.environ.get(CACHE_ENV)
    if given:
        return Path(given) / part
    import platformdirs

    return platformdirs.user_cache_path("lessonkit", appauthor=False) / part


def kept_file(part: str, source: bytes, made_by: str, suffix: str) -> Path:
    """Where what `made_by` (a library and its version, e.g. `babel-2.16.0`) made from `source` is
    kept: named by both, so that a change to either is made and kept afresh, never read stale."""
    import hashlib

    return cache_folder(part) / f"{hashlib.sha256(source).hexdigest()[:32]}-{made_by}{suffix}"


def write_whole(target: Path, chunks: Sequence[bytes]) -> None:
    """Write `chunks` to `target` whole or not at all (a temporary file beside it, then renamed), so
    another lessonkit reading it at the same time never sees half a file. Raises OSError."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(temporary, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        os.replace(temporary, target)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
