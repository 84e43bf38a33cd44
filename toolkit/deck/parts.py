"""Adding slides' parts to one presentation without python-pptx walking the whole package each time.

A deck of 60 slides has 60 notes slides and a QR code or icon on many slides; python-pptx finds the
next free part name and looks for an existing copy of each picture by walking every part of the
package (`OpcPackage.iter_parts`), so a deck's build time grew with the square of its length. And
each notes slide is built by cloning the notes master's placeholders one by one.

What is here gives the same parts, names, relationships and XML as python-pptx, from what it has
already done for this presentation: each helper is installed on, or kept for, one presentation
(`quicker_parts`, `NotesSlides`, `NewSlides`), never on python-pptx's classes. They rely on python-pptx 1.0's
internals named in each docstring; tests/render/test_slides_parts.py holds their results beside
python-pptx's own."""

from __future__ import annotations

import bisect
import copy
from typing import Dict, List, Optional, Set

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.parts.image import Image, ImagePart
from pptx.parts.slide import NotesSlidePart


def quicker_parts(prs) -> None:
    """Install the part-name and picture look-ups below on `prs`'s package (that object alone)."""
    package = prs.part.package
    package.next_partname = _PartNames(package)
    package.get_or_add_image_part = _ImageParts(package)
    package.next_image_partname = _ImagePartNames(package)


class _PartNames:
    """`OpcPackage.next_partname(tmpl)` for one package, remembering the names it has seen.

    python-pptx collects the names of every part that starts like `tmpl` (walking the whole
    package) and returns the highest free `tmpl % n` for n from the count of those names plus one
    down to 1. Here each prefix's names are collected the first time it is asked for, then every
    name given out is added; the same search then gives the same answer as long as no part with
    such a name is added or dropped by other means while the deck is written: python-pptx names
    notes slides, notes masters and themes through `next_partname`, slides by their count and
    pictures by `next_image_partname`, and the deck drops no part once writing starts (a
    template's own slides are dropped before this is installed)."""

    def __init__(self, package):
        self.package = package
        self.names: Dict[str, Set[str]] = {}

    def __call__(self, tmpl: str) -> PackURI:
        prefix = tmpl[: (tmpl % 42).find("42")]  # as python-pptx works it out
        names = self.names.get(prefix)
        if names is None:
            names = self.names[prefix] = {p.partname for p in self.package.iter_parts() if p.partname.startswith(prefix)}
        for n in range(len(names) + 1, 0, -1):
            candidate = tmpl % n
            if candidate not in names:
                for other, taken in self.names.items():  # a name can start like more than one template
                    if candidate.startswith(other):
                        taken.add(candidate)
                return PackURI(candidate)
        raise AssertionError("no free part name")  # cannot happen: n takes one more value than there are names


class _ImageParts:
    """`Package.get_or_add_image_part(image_file)` for one package, remembering its image parts.

    python-pptx (`_ImageParts.get_or_add_image_part`) reads the picture, looks for an image part
    with the same SHA-1 among the package's image parts, walking every relationship of the
    package each time, and adds a new one (`ImagePart.new`) when there is none. Here the image
    parts are collected by python-pptx's own walk the first time a picture is asked for (the
    first of two equal ones kept, as its search finds that one), and each part added is then
    remembered: the same part for the same picture, and the same new parts, as python-pptx gives."""

    def __init__(self, package):
        self.package = package
        self.by_sha1: Optional[Dict[str, ImagePart]] = None

    def __call__(self, image_file) -> ImagePart:
        if self.by_sha1 is None:
            self.by_sha1 = {}
            for part in self.package._image_parts:  # python-pptx's own walk, in its order
                if hasattr(part, "sha1"):  # python-pptx skips pictures it cannot read (SVG)
                    self.by_sha1.setdefault(part.sha1, part)
        image = Image.from_file(image_file)
        part = self.by_sha1.get(image.sha1)
        if part is None:
            part = self.by_sha1[image.sha1] = ImagePart.new(self.package, image)
        return part


class _ImagePartNames:
    """`Package.next_image_partname(ext)` for one package, remembering the numbers it gave.

    python-pptx numbers a new picture part by walking every part for the numbers of the
    '/ppt/media/image<n>.<ext>' parts, sorted (a number twice when two extensions share it), and
    taking the first n (from 1) smaller than the n-th of them, else one more than their count.
    Here the numbers are collected the first time, each number given out is added, and the same
    search runs on them: the same answer, as pictures are added to the deck only through
    python-pptx's `ImagePart.new`, which asks here."""

    def __init__(self, package):
        self.package = package
        self.numbers: Optional[List[int]] = None

    def __call__(self, ext: str) -> PackURI:
        if self.numbers is None:
            self.numbers = sorted(part.partname.idx for part in self.package.iter_parts()
                                  if part.partname.startswith("/ppt/media/image") and part.partname.idx is not None)
        idx = next((n for n, taken in enumerate(self.numbers, start=1) if n < taken), len(self.numbers) + 1)
        bisect.insort(self.numbers, idx)
        return PackURI("/ppt/media/image%d.%s" % (idx, ext))


class NotesSlides:
    """New notes slides for one presentation, each a copy of its first new one.

    python-pptx makes a slide's notes slide (`SlidePart._add_notes_slide_part`, `NotesSlidePart.new`)
    as a new part related to the notes master and the slide, with the notes master's placeholders
    cloned into it one by one (`NotesSlide.clone_master_placeholders`). The clones, their ids and
    names depend only on the notes master, so every new notes slide of a presentation starts as
    the same XML: the first is made by python-pptx and kept, blank, and each later one is a copy of
    it in a part named, typed and related as python-pptx does, in the same order."""

    def __init__(self):
        self.blank = None

    def add(self, slide):
        """`slide.notes_slide`, made as python-pptx makes it when the slide has none yet."""
        if slide.part.has_notes_slide:
            return slide.notes_slide
        if self.blank is None:
            notes = slide.notes_slide  # python-pptx makes it
            self.blank = copy.deepcopy(notes._element)
            return notes
        slide_part = slide.part
        package = slide_part.package
        part = NotesSlidePart(package.next_partname("/ppt/notesSlides/notesSlide%d.xml"), CT.PML_NOTES_SLIDE,
                              package, copy.deepcopy(self.blank))
        part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
        part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(part, RT.NOTES_SLIDE)
        return slide.notes_slide  # python-pptx finds the part related just now


class NewSlides:
    """New slides for one presentation, each on a layout whose first new slide was made by python-pptx.

    python-pptx's `Slides.add_slide` adds a slide part related to its layout
    (`PresentationPart.add_slide`), clones the layout's placeholders into it one by one
    (`SlideShapes.clone_layout_placeholders`) and lists it (`CT_SlideIdList.add_sldId`). The
    clones, their ids and names depend only on the layout, so here the first slide on each layout
    is python-pptx's own and its placeholders are kept; a later slide on that layout gets copies
    of them, in a slide part added and listed as python-pptx adds it."""

    def __init__(self, prs):
        self.prs = prs
        self.placeholders: Dict[object, List] = {}  # by layout part

    def add(self, layout):
        """`prs.slides.add_slide(layout)`."""
        slides = self.prs.slides
        kept = self.placeholders.get(layout.part)
        if kept is None:
            slide = slides.add_slide(layout)
            self.placeholders[layout.part] = [copy.deepcopy(sp) for sp in slide.shapes._spTree.iter_shape_elms()]
            return slide
        r_id, slide = self.prs.part.add_slide(layout)
        tree = slide.shapes._spTree
        for sp in kept:
            tree.insert_element_before(copy.deepcopy(sp), "p:extLst")
        slides._sldIdLst.add_sldId(r_id)
        return slide

