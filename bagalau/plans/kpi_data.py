"""A work plan's KPI as the evaluator enters it (a row of App. 1) and its rules (seed 002 p.23-24):
the data, its validation and its snapshot for the history and the audit log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_noop as N_

from bagalau.core.errors import DomainError
from bagalau.methodology.sjc2023 import DIRECTIONS, quarter_bounds
from bagalau.plans.models import KPI_FIELDS, Kpi, WorkPlan

QUARTERS = (1, 2, 3, 4)
PLAN_FIELDS = tuple(f"plan_q{q}" for q in QUARTERS)
UNIT_MAX_LENGTH = 60
#: Kpi.plan_qN is DECIMAL(18, 4).
PLAN_PLACES = 4
PLAN_MAX = Decimal(10) ** 14


# --- KPI data and its validation (p.23-24, App. 1) ----------------------------------------------


@dataclass(frozen=True)
class KpiData:
    """What the evaluator enters for a KPI (a row of App. 1).

    A quarter without a planned value is None. For a ``binary`` KPI the planned value is 1 in the
    quarters it is due (the web form shows a checkbox per quarter). ``date_qN`` is the achievement
    date of quarter N's planned value (App. 1 "Қол жеткізу мерзімі"); left empty for a planned
    quarter, it is the quarter's last day or the KPI's deadline when that comes first.
    """

    name: str
    source: str
    unit: str
    direction: str
    deadline: dt.date
    key_result: str
    plan_q1: Decimal | None = None
    plan_q2: Decimal | None = None
    plan_q3: Decimal | None = None
    plan_q4: Decimal | None = None
    date_q1: dt.date | None = None
    date_q2: dt.date | None = None
    date_q3: dt.date | None = None
    date_q4: dt.date | None = None

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> KpiData:
        """The KPI from the values a form or an input serializer validated, by field name (a
        quarter not given is None; other values, such as the plan's version, are left out)."""
        entered: dict[str, Any] = {field.name: values.get(field.name) for field in fields(cls)}
        return cls(**entered)

    def planned(self) -> dict[str, Decimal | None]:
        """The planned values by field name."""
        return {name: getattr(self, name) for name in PLAN_FIELDS}

    def dates(self) -> dict[int, dt.date | None]:
        """The achievement dates by quarter."""
        return {quarter: getattr(self, f"date_q{quarter}") for quarter in QUARTERS}


def kpi_snapshot(kpi: Kpi) -> dict[str, Any]:
    """A KPI as JSON-safe values, for the change history and the audit log."""
    values: dict[str, Any] = {"number": kpi.number}
    for name in KPI_FIELDS:
        value = getattr(kpi, name)
        if isinstance(value, Decimal):
            value = _plain_decimal(value)
        elif isinstance(value, dt.date):
            value = value.isoformat()
        values[name] = value
    return values


def _plain_decimal(value: Decimal) -> str:
    """10.0000 -> "10", 2.5000 -> "2.5" (the database keeps 4 places)."""
    return format(value.normalize(), "f")


def _clean_text(value: str, name: str) -> str:
    text = (value or "").strip()
    if not text:
        raise DomainError(name, N_("This field is required."))
    return text


def _clean_plan(value: Decimal | None, name: str, direction: str) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as error:
        raise DomainError(name, N_("Enter a number.")) from error
    if not number.is_finite():
        raise DomainError(name, N_("Enter a number."))
    if direction == "binary":
        if number != 1:
            raise DomainError(
                name,
                N_("A yes/no KPI has the planned value 1 in the quarters it is due, nothing else."),
            )
        return Decimal(1)
    if number < 0:
        raise DomainError(name, N_("A planned value cannot be negative."))
    if direction == "increase" and number == 0:
        raise DomainError(
            name,
            N_("The planned value of an increasing KPI must be greater than 0 (actual / plan)."),
        )
    if number >= PLAN_MAX:
        raise DomainError(name, N_("The number is too large."))
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > PLAN_PLACES:
        raise DomainError(name, N_("Use at most %(places)s decimal places."), places=PLAN_PLACES)
    return number


def kpi_data_clean(plan: WorkPlan, data: KpiData) -> dict[str, Any]:
    """The KPI's field values after the rules of p.23-24 and App. 1, or a DomainError naming the
    field: texts required, a known direction, a planned value in at least one quarter (≥ 0, > 0
    for an increasing KPI, 1 for a yes/no KPI), a deadline inside the plan's period."""
    values: dict[str, Any] = {
        "name": _clean_text(data.name, "name"),
        "source": _clean_text(data.source, "source"),
        "unit": _clean_text(data.unit, "unit"),
    }
    if len(values["unit"]) > UNIT_MAX_LENGTH:
        raise DomainError("unit", N_("At most %(max)s characters."), max=UNIT_MAX_LENGTH)
    if data.direction not in DIRECTIONS:
        raise DomainError(
            "direction",
            N_("Choose how the KPI is measured: increase, decrease or achieved/not achieved."),
        )
    values["direction"] = data.direction
    planned = {
        name: _clean_plan(value, name, data.direction) for name, value in data.planned().items()
    }
    if all(value is None for value in planned.values()):
        raise DomainError("plan_q1", N_("Plan the KPI for at least one quarter (App. 1)."))
    for quarter in QUARTERS:
        # A newcomer's plan starts at the appointment: quarters already over are not planned.
        ended = quarter_bounds(plan.year, quarter)[1]
        if planned[f"plan_q{quarter}"] is not None and ended < plan.period_start:
            raise DomainError(
                f"plan_q{quarter}",
                N_("Quarter %(quarter)s ended before the plan starts (%(start)s)."),
                quarter=quarter,
                start=f"{plan.period_start:%d.%m.%Y}",
            )
    values.update(planned)
    if not isinstance(data.deadline, dt.date):
        raise DomainError("deadline", N_("Enter the deadline."))
    year_end = dt.date(plan.year, 12, 31)
    if not plan.period_start <= data.deadline <= year_end:
        raise DomainError(
            "deadline",
            N_("The deadline must fall between %(start)s and %(end)s, inside the plan's period."),
            start=f"{plan.period_start:%d.%m.%Y}",
            end=f"{year_end:%d.%m.%Y}",
        )
    values["deadline"] = data.deadline
    values.update(_clean_dates(plan, data, planned))
    values["key_result"] = _clean_text(data.key_result, "key_result")
    return values


def _clean_dates(
    plan: WorkPlan, data: KpiData, planned: dict[str, Decimal | None]
) -> dict[str, dt.date | None]:
    """App. 1's achievement date of each planned quarter (p.24(4): "бағаланатын кезең ішінде НМИ
    қол жеткізу мерзімі белгіленеді" — inside the evaluated quarter, from the plan's start, not
    after the KPI's deadline); none for a quarter without a planned value."""
    values: dict[str, dt.date | None] = {}
    for quarter, given in data.dates().items():
        name = f"date_q{quarter}"
        if planned[f"plan_q{quarter}"] is None:
            if given is not None:
                raise DomainError(
                    name,
                    N_("Quarter %(quarter)s has no planned value: leave its date empty."),
                    quarter=quarter,
                )
            values[name] = None
            continue
        first, last = quarter_bounds(plan.year, quarter)
        first, last = max(first, plan.period_start), min(last, data.deadline)
        if last < first:
            raise DomainError(
                "deadline",
                N_("The deadline comes before quarter %(quarter)s, which has a planned value."),
                quarter=quarter,
            )
        if given is None:
            values[name] = last
            continue
        if not isinstance(given, dt.date) or not first <= given <= last:
            raise DomainError(
                name,
                N_(
                    "The achievement date of quarter %(quarter)s must fall between %(start)s and"
                    " %(end)s: inside the quarter and the plan, not after the KPI's deadline."
                ),
                quarter=quarter,
                start=f"{first:%d.%m.%Y}",
                end=f"{last:%d.%m.%Y}",
            )
        values[name] = given
    return values
