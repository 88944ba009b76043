"""A quarter's roster one page at a time (issue 12 item 3, issue 13 item 8): the filters (unit,
status, a name) are applied in the database to the stored evaluations and to the servants the
period does not hold yet (`quarter_roster.chosen_queryset`); their union is ordered (unit tree,
the unit's head first, then by name) and cut into pages in the database (`roster_order`), and
the full rows (eligibility, evaluator, work plan, notice) are built for the page's servants
only, so a page costs the same whatever the size of the apparatus. An evaluator's rows are
fetched by evaluator in the database; the servants not held yet who report to them are found
around them (org.tree.may_report_to). The unit filter offers the units around the chosen one
(org.tree.units_around), not the whole tree."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext as _

from bagalau.core import bounds
from bagalau.core.collation import with_name
from bagalau.core.paging import paginate
from bagalau.core.types import account
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Period, PeriodStatus
from bagalau.evaluations.selectors.quarter_roster import (
    RosterRow,
    _may_evaluate_someone,
    chosen_queryset,
    period_roster,
)
from bagalau.evaluations.selectors.roster_order import Keyed, OrderedRoster
from bagalau.evaluations.selectors.schedule import roster_scope
from bagalau.methodology import sjc2023 as engine
from bagalau.org.models import Servant, Unit
from bagalau.org.selectors import StructureIndex
from bagalau.org.tree import may_report_to, units_around

if TYPE_CHECKING:
    from bagalau.core.types import User

#: The status filter's value for servants the period does not hold yet.
NOT_OPENED = "not_opened"


@dataclass(frozen=True)
class RosterFilters:
    """What the roster page is narrowed to; empty values do not filter."""

    unit: int | None = None
    status: str = ""
    q: str = ""

    @classmethod
    def from_query(cls, data: QueryDict) -> RosterFilters:
        """The filters of a GET query; unknown values are ignored (the whole roster)."""
        unit = data.get("unit", "").strip()
        status = data.get("status", "").strip()
        if status not in {*EvaluationStatus.values, NOT_OPENED}:
            status = ""
        return cls(
            unit=bounds.ascii_id(unit),
            status=status,
            q=data.get("q", "").strip().replace("\x00", "")[:100],
        )


@dataclass
class RosterPage:
    """A page of the roster, its filters and the choices of the filter form."""

    page: Page[Any]
    rows: list[RosterRow]
    filters: RosterFilters
    units: list[tuple[Unit, int]]
    statuses: list[tuple[str, str]]


def _stored(period: Period, evaluator: Servant | None, filters: RosterFilters) -> list[Keyed]:
    """The order keys of the stored evaluations the filters keep (for an evaluator, those that
    name them)."""
    if filters.status == NOT_OPENED:
        return []
    kept: QuerySet[Evaluation] = Evaluation.objects.filter(period=period)
    if evaluator is not None:
        kept = kept.filter(evaluator=evaluator)
    if filters.unit is not None:
        kept = kept.filter(assignment__position__unit_id=filters.unit)
    if filters.status:
        kept = kept.filter(status=filters.status)
    if filters.q:
        kept = with_name(kept, "servant__", filters.q)
    return [Keyed(kept, "assignment__position", "servant")]


def _pending(period: Period, evaluator: Servant | None, filters: RosterFilters) -> list[Keyed]:
    """The order keys of the servants the roster lists but the period does not hold yet (all of
    them before it opens), under the filters; for an evaluator, those they manage at the end of
    the quarter (asked of an index around those who may report to them). Nothing more is read
    when the period holds everyone (one query)."""
    if period.status == PeriodStatus.CLOSED or filters.status not in ("", NOT_OPENED):
        return []
    organisation = period.schedule.organisation
    start, end = engine.quarter_bounds(period.schedule.year, period.number or 1)
    chosen = chosen_queryset(organisation, start, end, not_in=period)
    if filters.unit is not None:
        chosen = chosen.filter(position__unit_id=filters.unit)
    if filters.q:
        chosen = with_name(chosen, "servant__", filters.q)
    if not chosen.exists():
        return []
    if evaluator is not None:
        candidates = may_report_to(organisation, evaluator, end)
        found = list(chosen.filter(servant_id__in=candidates).values_list("servant_id", flat=True))
        if not found:
            return []
        index = StructureIndex(organisation, end, around=found)
        mine = [pk for pk in found if index.direct_manager_of(pk) == evaluator]
        if not mine:
            return []
        chosen = chosen.filter(servant_id__in=mine)
    return [Keyed(chosen, "position", "servant")]


def roster_page(user: User, period: Period, request: HttpRequest) -> RosterPage | None:
    """The page of the roster the request asks for, or None when the user may read none of it:
    HR and the head of the apparatus read every row, an evaluator the rows they evaluate."""
    organisation = period.schedule.organisation
    scope = roster_scope(user, organisation)
    evaluator: Servant | None = None
    if scope is None:
        return None
    if scope == "evaluator":
        evaluator = Servant.objects.get(user=account(user))
        if not _may_evaluate_someone(evaluator, period):
            return None
    filters = RosterFilters.from_query(request.GET)
    parts = _stored(period, evaluator, filters) + _pending(period, evaluator, filters)
    ordered = OrderedRoster(organisation.pk, parts)
    if evaluator is not None and filters == RosterFilters() and not ordered.count():
        return None  # a servant who evaluates nobody here has no business with it
    page = paginate(request, ordered)  # count() and slices, in SQL
    rows = period_roster(period, evaluator=evaluator, servant_ids=list(page.object_list))
    statuses = [(NOT_OPENED, _("not opened"))]
    statuses += [(value, str(label)) for value, label in EvaluationStatus.choices]
    units = units_around(organisation, filters.unit)
    return RosterPage(page=page, rows=rows, filters=filters, units=units, statuses=statuses)


def roster_filters(request: HttpRequest) -> dict[str, str]:
    """The filters of a typical-2018 or moj-2017 period's roster from the request's query: `q`
    (a name) and `status` (an evaluation status, ignored when unknown), as the keyword arguments
    `query` and `status` of their `period_roster` (issue 13 item 8)."""
    status = request.GET.get("status", "").strip()
    return {
        "query": request.GET.get("q", "").strip()[:100],
        "status": status if status in EvaluationStatus.values else "",
    }


def filtered_roster_page(
    request: HttpRequest, roster: Callable[..., QuerySet[Any]]
) -> dict[str, Any]:
    """The page of a typical-2018 or moj-2017 period's roster that the request asks for:
    `roster(query=, status=)` filtered by `roster_filters`, paginated in the database, with the
    filter form's values and the statuses to choose from (issue 13 item 8)."""
    filters = roster_filters(request)
    page = paginate(request, roster(**filters))
    return {
        "rows": page.object_list,
        "page": page,
        "filters": {"q": filters["query"], "status": filters["status"]},
        "statuses": EvaluationStatus.choices,
    }
