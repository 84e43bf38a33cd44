"""A handout as plain blocks of content. The PDF and its accessible HTML twin are both drawn from
the same blocks, so the two can never say different things."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Optional, Tuple, Union

from ..adapt import HelpContact


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2  # 1 is the page title; 2 and 3 appear in the PDF's bookmarks
    new_page: bool = False  # start a new printed page (e.g. one story per worksheet page)


@dataclass(frozen=True)
class Paragraph:
    text: str
    small: bool = False


@dataclass(frozen=True)
class Bullets:
    items: Tuple[str, ...]
    small: bool = False  # e.g. a list of sources


@dataclass(frozen=True)
class Step:
    title: str
    text: str = ""
    caution: str = ""

    @property
    def lead(self) -> str:
        """The title as it starts a sentence run: "Don't pay." before the text that follows."""
        if self.text and self.title[-1:] not in ".?!:":
            return self.title + "."
        return self.title


@dataclass(frozen=True)
class Steps:
    """A numbered list of things to do, in order."""

    items: Tuple[Step, ...]


@dataclass(frozen=True)
class Callout:
    """A boxed message that must not be missed, e.g. "It's never your fault"."""

    text: str
    detail: str = ""


@dataclass(frozen=True)
class Contacts:
    """Who can help: school first, then local, then national (the adapted lesson's order)."""

    contacts: Tuple[HelpContact, ...]
    detailed: bool = True  # boxes with QR codes; False gives one line per contact
    purpose: bool = True  # say what each service is for (detailed only)
    title: str = ""  # a heading kept on the same page as a one-line-each list


@dataclass(frozen=True)
class FillIn:
    """Labelled blanks for details a school writes in by hand (the national pack has no profile)."""

    labels: Tuple[str, ...]


@dataclass(frozen=True)
class WriteSpace:
    """A question with ruled lines to write the answer on."""

    prompt: str
    lines: int = 4
    roomy: bool = False  # wider lines for younger children's handwriting


@dataclass(frozen=True)
class DoNever:
    """What to do and what never to do, as two labelled lists (never told apart by colour)."""

    do: Tuple[str, ...]
    never: Tuple[str, ...]
    do_label: str
    never_label: str


@dataclass(frozen=True)
class Flow:
    """A referral flow: boxes joined by arrows, top to bottom. Step `branch_from` is a yes/no question;
    `branch` is what to do on "yes" (drawn as a side box), "no" carries on down the flow."""

    steps: Tuple[str, ...]
    branch_from: Optional[int] = None
    branch: str = ""


@dataclass(frozen=True)
class Pairs:
    """Term and explanation pairs: keywords, myths and facts, questions and answers."""

    items: Tuple[Tuple[str, str], ...]
    first_label: str = ""
    second_label: str = ""
    inline: bool = False  # "First: second" on one line, rather than the second indented below


@dataclass(frozen=True)
class TickOption:
    label: str  # "A", "B", ...
    text: str


@dataclass(frozen=True)
class TickQuestion:
    """A quiz question on the pupils' paper: boxes to tick (or to number, for ordering)."""

    number: int
    text: str
    instruction: str
    options: Tuple[TickOption, ...]
    numbered_boxes: bool = False
    choose_one: bool = False  # single choice and true/false: radio buttons in the HTML twin


@dataclass(frozen=True)
class KeyOption:
    label: str
    text: str
    verdict: str  # "Correct", "Not correct", or "Position 2" for ordering
    feedback: str


@dataclass(frozen=True)
class KeyQuestion:
    """A question on the teacher's answer key: every option's verdict and feedback."""

    number: int
    text: str
    answer: str
    options: Tuple[KeyOption, ...]
    teaching_point: str


Block = Union[
    Heading, Paragraph, Bullets, Steps, Callout, Contacts, FillIn, WriteSpace, DoNever, Flow, Pairs,
    TickQuestion, KeyQuestion,
]


@dataclass(frozen=True)
class Logo:
    """A school's logo: the PNG or JPEG bytes, their pixel size and the alt text."""

    data: bytes
    pixels: Tuple[int, int]
    alt: str

    @property
    def data_uri(self) -> str:
        kind = "png" if self.data[:8] == b"\x89PNG\r\n\x1a\n" else "jpeg"
        return f"data:image/{kind};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclass(frozen=True)
class Document:
    """One handout: what it says, plus what a PDF reader and a browser tab show as its title."""

    title: str  # the first heading and the document title in metadata
    subject: str
    author: str
    blocks: Tuple[Block, ...]
    subtitle: str = ""
    footer: str = ""
    keywords: Tuple[str, ...] = field(default=())
    accent: str = "#1D4E89"  # headings and rules; always dark enough for text on white
    columns: int = 1  # 2 sets everything after the first `full_width` blocks in balanced columns
    full_width: int = 0
    logo: Optional["Logo"] = None  # the school's, beside the title
