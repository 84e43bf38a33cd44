"""Planned slides -> slides in a python-pptx presentation: real layouts and placeholders, text
fitted at the size it is written in, colours checked for contrast, notes and alt text everywhere."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Dict, List, Sequence, Set

from pptx.dml.color import RGBColor
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Inches

from ..colours import AA_NORMAL, INK, RGB, WHITE, contrast, parse_hex
from ..errors import LessonkitError
from .content import Page, Para, Run, SlideSpec
from .fit import Box, fits, paginate, title_size
from .palette import background, readable_on, theme_colours
from .pictures import GAP_IN, QR_WIDTH_IN, captioned_qr, qr_height_in
from .template import body_placeholder, title_placeholder
from .textxml import write_text

SIDE_INSET = Inches(0.1)
END_INSET = Inches(0.05)
TITLE_SIZES = {"title": (48, 44, 40, 36, 32, 28), "section": (44, 40, 36, 32, 28), "content": (40, 36, 32, 28)}
LOGO_BOX_IN = (2.8, 1.2)
P = "http://schemas.openxmlformats.org/presentationml/2006/main"


def text_box(width: int, height: int) -> Box:
    return Box((width - 2 * SIDE_INSET) / 12700, (height - 2 * END_INSET) / 12700)


@dataclass(frozen=True)
class Frame:
    """Where a layout's placeholder sits, read once per deck."""

    idx: int
    left: int
    top: int
    width: int
    height: int

    @classmethod
    def of(cls, placeholder, layout_name: str) -> "Frame":
        where = (placeholder.left, placeholder.top, placeholder.width, placeholder.height)
        if None in where:
            raise LessonkitError(
                f"the template's '{layout_name}' layout has a placeholder without a position "
                f"('{placeholder.name}'). Open the slide master in PowerPoint, reset the layout, save and try again."
            )
        return cls(placeholder.placeholder_format.idx, *where)

    @property
    def box(self) -> Box:
        return text_box(self.width, self.height)


class Look:
    """One layout as the deck uses it: its title and body frames and text colours chosen against
    its real background."""

    def __init__(self, layout, theme: Dict[str, RGB], brand: RGB):
        self.layout = layout
        self.title = Frame.of(title_placeholder(layout), layout.name)
        self.body = Frame.of(body_placeholder(layout), layout.name)
        self.background = background(layout, theme)
        bg = self.background if self.background is not None else WHITE
        self.title_colour = readable_on(bg, brand)
        self.body_colour = readable_on(bg, INK)
        link = theme.get("hlink")
        self.links = link is not None and contrast(link, bg) >= AA_NORMAL


class DeckWriter:
    def __init__(self, prs, layouts, theme_xml: bytes, brand_hex: str, min_body_pt: int, warn, lesson_id: str = ""):
        self.prs, self.warn, self.lesson_id = prs, warn, lesson_id
        theme = theme_colours(theme_xml)
        self.looks = {role: Look(layout, theme, parse_hex(brand_hex)) for role, layout in layouts.items()}
        self.body_sizes = (min_body_pt + 4, min_body_pt + 2, min_body_pt)
        self.titles: Set[str] = set()
        for role, look in self.looks.items():
            if look.background is None:
                warn(f"the template's '{layouts[role].name}' layout has a picture or gradient background, "
                     "so text contrast cannot be checked; those slides get a plain white background")

    # --- planning pages -------------------------------------------------------------------------

    def pages(self, spec: SlideSpec) -> List[Page]:
        body = self.looks["content"].body
        box = body.box
        if any(b.qr for b in spec.blocks):
            qr_h, gap = Inches(qr_height_in()), Inches(GAP_IN)
            capacity = int((body.height + gap) // (qr_h + gap))
            if capacity >= 1:
                narrowed = text_box(body.width - Inches(QR_WIDTH_IN + GAP_IN), body.height)
                box = Box(narrowed.width_pt, narrowed.height_pt, capacity)
        return paginate(spec, box, self.body_sizes)

    def _unique(self, title: str) -> str:
        candidate, n = title, 2
        while candidate.lower() in self.titles:
            candidate, n = f"{title} ({n})", n + 1
        self.titles.add(candidate.lower())
        return candidate

    # --- writing slides -------------------------------------------------------------------------

    def add(self, spec: SlideSpec, logo=None) -> int:
        """Add the slide(s) for `spec`; returns how many."""
        if spec.kind == "content":
            pages = self.pages(spec)
            for number, page in enumerate(pages, start=1):
                notes = spec.notes if number == 1 else f"(Continued from the previous slide.)\n\n{spec.notes}"
                self._content(page, notes)
            return len(pages)
        slide, title, body = self._new_slide(spec.kind)
        look = self.looks[spec.kind]
        self._title(slide, title, spec.title, spec.kind)
        lines = spec.subtitle if spec.kind == "title" else tuple(p.text for b in spec.blocks for p in b.paras)
        paras = [Para((Run(t, spec.kind == "title" and i == 0),), bullet=False) for i, t in enumerate(lines)]
        self._fill_fixed(slide, body, look, paras, spec.title)
        if logo is not None:
            self._logo(slide, *logo)
        self._notes(slide, spec.notes)
        return 1

    def _new_slide(self, role: str):
        """A slide on the role's layout, keeping only its title and body placeholders."""
        look = self.looks[role]
        slide = self.prs.slides.add_slide(look.layout)
        if look.background is None:
            slide.background.fill.solid()
            slide.background.fill.fore_color.rgb = RGBColor(*WHITE)
        tree = slide.shapes._spTree
        title = body = None
        for shape in list(tree.iterchildren(f"{{{P}}}sp")):
            ph = shape.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")
            idx = int(ph.get("idx", "0")) if ph is not None else None
            if title is None and idx == look.title.idx:
                title = shape
            elif body is None and idx == look.body.idx:
                body = shape
            else:
                tree.remove(shape)
        # Screen readers read shapes in tree order: the title goes first.
        tree.remove(title)
        tree.insert(2, title)
        return slide, title, body

    def _content(self, page: Page, notes: str) -> None:
        slide, title, body = self._new_slide("content")
        look = self.looks["content"]
        self._title(slide, title, page.title, "content")
        if page.qr_codes:
            frame = look.body
            width = frame.width - Inches(QR_WIDTH_IN + GAP_IN)
            shape = slide.shapes._shape_factory(body)
            # All four at once: setting one dimension of an inherited position zeroes the others.
            shape.left, shape.top, shape.width, shape.height = Emu(frame.left), Emu(frame.top), Emu(width), Emu(frame.height)
            self._qr_codes(slide, frame, width, page)
        if page.paras:
            write_text(body.find(f"{{{P}}}txBody"), page.paras, page.size_pt, look.body_colour,
                       SIDE_INSET, END_INSET, self._linker(slide, look))
        else:
            body.getparent().remove(body)
        self._notes(slide, notes)

    @staticmethod
    def _linker(slide, look: Look):
        if not look.links:
            return lambda url: None
        return lambda url: slide.part.relate_to(url, RT.HYPERLINK, is_external=True)

    def _title(self, slide, shape, text: str, role: str) -> None:
        look = self.looks[role]
        text = self._unique(text)
        size = title_size(text, look.title.box, TITLE_SIZES[role], self.lesson_id)
        write_text(shape.find(f"{{{P}}}txBody"), [Para((Run(text, True),), bullet=False)], size, look.title_colour,
                   SIDE_INSET, END_INSET, lambda url: None, title=True)

    def _fill_fixed(self, slide, shape, look: Look, paras: Sequence[Para], title: str) -> None:
        """Subtitles and divider text: one slide, the largest size that fits, never below the minimum."""
        if shape is None:
            return
        if not paras:
            shape.getparent().remove(shape)
            return
        box = look.body.box
        sizes = sorted({32, 28, *self.body_sizes}, reverse=True)
        size = next((s for s in sizes if s >= self.body_sizes[-1] and fits(paras, s, box)), None)
        if size is None:
            raise LessonkitError(
                f"the text under \"{title}\" does not fit its slide at {self.body_sizes[-1]} pt. "
                "Shorten it in the lesson file or school profile."
            )
        write_text(shape.find(f"{{{P}}}txBody"), paras, size, look.body_colour, SIDE_INSET, END_INSET,
                   self._linker(slide, look))

    def _qr_codes(self, slide, body: Frame, body_width: int, page: Page) -> None:
        """Each code beside the text of its service, without overlapping or leaving the body."""
        height, gap = Inches(qr_height_in()), Inches(GAP_IN)
        tops: List[int] = []
        for offset in page.qr_tops:
            wanted = body.top + END_INSET + int(offset * 12700)
            tops.append(max(wanted, tops[-1] + height + gap) if tops else max(wanted, body.top))
        bottom = body.top + body.height
        for i in reversed(range(len(tops))):
            limit = (tops[i + 1] - gap if i + 1 < len(tops) else bottom) - height
            tops[i] = max(body.top, min(tops[i], limit))
        left = body.left + body_width + gap
        for code, top in zip(page.qr_codes, tops):
            picture = slide.shapes.add_picture(io.BytesIO(captioned_qr(code.name, code.url)), left, top, width=Inches(QR_WIDTH_IN))
            set_alt_text(picture, code.alt_text, f"QR code {code.name}")

    def _logo(self, slide, data: bytes, pixels, alt: str) -> None:
        width_px, height_px = pixels
        box_w, box_h = (Inches(v) for v in LOGO_BOX_IN)
        scale = min(box_w / width_px, box_h / height_px)
        width, height = int(width_px * scale), int(height_px * scale)
        margin = Inches(0.35)
        picture = slide.shapes.add_picture(io.BytesIO(data), self.prs.slide_width - margin - width, margin, width, height)
        set_alt_text(picture, alt, "School logo")

    @staticmethod
    def _notes(slide, text: str) -> None:
        slide.notes_slide.notes_text_frame.text = text


def set_alt_text(picture, description: str, name: str) -> None:
    """python-pptx writes the file name as the description; screen readers need the real thing."""
    c_nv_pr = picture._element.nvPicPr.cNvPr
    c_nv_pr.set("descr", description)
    c_nv_pr.set("name", name)
