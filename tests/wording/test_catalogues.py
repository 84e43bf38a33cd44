"""The message catalogues hold every message the code and templates use, and stay in step with them."""

from __future__ import annotations

import gettext
import io
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from toolkit.wording import DEFAULT_LANGUAGE, N_, _, available, current_language, language, ngettext
from toolkit.wording.catalogues import TEMPLATE, UnknownLanguage, po_path, translations
from toolkit.wording.extract import extract_args

from kit import ROOT


def _ids(path: Path) -> set:
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    return {message.id if isinstance(message.id, str) else tuple(message.id) for message in catalogue if message.id}


def test_the_committed_template_is_what_extraction_finds_in_the_code_today(tmp_path):
    """A message used in code (or a template) but missing from the catalogue fails here, as does one
    left in the catalogue after the code stopped using it. Fix: python -m toolkit.wording extract"""
    fresh = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-c", "import sys; from toolkit.wording.extract import _pybabel, extract_args;"
                    "_pybabel(*extract_args(__import__('pathlib').Path(sys.argv[1])))", str(fresh)],
                   cwd=ROOT, check=True)
    found, committed = _ids(fresh), _ids(TEMPLATE)
    assert found == committed, (
        f"in the code, not the catalogue: {sorted(map(str, found - committed))}; "
        f"in the catalogue, no longer in the code: {sorted(map(str, committed - found))}. "
        "Run: python -m toolkit.wording extract")
    assert len(found) > 100  # the extraction really read the code and the templates


def test_no_function_that_looks_messages_up_hides_the_lookup():
    """`for _, x in ...` inside a function that also calls `_()` makes `_` a local name there, and the
    lookup fails (UnboundLocalError) only on the path that reaches it: name unused values otherwise."""
    import ast

    found = []
    for path in sorted((ROOT / "toolkit").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if not any(isinstance(n, ast.ImportFrom) and any(a.name == "_" for a in n.names) for n in ast.walk(tree)):
            continue
        for scope in ast.walk(tree):
            if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.comprehension)):
                found += [f"{path.relative_to(ROOT)}:{n.lineno}" for n in ast.walk(scope)
                          if isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store)]
    assert found == []


def test_every_language_has_every_message():
    assert DEFAULT_LANGUAGE in available()
    template = _ids(TEMPLATE)
    for tag in available():
        assert template <= _ids(po_path(tag)), f"{tag}: run python -m toolkit.wording extract"


def test_extraction_reads_the_html_templates():
    with TEMPLATE.open("rb") as handle:
        files = {location for message in read_po(handle) for location, _line in message.locations}
    assert "toolkit/html/templates/blocks.html" in files
    assert "toolkit/pdf/wording.py" in files


def test_extraction_is_one_documented_command():
    doc = (ROOT / "docs" / "wording.md").read_text(encoding="utf-8")
    assert "python -m toolkit.wording extract" in doc
    assert "python -m toolkit.wording init" in doc
    assert "-F" in extract_args(TEMPLATE)


def _test_catalogue() -> gettext.GNUTranslations:
    """A made-up language's catalogue, compiled the way the package compiles its own."""
    catalogue = Catalog(locale="cy")
    catalogue.add("It's never your fault.", "Nid eich bai chi yw hi byth.")
    # Welsh counts in six forms (CLDR): 3 takes the fourth ("tair ffeil"), 4 the sixth.
    catalogue.add(("{count} file", "{count} files"),
                  ("{count} ffeil", "{count} ffeil", "{count} ffeil", "tair ffeil", "{count} ffeil", "{count} o ffeiliau"))
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def test_messages_are_looked_up_in_the_language_of_the_build_in_progress(monkeypatch):
    made_up, real = _test_catalogue(), translations
    monkeypatch.setattr("toolkit.wording.translations", lambda tag: made_up if tag == "x-test" else real(tag))
    stored = N_("It's never your fault.")  # stored untranslated, looked up where it is used
    assert _(stored) == "It's never your fault."
    with language("x-test"):
        assert current_language() == "x-test"
        assert _(stored) == "Nid eich bai chi yw hi byth."
        assert ngettext("{count} file", "{count} files", 3) == "tair ffeil"
        assert ngettext("{count} file", "{count} files", 4) == "4 o ffeiliau"
    assert current_language() == DEFAULT_LANGUAGE
    assert ngettext("{count} file", "{count} files", 3) == "3 files"
    assert ngettext("{count} file", "{count} files", 1) == "1 file"


def test_a_language_with_no_catalogue_is_refused_before_anything_is_rendered():
    with pytest.raises(UnknownLanguage, match="no catalogue for language 'xx'"):
        with language("xx"):
            pass  # pragma: no cover


def test_the_package_ships_every_catalogue():
    """A wheel carries the .po files (compiled in memory when first used), not only a checkout."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 and later
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["toolkit"]
    package = ROOT / "toolkit"
    shipped = {path for pattern in patterns for path in package.glob(pattern)}
    for tag in available():
        assert po_path(tag) in shipped
    assert TEMPLATE in shipped
