"""Font subsets: every handout's subset of a face starts with the same characters, so the font file
is the same in every PDF of a build (made once); any other character still prints and reads back."""

from __future__ import annotations

import io

from pypdf import PdfReader

from toolkit.pdf import Document, render_pdf
from toolkit.pdf import blocks as b


def pdf(*texts: str) -> bytes:
    document = Document(title="Subsets", subject="Font subsets", author="lessonkit",
                        blocks=tuple(b.Paragraph(text) for text in texts))
    return render_pdf([document]).data


def font_files(data: bytes) -> dict:
    """Each embedded face's font file, by its name without the subset tag."""
    reader = PdfReader(io.BytesIO(data))
    files = {}
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        name = str(font["/BaseFont"]).split("+", 1)[1]
        files[name] = font["/FontDescriptor"]["/FontFile2"].get_data()
    return files


def test_two_different_handouts_embed_the_same_font_file():
    one = font_files(pdf("It’s never your fault.", "Dŵr a’r “help” — £5"))
    two = font_files(pdf("Tell a trusted adult… Gwŷn, Zoë and Siân."))
    assert one.keys() == two.keys() and "SourceSansPro-Regular" in one
    assert all(one[name] == two[name] for name in one)


def test_characters_outside_the_shared_set_still_print_and_read_back():
    data = pdf("Łódź and Kraków: ść", "Plain words too.")
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Łódź and Kraków: ść" in text and "Plain words too." in text
    assert font_files(data)["SourceSansPro-Regular"] != font_files(pdf("Plain words."))["SourceSansPro-Regular"]
