"""Building Moodle XML question elements (docs.moodle.org/en/Moodle_XML_format) with lxml."""

from __future__ import annotations

from typing import Optional

from lxml import etree

from .text import as_html, clean

ORDERING_SETTINGS = (
    # qtype_ordering's import reads these words (question/type/ordering/questiontype.php).
    ("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("gradingtype", "ABSOLUTE_POSITION"),
    ("showgrading", "SHOW"), ("numberingstyle", "none"),
)


def sub(parent: etree._Element, tag: str, text: Optional[str] = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, **attributes)
    if text is not None:
        element.text = text
    return element


def html_text(parent: etree._Element, tag: str, text: str) -> etree._Element:
    """<tag format="html"><text><![CDATA[escaped lesson text]]></text></tag>."""
    element = sub(parent, tag, format="html")
    markup = as_html(text)
    sub(element, "text").text = etree.CDATA(markup) if markup else None
    return element


def raw_html(parent: etree._Element, tag: str, markup: str) -> etree._Element:
    """Like html_text, for markup this program built itself (e.g. the help list)."""
    element = sub(parent, tag, format="html")
    sub(element, "text").text = etree.CDATA(markup)
    return element


def category(quiz: etree._Element, path: str) -> None:
    question = sub(quiz, "question", type="category")
    sub(sub(question, "category"), "text", path)
    sub(sub(question, "info", format="html"), "text")


def question(quiz: etree._Element, kind: str, name: str, text: str, general_feedback: str,
             grade: str = "1", penalty: str = "0.3333333") -> etree._Element:
    """A question with the parts every type shares: name, text, general feedback, grade, penalty."""
    element = sub(quiz, "question", type=kind)
    sub(sub(element, "name"), "text", clean(name))
    html_text(element, "questiontext", text)
    html_text(element, "generalfeedback", general_feedback)
    sub(element, "defaultgrade", grade)
    sub(element, "penalty", penalty)
    sub(element, "hidden", "0")
    return element


def description(quiz: etree._Element, name: str, markup: str) -> None:
    """A description item: text with no answers and no marks (e.g. where to get help)."""
    element = sub(quiz, "question", type="description")
    sub(sub(element, "name"), "text", clean(name))
    raw_html(element, "questiontext", markup)
    html_text(element, "generalfeedback", "")
    sub(element, "defaultgrade", "0")
    sub(element, "penalty", "0")
    sub(element, "hidden", "0")


def answer(question_element: etree._Element, fraction: str, text: str, feedback: str,
           text_format: str = "html") -> etree._Element:
    element = sub(question_element, "answer", fraction=fraction, format=text_format)
    if text_format == "html":
        markup = as_html(text)
        sub(element, "text").text = etree.CDATA(markup) if markup else None
    else:
        sub(element, "text", text)
    html_text(element, "feedback", feedback)
    return element


def combined_feedback(question_element: etree._Element, right: str, partly: str, wrong: str) -> None:
    html_text(question_element, "correctfeedback", right)
    html_text(question_element, "partiallycorrectfeedback", partly)
    html_text(question_element, "incorrectfeedback", wrong)


def comment_text(text: str) -> str:
    """Text an XML comment can hold: no '--' and no trailing '-'."""
    text = " ".join(clean(text).split())
    while "--" in text:
        text = text.replace("--", "- -")
    return f" {text} "
