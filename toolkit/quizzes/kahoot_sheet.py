"""Kahoot's quiz spreadsheet template with openpyxl: a title block, headers in row 8 (B-H),
one question per row from row 9 with its number in column A."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from .kahoot_fit import KahootQuestion
from .zips import rezipped

HEADERS = (
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) \u2013 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
)
HEADER_ROW = 8
WIDTHS = {"A": 5, "B": 50, "C": 28, "D": 28, "E": 28, "F": 28, "G": 16, "H": 16}
# Kahoot's purple with white text: contrast 11.8:1 (WCAG AA needs 4.5:1).
HEADER_FILL = PatternFill("solid", fgColor="46178F")
HEADER_FONT = Font(bold=True, color="FFFFFF")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(wrap_text=True, vertical="top", horizontal="center")


LINE_HEIGHT = 15  # points, for 11-point text


def lines_needed(text: str, width: float) -> int:
    """Wrapped lines for `text` in a column `width` characters wide (a cautious estimate)."""
    per_line = max(1, int(width * 0.9))
    return max(1, -(-len(text) // per_line))


def text_cell(sheet: Worksheet, row: int, column: int, value: str) -> None:
    """A cell that always holds text: openpyxl would make '=...' a formula."""
    cell = sheet.cell(row=row, column=column, value=value)
    cell.data_type = "s"
    cell.alignment = WRAP


def title_block(sheet: Worksheet, title: str, notes: Sequence[str]) -> None:
    """Rows 1-7 as in Kahoot's template: the quiz title in B2, a note in each of rows 3 to 6
    (across B-H), row 7 left empty."""
    if len(notes) > 4:
        raise ValueError("Kahoot's title block has room for four notes (rows 3 to 6)")
    block_width = sum(width for column, width in WIDTHS.items() if column != "A")
    text_cell(sheet, 2, 2, title)
    sheet.cell(row=2, column=2).font = Font(bold=True, size=14)
    sheet.row_dimensions[2].height = 20 * lines_needed(title, block_width * 11 / 14)
    for row, note in enumerate(notes, start=3):
        text_cell(sheet, row, 2, note)
        sheet.row_dimensions[row].height = LINE_HEIGHT * lines_needed(note, block_width)
    for row in range(2, 3 + len(notes)):
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=8)


def question_rows(sheet: Worksheet, questions: Sequence[KahootQuestion]) -> None:
    widths = list(WIDTHS.values())
    for column, header in enumerate(HEADERS, start=2):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=header)
        cell.fill, cell.font, cell.alignment = HEADER_FILL, HEADER_FONT, WRAP
    sheet.row_dimensions[HEADER_ROW].height = LINE_HEIGHT * max(
        lines_needed(header, widths[column]) for column, header in enumerate(HEADERS, start=1))
    for number, question in enumerate(questions, start=1):
        row = HEADER_ROW + number
        texts = (question.question,) + question.answers
        sheet.row_dimensions[row].height = LINE_HEIGHT * max(
            lines_needed(text, widths[column]) for column, text in enumerate(texts, start=1))
        sheet.cell(row=row, column=1, value=number).alignment = WRAP
        text_cell(sheet, row, 2, question.question)
        for column, answer in enumerate(question.answers, start=3):
            text_cell(sheet, row, column, answer)
        sheet.cell(row=row, column=7, value=question.time_limit).alignment = CENTRE
        if len(question.correct) == 1:
            sheet.cell(row=row, column=8, value=question.correct[0]).alignment = CENTRE
        else:
            text_cell(sheet, row, 8, ",".join(str(n) for n in question.correct))
            sheet.cell(row=row, column=8).alignment = CENTRE


def workbook_bytes(title: str, notes: Sequence[str], questions: Sequence[KahootQuestion], date: dt.date) -> bytes:
    """The .xlsx, dated `date` inside and out so the same quiz always gives the same bytes."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for column, width in WIDTHS.items():
        sheet.column_dimensions[column].width = width
    title_block(sheet, title, notes)
    question_rows(sheet, questions)
    sheet.freeze_panes = "B9"
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    stamp = dt.datetime.combine(date, dt.time())
    book.properties.created = book.properties.modified = stamp
    book.properties.title = title
    book.properties.creator = "lessonkit"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    return rezipped(buffer.getvalue())
