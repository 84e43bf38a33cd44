"""Output formats, each registered by name. Built-in formats register themselves the same way a
plugin would: a module in this package that calls `register`."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

from ..adapt import AdaptedLesson
from ..wording import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class OutputFile:
    """One file a format produces, named relative to its lesson/audience folder."""

    name: str
    data: bytes
    title: str = ""


@dataclass(frozen=True)
class RenderOptions:
    """Options from the command line that some formats use."""

    paper: str = "a4"  # "a4" or "letter"
    large_print: bool = False
    template: Optional[Path] = None  # a school's .pptx template
    shuffle_seed: Optional[int] = None  # reproducible A/B quiz versions
    language: str = DEFAULT_LANGUAGE  # BCP 47 tag: every message and every document's declared language
    languages: Tuple[str, ...] = ()
    """A bilingual pack's languages, Welsh first (`--language cy,en`); empty for a pack in one language.
    Each is rendered in turn with `language` set to it (toolkit/bilingual.py)."""


@dataclass
class RenderContext:
    """Handed to every renderer: the options and somewhere to leave warnings and notes."""

    options: RenderOptions = field(default_factory=RenderOptions)
    warnings: List[str] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)
    """What a teacher needs to know to use the files (e.g. which Moodle versions a file suits): the
    same for every lesson, so the build summary shows each note once."""

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def note(self, message: str) -> None:
        if message not in self.notes:
            self.notes.append(message)


Renderer = Callable[[AdaptedLesson, RenderContext], List[OutputFile]]


@dataclass(frozen=True)
class Format:
    name: str
    description: str
    render: Renderer


_FORMATS: Dict[str, Format] = {}


def register(name: str, description: str) -> Callable[[Renderer], Renderer]:
    """Decorator: make `render(lesson, context) -> [OutputFile]` available as format `name`.

    A renderer returns an empty list when the format does not fit the audience
    (e.g. a staff briefing for pupils)."""

    def decorator(render: Renderer) -> Renderer:
        _FORMATS[name] = Format(name, description, render)
        return render

    return decorator


def prepare(project) -> None:
    """Load every format, and what the formats load once per process and share (fonts, page
    templates, the QR codes of the project's support routes), before a build forks its workers:
    each starts with them ready rather than loading them again. A build calls this while this
    process would otherwise wait (toolkit/build.py: load_checked); no output changes."""
    from ..html import prepare as prepare_pages
    from ..pdf.fonts import missing_characters, register_fonts
    from ..qr import qr_matrix

    formats()
    register_fonts()
    missing_characters("")  # and reads which characters the fonts have
    prepare_pages()
    for route in project.routes.values():
        if route.url:
            qr_matrix(str(route.url))


def format_names() -> List[str]:
    """Every format's name, without loading any: a built-in format is named as its module is, with
    '-' for '_' (moodle_xml.py registers `moodle-xml`; tests/render/test_registry.py holds them to
    it). Enough to plan a build, which loads the formats only if it has something to render."""
    return sorted({name.replace("_", "-") for name in _built_in()} | set(_FORMATS))


def _built_in() -> List[str]:
    """The modules of this package that are formats."""
    return [module.name for module in pkgutil.iter_modules(__path__) if not module.name.startswith("_")]


def formats() -> Dict[str, Format]:
    """Every registered format, loading the built-in ones on first use."""
    for name in _built_in():
        importlib.import_module(f"{__name__}.{name}")
    return dict(sorted(_FORMATS.items()))
