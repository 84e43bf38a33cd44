"""What goes on a slide, before any layout: runs of text, paragraphs, blocks kept together."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Tuple

from ..wording import _


_SPACES = re.compile(r"\s+")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    link: str = ""  # a web address the run opens

    def __post_init__(self) -> None:
        # One line of flowing text: line breaks and tabs from YAML block scalars become spaces, as
        # the measuring assumes; characters XML cannot hold are dropped.
        object.__setattr__(self, "text", _SPACES.sub(" ", _NOT_XML.sub("", self.text)))


@dataclass(frozen=True)
class Para:
    runs: Tuple[Run, ...]
    level: int = 0  # 0 = main point, 1 = a detail under it
    bullet: bool = True
    continues: bool = False  # the rest of a point cut across slides: indented as one, no bullet

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class QrCode:
    """A QR code shown beside the text, with the service's name under it."""

    name: str
    url: str

    @property
    def alt_text(self) -> str:
        return _("QR code: link to {name}, {url}", name=self.name, url=self.url)


@dataclass(frozen=True)
class Block:
    """Paragraphs that belong together (a step and its caution): never split across slides if
    they fit on one."""

    paras: Tuple[Para, ...]
    qr: Optional[QrCode] = None
    qr_para: int = 0  # the paragraph the QR code stands beside (after a heading, the service's name)


@dataclass
class SlideSpec:
    """One slide as planned; a content slide may become several when its text is long.

    kind: "title" (title slide), "section" (a divider), "content" (title and body) or "picture"
    (a drawn picture on the left, the text on the right)."""

    kind: str
    title: str
    blocks: Tuple[Block, ...] = ()
    notes: str = ""
    subtitle: Tuple[str, ...] = ()
    review: str = ""  # the title slide's last subtitle line; in its notes instead if the slide has no room
    logo: bool = False
    guide: bool = False  # the friendly guide drawn on the title slide (the youngest pupils)
    group: str = ""  # what the slide is part of, for matching timings (e.g. "Starter quiz")
    columns: int = 1  # 2: the text flows down two columns side by side (on a Two Content layout)
    picture: Optional[object] = None  # kind "picture": a drawn picture (e.g. a story's chat) beside the text
    timing: Optional[tuple] = None  # (plan step key, label, minutes, extra?) or a fixed timing line: notes get one per slide
    layout: str = ""  # a named layout this slide prefers when the template has it: "quiz" or "help"
    instead: Tuple["SlideSpec", ...] = ()  # the authored slides to use when this one would need a continuation
    beside: int = 1  # kind "picture": how many blocks always stand beside the picture (e.g. who's who)
    own_title: str = ""  # kind "picture": the title of the text that follows, when it is too short to continue


def para(text: str, level: int = 0, bullet: bool = True, bold: bool = False) -> Para:
    return Para((Run(text, bold),), level, bullet)


def labelled(label: str, text: str, level: int = 0, bullet: bool = False) -> Para:
    """'Myth: ...' with the label in bold."""
    return Para((Run(label, True), Run(text)), level, bullet)


def bullets(texts, level: int = 0) -> Tuple[Block, ...]:
    return tuple(Block((para(t, level),)) for t in texts)


def plain(texts) -> Tuple[Block, ...]:
    return tuple(Block((para(t, bullet=False),)) for t in texts)


@dataclass(frozen=True)
class Column:
    """The text of one body placeholder after fitting, with the QR codes beside it."""

    paras: Tuple[Para, ...]
    qr_codes: Tuple[QrCode, ...] = ()
    qr_tops: Tuple[float, ...] = ()  # where each code's text starts, in points from the top


@dataclass
class Page:
    """One physical content slide after fitting: its title, its columns and the size used."""

    title: str
    columns: Tuple[Column, ...]
    size_pt: int

    @property
    def paras(self) -> Tuple[Para, ...]:
        """Every paragraph on the slide, in reading order."""
        return tuple(p for column in self.columns for p in column.paras)

    @property
    def qr_codes(self) -> Tuple[QrCode, ...]:
        return tuple(q for column in self.columns for q in column.qr_codes)
