"""Bilingual packs (`lessonkit build --language cy,en`): Welsh and English in one pack, Welsh first.

What goes where (docs/translations.md, "Bilingual packs", says why):

- handouts (every PDF the `handout` format makes, and its web page): one document in both languages,
  the Welsh version first and the English version after it, each starting on a new page (`combine_pdf`,
  `combine_html`);
- every other file (slide decks, Word documents, quiz papers, quiz files, lesson data): one file per
  language, the language's code before the file's kind (`online-blackmail-ks3.cy.pptx`,
  `online-blackmail-ks3.en.pptx`), each with the same layout (`file_name`).

The build renders the pack once in each language (Welsh from the lessons' translation, English from
the lessons themselves) and this module puts the two together; each half is what a one-language build
makes, so the Welsh half carries the translation's review notice as a Welsh pack does.
"""

from __future__ import annotations

import hashlib
import io
import re
from typing import Callable, Iterable, List, Optional, Sequence, Tuple

from .errors import UsageProblem
from .translation import is_source_language
from .wording import _

ENGLISH = "en-GB"
ENDONYMS = {"cy": "Cymraeg", "en": "English"}
"""Each language's own name for itself: how a reader finds their language, whatever the page's language."""
COMBINED = frozenset({"handout"})
"""Formats whose files hold both languages; every other format makes one file per language."""


def code(tag: str) -> str:
    """'en-GB' -> 'en', 'cy' -> 'cy'."""
    return tag.split("-")[0].lower()


def language_list(value: str, available: Sequence[str]) -> List[str]:
    """`--language` as written ('cy', 'en-GB', 'en,cy'...), each part as the catalogue's tag ('en' and
    'EN' stand for 'en-GB'), in the order written: the one reading of the option for every command."""
    known = {tag.lower(): tag for tag in available}
    for tag in available:
        known.setdefault(code(tag), tag)
    tags: List[str] = []
    for part in (p.strip() for p in value.split(",")):
        tag = known.get(part.lower())
        if tag is None:
            raise UsageProblem(_("--language {value}: '{part}' is not a language lessonkit writes. Languages: {languages}.",
                                 value=value, part=part, languages=", ".join(sorted(set(known.values())))))
        tags.append(tag)
    return tags


def pack_languages(value: str, available: Sequence[str]) -> Tuple[str, ...]:
    """`--language` as given ('cy', 'en-GB', 'en,cy' or 'cy,en') as the pack's languages, Welsh first:
    the Welsh Language Standards ask for Welsh to be placed so that it is read first, so the order
    written does not change the pack."""
    tags: List[str] = []
    for tag in language_list(value, tuple(available) + ((ENGLISH,) if ENGLISH not in available else ())):
        if tag in tags:
            raise UsageProblem(_("--language {value} names {language} twice.", value=value, language=tag))
        tags.append(tag)
    if len(tags) == 1:
        return (tags[0],)
    if len(tags) != 2 or sum(is_source_language(tag) for tag in tags) != 1:
        raise UsageProblem(_("--language {value}: a bilingual pack is one translation and English, for example "
                             "--language cy,en.", value=value))
    return tuple(sorted(tags, key=is_source_language))  # the translation (Welsh) first


def file_name(name: str, format_name: str, language: str, languages: Sequence[str]) -> str:
    """The name a format's file has in a pack of `languages` when rendered in `language`: unchanged in
    a one-language pack and for the formats that hold both languages, else with the language's code
    before the file's kind ('online-blackmail-ks3.pptx' -> 'online-blackmail-ks3.cy.pptx')."""
    if len(languages) < 2 or format_name in COMBINED:
        return name
    folder, _slash, base = name.rpartition("/")
    head, dot, rest = base.partition(".")
    marked = f"{head}.{code(language)}.{rest}" if dot else f"{base}.{code(language)}"
    return f"{folder}/{marked}" if folder else marked


def marked_language(name: str) -> Optional[str]:
    """The language code `file_name` put in a file's name, if any: 'x.cy.pptx' -> 'cy'."""
    parts = name.rsplit("/", 1)[-1].split(".")
    return parts[1] if len(parts) > 2 and parts[1] in ENDONYMS else None


def unmarked(name: str) -> str:
    """The name without its language code: 'x.cy.pptx' -> 'x.pptx'."""
    language = marked_language(name)
    return name.replace(f".{language}.", ".", 1) if language else name


# -- PDF -----------------------------------------------------------------------------------------------

def combine_pdf(parts: Sequence[Tuple[str, bytes]]) -> bytes:
    """One PDF of `parts` ((language, PDF bytes), Welsh first), each part starting on a new page.

    The document's language (`/Lang`) is the first part's; the pages of every later part are marked
    as their own language (a `/Span` marked-content sequence with `/Lang`, PDF 1.7 section 14.9.2), so
    a screen reader or a read-aloud tool switches voice. Each part is a bookmark under its language's
    own name, the title is each part's title in turn ('Cerdyn cymorth / Support card'), and the fonts
    stay embedded (each page keeps its own resources). Same inputs, same bytes."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, BooleanObject, ByteStringObject, DecodedStreamObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    titles: List[str] = []
    info = {}
    for index, (language, data) in enumerate(parts):
        reader = PdfReader(io.BytesIO(data))
        meta = reader.metadata or {}
        titles.append(str(meta.get("/Title") or ""))
        if index == 0:
            info = {key: str(value) for key, value in meta.items()}
        start = len(writer.pages)
        for page in reader.pages:
            added = writer.add_page(page)
            if index:
                contents = added.get_contents()
                stream = DecodedStreamObject()
                stream.set_data(b"/Span <</Lang (" + language.encode("ascii") + b")>> BDC\n"
                                + (contents.get_data() if contents is not None else b"") + b"\nEMC\n")
                added.replace_contents(stream)
            added.compress_content_streams()
        writer.add_outline_item(title=ENDONYMS.get(code(language), language), page_number=start)
    writer.add_metadata({**info, "/Title": " / ".join(t for t in titles if t)})
    root = writer._root_object
    root[NameObject("/Lang")] = TextStringObject(parts[0][0])
    root[NameObject("/ViewerPreferences")] = DictionaryObject({NameObject("/DisplayDocTitle"): BooleanObject(True)})
    root[NameObject("/PageMode")] = NameObject("/UseOutlines")
    identifier = ByteStringObject(hashlib.md5(b"".join(data for _language, data in parts)).digest())  # noqa: S324 (an id, not security)
    writer._ID = ArrayObject([identifier, identifier])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# -- HTML ----------------------------------------------------------------------------------------------

_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S)
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_REFERENCES = re.compile(r'\b(id|for|aria-labelledby|aria-describedby|aria-controls|name)="([^"]*)"|href="#([^"]*)"')


def _own_ids(body: str, prefix: str) -> str:
    """Every id (and each reference to one, and each form field's name) given the part's prefix, so
    the two parts of one page never share an id or a group of radio buttons."""
    def rename(match: re.Match) -> str:
        if match.group(3) is not None:
            return f'href="#{prefix}-{match.group(3)}"'
        return f'{match.group(1)}="' + " ".join(f"{prefix}-{v}" for v in match.group(2).split()) + '"'

    return _REFERENCES.sub(rename, body)


def combine_html(parts: Sequence[Tuple[str, str]]) -> str:
    """One page of `parts` ((language, a whole HTML page), Welsh first): the first page's head with
    every part's title in turn, links to each part by its language's own name, then each part's body
    in a `<section lang="...">` inside one `<main>`."""
    first = parts[0][1]
    titles = [m.group(1) for m in (_TITLE.search(page) for _language, page in parts) if m]
    head = first[:first.index("<body")]
    head = _TITLE.sub(lambda _m: "<title>" + " / ".join(titles) + "</title>", head, count=1)
    links = " ".join(f'<a href="#{code(language)}" lang="{language}" hreflang="{language}">'
                     f"{ENDONYMS.get(code(language), language)}</a>" for language, _page in parts)
    label = " / ".join(ENDONYMS.get(code(language), language) for language, _page in parts)
    sections = []
    for language, page in parts:
        match = _BODY.search(page)
        body = match.group(1) if match else ""
        body = body.replace("<main>", '<div class="part">').replace("</main>", "</div>")
        sections.append(f'<section id="{code(language)}" lang="{language}" aria-label="{ENDONYMS.get(code(language), language)}">\n'
                        f"{_own_ids(body, code(language))}\n</section>")
    return (f'{head}<body>\n<nav class="languages" aria-label="{label}"><p>{links}</p></nav>\n<main>\n'
            + "\n".join(sections) + "\n</main>\n</body>\n</html>\n")


def combine(name: str, parts: Sequence[Tuple[str, bytes]]) -> bytes:
    """One file of a format that holds both languages, by its kind."""
    if name.endswith(".pdf"):
        return combine_pdf(parts)
    if name.endswith(".html"):
        return combine_html([(language, data.decode("utf-8")) for language, data in parts]).encode("utf-8")
    raise ValueError(f"no way to put two languages in one {name}")


def in_languages(languages: Sequence[str], make: Callable[[], str]) -> str:
    """A page made by `make()` in each of `languages` (inside toolkit.wording.language), as one page;
    in one language, just that page."""
    from .wording import language

    pages = []
    for tag in languages:
        with language(tag):
            pages.append((tag, make()))
    return pages[0][1] if len(pages) == 1 else combine_html(pages)


def merge_entries(parts: Sequence[Tuple[str, Iterable[Tuple[object, bytes]]]], entry_with: Callable) -> List[Tuple[object, bytes]]:
    """Each language's (manifest entry, bytes), Welsh first, as the pack's: a file every language made
    under the same name (a handout) becomes one file of all of them; the others are kept as they are.
    `entry_with(entry, title, data)` is the entry for new bytes."""
    by_path = {}
    order: List[str] = []
    for language, entries in parts:
        for entry, data in entries:
            if entry.path not in by_path:
                order.append(entry.path)
            by_path.setdefault(entry.path, []).append((language, entry, data))
    merged = []
    for path in order:
        versions = by_path[path]
        if len(versions) == 1:
            merged.append(versions[0][1:])
            continue
        data = combine(path, [(language, data) for language, _entry, data in versions])
        title = " / ".join(dict.fromkeys(entry.title for _language, entry, _data in versions))
        merged.append((entry_with(versions[0][1], title, data), data))
    return merged
