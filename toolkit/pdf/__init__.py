"""Print-ready PDFs with reportlab: embedded font, metadata, bookmarks, safe margins, pocket cards.

A handout is first written as plain blocks (`blocks.Document`); `render_pdf` lays those out on
pages and `render_cards` puts a short one on a sheet of pocket cards. `toolkit.html` renders the
same blocks as the accessible HTML twin."""

from .blocks import Document
from .cards import RenderedCards, render_cards
from .layout import RenderedPdf, render_pdf

__all__ = ["Document", "RenderedCards", "RenderedPdf", "render_cards", "render_pdf"]
