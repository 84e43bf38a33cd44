"""QTI 1.2 items as Canvas writes and reads them (question_type in itemmetadata, response_lid,
resprocessing, itemfeedback), which Brightspace, Blackboard and Schoology also import."""

from __future__ import annotations

import hashlib
import json
from typing import Optional

from lxml import etree

from .choices import ChoiceQuestion
from .text import as_html
from ..wording import current_language

NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
RESPONSE = "response1"
CANVAS_TYPES = {"single": "multiple_choice_question", "multiple": "multiple_answers_question",
                "true-false": "true_false_question"}


GENERAL_FEEDBACK = "general_fb"  # Canvas's own name: its importer shows it to everyone ("neutral" comments)
FEEDBACK_CLASS = "lessonkit-feedback"


def ident(*names: str) -> str:
    """The QTI identifier for `names` (e.g. lesson, audience, quiz, question ids): the same names
    always give the same identifier, so a re-imported quiz matches the same items.

    It is 'lk' and hexadecimal digits, whatever the names are, because Canvas's importer reads
    meaning into feedback identifiers: one containing 'correct', 'wrong' or 'incorrect' (or
    'general_', '_all', or ending in '_C' or '_IC', in any case) is not attached to its answer
    (`get_feedback_id` in instructure/canvas-lms gems/plugins/qti_exporter/lib/qti/
    assessment_item_converter.rb). Lesson and question ids are a school's own words, so none of
    them goes into an identifier as written.
    """
    digest = hashlib.sha256(json.dumps(names, ensure_ascii=True).encode("ascii")).hexdigest()
    return "lk" + digest[:20]


def feedback_markup(markup: str) -> str:
    """Feedback HTML as Canvas keeps it: inside a paragraph with a class.

    Canvas's QTI importer unwraps plain <p>, <div> and <span> elements, and feedback that is then a
    single piece of text is stored as plain text in its HTML-escaped form, so pupils would read
    '&amp;' for '&' (`detect_html` in gems/plugins/qti_exporter/lib/qti/html_helper.rb). A paragraph
    with an attribute is not unwrapped, so the feedback stays HTML and shows as written.
    """
    return f'<p class="{FEEDBACK_CLASS}">{markup}</p>'


def q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def sub(parent: etree._Element, tag: str, text: Optional[str] = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, q(tag), **attributes)
    if text is not None:
        element.text = text
    return element


def metadata(parent: etree._Element, fields) -> None:
    holder = sub(parent, "qtimetadata")
    for label, entry in fields:
        field = sub(holder, "qtimetadatafield")
        sub(field, "fieldlabel", label)
        sub(field, "fieldentry", entry)


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def material(parent: etree._Element, markup: str) -> None:
    """Text a learner reads, in the build's language (`xml:lang`, which QTI 1.2 gives mattext)."""
    text = sub(sub(parent, "material"), "mattext", markup, texttype="text/html")
    text.set(XML_LANG, current_language())


def _feedback(item: etree._Element, identifier: str, markup: str) -> None:
    material(sub(sub(item, "itemfeedback", ident=identifier), "flow_mat"), feedback_markup(markup))


def _condition(resprocessing: etree._Element, ident: Optional[str], *, score: Optional[str] = None,
               feedback: Optional[str] = None) -> etree._Element:
    condition = sub(resprocessing, "respcondition")
    condition.set("continue", "No" if score else "Yes")  # a Python keyword, so not an argument
    test = sub(condition, "conditionvar")
    if ident is None:
        sub(test, "other")
    else:
        sub(test, "varequal", ident, respident=RESPONSE)
    if score:
        sub(condition, "setvar", score, action="Set", varname="SCORE")
    if feedback:
        sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=feedback)
    return condition


def choice_item(section: etree._Element, identifier: str, question: ChoiceQuestion) -> None:
    """One question: the text, a choice per answer, scoring, and feedback for every answer.
    `identifier` comes from `ident`; the answers' identifiers add '-1', '-2', ... to it."""
    item = sub(section, "item", ident=identifier, title=question.name)
    answer_ids = [f"{identifier}-{n}" for n in range(1, len(question.choices) + 1)]
    metadata(sub(item, "itemmetadata"), [
        ("question_type", CANVAS_TYPES[question.kind]), ("points_possible", "1.0"),
        ("original_answer_ids", ",".join(answer_ids)),
    ])
    presentation = sub(item, "presentation")
    material(presentation, as_html(question.text))
    cardinality = "Multiple" if question.kind == "multiple" else "Single"
    choices = sub(sub(presentation, "response_lid", ident=RESPONSE, rcardinality=cardinality), "render_choice")
    for answer_id, choice in zip(answer_ids, question.choices):
        material(sub(choices, "response_label", ident=answer_id), as_html(choice.text))
    resprocessing = sub(item, "resprocessing")
    outcomes = sub(resprocessing, "outcomes")
    sub(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    if question.general_feedback.strip():
        _condition(resprocessing, None, feedback=GENERAL_FEEDBACK)
    for answer_id, choice in zip(answer_ids, question.choices):
        if choice.feedback.strip():
            _condition(resprocessing, answer_id, feedback=f"{answer_id}-fb")
    right = [a for a, c in zip(answer_ids, question.choices) if c.correct]
    if question.kind == "multiple":
        # Full marks only for exactly the right set: every right answer ticked, no wrong one.
        condition = sub(resprocessing, "respcondition")
        condition.set("continue", "No")
        both = sub(sub(condition, "conditionvar"), "and")
        for answer_id, choice in zip(answer_ids, question.choices):
            parent = both if choice.correct else sub(both, "not")
            sub(parent, "varequal", answer_id, respident=RESPONSE)
        sub(condition, "setvar", "100", action="Set", varname="SCORE")
    else:
        _condition(resprocessing, right[0], score="100")
    if question.general_feedback.strip():
        _feedback(item, GENERAL_FEEDBACK, as_html(question.general_feedback))
    for answer_id, choice in zip(answer_ids, question.choices):
        if choice.feedback.strip():
            _feedback(item, f"{answer_id}-fb", as_html(choice.feedback))


def text_item(section: etree._Element, identifier: str, title: str, markup: str) -> None:
    """Text with no answers and no marks (Canvas's text_only_question), e.g. where to get help."""
    item = sub(section, "item", ident=identifier, title=title)
    metadata(sub(item, "itemmetadata"), [("question_type", "text_only_question"), ("points_possible", "0.0")])
    material(sub(item, "presentation"), markup)
