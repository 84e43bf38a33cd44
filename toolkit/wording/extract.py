"""Keeping the catalogues in step with the code (a developer's task, run from a checkout).

`python -m toolkit.wording extract` gathers every marked message from toolkit/ (Python and the HTML
templates, as babel.cfg maps them) into locale/messages.pot, then updates each language's .po from it.
`python -m toolkit.wording init cy` starts a new language. Both run Babel's own `pybabel` commands.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import List, Sequence

from .catalogues import DOMAIN, LOCALE, TEMPLATE, available, locale_name

ROOT = LOCALE.parents[2]
MAPPING = ROOT / "babel.cfg"


def _pybabel(*arguments: str) -> None:
    """Run a `pybabel` command from the checkout's top folder, so the catalogue names files as `toolkit/...`."""
    from babel.messages.frontend import CommandLineInterface

    here = os.getcwd()
    os.chdir(ROOT)
    try:
        CommandLineInterface().run(["pybabel", "--quiet", *arguments])
    finally:
        os.chdir(here)


def extract_args(output: Path) -> List[str]:
    """The `pybabel extract` arguments that write the catalogue template to `output`."""
    if not MAPPING.is_file():
        raise FileNotFoundError(f"{MAPPING}: not found; extract from a lessonkit checkout")
    return ["extract", "-F", str(MAPPING), "-o", str(output), "--sort-output", "--add-location=file",
            "-c", "TRANSLATORS:", "--project=lessonkit", "--copyright-holder=lessonkit",
            "-k", "N_", "-k", "ngettext:1,2", "toolkit"]


def extract(output: Path = TEMPLATE) -> None:
    _pybabel(*extract_args(output))


def update(tags: Sequence[str] = ()) -> None:
    """Bring each language's .po up to date with the template (new messages added, gone ones marked obsolete)."""
    for tag in tags or available():
        _pybabel("update", "-i", str(TEMPLATE), "-d", str(LOCALE), "-D", DOMAIN, "-l", locale_name(tag),
                 "--no-fuzzy-matching", "--ignore-obsolete")


def init(tag: str) -> None:
    """Start a catalogue for a new language (every message untranslated)."""
    _pybabel("init", "-i", str(TEMPLATE), "-d", str(LOCALE), "-D", DOMAIN, "-l", locale_name(tag))
