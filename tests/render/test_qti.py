"""`qti`: QTI 1.2 packages, validated against the IMS DTD and read back with Python's ElementTree,
following the conditions an importer such as Canvas evaluates to find the right answers."""

from __future__ import annotations

import dataclasses
import io
import xml.etree.ElementTree as ET
import zipfile

import pytest
from lxml import etree

from quiz_support import (
    GOLDEN, ReadChoice, ReadQuestion, assert_choice_question, awkward, golden_files, html_text, name_of,
    parts, render, shipped_adapted,
)
from toolkit.render.qti import render as qti

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"


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


def read_item(item) -> ReadQuestion:
    fields = {f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry")
              for f in item.iter(f"{QTI}qtimetadatafield")}
    kind = {"multiple_choice_question": "single", "multiple_answers_question": "multiple",
            "true_false_question": "true-false"}[fields["question_type"]]
    presentation = item.find(f"{QTI}presentation")
    labels = presentation.findall(f"{QTI}response_lid/{QTI}render_choice/{QTI}response_label")
    idents = [label.get("ident") for label in labels]
    assert len(set(idents)) == len(idents) and fields["original_answer_ids"] == ",".join(idents)
    feedback = {f.get("ident"): _mattext(f.find(f"{QTI}flow_mat")) for f in item.findall(f"{QTI}itemfeedback")}
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
            shown[test.findtext(f"{QTI}varequal")] = display.get("linkrefid")
    choices = [ReadChoice(_mattext(label), feedback[shown[label.get("ident")]], label.get("ident") in right)
               for label in labels]
    return ReadQuestion(item.get("title"), _mattext(presentation), feedback[shown["general"]], choices, kind)


def assert_qti_matches(lesson, files, schemas_dir=None) -> None:
    assert [f.name for f in files] == [f"{lesson.slug}-{part}-quiz.qti.zip" for part, _ in parts(lesson)]
    item_idents = []
    for output, (part, questions) in zip(files, parts(lesson)):
        manifest, href, assessment = unpack(output.data)
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
