"""The deck's slide master and layouts: python-pptx's default made 16:9 and branded, or a school's
own template (`--template school.pptx`), whose layouts are matched by type or by name."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Inches

from ..errors import LessonkitError
from .metrics import DECK_FONT
from .palette import A, P
from ..wording import N_, _


TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
BODIES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE)


@dataclass(frozen=True)
class Need:
    """A layout the deck needs: what PowerPoint calls it, its type, and what it must hold."""

    role: str
    name: str
    types: Tuple[str, ...]
    body: Tuple[PP_PLACEHOLDER, ...]
    what: str
    bodies: int = 1  # how many of those body placeholders, side by side
    required: bool = True


_CONTENT = (PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.BODY)
NEEDS = (
    Need("title", "Title Slide", ("title",), (PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY), N_("a title and a subtitle")),
    # Older templates call "Title and Text" type tx.
    Need("content", "Title and Content", ("obj", "tx"), _CONTENT, N_("a title and a content placeholder")),
    Need("section", "Section Header", ("secHead",), (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.OBJECT),
         N_("a title and a text placeholder")),
    # Who can help in two columns; without it those slides use Title and Content, in one column.
    Need("two", "Two Content", ("twoObj", "twoColTx"), _CONTENT, N_("a title and two content placeholders"), 2, False),
    # Found by name only, each optional: without them the slides use the layouts above.
    Need("picture", "Picture and Text", (), _CONTENT, N_("a picture area and a text placeholder"), 2, False),
    Need("quiz", "Quiz", (), _CONTENT, N_("a title and a content placeholder"), 1, False),
    Need("help", "Help", (), _CONTENT, N_("a title and two content placeholders"), 2, False),
)
# The deck's own layouts, made from the built-in ones: (name, made from, where the bodies go).
_NAMED = (
    ("Picture and Text", "two", [(0.5, 1.35, 7.4, 5.95), (8.2, 1.35, 4.63, 5.95)]),
    ("Quiz", "content", None),
    ("Help", "two", None),
)


# Where the default layouts put things on a 16:9 slide, in inches: (left, top, width, height).
# Content slides use the whole slide but for a 0.5 inch margin at the sides and a title band that
# holds one line at 40 pt or two at 28 pt.
_DEFAULT_GEOMETRY = {
    "title": {"title": (0.9, 2.0, 11.5, 2.0), "body": [(0.9, 4.2, 11.5, 2.4)]},
    "content": {"title": (0.5, 0.2, 12.33, 1.1), "body": [(0.5, 1.35, 12.33, 5.95)]},
    "section": {"title": (0.9, 1.9, 11.5, 2.0), "body": [(0.9, 4.1, 11.5, 2.5)]},
    "two": {"title": (0.5, 0.2, 12.33, 1.1), "body": [(0.5, 1.35, 6.05, 5.95), (6.78, 1.35, 6.05, 5.95)]},
}


def title_placeholder(container):
    return next((ph for ph in container.placeholders if ph.placeholder_format.type in TITLES), None)


def body_placeholders(container, kinds=BODIES) -> List:
    """The body placeholders of a layout or slide, left to right."""
    found = [ph for ph in container.placeholders if ph.placeholder_format.type in kinds]
    return sorted(found, key=lambda ph: (ph.left or 0, ph.top or 0))


def body_placeholder(container, kinds=BODIES):
    return next(iter(body_placeholders(container, kinds)), None)


def _fits_need(layout, need: Need) -> bool:
    return title_placeholder(layout) is not None and len(body_placeholders(layout, need.body)) >= need.bodies


def find_layouts(prs, source: str) -> Dict[str, object]:
    """The layout for each role: by layout type first, then by name; a clear error if missing."""
    layouts = [layout for master in prs.slide_masters for layout in master.slide_layouts]
    found: Dict[str, object] = {}
    missing: List[str] = []
    for need in NEEDS:
        by_type = [l for l in layouts if l._element.get("type") in need.types and _fits_need(l, need)]
        by_name = [l for l in layouts if l.name.strip().lower() == need.name.lower() and _fits_need(l, need)]
        match = (by_type or by_name or [None])[0]
        if match is not None:
            found[need.role] = match
        elif need.required:
            missing.append(f"'{need.name}' ({_(need.what)})")
    if missing:
        names = ", ".join(f"'{l.name}'" for l in layouts) or _("none")
        raise LessonkitError(
            _("the template {source} has no {missing} layout. Its layouts are: {names}. "
              "Add the missing layout to the slide master in PowerPoint (or rename a matching layout to that "
              "name), save, and build again.", source=source, missing=_(" and no ").join(missing), names=names)
        )
    return found


def _set_box(shape, box) -> None:
    left, top, width, height = (Inches(v) for v in box)
    shape.left, shape.top, shape.width, shape.height = left, top, width, height


def _has_own_position(shape) -> bool:
    return bool(shape._element.xpath("./p:spPr/a:xfrm/a:ext | ./p:grpSpPr/a:xfrm/a:ext | ./p:xfrm/a:ext"))


def _stretch_to_wide(prs) -> None:
    """Make a master and its layouts 16:9: placeholders widen, pictures keep their shape."""
    wide = int(prs.slide_height * 16 / 9)
    factor = wide / prs.slide_width
    for master in prs.slide_masters:
        for container in [master, *master.slide_layouts]:
            for shape in container.shapes:
                if not _has_own_position(shape):
                    continue  # it inherits its position from the master, which is widened too
                left, top, width, height = shape.left, shape.top, shape.width, shape.height
                if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                    left = (left + width / 2) * factor - width / 2
                else:
                    left, width = left * factor, width * factor
                # All four at once: setting one dimension alone writes zeros for the others.
                shape.left, shape.top, shape.width, shape.height = Emu(int(left)), top, Emu(int(width)), height
    prs.slide_width = Emu(wide)


def _theme_part(prs):
    return prs.slide_master.part.part_related_by(RT.THEME)


def _brand_theme(prs, brand_hex: str) -> None:
    """Theme fonts and colours, so text a teacher adds later matches the deck."""
    part = _theme_part(prs)
    xml = part.blob.decode("utf-8")
    xml = re.sub(r'(<a:(?:major|minor)Font><a:latin typeface=")[^"]*(")', rf"\g<1>{DECK_FONT}\g<2>", xml)
    colour = brand_hex.lstrip("#")
    for slot in ("dk2", "accent1"):
        xml = re.sub(rf"(<a:{slot}>)<a:srgbClr val=\"[0-9A-Fa-f]{{6}}\"/>", rf'\g<1><a:srgbClr val="{colour}"/>', xml)
    part._blob = xml.encode("utf-8")


def _solid_background(layout, colour_hex: str) -> None:
    c_sld = layout._element.find(f"{{{P}}}cSld")
    for old in c_sld.findall(f"{{{P}}}bg"):
        c_sld.remove(old)
    bg = etree.SubElement(c_sld, f"{{{P}}}bg")
    c_sld.remove(bg)
    c_sld.insert(0, bg)
    bg_pr = etree.SubElement(bg, f"{{{P}}}bgPr")
    fill = etree.SubElement(bg_pr, f"{{{A}}}solidFill")
    etree.SubElement(fill, f"{{{A}}}srgbClr", val=colour_hex.lstrip("#"))
    etree.SubElement(bg_pr, f"{{{A}}}effectLst")


# The slide number sits in the band below the body text, at the bottom right.
SLIDE_NUMBER_BOX = (11.93, 7.22, 0.9, 0.26)


def _copy_layout(prs, source, name: str):
    """A copy of `source` named `name`, with no layout type, so it is found by its name alone."""
    import copy

    from pptx.opc.packuri import PackURI
    from pptx.parts.slide import SlideLayoutPart

    master = prs.slide_master
    element = copy.deepcopy(source._element)
    element.attrib.pop("type", None)
    element.cSld.set("name", name)
    count = len(master.slide_layouts) + 1
    part = SlideLayoutPart(PackURI(f"/ppt/slideLayouts/slideLayout{count}.xml"), source.part.content_type,
                           prs.part.package, element)
    part.relate_to(master.part, RT.SLIDE_MASTER)
    r_id = master.part.relate_to(part, RT.SLIDE_LAYOUT)
    id_list = master._element.get_or_add_sldLayoutIdLst()
    used = [int(i.get("id")) for m in prs.slide_masters for i in m._element.sldLayoutIdLst] + \
        [int(i.get("id")) for i in prs.part._element.xpath("./p:sldMasterIdLst/p:sldMasterId")]
    entry = id_list._add_sldLayoutId()
    entry.set("id", str(max(used) + 1))
    entry.set(f"{{{R_NS}}}id", r_id)
    return master.slide_layouts[-1]


R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@lru_cache(maxsize=16)
def default_template(brand_hex: str) -> bytes:
    """python-pptx's default template, 16:9, in the deck's font and the brand colour."""
    prs = Presentation()
    _stretch_to_wide(prs)
    layouts = find_layouts(prs, "(built in)")
    for role, layout in layouts.items():
        _set_box(title_placeholder(layout), _DEFAULT_GEOMETRY[role]["title"])
        for placeholder, box in zip(body_placeholders(layout), _DEFAULT_GEOMETRY[role]["body"]):
            _set_box(placeholder, box)
    for name, source, boxes in _NAMED:
        layout = _copy_layout(prs, layouts[source], name)
        for placeholder, box in zip(body_placeholders(layout), boxes or []):
            _set_box(placeholder, box)
    for layout in prs.slide_master.slide_layouts:
        number = next((ph for ph in layout.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER), None)
        if number is not None:
            _set_box(number, SLIDE_NUMBER_BOX)
    _solid_background(layouts["section"], brand_hex)
    _brand_theme(prs, brand_hex)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def _drop_slides(prs) -> None:
    """A school's template may hold example slides: the deck starts empty."""
    id_list = prs.slides._sldIdLst
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)


def open_template(path: Optional[Path], brand_hex: str, warn: Callable[[str], None]):
    """(presentation, layouts by role, theme part XML) ready for slides to be added."""
    if path is None:
        prs = Presentation(io.BytesIO(default_template(brand_hex)))
        return prs, find_layouts(prs, "(built in)"), _theme_part(prs).blob
    try:
        prs = Presentation(str(path))
    except Exception as problem:  # python-pptx raises several kinds for a file that is not a deck
        raise LessonkitError(
            _("cannot open the template {path} as a PowerPoint file ({problem}). "
              "Save it from PowerPoint as a .pptx presentation and try again.", path=path, problem=problem.__class__.__name__)
        ) from None
    layouts = find_layouts(prs, str(path))
    _drop_slides(prs)
    if abs(prs.slide_width / prs.slide_height - 16 / 9) > 0.01:
        warn(f"the template {path.name} is not 16:9; its layouts were widened to 16:9")
        _stretch_to_wide(prs)
    return prs, layouts, _theme_part(prs).blob
