"""`--export results.csv`: how many pupils chose each option of each question. Nothing about any one pupil."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import List

from ..write import write_atomic
from .protocol import utf8_safe
from .session import QuizSession

COLUMNS = ["quiz", "question_number", "question_id", "question", "type", "option_number", "option",
           "correct", "count", "counted_as", "answered", "all_correct", "shown"]


def _text(value: str) -> str:
    """Spreadsheets run cells that start like a formula; lesson text is never meant as one."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def results_table(session: QuizSession) -> List[List[str]]:
    """One row per option per question; questions the class has not reached have shown=no and zeros."""
    rows: List[List[str]] = [COLUMNS]
    for index, live in enumerate(session.questions):
        question = live.question
        tally = session.tally(index)
        shown = index < session.index or (index == session.index and session.phase != "lobby")
        counted_as = "put in the right place" if question.type == "ordering" else "chose this option"
        correct = set(question.correct_indices)
        for option_index, option in enumerate(question.options):
            rows.append([
                question.quiz, str(live.number), question.id, _text(question.question), question.type,
                str(option_index + 1), _text(option.text), "yes" if option_index in correct else "no",
                str(tally["counts"][option_index]), counted_as, str(tally["answered"]), str(tally["all_correct"]),
                "yes" if shown else "no",
            ])
    return rows


def results_csv(session: QuizSession) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(results_table(session))
    text = buffer.getvalue()
    try:
        return text.encode("utf-8-sig")  # the BOM makes Excel read UTF-8 (curly quotes, Welsh letters)
    except UnicodeEncodeError:  # a lone surrogate in the lesson: shown as U+FFFD, as on the screens
        return utf8_safe(text).encode("utf-8-sig")


def saver(path: Path):
    """A function that (re)writes the results file atomically, for the hub to call on each reveal and at the end."""

    def save(session: QuizSession) -> None:
        write_atomic(path, results_csv(session))

    return save
