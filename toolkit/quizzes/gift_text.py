"""Writing GIFT text: Moodle's plain-text question format (docs.moodle.org/en/GIFT_format)."""

from __future__ import annotations

from typing import List

from .choices import ChoiceQuestion
from .text import as_html

SPECIAL = "~=#{}:"


def escape(text: str) -> str:
    """Backslash before every character GIFT gives a meaning to, and before backslash itself."""
    text = text.replace("\\", "\\\\")
    for char in SPECIAL:
        text = text.replace(char, "\\" + char)
    return text


def field(text: str) -> str:
    """Lesson text as an escaped GIFT field in HTML format.

    A field that starts with '%' would read as a weight ('%50%') and one that starts with '['
    as a format ('[plain]'), so that first character is written as an HTML character reference.
    """
    markup = as_html(text)
    if markup[:1] in ("%", "["):
        markup = f"&#{ord(markup[0])};" + markup[1:]
    return escape(markup)


def _answer(prefix: str, text: str, feedback: str) -> str:
    return prefix + field(text) + ("#" + field(feedback) if feedback.strip() else "")


def question_lines(question: ChoiceQuestion) -> List[str]:
    """One question: '::name::[html]text{' then an answer per line, general feedback, '}'."""
    head = f"::{escape(question.name)}::[html]{field(question.text)}"
    general = "####" + field(question.general_feedback) if question.general_feedback.strip() else ""
    if question.kind == "true-false":
        right = next(c for c in question.choices if c.correct)
        wrong = next(c for c in question.choices if not c.correct)
        # Moodle: the first feedback is shown for the wrong answer, the second for the right one.
        answer = "TRUE" if question.statement_is_true else "FALSE"
        return [f"{head}{{{answer}#{field(wrong.feedback)}#{field(right.feedback)}{general}}}"]
    lines = [head + "{"]
    for choice in question.choices:
        if question.kind == "multiple":
            lines.append(_answer(f"~%{choice.weight}%", choice.text, choice.feedback))
        else:
            lines.append(_answer("=" if choice.correct else "~", choice.text, choice.feedback))
    if general:
        lines.append(general)
    lines.append("}")
    return lines


def description_lines(name: str, markup: str) -> List[str]:
    """A description item (text with no answers), e.g. where to get help."""
    return [f"::{escape(name)}::[html]{escape(markup)}"]


def comment(text: str) -> str:
    """A comment line; brackets become parentheses so Moodle never reads '[id:' or '[tag:' in it."""
    return "// " + " ".join(text.split()).replace("[", "(").replace("]", ")")
