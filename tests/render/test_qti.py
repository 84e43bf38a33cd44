"""`qti`: QTI 1.2 packages, validated against the IMS DTD and read back with Python's ElementTree,
following the conditions an importer such as Canvas evaluates to find the right answers."""

from __future__ import annotations

import dataclasses
import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile

import lxml.html
import pytest
from lxml import etree

from quiz_support import (
    GOLDEN, ReadChoice, ReadQuestion, assert_choice_question, awkward, golden_files, html_text, name_of,
    parts, render, shipped_adapted,
)
from toolkit.render.qti import render as qti

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
MD = "{http://www.imsglobal.org/xsd/imsmd_v1p2}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Canvas's importer does not attach feedback whose identifier matches this to its answer
# (get_feedback_id, instructure/canvas-lms gems/plugins/qti_exporter/lib/qti/assessment_item_converter.rb).
CANVAS_IGNORES = re.compile(r"general_|_all|wrong|incorrect|correct|(_IC$)|(_C$)", re.IGNORECASE)
WORDS_CANVAS_READS = re.compile(r"correct|wrong", re.IGNORECASE)  # "incorrect" contains "correct"


def unpack(data: bytes):
    """(manifest root, assessment file name, assessment bytes), checking the package hangs together."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        resources = manifest.findall(f"{CP}resources/{CP}resource")
        assert [r.get("type") for r in resources] == ["imsqti_xmlv1p2"]
        href = resources[0].find(f"{CP}file").get("href")
        assert sorted(archive.namelist()) == sorted(["imsmanifest.xml", href])
        return manifest, href, archive.read(href)


def validate_against_dtd(assessment: bytes, schemas_dir) -> None:
    """The IMS DTD knows no namespace: strip it (as the schema README says), then validate."""
    root = etree.fromstring(assessment)
    for element in root.iter():
        if isinstance(element.tag, str):
            element.tag = etree.QName(element).localname
        for name in [n for n in element.attrib if n.startswith("{")]:
            del element.attrib[name]
    etree.cleanup_namespaces(root)
    dtd = etree.DTD(str(schemas_dir / "qti12" / "ims_qtiasiv1p2p1.dtd"))
    assert dtd.validate(root), dtd.error_log.filter_from_errors()


def _mattext(element) -> str:
    mattext = element.find(f"{QTI}material/{QTI}mattext")
    assert mattext.get("texttype") == "text/html"
    return html_text(mattext.text or "")


def canvas_shows(markup: str) -> str:
    """What a pupil reads in Canvas for feedback HTML, by the rules of Canvas's QTI importer for a QTI
    .zip file (`detect_html` in gems/plugins/qti_exporter/lib/qti/html_helper.rb): plain <p>, <div>
    and <span> wrappers are taken off, and what is then a single piece of text is stored as plain
    text in its HTML-escaped form, so it is shown escaped; anything else is kept as HTML."""
    node = lxml.html.fragment_fromstring(markup, create_parent="div")
    while (len(node) == 1 and node[0].tag in ("p", "div", "span") and not node[0].attrib
           and not (node.text or "").strip() and not (node[0].tail or "").strip()):
        node = node[0]
    if len(node) == 0:
        return html.escape((node.text or "").strip(), quote=False)
    for br in node.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return node.text_content()


def _feedback_shown(element) -> str:
    mattext = element.find(f"{QTI}material/{QTI}mattext")
    assert mattext.get("texttype") == "text/html"
    return canvas_shows(mattext.text or "")


def read_item(item) -> ReadQuestion:
    fields = {f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry")
              for f in item.iter(f"{QTI}qtimetadatafield")}
    kind = {"multiple_choice_question": "single", "multiple_answers_question": "multiple",
            "true_false_question": "true-false"}[fields["question_type"]]
    presentation = item.find(f"{QTI}presentation")
    labels = presentation.findall(f"{QTI}response_lid/{QTI}render_choice/{QTI}response_label")
    idents = [label.get("ident") for label in labels]
    assert len(set(idents)) == len(idents) and fields["original_answer_ids"] == ",".join(idents)
    feedback = {f.get("ident"): _feedback_shown(f.find(f"{QTI}flow_mat")) for f in item.findall(f"{QTI}itemfeedback")}
    shown = {}  # answer ident -> feedback ident, from the conditions that display feedback
    right = set()
    for condition in item.iter(f"{QTI}respcondition"):
        test = condition.find(f"{QTI}conditionvar")
        display = condition.find(f"{QTI}displayfeedback")
        if condition.find(f"{QTI}setvar") is not None:
            assert condition.findtext(f"{QTI}setvar") == "100"
            both = test.find(f"{QTI}and")
            if both is not None:  # every right answer ticked and no wrong one
                right = {v.text for v in both.findall(f"{QTI}varequal")}
                wrong = {v.text for v in both.findall(f"{QTI}not/{QTI}varequal")}
                assert right | wrong == set(idents) and not right & wrong
            else:
                right = {test.findtext(f"{QTI}varequal")}
        elif test.find(f"{QTI}other") is not None:
            shown["general"] = display.get("linkrefid")
        else:
            linked = display.get("linkrefid")
            assert not CANVAS_IGNORES.search(linked), f"Canvas would drop the feedback {linked}"
            shown[test.findtext(f"{QTI}varequal")] = linked
    choices = [ReadChoice(_mattext(label), feedback[shown[label.get("ident")]], label.get("ident") in right)
               for label in labels]
    return ReadQuestion(item.get("title"), _mattext(presentation), feedback[shown["general"]], choices, kind)


def assert_no_word_canvas_reads(*documents: bytes) -> None:
    """No identifier or reference to one holds 'correct', 'wrong' or 'incorrect', in any case."""
    for document in documents:
        for element in etree.fromstring(document).iter():
            if not isinstance(element.tag, str):
                continue
            for name in ("ident", "identifier", "identifierref", "linkrefid", "respident"):
                assert not WORDS_CANVAS_READS.search(element.get(name, "")), (name, element.get(name))
            if etree.QName(element).localname == "varequal":
                assert not WORDS_CANVAS_READS.search(element.text or "")
            if element.text == "original_answer_ids":
                assert not WORDS_CANVAS_READS.search(element.getnext().text or "")


def assert_qti_matches(lesson, files, schemas_dir=None) -> None:
    assert [f.name for f in files] == [f"{lesson.slug}-{part}-quiz.qti.zip" for part, _ in parts(lesson)]
    item_idents = []
    for output, (part, questions) in zip(files, parts(lesson)):
        manifest, href, assessment = unpack(output.data)
        with zipfile.ZipFile(io.BytesIO(output.data)) as archive:
            assert_no_word_canvas_reads(archive.read("imsmanifest.xml"), assessment)
        if schemas_dir is not None:
            validate_against_dtd(assessment, schemas_dir)
        root = ET.fromstring(assessment)
        assert root.tag == f"{QTI}questestinterop"
        items = root.findall(f"{QTI}assessment/{QTI}section/{QTI}item")
        assert len(items) == len(questions) + 1
        for number, (item, question) in enumerate(zip(items, questions), start=1):
            assert_choice_question(read_item(item), question, name_of(part, number, question))
        help_item = items[-1]
        assert "text_only_question" in [e.text for e in help_item.iter(f"{QTI}fieldentry")]
        shown = _mattext(help_item.find(f"{QTI}presentation"))
        for contact in lesson.help_contacts:
            assert contact.name in shown and contact.phone in shown
        item_idents += [item.get("ident") for item in items]
    assert len(set(item_idents)) == len(item_idents)


def test_awkward_lesson_reads_back_exactly(schemas_dir):
    lesson = awkward("ks3")
    files, warnings = render(qti, lesson)
    assert_qti_matches(lesson, files, schemas_dir)
    assert warnings == ["ordering question 'what-to-do' is a choice between sequences: QTI 1.2 as Canvas "
                        "imports it has no ordering type"]


def test_staff_package_validates(schemas_dir):
    staff = awkward("staff")
    assert_qti_matches(staff, render(qti, staff)[0], schemas_dir)


def test_shipped_lessons_validate_and_read_back(shipped, schemas_dir):
    lessons = [lesson for lesson in shipped_adapted(shipped) if lesson.quiz]
    if not lessons:
        pytest.skip("no shipped lesson has quiz questions yet")
    for lesson in lessons:
        assert_qti_matches(lesson, render(qti, lesson)[0], schemas_dir)


def test_question_ids_with_words_canvas_reads_keep_their_feedback(schemas_dir):
    """A school's ids such as 'spot-the-wrong-one' never reach an identifier Canvas reads meaning into."""
    lesson = awkward("ks3")
    renamed = [f"spot-the-wrong-one-{n}" if n % 3 == 0 else f"Correct_{n}_IC" if n % 3 == 1 else f"all-incorrect-{n}_C"
               for n in range(len(lesson.quiz))]
    ids = iter(renamed)
    lesson = dataclasses.replace(
        lesson, lesson_id="correct-or-wrong",
        starter_quiz=tuple(dataclasses.replace(q, id=next(ids)) for q in lesson.starter_quiz),
        exit_quiz=tuple(dataclasses.replace(q, id=next(ids)) for q in lesson.exit_quiz))
    assert_qti_matches(lesson, render(qti, lesson)[0], schemas_dir)


def test_identifiers_stay_the_same_for_the_same_ids():
    """Re-importing a newer version of a quiz matches the same items: identifiers come from the ids."""
    def idents(lesson):
        _, _, assessment = unpack(render(qti, lesson)[0][0].data)
        return [item.get("ident") for item in ET.fromstring(assessment).iter(f"{QTI}item")]
    lesson = awkward("ks3")
    reworded = dataclasses.replace(lesson, starter_quiz=tuple(
        dataclasses.replace(q, question=q.question + " (reworded)") for q in lesson.starter_quiz))
    assert idents(lesson) == idents(reworded)
    assert len(set(idents(lesson))) == len(idents(lesson))


def test_plain_feedback_shows_as_written_in_canvas():
    """One line of feedback with '&' or '<' is kept as HTML by Canvas, so pupils never read '&amp;'."""
    _, _, assessment = unpack(render(qti, awkward("ks3"))[0][0].data)
    shown = [_feedback_shown(f.find(f"{QTI}flow_mat")) for f in ET.fromstring(assessment).iter(f"{QTI}itemfeedback")]
    assert "Yes: Childline is free & confidential." in shown
    assert not [text for text in shown if "&amp;" in text or "&lt;" in text]
    # The rule the reader follows: unwrapped single text is shown escaped.
    assert canvas_shows("<p>Ŵyn &amp; Gŷd</p>") == "Ŵyn &amp; Gŷd"
    assert canvas_shows('<p class="x">Ŵyn &amp; Gŷd</p>') == "Ŵyn & Gŷd"


def test_awkward_text_is_escaped_not_interpreted():
    _, _, assessment = unpack(render(qti, awkward("ks3"))[0][0].data)
    raw = assessment.decode("utf-8")
    # The question's own <b> is text: escaped once for HTML, once more for XML.
    assert "&amp;lt;b&amp;gt;not bold&amp;lt;/b&amp;gt;" in raw
    assert "Ŵyn &amp;amp; Gŷd’s list" in raw and "👩‍🏫" in raw


def test_packages_are_the_same_bytes_every_time():
    lesson = awkward("ks3")
    assert [f.data for f in render(qti, lesson)[0]] == [f.data for f in render(qti, lesson)[0]]


def test_no_quiz_questions_means_no_package():
    lesson = dataclasses.replace(awkward("ks3"), starter_quiz=())
    assert [f.name for f in render(qti, lesson)[0]] == ["awkward-ks3-exit-quiz.qti.zip"]
    assert render(qti, dataclasses.replace(lesson, exit_quiz=())) == ([], [])


def test_matches_golden_files():
    for name, data in golden_files("qti").items():
        assert (GOLDEN / name).read_bytes() == data, f"{name} differs: run scripts/regenerate-golden and read the diff"


@pytest.mark.parametrize("tag", ["en-GB", "cy"])
def test_every_text_and_the_package_declare_the_build_language(tag):
    """Canvas and other readers learn the language from the package (LOM general/language and the
    title's langstring) and from each text (mattext xml:lang): Welsh packs say cy."""
    from toolkit.wording import language

    with language(tag):
        packages = render(qti, awkward("ks3"))[0]
    for package in packages:
        manifest, _href, assessment = unpack(package.data)
        assert manifest.find(f".//{MD}general/{MD}language").text == tag
        assert manifest.find(f".//{MD}title/{MD}langstring").get(XML_LANG) == tag
        texts = etree.fromstring(assessment).iter("{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}mattext")
        declared = {t.get(XML_LANG) for t in texts}
        assert declared == {tag}
