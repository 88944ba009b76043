"""Writing user text into XLSX cells (issue 8, item 6: spreadsheet formula injection).

openpyxl turns any string that starts with "=" into a formula, and spreadsheet programs treat
cells starting with "+", "-", "@", a tab or a carriage return as formulas too when a user edits
or re-imports them. Every XLSX writer of the project writes text through `text_cell` (or
`append_row`): the cell is stored as a string (data type "s", never "f") and marked with the
quote prefix, so the program shows it as typed and keeps it text when edited. Numbers stay
numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

#: Leading characters a spreadsheet may read as the start of a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def text_cell(cell: Cell, value: object) -> Cell:
    """Put `value` into `cell` as plain text, whatever it starts with."""
    text = "" if value is None else str(value)
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True
    return cell


def append_row(sheet: Worksheet, values: Iterable[Any]) -> int:
    """`sheet.append` for rows holding user text: strings become text cells (`text_cell`),
    numbers stay numbers, None stays empty. Returns the row's number."""
    cells: list[Any] = []
    for value in values:
        if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
            cells.append(value)
        else:
            cells.append(text_cell(Cell(sheet), value))
    sheet.append(cells)
    row: int = sheet._current_row  # openpyxl's counter: empty rows count too
    return row
