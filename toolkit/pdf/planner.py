"""Choosing how a handout fits its space before laying it out.

Heights are measured block by block and cached (the versions of a handout share most of their
blocks, and a contact list is measured contact by contact), and the flowables measured are the ones
printed. A version is ruled out as soon as what has been measured, plus the least the rest can take
(`floors`), is too tall, so versions that do not fit are seldom measured in full, and the chosen
one is laid out only once."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from reportlab.platypus import Flowable

from . import blocks as b
from . import pagination
from .pagination import KEEP, Piece
from .blocks import Document
from .contacts import ContactPieces, columns_of_grid, least_height as least_contact_height
from .document import column_width
from .floors import least_height as least_block_height
from .flowables import LogoBeside, heading, logo_size, to_flowables, width_free
from .paragraphs import Paragraph
from .styles import Styles
from .text import markup


def flowables_height(flowables: Sequence[Flowable], width: float, height: float) -> float:
    """The height of `flowables` one after another, with no frame breaks."""
    return pagination.total(pagination.pieces(flowables, width, height))


def title_flowables(document: Document, styles: Styles, width: float = 0) -> List[Flowable]:
    """The title and subtitle; with the school's logo at their right when the document has one."""
    title: List[Flowable] = []
    right = 0.0
    if document.logo is not None and document.title and width:
        logo_width, logo_height = logo_size(document.logo, styles, bool(document.subtitle), width)
        right = logo_width + styles.body_size
        title.append(LogoBeside(document.logo, logo_width, logo_height))
    if document.title:
        title.append(heading(document.title, 1, styles, right))
    if document.subtitle:
        style = styles.subtitle.clone("subtitle_beside_logo", rightIndent=right) if right else styles.subtitle
        title.append(Paragraph(markup(document.subtitle), style))
    return title


class Planner:
    """Estimates the height of documents, measuring each distinct block once per style and width.

    Flowables are made once and kept: the final layout prints the ones measured here, a block that
    reads the same at any width (`WIDTH_FREE`) is made once for all widths, and contact boxes and
    lines are shared by every version that lists them. Paragraphs keep their line breaks per width
    (`paragraphs.Paragraph`), so measuring again costs little."""

    def __init__(self, versions: Sequence[Document] = ()) -> None:
        # How many versions hold each block: when ruling a version out, the blocks most versions
        # share are measured first, as the version finally printed will need them anyway.
        self._shared = Counter(block for version in versions for block in set(version.blocks))
        self._heights: Dict[Tuple[b.Block, Styles, float], float] = {}
        self._runs: Dict[Tuple[b.Block, Styles, float], List[Piece]] = {}
        self._flowables: Dict[Tuple[b.Block, Styles, Optional[float]], List[Flowable]] = {}
        self._titles: Dict[tuple, List[Flowable]] = {}
        self._floors: Dict[tuple, float] = {}
        self._contact_floors: Dict[tuple, tuple] = {}
        self._singles: Dict[tuple, tuple] = {}
        self._pieces = ContactPieces()

    def flowables(self, block: b.Block, styles: Styles, width: float) -> List[Flowable]:
        """The block's flowables, made once: the final layout reuses the ones measured here."""
        key = (block, styles, width if not width_free(block) else None)
        if key not in self._flowables:
            self._flowables[key] = to_flowables(block, styles, width, self._pieces)
        return self._flowables[key]

    def title(self, document: Document, styles: Styles, width: float) -> List[Flowable]:
        """The document's title and subtitle (and logo), which span the page."""
        key = (document.title, document.subtitle, document.logo, styles, width)
        if key not in self._titles:
            self._titles[key] = title_flowables(document, styles, width)
        return self._titles[key]

    def block_height(self, block: b.Block, styles: Styles, width: float, page_height: float) -> float:
        key = (block, styles, width)
        if key not in self._heights:
            self._heights[key] = pagination.total(self.block_pieces(block, styles, width, page_height))
        return self._heights[key]

    def block_pieces(self, block: b.Block, styles: Styles, width: float, page_height: float) -> List[Piece]:
        """The block as `pagination` pours it: text, boxes and breaks."""
        key = (block, styles, width)
        if key not in self._runs:
            if isinstance(block, b.Contacts) and len(block.contacts) > 1 and not block.title:
                self._runs[key] = self._contacts_pieces(block, styles, width, page_height)
            else:
                self._runs[key] = pagination.pieces(self.flowables(block, styles, width), width, page_height)
        return self._runs[key]

    def _contacts_pieces(self, block: b.Contacts, styles: Styles, width: float, page_height: float) -> List[Piece]:
        """Contact by contact, so versions that list the same contacts differently share the work:
        a row of boxes moves whole to the next frame, and so does a list of lines (kept together);
        then the space after the block."""
        one = [self._contact(block, contact, styles, width, page_height) for contact in block.contacts]
        after = one[-1][1]
        if not block.detailed:
            return [(KEEP, sum(kept for kept, _ in one)), after]
        per_row = 2 if columns_of_grid(styles, width) == 2 else 1
        return [(KEEP, max(kept for kept, _ in one[i:i + per_row])) for i in range(0, len(one), per_row)] + [after]

    def _contact(self, block: b.Contacts, contact, styles: Styles, width: float,
                 page_height: float) -> Tuple[float, Piece]:
        """(the height of one contact's box or line, the space after the list)."""
        def work() -> Tuple[float, Piece]:
            *kept, after = self.block_pieces(replace(block, contacts=(contact,)), styles, width, page_height)
            return pagination.total(kept), after
        return self._per_contact(self._singles, contact, (block.detailed, block.purpose, styles, width), work)

    @staticmethod
    def _per_contact(store: Dict[tuple, tuple], contact, rest: tuple, work: Callable[[], object]):
        """`work()` for one contact, done once: looked up by the contact object itself, as a list's
        contacts are asked about once per version (every version lists the same contact objects),
        and comparing contacts field by field costs more than the look-up."""
        key = (id(contact),) + rest
        found = store.get(key)
        if found is None or found[0] is not contact:  # the same id, another contact
            found = store[key] = (contact, work())
        return found[1]

    def title_height(self, document: Document, styles: Styles, width: float, page_height: float) -> float:
        return flowables_height(self.title(document, styles, width), width, page_height)

    def height(self, document: Document, styles: Styles, width: float, page_height: float) -> float:
        """The height of the whole document in one column `width` wide."""
        return self.title_height(document, styles, width, page_height) + sum(
            self.block_height(block, styles, width, page_height) for block in document.blocks)

    def pages(self, document: Document, styles: Styles, width: float, page_height: float, columns: int) -> float:
        """Roughly how many pages of `page_height` the document fills, in `columns` after its
        header: its content poured into the frames (`pagination`)."""
        if columns == 1:
            run = pagination.pieces(self.title(document, styles, width), width, page_height)
            for block in document.blocks:
                run += self.block_pieces(block, styles, width, page_height)
            return pagination.pour(run, page_height, page_height, 1) / page_height
        head = self.title_height(document, styles, width, page_height) + sum(
            self.block_height(block, styles, width, page_height) for block in document.blocks[:document.full_width])
        inner = column_width(width, columns)
        run = []
        for block in document.blocks[document.full_width:]:
            run += self.block_pieces(block, styles, inner, page_height)
        return (head + pagination.pour(run, page_height - head, page_height, columns) / columns) / page_height

    def surely_over(self, document: Document, styles: Styles, width: float, page_height: float, columns: int,
                    pages: float, poured: bool = True) -> bool:
        """Whether `pages()` would say more than `pages`, found without measuring every block when
        less is enough. Blocks measured before (for another version or size) count in full, the
        others their least height (`floors`); then those are measured, the ones most versions
        share first, until the total overflows. Every block only adds height, and pouring into
        frames only adds the room left at their feet, so the answer is the same as from `pages()`
        (or, not `poured`, from the plain sum of heights); a version that fits is measured in full
        either way."""
        split = document.full_width if columns > 1 else len(document.blocks)
        inner = width if columns == 1 else column_width(width, columns)
        parts = ([(block, width, 1) for block in document.blocks[:split]]
                 + [(block, inner, columns) for block in document.blocks[split:]])
        limit = pages * page_height * (1 + 1e-9)  # slack for sums rounded in another order
        total = self.title_height(document, styles, width, page_height)
        pending: List[Tuple[b.Block, float, Callable[[], float], int]] = []
        for block, block_width, share in parts:
            if (block, styles, block_width) in self._heights:
                total += self._heights[block, styles, block_width] / share
            else:
                for least, measure in self._pieces_of(block, styles, block_width, page_height):
                    total += least / share
                    pending.append((block, least, measure, share))
            if total > limit:
                return True
        pending.sort(key=lambda piece: -self._shared[piece[0]])  # stable: in order otherwise
        for _, least, measure, share in pending:
            total += (measure() - least) / share
            if total > limit:
                return True
        return poured and self.pages(document, styles, width, page_height, columns) > pages * (1 + 1e-9)

    def _pieces_of(self, block: b.Block, styles: Styles, width: float,
                   page_height: float) -> List[Tuple[float, Callable[[], float]]]:
        """(least height, measure) for each piece of the block's estimated height: one piece, or a
        contact list contact by contact (a row of two boxes at a time in a two-column grid)."""
        if not (isinstance(block, b.Contacts) and len(block.contacts) > 1 and not block.title):
            least = self._least((block, styles, width), lambda: least_block_height(block, styles, width))
            return [(least, lambda: self.block_height(block, styles, width, page_height))]

        def kept(contact) -> float:
            return self._contact(block, contact, styles, width, page_height)[0]

        def after() -> float:
            return self._contact(block, block.contacts[-1], styles, width, page_height)[1][1]

        per_row = 2 if block.detailed and columns_of_grid(styles, width) == 2 else 1
        rows = [block.contacts[i:i + per_row] for i in range(0, len(block.contacts), per_row)]

        def least(contact) -> float:
            return self._per_contact(self._contact_floors, contact, (styles, width, block.detailed, block.purpose),
                                     lambda: least_contact_height(contact, styles, width, block.detailed,
                                                                  purpose=block.purpose))

        return [(max(least(c) for c in row), lambda row=row: max(kept(c) for c in row))
                for row in rows] + [(0.0, after)]

    def _least(self, key: tuple, work: Callable[[], float]) -> float:
        """A least height (`floors`), worked out once."""
        if key not in self._floors:
            self._floors[key] = work()
        return self._floors[key]
