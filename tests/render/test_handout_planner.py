"""The planner's short cuts never change what is printed.

The planner measures as little as it can: paragraphs keep their line breaks per width, and versions
are ruled out from the least height of the blocks not yet measured. The type size is fixed by the
handout's rule (`styles.TYPE_RULES`); only pocket cards grow above it to fill the card. Each test here compares a short cut with doing the work in full, on the shipped
lessons (with and without a school profile, A4, Letter and large print)."""

from __future__ import annotations

import io
from typing import List, Tuple

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as ReportlabParagraph
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import SimpleDocTemplate

from toolkit.pdf import blocks as b
from toolkit.pdf import fonts, render_cards, render_pdf
from toolkit.pdf.cards import FORMATS, GROWTH, LARGE_FORMATS, _card_frames, plan_cards, two_sided
from toolkit.pdf.contacts import least_height as least_contact_height
from toolkit.pdf.document import column_width, frame_size
from toolkit.pdf.floors import least_height
from toolkit.pdf.layout import columns_for, plan
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


@pytest.mark.parametrize("text", [
    "", "   ", "Block the account.", "  two\tspaces  and\nnew lines\r\n  ", "wide\u2003space and\u3000more",
    "no-break\xa0space kept", "zero\u200bwidth space", "\u200b leading", "line\u2028separator", "ends\x1f",
    "mixed \xa0 and\u200b\u2009thin", "\n\n", "caf\u00e9 \u2019quoted\u2019 \u2014 dash",
])
def test_cleaning_a_paragraphs_text_matches_reportlab(text):
    from reportlab.platypus.paragraph import cleanBlockQuotedText
    from toolkit.pdf.paragraphs import clean
    assert clean(text) == cleanBlockQuotedText(text)


@pytest.mark.parametrize("text, parsed", [
    ("Block the account.", True), ("<b>Don't pay</b>", True), ("<b>Childline</b>: Phone: 0800 1111; childline.org.uk", True),
    ("<b>Myth:</b> it only happens to girls", True), ("Call <b>999</b> now, or <b>101</b>", True),
    ("Ask  for\n help <b> first </b> then", True), ("<b>a</b> <b>b</b>", False), ("Tom &amp; Ann", False),
    ("Web:<br/>site.org", False), ("<b><b>x</b></b>", False), ("<b>open", False), ("x</b>", False), ("  ", False),
])
def test_paragraph_fragments_made_without_the_parser_are_the_parsers(text, parsed):
    from reportlab.platypus.paragraph import cleanBlockQuotedText
    from reportlab.platypus.paraparser import ParaParser
    from toolkit.pdf.paragraphs import plain_fragments
    style = make_styles(12, False).hanging()
    found = plain_fragments(text, style)
    assert (found is not None) == parsed
    if found:
        cleaned, fragments = found
        assert cleaned == cleanBlockQuotedText(text)
        _, expected, _ = ParaParser().parse(cleaned, style)
        assert [f.__dict__ for f in fragments] == [f.__dict__ for f in expected]


def test_least_heights_never_exceed_measured_heights(every_handout):
    checked, planners = 0, {}
    for name, handout, large_print in every_handout:
        size = handout.body_size(large_print)
        sizes = (size,) if large_print or handout.cards else (size, size + GROWTH[0])
        variants = handout.variants()
        blocks = {block for variant in variants for block in variant.blocks}
        for size in sizes:
            styles = make_styles(size, large_print, variants[0].accent)
            width, height = frame_size("a4", size, large_print)
            widths = {width, column_width(width, 2), _card_frames("a4", 4)[0][2], _card_frames("a4", 2)[0][2]}
            planner = planners.setdefault(styles, Planner())  # blocks shared by handouts are measured once
            for block in blocks:
                for block_width in widths:
                    measured = planner.block_height(block, styles, block_width, height)
                    assert least_height(block, styles, block_width) <= measured + 1e-9, (name, block)
                    if isinstance(block, b.Contacts):
                        for contact in block.contacts:
                            one = planner.block_height(b.Contacts((contact,), block.detailed, block.purpose),
                                                       styles, block_width, height)
                            assert least_contact_height(contact, styles, block_width, block.detailed,
                                                   purpose=block.purpose) <= one + 1e-9
                    checked += 1
    assert checked > 1000


def _reference_plan(variants, paper: str, size: float, max_pages: int) -> int:
    """The version found by measuring every version in full."""
    planner = Planner()

    def pages(variant: int) -> float:
        styles = make_styles(size, False, variants[variant].accent)
        width, height = frame_size(paper, size, False, variants[variant].footer)
        return planner.pages(variants[variant], styles, width, height, columns_for(variants[variant], styles))

    return next((v for v in range(len(variants)) if pages(v) <= max_pages * (1 + 1e-9)), len(variants) - 1)


def _reference_cards(variants, paper: str, large_print: bool, size: float) -> Tuple[int, float, int, int]:
    """(version, size, cards per sheet, sides) found by measuring every version of a pocket card in full."""
    planner = Planner()

    def fits(card, at: float, per_sheet: int) -> bool:
        _, _, frame_w, frame_h = _card_frames(paper, per_sheet)[0]
        return planner.height(card, make_styles(at, large_print, card.accent), frame_w, frame_h) <= frame_h

    if large_print:  # the fullest version, at 16 pt or as large as its rule's card may grow
        sizes = tuple(sorted({max(LARGE_BODY, size + g) for g in GROWTH}, reverse=True))
        candidates, formats = [(0, variants[0])], LARGE_FORMATS
    else:
        candidates, formats, sizes = list(enumerate(variants)), FORMATS, tuple(size + g for g in GROWTH)
    for variant, card in candidates:
        for per_sheet, both in formats:
            sides = two_sided(card) if both else (card,)
            for at in sizes:
                if all(fits(side, at, per_sheet) for side in sides):
                    return variant, at, per_sheet, len(sides)
    per_sheet, both = formats[-1]
    return candidates[-1][0], sizes[-1], per_sheet, 2 if both else 1


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_planner_chooses_what_measuring_everything_would(every_handout, paper):
    planned = 0
    for name, handout, large_print in every_handout:
        variants = handout.variants()
        size = handout.body_size(False)
        if handout.cards:
            chosen = plan_cards(variants, paper, large_print, size, Planner(variants))
            assert (chosen.variant, chosen.size, chosen.per_sheet, len(chosen.sides)) == _reference_cards(
                variants, paper, large_print, size), name
        elif handout.max_pages and not large_print:  # large print chooses nothing: the fullest version
            chosen = plan(variants, paper, size, handout.max_pages, Planner(variants))
            assert chosen == _reference_plan(variants, paper, size, handout.max_pages), name
        else:
            continue
        planned += 1
    assert planned > 30


def test_ruling_a_version_out_early_agrees_with_measuring_it(every_handout):
    for name, handout, large_print in every_handout:
        variants = handout.variants()
        size = handout.body_size(large_print)
        planner, full = Planner(variants), Planner()
        for variant in variants:
            styles = make_styles(size, large_print, variant.accent)
            width, height = frame_size("a4", size, large_print, variant.footer)
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


@pytest.mark.parametrize("logo", sorted((LESSONS / "schools").glob("*.png")), ids=lambda p: p.name)
def test_a_logo_drawn_from_objects_made_once_is_what_reportlab_draws(logo):
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas
    from toolkit.pdf.document import binary_streams
    from toolkit.pdf.flowables import _draw_logo

    data = logo.read_bytes()

    def pdf(draw) -> bytes:
        buffer = io.BytesIO()
        with binary_streams():
            canvas = Canvas(buffer, invariant=True)
            for page in range(2):
                draw(canvas, 10 + page, 20, 50, 40)
                canvas.showPage()
            canvas.save()
        return buffer.getvalue()

    expected = pdf(lambda canvas, *box: canvas.drawImage(ImageReader(io.BytesIO(data)), *box, mask="auto"))
    for _ in range(2):  # the second time from the objects made the first
        assert pdf(lambda canvas, *box: _draw_logo(canvas, data, *box)) == expected


@pytest.mark.parametrize("text", [
    "Block the account, keep the evidence and tell an adult you trust as soon as you can.",
    "Phone\xa00800\xa01111\xa0free\xa0from\xa0any\xa0phone\xa0at\xa0any\xa0time\xa0of\xa0day or night",
    "wide\u2003spaces\u2003between\u2003these\u2003words\u2003all\u2003along\u2003the\u2003line",
    "zero\u200bwidth\u200bspaces\u200bbetween\u200bwords\u200bthat\u200breportlab\u200bbreaks\u200bat",
    "<b>Childline</b>: 0800 1111; www.childline.org.uk/info-advice/bullying-abuse-safety/online-mobile-safety/",
    "Web:<br/>www.ceop.police.uk/Safety-Centre/<br/>report-abuse", "averyveryverylongwordwithoutanyspaces" * 3,
    "Tom &amp; Ann said &lt;hello&gt; to the <b>whole</b> class, twice over, in the hall.",
])
def test_least_lines_never_exceed_the_lines_reportlab_breaks(text):
    from toolkit.pdf.floors import least_lines
    styles = make_styles(12, False)
    for style in (styles.body, styles.hanging(), styles.h2, styles.callout):
        for width in (60, 90, 140, 238, 480):
            paragraph = Paragraph(text, style)
            _, height = paragraph.wrap(width, 10_000)
            assert least_lines(text, style, width) <= round(height / style.leading), (text, style.name, width)


def test_remembered_word_widths_are_reportlabs(shipped):
    """A word's width remembered while a handout is made is reportlab's, to the last bit, at every
    size (it is kept in font units and worked out in reportlab's order)."""
    fonts.register_fonts()
    if not fonts._SAME_SUM:
        pytest.skip("reportlab's C accelerator is installed: widths are not remembered")
    words = {word for loaded in shipped.lessons for word in loaded.model.model_dump_json().split()}
    words |= {" ", "ŵŷ", "-", "https://www.childline.org.uk/"}
    for name in (fonts.REGULAR, fonts.BOLD):
        face = pdfmetrics.getFont(name)
        for size in (12, 14, 16, 12 * 1.25, 17.3):
            expected = {word: TTFont.stringWidth(face, word, size) for word in words}
            with fonts.remembered_widths():
                for _ in range(2):  # worked out, then remembered
                    assert {word: face.stringWidth(word, size) for word in words} == expected
        assert face._units is None  # forgotten once the handout is made


def test_handouts_print_the_same_with_and_without_remembered_widths(every_handout):
    """Remembering words' widths while a handout is made changes no byte of any PDF."""
    checked = 0
    for name, handout, large_print in every_handout:
        if "school" in name:
            continue
        variants, size = handout.variants(), handout.body_size(False)
        if handout.cards:
            remembered = render_cards(variants, "a4", large_print, size)
            worked_out = render_cards.__wrapped__(variants, "a4", large_print, size)
        else:
            remembered = render_pdf(variants, "a4", large_print, handout.max_pages, size)
            worked_out = render_pdf.__wrapped__(variants, "a4", large_print, handout.max_pages, size)
        assert remembered.data == worked_out.data, name
        checked += 1
    assert checked >= 40
