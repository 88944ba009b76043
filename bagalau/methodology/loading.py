"""Reading the edition data files: typed access to YAML with errors that say where."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bagalau.methodology.bands import Band, BandScale, parse_interval
from bagalau.methodology.labels import Label

DATA_DIR = Path(__file__).resolve().parent / "data"

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader


class DataError(ValueError):
    """A data file breaks its expected shape (a defect of the project, not of user input)."""


@cache
def read_yaml(relative: str) -> Any:
    """Parse one data file under ``data/`` (cached: the files never change at run time)."""
    with (DATA_DIR / relative).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_Loader)  # noqa: S506 - the loader is a safe loader


class Node:
    """A value of a data file together with its location, for readable errors."""

    def __init__(self, value: Any, where: str) -> None:
        self.value = value
        self.where = where

    def fail(self, problem: str) -> DataError:
        """A DataError located at this node."""
        return DataError(f"{self.where}: {problem}")

    def has(self, key: str) -> bool:
        """Whether this mapping has `key` with a non-null value."""
        return isinstance(self.value, dict) and self.value.get(key) is not None

    def __getitem__(self, key: str) -> Node:
        if not isinstance(self.value, dict):
            raise self.fail("expected a mapping")
        if key not in self.value:
            raise self.fail(f"missing key {key!r}")
        return Node(self.value[key], f"{self.where}.{key}")

    def items(self) -> Iterator[tuple[str, Node]]:
        """The entries of a mapping, in file order."""
        if not isinstance(self.value, dict):
            raise self.fail("expected a mapping")
        for key, value in self.value.items():
            yield str(key), Node(value, f"{self.where}.{key}")

    def seq(self) -> list[Node]:
        """The items of a sequence."""
        if not isinstance(self.value, list):
            raise self.fail("expected a list")
        return [Node(item, f"{self.where}[{index}]") for index, item in enumerate(self.value)]

    def text(self) -> str:
        """A non-empty string."""
        if not isinstance(self.value, str) or not self.value.strip():
            raise self.fail("expected a non-empty string")
        return self.value.strip()

    def integer(self) -> int:
        """An integer."""
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise self.fail("expected an integer")
        return self.value

    def flag(self) -> bool:
        """A boolean."""
        if not isinstance(self.value, bool):
            raise self.fail("expected true or false")
        return self.value

    def decimal(self) -> Decimal:
        """A decimal written as a string or an integer (never a float)."""
        if isinstance(self.value, bool) or not isinstance(self.value, str | int):
            raise self.fail("expected a decimal written as a string")
        try:
            return Decimal(str(self.value))
        except InvalidOperation as error:
            raise self.fail(f"not a decimal: {self.value!r}") from error

    def fraction(self) -> Fraction:
        """A ratio written as "3/4"."""
        try:
            return Fraction(self.text())
        except ValueError as error:
            raise self.fail(f"not a ratio: {self.value!r}") from error

    def date(self) -> dt.date:
        """A date written as "YYYY-MM-DD"."""
        try:
            return dt.date.fromisoformat(self.text())
        except ValueError as error:
            raise self.fail(f"not a date: {self.value!r}") from error

    def label(self) -> Label:
        """A kk/ru/en text."""
        if not isinstance(self.value, dict):
            raise self.fail("expected a mapping with kk, ru and en")
        try:
            return Label.from_mapping(self.value, self.where)
        except ValueError as error:
            raise DataError(str(error)) from error

    def scale(self, code: str) -> BandScale:
        """A band scale: ``bands`` with code, interval, label and optional points."""
        bands = []
        for item in self["bands"].seq():
            try:
                low, low_in, high, high_in = parse_interval(item["interval"].text())
            except ValueError as error:
                raise item.fail(str(error)) from error
            bands.append(
                Band(
                    code=item["code"].text(),
                    label=item["label"].label(),
                    low=low,
                    low_inclusive=low_in,
                    high=high,
                    high_inclusive=high_in,
                    points=item["points"].integer() if item.has("points") else None,
                )
            )
        try:
            return BandScale(code=code, bands=tuple(bands))
        except ValueError as error:
            raise self.fail(str(error)) from error


def node(relative: str) -> Node:
    """The root node of a data file."""
    return Node(read_yaml(relative), relative)
