"""No sentence a reader sees is written into the code outside the message catalogue.

Every string literal in toolkit/ that reads like English words (two or more words, or one
capitalised phrase of two) must be marked for the catalogue (`_()`, `N_()`, `ngettext()`), unless
it is one of the allowed kinds below (docstrings, logging, programming errors) or in a module
listed in PENDING or NOT_WORDING with the reason."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Iterator, List, Tuple

from kit import ROOT
from toolkit.routes.verdict import CLOSED_WORDS

TOOLKIT = ROOT / "toolkit"

PENDING: dict = {}  # nothing left: add a module here only with the reason it cannot be converted yet

NOT_WORDING = {
    "toolkit/wording/": "the catalogue machinery itself",
    "toolkit/docx/accessibility.py": "a checker the tests run on Word documents: its findings are for developers",
    "toolkit/live/export.py": "the results CSV: its column names and values are data for spreadsheets, the same in every language",
}

# Single strings that look like English but are read by another program, with the reason.
ALLOWED = {
    # Pieces of command-line help for `lessonkit school init` (see NOT_READERS_ARGUMENTS).
    ("toolkit/profiles/cli.py", "title as pupils know it"): "command-line help",
    ("toolkit/profiles/cli.py", "where pupils find them"): "command-line help",
    ("toolkit/cli.py", "Folder with audiences.yaml and support-routes.yaml (default: beside the lessons, else the "
                       "built-in one)."): "command-line help (see NOT_READERS_ARGUMENTS)",
    ("toolkit/model/lesson.py", "a social media app"):
        "lesson data, not a message: a story's platform when the lesson names none (in its JSON export)",
    ("toolkit/quizzes/kahoot_sheet.py", "Correct answer(s) - choose at least one"):
        "Kahoot's own template headings, which its importer expects as they are",
    # Font family names the deck measures text with and writes into the slides.
    ("toolkit/deck/metrics.py", "Liberation Sans"): "a font's name",
    ("toolkit/deck/metrics.py", "DejaVu Sans"): "a font's name",
    ("toolkit/deck/metrics.py", "Source Sans Pro"): "a font's name",
    # The slide layouts a PowerPoint template must have, found by these names (PowerPoint's own).
    ("toolkit/deck/template.py", "Title Slide"): "a PowerPoint layout's name",
    ("toolkit/deck/template.py", "Title and Content"): "a PowerPoint layout's name",
    ("toolkit/deck/template.py", "Section Header"): "a PowerPoint layout's name",
    ("toolkit/deck/template.py", "Two Content"): "a PowerPoint layout's name",
    ("toolkit/deck/template.py", "Picture and Text"): "a layout's name in the template",
}

# The route checker looks for these words on the (English) web pages it reads: data, not messages.
ALLOWED.update({("toolkit/routes/verdict.py", words): "words read on web pages" for words in CLOSED_WORDS})

# Calls whose string arguments are not for readers: a bug report (the CLI turns any of these into
# "lessonkit failed unexpectedly"), a log line, or a name a program reads.
PROGRAMMERS = {"ValueError", "TypeError", "KeyError", "AssertionError", "RuntimeError", "NotImplementedError",
               "debug", "getLogger", "Field", "TypeVar", "NamedTuple", "Route", "WebSocketRoute",
               "close_soon", "TypeRule"}  # a websocket close reason (for the protocol); a type size's source: documentation for maintainers (docs/handouts.md)
MARKED = {"_", "N_", "ngettext"}
# Keyword arguments that are not for readers of the outputs: a named style a program looks up
# ("List Bullet"), a websocket close reason, a slide's group, and command-line help, which click reads at import, before
# any build has a language.
# A slide's `group` is the part of the lesson it belongs to, matched against the lesson's own timing
# labels (lesson data), never shown.
NOT_READERS_ARGUMENTS = {"style", "style_name", "help", "reason", "group"}

WORD = re.compile(r"[A-Za-z][a-z']+")


def english(text: str) -> bool:
    """Reads as English to a person: words, not code, markup, a path or a format."""
    if re.search(r"[<>{}\[\]=\\/_#@|;`]|%[sd(]|^\s*[-.:]|\w\.\w", text.replace("{}", "")):
        return False
    if len([token for token in text.split() if WORD.search(token)]) < 2:
        return False  # one word or an identifier ('SourceSansPro-Bold', 'quiz-answer-key')
    words = WORD.findall(text)
    letters = sum(c.isalpha() or c in " ,.:;'!?()-" for c in text) / max(len(text), 1)
    if letters < 0.9:
        return False
    return len(words) >= 3 or (len(words) == 2 and text[:1].isupper() and " " in text.strip())


def _listed(relative: str, table: dict) -> bool:
    return any(relative == key or (key.endswith("/") and relative.startswith(key)) for key in table)


def _ignored_nodes(tree: ast.AST) -> set:
    ignored = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body:
            first = body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ignored.add(id(first.value))
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):  # attribute docstrings
            ignored.add(id(node.value))
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name in MARKED or name in PROGRAMMERS:
                ignored.update(id(inner) for inner in ast.walk(node))
            for keyword in node.keywords:
                if keyword.arg in NOT_READERS_ARGUMENTS:
                    ignored.update(id(inner) for inner in ast.walk(keyword.value))
        if isinstance(node, (ast.Subscript, ast.Compare)):  # dictionary keys read, values compared
            ignored.update(id(inner) for inner in ast.walk(node.slice if isinstance(node, ast.Subscript) else node))
    return ignored


def _texts(tree: ast.AST) -> Iterator[Tuple[int, str]]:
    ignored = _ignored_nodes(tree)
    for node in ast.walk(tree):
        if id(node) in ignored:
            continue
        if isinstance(node, ast.JoinedStr):
            ignored.update(id(v) for v in node.values)
            yield node.lineno, "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def stray_english(path: Path) -> List[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    relative = path.relative_to(ROOT).as_posix()
    return [f"{relative}:{line}: {text[:80]!r}" for line, text in _texts(tree)
            if english(text) and (relative, text) not in ALLOWED]


def test_every_sentence_in_the_code_is_in_the_catalogue():
    found = []
    for path in sorted(TOOLKIT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if _listed(relative, PENDING) or _listed(relative, NOT_WORDING):
            continue
        found += stray_english(path)
    assert found == [], "mark these with _() (docs/wording.md):\n" + "\n".join(found)


def test_the_templates_say_nothing_outside_the_catalogue():
    templates = [*(TOOLKIT / "html" / "templates").glob("*.html"), *(TOOLKIT / "live" / "static").glob("*.html"),
                 *(TOOLKIT / "studio" / "templates").glob("*.html")]
    assert len(templates) >= 15
    for template in sorted(templates):
        text = re.sub(r"<style>.*?</style>|{#.*?#}|{%.*?%}|{{.*?}}|<[^>]*>", " ", template.read_text(encoding="utf-8"),
                      flags=re.S)
        assert [w for w in re.findall(r"[A-Za-z]{2,}", text)] == [], template.name


def test_the_live_quiz_scripts_say_nothing_outside_the_catalogue():
    """The scripts' words come from words.js (`gettext("...")`, extracted into the catalogue)."""
    for script in sorted((TOOLKIT / "live" / "static").glob("*.js")):
        code = script.read_text(encoding="utf-8")
        loose = [literal for literal in re.findall(r'(?<!gettext\()"((?:[^"\\\n]|\\.)*)"', code)
                 if english(literal) and literal != "use strict"]
        assert loose == [], script.name


def test_the_check_sees_what_it_should():
    assert english("Who can help")
    assert english("Write in your school's contacts and keep this briefing to hand.")
    assert english("Careful: keep the evidence")
    assert not english("SourceSansPro-Bold")
    assert not english("Content-Security-Policy")
    assert not english("<p class=\"meta\">{}</p>")
    assert not english("text/html; charset=utf-8")
    sample = ast.parse('def f():\n    """Docstring here is fine."""\n    return _("Marked text is fine"), "Loose text is not"\n')
    assert [text for _, text in _texts(sample) if english(text)] == ["Loose text is not"]


def test_every_pending_exception_names_files_that_exist():
    for key in [*PENDING, *NOT_WORDING]:
        assert (ROOT / key).exists(), key
