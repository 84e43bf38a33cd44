"""What the decks look like, measured: one line per deck of the national pack and of one school's
pack (each session's deck, as `lessonkit build --format slides` writes them).

For each deck: slides; pictures (drawn pictures, such as a story's phone or the What to do graphic,
and images: QR codes and the logo); stories and how many of them open on a picture; continuation
slides ("(continued)"); the smallest and largest body text size in placeholders (pt); slides where a
heading ends with a single item under it, or a continuation holds a single item ("lone"); words per
slide (median and worst, everything shown on the slide). Figures only: nothing is asserted.

    python benchmarks/deck_report.py [--school lessons/schools/example-england.yaml]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pptx import Presentation  # noqa: E402
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER  # noqa: E402

from toolkit.adapt import adapt  # noqa: E402
from toolkit.deck.content import Para, Run  # noqa: E402
from toolkit.deck.fit import height as text_height  # noqa: E402
from toolkit.build import load_checked, load_school_checked  # noqa: E402
from toolkit.render import RenderContext  # noqa: E402
from toolkit.render.slides import render  # noqa: E402

STORY = "Story: "


def _shapes(shapes) -> Iterator:
    """Every shape, those inside groups too (a help card's QR code)."""
    for shape in shapes:
        yield shape
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _shapes(shape.shapes)


def _texts(shapes) -> Iterator[str]:
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _texts(shape.shapes)
        elif shape.has_text_frame:
            yield shape.text_frame.text


def _is_heading(paragraph) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    bullet = paragraph._p.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}buChar") is not None
    return bool(runs) and all(r.font.bold for r in runs) and not bullet


def _is_item(paragraph) -> bool:
    return paragraph._p.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}buChar") is not None


def _bodies(slide):
    """The body placeholders: not the title, not the slide number."""
    return [s for s in slide.placeholders if s.placeholder_format.idx != 0 and s.has_text_frame
            and s.placeholder_format.type != PP_PLACEHOLDER.SLIDE_NUMBER]


def _lone(slide, title: str) -> bool:
    """A column ending on a heading with a single listed item under it, or a continuation slide
    that holds a single item."""
    bodies = _bodies(slide)
    if "(continued" in title and sum(len([p for p in b.text_frame.paragraphs if p.text.strip()]) for b in bodies) == 1:
        return True
    for body in bodies:
        paragraphs = [p for p in body.text_frame.paragraphs if p.text.strip()]
        headings = [i for i, p in enumerate(paragraphs) if _is_heading(p)]
        if headings and len(paragraphs) - headings[-1] == 2 and _is_item(paragraphs[-1]):
            return True
    return False


def _para(paragraph) -> Para:
    runs = tuple(Run(r.text, bool(r.font.bold)) for r in paragraph.runs) or (Run(""),)
    return Para(runs, level=paragraph.level, bullet=_is_item(paragraph))


def _fill(slide) -> float:
    """How full a slide is, 0 to 1: its body text's height over its text area (measured as the
    deck measures it), or for a drawn slide how far down its pictures reach."""
    bodies = _bodies(slide)
    if bodies:
        used = room = 0.0
        for body in bodies:
            sizes = [r.font.size.pt for p in body.text_frame.paragraphs for r in p.runs if r.font.size]
            width = (body.width - 2 * 91440 * 0.1) / 12700
            used += text_height([_para(p) for p in body.text_frame.paragraphs], max(sizes, default=24), width)
            room += (body.height - 2 * 91440 * 0.05) / 12700
        return used / room if room else 0.0
    title = slide.shapes.title
    drawn = [s for s in slide.shapes if title is None or s.shape_id != title.shape_id]
    drawn = [s for s in drawn if not (s.is_placeholder and s.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER)]
    if not drawn:
        return 0.0
    top = min(s.top for s in drawn)
    bottom = max(s.top + s.height for s in drawn)
    # The area below the title band, as the content layouts give it (1.35 to 7.3 inches).
    return (bottom - top) / (5.95 * 914400)


def deck_figures(data: bytes) -> Dict[str, object]:
    prs = Presentation(io.BytesIO(data))
    figures: Dict[str, object] = {"slides": len(prs.slides), "drawn": 0, "images": 0, "stories": 0,
                                  "stories_pictured": 0, "continued": 0, "lone": 0, "half_empty": 0}
    sizes: List[float] = []
    words: List[int] = []
    for slide in prs.slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        drawn = sum(1 for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP)
        figures["drawn"] += drawn
        figures["images"] += sum(1 for s in _shapes(slide.shapes) if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
        if title.startswith(STORY) and "(continued" not in title:
            figures["stories"] += 1
            figures["stories_pictured"] += 1 if drawn else 0
        figures["continued"] += 1 if "(continued" in title else 0
        figures["half_empty"] += 1 if "(continued" in title and _fill(slide) < 0.5 else 0
        figures["lone"] += 1 if _lone(slide, title) else 0
        for shape in _bodies(slide):
            if slide.slide_layout.name == "Title Slide":
                continue  # the title slide's subtitle lines are not body text
            sizes += [r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs if r.font.size]
        words.append(len(" ".join(_texts(slide.shapes)).split()))
    figures["body_pt"] = f"{min(sizes):.0f}-{max(sizes):.0f}" if sizes else "-"
    figures["words_median"] = statistics.median(words) if words else 0
    figures["words_worst"] = max(words) if words else 0
    return figures


def report(label: str, school_path: Optional[Path], lessons: Path) -> None:
    project, _ = load_checked([lessons])
    school = load_school_checked(school_path).model if school_path else None
    print(f"\n{label}")
    header = (f"{'deck':44} {'slides':>6} {'drawn':>5} {'images':>6} {'stories':>8} {'cont.':>5} {'body pt':>8} "
              f"{'<half':>5} {'lone':>4} {'words med/worst':>16}")
    print(header)
    for loaded in project.lessons:
        for audience_id in loaded.model.audiences:
            lesson = adapt(loaded.model, project.audiences[audience_id], project.routes, school)
            for output in render(lesson, RenderContext()):
                f = deck_figures(output.data)
                stories = f"{f['stories_pictured']}/{f['stories']}"
                print(f"{output.name:44} {f['slides']:6} {f['drawn']:5} {f['images']:6} {stories:>8} "
                      f"{f['continued']:5} {f['body_pt']:>8} {f['half_empty']:5} {f['lone']:4} "
                      f"{f['words_median']:>9.0f}/{f['words_worst']:<6}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--school", type=Path, default=ROOT / "lessons" / "schools" / "example-england.yaml",
                        help="the school pack to report on beside the national pack")
    parser.add_argument("--lessons", type=Path, default=ROOT / "lessons")
    args = parser.parse_args()
    report("National pack", None, args.lessons)
    report(f"School pack: {args.school.name}", args.school, args.lessons)
    print("\nstories: stories that open on a picture / all stories; cont.: continuation slides; "
          "<half: continuation slides less than half full; "
          "lone: a heading ending a slide with one item, or a continuation with one item")


if __name__ == "__main__":
    main()
