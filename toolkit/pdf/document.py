"""Page set-up for every handout PDF: paper, safe margins, metadata, bookmarks and the footer."""

from __future__ import annotations

import contextlib
import functools
import io
from dataclasses import dataclass
from typing import Iterator, List, Optional, Sequence, Tuple

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, FrameBreak, PageTemplate, Paragraph

from ..wording import current_language
from ..wording.phrases import page_of
from . import fonts
from .styles import MUTED

PAPER = {"a4": A4, "letter": LETTER}
SAFE_MARGIN = 15 * mm  # school printers cannot reach the last few millimetres of a sheet
SIDE_MARGIN = 18 * mm
COLUMN_GAP = 6 * mm
PRODUCER = "lessonkit"


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    keywords: Tuple[str, ...] = ()


def page_size(paper: str) -> Tuple[float, float]:
    if paper not in PAPER:
        raise ValueError(f"unknown paper size '{paper}': use one of {', '.join(PAPER)}")
    return PAPER[paper]


def footer_size(body_size: float, large_print: bool) -> float:
    return body_size  # the type rules (`styles.TYPE_RULES`) hold for the footer too




@functools.lru_cache(maxsize=256)  # asked for every version of a handout, and again for its pages
def footer_lines(text: str, paper: str, size: float) -> Tuple[str, ...]:
    """The footer as printed: whole parts ('title · audience · school · version') to a line, so it
    wraps between parts rather than being cut; a part too long for a line wraps between words."""
    if not text:
        return ()
    fonts.register_fonts()
    width, _ = page_size(paper)
    room = width - 2 * SIDE_MARGIN - pdfmetrics.stringWidth(page_of(99, 99), fonts.REGULAR, size) - 6 * mm

    def fits(line: str) -> bool:
        return pdfmetrics.stringWidth(line, fonts.REGULAR, size) <= room

    lines: List[str] = []
    for part in text.split(" · "):
        joined = f"{lines[-1]} · {part}" if lines else part
        if lines and fits(joined):
            lines[-1] = joined
            continue
        words, line = part.split(), ""
        for word in words:
            if line and not fits(f"{line} {word}"):
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
    return tuple(lines)


FOOTER_LEADING = 1.25


def bottom_margin(body_size: float, large_print: bool, footer: str = "", paper: str = "a4") -> float:
    """Room for the footer's lines (at least one, for the page number) above the safe margin."""
    size = footer_size(body_size, large_print)
    lines = max(1, len(footer_lines(footer, paper, size)))
    return SAFE_MARGIN + size * (2.2 + FOOTER_LEADING * (lines - 1))


@contextlib.contextmanager
def binary_streams() -> Iterator[None]:
    """Write compressed streams as binary rather than ASCII85 text: smaller files, and much faster
    (reportlab's ASCII85 encoder is pure Python unless its C accelerator is installed)."""
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


class _NumberedCanvas(Canvas):
    """Holds pages back until the end so each footer can say 'Page 2 of 3', and so bookmarks are
    only written for documents of more than one page."""

    footer_lines: Tuple[str, ...] = ()
    footer_size = 11.0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: List[dict] = []
        self.headings: List[Tuple[int, str, int]] = []  # (page, text, outline level), in order

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        headings = self.headings if total > 1 else []
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(total)
            for index, (page, text, level) in enumerate(headings):
                if page == number:
                    self.bookmarkPage(f"heading-{index}")
                    self.addOutlineEntry(text, f"heading-{index}", level=level, closed=False)
            super().showPage()
        if headings:
            self.showOutline()  # open the bookmarks pane
        super().save()

    def _draw_footer(self, total: int) -> None:
        width, _ = self._pagesize
        size = self.footer_size
        baseline = SAFE_MARGIN + size * 0.3  # descenders stay clear of the safe margin
        self.saveState()
        self.setFillColor(MUTED)
        self.setFont(fonts.REGULAR, size)
        page = page_of(self.getPageNumber(), total)
        self.drawRightString(width - SIDE_MARGIN, baseline, page)
        lines = self.footer_lines
        for number, line in enumerate(lines):  # wrapped, never cut: the last line sits lowest
            self.drawString(SIDE_MARGIN, baseline + (len(lines) - 1 - number) * size * FOOTER_LEADING, line)
        self.restoreState()


class PageLimit(Exception):
    """A layout ran over its page limit, and was stopped there."""


class _HandoutTemplate(BaseDocTemplate):
    """Notes every title and heading, nested by level, for the bookmarks (`_NumberedCanvas`); stops
    when the content needs a page beyond `max_pages`, if set."""

    max_pages: Optional[int] = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._outline_level = -1

    def handle_pageBegin(self):
        if self.max_pages and self.page >= self.max_pages:
            raise PageLimit(f"more than {self.max_pages} pages")
        super().handle_pageBegin()

    def afterFlowable(self, flowable: Flowable) -> None:
        level = getattr(flowable, "outline_level", None)
        if level is None or not isinstance(flowable, Paragraph):
            return
        level = min(level, self._outline_level + 1)  # PDF outlines cannot skip a level
        self._outline_level = level
        self.canv.headings.append((self.page, flowable.getPlainText(), level))


def _header_height(header: Sequence[Flowable], width: float, height: float) -> float:
    total = 0.0
    for flowable in header:
        _, h = flowable.wrap(width, height)
        total += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total + 2  # a little slack: a frame refuses content that overfills it by a hair


def _page_templates(width: float, height: float, bottom: float, columns: int, header: Sequence[Flowable]):
    body_w, body_h = width - 2 * SIDE_MARGIN, height - SIDE_MARGIN - bottom
    if columns == 1:
        return [PageTemplate(id="page", frames=[_frame(SIDE_MARGIN, bottom, body_w, body_h, "body")])]
    column_w = column_width(body_w, columns)

    def column_frames(top_h: float) -> List[Frame]:
        return [_frame(SIDE_MARGIN + i * (column_w + COLUMN_GAP), bottom, column_w, body_h - top_h, f"column{i}")
                for i in range(columns)]

    head_h = min(_header_height(header, body_w, body_h), body_h / 2)
    first = [_frame(SIDE_MARGIN, height - SIDE_MARGIN - head_h, body_w, head_h, "header")] + column_frames(head_h)
    return [PageTemplate(id="first", frames=first, autoNextPageTemplate="rest"),
            PageTemplate(id="rest", frames=column_frames(0))]


def _frame(x: float, y: float, w: float, h: float, name: str) -> Frame:
    return Frame(x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=name)


def build_pdf(header: Sequence[Flowable], body: Sequence[Flowable], metadata: Metadata, paper: str,
              body_size: float, large_print: bool, footer: str = "", columns: int = 1,
              max_pages: Optional[int] = None) -> Tuple[bytes, int]:
    """Lay out `header` across the page and `body` in `columns`; returns the PDF and its page count.
    Raises `PageLimit` as soon as it needs more than `max_pages`, when given."""
    font = fonts.register_fonts()
    buffer = io.BytesIO()
    width, height = page_size(paper)
    bottom = bottom_margin(body_size, large_print, footer, paper)
    doc = _HandoutTemplate(
        buffer, pagesize=(width, height), leftMargin=SIDE_MARGIN, rightMargin=SIDE_MARGIN,
        topMargin=SIDE_MARGIN, bottomMargin=bottom,
        title=metadata.title, author=metadata.author, subject=metadata.subject,
        keywords=", ".join(metadata.keywords), creator=PRODUCER, lang=current_language(), displayDocTitle=True,
        initialFontName=font, initialFontSize=body_size, initialLeading=body_size * 1.3,
        invariant=True,  # the same lesson gives byte-identical files: builds can be compared
    )
    doc.addPageTemplates(_page_templates(width, height, bottom, columns, header))
    doc.max_pages = max_pages

    class Numbered(_NumberedCanvas):
        pass

    Numbered.footer_size = footer_size(body_size, large_print)
    Numbered.footer_lines = footer_lines(footer, paper, Numbered.footer_size)
    story = list(header) + ([FrameBreak()] if columns > 1 else []) + list(body)
    with binary_streams():
        doc.build(story, canvasmaker=Numbered)
    return buffer.getvalue(), doc.page


def column_width(width: float, columns: int) -> float:
    """The width of each of `columns` columns across `width`."""
    return (width - COLUMN_GAP * (columns - 1)) / columns


def frame_size(paper: str, body_size: float, large_print: bool, footer: str = "") -> Tuple[float, float]:
    width, height = page_size(paper)
    return width - 2 * SIDE_MARGIN, height - SIDE_MARGIN - bottom_margin(body_size, large_print, footer, paper)


def plain_canvas(buffer: io.BytesIO, paper: str, metadata: Metadata, body_size: float) -> Canvas:
    """A canvas for pages we draw ourselves, with the same font, metadata and language as handouts."""
    font = fonts.register_fonts()
    canvas = Canvas(buffer, pagesize=page_size(paper), invariant=True, lang=current_language(),
                    initialFontName=font, initialFontSize=body_size, initialLeading=body_size * 1.3)
    canvas.setTitle(metadata.title)
    canvas.setAuthor(metadata.author)
    canvas.setSubject(metadata.subject)
    canvas.setKeywords(", ".join(metadata.keywords))
    canvas.setCreator(PRODUCER)
    canvas.setViewerPreference("DisplayDocTitle", "true")
    return canvas
