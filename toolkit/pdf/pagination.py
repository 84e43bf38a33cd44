"""Where a handout's content ends when poured into its frames: the planner's estimate of pages.

Flowables are reduced to pieces: text that can break between lines (`FLOW`); a box, a
kept-together group, a drawing or a paragraph too short to break, which moves whole to the next
frame when it does not fit (`KEEP`); the break before a heading, which starts a new frame unless
some room is left (`COND`); and the break before a new page (`PAGE`). A plain sum of heights
misses the room left at the foot of a frame when a box moves on, which in large print can be a
good part of a page."""

from __future__ import annotations

from typing import List, Sequence, Tuple

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer

FLOW, KEEP, COND, PAGE = "flow", "keep", "cond", "page"
Piece = Tuple[str, float]  # (kind, height)


def pieces(flowables: Sequence[Flowable], width: float, height: float) -> List[Piece]:
    """The pieces of `flowables` laid out `width` wide (`height` is the room a frame offers)."""
    out: List[Piece] = []
    for flowable in flowables:
        if isinstance(flowable, CondPageBreak):
            out.append((COND, flowable.height))
        elif isinstance(flowable, PageBreak):
            out.append((PAGE, 0.0))
        elif isinstance(flowable, KeepTogether):  # it can only wrap during a build
            out.append((KEEP, total(pieces(flowable._content, width, height))))
        else:
            _, h = flowable.wrap(width, height)
            kind = FLOW if isinstance(flowable, Spacer) or _splits(flowable) else KEEP
            out.append((kind, h + flowable.getSpaceBefore() + flowable.getSpaceAfter()))
    return out


def _splits(flowable: Flowable) -> bool:
    """Whether a paragraph can break across frames: our styles never leave a single line behind or
    carry one over (no orphans, no widows), so it needs four lines at least (each line takes the
    style's leading, once the paragraph is wrapped)."""
    return isinstance(flowable, Paragraph) and flowable.height >= 4 * flowable.style.leading - 1e-6


def total(run: Sequence[Piece]) -> float:
    """The height of the pieces one after another, with no frame breaks."""
    return sum(h for kind, h in run if kind in (FLOW, KEEP))


def pour(run: Sequence[Piece], first: float, rest: float, per_page: int) -> float:
    """How far into the frames `run` reaches: the room of every frame it has left behind plus what
    it uses of the last. The first `per_page` frames (the first page's columns) are `first` tall,
    the others `rest`."""
    closed, used, behind = 0, 0.0, 0.0

    def room() -> float:
        return max(first if closed < per_page else rest, 1.0)

    def next_frame() -> None:
        nonlocal closed, used, behind
        behind += room()
        closed, used = closed + 1, 0.0

    for kind, h in run:
        if kind == PAGE:
            if used > 0 or closed % per_page:
                while True:  # to the top of the next page
                    next_frame()
                    if closed % per_page == 0:
                        break
        elif kind == COND:
            if used > 0 and room() - used < h:
                next_frame()
        else:
            if kind == KEEP and used > 0 and used + h > room():
                next_frame()
            used += h
            while used > room():  # text runs on; a box taller than a frame is split or overflows
                over = used - room()
                next_frame()
                used = over
    return behind + used
