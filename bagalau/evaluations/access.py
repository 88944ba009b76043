"""Who may see a result (seed 002 p.15, p.20): the evaluatee, the evaluator, the head of the HR
service and that case's calibration participants. Nobody else, in HTML, API, PDF or export.

This module is the one choke point: every view, endpoint and document that shows a score asks
`evaluation_get_for` or `evaluations_visible_to`; schedules and periods are looked up the same
way (`schedule_get_for`, `period_get_for`: the same 404 for "missing" and "not yours"). What a
user may do now is `evaluation_actions` / `schedule_actions` / `period_actions`: the transition
tables of `bagalau.evaluations.workflow` read with the user's parts in the case; services refuse
through the same tables and pages, the API and templates only read the sets.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from bagalau.audit.services import audit_log
from bagalau.core.errors import DomainError
from bagalau.core.visible import visible_one
from bagalau.evaluations.models import Evaluation, Method, Period, PeriodKind, Schedule
from bagalau.evaluations.rules import rules_for
from bagalau.evaluations.workflow import EVALUATION_FLOW, OPEN, PERIOD_FLOW, SCHEDULE_FLOW
from bagalau.org.access import HR_ROLES
from bagalau.org.models import Organisation, Role
from bagalau.org.selectors import has_role, organisations_of, organisations_where

if TYPE_CHECKING:
    from bagalau.core.types import User


def visibility_filter(user: User) -> Q:
    """The rows of Evaluation that `user` may read."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    hr_head_of = organisations_where(user, Role.HR_HEAD)
    participants = Evaluation.objects.filter(calibration_application__session__participants=user)
    return (
        Q(servant__user=user)
        | Q(evaluator__user=user)
        | Q(period__schedule__organisation__in=hr_head_of)
        | Q(pk__in=participants.values("pk"))
    )


#: What the lists of evaluations show of each row besides the row itself.
_SHOWN_WITH = ("servant", "evaluator", "period__schedule__organisation", "assignment__position")


def evaluations_visible_to(user: User) -> QuerySet[Evaluation]:
    """Every evaluation the user may read (no audit row: lists show no more than the user may
    see; opening one is audited by `evaluation_get_for`), once each without DISTINCT: the one
    relation of many rows (a session's participants) is asked in a subquery. With it joined the
    planner weighed eleven tables and a sort for DISTINCT (one sheet's lookup at 10,000
    servants: 10 ms to plan, 0.6 ms to run)."""
    return Evaluation.objects.filter(visibility_filter(user)).select_related(*_SHOWN_WITH)


def own_evaluations(user: User) -> QuerySet[Evaluation]:
    """The evaluations of the user as the servant evaluated: the first part of what
    `visibility_filter` lets them read, so a subset of `evaluations_visible_to`, read without the
    other parts' joins (the whole table's plan on every dashboard otherwise:
    11-14 ms at 100,000 servants instead of about 1 ms)."""
    if not user.is_authenticated:
        return Evaluation.objects.none()
    return Evaluation.objects.filter(servant__user=user).select_related(*_SHOWN_WITH)


def can_view(user: User, evaluation: Evaluation) -> bool:
    """Whether `user` may read this evaluation's result."""
    return evaluations_visible_to(user).filter(pk=evaluation.pk).exists()


def evaluation_get_for(*, user: User, id: int, purpose: str = "view") -> Evaluation:
    """The evaluation, or Http404 when it does not exist or is not visible to `user` (existence
    is not revealed). The read is written to the audit log."""
    evaluation = visible_one(evaluations_visible_to(user), id, "No such evaluation.")
    audit_log(actor=user, action=purpose, obj=evaluation)
    return evaluation


def is_evaluatee(user: User, evaluation: Evaluation) -> bool:
    """The servant evaluated."""
    return bool(user.is_authenticated and evaluation.servant.user_id == user.pk)


def is_evaluator(user: User, evaluation: Evaluation) -> bool:
    """The evaluator of this sheet."""
    return bool(
        user.is_authenticated
        and evaluation.evaluator is not None
        and evaluation.evaluator.user_id == user.pk
    )


def schedules_visible_to(user: User) -> QuerySet[Schedule]:
    """The schedules whose dates the user may read: those of the organisations the user belongs
    to (a role or a servant record; p.10)."""
    return Schedule.objects.filter(organisation__in=organisations_of(user)).select_related(
        "organisation"
    )


def schedule_get_for(*, user: User, id: int) -> Schedule:
    """The schedule, or Http404 when it does not exist or is of another organisation."""
    schedule = visible_one(schedules_visible_to(user), id, "No such schedule.")
    return schedule


def periods_visible_to(user: User) -> QuerySet[Period]:
    """The periods of the schedules the user may read."""
    return Period.objects.filter(schedule__organisation__in=organisations_of(user)).select_related(
        "schedule__organisation"
    )


def period_get_for(*, user: User, id: int) -> Period:
    """The period, or Http404 when it does not exist or is of another organisation."""
    period = visible_one(periods_visible_to(user), id, "No such period.")
    return period


# --- what the user may do now (the transition tables of bagalau.evaluations.workflow) -----------

SHEETS = (Method.KPI, Method.DIFFERENTIATION)


def organisation_parts(user: User, organisation: Organisation) -> set[str]:
    """The parts a user's roles give in an organisation's cases: the HR service (`hr`, its head
    too), its head (`hr_head`, p.20) and the head of the apparatus (`apparatus_head`, p.10)."""
    if not user.is_authenticated:
        return set()
    parts: set[str] = set()
    if has_role(user, organisation, *HR_ROLES):
        parts.add("hr")
    if has_role(user, organisation, Role.HR_HEAD):
        parts.add("hr_head")
    if has_role(user, organisation, Role.APPARATUS_HEAD):
        parts.add("apparatus_head")
    return parts


def reads_act(
    user: User,
    *,
    organisation: Organisation,
    servant_user_id: int | None,
    signer_user_ids: Iterable[int | None],
) -> bool:
    """Whether `user` reads a refusal act: the servant who refused, the HR service that drew it
    up, and the servants who signed it (004 p.41; 001 p.25, p.31, p.36: the act is theirs and
    the servant's). A colleague, even one who reads the result, does not (G-5)."""
    if not user.is_authenticated:
        return False
    if user.pk == servant_user_id or user.pk in set(signer_user_ids):
        return True
    return has_role(user, organisation, *HR_ROLES)


def _refusal_act(evaluation: Evaluation) -> bool:
    """Whether the evaluation's edition has the refusal act (seed 002 has none: p.11)."""
    try:
        return bool(rules_for(evaluation).familiarisation.refusal_act)
    except DomainError:
        return False


def evaluation_actions(*, user: User, obj: Evaluation) -> frozenset[str]:
    """What `user` may do to the evaluation now: EVALUATION_FLOW read with the user's parts in
    the case (evaluator, evaluatee, the HR service and its head), narrowed by the sheet's kind
    (actual values on a KPI sheet, p.22; a paper result only for a quarterly sheet and never by
    its evaluator or evaluatee, p.29) and the edition (the refusal act, p.11)."""
    parts = organisation_parts(user, obj.period.schedule.organisation)
    if is_evaluator(user, obj):
        parts.add("evaluator")
    if is_evaluatee(user, obj):
        parts.add("evaluatee")
    actions = set(EVALUATION_FLOW.actions(status=obj.status, parts=parts))
    if obj.method != Method.KPI:
        actions.discard("enter_actuals")
    if obj.method not in SHEETS or parts & {"evaluator", "evaluatee"}:
        actions.discard("enter_paper")
    if "record_refusal" in actions and not _refusal_act(obj):
        actions.discard("record_refusal")
    return frozenset(actions)


def draft_hidden(user: User, evaluation: Evaluation) -> bool:
    """The evaluatee sees the result once it is signed, not the evaluator's draft (p.11)."""
    return (
        evaluation.status in OPEN
        and is_evaluatee(user, evaluation)
        and not is_evaluator(user, evaluation)
    )


def schedule_actions(*, user: User, obj: Schedule) -> frozenset[str]:
    """What `user` may do to the schedule now (SCHEDULE_FLOW, p.10): HR drafts, dates and
    submits it; the head of the apparatus approves or returns it."""
    parts = organisation_parts(user, obj.organisation)
    return SCHEDULE_FLOW.actions(status=obj.status, parts=parts)


def period_actions(*, user: User, obj: Period) -> frozenset[str]:
    """What `user` may do to the period now (PERIOD_FLOW): HR opens a quarter of an approved
    schedule (p.21-22) and closes it."""
    schedule = obj.schedule
    actions = set(
        PERIOD_FLOW.actions(
            status=obj.status, parts=organisation_parts(user, schedule.organisation)
        )
    )
    if obj.kind != PeriodKind.QUARTER or schedule.status not in SCHEDULE_FLOW.group("in_force"):
        actions.discard("open")
    return frozenset(actions)
