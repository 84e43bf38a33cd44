"""The referral flow drawing: whole on a page when a page holds it, split between steps when not."""

from __future__ import annotations

import io

import pypdf
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate
from reportlab.lib.styles import getSampleStyleSheet

from toolkit.pdf.blocks import Flow
from toolkit.pdf.diagram import flow_drawing

LONG = "Listen, stay calm and write down what was said in the pupil's own words, then tell the lead today. " * 2


def _pages(flow: Flow, size: float, before: int = 0):
    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=A4)
    styles = getSampleStyleSheet()
    story = [Paragraph(f"Filler paragraph {n}.", styles["Normal"]) for n in range(before)]
    story += [Paragraph("Referral flow", styles["Heading2"]), flow_drawing(flow, document.width, size, colors.blue)]
    document.build(story)
    return [page.extract_text() for page in pypdf.PdfReader(out).pages]


def test_a_flow_a_page_holds_stays_whole_and_moves_over_the_page_whole():
    flow = Flow(("Notice.", "Listen.", "Anyone in danger now?", "Tell the lead."), branch_from=2, branch="Call 999.")
    pages = _pages(flow, 12, before=60)  # starts low on the first page
    holding = [n for n, text in enumerate(pages) if any(step in text for step in flow.steps)]
    assert len(pages) == 2 and holding == [1] and all(step in pages[1] for step in flow.steps)


def test_a_flow_taller_than_a_page_splits_between_steps_with_every_step_numbered_in_order():
    steps = tuple(f"Step {n}: {LONG}" for n in range(1, 13))
    flow = Flow(steps, branch_from=2, branch="Call 999 now, then tell the lead.")
    assert flow_drawing(flow, A4[0] - 144, 16, colors.blue).height > A4[1]  # taller than the page itself
    pages = _pages(flow, 16)
    assert len(pages) >= 2
    text = "\n".join(pages)
    positions = [text.index(f"Step {n}:") for n in range(1, 13)]
    assert positions == sorted(positions)  # nothing lost, nothing out of order
    assert "Referral flow" in pages[0] and "Step 1:" in pages[0]  # the heading stays with its flow
