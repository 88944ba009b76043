"""Building import files for the tests."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

from bagalau.org_imports.columns import SHEETS


def xlsx(sheets: dict[str, list[list[Any]]], *, headers: bool = True) -> bytes:
    """A workbook with every import sheet (header row of codes) and the given data rows."""
    book = Workbook()
    book.remove(book.active)
    for sheet in SHEETS:
        page = book.create_sheet(sheet.key)
        if headers:
            page.append([column.key for column in sheet.columns])
        for row in sheets.get(sheet.key, []):
            page.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def valid_rows() -> dict[str, list[list[Any]]]:
    """A small correct structure: the apparatus with two departments, four posts, three people."""
    return {
        "units": [
            ["APP", "Аппарат", "Аппарат", "Apparatus", "", 0],
            ["LEGAL", "Құқық бөлімі", "Юридический отдел", "Legal", "APP", 1],
            ["IT", "АТ бөлімі", "", "", "APP", 2],
        ],
        "positions": [
            ["P-HEAD", "APP", "Басшы", "", "", "", "иә", "", "", "", 0],
            ["P-LH", "LEGAL", "Бөлім басшысы", "", "", "B-1", "yes", "no", "", "", 0],
            ["P-L1", "LEGAL", "Сарапшы", "", "", "С-4", "жоқ", "да", "", "", 1],
            ["P-IT", "IT", "Бас сарапшы", "", "", "B-4", "", "", "kpi", "Бұйрық 12", 1],
        ],
        "servants": [
            ["0001", "Әлиев", "Арман", "Серікұлы", "aliyev@example.kz"],
            ["0002", "Бекова", "Айгүл", "", ""],
            [3, "Жанов", "Нұрлан", "", ""],
        ],
        "assignments": [
            ["0001", "P-LH", "01.01.2024", None, "", "", None],
            ["0002", "P-L1", "2026-03-01", None, "тағайындау", "", "01.06.2026"],
            ["3", "P-IT", "01.02.2025", "31.12.2025", "appointment", "dismissal", None],
        ],
        "absences": [["0002", "annual_leave", "01.07.2026", "14.07.2026", "кезекті"]],
    }
