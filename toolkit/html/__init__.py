"""The accessible HTML twin of a handout: one self-contained page (inline CSS, inline SVG QR codes),
semantic headings and lists, the build's language in `lang`, readable on a phone.

reportlab cannot write tagged PDF, so this page is the accessible version of every handout. It is
drawn from the same blocks as the PDF (`toolkit.pdf.blocks`), with Jinja2 escaping every text."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import List, Tuple

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..pdf import blocks as b
from ..pdf.styles import TYPE_RULES
from ..pdf.text import web_address
from ..qr import qr_svg
from ..wording import _, current_language, install, phrases

TEMPLATES = Path(__file__).resolve().parent / "templates"

_KINDS = {
    b.Heading: "heading", b.Paragraph: "paragraph", b.Bullets: "bullets", b.Steps: "steps",
    b.Callout: "callout", b.Contacts: "contacts", b.FillIn: "fill_in", b.WriteSpace: "write_space",
    b.DoNever: "do_never", b.Flow: "flow", b.Pairs: "pairs", b.TickQuestion: "tick_question",
    b.KeyQuestion: "key_question",
}


def inline_qr(url: str, shown: str = "") -> Markup:
    """The QR code as inline SVG, named for screen readers (by `shown`, the address as printed,
    when given), with no id that could clash."""
    return _inline_qr(url, shown, current_language())


@functools.lru_cache(maxsize=256)
def _inline_qr(url: str, shown: str, language: str) -> Markup:  # language: the label's, in the cache key
    svg = qr_svg(url)
    svg = re.sub(r"<\?xml[^>]*>\s*", "", svg)
    svg = re.sub(r'\s(width|height|id)="[^"]*"', "", svg)
    label = Markup.escape(_("QR code for {address}", address=shown or web_address(url)))
    svg = svg.replace("<svg", f'<svg class="qr" role="img" aria-label="{label}" focusable="false"', 1)
    return Markup(svg)


def phone_link(number: str) -> str:
    """`tel:` address for a number as printed ('0800 1111' -> 'tel:08001111')."""
    digits = re.sub(r"[^0-9+]", "", number)
    return f"tel:{digits}" if digits else ""


@functools.lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, extensions=["jinja2.ext.i18n"])
    install(env)  # messages looked up when a page is rendered, in the build's language
    env.filters.update(qr=inline_qr, web_address=web_address, tel=phone_link)
    env.globals["phrases"] = phrases  # what several formats say, worded once
    return env


def prepare() -> None:
    """Compile the page templates now (each process compiles them once, when first used)."""
    environment = _environment()
    for name in environment.list_templates(extensions=["html"]):
        environment.get_template(name)


def _kinds(document: b.Document) -> List[Tuple[str, b.Block]]:
    return [(_KINDS[type(block)], block) for block in document.blocks]


def render_html(document: b.Document, body_size: float = TYPE_RULES["standard"].body) -> str:
    """The whole page as a string. Printed, its body text is `body_size` points, as in the PDF
    (`styles.body_size`); on screen, rem units follow the reader's own settings."""
    template = _environment().get_template("page.html")
    return template.render(document=document, blocks=_kinds(document), body_pt=f"{body_size:g}",
                           language=current_language())
