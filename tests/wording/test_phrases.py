"""Shared phrases in each language: a text-message contact is labelled "Text:" only when its own
words do not already say to text, in English and in Welsh."""

from __future__ import annotations

import pytest

from toolkit.wording import language
from toolkit.wording.phrases import text_label


@pytest.mark.parametrize("tag, contact, label", [
    ("en-GB", "Text SHOUT to 85258", ""),
    ("en-GB", "Text 84001", ""),
    ("en-GB", "85258", "Text:"),
    ("cy", "Tecstio SHOUT i 85258", ""),
    ("cy", "Tecstio 84001", ""),
    ("cy", "85258", "Neges destun:"),
])
def test_a_contact_that_says_to_text_is_not_labelled_again(tag, contact, label):
    with language(tag):
        assert text_label(contact) == label


def test_the_welsh_pack_never_says_text_twice(shipped):
    """Every text-message route of the built-in catalogue, in Welsh, as the formats label it."""
    from toolkit.translation import translated_project

    project = shipped
    translated, missing = translated_project(project, "cy")
    assert not missing
    texts = [route.text for route in translated.routes.values() if route.text]
    assert texts, "the built-in routes include text-message services"
    assert any(text.startswith("Tecstio") for text in texts), "the Welsh routes say to text in their own words"
    with language("cy"):
        for text in texts:
            assert not (text_label(text) and text.lower().startswith("tecst")), f"{text_label(text)} {text}"
