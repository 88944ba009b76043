"""Writing an export's tables into an XLSX workbook: a title block (what, whose, when, and that
it is confidential where it holds results), a bold header row frozen above the data, text cells
that stay text (`bagalau.core.xlsx.text_cell`: no formula injection), scores as numbers shown
with two decimals, dates as dates shown dd.mm.yyyy, columns wide enough to read."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from decimal import Decimal

from openpyxl.cell.cell import Cell

from bagalau.core.xlsx import text_cell
from bagalau.exports.tables import Table, Value

#: Characters XLSX refuses in a worksheet's name.
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")
SCORE_FORMAT = "0.00"
DATE_FORMAT = "DD.MM.YYYY"


def _put(cell: Cell, value: Value) -> None:
    if isinstance(value, Decimal):
        cell.value = float(value)
        cell.number_format = SCORE_FORMAT
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int) and not isinstance(value, bool):
        cell.value = value
    elif value is not None:
        text_cell(cell, value)


def workbook(
    tables: Sequence[Table],
    heading: Sequence[str],
    advance: Callable[[int], None] | None = None,
) -> bytes:
    """The tables as worksheets of one workbook, each under the `heading` lines; `advance(1)` is
    called after each row written (a job's progress)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in tables:
        title = _BAD_TITLE.sub(" ", table.title).strip()[:31] or "Sheet"
        while title in used:
            title = title[:28] + f" {len(used)}"
        used.add(title)
        sheet = book.create_sheet(title)
        for number, line in enumerate(heading, start=1):
            text_cell(sheet.cell(row=number, column=1), line)
        sheet.cell(row=1, column=1).font = Font(bold=True, size=12)
        header_row = len(heading) + 2
        for column, name in enumerate(table.headers, start=1):
            cell = sheet.cell(row=header_row, column=column)
            text_cell(cell, name)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for offset, row in enumerate(table.rows, start=1):
            for column, value in enumerate(row, start=1):
                _put(sheet.cell(row=header_row + offset, column=column), value)
            if advance is not None:
                advance(1)
        for column, name in enumerate(table.headers, start=1):
            values = [str(row[column - 1] or "") for row in table.rows]
            width = max([len(name), *(len(v) for v in values)]) + 2
            letter = sheet.cell(row=header_row, column=column).column_letter
            sheet.column_dimensions[letter].width = min(max(width, 10), 60)
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
        # Printed: landscape, as wide as the page, the header row repeated on every page.
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_title_rows = f"{header_row}:{header_row}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
