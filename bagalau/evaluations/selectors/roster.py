"""A quarter's roster one page at a time (issue 12 item 3, issue 13 item 8): the filters (unit,
status, a name) are applied in the database to the stored evaluations; the order (unit tree, the
unit's head first, then by name) is worked out on a few columns of every row, and the full rows
(eligibility, evaluator, work plan, notice) are built for the page's servants only, so a page
costs the same number of queries whatever the size of the apparatus. An evaluator's rows are
fetched by evaluator in the database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.core.paginator import Page
from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Concat
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext as _

from bagalau.core.collation import Fold, fold
from bagalau.core.paging import paginate
from bagalau.core.types import account
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Period, PeriodStatus
from bagalau.evaluations.selectors.quarter_roster import (
    RosterRow,
    _may_evaluate_someone,
    chosen_assignments,
    period_roster,
)
from bagalau.evaluations.selectors.schedule import roster_scope
from bagalau.methodology import sjc2023 as engine
from bagalau.org.models import Servant, Unit
from bagalau.org.selectors import StructureIndex, unit_tree

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
            unit=int(unit) if unit.isdigit() else None,
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


#: (unit id, heads the unit, position order, surname, first name, servant id) of a row.
Key = tuple[int, bool, int, str, str, int]


def with_name(queryset: QuerySet[Any], prefix: str, query: str) -> QuerySet[Any]:
    """`queryset` narrowed to the rows whose servant (`prefix`: the path to it) has every word of
    `query` in a name, as the servant list searches (core.collation: case and Kazakh letters
    typed as their Russian look-alikes do not matter)."""
    words = fold(query).split()
    if not words:
        return queryset
    folded = queryset.annotate(
        _folded=Fold(
            Concat(
                f"{prefix}last_name",
                Value(" "),
                f"{prefix}first_name",
                Value(" "),
                f"{prefix}patronymic",
                output_field=CharField(),
            )
        )
    )
    for word in words:
        folded = folded.filter(_folded__contains=word)
    return cast("QuerySet[Any]", folded)


def _stored_keys(
    period: Period, evaluator: Servant | None, filters: RosterFilters
) -> tuple[list[Key], set[int]]:
    """The order keys of the stored evaluations the filters keep (one query) and the servants
    the period holds whatever the filters (one query)."""
    everyone: QuerySet[Evaluation] = Evaluation.objects.filter(period=period)
    held = set(everyone.values_list("servant_id", flat=True))
    kept = everyone
    if evaluator is not None:
        kept = kept.filter(evaluator=evaluator)
    if filters.unit is not None:
        kept = kept.filter(assignment__position__unit_id=filters.unit)
    if filters.status == NOT_OPENED:
        return [], held
    if filters.status:
        kept = kept.filter(status=filters.status)
    if filters.q:
        kept = with_name(kept, "servant__", filters.q)
    keys = kept.values_list(
        "assignment__position__unit_id",
        "assignment__position__heads_unit",
        "assignment__position__order",
        "servant__last_name",
        "servant__first_name",
        "servant_id",
    )
    return [tuple(k) for k in keys], held  # type: ignore[misc]


def _pending_keys(
    period: Period, evaluator: Servant | None, filters: RosterFilters, held: set[int]
) -> list[Key]:
    """The order keys of the servants the roster lists but the period does not hold yet (all of
    them before it opens), under the filters; for an evaluator, those they manage at the end of
    the quarter."""
    if period.status == PeriodStatus.CLOSED or filters.status not in ("", NOT_OPENED):
        return []
    organisation = period.schedule.organisation
    start, end = engine.quarter_bounds(period.schedule.year, period.number or 1)
    chosen = [
        a
        for a in chosen_assignments(organisation, start, end, not_in=period)
        if a.servant_id not in held and (filters.unit is None or a.position.unit_id == filters.unit)
    ]
    if filters.q:
        words = fold(filters.q).split()
        chosen = [
            a
            for a in chosen
            if all(
                w in fold(f"{a.servant.last_name} {a.servant.first_name} {a.servant.patronymic}")
                for w in words
            )
        ]
    if evaluator is not None and chosen:
        index = StructureIndex(organisation, end)
        chosen = [a for a in chosen if index.direct_manager(a.servant) == evaluator]
    return [
        (
            a.position.unit_id,
            a.position.heads_unit,
            a.position.order,
            a.servant.last_name,
            a.servant.first_name,
            a.servant_id,
        )
        for a in chosen
    ]


def _sorted(keys: list[Key], tree: list[tuple[Unit, int]]) -> list[int]:
    order = {unit.pk: index for index, (unit, _depth) in enumerate(tree)}
    ranked: Callable[[Key], tuple[Any, ...]] = lambda k: (  # noqa: E731
        order.get(k[0], len(order)),
        not k[1],
        k[2],
        k[3],
        k[4],
        k[5],
    )
    return [k[5] for k in sorted(keys, key=ranked)]


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
    tree = unit_tree(organisation)
    stored, held = _stored_keys(period, evaluator, filters)
    ids = _sorted(stored + _pending_keys(period, evaluator, filters, held), tree)
    if evaluator is not None and not ids and filters == RosterFilters():
        return None  # a servant who evaluates nobody here has no business with it
    page = paginate(request, ids)
    rows = period_roster(period, evaluator=evaluator, servant_ids=list(page.object_list))
    statuses = [(NOT_OPENED, _("not opened"))]
    statuses += [(value, str(label)) for value, label in EvaluationStatus.choices]
    return RosterPage(page=page, rows=rows, filters=filters, units=tree, statuses=statuses)


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
