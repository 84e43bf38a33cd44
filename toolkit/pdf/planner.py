"""Choosing how a handout fits its space before laying it out.

Heights are measured block by block and cached (the versions of a handout share most of their
blocks, and a contact list is measured contact by contact), so trying every version costs little
more than measuring the first, and a handout is normally laid out only once."""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from . import blocks as b
from .blocks import Document
from .contacts import columns_of_grid
from .document import column_width
from .flowables import heading, to_flowables
from .styles import Styles
from .text import markup


def flowables_height(flowables: Sequence[Flowable], width: float, height: float) -> float:
    total = 0.0
    for flowable in flowables:
        if isinstance(flowable, KeepTogether):  # it can only wrap during a build
            total += flowables_height(flowable._content, width, height)
            continue
        _, h = flowable.wrap(width, height)
        total += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


class Planner:
    """Estimates the height of documents, measuring each distinct block once per size and width."""

    def __init__(self) -> None:
        self._heights: Dict[Tuple[b.Block, float, float], float] = {}
        self._flowables: Dict[Tuple[b.Block, float, float], List[Flowable]] = {}

    def flowables(self, block: b.Block, styles: Styles, width: float) -> List[Flowable]:
        """The block's flowables, made once: the final layout reuses the ones measured here."""
        key = (block, styles.body_size, width)
        if key not in self._flowables:
            self._flowables[key] = to_flowables(block, styles, width)
        return self._flowables[key]

    def block_height(self, block: b.Block, styles: Styles, width: float, page_height: float) -> float:
        if isinstance(block, b.Contacts) and len(block.contacts) > 1 and not block.title:
            return self._contacts_height(block, styles, width, page_height)
        key = (block, styles.body_size, width)
        if key not in self._heights:
            self._heights[key] = flowables_height(self.flowables(block, styles, width), width, page_height)
        return self._heights[key]

    def _contacts_height(self, block: b.Contacts, styles: Styles, width: float, page_height: float) -> float:
        one = [self.block_height(replace(block, contacts=(c,)), styles, width, page_height) for c in block.contacts]
        if block.detailed and columns_of_grid(styles, width) == 2:
            return sum(max(one[i:i + 2]) for i in range(0, len(one), 2))
        return sum(one)

    def title_height(self, document: Document, styles: Styles, width: float, page_height: float) -> float:
        title = [heading(document.title, 1, styles)] if document.title else []
        if document.subtitle:
            title.append(Paragraph(markup(document.subtitle), styles.subtitle))
        return flowables_height(title, width, page_height)

    def height(self, document: Document, styles: Styles, width: float, page_height: float) -> float:
        """The height of the whole document in one column `width` wide."""
        return self.title_height(document, styles, width, page_height) + sum(
            self.block_height(block, styles, width, page_height) for block in document.blocks)

    def pages(self, document: Document, styles: Styles, width: float, page_height: float, columns: int) -> float:
        """Roughly how many pages of `page_height` the document fills, in `columns` after its header."""
        if columns == 1:
            return self.height(document, styles, width, page_height) / page_height
        head = self.title_height(document, styles, width, page_height) + sum(
            self.block_height(block, styles, width, page_height) for block in document.blocks[:document.full_width])
        inner = column_width(width, columns)
        body = sum(self.block_height(block, styles, inner, page_height) for block in document.blocks[document.full_width:])
        return (head + body / columns) / page_height


def choose(variants: int, sizes: Sequence[float], fits: Callable[[int, float], bool],
           fill: Optional[Callable[[int, float], float]] = None) -> Optional[Tuple[int, float]]:
    """The first version (in order of preference) that fits at the smallest size, then the largest
    size at which it fits; None when nothing fits. `sizes` run from largest to smallest.

    Versions share most of their blocks, so after the first the scan mostly reads the cache.
    `fill(variant, size)`, when given, says how full the space is (1 = exactly full): text grows at
    least in step with its size, so sizes that cannot fit are skipped unmeasured."""
    chosen = next((v for v in range(variants) if fits(v, sizes[-1])), None)
    if chosen is None:
        return None
    best, low, high = len(sizes) - 1, 0, len(sizes) - 2
    if fill is not None:
        smallest = fill(chosen, sizes[-1])
        while low <= high and smallest * sizes[low] / sizes[-1] > 1:
            low += 1
    while low <= high:  # a version that fits at one size fits at every smaller one
        middle = (low + high) // 2
        if fits(chosen, sizes[middle]):
            best, high = middle, middle - 1
        else:
            low = middle + 1
    return chosen, sizes[best]
