"""Table styles that always name our font: reportlab sets Helvetica on every table cell otherwise,
even cells that only hold paragraphs, and that font would end up unembedded in the PDF."""

from __future__ import annotations

from typing import Iterable, Optional, Tuple

from reportlab.platypus import TableStyle

from . import fonts


def table_style(padding: float = 0, valign: str = "TOP", extra: Optional[Iterable[Tuple]] = None) -> TableStyle:
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.register_fonts()),
        ("VALIGN", (0, 0), (-1, -1), valign),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
    ]
    commands.extend(extra or ())
    return TableStyle(commands)
