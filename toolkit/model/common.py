"""Types shared by every model: slugs, audience-varying text, the strict base class."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Dict, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, HttpUrl, StringConstraints

from ..wording import _

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=64),
    Field(description="Lower-case letters, digits and single hyphens, e.g. `online-blackmail`."),
]

NATIONS = ("england", "wales", "scotland", "northern-ireland")


# Length limits: what every format can lay out (tests/model/test_limits.py renders text at each
# limit, in the widest letters, in every format). Headings become slide titles; lines become
# bullets, quiz options and table cells; paragraphs are notes, briefs and summaries.
HEADING_MAX = 100
LINE_MAX = 600
PARAGRAPH_MAX = 3000
NAME_MAX = 120
PATH_MAX = 255


def _check_text_map(value: Union[str, Dict[str, str]]) -> Union[str, Dict[str, str]]:
    if isinstance(value, dict):
        if "default" not in value:
            raise ValueError(_("text that differs by audience needs a 'default' entry, e.g. {example}",
                               example="{default: '...', ks3: '...'}"))
        for key, text in value.items():
            if not text.strip():
                raise ValueError(_("the '{key}' text is empty", key=key))
    elif not value.strip():
        raise ValueError(_("text must not be empty"))
    return value


def _within(limit: int):
    def check(value: Union[str, Dict[str, str]]) -> Union[str, Dict[str, str]]:
        for key, text in (value.items() if isinstance(value, dict) else [("", value)]):
            if len(text) > limit:
                if key:
                    raise ValueError(_("the '{key}' text is {length:,} characters long; the limit here is {limit:,}. "
                                       "Shorten it, or split it into several points", key=key, length=len(text),
                                       limit=limit))
                raise ValueError(_("this text is {length:,} characters long; the limit here is {limit:,}. "
                                   "Shorten it, or split it into several points", length=len(text), limit=limit))
        return value
    return check


def _text(limit: int):
    return Annotated[
        Union[str, Dict[str, str]],
        AfterValidator(_check_text_map),
        AfterValidator(_within(limit)),
        Field(
            description=(
                f"Plain text (at most {limit:,} characters), or a mapping with a 'default' text plus overrides "
                "keyed by audience id (ks2, ks3, ks4, post16, staff, parents)."
            )
        ),
    ]


Text = _text(PARAGRAPH_MAX)
Line = _text(LINE_MAX)
Heading = _text(HEADING_MAX)

Name = Annotated[str, StringConstraints(max_length=NAME_MAX)]
"""A name or label: a school, a person, a service."""
Words = Annotated[str, StringConstraints(max_length=LINE_MAX)]
"""A line of plain text that does not vary by audience."""
Paragraph = Annotated[str, StringConstraints(max_length=PARAGRAPH_MAX)]


class Strict(BaseModel):
    """Every model refuses unknown keys and never changes once loaded.

    Each model's validator is built the first time it is used, not when `toolkit.model` is imported
    (`defer_build`): a command builds only the models it reads (`validate` never builds the school
    profile's), and a model used inside another is built once, as part of it."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Sourced(Strict):
    """Anything a safeguarding lead must be able to check: where it came from and when."""

    source_url: HttpUrl
    """The public page this was checked against."""
    last_verified: dt.date
    """When someone last checked it against the source (YYYY-MM-DD)."""


def text_for(text: Union[str, Dict[str, str], None], audience_id: str) -> str:
    """The wording one audience sees: its override, else the default."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(audience_id, text["default"])
