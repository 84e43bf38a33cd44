"""The deck's icons: a few from Lucide (ISC licence, `icons/LICENSE`), shipped as PNG files
(`icons/README.md` says how they were made). Each is placed beside words that say the same thing,
so it is marked decorative."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional

FOLDER = Path(__file__).resolve().parent / "icons"

# A response step's icon, by its verb (the lesson's `response_steps[].verb`).
STEP_ICONS = {
    "dont-panic": "wind", "dont-pay": "ban", "stop-contact": "message-circle-off", "block": "user-x",
    "keep-evidence": "clipboard-list", "tell-adult": "hand-helping", "report": "flag",
    "remove-images": "image-off", "get-support": "heart-handshake", "respond-to-disclosure": "ear",
}
SURPRISE, SECRET = "gift", "lock"
WARNING = "triangle-alert"  # beside each warning sign


@lru_cache(maxsize=32)
def icon_png(name: str) -> Optional[bytes]:
    """The icon's PNG bytes, or None if the package was installed without it."""
    path = FOLDER / f"{name}.png"
    return path.read_bytes() if path.is_file() else None
