"""Writing a Word document the way a careful person would in Word: built-in styles (Heading 1-3,
List Bullet, List Number, Table Grid), a header row marked to repeat on each page, alt text on
pictures, and the title, author and language (the build's, en-GB unless asked) in the document's properties.

Word, Google Docs and LibreOffice all read these styles, so a teacher can navigate by headings,
restyle the document and edit every word."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Dict, List, Optional, Sequence, Tuple, Union

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_COLOR_INDEX
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from ..deck.package import stable_zip
from ..wording import N_, current_language

FONT = "Arial"  # in every office suite (LibreOffice substitutes the metric-compatible Liberation Sans)
HEADING_SIZES = {1: 18, 2: 14, 3: 12}
PAPER = {"a4": (Mm(210), Mm(297)), "letter": (Mm(215.9), Mm(279.4))}

Run = Union[str, Tuple[str, str]]
"""A piece of a paragraph: plain text, or ("bold", text), or ("fill", text) for a place the school
fills in, printed in square brackets and highlighted."""
Text = Union[str, Sequence[Run]]

_TAB_OR_BREAK = re.compile("[\t\r\n]")  # what python-docx's `_RunContentAppender.add_char` writes as other elements

PLACEHOLDER_NOTE = N_("Text in [square brackets] is for the school to fill in or delete before the document is used.")


def _hex(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


class WordDocument:
    """One document, written top to bottom. Headings must go down one level at a time (Heading 1,
    then 2, then 3), as Microsoft's accessibility checker expects."""

    def __init__(self, title: str, subject: str, author: str, accent: str, when: dt.date,
                 keywords: Sequence[str] = (), paper: str = "a4") -> None:
        self.doc = docx.Document()
        self.when = when
        self._level = 0
        self._style_ids: Dict[Tuple[str, WD_STYLE_TYPE], Optional[str]] = {}
        self._styles(accent)
        self._page(paper)
        props = self.doc.core_properties
        props.title, props.subject, props.author = title, subject, author
        props.keywords = ", ".join(keywords)
        props.language = current_language()
        props.comments = ""
        props.last_modified_by = author
        props.revision = 1
        # The lesson's date, not the time of the build: the same lesson gives the same file.
        stamp = dt.datetime.combine(when, dt.time())
        props.created = props.modified = props.last_printed = stamp

    # --- Set-up --------------------------------------------------------------------------------

    def _styles(self, accent: str) -> None:
        styles = self.doc.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _set_fonts(run_defaults)
        lang = run_defaults.find(qn("w:lang"))
        lang.set(qn("w:val"), current_language())
        lang.set(qn("w:eastAsia"), current_language())
        normal = styles["Normal"]
        normal.font.size = Pt(11)
        normal.font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.15
        for level, size in HEADING_SIZES.items():
            heading = styles[f"Heading {level}"]
            _set_fonts(heading.element.get_or_add_rPr())
            heading.font.size = Pt(size)
            heading.font.bold = True
            heading.font.italic = False  # no italics: harder for many readers, dyslexic readers among them
            heading.font.color.rgb = _hex(accent)
            heading.paragraph_format.space_before = Pt(14 if level == 1 else 10)
            heading.paragraph_format.space_after = Pt(4)
            heading.paragraph_format.keep_with_next = True

    def _page(self, paper: str) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = PAPER.get(paper, PAPER["a4"])
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(20))

    # --- Content ----------------------------------------------------------------------------------

    def heading(self, text: str, level: int) -> None:
        if not 1 <= level <= self._level + 1 or level > 3:
            raise ValueError(f"heading level {level} after level {self._level}: headings go down one level at a time")
        self._level = level
        # What python-docx's `Document.add_heading` does (a paragraph, its text, the style
        # "Heading N"), with the style's id looked up once.
        self._add_paragraph(text, f"Heading {level}")

    def paragraph(self, text: Text, style: Optional[str] = None, small: bool = False,
                  align_right: bool = False, keep_with_next: bool = False) -> None:
        """`keep_with_next` for a label or an introduction: it never ends a page alone."""
        paragraph = self._add_paragraph(style=style)
        _add_runs(paragraph, text, Pt(9) if small else None)
        if align_right:
            paragraph.alignment = 2  # WD_ALIGN_PARAGRAPH.RIGHT
        if keep_with_next:
            paragraph.paragraph_format.keep_with_next = True

    def bullets(self, items: Sequence[Text]) -> None:
        for item in items:
            self.paragraph(item, style="List Bullet")

    def numbered(self, items: Sequence[Text]) -> None:
        """A numbered list that starts at 1, whatever lists came before it."""
        num_id = self._restarted_numbering()
        for item in items:
            paragraph = self._add_paragraph(style="List Number")
            _add_runs(paragraph, item)
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = num_id

    def table(self, header: Sequence[str], rows: Sequence[Sequence[Text]], widths_cm: Sequence[float] = ()) -> None:
        """A table whose first row is its header: marked to repeat at the top of each page (which is
        how Word and screen readers know it is the header), in bold."""
        table = self.doc.add_table(rows=1, cols=len(header))
        # What `table.style = "Table Grid"` sets (python-docx's `Table.style` setter), looked up once.
        table._tbl.tblStyle_val = self.style_id(style="Table Grid", style_type=WD_STYLE_TYPE.TABLE)
        _mark_header_row(table)
        header_row = table.rows[0]
        for cell, text in zip(header_row.cells, header):
            _add_run(cell.paragraphs[0], text).bold = True
        if widths_cm:
            # Word reads the cells' widths, LibreOffice and Google Docs the grid's: set both. The grid's
            # first: python-docx's `Table.add_row` gives each cell it adds its column's width from the
            # grid (`w:gridCol/@w:w`), the same twips as `cell.width = Cm(width)` writes, so only the
            # header row, made before the grid was set, needs its cells' widths set one by one.
            table.autofit = False
            for column, width in zip(table._tbl.tblGrid.iterfind(qn("w:gridCol")), widths_cm):
                column.set(qn("w:w"), str(int(Cm(width).twips)))
            for cell, width in zip(header_row.cells, widths_cm):
                cell.width = Cm(width)
        _keep_on_one_page(header_row)
        for row in rows:
            added = table.add_row()
            _keep_on_one_page(added)
            for cell, text in zip(added.cells, row):
                _add_runs(cell.paragraphs[0], text)
        self.doc.add_paragraph()  # room after the table; Word needs a paragraph between tables anyway

    def picture(self, data: bytes, width_cm: float, alt: str, align_right: bool = False) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.add_run().add_picture(io.BytesIO(data), width=Cm(width_cm))
        if align_right:
            paragraph.alignment = 2
        for properties in paragraph._p.iter(qn("wp:docPr")):
            properties.set("descr", alt)
            properties.set("title", alt)

    def footer(self, text: str) -> None:
        paragraph = self.doc.sections[0].footer.paragraphs[0]
        run = paragraph.add_run(text)
        run.font.size = Pt(9)

    def to_bytes(self) -> bytes:
        return stable_zip(_stored_package(self.doc), self.when)

    # --- Styles ----------------------------------------------------------------------------------

    def style_id(self, style: str, style_type: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> Optional[str]:
        """The id python-docx gives the style named `style`, of `style_type` (None for that type's
        default style), as `paragraph.style = style` would look it up: `Styles.get_style_id`, which
        raises KeyError for a style the document lacks and ValueError for one of another type.

        Looked up once per document and kept: python-docx looks it up again on every assignment,
        and each look-up walks every style of the template (`Styles.default`, to return None for
        the default style, calls `CT_Styles.default_for`), which was half the time a document took.
        The styles are all set up before the first paragraph (`_styles`), and none is added or
        renamed after, so an id once looked up stays right. A failed look-up is not kept."""
        key = (style, style_type)
        if key not in self._style_ids:
            self._style_ids[key] = self.doc.styles.get_style_id(style, style_type)
        return self._style_ids[key]

    def _add_paragraph(self, text: str = "", style: Optional[str] = None):
        """`self.doc.add_paragraph(text, style)`, with the style's id from `style_id`: python-docx's
        `Paragraph.style` setter sets `CT_P.style` to the id it looks up; this sets it to the same id."""
        paragraph = self.doc.add_paragraph(text)
        if style is not None:
            paragraph._p.style = self.style_id(style=style)
        return paragraph

    # --- Numbering ----------------------------------------------------------------------------

    def _restarted_numbering(self) -> int:
        """A new numbering instance of the List Number style's list, restarting at 1."""
        numbering = self.doc.part.numbering_part.element
        style_num = self.doc.styles["List Number"].element.pPr.numPr.numId.val
        abstract = next(n.abstractNumId.val for n in numbering.num_lst if n.numId == style_num)
        num = numbering.add_num(abstract)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        override.append(start)
        num.append(override)
        return num.numId


def _set_fonts(run_properties) -> None:
    """Name the font outright: a theme font (Calibri, Cambria) is not in every office suite."""
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.endswith("Theme") or attribute.endswith("theme"):
            del fonts.attrib[attribute]
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _mark_header_row(table) -> None:
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    row_properties.append(OxmlElement("w:tblHeader"))
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        table._tbl.tblPr.append(look)
    for name, value in (("w:firstRow", "1"), ("w:lastRow", "0"), ("w:firstColumn", "0"),
                        ("w:lastColumn", "0"), ("w:noHBand", "0"), ("w:noVBand", "1")):
        look.set(qn(name), value)


class _StoredZipWriter:
    """python-docx's zip writer (`docx.opc.phys_pkg._ZipPkgWriter`: `write(pack_uri, blob)`,
    `close()`), storing each part as it is instead of compressing it."""

    def __init__(self, stream) -> None:
        self._zip = zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_STORED)

    def write(self, pack_uri, blob: bytes) -> None:
        self._zip.writestr(pack_uri.membername, blob)

    def close(self) -> None:
        self._zip.close()


def _stored_package(document) -> bytes:
    """The zip `document.save()` writes, with the same parts in the same order, stored rather than
    compressed: `stable_zip` reads every part back and compresses it again (dating each one), so
    compressing it here too was work thrown away (about 10 ms a document, a fifth of a letter's time).

    The steps of python-docx's `Document.save` -> `OpcPackage.save` (each part's `before_marshal`)
    -> `PackageWriter.write`, whose writer is fixed to `_ZipPkgWriter` (compressing): its three
    static steps are called here with `_StoredZipWriter` instead."""
    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    buffer = io.BytesIO()
    writer = _StoredZipWriter(buffer)
    PackageWriter._write_content_types_stream(writer, package.parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, package.parts)
    writer.close()
    return buffer.getvalue()


def _keep_on_one_page(row) -> None:
    """A row is never split across two pages."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _add_run(paragraph, text: Optional[str]):
    """`paragraph.add_run(text)`, written the way python-docx writes it, without its detours.

    python-docx's `Run.text` setter first clears the new, empty run (`CT_R.clear_content`, an XPath
    query) and then reads the text a character at a time (`_RunContentAppender`), to write a tab as
    `w:tab` and a line break as `w:br`; text with neither becomes one `w:t`, written by `CT_R.add_t`.
    For such text (nearly all) this calls `CT_R.add_t` itself; text with a tab or line break still
    goes through the `Run.text` setter."""
    run = paragraph.add_run()
    if not text:  # python-docx's `add_run` writes no text for "" (or None)
        return run
    if isinstance(text, str) and not _TAB_OR_BREAK.search(text):
        run._r.add_t(text)
    else:
        run.text = text
    return run


def _runs(text: Text) -> List[Tuple[str, str]]:
    if isinstance(text, str):
        return [("", text)]
    return [("", run) if isinstance(run, str) else run for run in text]


def _add_runs(paragraph, text: Text, size=None) -> None:
    for kind, words in _runs(text):
        if kind == "fill":
            words = f"[{words}]"
        run = _add_run(paragraph, words)
        if kind in ("bold", "fill"):
            run.bold = True
        if kind == "fill":
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        if size is not None:
            run.font.size = size


__all__ = ["PLACEHOLDER_NOTE", "Text", "WordDocument"]
