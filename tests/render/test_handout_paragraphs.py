"""Plain paragraphs skip reportlab's markup parser: the handouts come out byte for byte as if every
paragraph had been parsed."""

from __future__ import annotations

from reportlab.platypus import Paragraph as ReportlabParagraph

from toolkit.pdf import paragraphs
from toolkit.pdf.paragraphs import Paragraph
from toolkit.pdf.styles import make_styles
from toolkit.render import RenderContext, RenderOptions, formats

from kit import LESSONS

SCHOOL = LESSONS / "schools" / "example-wales.yaml"


def test_plain_and_bold_text_get_the_fragments_the_parser_would_make():
    styles = make_styles(11.0, False)
    for text in ("Plain  words,\n  over lines.", "<b>All bold</b>", "Ŵ and “quotes”", "  <b>padded</b> ",
                 "a <b>lead</b> then text", "<b>Childline:</b> 0800 1111; childline.org.uk"):
        clone = styles.body.clone("smaller", fontSize=7)  # a clone made after its style was used
        for style in (styles.body, styles.small, styles.hanging(), clone):
            ours, theirs = Paragraph(text, style), ReportlabParagraph(text, style)
            assert [f.__dict__ for f in ours.frags] == [f.__dict__ for f in theirs.frags], text
            assert ours.text == theirs.text
    assert len(paragraphs.plain_fragments("a <b>lead</b> then text", styles.body)[1]) == 3  # a fragment a run
    assert paragraphs.plain_fragments("<b>a</b> <b>b</b>", styles.body) is None  # a run of only a space
    assert paragraphs.plain_fragments("fish &amp; chips", styles.body) is None
    assert paragraphs.plain_fragments("   ", styles.body) is None


def test_handouts_come_out_the_same_as_with_every_paragraph_parsed(adapted, monkeypatch):
    def pdfs(**options):
        context = RenderContext(options=RenderOptions(**options))
        out = {}
        for lesson in (adapted("online-blackmail", "ks3"), adapted("parents-session", "parents", SCHOOL),
                       adapted("staff-briefing", "staff")):
            out.update({f.name: f.data for f in formats()["handout"].render(lesson, context) if f.name.endswith(".pdf")})
        return out

    fast, fast_large = pdfs(), pdfs(large_print=True)
    monkeypatch.setattr(paragraphs, "plain_fragments", lambda text, style: None)
    assert pdfs() == fast and pdfs(large_print=True) == fast_large
