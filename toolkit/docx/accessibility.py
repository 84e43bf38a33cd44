"""Microsoft's accessibility rules for Word documents, checked on the saved file's XML (not on the
writer's intentions, so the check holds for any DOCX).

The rules, from Microsoft's "Rules for the Accessibility Checker" and "Make your Word documents
accessible to people with disabilities":
- every picture, shape or chart has alternative text (errors: "Missing alternative text");
- every table has a header row, marked so it repeats ("Missing table header");
- headings are used in order, starting at Heading 1, and never skip a level;
- no heading is empty;
- text contrasts with the page ("Hard-to-read text contrast": WCAG AA, 4.5:1 on white);
- the document has a title and a language in its properties (needed for a tagged PDF and by
  screen readers to choose a voice)."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Dict, List, Optional

from lxml import etree

from ..colours import AA_NORMAL, WHITE, contrast, parse_hex

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "dc": "http://purl.org/dc/elements/1.1/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
}
_HEADING = re.compile(r"^heading ([1-9])$", re.IGNORECASE)


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _on(element: Optional[etree._Element]) -> bool:
    """A Word on/off property: present and not switched off."""
    return element is not None and element.get(_w("val"), "true") not in ("0", "false", "off")


def _heading_levels(styles: etree._Element) -> Dict[str, int]:
    """Style id -> heading level, for the styles named 'heading 1'..'heading 9'."""
    levels = {}
    for style in styles.iterfind("w:style", NS):
        name = style.find("w:name", NS)
        match = _HEADING.match(name.get(_w("val"), "")) if name is not None else None
        if match:
            levels[style.get(_w("styleId"))] = int(match.group(1))
    return levels


def _used_style_colours(styles: etree._Element, body: etree._Element) -> List[etree._Element]:
    """The colour elements of the styles the text uses (and the styles those are based on):
    a template's unused styles are not read by anyone."""
    by_id = {style.get(_w("styleId")): style for style in styles.iterfind("w:style", NS)}
    wanted = {"Normal"} | {e.get(_w("val")) for tag in ("pStyle", "rStyle", "tblStyle") for e in body.iter(_w(tag))}
    seen: set = set()
    while wanted - seen:
        style_id = (wanted - seen).pop()
        seen.add(style_id)
        based = by_id[style_id].find("w:basedOn", NS) if style_id in by_id else None
        if based is not None:
            wanted.add(based.get(_w("val")))
    return [colour for style_id in seen if style_id in by_id for colour in by_id[style_id].iter(_w("color"))]


def accessibility_problems(data: bytes) -> List[str]:
    """Every way the DOCX `data` breaks the rules above, in words; empty when it passes."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        styles = etree.fromstring(package.read("word/styles.xml"))
        core = etree.fromstring(package.read("docProps/core.xml")) if "docProps/core.xml" in package.namelist() else None
    problems: List[str] = []

    title = core.findtext("dc:title", namespaces=NS) if core is not None else None
    if not (title or "").strip():
        problems.append("the document has no title in its properties")
    language = core.findtext("dc:language", namespaces=NS) if core is not None else None
    default_lang = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    if not (language or "").strip():
        problems.append("the document has no language in its properties")
    if default_lang is None or not default_lang.get(_w("val")):
        problems.append("the document's text has no language (w:lang in the default run properties)")
    elif language and default_lang.get(_w("val")) != language:
        problems.append(f"the text's language {default_lang.get(_w('val'))} differs from the document's {language}")

    for number, properties in enumerate(body.iter(f"{{{NS['wp']}}}docPr"), 1):
        if not (properties.get("descr") or "").strip():
            problems.append(f"picture {number} ({properties.get('name', '')}) has no alternative text")

    for number, table in enumerate(body.iter(_w("tbl")), 1):
        first = table.find("w:tr", NS)
        if first is None or not _on(first.find("w:trPr/w:tblHeader", NS)):
            problems.append(f"table {number} has no header row marked to repeat")

    levels = _heading_levels(styles)
    previous = 0
    for paragraph in body.iter(_w("p")):
        style = paragraph.find("w:pPr/w:pStyle", NS)
        level = levels.get(style.get(_w("val"))) if style is not None else None
        if level is None:
            continue
        text = "".join(paragraph.itertext()).strip()
        if not text:
            problems.append(f"an empty Heading {level}")
        if level > previous + 1:
            problems.append(f"Heading {level} '{text}' follows " + (f"Heading {previous}" if previous else "no heading")
                            + ": a level is skipped")
        previous = level

    for colour in _used_style_colours(styles, body) + list(body.iter(_w("color"))):
        value = colour.get(_w("val"), "auto")
        if value != "auto" and contrast(parse_hex(value), WHITE) < AA_NORMAL:
            problems.append(f"text coloured #{value} is hard to read on white (below {AA_NORMAL}:1)")
    return problems
