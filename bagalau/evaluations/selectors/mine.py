"""A servant's own results: the lists of "My results" (the dashboard's panel, the evaluations
home and the page of them all) and the API's `my-results`, read as the servant's own
evaluations (`access.own_evaluations`), a part of what they may read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from bagalau.evaluations.access import own_evaluations
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Method
from bagalau.evaluations.workflow import WITH_RESULT

if TYPE_CHECKING:
    from bagalau.core.types import User

#: The methods whose results the commission decides (not worded by the sjc-2023 rules).
COMMISSION_DECIDED = (Method.KPI_COMPETENCY, Method.MOJ_QUARTER, Method.MOJ_ANNUAL)


def my_results(user: User) -> QuerySet[Evaluation]:
    """The user's own sjc-2023 results (signed onwards, and a provisional annual result), newest
    period first. A typical-2018 year (KPI and competencies) and a moj-2017 quarter or year are
    not among them: the commission decides them and their results stand in the commission's
    results page (EDITIONS.md §2.2 G3-H3, §5.2 D7-D8, E7-E8), which these lists, worded by the
    sjc-2023 rules, cannot show."""
    return (
        own_evaluations(user)
        .filter(status__in=[*WITH_RESULT, EvaluationStatus.PROVISIONAL])
        .exclude(method__in=COMMISSION_DECIDED)
        .order_by("-period__starts", "-period__kind", "-pk")
    )


def my_results_listed(user: User) -> QuerySet[Evaluation]:
    """`my_results` with only what the lists of results show besides the row (the period and its
    year): six tables joined took the planner 4 ms on every dashboard at 10,000 servants."""
    return my_results(user).select_related(None).select_related("period__schedule")


def results_to_acknowledge(user: User) -> QuerySet[Evaluation]:
    """The user's signed results waiting for the acknowledgement (p.11)."""
    return my_results(user).filter(status=EvaluationStatus.SIGNED)
