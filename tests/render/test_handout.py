"""`handout` on a small lesson of our own: which handouts each audience gets, what they say (read
back with pypdf and lxml), page sizes and limits, large print, the discreet card and a school."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import textwrap
from dataclasses import replace

import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from toolkit.adapt import adapt
from toolkit.build import load_checked, load_school_checked
from toolkit.colours import WHITE, contrast, parse_hex
from toolkit.render import RenderContext, RenderOptions, formats
from toolkit.render.handout import accent

from kit import FIXTURES, pdf_text_sizes, require_tool

MM = 72 / 25.4

LESSON = textwrap.dedent("""\
    id: cymru
    title: "Dŵr a’r “help” & <more>: online safety"
    version: "2.1"
    last_reviewed: 2026-11-01
    reviewed_by: Test reviewer
    audiences: [ks3, staff, parents]
    duration_minutes: 30
    summary: A short lesson about staying safe online and getting help.
    learning_outcomes: ["I can name someone who can help."]
    key_messages: ["It’s never your fault.", "Tell a trusted adult."]
    sections:
      - id: the-alert
        title: The alert
        audiences: [staff, parents]
        points: ["Police warned schools about online blackmail in 2024."]
      - id: talking
        title: Talking to your child
        audiences: [parents]
        points: ["Talk calmly and without judgement."]
    scenarios:
      - id: story
        title: "Gwŷn and the new follower"
        characters:
          - {name: Gwŷn, age: 13, description: "Gwŷn likes football.", fictional: true}
        beats:
          - {stage: contact, text: "A new account follows Gwŷn."}
          - {stage: threat, text: "It says: “Pay, or I’ll share a picture.”"}
          - {stage: help, text: "Gwŷn tells a teacher, who takes it to the school’s safeguarding lead. They report it to CEOP."}
        discussion_questions: ["What should Gwŷn do next?"]
        warning_signs_shown: [moves-app]
    warning_signs:
      - {id: moves-app, kind: offender-tactic, text: "They ask to move to a private app."}
      - {id: withdrawn, kind: victim-sign, text: "Sudden withdrawal or low mood."}
    response_steps:
      - {id: stop, verb: stop-contact, title: "Stop replying", text: "Block the account."}
      - id: keep
        verb: keep-evidence
        title: "Keep the evidence"
        text: "Keep the messages."
        caution: "Never save the picture itself."
      - {id: tell, verb: tell-adult, title: "Tell a trusted adult", text: "Someone you trust will help 🙂."}
    support_routes: [childline, victim-support]
    quiz:
      exit:
        - id: who-helps
          type: single
          question: Who can you talk to?
          teaching_point: There is always someone to talk to.
          options:
            - {text: A trusted adult, correct: true, feedback: "Yes: a trusted adult can help."}
            - {text: Nobody, feedback: "There is always someone to tell."}
    teacher_notes:
      safeguarding_brief: Tell the safeguarding lead before the lesson.
      disclosure_protocol:
        - "Listen, and tell the safeguarding lead at once."
        - "Never view, copy or save the image."
    """)

SCHOOL = textwrap.dedent("""\
    id: test-school
    name: "Ysgol y Bryn (test)"
    nation: wales
    fictional: true
    safeguarding_contacts:
      - name: "Ms Eleri Ŷw"
        role: "Designated Safeguarding Person"
        where_to_find: "Room 4, by the library"
        phone: "01632 960123"
    local_police:
      name: "Dyfed-Powys Police"
    childrens_services:
      name: "Bryn Children's Services (test)"
      phone: "01632 960500"
    branding:
      primary: "#6A1B9A"
    """)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cymru")
    for name in ("audiences.yaml", "support-routes.yaml"):
        shutil.copy(FIXTURES / "minimal" / name, folder / name)
    (folder / "cymru.yaml").write_text(LESSON, encoding="utf-8")
    (folder / "school.yaml").write_text(SCHOOL, encoding="utf-8")
    loaded, _ = load_checked([folder / "cymru.yaml"], catalogue=folder)
    return loaded, folder


def render(project, audience: str, school: bool = False, **options):
    loaded, folder = project
    profile = load_school_checked(folder / "school.yaml").model if school else None
    lesson = adapt(loaded.lesson("cymru"), loaded.audiences[audience], loaded.routes, profile)
    context = RenderContext(options=RenderOptions(**options))
    files = formats()["handout"].render(lesson, context)
    return {f.name: f.data for f in files}, context


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def html_text(data: bytes) -> str:
    return lxml_html.fromstring(data).text_content()


@pytest.fixture(scope="module")
def pupils(project):
    return render(project, "ks3")[0]


def discreet(files, kind: str) -> str:
    """The one discreet PDF of a kind ('help-card' or 'help-pocket-cards'): its name is neutral."""
    names = [n for n in files if n.startswith(f"{kind}-ks3-") and n.endswith(".pdf")]
    assert len(names) == 1, sorted(files)
    return names[0]


def test_each_audience_gets_the_handouts_that_fit_it(project, pupils):
    card, pocket = discreet(pupils, "help-card"), discreet(pupils, "help-pocket-cards")
    assert sorted(pupils) == sorted(
        [f"cymru-ks3-{kind}.{ext}" for kind in ("support-card", "pocket-cards", "worksheet") for ext in ("pdf", "html")]
        + [card, card.replace(".pdf", ".html"), pocket, pocket.replace(".pdf", ".html")])
    assert sorted(render(project, "staff")[0]) == ["cymru-staff-staff-briefing.html", "cymru-staff-staff-briefing.pdf"]
    assert sorted(render(project, "parents")[0]) == ["cymru-parents-parent-leaflet.html",
                                                     "cymru-parents-parent-leaflet.pdf"]


def test_the_support_card_says_what_to_do_who_helps_and_that_it_is_never_their_fault(pupils):
    for name in ("cymru-ks3-support-card.pdf", "cymru-ks3-support-card.html"):
        data = pupils[name]
        text = pdf_text(data) if name.endswith(".pdf") else html_text(data)
        flat = " ".join(text.split())
        for words in ("Stop replying", "Keep the evidence", "Never save the picture itself", "Tell a trusted adult",
                      "They ask to move to a private app", "It's never your fault", "Childline", "0800 1111",
                      "Your school's designated safeguarding lead", "Victim Support"):
            assert words in flat, (name, words)
        assert "Revenge Porn Helpline" not in flat and "StopNCII" not in flat
        # Who can help comes after everything else a pupil reads.
        assert flat.rindex("Childline") > flat.index("They ask to move to a private app")


def test_welsh_letters_typographic_quotes_and_markup_characters_print_as_written(pupils):
    text = pdf_text(pupils["cymru-ks3-worksheet.pdf"])
    assert "Dŵr a’r “help” & <more>: online safety" in text
    assert "Gwŷn" in text and "“Pay, or I’ll share a picture.”" in text
    page = pupils["cymru-ks3-worksheet.html"].decode("utf-8")
    assert "Dŵr a’r “help” &amp; &lt;more&gt;" in page  # escaped, never read as a tag
    assert "<more>" not in page


def test_characters_the_font_lacks_are_named_and_warned_about(project):
    files, context = render(project, "ks3")
    assert "[slightly smiling face]" in pdf_text(files["cymru-ks3-support-card.pdf"])
    assert "🙂" in files["cymru-ks3-support-card.html"].decode("utf-8")
    assert any("🙂" in warning for warning in context.warnings)


def test_the_discreet_card_never_names_the_topic_outside(pupils):
    for name in (discreet(pupils, "help-card"), discreet(pupils, "help-pocket-cards")):
        assert "cymru" not in name  # the lesson's id stays out of the file name too
        reader = PdfReader(io.BytesIO(pupils[name]))
        assert reader.metadata.title == "Worried about something online?"
        assert "Dŵr" not in (reader.metadata.subject or "")
        text = " ".join(pdf_text(pupils[name]).split())
        assert text.startswith("Worried about something online?")
        assert "Dŵr" not in text  # not in the title, the footer or anywhere else
        assert "Childline" in text
    page = lxml_html.fromstring(pupils[discreet(pupils, "help-card").replace(".pdf", ".html")])
    assert page.findtext(".//title") == "Worried about something online?"


def test_the_support_card_fits_one_sheet_and_the_pocket_cards_repeat_on_it(pupils):
    assert len(PdfReader(io.BytesIO(pupils["cymru-ks3-support-card.pdf"])).pages) <= 2  # both sides
    cards = PdfReader(io.BytesIO(pupils["cymru-ks3-pocket-cards.pdf"]))
    assert len(cards.pages) <= 2
    text = " ".join(" ".join(page.extract_text().split()) for page in cards.pages)
    copies = text.count("Need help? Your pocket card")
    assert copies in (2, 4) and text.count("Childline") == copies  # four A6 or two A5, every card whole


def test_a4_by_default_and_letter_on_request(project, pupils):
    a4 = PdfReader(io.BytesIO(pupils["cymru-ks3-support-card.pdf"])).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    letter, _ = render(project, "ks3", paper="letter")
    for name in ("cymru-ks3-support-card.pdf", "cymru-ks3-pocket-cards.pdf"):
        box = PdfReader(io.BytesIO(letter[name])).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_large_print_uses_16_point_text_and_its_own_file_names(project):
    files = {**render(project, "ks3", large_print=True)[0], **render(project, "staff", large_print=True)[0]}
    assert "cymru-ks3-support-card-large-print.pdf" in files and "cymru-staff-staff-briefing-large-print.pdf" in files
    assert "cymru-ks3-pocket-cards-large-print.pdf" in files
    for name, data in files.items():
        if name.endswith(".pdf"):
            assert min(pdf_text_sizes(data)) >= 16, name
    normal, _ = render(project, "ks3")
    assert min(pdf_text_sizes(normal["cymru-ks3-support-card.pdf"])) < 16


def test_text_stays_inside_the_safe_margins(pupils, tmp_path):
    pdftotext = require_tool("pdftotext")
    for name in ("cymru-ks3-support-card.pdf", "cymru-ks3-pocket-cards.pdf", "cymru-ks3-worksheet.pdf"):
        path = tmp_path / name
        path.write_bytes(pupils[name])
        boxes = subprocess.run([pdftotext, "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
        page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', boxes)
        width, height = float(page.group(1)), float(page.group(2))
        words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', boxes)
        assert words
        for x0, y0, x1, y1 in ((float(v) for v in w) for w in words):
            assert x0 >= 15 * MM - 0.5 and y0 >= 15 * MM - 0.5, (name, x0, y0)
            assert x1 <= width - 15 * MM + 0.5 and y1 <= height - 15 * MM + 0.5, (name, x1, y1)


def test_pdfs_embed_every_font_and_carry_title_language_and_bookmarks(project, tmp_path):
    pdffonts, qpdf = require_tool("pdffonts"), require_tool("qpdf")
    files = {**render(project, "ks3")[0], **render(project, "staff")[0], **render(project, "parents")[0]}
    for name, data in files.items():
        if not name.endswith(".pdf"):
            continue
        path = tmp_path / name
        path.write_bytes(data)
        subprocess.run([qpdf, "--check", str(path)], check=True, capture_output=True)
        fonts = subprocess.run([pdffonts, str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert fonts and all(" yes yes yes " in line and "SourceSansPro" in line for line in fonts), (name, fonts)
        reader = PdfReader(path)
        root = reader.trailer["/Root"]
        assert reader.metadata.title and reader.metadata.author and reader.metadata.subject
        assert root["/Lang"] == "en-GB" and root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
        if len(reader.pages) > 1:
            assert reader.outline and root["/PageMode"] == "/UseOutlines", name


def test_the_staff_briefing_has_do_and_never_the_flow_and_blanks_for_local_contacts(project):
    files, _ = render(project, "staff")
    text = " ".join(pdf_text(files["cymru-staff-staff-briefing.pdf"]).split())
    for words in ("The NCA alert in brief", "Police warned schools", "Sudden withdrawal", "Do", "Never",
                  "Never view, copy or save the image.", "Referral flow", "Is anyone in immediate danger",
                  "Call 999 now", "Designated safeguarding lead", "Children's services (referrals)",
                  "Never promise to keep it secret", "Tell the designated safeguarding lead (DSL) immediately",
                  "Share it only with them"):
        assert words in text, words
    pages = len(PdfReader(io.BytesIO(files["cymru-staff-staff-briefing.pdf"])).pages)
    assert 1 <= pages <= 4


def test_the_parent_leaflet_covers_talking_signs_steps_and_help_in_two_pages(project):
    files, _ = render(project, "parents")
    data = files["cymru-parents-parent-leaflet.pdf"]
    text = " ".join(pdf_text(data).split())
    for words in ("Talking to your child", "Sudden withdrawal", "What to do", "Keep the evidence",
                  "Where to get help", "Childline"):
        assert words in text, words
    assert len(PdfReader(io.BytesIO(data)).pages) <= 2


def test_a_school_profile_puts_its_own_people_first(project):
    files, _ = render(project, "ks3", school=True)
    text = " ".join(pdf_text(files["cymru-ks3-support-card.pdf"]).split())
    assert "Ms Eleri Ŷw" in text and "01632 960123" in text and "Room 4, by the library" in text
    assert text.index("Ms Eleri Ŷw") < text.index("Childline")
    assert "Bryn Children's Services" not in text  # children's services are for staff materials
    staff, _ = render(project, "staff", school=True)
    briefing = " ".join(pdf_text(staff["cymru-staff-staff-briefing.pdf"]).split())
    for words in ("Ms Eleri Ŷw", "Bryn Children's Services (test)", "01632 960500", "Dyfed-Powys Police"):
        assert words in briefing, words
    assert "Tell Ms Eleri Ŷw (Designated Safeguarding Person) immediately" in briefing


def test_headings_take_the_school_colour_when_it_reads_on_white(project):
    files, _ = render(project, "ks3", school=True)
    assert "--accent: #6A1B9A" in files["cymru-ks3-support-card.html"].decode("utf-8")
    loaded, folder = project
    profile = load_school_checked(folder / "school.yaml").model
    pale = profile.model_copy(update={"branding": profile.branding.model_copy(update={"primary": "#FFD700"})})
    lesson = adapt(loaded.lesson("cymru"), loaded.audiences["ks3"], loaded.routes, pale)
    assert contrast(parse_hex(accent(lesson)), WHITE) >= 4.5  # a pale colour is darkened, never used as is
    assert accent(replace(lesson, school=None)) == "#1D4E89"


def test_the_html_twin_is_self_contained_semantic_and_phone_ready(pupils):
    for name, data in pupils.items():
        if not name.endswith(".html"):
            continue
        page = lxml_html.fromstring(data)
        assert page.get("lang") == "en-GB"
        assert page.find(".//meta[@name='viewport']") is not None
        assert page.findall(".//h1") and (page.findall(".//ol") or page.findall(".//ul"))
        assert not page.xpath("//link|//script|//img|//iframe|//*[@src]"), name
        assert not re.search(r"url\(", data.decode("utf-8")), name
    card = lxml_html.fromstring(pupils["cymru-ks3-support-card.html"])
    assert [li.text_content().split(".")[0] for li in card.findall(".//ol/li")] == [
        "Stop replying", "Keep the evidence", "Tell a trusted adult"]
    # A QR code for every web address (the test catalogue gives one: Childline's).
    assert card.xpath("//svg[@role='img']/@aria-label") == ["QR code for www.childline.org.uk"]


def test_the_printed_qr_codes_scan_to_the_web_addresses(project, tmp_path):
    pdftoppm, zbarimg = require_tool("pdftoppm"), require_tool("zbarimg")
    files, _ = render(project, "ks3", school=True)
    path = tmp_path / "card.pdf"
    path.write_bytes(files["cymru-ks3-support-card.pdf"])
    subprocess.run([pdftoppm, "-png", "-r", "300", str(path), str(tmp_path / "card")], check=True)
    found = subprocess.run([zbarimg, "--quiet", "--raw", str(tmp_path / "card-1.png")],
                           capture_output=True, text=True).stdout.split()
    assert found == ["https://www.childline.org.uk/"]
    # A one-bit image mask that other PDF tools read too (pypdf wants its bits per component).
    images = PdfReader(path).pages[0].images
    modules = 29 + 2 * 4  # a version 3 code and its quiet zone, one sample per module
    assert len(images) == 1 and images[0].image.size == (modules, modules)


def test_bookmarks_open_the_page_each_heading_is_on(adapted):
    lesson = adapted("staff-briefing", "staff")
    data = {f.name: f.data for f in formats()["handout"].render(lesson, RenderContext())}
    reader = PdfReader(io.BytesIO(data["staff-briefing-staff-staff-briefing.pdf"]))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert len(pages) > 1

    def entries(outline):
        for item in outline:
            yield from entries(item) if isinstance(item, list) else [item]

    found = list(entries(reader.outline))
    assert len(found) > 5 and {reader.get_destination_page_number(e) for e in found} != {0}
    for entry in found:
        assert entry.title in pages[reader.get_destination_page_number(entry)], entry.title


def test_a_one_page_handout_has_no_bookmarks(pupils):
    reader = PdfReader(io.BytesIO(pupils["cymru-ks3-support-card.pdf"]))
    assert len(reader.pages) == 1 and not reader.outline


def test_a_step_is_never_split_from_its_explanation_or_its_caution(adapted):
    lesson = adapted("online-blackmail", "ks3")
    context = RenderContext(options=RenderOptions(large_print=True))  # several pages: breaks to fall on
    data = {f.name: f.data for f in formats()["handout"].render(lesson, context)}
    pages = [" ".join(p.extract_text().split())
             for p in PdfReader(io.BytesIO(data["online-blackmail-ks3-support-card-large-print.pdf"])).pages]
    assert len(pages) > 1
    for number, step in enumerate(lesson.response_steps, start=1):
        parts = [f"{number}. {step.title}", " ".join(step.text.split()[:6])]
        parts += [f"Careful: {' '.join(step.caution.split()[:5])}"] if step.caution else []
        holding = [index for index, page in enumerate(pages) if all(part in page for part in parts)]
        assert holding, (number, step.title)
