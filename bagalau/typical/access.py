"""Who may see and do what in a typical-2018 year (EDITIONS.md §9 G-5; seed 004 p.17-28).

A typical-2018 evaluation and its sheets are visible to the evaluatee, the direct manager (the
evaluator), the superior manager who agrees the KPI sheet (or the first head, p.20), the working
body (HR roles) and the authorised person (the head of the apparatus) of its organisation, and to
the readers other apps register (the commission's chair, members and secretary for the servants
on their sessions' agenda: they decide on these sheets, p.36); to anyone else they do not exist
(404). Every read through a `*_get_for` lookup is audited.
Writes follow the sheets' Workflow tables: `kpi_sheet_actions` and `competency_sheet_actions`
answer from the table and the user's parts; pages, API and services read only those sets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from django.db.models import Q, QuerySet
from django.http import Http404

from bagalau.audit.services import audit_log
from bagalau.evaluations.access import is_evaluator, organisation_parts
from bagalau.evaluations.models import Evaluation, Method, Period
from bagalau.evaluations.workflow import PERIOD_FLOW
from bagalau.org.access import HR_ROLES, OVERVIEW_ROLES
from bagalau.org.selectors import organisations_where, roles_of
from bagalau.typical.common import MODEL
from bagalau.typical.models import (
    COMPETENCY_SHEET_FLOW,
    KPI_SHEET_FLOW,
    TYPICAL_SCHEDULE_FLOW,
    CompetencySheet,
    KpiSheet,
)

if TYPE_CHECKING:
    from bagalau.core.types import User


#: Readers an app above this one adds (the commission: its members read the sheets of the
#: servants on their sessions' agenda, G-5), each a function of the user giving a filter.
_READERS: list[Callable[[User], Q]] = []


def register_reader(reader: Callable[[User], Q]) -> None:
    """Add who else may read a typical-2018 evaluation and its sheets; called in an
    AppConfig.ready(). The filter names at most one row per evaluation (a subquery, `pk__in`,
    for a relation of many rows): the lists are read without DISTINCT."""
    if reader not in _READERS:
        _READERS.append(reader)


def visibility_filter(user: User) -> Q:
    """The typical-2018 evaluations `user` may read (G-5)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    readers = (
        Q(servant__user=user)
        | Q(evaluator__user=user)
        | Q(typical_kpi_sheet__approver__user=user)
        | Q(period__schedule__organisation__in=organisations_where(user, *OVERVIEW_ROLES))
    )
    for reader in _READERS:
        readers |= reader(user)
    return Q(method=Method.KPI_COMPETENCY) & readers


def typical_evaluations_visible_to(user: User) -> QuerySet[Evaluation]:
    """Every typical-2018 evaluation the user may read (lists: not audited), once each: every
    relation `visibility_filter` follows is one row per evaluation (no DISTINCT, which sorted a
    body's every evaluation on each page, issue 12)."""
    return Evaluation.objects.filter(visibility_filter(user)).select_related(
        "servant",
        "evaluator",
        "period__schedule__organisation",
        "assignment__position__unit",
    )


def typical_evaluation_get_for(*, user: User, id: int, purpose: str = "view") -> Evaluation:
    """The typical-2018 evaluation, or Http404 when missing or not the user's; audited."""
    evaluation = typical_evaluations_visible_to(user).filter(pk=id).first()
    if evaluation is None or evaluation.period.schedule.model != MODEL:
        raise Http404("No such evaluation.")
    audit_log(actor=user, action=purpose, obj=evaluation)
    return evaluation


#: Either sheet of a typical-2018 year, for the helpers both go through.
Sheet = TypeVar("Sheet", KpiSheet, CompetencySheet)


def _sheet_get_for(
    model: type[Sheet], *related: str, user: User, id: int, purpose: str, missing: str
) -> Sheet:
    """The sheet of `model` (with its evaluation's people and `related`), or Http404 saying
    `missing` when it is not there or not the user's; audited as `purpose`."""
    sheet = (
        model._default_manager.filter(evaluation__in=typical_evaluations_visible_to(user), pk=id)
        .select_related("evaluation__servant", "evaluation__evaluator", *related)
        .select_related("evaluation__period__schedule__organisation")
        .first()
    )
    if sheet is None:
        raise Http404(missing)
    audit_log(actor=user, action=purpose, obj=sheet)
    return sheet


def kpi_sheet_get_for(*, user: User, id: int, purpose: str = "view") -> KpiSheet:
    """The KPI sheet (App. 2), or Http404 when missing or not the user's; audited."""
    return _sheet_get_for(
        KpiSheet, "approver", user=user, id=id, purpose=purpose, missing="No such KPI sheet."
    )


def competency_sheet_get_for(*, user: User, id: int, purpose: str = "view") -> CompetencySheet:
    """The competency sheet (App. 3), or Http404 when missing or not the user's; audited."""
    return _sheet_get_for(
        CompetencySheet, user=user, id=id, purpose=purpose, missing="No such competency sheet."
    )


def is_hr(user: User, evaluation: Evaluation) -> bool:
    """The working body of the evaluation's organisation (p.24, p.28)."""
    organisation = evaluation.period.schedule.organisation
    return bool(user.is_authenticated and roles_of(user, organisation) & set(HR_ROLES))


def evaluation_parts(user: User, evaluation: Evaluation) -> set[str]:
    """The parts `user` holds in the evaluation's case: "evaluator" (the direct manager, who
    fills and signs both sheets, p.17, p.25), "hr"."""
    parts = set()
    if is_evaluator(user, evaluation):
        parts.add("evaluator")
    if is_hr(user, evaluation):
        parts.add("hr")
    return parts


def kpi_sheet_parts(user: User, sheet: KpiSheet) -> frozenset[str]:
    """The parts `user` holds in the KPI sheet: "evaluator", "approver" (the superior manager or
    the first head, p.19-20), "hr"."""
    if not user.is_authenticated:
        return frozenset()
    parts = evaluation_parts(user, sheet.evaluation)
    if sheet.approver.user_id == user.pk:
        parts.add("approver")
    return frozenset(parts)


def kpi_sheet_actions(*, user: User, obj: KpiSheet) -> frozenset[str]:
    """The actions `user` may take on the KPI sheet now (KPI_SHEET_FLOW)."""
    return KPI_SHEET_FLOW.actions(status=obj.status, parts=kpi_sheet_parts(user, obj))


def competency_sheet_parts(user: User, sheet: CompetencySheet) -> frozenset[str]:
    """The parts `user` holds in the competency sheet: "evaluator", "hr" (nobody reviews it,
    p.28)."""
    if not user.is_authenticated:
        return frozenset()
    return frozenset(evaluation_parts(user, sheet.evaluation))


def competency_sheet_actions(*, user: User, obj: CompetencySheet) -> frozenset[str]:
    """The actions `user` may take on the competency sheet now (COMPETENCY_SHEET_FLOW)."""
    return COMPETENCY_SHEET_FLOW.actions(status=obj.status, parts=competency_sheet_parts(user, obj))


def typical_period_actions(*, user: User, obj: Period) -> frozenset[str]:
    """What `user` may do to a typical-2018 annual period now (PERIOD_FLOW): the HR service
    opens it once the commission chair has consented to the schedule (p.29, D2), and opens it
    again to add the servants who have become eligible since; the year's period is never closed
    by this edition's pages, so only "open" is offered."""
    schedule = obj.schedule
    if schedule.status not in TYPICAL_SCHEDULE_FLOW.group("in_force"):
        return frozenset()
    parts = organisation_parts(user, schedule.organisation)
    return PERIOD_FLOW.actions(status=obj.status, parts=parts) & {"open"}
