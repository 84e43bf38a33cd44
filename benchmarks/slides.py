"""How long the `slides` format takes per deck, against a bare python-pptx script.

For every lesson and audience in lessons/ (and, with --school, for that school), builds the deck,
then times a bare python-pptx script that writes the same number of slides with the same words
(titles, body text and speaker notes) and no layout work at all. Prints the CPU time per deck (the
fastest of several runs, so a busy machine does not skew it) and the ratio; the target is a ratio of
at most 1.5. Figures only: nothing is asserted.

    python benchmarks/slides.py [--repeat 3] [--school lessons/schools/example-england.yaml]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path
from typing import Callable, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pptx import Presentation  # noqa: E402
from pptx.util import Emu  # noqa: E402

from toolkit.adapt import adapt  # noqa: E402
from toolkit.build import load_checked, load_school_checked  # noqa: E402
from toolkit.deck import build_deck  # noqa: E402
from toolkit.deck.metrics import measuring_family  # noqa: E402
from toolkit.render import RenderContext  # noqa: E402

TARGET = 1.5
Slide = Tuple[str, str, str]  # title, body, notes


def words_of(data: bytes) -> List[Slide]:
    """What the deck says, slide by slide, read back with python-pptx."""
    slides = []
    for slide in Presentation(io.BytesIO(data)).slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        body = "\n".join(s.text_frame.text for s in slide.placeholders if s.has_text_frame and s.placeholder_format.idx != 0)
        slides.append((title, body, slide.notes_slide.notes_text_frame.text))
    return slides


def bare_deck(slides: List[Slide]) -> bytes:
    """The simplest python-pptx script that writes the same slides and words."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    layout = prs.slide_layouts[1]
    for title, body, notes in slides:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = title
        slide.placeholders[1].text_frame.text = body
        slide.notes_slide.notes_text_frame.text = notes
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def cpu_time(work: Callable[[], object]) -> float:
    # CPU time of this process: other work on a shared machine does not count against either side.
    start = time.process_time()
    work()
    return time.process_time() - start


def best_times(ours: Callable[[], object], bare: Callable[[], object], repeat: int) -> Tuple[float, float]:
    """The fastest of `repeat` runs of each, taken in turn so both see the same conditions."""
    times: List[Tuple[float, float]] = [(cpu_time(ours), cpu_time(bare)) for _ in range(repeat)]
    return min(t[0] for t in times), min(t[1] for t in times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per deck; the fastest counts")
    parser.add_argument("--school", type=Path, help="a school profile to build for")
    parser.add_argument("--lessons", type=Path, default=ROOT / "lessons")
    args = parser.parse_args()

    project, _ = load_checked([args.lessons])
    school = load_school_checked(args.school).model if args.school else None
    first = time.process_time()
    print(f"{'deck':32} {'slides':>6} {'words':>6} {'lessonkit':>10} {'bare':>8} {'ratio':>6}")
    totals = [0.0, 0.0]
    cold = None
    for loaded in project.lessons:
        for audience_id in loaded.model.audiences:
            lesson = adapt(loaded.model, project.audiences[audience_id], project.routes, school)
            data = build_deck(lesson, RenderContext())
            if cold is None:
                cold = time.process_time() - first  # includes loading fonts and the template once
            slides = words_of(data)
            words = sum(len(" ".join(s).split()) for s in slides)
            ours, bare = best_times(lambda: build_deck(lesson, RenderContext()), lambda: bare_deck(slides), args.repeat)
            totals[0] += ours
            totals[1] += bare
            print(f"{lesson.slug:32} {len(slides):6} {words:6} {ours * 1000:8.0f}ms {bare * 1000:6.0f}ms {ours / bare:6.2f}")
    ratio = totals[0] / totals[1]
    print(f"{'all decks':32} {'':6} {'':6} {totals[0] * 1000:8.0f}ms {totals[1] * 1000:6.0f}ms {ratio:6.2f}")
    print(f"first deck, cold (font metrics, template, QR codes): {cold * 1000:.0f}ms")
    print(f"text measured in: {measuring_family()}")
    print(f"target: ratio <= {TARGET}: {'met' if ratio <= TARGET else 'NOT met'}")


if __name__ == "__main__":
    main()
