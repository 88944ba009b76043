"""The evaluation a commission edition's period opens for one servant from the engine's eligibility
(bagalau.methodology.eligibility; EDITIONS.md §2.1 for typical-2018, §5.1 for moj-2017): evaluated,
deferred or not evaluated with its reason and due date, the evaluator, and the audit row."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from bagalau.audit.services import audit_log
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Period
from bagalau.org.models import Assignment
from bagalau.org.selectors import assignment_manager

if TYPE_CHECKING:
    from bagalau.core.types import User
    from bagalau.methodology.eligibility import Eligibility

#: The engine's eligibility status -> the evaluation's status.
STATUS_OF = {
    "evaluated": EvaluationStatus.PENDING,
    "deferred": EvaluationStatus.DEFERRED,
    "not_evaluated": EvaluationStatus.NOT_EVALUATED,
}


def eligible_evaluation_create(
    *,
    actor: User,
    period: Period,
    assignment: Assignment,
    method: str,
    day: dt.date,
    found: Eligibility,
) -> Evaluation:
    """The servant's evaluation of `period` as `found` decides it (due on `day`, or the
    deferral's date), evaluated by the post's manager on `day`; audited. The caller holds the
    transaction."""
    evaluation = Evaluation.objects.create(
        period=period,
        servant=assignment.servant,
        assignment=assignment,
        method=method,
        edition=period.schedule.edition,
        evaluator=assignment_manager(assignment, day),
        status=STATUS_OF[found.status],
        reason=found.reason,
        due_date=found.due or day,
    )
    audit_log(
        actor=actor,
        action="create",
        obj=evaluation,
        summary=str(evaluation),
        changes={
            "status": (None, evaluation.status),
            "method": (None, evaluation.method),
            "reason": (None, ",".join(found.reasons)),
            "due_date": (None, evaluation.due_date),
            "evaluator": (None, evaluation.evaluator),
        },
    )
    return evaluation
