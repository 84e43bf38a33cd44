"""The planner's short cuts never change what is printed.

The planner measures as little as it can: paragraphs keep their line breaks per width, versions
are ruled out from the least height of the blocks not yet measured, and a rough guess decides which
size to try first. Each test here compares a short cut with doing the work in full, on the shipped
lessons (with and without a school profile, A4, Letter and large print)."""

from __future__ import annotations

import io
from typing import List, Tuple

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as ReportlabParagraph
from reportlab.platypus import SimpleDocTemplate

from toolkit.pdf import blocks as b
from toolkit.pdf import fonts
from toolkit.pdf.cards import CARD_SIZES, _card_frames, plan_cards, two_sided
from toolkit.pdf.contacts import least_height as least_contact_height
from toolkit.pdf.document import column_width, frame_size
from toolkit.pdf.floors import least_height
from toolkit.pdf.layout import FILL, NORMAL_SIZES, columns_for, plan
from toolkit.pdf.paragraphs import Paragraph
from toolkit.pdf.planner import Planner
from toolkit.pdf.styles import LARGE_BODY, make_styles
from toolkit.render import RenderContext, RenderOptions, formats
from toolkit.render.handout import Handout, handouts

from kit import LESSONS

SCHOOL = LESSONS / "schools" / "example-england.yaml"


@pytest.fixture(scope="module")
def every_handout(shipped, adapted) -> List[Tuple[str, Handout, bool]]:
    """(name, handout, large print) for every lesson and audience, nationally and for a school."""
    found = []
    for loaded in shipped.lessons:
        for audience in loaded.model.audiences:
            for school in (None, SCHOOL):
                lesson = adapted(loaded.model.id, audience, school)
                for large_print in (False, True):
                    for handout in handouts(lesson, large_print):
                        name = f"{lesson.slug}-{handout.kind}{'-school' if school else ''}{'-large' if large_print else ''}"
                        found.append((name, handout, large_print))
    return found


def test_a_paragraph_measured_at_other_widths_prints_as_if_measured_once():
    font = fonts.register_fonts()
    style = ParagraphStyle("t", fontName=font, fontSize=10, leading=13)
    text = "Block the account. Keep the messages, but never save the picture itself. " * 4

    def pdf(paragraph_class, widths_first) -> bytes:
        paragraph = paragraph_class(text, style)
        for width in widths_first:
            paragraph.wrap(width, 800)
        buffer = io.BytesIO()
        SimpleDocTemplate(buffer, invariant=True, initialFontName=font).build([paragraph])
        return buffer.getvalue()

    measured = pdf(Paragraph, [120, 400, 200, 120])
    assert measured == pdf(ReportlabParagraph, [])
    assert Paragraph(text, style).wrap(120, 800) == ReportlabParagraph(text, style).wrap(120, 800)


def test_least_heights_never_exceed_measured_heights(every_handout):
    checked, planners = 0, {}
    for name, handout, large_print in every_handout:
        sizes = (LARGE_BODY,) if large_print else (NORMAL_SIZES[0], NORMAL_SIZES[-1], CARD_SIZES[-1])
        variants = handout.variants()
        blocks = {block for variant in variants for block in variant.blocks}
        for size in sizes:
            styles = make_styles(size, large_print, variants[0].accent)
            width, height = frame_size("a4", size, large_print)
            widths = {width, column_width(width, 2), _card_frames("a4", large_print)[0][2]}
            planner = planners.setdefault(styles, Planner())  # blocks shared by handouts are measured once
            for block in blocks:
                for block_width in widths:
                    measured = planner.block_height(block, styles, block_width, height)
                    assert least_height(block, styles, block_width) <= measured + 1e-9, (name, block)
                    if isinstance(block, b.Contacts):
                        for contact in block.contacts:
                            one = planner.block_height(b.Contacts((contact,), block.detailed, block.purpose),
                                                       styles, block_width, height)
                            assert least_contact_height(contact, styles, block_width, block.detailed) <= one + 1e-9
                    checked += 1
    assert checked > 1000


def _reference_plan(variants, paper: str, large_print: bool, max_pages: int) -> Tuple[int, float]:
    """The plan found by measuring every version in full and trying every size."""
    sizes = (LARGE_BODY,) if large_print else NORMAL_SIZES
    planner = Planner()

    def fill(variant: int, size: float) -> float:
        styles = make_styles(size, large_print, variants[variant].accent)
        width, height = frame_size(paper, size, large_print)
        return planner.pages(variants[variant], styles, width, height, columns_for(variants[variant], styles)) / (
            max_pages * FILL)

    chosen = next((v for v in range(len(variants)) if fill(v, sizes[-1]) <= 1), None)
    if chosen is None:
        return len(variants) - 1, sizes[-1]
    smallest = fill(chosen, sizes[-1])
    larger = [size for size in sizes[:-1] if smallest * size / sizes[-1] <= 1 and fill(chosen, size) <= 1]
    return chosen, (larger[0] if larger else sizes[-1])


def _reference_cards(variants, paper: str, large_print: bool) -> Tuple[int, float, int]:
    """(version, size, sides) found by measuring every version of a pocket card in full."""
    _, _, frame_w, frame_h = _card_frames(paper, large_print)[0]
    sizes = (LARGE_BODY,) if large_print else CARD_SIZES
    planner = Planner()

    def fits(card, size: float) -> bool:
        return planner.height(card, make_styles(size, large_print, card.accent), frame_w, frame_h) <= frame_h

    for sides in ([[card] for card in variants], [list(two_sided(card)) for card in variants]):
        chosen = next((v for v, cards in enumerate(sides) if all(fits(c, sizes[-1]) for c in cards)), None)
        if chosen is not None:
            size = next(s for s in sizes if all(fits(c, s) for c in sides[chosen]))
            return chosen, size, len(sides[chosen])
    return len(variants) - 1, sizes[-1], 2


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_planner_chooses_what_measuring_everything_would(every_handout, paper):
    planned = 0
    for name, handout, large_print in every_handout:
        variants = handout.variants()
        if handout.cards:
            variant, size, sides, _ = plan_cards(variants, paper, large_print, Planner(variants))
            assert (variant, size, len(sides)) == _reference_cards(variants, paper, large_print), name
        elif handout.max_pages:
            chosen = plan(variants, paper, large_print, handout.max_pages, Planner(variants))
            assert chosen == _reference_plan(variants, paper, large_print, handout.max_pages), name
        planned += 1
    assert planned == len(every_handout)


def test_ruling_a_version_out_early_agrees_with_measuring_it(every_handout):
    for name, handout, large_print in every_handout:
        variants = handout.variants()
        size = LARGE_BODY if large_print else NORMAL_SIZES[-1]
        planner, full = Planner(variants), Planner()
        for variant in variants:
            styles = make_styles(size, large_print, variant.accent)
            width, height = frame_size("a4", size, large_print)
            columns = columns_for(variant, styles)
            pages = full.pages(variant, styles, width, height, columns)
            for limit in (pages * 0.9, pages * 0.999, pages * 1.001, pages * 1.1):
                assert planner.surely_over(variant, styles, width, height, columns, limit) == (pages > limit), name


def test_handouts_come_out_byte_identical_when_built_again(adapted):
    def build(lesson, **options):
        context = RenderContext(options=RenderOptions(**options))
        return {f.name: f.data for f in formats()["handout"].render(lesson, context)}

    pupils, staff = adapted("online-blackmail", "ks3"), adapted("staff-briefing", "staff", SCHOOL)
    first = build(pupils)
    build(staff)
    build(pupils, large_print=True)  # other sizes and styles in between: shared caches must not leak
    assert build(pupils) == first
    assert build(staff) == build(staff)
