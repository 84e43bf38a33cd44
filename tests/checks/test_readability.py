"""The reading level is the grade textstat 0.7.4 gave, counted with pyphen as textstat counted.

The expected words and grades below are textstat 0.7.4's own (`textstat.lexicon_count` and
`textstat.flesch_kincaid_grade`), recorded when lessonkit stopped using it: sentences with
contractions, hyphens, numbers, web addresses, accents, several short sentences, one word and none.
"""

import pytest

from toolkit.checks import readability

TEXTSTAT_0_7_4 = [
    ('If someone threatens to share a picture of you, it is not your fault and you can get help.', 19, 6.0),
    ('Sextortion is when someone online pressures a young person into sending nude images and then demands money.', 17, 9.9),
    ("Don't pay, stop replying, and keep the messages as evidence before you block the account.", 15, 8.0),
    ("Childline's counsellors are available every day on 0800 1111 or at https://www.childline.org.uk for anyone under nineteen.", 16, 8.8),
    ('The designated safeguarding lead coordinates multi-agency responsibilities, notwithstanding organisational considerations.', 10, 34.3),
    ('Tell an adult you trust. They will help. You are not in trouble.', 13, -1.0),
    ("Mia's new friend, who said he was fifteen, asked her -- again and again -- for a photo.", 16, 3.6),
    ("Singer-songwriters aren't always who they say they are on social media apps.", 12, 8.0),
    ('Report it: CEOP, the police (101 or 999), or the Report Remove tool.', 13, 4.8),
    ('Wow! Really? Yes. This is a longer sentence that keeps going with several more ordinary words in it.', 18, 8.0),
    ('It happened in 2023, when 3.5 million people... no, really.', 10, 4.1),
    ('Naïve café-goers coöperate with résumé reviewers in Ystradgynlais every weekend.', 10, 11.9),
    ('Hi.', 1, -3.5),
    ('', 0, -15.7),
]


@pytest.mark.parametrize("text, words, grade", TEXTSTAT_0_7_4)
def test_words_and_grade_are_textstats(text, words, grade):
    assert readability.word_count(text) == words
    assert readability.flesch_kincaid_grade(text) == grade


def test_rounding_is_half_away_from_zero():
    assert readability._rounded(0.25, 1) == 0.3  # round() would give 0.2
    assert readability._rounded(-0.25, 1) == -0.3
    assert readability._rounded(8.04, 1) == 8.0


def test_addresses_and_numbers_read_as_a_short_word():
    plain = "Call them on it or visit it to talk to someone who can help you today."
    assert readability.grade("Call them on 0800 1111 or visit https://www.childline.org.uk/get-support to talk to "
                             "someone who can help you today.") == readability.grade(plain)


def test_hard_sentences_finds_only_long_hard_ones():
    easy = "Tell an adult you trust and they will help you."
    hard = ("The designated safeguarding lead coordinates multi-agency responsibilities, notwithstanding "
            "organisational considerations.")
    short = "Organisational considerations notwithstanding."
    found = list(readability.hard_sentences(f"{easy} {hard} {short}", 9))
    assert found == [(hard, 34.3)]



def _fresh_hyphenation(monkeypatch):
    """readability's pyphen as a new command gets it: nothing parsed in this process yet."""
    import pyphen

    monkeypatch.setattr(pyphen, "hdcache", {})
    readability._hyphenation.cache_clear()
    return pyphen


def _kept_patterns():
    from toolkit.usercache import cache_folder

    return list(cache_folder("hyphenation").glob("*.json"))


def test_kept_patterns_count_every_lesson_word_as_pyphen_does(monkeypatch):
    import re

    from toolkit.builtin import lessons_dir

    pyphen = _fresh_hyphenation(monkeypatch)
    words = sorted(set(re.findall(r"[a-z]+", " ".join(p.read_text(encoding="utf-8").lower()
                                                       for p in lessons_dir().glob("*.yaml")))))
    assert len(words) > 1000 and not _kept_patterns()
    parsed = readability._hyphenation()  # parsed, and kept
    assert len(_kept_patterns()) == 1
    _fresh_hyphenation(monkeypatch)
    taken_up = readability._hyphenation()  # read back from the user's cache
    assert taken_up.hd is not parsed.hd
    reference = pyphen.Pyphen(filename=pyphen.LANGUAGES["en_US"], cache=False)  # pyphen's own parse
    assert taken_up.hd.patterns == reference.hd.patterns and taken_up.hd.maxlen == reference.hd.maxlen
    assert [taken_up.positions(word) for word in words] == [reference.positions(word) for word in words]


@pytest.mark.parametrize("damage", [b"", b"[28, {\"ab\": [1]}]", b"{not json", b"\xff\xfe", "same digest, other patterns"])
def test_damaged_kept_patterns_are_parsed_again_and_replaced(monkeypatch, damage):
    _fresh_hyphenation(monkeypatch)
    readability._hyphenation()
    [kept] = _kept_patterns()
    if damage == "same digest, other patterns":  # still well-formed JSON, but not what was kept
        digest, body = kept.read_bytes().split(b"\n", 1)
        damage = digest + b"\n" + body.replace(b"[1, [", b"[1, [\"x\", ", 1)
    kept.write_bytes(damage)
    _fresh_hyphenation(monkeypatch)
    assert readability.flesch_kincaid_grade(TEXTSTAT_0_7_4[1][0]) == TEXTSTAT_0_7_4[1][2]
    assert kept.read_bytes() != damage
