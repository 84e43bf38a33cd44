"""Lessons and catalogues in another language (Welsh first): gettext catalogues of their own text.

The English in `lessons/*.yaml` stays the source. Each file's translatable text is extracted into a
standard gettext catalogue, `lessons/locale/<language>/<file name without .yaml>.po`, which a
translator edits with any PO editor (Poedit, Weblate, a text editor). A build in that language reads
the lesson, swaps each text for its translation and validates the result like any lesson, so length
limits and content rules apply to the translated text too.

A translation belongs to the exact English it translates (the msgid): when the English changes, the
old translation is kept as "fuzzy" for the translator to check and is not used until they have.
Missing translations are errors for a build in that language, reported with the English text's file,
line, column and field.

Which fields are text: every `Text`, `Line` or `Heading` field of a model (the ones that may vary by
audience), plus the plain-text fields listed in `EXTRA_TEXT_FIELDS`. Ids, addresses, numbers, dates,
and the names of fictional characters are never translated; a service's name is offered to the translator,
who keeps a proper name (Childline, Meic) as it is and translates a descriptive one ("Police (emergency)").
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple, Type

from pydantic import BaseModel, ValidationError

from .errors import Finding
from .wording import N_, _

SOURCE_LANGUAGE = "en"
LANGUAGES = {"cy": N_("Welsh (Cymraeg)")}
"""Languages a lesson's text can be translated into, besides English."""
LOCALE_DIR = "locale"

# Plain-text fields that a reader sees, besides the Text/Line/Heading ones: (model class name, field).
EXTRA_TEXT_FIELDS = {
    ("Keyword", "term"), ("Option", "short"), ("Question", "short"), ("Timing", "activity"),
    ("TeacherNotes", "language_to_avoid"), ("TeacherNotes", "language_to_use"),
    ("SupportRoute", "name"), ("SupportRoute", "purpose"), ("SupportRoute", "purpose_short"), ("SupportRoute", "for_whom"), ("SupportRoute", "hours"), ("SupportRoute", "text"),
    ("Audience", "label"), ("NationNames", "england"), ("NationNames", "wales"), ("NationNames", "scotland"),
    ("NationNames", "northern_ireland"),
    ("Nation", "name"), ("Nation", "social_care"), ("Nation", "guidance"), ("Nation", "law"),
    ("LeadRole", "title"), ("LeadRole", "deputy_title"), ("LeadRole", "name"), ("LeadRole", "short"),
    ("LeadRole", "definition"),
}

Loc = Tuple[Any, ...]


def is_source_language(language: str) -> bool:
    """English (en, en-GB...): the lessons' own language, needing no translation."""
    return language.split("-")[0].lower() == SOURCE_LANGUAGE


def language_name(language: str) -> str:
    """A translated language's name as a reader sees it, in the build's language: 'Welsh (Cymraeg)'."""
    code = language.split("-")[0].lower()
    return _(LANGUAGES[code]) if code in LANGUAGES else language


def _is_text_type(annotation: Any) -> bool:
    """True for the audience-varying text types of toolkit.model.common (Text, Line, Heading), also
    inside Optional[...] or List[...]."""
    from .model.common import _check_text_map

    for meta in getattr(annotation, "__metadata__", ()):
        if getattr(meta, "func", None) is _check_text_map:
            return True
    return any(_is_text_type(arg) for arg in typing.get_args(annotation))


def _translatable(model: Type[BaseModel], name: str, field: Any) -> bool:
    """Pydantic keeps a field's own Annotated metadata in `field.metadata` (e.g. `title: Heading`) and
    leaves it in the annotation only inside List[...] or Optional[...]."""
    if (model.__name__, name) in EXTRA_TEXT_FIELDS:
        return True
    from .model.common import _check_text_map

    return any(getattr(m, "func", None) is _check_text_map for m in field.metadata) or _is_text_type(field.annotation)


def _strings(value: Any, loc: Loc) -> Iterator[Tuple[Loc, str]]:
    if isinstance(value, str):
        if value.strip():
            yield loc, value
    elif isinstance(value, dict):  # audience-varying text: {default: ..., ks3: ...}
        for key, text in value.items():
            yield from _strings(text, loc + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, loc + (index,))


def texts(model: BaseModel, loc: Loc = ()) -> Iterator[Tuple[Loc, str]]:
    """Every translatable text in `model`, with where it is (as the YAML file's keys and indexes)."""
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        if value is None:
            continue
        here = loc + (field.alias or name,)
        if _translatable(type(model), name, field):
            yield from _strings(value, here)
        elif isinstance(value, BaseModel):
            yield from texts(value, here)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from texts(item, here + (index,))


def field_name(loc: Loc) -> str:
    """('sections', 2, 'points', 0) -> 'sections[2].points[0]' (counting from 0, as the file's order)."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (("." if out else "") + str(part))
    return out


def catalogue_path(source: Path, language: str) -> Path:
    """Where `source`'s translations into `language` live: lessons/locale/cy/online-blackmail.po."""
    return source.parent / LOCALE_DIR / language / (source.stem + ".po")


@dataclass
class Translations:
    """One file's catalogue: English text -> translation (only finished ones, never fuzzy)."""

    path: Path
    messages: Dict[str, str]

    def get(self, english: str) -> Optional[str]:
        return self.messages.get(english)


def read_catalogue(path: Path, language: str) -> Tuple[Optional[Translations], List[Finding]]:
    """A .po file's finished translations, or a finding saying why it cannot be read."""
    from babel.messages.pofile import PoFileError, read_po

    if not path.exists():
        return Translations(path, {}), []
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language, abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError, OSError) as problem:
        return None, [Finding(str(path), _("the translation file cannot be read: {problem}", problem=problem),
                              _("fix it in a PO editor such as Poedit, or delete it and run "
                                "`lessonkit translations update --language {language}` to start again", language=language))]
    messages = {m.id: m.string for m in catalog if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}
    return Translations(path, messages), []


def _set(data: Any, loc: Loc, value: str) -> None:
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


def translate(loaded, language: str, translations: Translations) -> Tuple[Optional[BaseModel], List[Finding]]:
    """`loaded` (a toolkit.load.Loaded model) with every text in `language`; a finding for each text
    that has no finished translation, and for translated text that breaks the model's rules (e.g. a
    title now too long), at the English text's file, line and column."""
    model = loaded.model
    name = _(LANGUAGES[language]) if language in LANGUAGES else language
    data = model.model_dump(by_alias=True)
    findings: List[Finding] = []
    for loc, english in texts(model):
        translated = translations.get(english)
        if translated is None:
            findings.append(loaded.finding(
                loc, _("no {language} translation for {field}: \"{text}\"", language=name, field=field_name(loc),
                       text=_short(english)),
                _("add it to {file} (`lessonkit translations update --language {language}` adds every missing text; a "
                  "translation marked fuzzy is not used until it is checked)", file=translations.path, language=language),
                rule="translation"))
            continue
        _set(data, loc, translated)
    if findings:
        return None, findings
    try:
        return type(model).model_validate(data), []
    except ValidationError as error:
        return None, [loaded.finding(tuple(e["loc"]), _("the {language} text breaks a rule: {rule}", language=name,
                                                         rule=e["msg"]),
                                     _("shorten or fix the translation in {file}", file=translations.path), rule="translation")
                      for e in error.errors()]


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def update_catalogue(loaded_files: Sequence[Any], source: Path, language: str, version: str) -> Tuple[Path, int, int]:
    """Write `source`'s catalogue for `language` with every text the file has now, keeping existing
    translations (a changed English text keeps its old translation as fuzzy; texts no longer used are
    kept as obsolete). Returns (path, texts, of which untranslated)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    template = Catalog(locale=None, project="lessonkit lessons", version=version, charset="utf-8")
    for loaded in loaded_files:
        for loc, english in texts(loaded.model):
            where = loaded.positions.find(loc)
            template.add(english, locations=[(Path(loaded.path).name, where[0] if where else 0)],
                         auto_comments=[field_name(loc)])
    path = catalogue_path(source, language)
    if path.exists():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        catalog.update(template, update_header_comment=False)
    else:
        catalog = Catalog(locale=language, project="lessonkit lessons", version=version, charset="utf-8",
                          header_comment=(f"# {LANGUAGES.get(language, language)} translation of {source.name}.\n"
                                          "# The English in the .yaml file is the source: edit it there, then run\n"
                                          f"# `lessonkit translations update --language {language}`."))
        for message in template:
            if message.id:
                catalog.add(message.id, locations=message.locations, auto_comments=message.auto_comments)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=False, include_previous=True, omit_header=False)
    total = sum(1 for m in catalog if m.id)
    missing = sum(1 for m in catalog if m.id and (not m.string or m.fuzzy))
    return path, total, missing


def translated_project(project, language: str):
    """`project` (toolkit.load.Project) with its lessons and catalogues in `language`, and a finding for
    every text without a finished translation. English (`en`, `en-GB`) returns it unchanged."""
    from .load import Loaded, Project

    if is_source_language(language):
        return project, []
    language = language.split("-")[0].lower()
    findings: List[Finding] = []

    def one(loaded):
        if loaded is None:
            return None
        translations, problems = read_catalogue(catalogue_path(Path(loaded.path), language), language)
        findings.extend(problems)
        if translations is None:
            return None
        model, problems = translate(loaded, language, translations)
        findings.extend(problems)
        return Loaded(model, loaded.path, loaded.positions, loaded.raw) if model is not None else None

    result = Project([l for l in (one(l) for l in project.lessons) if l is not None],
                     one(project.audiences_file), one(project.routes_file), one(project.nations_file), language)
    return result, findings
