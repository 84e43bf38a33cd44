"""Shared test helpers: paths, and skip-or-fail for tools a test needs.

Imported as `from kit import ...` (a unique module name: sub-folders have conftest.py files too)."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path
from typing import List

import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCHEMAS = ROOT.parent / "shared" / "schemas"
NODE_MODULES = Path(__file__).resolve().parent / "js" / "node_modules"


def missing(reason: str):
    """Skip on a developer's machine without the tool; fail in CI, where it must be installed."""
    if os.environ.get("LESSONKIT_REQUIRE_TOOLS"):
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        missing(f"'{name}' is not installed (scripts/test installs it when run as root)")
    return path


def require_node_module(name: str) -> Path:
    path = NODE_MODULES / name
    if not path.exists():
        missing(f"npm package '{name}' is not installed (scripts/test runs npm install in tests/js)")
    return path


def pdf_text_sizes(data: bytes) -> List[float]:
    """The size in points of every piece of text in a PDF, as drawn (pypdf reads it back)."""
    from pypdf import PdfReader

    sizes: List[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.append(size * abs(tm[0]) * abs(cm[0]))

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    return sizes
