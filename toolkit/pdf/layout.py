"""A Document -> PDF bytes, within a page limit, at the handout's body size (`styles.body_size`):
the type never shrinks to fit; a more compact version of the handout is taken when the fullest one
needs more pages than its limit, and the build says so when even that is not enough. Large print
has no page limit: it is always the fullest version."""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable, KeepTogether, Spacer

from . import fonts
from .blocks import Document, Paragraph
from .boxes import Panel, PanelRow
from .document import Metadata, PageLimit, build_pdf, column_width, frame_size
from .flowables import to_flowables
from .planner import Planner, title_flowables
from .styles import LARGE_BODY, NORMAL_BODY, Styles, make_styles



@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    body_size: float
    variant: int  # 0 for the full handout, 1 for the first more compact version, ...
    warnings: Tuple[str, ...] = ()


def columns_for(document: Document, styles: Styles) -> int:
    return 1 if styles.large_print else document.columns


def story(document: Document, styles: Styles, width: float,
          planner: Optional[Planner] = None) -> Tuple[List[Flowable], List[Flowable]]:
    """(header, body): the header spans the page; the body flows through the document's columns.
    Flowables the planner already made for measuring are reused."""
    seen = set()

    def make(block, block_width: float) -> List[Flowable]:
        # A block printed twice gets flowables of its own the second time: reportlab keeps notes
        # on a flowable while placing it, so one object must not stand in two places.
        if planner is None or block in seen:
            return to_flowables(block, styles, block_width)
        seen.add(block)
        return planner.flowables(block, styles, block_width)

    header = list(planner.title(document, styles, width) if planner else title_flowables(document, styles, width))
    columns = columns_for(document, styles)
    split = document.full_width if columns > 1 else 0
    body_width = width if columns == 1 else column_width(width, columns)
    for block in document.blocks[:split]:
        header.extend(make(block, width))
    body: List[Flowable] = []
    for block in document.blocks[split:]:
        body.extend(make(block, body_width))
    body = _keep_headings_with_groups(body)
    closing = document.blocks[-1] if len(document.blocks) > split + 1 else None
    return header, (_keep_closing_note(body) if isinstance(closing, Paragraph) and closing.small else body)


def _keep_closing_note(flowables: List[Flowable]) -> List[Flowable]:
    """A small note that ends a handout (when its contacts were checked) joins what it follows,
    so it never stands alone at the top of a last page."""
    printed = [i for i, flowable in enumerate(flowables) if not isinstance(flowable, Spacer)]
    if len(printed) < 2:
        return flowables
    start = printed[-2]
    group = flowables[start:]
    if isinstance(group[0], KeepTogether):  # one group, not one inside another: pagination measures one level
        group = list(group[0]._content) + group[1:]
    return flowables[:start] + [KeepTogether(group)]


def _keep_headings_with_groups(flowables: List[Flowable]) -> List[Flowable]:
    """A heading followed by something that cannot be split (a myth and its answer, a question and
    its lines, a diagram, a row of contact boxes) joins it, so the heading never ends a column on
    its own."""
    out: List[Flowable] = []
    for flowable in flowables:
        if out and hasattr(out[-1], "outline_level"):
            if isinstance(flowable, KeepTogether):
                flowable = KeepTogether([out.pop()] + list(flowable._content))
            elif isinstance(flowable, (Drawing, Panel, PanelRow)):
                flowable = KeepTogether([out.pop(), flowable])
        out.append(flowable)
    return out


def plan(variants: Sequence[Document], paper: str, size: float, max_pages: Optional[int],
         planner: Planner) -> int:
    """The first version whose estimate fits `max_pages` at the handout's body size (the size never
    changes to make it fit); the most compact when none does."""
    if not max_pages:
        return 0
    for variant, document in enumerate(variants):
        styles = make_styles(size, False, document.accent)
        width, height = frame_size(paper, size, False, document.footer)
        setting = (document, styles, width, height, columns_for(document, styles))
        if not planner.surely_over(*setting, max_pages):  # the same answer as `planner.pages`, found sooner
            return variant
    return len(variants) - 1


@fonts.remembered_widths()  # a word's width is worked out once per handout
def render_pdf(variants: Sequence[Document], paper: str = "a4", large_print: bool = False,
               max_pages: Optional[int] = None, size: float = NORMAL_BODY) -> RenderedPdf:
    """Lay out the first of `variants` (the full handout, then more compact versions) that fits in
    `max_pages` at body size `size` (`styles.body_size`). Large print has no page limit, so nothing
    is chosen: it is the fullest version (`variants[0]`, as the HTML twin), at the large-print size,
    on as many pages as it needs, so it has every word of standard print and more of the detail
    standard print shortens to fit its pages.
    In standard print the flowables measured while planning are the ones printed, so the chosen
    version is normally laid out only once; when the estimate was too hopeful, the layout stops at
    the first page too many and the next more compact version is tried."""
    if large_print:
        return _build(variants[0], paper, True, max(LARGE_BODY, size), 0)
    planner: Optional[Planner] = Planner(variants)
    variant = plan(variants, paper, size, max_pages, planner)
    while True:
        last = not max_pages or variant + 1 >= len(variants)
        try:  # the last version left is laid out in full, however long
            result = _build(variants[variant], paper, False, size, variant, planner, None if last else max_pages)
        except PageLimit:
            # reportlab leaves marks on flowables a stopped layout moved on: the next is made afresh
            variant, planner = variant + 1, None
            continue
        if max_pages and result.pages > max_pages:
            note = (f"'{variants[0].title}' needs {result.pages} pages, more than the {max_pages} it should "
                    "have; shorten its text")
            return RenderedPdf(result.data, result.pages, result.body_size, result.variant, (note,))
        return result


def _build(document: Document, paper: str, large_print: bool, size: float, variant: int,
           planner: Optional[Planner] = None, max_pages: Optional[int] = None) -> RenderedPdf:
    styles = make_styles(size, large_print, document.accent)
    width, _ = frame_size(paper, size, large_print, document.footer)
    header, body = story(document, styles, width, planner)
    metadata = Metadata(document.title, document.author, document.subject, document.keywords)
    data, pages = build_pdf(header, body, metadata, paper, size, large_print, document.footer,
                            columns_for(document, styles), max_pages)
    return RenderedPdf(data, pages, size, variant)
