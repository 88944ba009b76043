"""The cycle's progress per unit and what is overdue (counts and workflow status only: HR staff
and the head of the apparatus see no score or rating, seed 002 p.15, p.20).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from bagalau.core import clock
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Period
from bagalau.evaluations.selectors.schedule import SIGNED_OR_LATER
from bagalau.evaluations.workflow import FAMILIARISED_OR_LATER, OPEN
from bagalau.org.models import Unit
from bagalau.org.selectors import unit_order


@dataclass
class UnitProgress:
    """How far a unit's evaluations are (counts only: no scores, no ratings)."""

    unit: Unit | None
    depth: int = 0
    due: int = 0
    signed: int = 0
    acknowledged: int = 0
    final: int = 0
    deferred: int = 0
    not_evaluated: int = 0
    overdue: int = 0
    by_status: dict[str, int] = field(default_factory=dict)

    def _percent(self, count: int) -> int:
        return round(100 * count / self.due) if self.due else 0

    @property
    def signed_percent(self) -> int:
        """Signed (or beyond) as a share of the evaluations due."""
        return self._percent(self.signed)

    @property
    def acknowledged_percent(self) -> int:
        """Familiarised (or beyond) as a share of the evaluations due."""
        return self._percent(self.acknowledged)

    @property
    def final_percent(self) -> int:
        """Final as a share of the evaluations due."""
        return self._percent(self.final)


@dataclass
class CycleProgress:
    """The per-unit progress of a period and its total."""

    period: Period
    units: list[UnitProgress]
    total: UnitProgress
    #: Units with evaluations left out by `limit` (the dashboard lists the first few).
    more: int = 0


def _count(target: UnitProgress, status: str, count: int, late_count: int) -> None:
    """Add `count` evaluations in `status` (`late_count` of them overdue) to `target`."""
    target.by_status[status] = target.by_status.get(status, 0) + count
    if status == EvaluationStatus.NOT_EVALUATED:
        target.not_evaluated += count
        return
    target.due += count
    target.signed += count if status in SIGNED_OR_LATER else 0
    target.acknowledged += count if status in FAMILIARISED_OR_LATER else 0
    target.final += count if status == EvaluationStatus.FINAL else 0
    target.deferred += count if status == EvaluationStatus.DEFERRED else 0
    target.overdue += late_count


def _per_unit(
    rows: QuerySet[Evaluation], late: Q, total: UnitProgress | None = None
) -> dict[int | None, UnitProgress]:
    """`rows` counted per unit and status in the database, added to `total` too if given."""
    counts: dict[int | None, UnitProgress] = {}
    grouped = rows.values_list("assignment__position__unit_id", "status").annotate(
        count=Count("pk"), late=Count("pk", filter=late)
    )
    for unit_id, status, count, late_count in grouped:
        item = counts.setdefault(unit_id, UnitProgress(unit=None))
        for target in (item, total) if total is not None else (item,):
            _count(target, status, count, late_count)
    return counts


def _units_reached(period: Period, rows: QuerySet[Evaluation]) -> set[int]:
    """The units with at least one of `rows`: a probe per unit of the organisation that stops at
    its first evaluation, so it does not read every evaluation of the period."""
    reached = Exists(rows.filter(assignment__position__unit=OuterRef("pk")))
    units = Unit.objects.filter(reached, organisation_id=period.schedule.organisation_id)
    return set(units.order_by().values_list("pk", flat=True))


def cycle_progress(
    period: Period,
    *,
    today: dt.date | None = None,
    limit: int | None = None,
    order: list[tuple[int, int]] | None = None,
) -> CycleProgress:
    """Per unit (in tree order): evaluations due (everyone evaluated), signed, acknowledged and
    final, cumulative, plus deferred, not evaluated and overdue. Reads status columns only, counted
    per unit and status in the database (issue 12 item 3). With `limit`, only the first units:
    the total is counted per status alone, the units with evaluations are found by a probe per
    unit and only the units shown are counted and read, so the dashboard joins no evaluation of
    the other units to its unit; `order`: the organisation's `unit_order`, when the caller has it
    already."""
    today = today or clock.today()
    total = UnitProgress(unit=None)
    late = Q(status__in=OPEN, due_date__lt=today)
    rows = Evaluation.objects.filter(period=period).order_by()
    if order is None:
        order = unit_order(period.schedule.organisation)
    if limit is None:
        counts = _per_unit(rows, late, total)
        reached = [(pk, depth) for pk, depth in order if pk in counts]
        shown = reached
    else:
        statuses = rows.values_list("status").annotate(
            count=Count("pk"), late=Count("pk", filter=late)
        )
        for status, count, late_count in statuses:
            _count(total, status, count, late_count)
        found = _units_reached(period, rows)
        reached = [(pk, depth) for pk, depth in order if pk in found]
        shown = reached[:limit]
        ids = [pk for pk, _depth in shown]
        counts = _per_unit(rows.filter(assignment__position__unit_id__in=ids), late)
    read = Unit.objects.in_bulk([pk for pk, _depth in shown])
    units = []
    for pk, depth in shown:
        item = counts[pk]
        item.unit, item.depth = read[pk], depth
        units.append(item)
    return CycleProgress(period=period, units=units, total=total, more=len(reached) - len(shown))


def overdue(period: Period, *, today: dt.date | None = None) -> QuerySet[Evaluation]:
    """Evaluations of the period past their due date that the evaluator has not signed."""
    today = today or clock.today()
    return (
        Evaluation.objects.filter(period=period, status__in=OPEN, due_date__lt=today)
        .select_related("servant", "evaluator", "assignment__position__unit")
        .order_by("due_date", "servant__last_name", "servant__first_name", "pk")
    )
