"""The human index page (`index.html`) that links every file of a build."""

from __future__ import annotations

from html import escape
from itertools import groupby
from typing import List
from urllib.parse import quote

FORMAT_NAMES = {
    "slides": "Slide deck", "handout": "Handout", "quiz-paper": "Quiz paper", "gift": "Moodle GIFT",
    "moodle-xml": "Moodle XML", "qti": "QTI package (Canvas, Brightspace)", "kahoot": "Kahoot spreadsheet",
    "json": "JSON data",
}

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;
line-height:1.5;color:#1a1a1a;background:#fff}
h1{font-size:1.8rem}h2{font-size:1.4rem;margin-top:2rem;border-bottom:2px solid #1d4e89}h3{font-size:1.15rem}
a{color:#0b4f9c}a:focus{outline:3px solid #ffbf47}ul{padding-left:1.2rem}li{margin:.25rem 0}
.meta{color:#444;font-size:.95rem}
"""


def index_page(files: List[dict]) -> str:
    def key(entry: dict):
        return (entry.get("school") or "", entry["lesson"], entry["audience"])

    parts = [
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>lessonkit: built materials</title>",
        f"<style>{STYLE}</style></head><body><main>",
        "<h1>Lesson materials</h1>",
        f'<p class="meta">{len(files)} files. Every file lists who can help at the end.</p>',
    ]
    for (school, lesson, audience), group in groupby(sorted(files, key=key), key=key):
        heading = f"{lesson} for {audience}" + (f" ({school})" if school else "")
        parts.append(f"<h2>{escape(heading)}</h2><ul>")
        for entry in group:
            kind = FORMAT_NAMES.get(entry["format"], entry["format"])
            parts.append(
                f'<li><a href="{escape(quote(entry["path"]))}">{escape(entry.get("title") or entry["path"])}</a>'
                f' <span class="meta">({escape(kind)}, {escape(entry["path"].rsplit(".", 1)[-1].upper())})</span></li>'
            )
        parts.append("</ul>")
    parts.append("</main></body></html>\n")
    return "\n".join(parts)
