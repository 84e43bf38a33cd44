"""How long each handout PDF takes, against a bare reportlab script writing the same amount of text.

For every lesson and audience in lessons/ (and, with --school, for that school), renders each
handout's PDF (content, fitting to its page limit, layout, QR codes), then times a bare reportlab
script that writes the same words (every text of the version that was printed, four times for a
sheet of pocket cards) as plain paragraphs in the same font file on the same paper, registered the
plain way (reportlab's own TTFont): no boxes, columns, QR codes, footers, bookmarks or fitting.
Prints the CPU time per handout (the fastest of several runs, taking turns with the bare script,
so a busy machine does not skew it), the time for its HTML twin, and the ratio of the PDF to the
bare script; the target is a ratio of at most 1.5. What a build makes once and every later handout
reuses (the QR codes of each address, the font subsets, paragraph styles) is timed apart, from
each handout's first run; and the whole pack is timed once through from cold, as a build makes it,
against the bare script. A build of a single lesson pays more of that one-off work per handout.
Figures only: nothing is asserted.

    python benchmarks/handouts.py [--repeat 9] [--paper letter] [--large-print]
                                  [--school lessons/schools/example-england.yaml]
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import statistics
import sys
import time
from pathlib import Path
from typing import List

from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.adapt import HelpContact, adapt  # noqa: E402
from toolkit.build import load_checked, load_school_checked  # noqa: E402
from toolkit.html import render_html  # noqa: E402
from toolkit.pdf import fonts  # noqa: E402
from toolkit.pdf.document import PAPER  # noqa: E402
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


def texts(value) -> List[str]:
    """Every string in a document's blocks, in order."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, HelpContact):  # only what a handout prints of a contact
        return [getattr(value, f) for f in PRINTED_CONTACT_FIELDS if getattr(value, f)]
    if dataclasses.is_dataclass(value):
        return [t for f in dataclasses.fields(value) for t in texts(getattr(value, f.name))]
    if isinstance(value, (list, tuple)):
        return [t for item in value for t in texts(item)]
    return []


BARE_FONT = "BareSourceSansPro"


def register_bare_font() -> None:
    """The same font file as the handouts, registered the plain way: reportlab's own TTFont."""
    pdfmetrics.registerFont(TTFont(BARE_FONT, str(fonts.font_folder() / "SourceSansPro-Regular.ttf")))


def bare_reportlab(lines, paper: str, size: float) -> bytes:
    """The baseline: the same words, same font file, paper and body size, one plain paragraph each."""
    style = ParagraphStyle("plain", fontName=BARE_FONT, fontSize=size, leading=size * 1.3)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=PAPER[paper], title="bare", initialFontName=BARE_FONT)
    doc.build([Paragraph(markup(line), style) for line in lines])
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--paper", choices=sorted(PAPER), default="a4")
    parser.add_argument("--large-print", action="store_true")
    parser.add_argument("--school", type=Path)
    args = parser.parse_args()

    project, _ = load_checked([ROOT / "lessons"])
    school = load_school_checked(args.school).model if args.school else None
    fonts.register_fonts()
    register_bare_font()
    print(f"{'handout':58} {'pages':>5} {'pdf ms':>8} {'html ms':>8} {'bare ms':>8} {'ratio':>6}")
    ratios, once, cold, plain = [], 0.0, 0.0, 0.0
    for loaded in project.lessons:
        for audience in loaded.model.audiences:
            lesson = adapt(loaded.model, project.audiences[audience], project.routes, school)
            for handout in handouts(lesson, args.large_print):
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
                lines = texts([printed.title, printed.subtitle, printed.blocks, printed.footer])
                lines *= rendered.cards_per_page if handout.cards else 1
                reader = PdfReader(io.BytesIO(rendered.data))
                pdf, bare, html = best_of(args.repeat, ours, lambda: bare_reportlab(lines, args.paper, rendered.body_size),
                                          lambda: render_html(handout.variants()[0], handout.body_size(args.large_print)))
                ratio = pdf / bare
                ratios.append(ratio)
                once += max(first - pdf, 0.0)
                cold += first
                plain += bare
                name = f"{lesson.slug}-{handout.kind}"
                print(f"{name:58} {len(reader.pages):>5} {pdf * 1000:>8.1f} {html * 1000:>8.1f} "
                      f"{bare * 1000:>8.1f} {ratio:>6.2f}")
    print(f"\nratio to bare reportlab: median {statistics.median(ratios):.2f}, worst {max(ratios):.2f} "
          f"(target at most {TARGET}); {sum(r <= TARGET for r in ratios)} of {len(ratios)} handouts meet it")
    print(f"made once per build and shared by every handout after (QR codes, font subsets, styles): "
          f"{once * 1000:.0f} ms in all, not in the figures above")
    print(f"the whole pack once through from cold, in build order, all of that included: {cold * 1000:.0f} ms "
          f"against {plain * 1000:.0f} ms for the bare script, a ratio of {cold / plain:.2f}")


if __name__ == "__main__":
    main()
