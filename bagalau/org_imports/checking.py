"""Checking the rows of the import file against each other and against the organisation as it
stands: unknown codes, duplicates (a code or a person twice), a unit loop, a post held twice, a
servant in two posts at once, two heads of a unit, dates in the wrong order. Yields a `Plan`
holding only clean rows; every problem names its sheet, row and column."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import TextChoices
from django.utils import translation
from django.utils.translation import gettext_noop as N_

from bagalau.core.days import day_text
from bagalau.methodology import MethodologyError
from bagalau.methodology.categories import normalize_category
from bagalau.org.models import (
    AbsenceKind,
    Assignment,
    AssignmentKind,
    EndReason,
    MethodOverride,
    Organisation,
    Position,
    Servant,
    Unit,
)
from bagalau.org_imports.models import ImportKey
from bagalau.org_imports.reading import Problem, Row, Workbook


@dataclass
class Existing:
    """The organisation as it stands, loaded once."""

    units: dict[str, Unit]  # by import code
    positions: dict[str, Position]  # by import code
    servants: dict[str, Servant]  # by personnel number
    assignments: list[Assignment]
    unit_codes: dict[int, str]  # unit id -> import code
    heads: dict[int, list[Position]]  # unit id -> positions heading it

    @classmethod
    def load(cls, organisation: Organisation) -> Existing:
        """Everything the checks and the writing compare the file with."""
        units: dict[str, Unit] = {}
        positions: dict[str, Position] = {}
        keys = ImportKey.objects.filter(organisation=organisation).select_related(
            "unit", "position"
        )
        for key in keys:
            if key.unit is not None:
                units[key.code] = key.unit
            elif key.position is not None:
                positions[key.code] = key.position
        heads: dict[int, list[Position]] = defaultdict(list)
        for position in Position.objects.filter(unit__organisation=organisation, heads_unit=True):
            heads[position.unit_id].append(position)
        servants = {
            s.personnel_number: s
            for s in Servant.objects.filter(organisation=organisation).exclude(personnel_number="")
        }
        return cls(
            units=units,
            positions=positions,
            servants=servants,
            assignments=list(
                Assignment.objects.filter(servant__organisation=organisation).select_related(
                    "servant", "position"
                )
            ),
            unit_codes={unit.pk: code for code, unit in units.items()},
            heads=heads,
        )


@dataclass
class Plan:
    """The clean rows of the file, by sheet."""

    units: list[Row] = field(default_factory=list)
    positions: list[Row] = field(default_factory=list)
    servants: list[Row] = field(default_factory=list)
    assignments: list[Row] = field(default_factory=list)
    absences: list[Row] = field(default_factory=list)


def _lookup(choices: type[TextChoices]) -> dict[str, str]:
    """Each choice by its code and by its label in every language of the UI."""
    found = {value.casefold(): value for value in choices.values}
    for language in ("kk", "ru", "en"):
        with translation.override(language):
            for value, label in choices.choices:
                found.setdefault(str(label).casefold(), value)
    return found


class Checker:
    """Runs the checks of every sheet, in order, against `existing`."""

    def __init__(self, book: Workbook, existing: Existing, on_row: Callable[[], None]) -> None:
        self.book, self.existing, self.on_row = book, existing, on_row
        self.plan = Plan()

    def problem(self, sheet: str, at: Row, key: str, template: str, **params: Any) -> None:
        """Record a problem of the row `at` in column `key`."""
        self.book.add(Problem(sheet, at.number, at.where(key), template, params))

    def rows(self, sheet: str) -> list[Row]:
        """The rows of `sheet` that were read without a problem."""
        failed = {p.row for p in self.book.problems if p.sheet == sheet}
        return [row for row in self.book.rows.get(sheet, []) if row.number not in failed]

    def run(self) -> Plan:
        """Check every sheet; the plan holds the rows that passed."""
        self.units()
        self.positions()
        self.servants()
        self.assignments()
        self.absences()
        return self.plan

    def _unique(
        self, sheet: str, rows: list[Row], key: str, template: str, column: str = ""
    ) -> list[Row]:
        seen: dict[Any, Row] = {}
        kept = []
        for row in rows:
            value = row.values[key]
            if value in seen:
                self.problem(
                    sheet, row, column or key, template, value=value, row=seen[value].number
                )
                continue
            seen[value] = row
            kept.append(row)
        return kept

    def units(self) -> None:
        """Unit codes unique, parents known, no unit under itself."""
        rows = self._unique(
            "units",
            self.rows("units"),
            "code",
            N_("The unit code %(value)s is already used on row %(row)s."),
        )
        in_file = {row.values["code"]: row for row in rows}
        parents: dict[str, str] = {}
        for code, unit in self.existing.units.items():
            if code not in in_file and unit.parent_id in self.existing.unit_codes:
                parents[code] = self.existing.unit_codes[unit.parent_id]
        kept = []
        for row in rows:
            parent = row.values["parent_code"]
            if parent and parent not in in_file and parent not in self.existing.units:
                self.problem(
                    "units",
                    row,
                    "parent_code",
                    N_("There is no unit with the code %(code)s."),
                    code=parent,
                )
                continue
            if parent:
                parents[row.values["code"]] = parent
            kept.append(row)
        for row in kept:
            code, seen = row.values["code"], set()
            while code in parents and code not in seen:
                seen.add(code)
                code = parents[code]
            if code in seen:
                self.problem(
                    "units",
                    row,
                    "parent_code",
                    N_("The unit %(code)s would lie under itself (a loop of units)."),
                    code=row.values["code"],
                )
                continue
            self.plan.units.append(row)
            self.on_row()

    def positions(self) -> None:
        """Codes unique, units known, categories valid, one head per unit, overrides justified."""
        rows = self._unique(
            "positions",
            self.rows("positions"),
            "code",
            N_("The position code %(value)s is already used on row %(row)s."),
        )
        unit_codes = {row.values["code"] for row in self.rows("units")} | set(self.existing.units)
        methods = _lookup(MethodOverride)
        heads: dict[str, Row] = {}
        in_file = {row.values["code"] for row in rows}
        position_codes = {p.pk: code for code, p in self.existing.positions.items()}
        for row in rows:
            values = row.values
            if values["unit_code"] not in unit_codes:
                self.problem(
                    "positions",
                    row,
                    "unit_code",
                    N_("There is no unit with the code %(code)s."),
                    code=values["unit_code"],
                )
                continue
            if values["category"]:
                try:
                    values["category"] = normalize_category(values["category"])
                except MethodologyError:
                    self.problem(
                        "positions",
                        row,
                        "category",
                        N_(
                            '%(value)s is not a category code of "B" corps positions '
                            "(such as D-4 or C-O-2)."
                        ),
                        value=values["category"],
                    )
                    continue
            method = values["method_override"]
            if method:
                if method.casefold() not in methods:
                    self.problem(
                        "positions",
                        row,
                        "method_override",
                        N_("Write kpi, differentiation or nothing here."),
                    )
                    continue
                values["method_override"] = methods[method.casefold()]
                if not values["method_override_reason"]:
                    self.problem(
                        "positions",
                        row,
                        "method_override_reason",
                        N_("Say why this post is not evaluated as its category says."),
                    )
                    continue
            else:
                values["method_override_reason"] = ""
            if values["heads_unit"]:
                unit_code = values["unit_code"]
                if unit_code in heads:
                    self.problem(
                        "positions",
                        row,
                        "heads_unit",
                        N_("The unit %(code)s is already headed by the position on row %(row)s."),
                        code=unit_code,
                        row=heads[unit_code].number,
                    )
                    continue
                heads[unit_code] = row
                unit = self.existing.units.get(unit_code)
                staying = [
                    p
                    for p in (self.existing.heads.get(unit.pk, []) if unit is not None else [])
                    if position_codes.get(p.pk) not in in_file
                ]
                if staying:
                    self.problem(
                        "positions",
                        row,
                        "heads_unit",
                        N_("The unit %(code)s is already headed by the position %(position)s."),
                        code=unit_code,
                        position=staying[0].name,
                    )
                    continue
            self.plan.positions.append(row)
            self.on_row()

    def servants(self) -> None:
        """One row per person (personnel number), names and e-mail valid."""
        rows = self._unique(
            "servants",
            self.rows("servants"),
            "personnel_number",
            N_("The personnel number %(value)s is already on row %(row)s: one person, one row."),
        )
        for row in rows:
            email = row.values["email"]
            if email:
                try:
                    validate_email(email)
                except ValidationError:
                    self.problem("servants", row, "email", N_("Enter a valid e-mail address."))
                    continue
            self.plan.servants.append(row)
            self.on_row()

    def _person_known(self, sheet: str, row: Row) -> bool:
        number = row.values["personnel_number"]
        known = number in self.existing.servants or any(
            r.values["personnel_number"] == number for r in self.book.rows.get("servants", [])
        )
        if not known:
            self.problem(
                sheet,
                row,
                "personnel_number",
                N_("There is no servant with the personnel number %(number)s."),
                number=number,
            )
        return known

    def assignments(self) -> None:
        """Known people and posts, dates in order, no post held twice, nobody in two posts."""
        kinds, reasons = _lookup(AssignmentKind), _lookup(EndReason)
        position_codes = {row.values["code"] for row in self.rows("positions")} | set(
            self.existing.positions
        )
        numbers = set(self.existing.servants) | {
            r.values["personnel_number"] for r in self.book.rows.get("servants", [])
        }
        self._person_numbers = numbers
        rows = self._unique_assignments(self.rows("assignments"))
        kept: list[Row] = []
        for row in rows:
            values = row.values
            if values["personnel_number"] not in numbers:
                self._person_known("assignments", row)
                continue
            if values["position_code"] not in position_codes:
                self.problem(
                    "assignments",
                    row,
                    "position_code",
                    N_("There is no position with the code %(code)s."),
                    code=values["position_code"],
                )
                continue
            if values["end"] is not None and values["end"] < values["start"]:
                self.problem(
                    "assignments",
                    row,
                    "end",
                    N_("The last day comes before the first (%(start)s)."),
                    start=day_text(values["start"]),
                )
                continue
            probation = values["probation_until"]
            if probation is not None and probation < values["start"]:
                self.problem(
                    "assignments",
                    row,
                    "probation_until",
                    N_("The probation cannot end before the assignment starts (%(start)s)."),
                    start=day_text(values["start"]),
                )
                continue
            for key, lookup, default in (
                ("kind", kinds, AssignmentKind.APPOINTMENT),
                ("end_reason", reasons, ""),
            ):
                text = values[key]
                if text and text.casefold() not in lookup:
                    self.problem(
                        "assignments",
                        row,
                        key,
                        N_("%(value)s is not one of: %(choices)s."),
                        value=text,
                        choices=", ".join(sorted(set(lookup.values()))),
                    )
                    break
                values[key] = lookup[text.casefold()] if text else default
            else:
                if values["end_reason"] and values["end"] is None:
                    self.problem(
                        "assignments", row, "end_reason", N_("An end reason needs the last day.")
                    )
                    continue
                kept.append(row)
        self._overlaps(kept)

    def _unique_assignments(self, rows: list[Row]) -> list[Row]:
        for row in rows:
            row.values["_key"] = (
                row.values["personnel_number"],
                row.values["position_code"],
                row.values["start"],
            )
        kept = self._unique(
            "assignments", rows, "_key", N_("This assignment is already on row %(row)s."), "start"
        )
        return kept

    def _overlaps(self, rows: list[Row]) -> None:
        """A post held by two at once, or a servant in two posts at once (file and database)."""
        position_code = {p.pk: code for code, p in self.existing.positions.items()}
        in_file = {row.values["_key"] for row in rows}
        spans: list[Any] = []
        for a in self.existing.assignments:
            code = position_code.get(a.position_id, f"#{a.position_id}")
            key = (a.servant.personnel_number, code, a.start)
            if key in in_file:
                continue
            end = a.end or dt.date.max
            spans.append(
                (
                    a.servant.personnel_number or f"#{a.servant_id}",
                    code,
                    a.start,
                    end,
                    None,
                    a.servant.full_name,
                )
            )
        for row in rows:
            v = row.values
            spans.append(
                (
                    v["personnel_number"],
                    v["position_code"],
                    v["start"],
                    v["end"] or dt.date.max,
                    row,
                    v["personnel_number"],
                )
            )
        bad: set[int] = set()
        for index, _key_name in ((1, "position_code"), (0, "personnel_number")):
            groups: dict[str, list[Any]] = defaultdict(list)
            for span in spans:
                groups[span[index]].append(span)
            for group in groups.values():
                group.sort(key=lambda s: (s[2], s[4] is not None))
                latest: Any = None
                for span in group:
                    if (
                        latest is not None
                        and span[2] <= latest[3]
                        and (span[4] is not None or latest[4] is not None)
                    ):
                        row = span[4] or latest[4]
                        other = latest if span[4] is not None else span
                        if row.number not in bad:
                            bad.add(row.number)
                            if index == 1:
                                self.problem(
                                    "assignments",
                                    row,
                                    "position_code",
                                    N_(
                                        "The post %(code)s is held twice: also by "
                                        "%(holder)s from %(from)s."
                                    ),
                                    code=span[1],
                                    holder=other[5],
                                    **{"from": day_text(other[2])},
                                )
                            else:
                                self.problem(
                                    "assignments",
                                    row,
                                    "start",
                                    N_(
                                        "%(number)s holds another post (%(code)s) from "
                                        "%(from)s on these dates."
                                    ),
                                    number=span[0],
                                    code=other[1],
                                    **{"from": day_text(other[2])},
                                )
                    if latest is None or span[3] > latest[3]:
                        latest = span
        for row in rows:
            if row.number not in bad:
                self.plan.assignments.append(row)
                self.on_row()

    def absences(self) -> None:
        """Known people and kinds, dates in order, each absence once."""
        kinds = _lookup(AbsenceKind)
        numbers = set(self.existing.servants) | {
            r.values["personnel_number"] for r in self.book.rows.get("servants", [])
        }
        rows = self.rows("absences")
        for row in rows:
            text = row.values["kind"]
            row.values["kind"] = kinds.get(text.casefold(), text)
            row.values["_key"] = (
                row.values["personnel_number"],
                row.values["kind"],
                row.values["start"],
            )
        for row in self._unique(
            "absences", rows, "_key", N_("This absence is already on row %(row)s."), "start"
        ):
            values = row.values
            if values["personnel_number"] not in numbers:
                self._person_known("absences", row)
                continue
            if values["kind"] not in AbsenceKind.values:
                self.problem(
                    "absences",
                    row,
                    "kind",
                    N_("%(value)s is not one of: %(choices)s."),
                    value=values["kind"],
                    choices=", ".join(AbsenceKind.values),
                )
                continue
            if values["end"] < values["start"]:
                self.problem(
                    "absences",
                    row,
                    "end",
                    N_("The last day comes before the first (%(start)s)."),
                    start=day_text(values["start"]),
                )
                continue
            self.plan.absences.append(row)
            self.on_row()
