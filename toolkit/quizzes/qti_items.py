"""QTI 1.2 items as Canvas writes and reads them (question_type in itemmetadata, response_lid,
resprocessing, itemfeedback), which Brightspace, Blackboard and Schoology also import."""

from __future__ import annotations

from typing import Optional

from lxml import etree

from .choices import ChoiceQuestion
from .text import as_html

NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
RESPONSE = "response1"
CANVAS_TYPES = {"single": "multiple_choice_question", "multiple": "multiple_answers_question",
                "true-false": "true_false_question"}


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


def material(parent: etree._Element, markup: str) -> None:
    sub(sub(parent, "material"), "mattext", markup, texttype="text/html")


def _feedback(item: etree._Element, ident: str, markup: str) -> None:
    material(sub(sub(item, "itemfeedback", ident=ident), "flow_mat"), markup)


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


def choice_item(section: etree._Element, ident: str, question: ChoiceQuestion) -> None:
    """One question: the text, a choice per answer, scoring, and feedback for every answer."""
    item = sub(section, "item", ident=ident, title=question.name)
    answer_ids = [f"{question.source.id}-{n}" for n in range(1, len(question.choices) + 1)]
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
        _condition(resprocessing, None, feedback="general_fb")
    for answer_id, choice in zip(answer_ids, question.choices):
        if choice.feedback.strip():
            _condition(resprocessing, answer_id, feedback=f"{answer_id}_fb")
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
        _feedback(item, "general_fb", as_html(question.general_feedback))
    for answer_id, choice in zip(answer_ids, question.choices):
        if choice.feedback.strip():
            _feedback(item, f"{answer_id}_fb", as_html(choice.feedback))


def text_item(section: etree._Element, ident: str, title: str, markup: str) -> None:
    """Text with no answers and no marks (Canvas's text_only_question), e.g. where to get help."""
    item = sub(section, "item", ident=ident, title=title)
    metadata(sub(item, "itemmetadata"), [("question_type", "text_only_question"), ("points_possible", "0.0")])
    material(sub(item, "presentation"), markup)
