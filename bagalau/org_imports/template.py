"""The template HR downloads: one sheet per part of the structure with its column codes in the
header row, and an instructions sheet explaining every column
in Kazakh, Russian and English."""

from __future__ import annotations

import io

from bagalau.core.xlsx import append_row
from bagalau.org_imports.columns import SHEETS


def template_bytes() -> bytes:
    """The template workbook as XLSX bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    guide = book.active
    guide.title = "instructions"
    append_row(
        guide,
        ["Парақ / Лист / Sheet", "Баған / Столбец / Column", "*", "Қазақша", "Русский", "English"],
    )
    for sheet in SHEETS:
        append_row(guide, [sheet.key, "", "", sheet.kk, sheet.ru, sheet.en])
        for column in sheet.columns:
            append_row(
                guide,
                ["", column.key, "*" if column.required else "", column.kk, column.ru, column.en],
            )
    append_row(guide, [])
    append_row(
        guide,
        [
            "",
            "",
            "",
            "* — міндетті баған. Күндер: 31.12.2026. Формулаларға жол берілмейді.",
            "* — обязательный столбец. Даты: 31.12.2026. Формулы не принимаются.",
            "* — a required column. Dates: 31.12.2026. No formulas.",
        ],
    )
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEF", (16, 24, 4, 60, 60, 60), strict=True):
        guide.column_dimensions[letter].width = width
    for row in guide.iter_rows(min_row=2):
        for cell in row[3:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for sheet in SHEETS:
        page = book.create_sheet(sheet.key)
        append_row(page, [column.key for column in sheet.columns])
        for cell in page[1]:
            cell.font = Font(bold=True)
        page.freeze_panes = "A2"
        for index in range(len(sheet.columns)):
            page.column_dimensions[page.cell(1, index + 1).column_letter].width = 20
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
