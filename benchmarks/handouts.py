"""How long each handout PDF takes, against a bare reportlab script writing the same text on the same pages.

For every lesson and audience in lessons/ (and, with --school, for that school), renders each
handout's PDF (content, fitting to its page limit, layout, QR codes), then times a bare reportlab
script (`bare_reportlab`) that writes the same words as plain paragraphs in the same fonts on the
same pages: every text of the version that was printed (four or two times for a sheet of pocket
cards), the handout's bold text (title, headings, step titles and cautions, the callout, contact
names) in the bold face and the rest in the regular face, at the handout's body size, through the
markup parser; in the handout's frames (the same margins, the same columns or cards on a sheet),
each story, card and card side starting a new page or card where the handout's does; with the
same stream encoding. No boxes, QR codes, footers, bookmarks, headings at their own sizes or
fitting. Both use the same registered faces (reportlab hands back the face already registered for
a font file under any name), so neither pays for font subsets the other does not.
Prints the CPU time per handout (the fastest of several runs, taking turns with the bare script,
so a busy machine does not skew it), the time for its HTML twin, the pages of both PDFs, and the
ratio of the PDF to the bare script; the target is a ratio of at most 1.5. What a build makes once
and every later handout reuses (the QR codes of each address, the font subsets, paragraph styles)
is timed apart, from each handout's first run; and the whole pack is timed once through from cold,
as a build makes it, against the bare script. A build of a single lesson pays more of that one-off
work per handout. Figures only: nothing is asserted.

    python benchmarks/handouts.py [--repeat 9] [--paper letter] [--large-print]
                                  [--school lessons/schools/example-england.yaml]
"""

from __future__ import annotations

import argparse
import dataclasses
import html
import io
import re
import statistics
import sys
import time
from pathlib import Path
from typing import List, Tuple

from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    BaseDocTemplate, Flowable, Frame, FrameBreak, PageBreak, PageBreakIfNotEmpty, PageTemplate, Paragraph,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.adapt import HelpContact, adapt  # noqa: E402
from toolkit.build import load_checked, load_school_checked  # noqa: E402
from toolkit.html import render_html  # noqa: E402
from toolkit.pdf import blocks as b, fonts  # noqa: E402
from toolkit.pdf.blocks import Document  # noqa: E402
from toolkit.pdf.cards import _card_frames, two_sided  # noqa: E402
from toolkit.pdf.document import (  # noqa: E402
    COLUMN_GAP, PAPER, SIDE_MARGIN, binary_streams, bottom_margin, column_width, frame_size,
)
from toolkit.pdf.layout import columns_for  # noqa: E402
from toolkit.pdf.styles import make_styles  # noqa: E402
from toolkit.pdf.text import markup  # noqa: E402
from toolkit.pdf import render_cards, render_pdf  # noqa: E402
from toolkit.render.handout import handouts  # noqa: E402

TARGET = 1.5
PRINTED_CONTACT_FIELDS = ("name", "purpose", "where_to_find", "phone", "textphone", "text", "url", "email",
                          "hours", "nations_note")


def cpu_time(work) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def best_of(repeat: int, *works) -> List[float]:
    """The fastest of `repeat` runs of each of `works`, taking turns so that each sees the
    machine in the same state."""
    times = [[cpu_time(work) for work in works] for _ in range(repeat)]
    return [min(run[index] for run in times) for index in range(len(works))]


# What a handout prints in bold: the title, headings, step titles and cautions, the callout, names.
BOLD_FIELDS = {(b.Heading, "text"), (b.Step, "title"), (b.Step, "caution"), (b.Callout, "text")}
Line = Tuple[str, bool]  # (a paragraph's markup, whether it starts a new page)


def _paragraph(text: str, bold: bool) -> str:
    return f"<b>{markup(text)}</b>" if bold else markup(text)


def texts(value, bold: bool = False) -> List[Line]:
    """A paragraph for every string in a document's blocks, in order, in bold where the handout
    prints it in bold; a contact as the handout prints it (its name in bold, then each way to reach
    it in a box, or all on one line in a list); whether it starts a new page (a worksheet's story)."""
    if isinstance(value, str):
        return [(_paragraph(value, bold), False)] if value.strip() else []
    if isinstance(value, b.Contacts) and not value.detailed:
        return [(f"<b>{markup(c.name)}</b>: " + "; ".join(markup(getattr(c, f)) for f in PRINTED_CONTACT_FIELDS[1:]
                                                         if getattr(c, f)), False) for c in value.contacts]
    if isinstance(value, HelpContact):  # only what a handout prints of a contact
        return [(_paragraph(getattr(value, f), f == "name"), False) for f in PRINTED_CONTACT_FIELDS if getattr(value, f)]
    if isinstance(value, b.Heading) and value.new_page:
        return [(_paragraph(value.text, True), True)]
    if dataclasses.is_dataclass(value):
        return [t for f in dataclasses.fields(value)
                for t in texts(getattr(value, f.name), (type(value), f.name) in BOLD_FIELDS)]
    if isinstance(value, (list, tuple)):
        return [t for item in value for t in texts(item)]
    return []


def printed_lines(document: Document) -> List[Line]:
    return texts(document.title, True) + texts([document.subtitle, document.blocks, document.footer])


@dataclasses.dataclass(frozen=True)
class Pages:
    """The pages the handout was printed on: the text frames of a page, and the stories that
    start a page each (one for a handout; the sides of a sheet of pocket cards), each told
    `copies` times, every copy starting a frame of its own (a card on the sheet)."""

    frames: Tuple[Tuple[float, float, float, float], ...]  # (x, y, width, height)
    stories: Tuple[Tuple[Line, ...], ...]
    copies: int = 1


def _words(text: str) -> List[str]:
    return html.unescape(re.sub(r"<[^>]+>", " ", text)).split()


def on_printed_pages(lines: List[Line], pdf: bytes) -> List[Line]:
    """The lines, each starting a new page where its text starts a page of the printed handout
    (found by its first words in that page's text), so that the bare script has the same pages."""
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]
    out, current = [], 0
    for text, new_page in lines:
        key = " ".join(_words(text)[:4])
        found = next((k for k in range(current, len(pages)) if key and key in pages[k]), current)
        out.append((text, new_page or found > current))
        current = found
    return out


def handout_pages(printed: Document, paper: str, size: float, large_print: bool, pdf: bytes) -> Pages:
    styles = make_styles(size, large_print, printed.accent)
    columns = columns_for(printed, styles)
    width, height = frame_size(paper, size, large_print, printed.footer)
    bottom = bottom_margin(size, large_print, printed.footer, paper)
    inner = column_width(width, columns)
    frames = tuple((SIDE_MARGIN + i * (inner + COLUMN_GAP), bottom, inner, height) for i in range(columns))
    return Pages(frames, (tuple(on_printed_pages(printed_lines(printed), pdf)),))


def card_pages(printed: Document, paper: str, rendered) -> Pages:
    sides = two_sided(printed) if rendered.sides == 2 else (printed,)
    return Pages(tuple(_card_frames(paper, rendered.cards_per_page)),
                 tuple(tuple(printed_lines(side)) for side in sides), rendered.cards_per_page)


def bare_reportlab(pages: Pages, paper: str, size: float, large_print: bool) -> bytes:
    """The baseline: the same words in the same faces, at the body size and line spacing, in the
    same frames and pages, written with the same stream encoding; one plain paragraph each."""
    body = make_styles(size, large_print).body
    style = ParagraphStyle("plain", fontName=fonts.REGULAR, fontSize=size, leading=body.leading)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=PAPER[paper], title="bare", initialFontName=fonts.REGULAR,
                          invariant=True)
    doc.addPageTemplates([PageTemplate("page", [Frame(*frame, leftPadding=0, rightPadding=0, topPadding=0,
                                                      bottomPadding=0) for frame in pages.frames])])
    flowables: List[Flowable] = []
    for side, lines in enumerate(pages.stories):
        for copy in range(pages.copies):
            if side or copy:
                flowables.append(FrameBreak() if copy else PageBreak())
            for text, new_page in lines:
                if new_page:
                    flowables.append(PageBreakIfNotEmpty())
                flowables.append(Paragraph(text, style))
    with binary_streams():
        doc.build(flowables)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--paper", choices=sorted(PAPER), default="a4")
    parser.add_argument("--large-print", action="store_true")
    parser.add_argument("--school", type=Path)
    parser.add_argument("--only", default="", help="only handouts whose name contains this")
    args = parser.parse_args()

    project, _ = load_checked([ROOT / "lessons"])
    school = load_school_checked(args.school).model if args.school else None
    fonts.register_fonts()
    print(f"{'handout':52} {'pages':>5} {'bare':>4} {'pdf ms':>8} {'html ms':>8} {'bare ms':>8} {'ratio':>6}")
    ratios, once, cold, plain = [], 0.0, 0.0, 0.0
    for loaded in project.lessons:
        for audience in loaded.model.audiences:
            lesson = adapt(loaded.model, project.audiences[audience], project.routes, school)
            for handout in handouts(lesson, args.large_print):
                name = f"{lesson.slug}-{handout.kind}"
                if args.only not in name:
                    continue

                def ours():
                    variants = handout.variants()
                    size = handout.body_size(False)
                    if handout.cards:
                        return variants, render_cards(variants, args.paper, args.large_print, size)
                    return variants, render_pdf(variants, args.paper, args.large_print, handout.max_pages, size)

                start = time.process_time()
                variants, rendered = ours()
                first = time.process_time() - start  # with anything not made before in this build
                printed = variants[rendered.variant]
                pages = (card_pages(printed, args.paper, rendered) if handout.cards
                         else handout_pages(printed, args.paper, rendered.body_size, args.large_print, rendered.data))

                def plain_script():
                    return bare_reportlab(pages, args.paper, rendered.body_size, args.large_print)

                printed_pages = len(PdfReader(io.BytesIO(rendered.data)).pages)
                bare_pages = len(PdfReader(io.BytesIO(plain_script())).pages)
                pdf, bare, html = best_of(args.repeat, ours, plain_script,
                                          lambda: render_html(handout.variants()[0], handout.body_size(args.large_print)))
                ratio = pdf / bare
                ratios.append(ratio)
                once += max(first - pdf, 0.0)
                cold += first
                plain += bare
                print(f"{name:52} {printed_pages:>5} {bare_pages:>4} {pdf * 1000:>8.1f} {html * 1000:>8.1f} "
                      f"{bare * 1000:>8.1f} {ratio:>6.2f}")
    print(f"\nratio to bare reportlab: median {statistics.median(ratios):.2f}, worst {max(ratios):.2f} "
          f"(target at most {TARGET}); {sum(r <= TARGET for r in ratios)} of {len(ratios)} handouts meet it")
    print(f"made once per build and shared by every handout after (QR codes, font subsets, styles): "
          f"{once * 1000:.0f} ms in all, not in the figures above")
    print(f"the whole pack once through from cold, in build order, all of that included: {cold * 1000:.0f} ms "
          f"against {plain * 1000:.0f} ms for the bare script, a ratio of {cold / plain:.2f}")


if __name__ == "__main__":
    main()
