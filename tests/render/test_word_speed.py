"""The Word writer's short cuts give what python-docx itself gives: the style ids it keeps per
document (looked up once instead of per paragraph) and the paragraphs and tables it writes with
them (docs/word-documents.md, "Speed")."""

from __future__ import annotations

import datetime as dt

import pytest
from docx.enum.style import WD_STYLE_TYPE
from lxml import etree

from toolkit.docx import WordDocument


def _word() -> WordDocument:
    return WordDocument("T", "S", "A", "#1D4E89", dt.date(2026, 1, 1))


def test_each_style_id_is_the_one_python_docx_looks_up():
    word = _word()
    styles = word.doc.styles
    checked = 0
    for style in styles:
        if style.type not in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.TABLE):
            continue
        expected = styles.get_style_id(style.name, style.type)
        assert word.style_id(style=style.name, style_type=style.type) == expected, style.name
        assert word.style_id(style=style.name, style_type=style.type) == expected, style.name  # kept, still right
        checked += 1
    assert checked > 20  # the default template's styles, not an empty list
    assert word.style_id(style="Normal") is None  # the default paragraph style: no w:pStyle, as python-docx writes
    assert word.style_id(style="Heading 2") == "Heading2"
    assert word.style_id(style="Table Grid", style_type=WD_STYLE_TYPE.TABLE) == "TableGrid"


def test_a_style_the_document_lacks_fails_as_python_docx_does_every_time():
    word = _word()
    for _attempt in range(2):  # a failed look-up is not kept as an id
        with pytest.raises(KeyError, match="no style with name 'No Such Style'"):
            word.style_id(style="No Such Style")
        with pytest.raises(KeyError):
            word.paragraph("text", style="No Such Style")
    with pytest.raises(ValueError, match="need type"):  # a table style is not a paragraph style
        word.style_id(style="Table Grid")
    assert word.style_id(style="Table Grid", style_type=WD_STYLE_TYPE.TABLE) == "TableGrid"


def _body_xml(document) -> bytes:
    """The document's content, without its section properties (WordDocument sets the page size)."""
    return b"".join(etree.tostring(child) for child in document.element.body if not child.tag.endswith("}sectPr"))


def test_paragraphs_headings_and_tables_are_what_python_docx_writes():
    """The same content written by WordDocument and by python-docx's own calls (which look the
    style up by name each time) gives the same XML, including a paragraph in the default style."""
    word = _word()
    plain = _word().doc  # the same styles and page, written to with python-docx's own calls
    for text, style in (("Normal text", "Normal"), ("Unstyled", None), ("A bullet", "List Bullet"),
                        ("Another bullet", "List Bullet")):
        word.paragraph(text, style=style)
        plain.add_paragraph(text, style=style)
    word.heading("One", 1)
    plain.add_heading("One", 1)
    word.heading("Two", 2)
    plain.add_heading("Two", 2)
    word.table(("A", "B"), [("1", "2")])
    table = plain.add_table(rows=1, cols=2)
    table.style = plain.styles["Table Grid"]
    mine, theirs = word.doc.element.body, plain.element.body
    paragraphs = mine.findall("{*}p")
    assert [etree.tostring(p) for p in paragraphs[:6]] == [etree.tostring(p) for p in theirs.findall("{*}p")[:6]]
    style_of = [p.find("{*}pPr/{*}pStyle") for p in paragraphs[:6]]
    assert [s.get(f"{{{s.nsmap['w']}}}val") if s is not None else None for s in style_of] == [
        None, None, "ListBullet", "ListBullet", "Heading1", "Heading2"]
    assert paragraphs[0].find("{*}pPr") is not None  # "Normal" named outright: an empty w:pPr, as python-docx writes
    assert paragraphs[1].find("{*}pPr") is None
    assert etree.tostring(mine.find("{*}tbl/{*}tblPr/{*}tblStyle")) == etree.tostring(
        theirs.find("{*}tbl/{*}tblPr/{*}tblStyle"))


@pytest.mark.parametrize("text", ["plain words", " leading and trailing spaces ", "a\ttab", "two\nlines", "cr\rand\r\nboth",
                                  "\t", "", None, "[fill]", "Welsh: ŵ ŷ – “quoted”"])
def test_a_run_is_what_python_docx_writes_for_any_text(text):
    word = _word()
    plain = _word().doc  # the same styles and page, written to with python-docx's own calls
    word.paragraph([("", text), ("bold", text), ("fill", text)])
    paragraph = plain.add_paragraph()
    paragraph.add_run(text)
    paragraph.add_run(text).bold = True
    filled = paragraph.add_run(f"[{text}]")
    filled.bold = True
    filled.font.highlight_color = 7  # WD_COLOR_INDEX.YELLOW
    assert _body_xml(word.doc) == _body_xml(plain)


def _python_docx_table(document, header, rows, widths_cm):
    """A table as python-docx's own calls make it: style by name, rows added, then each cell's width."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    from toolkit.docx.document import _mark_header_row

    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    _mark_header_row(table)
    for cell, text in zip(table.rows[0].cells, header):
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row):
            cell.paragraphs[0].add_run(text)
    if widths_cm:
        table.autofit = False
        for column, width in zip(table._tbl.tblGrid.iterfind(qn("w:gridCol")), widths_cm):
            column.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)
    document.add_paragraph()


@pytest.mark.parametrize("widths_cm", [(4.5, 6.5, 6.0), (1.2, 5.6, 4.6), (3.33, 7.77), ()])
def test_a_table_is_what_python_docx_writes(widths_cm):
    """Each cell's width comes from the grid as python-docx adds the row: the same twips as setting
    each cell's width afterwards, for widths that do not round evenly too."""
    header = ("Who", "What for", "How")
    rows = [("Childline", "Anyone under 19", "0800 1111"), ("CEOP", "Report", "online\tform"), ("", "", "")]
    word = _word()
    plain = _word().doc  # the same styles and page, written to with python-docx's own calls
    word.table(header, rows, widths_cm=widths_cm)
    _python_docx_table(plain, header, rows, widths_cm)
    assert _body_xml(word.doc) == _body_xml(plain)


def test_the_saved_file_is_the_one_python_docx_saves_made_reproducible():
    """`to_bytes` writes the package without compressing it before `stable_zip` does: the same
    file as python-docx's own `save` then `stable_zip`, with every part (a picture, a footer, a
    numbered list's numbering part) in the same order."""
    import io
    import zipfile

    from PIL import Image

    from toolkit.deck.package import stable_zip

    picture = io.BytesIO()
    Image.new("RGB", (40, 20), "#1D4E89").save(picture, format="PNG")
    word = _word()
    word.picture(picture.getvalue(), 3.0, "A logo", align_right=True)
    word.heading("One", 1)
    word.numbered(["first", "second"])
    word.table(("A", "B"), [("1", "2")], widths_cm=(4.0, 13.0))
    word.footer("A footer")
    saved = io.BytesIO()
    word.doc.save(saved)
    expected = stable_zip(saved.getvalue(), word.when)
    assert word.to_bytes() == expected
    names = zipfile.ZipFile(io.BytesIO(expected)).namelist()
    assert {"word/media/image1.png", "word/numbering.xml", "word/footer1.xml"} <= set(names), names
