"""Blocks -> reportlab flowables, for a frame of a given width."""

from __future__ import annotations

import copy
import functools
import io
from typing import Callable, Dict, List, Optional, Tuple

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, _digester
from reportlab.pdfbase import pdfdoc
from reportlab.platypus import (
    CondPageBreak, Flowable, KeepTogether, PageBreakIfNotEmpty, Spacer, Table,
)

from ..wording.phrases import answer_label, careful, feedback_label, teaching_point_label
from . import blocks as b
from .boxes import Panel
from .contacts import ContactPieces, contact_grid, contact_lines
from .diagram import flow_drawing
from .paragraphs import Paragraph
from .styles import INK, RULE, TINT, Styles, callout_pad
from .tables import table_style
from .text import markup, markup_breaking_addresses


class RuledLines(Flowable):
    """Lines to write on: wide spacing, dark enough to see on a cheap photocopy."""

    def __init__(self, count: int, spacing: float):
        super().__init__()
        self.count, self.spacing = count, spacing

    def wrap(self, available_width, available_height):
        self.width = available_width
        return available_width, self.count * self.spacing

    def draw(self):
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.6)
        for index in range(self.count):
            y = (self.count - index - 1) * self.spacing + 1
            self.canv.line(0, y, self.width, y)


class TickBox(Flowable):
    """An empty square to tick, or to write a number in."""

    def __init__(self, size: float):
        super().__init__()
        self.size = size

    def wrap(self, *_):
        return self.size, self.size

    def draw(self):
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(1.1)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)


class LogoBeside(Flowable):
    """The school's logo at the right of the title (and subtitle), which leave room for it
    (`title_flowables`): it takes no height of its own."""

    def __init__(self, logo: b.Logo, width: float, height: float) -> None:
        super().__init__()
        self.logo, self.logo_width, self.logo_height = logo, width, height

    def wrap(self, available_width: float, available_height: float):
        self.available_width = available_width
        return 0, 0

    def draw(self) -> None:
        _draw_logo(self.canv, self.logo.data, self.available_width - self.logo_width, -self.logo_height,
                   self.logo_width, self.logo_height)


@functools.lru_cache(maxsize=8)
def _logo_objects(data: bytes, ascii85: int) -> Tuple[str, pdfdoc.PDFImageXObject, Optional[pdfdoc.PDFImageXObject]]:
    """(name, image, soft mask): the logo as `Canvas.drawImage` writes it, with its transparency,
    decoded, compressed and named once a build rather than once a PDF; every PDF refers to the same
    objects (`_draw_logo`)."""
    reader = ImageReader(io.BytesIO(data))
    pixels = reader.getRGBData()  # which finds the transparency too
    alpha = reader._dataA
    name = _digester(pixels + (alpha.getRGBData() if alpha else b"auto"))
    image = pdfdoc.PDFImageXObject(name, reader, mask="auto")
    image.name = name
    soft = image.__dict__.pop("_smask", None)
    return name, image, soft


def _unregistered(made: pdfdoc.PDFImageXObject) -> pdfdoc.PDFImageXObject:
    image = copy.copy(made)
    image.__dict__.pop(pdfdoc.__InternalName__, None)
    return image


def _draw_logo(canvas, data: bytes, x: float, y: float, width: float, height: float) -> None:
    """What `canvas.drawImage(ImageReader(data), x, y, width, height, mask="auto")` does, with
    the image objects made once a build (`_logo_objects`): drawImage would decode, compress and
    hash the logo's pixels for every PDF."""
    name, made, made_soft = _logo_objects(data, rl_config.useA85)
    document = canvas._doc
    registered = document.getXObjectName(name)
    if document.idToObject.get(registered) is None:
        # Each PDF numbers its own objects: it gets copies that share the compressed pixels.
        image, soft = (_unregistered(made), _unregistered(made_soft) if made_soft is not None else None)
        canvas._setXObjects(image)
        document.Reference(image, registered)
        document.addForm(name, image)
        if soft is not None:
            soft_registered = document.getXObjectName(soft.name)
            if document.idToObject.get(soft_registered) is None:
                canvas._setXObjects(soft)
                image.smask = document.Reference(soft, soft_registered)
            else:
                image.smask = pdfdoc.PDFObjectReference(soft_registered)
    canvas._currentPageHasImages = 1
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(width, height)
    canvas._code.append(f"/{registered} Do")
    canvas.restoreState()
    canvas._formsinuse.append(name)


def logo_size(logo: b.Logo, styles: Styles, subtitle: bool, width: float) -> Tuple[float, float]:
    """(width, height): as tall as the title's first line (and the subtitle's), never wider than a
    quarter of the page."""
    height = styles.title.leading + (styles.subtitle.leading if subtitle else 0)
    pixels_w, pixels_h = logo.pixels
    logo_width = height * pixels_w / max(pixels_h, 1)
    if logo_width > width / 4:
        logo_width, height = width / 4, width / 4 * pixels_h / max(pixels_w, 1)
    return logo_width, height


def heading(text: str, level: int, styles: Styles, right: float = 0) -> Paragraph:
    style = {1: styles.title, 2: styles.h2}.get(level, styles.h3)
    if right:
        style = style.clone(f"{style.name}_beside_logo", rightIndent=right)
    paragraph = Paragraph(markup(text), style)
    paragraph.outline_level = max(level - 1, 0)  # read by the document template for bookmarks
    return paragraph


def _heading(block: b.Heading, styles: Styles) -> List[Flowable]:
    """A heading never ends a page: it needs room for itself and a few lines after it. (Unlike
    keepWithNext, this lets a long table start under its heading rather than jump to the next page.)"""
    start = PageBreakIfNotEmpty() if block.new_page else CondPageBreak(styles.body_size * 7)
    return [start, heading(block.text, block.level, styles)]


def _bullets(items, styles: Styles, small: bool = False, width: Optional[float] = None) -> List[Flowable]:
    """A bulleted list; given the `width`, a web address too long for a line breaks at '/' and '.'."""
    style = styles.hanging()
    if small and not styles.large_print:
        style = style.clone("hanging_small", fontSize=styles.small.fontSize, leading=styles.small.leading,
                            bulletFontSize=styles.small.fontSize, textColor=styles.small.textColor)
    if width is None:
        return [Paragraph(markup(item), style, bulletText="•") for item in items]
    room = width - style.leftIndent
    return [Paragraph(markup_breaking_addresses(item, style.fontName, style.fontSize, room), style, bulletText="•")
            for item in items]


def width_free(block: b.Block) -> bool:
    """Whether the block reads the same at any width, so its flowables are made once for all
    widths: not a list with web addresses, which break to fit the line."""
    if isinstance(block, b.Bullets):
        return not any("://" in item or "www." in item for item in block.items)
    return isinstance(block, WIDTH_FREE)


def _steps(block: b.Steps, styles: Styles) -> List[Flowable]:
    """Numbered steps: the action in bold on a line of its own, then what it means; a caution
    follows in bold (not italics, which many readers, dyslexic readers among them, find harder)."""
    style, tight = styles.hanging(), styles.hanging(tight=True)
    out: List[Flowable] = []
    for number, step in enumerate(block.items, start=1):
        parts = [f"<b>{markup(step.title)}</b>"] + ([markup(step.text)] if step.text else [])
        if step.caution:
            parts.append(f"<b>{markup(careful())} {markup(step.caution)}</b>")
        paragraphs = [Paragraph(part, style if index == len(parts) - 1 else tight,
                                bulletText=f"{number}." if index == 0 else None)
                      for index, part in enumerate(parts)]
        # A step never breaks across columns or pages: its action, what it means and its caution
        # are read together.
        out.append(KeepTogether(paragraphs) if len(paragraphs) > 1 else paragraphs[0])
    return out


def _callout(block: b.Callout, styles: Styles) -> Panel:
    content = [Paragraph(markup(block.text), styles.callout)]
    if block.detail:
        content.append(Paragraph(markup(block.detail), styles.callout_detail))
    return Panel(content, callout_pad(styles), styles.accent, 2, background=TINT)


def _fill_in(block: b.FillIn, styles: Styles, width: float) -> Table:
    """Labels with a line to write on; the space above each line is room for handwriting."""
    label_width = width * (0.45 if styles.large_print else 0.38)
    rows = [[Paragraph(markup(label), styles.label), ""] for label in block.labels]
    grid = Table(rows, colWidths=[label_width, width - label_width])
    grid.setStyle(table_style(padding=2, valign="BOTTOM", extra=[
        ("TOPPADDING", (0, 0), (-1, -1), styles.body_size * 1.2),
        ("LINEBELOW", (1, 0), (1, -1), 0.8, RULE),
    ]))
    return grid


def _write_space(block: b.WriteSpace, styles: Styles) -> KeepTogether:
    spacing = (12 if styles.large_print else 9 if block.roomy else 7.5) * mm
    return KeepTogether([Paragraph(markup(block.prompt), styles.label), Spacer(1, spacing * 0.3),
                         RuledLines(block.lines, spacing)])


def _do_never(block: b.DoNever, styles: Styles) -> List[Flowable]:
    """Two labelled lists one after the other: the words "Do" and "Never" carry the meaning."""
    return ([Paragraph(markup(block.do_label), styles.h3)] + _bullets(block.do, styles)
            + [Paragraph(markup(block.never_label), styles.h3)] + _bullets(block.never, styles))


def _contacts(block: b.Contacts, styles: Styles, width: float, pieces: Optional[ContactPieces]) -> List[Flowable]:
    if not block.contacts:
        return []
    title = [heading(block.title, 2, styles)] if block.title else []
    if block.detailed:
        return ([CondPageBreak(styles.body_size * 7)] if title else []) + title + [
            *contact_grid(block.contacts, styles, width, purpose=block.purpose, pieces=pieces)]
    return [KeepTogether(title + contact_lines(block.contacts, styles, pieces, width))]


def _pairs(block: b.Pairs, styles: Styles) -> List[Flowable]:
    """Each first item in bold, the second run in after it or indented below it (its label, if
    any, says what it is)."""
    if block.inline:
        return [Paragraph(f"<b>{markup(first)}:</b> {markup(second)}", styles.list_item) for first, second in block.items]
    indent = styles.list_item.clone("pair_answer", leftIndent=styles.body_size * 1.2)
    out: List[Flowable] = []
    for first, second in block.items:
        label_one = f"{block.first_label}: " if block.first_label else ""
        label_two = f"{block.second_label}: " if block.second_label else ""
        out.append(KeepTogether([
            Paragraph(f"<b>{markup(label_one + first)}</b>", styles.list_item),
            Paragraph(markup(label_two + second), indent),
        ]))
    return out


def _tick_question(block: b.TickQuestion, styles: Styles, width: float) -> KeepTogether:
    box_size = (9 if block.numbered_boxes else 5) * mm * (1.4 if styles.large_print else 1)
    label_width = styles.body_size * 1.6
    rows = [[TickBox(box_size), Paragraph(f"<b>{o.label}</b>", styles.body), Paragraph(markup(o.text), styles.body)]
            for o in block.options]
    grid = Table(rows, colWidths=[box_size + 4 * mm, label_width, width - box_size - 4 * mm - label_width],
                 hAlign="LEFT")
    grid.setStyle(table_style(padding=2, valign="MIDDLE", extra=[("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return KeepTogether([
        Paragraph(f"<b>{block.number}. {markup(block.text)}</b>", styles.list_item),
        Paragraph(markup(block.instruction), styles.small),
        Spacer(1, 2),
        grid,
        Spacer(1, styles.gap),
    ])


def _key_question(block: b.KeyQuestion, styles: Styles, width: float) -> KeepTogether:
    label_width = styles.body_size * 1.8
    verdict_width = styles.body_size * (7 if styles.large_print else 6)
    rest = width - label_width - verdict_width
    rows = [[Paragraph(f"<b>{o.label}</b>", styles.small), Paragraph(f"<b>{markup(o.verdict)}</b>", styles.small),
             Paragraph(f"{markup(o.text)}<br/><b>{markup(feedback_label())}</b> {markup(o.feedback)}", styles.small)]
            for o in block.options]
    grid = Table(rows, colWidths=[label_width, verdict_width, rest], hAlign="LEFT")
    grid.setStyle(table_style(padding=3, extra=[("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor("#999999"))]))
    return KeepTogether([
        Paragraph(f"<b>{block.number}. {markup(block.text)}</b>", styles.list_item),
        Paragraph(f"<b>{markup(answer_label())}</b> {markup(block.answer)}", styles.body),
        grid,
        Spacer(1, 3),
        Paragraph(f"<b>{markup(teaching_point_label())}</b> {markup(block.teaching_point)}", styles.body),
        Spacer(1, styles.gap),
    ])


# Blocks whose flowables are the same at any width: measured at several widths, they are made once.
WIDTH_FREE = (b.Heading, b.Paragraph, b.Bullets, b.Steps, b.Callout, b.WriteSpace, b.DoNever, b.Pairs)


def to_flowables(block: b.Block, styles: Styles, width: float,
                 pieces: Optional[ContactPieces] = None) -> List[Flowable]:
    """The flowables that print one block; contact boxes and lines come from `pieces` when given."""
    simple: Dict[type, Callable[[], List[Flowable]]] = {
        b.Heading: lambda: _heading(block, styles),
        b.Paragraph: lambda: [Paragraph(markup(block.text), styles.small if block.small else styles.body)],
        b.Bullets: lambda: _bullets(block.items, styles, block.small, None if width_free(block) else width),
        b.Steps: lambda: _steps(block, styles),
        b.Callout: lambda: [_callout(block, styles)],
        b.Contacts: lambda: _contacts(block, styles, width, pieces),
        b.FillIn: lambda: [KeepTogether([_fill_in(block, styles, width)])],
        b.WriteSpace: lambda: [_write_space(block, styles)],
        b.DoNever: lambda: _do_never(block, styles),
        b.Flow: lambda: [flow_drawing(block, width, styles.body_size, styles.accent)],
        b.Pairs: lambda: _pairs(block, styles),
        b.TickQuestion: lambda: [_tick_question(block, styles, width)],
        b.KeyQuestion: lambda: [_key_question(block, styles, width)],
    }
    flowables = simple[type(block)]()
    if isinstance(block, b.Heading):  # a spacer after a heading would let a page break in between
        return flowables
    return flowables + [Spacer(1, styles.gap * 0.6)]
