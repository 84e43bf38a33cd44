"""The message catalogues: which languages have one, and reading one.

The package ships each language's `.po` file and compiles it the first time a command asks for that
language (Babel's reader and writer), so a checkout, an editable install and a wheel all work with
no compile step and there is no compiled file to forget to update. The compiled catalogue is kept in
the user's cache folder, named by the .po's bytes, so later commands read it rather than compile
the .po again (about 0.05 s a command).
"""

from __future__ import annotations

import functools
import gettext
import io
from pathlib import Path
from typing import List, Optional

DEFAULT_LANGUAGE = "en-GB"
"""Every output's language unless the build asks for another (`lessonkit build --language`)."""

LOCALE = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"


def locale_name(tag: str) -> str:
    """gettext's folder name for a BCP 47 tag: 'en-GB' -> 'en_GB'."""
    return tag.replace("-", "_")


def po_path(tag: str) -> Path:
    return LOCALE / locale_name(tag) / "LC_MESSAGES" / f"{DOMAIN}.po"


def available() -> List[str]:
    """Every language with a catalogue, as BCP 47 tags ('en-GB')."""
    return sorted(p.parent.parent.name.replace("_", "-") for p in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


class UnknownLanguage(ValueError):
    """A language with no catalogue."""

    def __init__(self, tag: str):
        self.tag = tag
        super().__init__(f"no catalogue for language '{tag}'. Languages: {', '.join(available())}")


@functools.lru_cache(maxsize=None)
def translations(tag: str) -> gettext.GNUTranslations:
    """The compiled catalogue for `tag`; untranslated messages fall back to the English message id."""
    path = po_path(tag)
    if not path.is_file():
        raise UnknownLanguage(tag)
    source = path.read_bytes()
    kept = _kept(source)
    if kept is not None:
        try:
            return gettext.GNUTranslations(io.BytesIO(kept.read_bytes()))
        except (OSError, ValueError, UnicodeDecodeError):  # missing or damaged: compiled again
            pass
    from babel.messages.mofile import write_mo  # only when a catalogue is compiled
    from babel.messages.pofile import read_po

    catalogue = read_po(io.BytesIO(source))  # its header gives the plural rule
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    if kept is not None:
        try:
            from ..usercache import write_whole

            write_whole(kept, [compiled.getvalue()])
        except OSError:
            pass  # compiled again next time
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def _kept(source: bytes) -> Optional[Path]:
    """Where the catalogue compiled from `source` is kept between commands (the user's cache folder,
    toolkit/usercache.py), named by the .po's bytes and Babel's version; None if there is nowhere."""
    from importlib import metadata

    from ..usercache import kept_file

    try:
        return kept_file("catalogues", source, f"babel-{metadata.version('Babel')}", ".mo")
    except (metadata.PackageNotFoundError, OSError):
        return None
