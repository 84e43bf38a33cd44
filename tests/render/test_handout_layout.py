"""Laying out a handout when the planner's estimate was too hopeful: the layout stops at the first
page over the limit, and the next plan (a more compact version, at the same size) comes out
exactly as if it had been chosen at first. A block printed more than once (the same box three
times here) gets flowables of its own each time."""

from __future__ import annotations

import pytest

from toolkit.pdf import Document, render_pdf
from toolkit.pdf import blocks as b
from toolkit.pdf.document import PageLimit
from toolkit.pdf import layout
from toolkit.pdf.layout import _build, plan
from toolkit.pdf.planner import Planner
from toolkit.pdf.styles import NORMAL_BODY


def box(sentences: int) -> b.Callout:
    """A box that cannot split (more than half a page at 12 pt for 90 sentences)."""
    return b.Callout("Boxed", " ".join(["Some words to fill the box."] * sentences))


def versions(*boxes):
    return [Document(title="Boxes", subject="Layout", author="lessonkit", blocks=tuple(blocks)) for blocks in boxes]


def test_a_layout_over_its_page_limit_is_stopped():
    with pytest.raises(PageLimit):
        _build(versions([box(90)] * 3)[0], "a4", False, NORMAL_BODY, 0, max_pages=2)


def test_the_planner_sees_that_boxes_which_cannot_split_leave_room_unused():
    variants = versions([box(90)] * 3, [box(90)])
    # Three boxes add up to less than two pages, but no two fit on a page: it takes three, so the
    # more compact version is chosen; the type never shrinks to make it fit.
    assert plan(variants, "a4", NORMAL_BODY, 2, Planner(variants)) == 1
    assert plan(variants, "a4", NORMAL_BODY, 3, Planner(variants)) == 0


def test_when_the_plan_was_too_hopeful_the_next_comes_out_as_if_chosen_first(monkeypatch):
    variants = versions([box(90)] * 3, [box(90)])
    monkeypatch.setattr(layout, "plan", lambda *args: 0)  # as if the estimate had missed
    result = render_pdf(variants, max_pages=2)
    assert (result.variant, result.body_size, result.pages, result.warnings) == (1, NORMAL_BODY, 1, ())
    assert result.data == _build(variants[1], "a4", False, NORMAL_BODY, 1).data


def test_the_last_plan_left_is_laid_out_in_full_and_the_overflow_reported():
    result = render_pdf(versions([box(140)] * 3), max_pages=2)
    assert (result.body_size, result.pages) == (NORMAL_BODY, 3)
    assert "needs 3 pages, more than the 2" in result.warnings[0]


def test_large_print_is_the_fullest_version_on_as_many_pages_as_it_needs():
    variants = versions([box(60)] * 3, [box(60)])
    standard = render_pdf(variants, max_pages=1)
    assert (standard.variant, standard.pages) == (1, 1)  # three boxes need more than the one page
    large = render_pdf(variants, large_print=True, max_pages=1)
    # No page limit in large print: the fullest version, all three boxes, a page each at 16 pt.
    assert (large.variant, large.body_size, large.pages, large.warnings) == (0, 16.0, 3, ())
