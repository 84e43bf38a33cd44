"""The safeguarding review's checks over whole builds: the national pack and the four example
schools' packs, every file read back (PDF text with pypdf, the XML inside PPTX, XLSX and QTI zips,
and the text formats as they are).

- Action Fraud, which no longer exists, is named nowhere; Report Fraud never reaches a Scottish
  pack or anything pupils see.
- Every line of a staff or parent PDF that names an adult-only service says it is for adults.
- The staff briefing says never to promise secrecy and to tell the safeguarding lead immediately.
- A national pack's handouts and decks say they are drafts to be reviewed; a signed-off school's
  say who reviewed them.
- The discreet cards carry none of the sensitive words the standard card has, in their text,
  their metadata or their file names."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Dict, List

import pytest
import yaml
from pypdf import PdfReader

from toolkit.adapt import adapt
from toolkit.build import BuildRequest, build
from toolkit.model import SchoolProfile
from toolkit.notices import SENSITIVE_WORDS, sensitive_words

from kit import LESSONS

PUPILS = {"ks2", "ks3", "ks4", "post16"}
NATIONAL_DRAFT = "Draft: to be reviewed by your school's safeguarding lead before use."


@lru_cache(maxsize=None)
def text_of(path: Path) -> str:
    """Everything a file says: PDF text, the XML inside zip-based files, or the text itself."""
    if path.suffix == ".pdf":
        reader = PdfReader(path)
        meta = " ".join(str(v) for v in (reader.metadata or {}).values())
        return meta + "\n" + "\n".join(page.extract_text() for page in reader.pages)
    if path.suffix in (".pptx", ".xlsx", ".zip", ".docx"):
        with zipfile.ZipFile(path) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    text = path.read_text(encoding="utf-8")
    return html.unescape(text) if path.suffix == ".html" else text


def entries(output: Path) -> List[Dict]:
    return json.loads((output / "manifest.json").read_text(encoding="utf-8"))["files"]


@pytest.fixture(scope="module")
def school_packs(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("school-packs")
    build(BuildRequest(lesson_paths=[LESSONS], output=output, schools=LESSONS / "schools", jobs=2))
    return output


@pytest.fixture(scope="module")
def every_pack(national_pack, school_packs):
    return [(national_pack, e) for e in entries(national_pack)] + [(school_packs, e) for e in entries(school_packs)]


@pytest.fixture(scope="module")
def adult_only_names(shipped):
    return sorted(re.sub(r"\s*\(.*?\)$", "", r.name) for r in shipped.routes.values() if r.adult_only)


def test_action_fraud_is_named_nowhere(every_pack):
    assert len(every_pack) > 400
    for output, entry in every_pack:
        assert "Action Fraud" not in text_of(output / entry["path"]), entry["path"]


def test_report_fraud_never_reaches_scotland_or_pupils(every_pack):
    seen_in = set()
    for output, entry in every_pack:
        text = text_of(output / entry["path"])
        if entry["school"] == "example-scotland" or entry["audience"] in PUPILS:
            assert "Report Fraud" not in text, entry["path"]
        elif "Report Fraud" in text:
            seen_in.add(entry["school"])
    assert seen_in >= {None, "example-england", "example-wales", "example-northern-ireland"}


def test_every_line_naming_an_adult_only_service_for_families_and_staff_says_it_is_for_adults(
        every_pack, adult_only_names):
    assert {"Revenge Porn Helpline", "StopNCII.org", "Report Fraud"} <= set(adult_only_names)
    checked = 0
    for output, entry in every_pack:
        path = output / entry["path"]
        if entry["audience"] not in ("staff", "parents") or path.suffix != ".pdf":
            continue
        # Bibliographies name the pages facts come from; they offer no service.
        text = re.split(r"\n(?:Sources|Where these details come from)\n", text_of(path))[0]
        lines = text.splitlines()
        for number, line in enumerate(lines):
            if any(name in line for name in adult_only_names):
                # the lines before too: a sentence ("Helps adults stop their intimate images being
                # shared online. Run by the Revenge Porn Helpline.") wraps anywhere at the type size
                nearby = " ".join(lines[max(0, number - 2):number + 2])
                assert re.search(r"\badults?\b|18\+", nearby), (entry["path"], line)
                checked += 1
    assert checked > 20


def test_the_staff_briefing_says_never_promise_secrecy_and_tell_immediately(every_pack):
    briefings = [(o, e) for o, e in every_pack if e["path"].endswith("staff-briefing.pdf")]
    assert len(briefings) == 5  # the national pack and four schools
    for output, entry in briefings:
        text = " ".join(text_of(output / entry["path"]).split())
        assert "Never promise to keep it secret" in text, entry["path"]
        assert re.search(r"Tell [^.]{0,120} immediately", text), entry["path"]
        assert "straight away, the same day" not in text and "treat it in confidence" not in text


def test_national_handouts_and_decks_carry_the_draft_notice(national_pack):
    checked = 0
    for entry in entries(national_pack):
        if entry["format"] in ("handout", "quiz-paper", "slides"):
            text = " ".join(text_of(national_pack / entry["path"]).split())
            assert NATIONAL_DRAFT in text, entry["path"]
            checked += 1
    assert checked > 40


def test_discreet_cards_carry_none_of_the_standard_cards_sensitive_words(national_pack):
    pairs = 0
    for entry in entries(national_pack):
        name = Path(entry["path"]).name
        if not name.startswith("help-") or not name.endswith(".pdf"):
            continue
        assert entry["lesson"] not in name and not sensitive_words(name.replace("-", " ")), name
        discreet = text_of(national_pack / entry["path"])
        assert sensitive_words(discreet) == [], (name, sensitive_words(discreet))
        html = (national_pack / entry["path"]).with_suffix(".html").read_text(encoding="utf-8")
        assert sensitive_words(re.sub(r"<[^>]+>", " ", html)) == [], name
        standard = Path(entry["path"]).parent / (f"{entry['lesson']}-{entry['audience']}-"
                                                 + ("support-card" if "help-card" in name else "pocket-cards") + ".pdf")
        if entry["audience"] != "ks2":  # the KS2 lesson has no sexual content to hide
            assert sensitive_words(text_of(national_pack / standard)), standard
        pairs += 1
    assert pairs == 8  # a card and a sheet of pocket cards for each pupil audience
    assert "nude" in SENSITIVE_WORDS and "sextortion" in SENSITIVE_WORDS


def test_a_signed_off_lesson_says_who_reviewed_it_for_the_school(shipped, tmp_path):
    profile = yaml.safe_load((LESSONS / "schools" / "example-england.yaml").read_text(encoding="utf-8"))
    lesson = shipped.lesson("online-blackmail")
    profile["sign_off"] = {"name": "Mrs Helen Carter", "role": "Designated Safeguarding Lead",
                           "date": "2026-12-01", "lessons": {"online-blackmail": lesson.version,
                                                             "staff-briefing": "0.9"}}
    school = SchoolProfile.model_validate(profile)
    signed = adapt(lesson, shipped.audiences["ks3"], shipped.routes, school)
    assert signed.signed_off and signed.review_notice == (
        f"Version {lesson.version}. Reviewed for Hazelbrook Academy (example) by Mrs Helen Carter on 1 December 2026.")
    # The staff briefing was reviewed at an older version: it is a draft again.
    staff = adapt(shipped.lesson("staff-briefing"), shipped.audiences["staff"], shipped.routes, school)
    assert not staff.signed_off and "Draft: to be reviewed by Hazelbrook Academy (example)'s" in staff.review_notice
    assert dt.date(2026, 12, 1) == school.sign_off.date


def test_a_signed_off_school_build_prints_the_review_and_warns_only_for_the_rest(shipped, tmp_path):
    profile = yaml.safe_load((LESSONS / "schools" / "example-england.yaml").read_text(encoding="utf-8"))
    profile["sign_off"] = {"name": "Mrs Helen Carter", "date": "2026-12-01",
                           "lessons": {"online-blackmail": shipped.lesson("online-blackmail").version}}
    path = tmp_path / "school.yaml"
    path.write_text(yaml.safe_dump(profile, sort_keys=False), encoding="utf-8")
    (tmp_path / profile["logo"]).write_bytes((LESSONS / "schools" / profile["logo"]).read_bytes())
    result = build(BuildRequest(lesson_paths=[LESSONS], output=tmp_path / "out", school=path,
                                formats=["handout"], lessons=["online-blackmail", "staff-briefing"],
                                audiences=["ks4", "staff"]))
    card = next(f for f in result.files if f.path.endswith("online-blackmail-ks4-support-card.pdf"))
    assert "Reviewed for Hazelbrook Academy (example) by Mrs Helen Carter on 1 December 2026." in " ".join(
        text_of(tmp_path / "out" / card.path).split())
    drafts = [n for n in result.notes if n.startswith("Not signed off")]
    assert drafts == ["Not signed off: staff-briefing 1.1 has not been reviewed by Hazelbrook Academy (example)'s Designated "
                      "Safeguarding Lead, so its files say it is a draft to be reviewed before use. Record the "
                      "review under `sign_off` in the school profile."]


def test_the_adult_card_follows_the_nation(school_packs):
    def card(school: str) -> str:
        path = school_packs / school / "staff-briefing" / "staff" / "staff-briefing-staff-adult-card.pdf"
        return " ".join(text_of(path).split())

    scotland, wales = card("example-scotland"), card("example-wales")
    assert "Police Scotland (101) for fraud (adults 18+ only)" in scotland and "Victim Support Scotland" in scotland
    assert "08 08 16 89 111" not in scotland  # Victim Support (England and Wales) is not offered in Scotland
    assert "Report Fraud (adults 18+ only)" in wales and "08 08 16 89 111" in wales
    assert "Police Scotland (101) for fraud" not in wales
    for text in (scotland, wales):
        assert "Revenge Porn Helpline (adults 18+ only)" in text and "StopNCII.org (adults 18+ only)" in text
        assert "checked" in text  # every service with its source and the date it was checked


# --- Each nation's pack in its own terms (nations.yaml) -------------------------------------------

def _pattern(term: str) -> "re.Pattern[str]":
    words = [re.escape(w).replace("'", "(?:'|’|&apos;|&#39;|&#x27;)") for w in term.split()]
    return re.compile(r"\b" + r"\s+".join(words) + r"\b", re.IGNORECASE if not term.isupper() else 0)


def _own_terms(nation) -> List[str]:
    lead = nation.lead
    terms = [lead.name.partition(" (")[0], nation.social_care.removeprefix("the "), *nation.own_terms]
    if lead.short.isupper():  # an abbreviation schools use: DSL, DSP
        terms.append(lead.short)
    return terms


@pytest.fixture(scope="module")
def nation_texts(school_packs) -> Dict[str, str]:
    """Everything each example school's pack says, one text per nation."""
    profiles = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (LESSONS / "schools").glob("*.yaml")}
    texts: Dict[str, List[str]] = {}
    for entry in entries(school_packs):
        school = entry["path"].split("/")[0]
        if school in profiles and not entry["path"].endswith(".zip"):
            texts.setdefault(profiles[school]["nation"], []).append(text_of(school_packs / entry["path"]))
    return {nation: "\n".join(parts) for nation, parts in texts.items()}


def test_each_nation_pack_uses_its_own_terms_and_no_other_nations(shipped, nation_texts):
    nations = shipped.nations
    assert set(nation_texts) == {"england", "wales", "scotland", "northern-ireland"}
    for nation_id, text in nation_texts.items():
        own = _own_terms(nations[nation_id])
        for term in own[:2]:  # the safeguarding role and the service that takes referrals, by name
            assert _pattern(term).search(text), f"the {nation_id} pack never names {term!r}"
        foreign = {t for other in nations.values() if other.id not in ("uk", nation_id) for t in _own_terms(other)}
        foreign = [t for t in foreign if not any(t.casefold() in o.casefold() for o in own)]
        foreign.append("children's services")  # the national pack's neutral term, never a nation's
        for term in foreign:
            found = _pattern(term).search(text)
            assert not found, (f"the {nation_id} pack says {term!r}: ..."
                               f"{text[max(0, found.start() - 80):found.end() + 40]}...")


def test_the_issue_s_own_examples(nation_texts):
    """The terms the safeguarding review named, whatever nations.yaml says."""
    for term in ("designated safeguarding lead", "DSL", "children's services", "Key Stage", "Outcome 21"):
        assert not _pattern(term).search(nation_texts["scotland"]), term
    assert _pattern("designated teacher").search(nation_texts["northern-ireland"])
    assert _pattern("Gateway team").search(nation_texts["northern-ireland"])
    assert _pattern("designated safeguarding person").search(nation_texts["wales"])
    assert _pattern("social services").search(nation_texts["wales"])
    assert _pattern("DSL").search(nation_texts["england"])
    assert _pattern("children's social care").search(nation_texts["england"])
