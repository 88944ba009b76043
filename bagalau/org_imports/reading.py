"""Reading HR's XLSX file safely: only a real XLSX workbook within the size limits, never a
formula, every cell read as text, a date, a yes/no, a whole number or a code of a list, each
bounded (`bagalau.core.bounds`). Every problem is recorded with its sheet, row and column; the
reader goes on, so one pass lists them all."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_noop as N_
from openpyxl.utils import get_column_letter

from bagalau.core import bounds
from bagalau.org_imports.columns import CHOICE, CODE, DATE, FLAG, NUMBER, SHEETS, Column, Sheet

MAX_BYTES = 5 * 1024 * 1024  # the file as sent
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # its XML once unzipped (a "zip bomb" is refused)
MAX_ROWS = 20_000  # rows of one sheet
MAX_COLUMNS = 30  # columns of one sheet's header
MAX_PROBLEMS = 500  # problems listed before the reader stops

YES = frozenset({"1", "yes", "y", "true", "иә", "ия", "да", "x", "х"})
NO = frozenset({"", "0", "no", "n", "false", "жоқ", "нет"})


@dataclass
class Problem:
    """Something wrong in the file, where it is and why (an English msgid and its params)."""

    sheet: str
    row: int | None
    column: str
    template: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The JSON form a job keeps (translated when shown)."""
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "template": self.template,
            "params": {key: str(value) for key, value in self.params.items()},
        }


class TooManyProblems(Exception):  # noqa: N818
    """The file has more problems than are worth listing."""


@dataclass
class Row:
    """A data row: its number in the sheet and its values by column code (None when a cell could
    not be read; a problem names it)."""

    number: int
    values: dict[str, Any]
    letters: dict[str, str]

    def where(self, key: str) -> str:
        """The column letter and code of `key` ("B (unit_code)")."""
        return f"{self.letters.get(key, '?')} ({key})"


@dataclass
class Workbook:
    """The rows of each sheet and every problem met reading them."""

    rows: dict[str, list[Row]]
    problems: list[Problem]

    def add(self, problem: Problem) -> None:
        """Record a problem (stop when there are too many to read)."""
        self.problems.append(problem)
        if len(self.problems) >= MAX_PROBLEMS:
            raise TooManyProblems


def _file_problem(template: str, **params: Any) -> Workbook:
    return Workbook(rows={}, problems=[Problem("", None, "", template, params)])


def _check_container(data: bytes) -> Problem | None:
    if len(data) > MAX_BYTES:
        return Problem(
            "",
            None,
            "",
            N_("The file is larger than %(limit)s MB."),
            {"limit": MAX_BYTES // (1024 * 1024)},
        )
    if not data.startswith(b"PK") or not zipfile.is_zipfile(io.BytesIO(data)):
        return Problem("", None, "", N_("This is not an XLSX workbook: save it as .xlsx."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return Problem("", None, "", N_("This is not an XLSX workbook: save it as .xlsx."))
    if "xl/workbook.xml" not in names:
        return Problem("", None, "", N_("This is not an XLSX workbook: save it as .xlsx."))
    if unpacked > MAX_UNPACKED_BYTES:
        return Problem(
            "",
            None,
            "",
            N_("The file is larger than %(limit)s MB."),
            {"limit": MAX_UNPACKED_BYTES // (1024 * 1024)},
        )
    return None


def read_workbook(data: bytes, on_row: Callable[[], None] | None = None) -> Workbook:
    """Every sheet of `SHEETS` in `data`, row by row (`on_row` is called after each)."""
    problem = _check_container(data)
    if problem is not None:
        return Workbook(rows={}, problems=[problem])
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a damaged file
        return _file_problem(N_("This is not an XLSX workbook: save it as .xlsx."))
    result = Workbook(rows={}, problems=[])
    try:
        for sheet in SHEETS:
            if sheet.key not in book.sheetnames:
                result.add(
                    Problem(
                        sheet.key,
                        None,
                        "",
                        N_("The sheet %(sheet)s is missing."),
                        {"sheet": sheet.key},
                    )
                )
                continue
            result.rows[sheet.key] = _read_sheet(book[sheet.key], sheet, result, on_row)
    except TooManyProblems:
        pass
    except Exception:  # a damaged part of the file found while reading it
        result.add(Problem("", None, "", N_("This is not an XLSX workbook: save it as .xlsx.")))
    finally:
        book.close()
    return result


def _read_sheet(
    worksheet: Any, sheet: Sheet, book: Workbook, on_row: Callable[[], None] | None
) -> list[Row]:
    rows = worksheet.iter_rows()
    header = next(rows, ())
    if len(header) > MAX_COLUMNS:
        header = header[:MAX_COLUMNS]
    positions: dict[str, int] = {}
    index: int
    for index, cell in enumerate(header):
        key = str(cell.value).strip() if cell.value is not None else ""
        if key and any(c.key == key for c in sheet.columns):
            positions.setdefault(key, index)
    missing = [c.key for c in sheet.columns if c.required and c.key not in positions]
    for key in missing:
        book.add(
            Problem(sheet.key, 1, "", N_("The column %(column)s is missing."), {"column": key})
        )
    if missing:
        return []
    letters = {key: get_column_letter(index + 1) for key, index in positions.items()}
    found: list[Row] = []
    for number, cells in enumerate(rows, start=2):
        if number - 1 > MAX_ROWS:
            book.add(
                Problem(
                    sheet.key,
                    number,
                    "",
                    N_("A sheet may hold at most %(limit)s rows."),
                    {"limit": MAX_ROWS},
                )
            )
            break
        if all(cell.value is None or str(cell.value).strip() == "" for cell in cells):
            continue
        row = Row(number, {}, letters)
        for column in sheet.columns:
            at = positions.get(column.key)
            cell = cells[at] if at is not None and at < len(cells) else None
            row.values[column.key] = _value(cell, column, sheet, row, book)
        found.append(row)
        if on_row is not None:
            on_row()
    return found


def _value(cell: Any, column: Column, sheet: Sheet, row: Row, book: Workbook) -> Any:
    def problem(template: str, **params: Any) -> None:
        book.add(Problem(sheet.key, row.number, row.where(column.key), template, params))

    raw = None if cell is None else cell.value
    if cell is not None and getattr(cell, "data_type", None) == "f":
        problem(N_("Formulas are not accepted: type the value itself."))
        return None
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if column.required:
            problem(N_("Fill in this cell."))
            return None
        return {FLAG: False, NUMBER: 0}.get(column.kind, None if column.kind == DATE else "")
    if column.kind == DATE:
        return _date(raw, problem)
    if column.kind == FLAG:
        return _flag(raw, problem)
    if column.kind == NUMBER:
        return _number(raw, problem)
    return _text(raw, column, problem)


def _text(raw: Any, column: Column, problem: Callable[..., None]) -> str | None:
    if isinstance(raw, bool) or isinstance(raw, dt.date | dt.time | dt.timedelta):
        problem(N_("Type text in this cell."))
        return None
    if isinstance(raw, float):
        text = str(int(raw)) if raw.is_integer() else str(raw)
    else:
        text = str(raw).strip()
    if len(text) > column.limit:
        problem(N_("Write at most %(limit)s characters here."), limit=column.limit)
        return None
    if column.kind in (CODE, CHOICE):
        text = " ".join(text.split())
    return text


def _date(raw: Any, problem: Callable[..., None]) -> dt.date | None:
    day: dt.date | None = None
    if isinstance(raw, dt.datetime):
        day = raw.date()
    elif isinstance(raw, dt.date):
        day = raw
    elif isinstance(raw, str) and not bounds.has_foreign_digits(raw):
        text = raw.strip()
        for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
            try:
                day = dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 (only its date is kept)
                break
            except ValueError:
                continue
    if day is None:
        problem(N_("This is not a date: write it as 31.12.2026."))
        return None
    if not bounds.DATE_MIN <= day <= bounds.DATE_MAX:
        problem(
            N_("Enter a date between %(min)s and %(max)s."),
            min=f"{bounds.DATE_MIN:%d.%m.%Y}",
            max=f"{bounds.DATE_MAX:%d.%m.%Y}",
        )
        return None
    return day


def _flag(raw: Any, problem: Callable[..., None]) -> bool | None:
    if isinstance(raw, bool):
        return raw
    text = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw)
    word = text.strip().casefold()
    if word in YES:
        return True
    if word in NO:
        return False
    problem(N_("Write yes or no here."))
    return None


def _number(raw: Any, problem: Callable[..., None]) -> int | None:
    value: int | None = None
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    elif isinstance(raw, float) and raw.is_integer():
        value = int(raw)
    elif isinstance(raw, str):
        value = bounds.ascii_int(raw.strip())
    if value is None or not 0 <= value <= bounds.INT_MAX:
        problem(N_("Write a whole number from 0 in the digits 0–9."))
        return None
    return value
