"""Every sentence a reader sees, looked up in the build's language.

Code marks a message with `_()` (or `N_()` where it is stored, to be looked up later) and templates
with `{{ _("...") }}`; `python -m toolkit.wording extract` gathers them into the catalogue
(`locale/messages.pot`), and each language has its own `.po` file beside it (docs/wording.md).

A message is looked up when it is used, in the language of the build in progress: `language("cy")`
sets it for the code inside, so nothing translatable may be looked up at import time.
"""

from __future__ import annotations

import contextlib
import contextvars
from typing import Iterator

from .catalogues import DEFAULT_LANGUAGE, available, translations

_LANGUAGE: contextvars.ContextVar[str] = contextvars.ContextVar("lessonkit_language", default=DEFAULT_LANGUAGE)

__all__ = ["DEFAULT_LANGUAGE", "N_", "_", "available", "current_language", "install", "language", "ngettext"]


def current_language() -> str:
    """The BCP 47 tag ('en-GB', 'cy') of the build in progress: what documents declare as their language."""
    return _LANGUAGE.get()


@contextlib.contextmanager
def language(tag: str) -> Iterator[str]:
    """Look messages up in `tag` inside the `with` block (a KeyError-free check is `available()`)."""
    translations(tag)  # an unknown language fails here, before anything is rendered
    token = _LANGUAGE.set(tag)
    try:
        yield tag
    finally:
        _LANGUAGE.reset(token)


def _(message: str, **values: object) -> str:
    """`message` in the current language; `{name}` fields are then filled from `values`."""
    if not message:
        return message  # gettext's empty message id is the catalogue's header, never a message
    text = translations(_LANGUAGE.get()).gettext(message)
    return text.format(**values) if values else text


def ngettext(singular: str, plural: str, count: int, **values: object) -> str:
    """The singular or plural message for `count` (as the language counts), `{count}` filled in."""
    text = translations(_LANGUAGE.get()).ngettext(singular, plural, count)
    return text.format(count=count, **values)


def install(environment) -> None:
    """Give a Jinja environment (with the `jinja2.ext.i18n` extension) `_()` and `ngettext()` in the
    current language; Jinja fills `%(name)s` fields itself, escaping them."""
    environment.install_gettext_callables(
        gettext=lambda message: translations(_LANGUAGE.get()).gettext(message),
        ngettext=lambda singular, plural, count: translations(_LANGUAGE.get()).ngettext(singular, plural, count),
        newstyle=True)


def N_(message: str) -> str:
    """Mark a message for the catalogue where it is stored (a table, a constant); look it up with `_()`
    where it is used."""
    return message
