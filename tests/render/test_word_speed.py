"""The Word writer's short cuts give what python-docx itself gives: the style ids it keeps per
document (looked up once instead of per paragraph) and the paragraphs and tables it writes with
them (docs/word-documents.md, "Speed")."""

from __future__ import annotations

import datetime as dt

import docx
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
    return etree.tostring(document.element.body)


def test_paragraphs_headings_and_tables_are_what_python_docx_writes():
    """The same content written by WordDocument and by python-docx's own calls (which look the
    style up by name each time) gives the same XML, including a paragraph in the default style."""
    word = _word()
    plain = docx.Document()
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
    mine = etree.fromstring(_body_xml(word.doc))
    theirs = etree.fromstring(_body_xml(plain))
    paragraphs = mine.findall("{*}p")
    assert [etree.tostring(p) for p in paragraphs[:6]] == [etree.tostring(p) for p in theirs.findall("{*}p")[:6]]
    style_of = [p.find("{*}pPr/{*}pStyle") for p in paragraphs[:6]]
    assert [s.get(f"{{{s.nsmap['w']}}}val") if s is not None else None for s in style_of] == [
        None, None, "ListBullet", "ListBullet", "Heading1", "Heading2"]
    assert paragraphs[0].find("{*}pPr") is not None  # "Normal" named outright: an empty w:pPr, as python-docx writes
    assert paragraphs[1].find("{*}pPr") is None
    assert etree.tostring(mine.find("{*}tbl/{*}tblPr/{*}tblStyle")) == etree.tostring(
        theirs.find("{*}tbl/{*}tblPr/{*}tblStyle"))
