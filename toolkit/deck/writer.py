"""Planned slides -> slides in a python-pptx presentation: real layouts and placeholders, text
fitted at the size it is written in, colours checked for contrast, notes and alt text everywhere."""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Dict, List, Optional, Sequence, Set, Tuple

from pptx.dml.color import RGBColor
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Inches

from ..colours import WHITE, parse_hex
from ..errors import LessonkitError
from .content import Column, Page, Para, Run, SlideSpec
from .fit import HALF_FULL, body_sizes, continued_title, fits, page_fill, paginate, title_size
from .looks import END_INSET, EMU_PER_PT, SIDE_INSET, Frame, Look
from .palette import theme_colours
from .parts import NewSlides, NotesSlides
from .pictures import GAP_IN, QR_WIDTH_IN, qr_height_in, qr_picture
from .metrics import DECK_FONT
from .textxml import A, run_language, write_text
from ..wording import _
from pptx.oxml import parse_xml

TITLE_SIZES = {"title": (48, 44, 40, 36, 32, 28), "section": (44, 40, 36, 32, 28), "content": (40, 36, 32, 28),
               "two": (40, 36, 32, 28), "picture": (40, 36, 32, 28), "quiz": (40, 36, 32, 28), "help": (40, 36, 32, 28)}
LOGO_BOX_IN = (2.8, 1.2)
PICTURE_SHARE = 0.6  # a picture slide gives its picture this share of the width, its text the rest
P = "http://schemas.openxmlformats.org/presentationml/2006/main"


def looks_of(layouts, theme_xml: bytes, brand_hex: str) -> Dict[str, Look]:
    """How each layout of a template is used (frames and colours), by role."""
    theme = theme_colours(theme_xml)
    return {role: Look(role, layout, theme, parse_hex(brand_hex)) for role, layout in layouts.items()}


class DeckWriter:
    def __init__(self, prs, layouts, theme_xml: bytes, brand_hex: str, min_body_pt: int, warn, lesson_id: str = "",
                 looks: Optional[Dict[str, Look]] = None):
        """`looks`: `looks_of(layouts, theme_xml, brand_hex)` when the caller already has them."""
        self.prs, self.warn, self.lesson_id = prs, warn, lesson_id
        self.brand = parse_hex(brand_hex)
        self.looks = looks if looks is not None else looks_of(layouts, theme_xml, brand_hex)
        self.body_sizes = body_sizes(min_body_pt)
        self.titles: Set[str] = set()
        self._replans: Dict = {}
        self._graphic_plans: Dict = {}
        self._number_placeholders: Dict = {}
        self._timing = None  # the timing of the slide being written (see plan_timings)
        self._step_slides: Dict = {}
        self._step_done: Dict = {}
        self._notes_slides = NotesSlides()
        self._new_slides = NewSlides(prs)
        warned: Set[str] = set()
        for role, look in self.looks.items():
            if look.background is None and layouts[role].name not in warned:
                warned.add(layouts[role].name)
                warn(_("the template's '{layout}' layout has a picture or gradient background, "
                       "so text contrast cannot be checked; those slides get a plain white background",
                       layout=layouts[role].name))

    # --- planning pages -------------------------------------------------------------------------

    def role_for(self, spec: SlideSpec) -> str:
        """The layout a slide is built on: for text in two columns, Two Content when the template
        has one, else one column; a picture beside text, Two Content or else Title and Content."""
        if spec.kind == "picture":
            return self.picture_frames()[0]
        if spec.kind == "graphic":  # drawn in one body's place: a named one-body layout (Quiz) when there is one
            preferred = self.looks.get(spec.layout)
            return spec.layout if preferred is not None and len(preferred.bodies) == 1 else "content"
        if spec.kind != "content":
            return spec.kind
        role = "two" if self.replanned(spec).columns == 2 and "two" in self.looks else "content"
        # A named layout (Quiz, Help) when the template has one with as many columns.
        preferred = self.looks.get(spec.layout)
        if preferred is not None and len(preferred.bodies) == len(self.looks[role].bodies):
            return spec.layout
        return role

    def _paginate(self, spec: SlideSpec, role: str) -> List[Page]:
        return paginate(spec, self.looks[role].column_box(any(b.qr for b in spec.blocks)), self.body_sizes)

    def replanned(self, spec: SlideSpec) -> SlideSpec:
        """A list too long for one column is re-planned into two columns when that needs fewer
        slides (a heading then never ends a slide alone, and no slide is left mostly empty)."""
        if spec.columns != 1 or "two" not in self.looks or any(b.qr for b in spec.blocks):
            return spec
        key = (spec.title, spec.blocks)
        if key not in self._replans:
            one = len(self._paginate(spec, "content"))
            two = replace(spec, columns=2)
            self._replans[key] = 2 if one > 1 and len(self._paginate(two, "two")) < one else 1
        return replace(spec, columns=2) if self._replans[key] == 2 else spec

    def pages(self, spec: SlideSpec) -> List[Page]:
        spec = self.replanned(spec)
        return self._paginate(spec, self.role_for(spec))

    def _unique(self, title: str) -> str:
        candidate, n = title, 2
        while candidate.lower() in self.titles:
            candidate, n = f"{title} ({n})", n + 1
        self.titles.add(candidate.lower())
        return candidate

    # --- writing slides -------------------------------------------------------------------------

    def plan_timings(self, specs: Sequence[SlideSpec]) -> None:
        """Count the slides each plan step becomes, so every slide's notes can say which it is."""
        self._step_slides: Dict = {}
        self._step_done: Dict = {}
        for spec in specs:
            if isinstance(spec.timing, tuple):
                key = spec.timing[0]
                self._step_slides[key] = self._step_slides.get(key, 0) + self.count(spec)

    def add(self, spec: SlideSpec, logo=None) -> int:
        """Add the slide(s) for `spec`; returns how many."""
        self._timing = spec.timing
        return self._add(spec, logo)

    def _add(self, spec: SlideSpec, logo=None) -> int:
        if spec.instead and self._replaced(spec):
            return sum(self._add(part) for part in spec.instead)
        if spec.kind == "content":
            role = self.role_for(spec)
            pages = self.pages(spec)
            for number, page in enumerate(pages, start=1):
                notes = spec.notes if number == 1 else _("(Continued from the previous slide.)") + f"\n\n{spec.notes}"
                self._content(role, page, notes)
            return len(pages)
        if spec.kind == "picture":
            self._picture(spec)
            return self.count(spec)
        if spec.kind == "graphic":
            return self._graphic(spec)
        slide, title, bodies = self._new_slide(spec.kind)
        look = self.looks[spec.kind]
        self._title(slide, title, spec.title, spec.kind)
        lines = spec.subtitle if spec.kind == "title" else tuple(p.text for b in spec.blocks for p in b.paras)
        paras = [Para((Run(t, spec.kind == "title" and i == 0),), bullet=False) for i, t in enumerate(lines)]
        notes = spec.notes
        if spec.kind == "title":
            # Every line goes on the slide (the review state last); only text too long for the slide
            # moves lines, from the last, to the top of its notes rather than fail the build.
            if spec.review:
                paras = paras + [Para((Run(spec.review),), bullet=False)]
            moved: List[str] = []
            while len(paras) > 1 and not self._fits_fixed(look, paras, subtitle=True):
                moved.insert(0, paras.pop().runs[0].text)
            notes = "\n".join(moved + ([""] if moved else []) + [notes]) if moved else notes
        self._fill_fixed(slide, bodies[0], look, paras, spec.title, subtitle=spec.kind == "title")
        if logo is not None:
            self._logo(slide, *logo)
        if spec.guide:
            from .character import draw_guide

            # Top left, above the title: the logo, if any, is top right.
            draw_guide(slide, 0.35 * 72, 0.25 * 72, 1.6 * 72, self.brand)
        self._notes(slide, notes)
        return 1

    def _new_slide(self, role: str):
        """A slide on the role's layout, keeping only its title and body placeholders."""
        look = self.looks[role]
        slide = self._new_slides.add(look.layout)
        if look.background is None:
            slide.background.fill.solid()
            slide.background.fill.fore_color.rgb = RGBColor(*WHITE)
        tree = slide.shapes._spTree
        title, bodies = None, {}
        wanted = [frame.idx for frame in look.bodies]
        for shape in list(tree.iterchildren(f"{{{P}}}sp")):
            ph = shape.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")
            idx = int(ph.get("idx", "0")) if ph is not None else None
            if title is None and idx == look.title.idx:
                title = shape
            elif idx in wanted and idx not in bodies:
                bodies[idx] = shape
            else:
                tree.remove(shape)
        # Screen readers read shapes in tree order: the title first, then the columns left to right.
        for position, shape in enumerate([title] + [bodies.get(i) for i in wanted], start=2):
            if shape is not None:
                tree.remove(shape)
                tree.insert(position, shape)
        if role != "title":
            self._slide_number(slide, look)
        return slide, title, [bodies.get(i) for i in wanted]

    def _slide_number(self, slide, look: Look) -> None:
        """The slide's number, where the layout puts it (a field PowerPoint keeps up to date)."""
        number = self._number_placeholder(look.layout)
        if number is None:
            return
        slide.shapes.clone_placeholder(number)
        shape = slide.shapes._spTree.xpath("./p:sp")[-1]
        tx_body = shape.find(f"{{{P}}}txBody")
        if tx_body is None:
            tx_body = parse_xml(f'<p:txBody xmlns:p="{P}" xmlns:a="{A}"><a:bodyPr/><a:lstStyle/></p:txBody>')
            shape.append(tx_body)
        for old in tx_body.findall(f"{{{A}}}p"):
            tx_body.remove(old)
        body_pr = tx_body.find(f"{{{A}}}bodyPr")
        for side in ("lIns", "rIns", "tIns", "bIns"):
            body_pr.set(side, "0")
        body_pr.set("anchor", "ctr")
        colour = "{:02X}{:02X}{:02X}".format(*look.body_colour)
        tx_body.append(parse_xml(
            f'<a:p xmlns:a="{A}"><a:pPr algn="r"/><a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum">'
            f'<a:rPr lang="{run_language()}" sz="1100" dirty="0"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
            f'<a:latin typeface="{DECK_FONT}"/></a:rPr><a:t>{len(self.prs.slides)}</a:t></a:fld></a:p>'))

    def _number_placeholder(self, layout):
        """The layout's slide number placeholder, or None; looked up once for each layout."""
        from pptx.enum.shapes import PP_PLACEHOLDER

        if layout.part not in self._number_placeholders:
            self._number_placeholders[layout.part] = next(
                (ph for ph in layout.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER), None)
        return self._number_placeholders[layout.part]

    def _content(self, role: str, page: Page, notes: str) -> None:
        slide, title, bodies = self._new_slide(role)
        look = self.looks[role]
        self._title(slide, title, page.title, role)
        for frame, body, column in zip(look.bodies, bodies, page.columns + (Column(()),) * len(bodies)):
            if column.qr_codes:
                width = frame.text_width_beside_qr
                shape = slide.shapes._shape_factory(body)
                # All four at once: setting one dimension of an inherited position zeroes the others.
                shape.left, shape.top, shape.width, shape.height = (Emu(frame.left), Emu(frame.top), Emu(width),
                                                                    Emu(frame.height))
                self._qr_codes(slide, body, frame, width, column)
            if column.paras:
                write_text(body.find(f"{{{P}}}txBody"), column.paras, page.size_pt, look.body_colour,
                           SIDE_INSET, END_INSET, self._linker(slide, look))
            else:
                body.getparent().remove(body)  # an empty placeholder would say "Click to add text"
        self._notes(slide, notes)

    def picture_frames(self) -> Tuple[str, Frame, Frame]:
        """(layout role, where the picture goes, where its text goes): the two columns of Two
        Content, or the halves of Title and Content's body when the template has no Two Content."""
        if "picture" in self.looks:  # the template's own Picture and Text layout
            first, last = self.looks["picture"].bodies[:2]
            return "picture", first, last
        role = "two" if "two" in self.looks else "content"
        first, last = self.looks[role].bodies[0], self.looks[role].bodies[-1]
        left, right = first.left, last.left + last.width
        wide = int((right - left - Inches(0.3)) * PICTURE_SHARE)
        return (role, Frame(first.idx, left, first.top, wide, first.height),
                Frame(last.idx, left + wide + Inches(0.3), last.top, right - left - wide - Inches(0.3), last.height))

    def _picture(self, spec: SlideSpec) -> None:
        """A drawn picture on the left (a story's chat on a phone), the slide's text on the right."""
        from .chat import draw_chat

        role, picture_at, text_at = self.picture_frames()
        slide, title, bodies = self._new_slide(role)
        look = self.looks[role]
        self._title(slide, title, spec.title, role)
        for extra in bodies[:-1]:
            extra.getparent().remove(extra)
        body = bodies[-1]
        shape = slide.shapes._shape_factory(body)
        shape.left, shape.top, shape.width, shape.height = (Emu(text_at.left), Emu(text_at.top),
                                                            Emu(text_at.width), Emu(text_at.height))
        shown, rest, continues = self.picture_text(spec)
        paras = [p for b in shown for p in b.paras]
        size = next(s for s in self.body_sizes if fits(paras, s, text_at.box))
        write_text(body.find(f"{{{P}}}txBody"), paras, size, look.body_colour, SIDE_INSET, END_INSET,
                   self._linker(slide, look))
        box = tuple(v / EMU_PER_PT for v in (picture_at.left, picture_at.top, picture_at.width, picture_at.height))
        if hasattr(spec.picture, "draw"):  # a drawn picture of its own (the helping hand)
            spec.picture.draw(slide, box, self.brand, size)
        else:  # a story's chat
            draw_chat(slide, spec.picture, box, self.brand)
        self._notes(slide, spec.notes)
        if rest:  # text too long to stand beside the picture carries on, never cut
            extra = SlideSpec("content", spec.title, rest, notes=spec.notes, group=spec.group)
            for number, page in enumerate(self.pages(extra), start=2):
                title = continued_title(spec.title, number) if continues else continued_title(spec.own_title, number - 1)
                self._content(self.role_for(extra), Page(title, page.columns, page.size_pt),
                              _("(Continued from the previous slide.)") + f"\n\n{spec.notes}")

    def picture_text(self, spec: SlideSpec) -> Tuple[Tuple, Tuple, bool]:
        """(the blocks beside a picture, the blocks that follow, whether they follow as its
        continuation): as many as fit beside it at the deck's body size, never fewer than
        `spec.beside`; fewer when the text that follows would otherwise leave its last slide less
        than half full. Text that fits one slide but not half of it follows on a slide of its own,
        under `spec.own_title`, rather than as a nearly empty continuation; text that needs more
        than one slide continues as evenly as it can."""
        text_at = self.picture_frames()[2]
        fitting = next((count for count in range(len(spec.blocks), 1, -1)
                        if fits([p for b in spec.blocks[:count] for p in b.paras], self.body_sizes[-1], text_at.box)), 1)
        keep = min(max(spec.beside, 1), fitting)  # who's who stays beside the picture, if it fits there
        if fitting == len(spec.blocks):
            return spec.blocks, (), True
        best, best_fill = fitting, -1.0
        for count in range(fitting, keep - 1, -1):
            fill = self._least_fill(SlideSpec("content", spec.title, spec.blocks[count:]))
            if fill >= HALF_FULL:
                return spec.blocks[:count], spec.blocks[count:], True
            if fill > best_fill:
                best, best_fill = count, fill
        if spec.own_title and len(self.pages(SlideSpec("content", spec.own_title, spec.blocks[keep:]))) == 1:
            return spec.blocks[:keep], spec.blocks[keep:], False
        return spec.blocks[:best], spec.blocks[best:], True

    def _least_fill(self, spec: SlideSpec) -> float:
        """How full the emptiest of a content slide's pages is (0 to 1)."""
        role = self.role_for(spec)
        box = self.looks[role].column_box(any(b.qr for b in spec.blocks))
        return min(page_fill(page, box) for page in self.pages(spec))

    def graphic_area(self, spec: SlideSpec) -> Tuple[str, Tuple[float, float, float, float]]:
        """(layout role, (left, top, width, height) in points) where a designed slide draws: the
        body of Title and Content (or of the template's Quiz layout), or for help cards the columns of
        Help (or Two Content) together."""
        role = self.role_for(spec)  # Title and Content, or a named layout with one body (Quiz)
        if spec.layout == "help":  # the Help layout, else Two Content (as the list of services would use)
            role = next((r for r in ("help", "two") if r in self.looks), "content")
        bodies = self.looks[role].bodies
        left, top = bodies[0].left, min(b.top for b in bodies)
        right, bottom = bodies[-1].left + bodies[-1].width, min(b.top + b.height for b in bodies)
        return role, tuple(v / EMU_PER_PT for v in (left, top, right - left, bottom - top))

    def graphic_plan(self, spec: SlideSpec):
        """(size, the graphic for each slide) for a designed slide, or None when it does not fit at
        the deck's smallest body size: it is then shown as the plain list in its blocks. Planned
        once for each graphic and layout (a deck counts its slides before it draws them)."""
        key = (spec.layout, spec.picture)
        if key not in self._graphic_plans:
            self._graphic_plans[key] = self._plan_graphic(spec)
        return self._graphic_plans[key]

    def _plan_graphic(self, spec: SlideSpec):
        from .cards import ItemCards, MythCards, split_evenly
        from .helpcards import HelpCards

        width, height = self.graphic_area(spec)[1][2:]
        size = self.body_sizes[-1]
        cards = spec.picture
        if isinstance(cards, HelpCards):
            parts = cards.split(width, height, size)
        elif isinstance(cards, MythCards):
            parts = split_evenly(cards, width, height, size, MythCards)
        elif isinstance(cards, ItemCards):
            parts = split_evenly(cards, width, height, size, lambda items: replace(cards, items=items))
        else:
            parts = [cards] if cards.fits(width, height, size) else None
        return (size, parts) if parts else None

    def _graphic(self, spec: SlideSpec) -> int:
        planned = self.graphic_plan(spec)
        if planned is None:
            plain = SlideSpec("content", spec.title, spec.blocks, notes=spec.notes, group=spec.group, columns=spec.columns,
                              layout=spec.layout)
            return self._add(plain)
        size, parts = planned
        role, box = self.graphic_area(spec)
        for number, part in enumerate(parts, start=1):
            slide, title, bodies = self._new_slide(role)
            self._title(slide, title, continued_title(spec.title, number), role)
            for body in bodies:
                if body is not None:
                    body.getparent().remove(body)
            part.draw(slide, box, self.brand, size)
            self._notes(slide, spec.notes if number == 1 else _("(Continued from the previous slide.)") + f"\n\n{spec.notes}")
        details = sum(self._add(extra) for extra in self._details(spec, parts, size))
        return len(parts) + details

    def _details(self, spec: SlideSpec, parts, size: int) -> Tuple[SlideSpec, ...]:
        """A graphic's text in full after it (`spec.instead`), when its cards had no room for it."""
        frame = self.looks["content"].body
        shown = all(getattr(p, "complete", lambda *a: True)(frame.width / EMU_PER_PT, frame.height / EMU_PER_PT, size)
                    for p in parts)
        return () if shown else spec.instead

    def _replaced(self, spec: SlideSpec) -> bool:
        """Whether a slide gives way to its authored alternative (`instead`): a list that would need
        a continuation, or a divider whose text does not fit it."""
        if spec.kind == "content":
            return len(self.pages(spec)) > 1
        if spec.kind == "section":
            return not self._fits_fixed(self.looks["section"], [p for b in spec.blocks for p in b.paras])
        return False

    def count(self, spec: SlideSpec) -> int:
        """How many slides `spec` becomes."""
        if spec.instead and self._replaced(spec):
            return sum(self.count(part) for part in spec.instead)
        if spec.kind == "graphic":
            planned = self.graphic_plan(spec)
            if planned is None:
                return self.count(SlideSpec("content", spec.title, spec.blocks, columns=spec.columns, layout=spec.layout))
            return len(planned[1]) + sum(self.count(s) for s in self._details(spec, planned[1], planned[0]))
        if spec.kind == "content":
            return len(self.pages(spec))
        if spec.kind == "picture":
            rest = self.picture_text(spec)[1]
            return 1 + (len(self.pages(SlideSpec("content", spec.title, rest))) if rest else 0)
        return 1

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

    def _fixed_size(self, look: Look, paras: Sequence[Para], subtitle: bool = False) -> Optional[int]:
        """The size `paras` are written in on one body: the deck's body size; a title slide's
        subtitle may be larger (up to 32 pt) when it fits."""
        sizes = sorted({32, 28, *self.body_sizes} if subtitle else set(self.body_sizes), reverse=True)
        return next((s for s in sizes if s >= self.body_sizes[-1] and fits(paras, s, look.body.box)), None)

    def _fits_fixed(self, look: Look, paras: Sequence[Para], subtitle: bool = False) -> bool:
        return look.body is not None and self._fixed_size(look, paras, subtitle) is not None

    def _fill_fixed(self, slide, shape, look: Look, paras: Sequence[Para], title: str, subtitle: bool = False) -> None:
        """Subtitles and divider text: one slide, the largest size that fits, never below the minimum."""
        if shape is None:
            return
        if not paras:
            shape.getparent().remove(shape)
            return
        size = self._fixed_size(look, paras, subtitle)
        if size is None:
            raise LessonkitError(
                _("the text under \"{title}\" does not fit its slide at {size} pt. "
                  "Shorten it in the lesson file or school profile.", title=title, size=self.body_sizes[-1])
            )
        write_text(shape.find(f"{{{P}}}txBody"), paras, size, look.body_colour, SIDE_INSET, END_INSET,
                   self._linker(slide, look))

    def _qr_codes(self, slide, body, frame: Frame, text_width: int, column: Column) -> None:
        """Each code beside the text of its service, without overlapping or leaving the body; in
        the shape tree straight after that text, so a screen reader meets it there."""
        height, gap = Inches(qr_height_in()), Inches(GAP_IN)
        tops: List[int] = []
        for offset in column.qr_tops:
            wanted = frame.top + END_INSET + int(offset * EMU_PER_PT)
            tops.append(max(wanted, tops[-1] + height + gap) if tops else max(wanted, frame.top))
        bottom = frame.top + frame.height
        for i in reversed(range(len(tops))):
            limit = (tops[i + 1] - gap if i + 1 < len(tops) else bottom) - height
            tops[i] = max(frame.top, min(tops[i], limit))
        left = frame.left + text_width + gap
        after = body
        for code, top in zip(column.qr_codes, tops):
            picture = slide.shapes.add_picture(io.BytesIO(qr_picture(code.url)), left, top,
                                               width=Inches(QR_WIDTH_IN))
            set_alt_text(picture, code.alt_text, _("QR code {name}", name=code.name))
            after.addnext(picture._element)
            after = picture._element

    def _logo(self, slide, data: bytes, pixels, alt: str) -> None:
        width_px, height_px = pixels
        box_w, box_h = (Inches(v) for v in LOGO_BOX_IN)
        scale = min(box_w / width_px, box_h / height_px)
        width, height = int(width_px * scale), int(height_px * scale)
        margin = Inches(0.35)
        picture = slide.shapes.add_picture(io.BytesIO(data), self.prs.slide_width - margin - width, margin, width, height)
        set_alt_text(picture, alt, _("School logo"))

    def _notes(self, slide, text: str) -> None:
        timing = getattr(self, "_timing", None)
        if timing is not None:
            from .notes import join, slide_timing

            if isinstance(timing, tuple):
                key = timing[0]
                self._step_done[key] = self._step_done.get(key, 0) + 1
                count = max(self._step_slides.get(key, 0), self._step_done[key])
                line = slide_timing(timing, self._step_done[key], count)
            else:
                line = timing
            text = join(line, text)
        self._notes_slides.add(slide).notes_text_frame.text = text


def set_alt_text(picture, description: str, name: str) -> None:
    """python-pptx writes the file name as the description; screen readers need the real thing."""
    c_nv_pr = picture._element.nvPicPr.cNvPr
    c_nv_pr.set("descr", description)
    c_nv_pr.set("name", name)
