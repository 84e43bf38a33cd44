"""Font subsets written once a build rather than once a PDF.

reportlab embeds only the characters a PDF uses, numbered in the order the text first uses them,
so every PDF gets its own subset: a font file to cut from the face and compress, a widths array and
a character map, for each face the PDF uses. Here every PDF's subset starts with the same
characters in the same order (ASCII, then `REPERTOIRE`), so the subsets of a face are nearly always
the same and each piece is made once and reused. A character outside `REPERTOIRE` still prints: it
is added after them, and that subset is made afresh."""

from __future__ import annotations

import zlib
from typing import Dict, Tuple
from weakref import WeakKeyDictionary

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, SUBSETN, TTFont, makeToUnicodeCMap

# After ASCII, which reportlab always numbers as itself: typographic punctuation, Latin-1 letters
# and signs, and the Welsh letters Latin-1 lacks (ŵ, ŷ and their accented forms).
REPERTOIRE = ("‘’‚“”„–—…•€™" + "".join(map(chr, range(0xA1, 0x100)))
              + "ŴŵŶŷẀẁẂẃẄẅỲỳ")


class States(WeakKeyDictionary):
    """A face's subsetting state for each PDF, started with `REPERTOIRE` already numbered."""

    def __init__(self, font: TTFont) -> None:
        super().__init__()
        self._font = font

    def __getitem__(self, doc):
        try:
            return super().__getitem__(doc)
        except KeyError:
            self[doc] = TTFont.State(True, self._font)
            self._font.splitString(REPERTOIRE, doc)
            return super().__getitem__(doc)


class _Flate:
    """Deflate, remembering each result: the same font file is compressed once."""

    pdfname = "FlateDecode"

    def __init__(self) -> None:
        self._done: Dict[bytes, bytes] = {}

    def encode(self, content) -> bytes:
        if isinstance(content, str):
            content = content.encode("latin-1")
        if content not in self._done:
            self._done[content] = zlib.compress(content)
        return self._done[content]


class Written:
    """The PDF objects of one face's subsets (PDF 1.7, sections 9.6 to 9.10), each made once."""

    def __init__(self, face) -> None:
        self.face = face
        self._flate = _Flate()
        self._files: Dict[Tuple[int, ...], bytes] = {}
        self._widths: Dict[Tuple[int, ...], bytes] = {}
        self._cmaps: Dict[Tuple[str, Tuple[int, ...]], str] = {}

    def add_objects(self, font: TTFont, doc) -> None:
        """What reportlab's TTFont.addObjects adds: a font, its widths, character map and descriptor
        for every subset the PDF used; then the PDF's state is dropped."""
        state = font.state[doc]
        state.frozen = 1
        for number, subset in enumerate(state.subsets):
            key = tuple(subset)
            internal_name = font.getSubsetInternalName(number, doc)[1:]
            base_name = (SUBSETN(number) + b"+" + self.face.name + self.face.subfontNameX).decode("pdfdoc")
            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.Name, pdf_font.BaseFont = internal_name, base_name
            pdf_font.FirstChar, pdf_font.LastChar = 0, len(subset) - 1
            pdf_font.Widths = self._widths_of(key, doc)
            pdf_font.ToUnicode = doc.Reference(self._stream(self._cmap(base_name, key), doc), f"toUnicodeCMap:{base_name}")
            pdf_font.FontDescriptor = self._descriptor(doc, base_name, key)
            doc.Reference(pdf_font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = pdf_font
        del font.state[doc]

    def _widths_of(self, subset: Tuple[int, ...], doc) -> bytes:
        """The widths array, formatted once (a formatted array is written as it is)."""
        if subset not in self._widths:
            self._widths[subset] = pdfdoc.PDFArray([self.face.getCharWidth(code) for code in subset]).format(doc)
        return self._widths[subset]

    def _cmap(self, base_name: str, subset: Tuple[int, ...]) -> str:
        if (base_name, subset) not in self._cmaps:
            self._cmaps[base_name, subset] = makeToUnicodeCMap(base_name, subset)
        return self._cmaps[base_name, subset]

    def _stream(self, content, doc) -> pdfdoc.PDFStream:
        stream = pdfdoc.PDFStream(content=content)
        if doc.compression:
            stream.filters = [self._flate]
        return stream

    def _descriptor(self, doc, base_name: str, subset: Tuple[int, ...]):
        face = self.face
        if subset not in self._files:
            self._files[subset] = face.makeSubset(list(subset))
        font_file = self._stream(self._files[subset], doc)
        font_file.dictionary["Length1"] = len(self._files[subset])
        descriptor = pdfdoc.PDFDictionary({
            "Type": "/FontDescriptor", "Ascent": face.ascent, "CapHeight": face.capHeight,
            "Descent": face.descent, "Flags": (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
            "FontBBox": pdfdoc.PDFArray(face.bbox), "FontName": pdfdoc.PDFName(base_name),
            "ItalicAngle": face.italicAngle, "StemV": face.stemV, "MissingWidth": face.defaultWidth,
            "FontFile2": doc.Reference(font_file, f"fontFile:{face.filename}({base_name})"),
        })
        return doc.Reference(descriptor, f"fontDescriptor:{base_name}")
