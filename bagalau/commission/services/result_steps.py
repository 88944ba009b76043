"""What the steps after the commission share (EDITIONS.md §2.2 H1-H3, I1-I3; seed 004 p.39-43;
seed 001 p.35-38; §9 G-1, T-11, M-17): the result locked for a part that takes the step, the
decision that took effect and its day, a date on or after it, and the working days late.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_noop as N_

from bagalau.commission.access import result_action_table, result_find_for, result_parts
from bagalau.commission.editions import approver_of
from bagalau.commission.models import CommissionSession
from bagalau.commission.selectors import deciding_session, lateness
from bagalau.commission.services.common import past_date, require_not_before
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import (
    Evaluation,
)

if TYPE_CHECKING:
    from bagalau.core.types import User


def acting_on_result(actor: User, evaluation_id: int, action: str) -> Evaluation:
    """The evaluation locked, when the actor holds a part that takes `action` (Http404 when they
    cannot see the result, PermissionDenied when they can but it is not theirs) and its status
    allows it (a DomainError on ``status`` otherwise)."""
    visible = result_find_for(user=actor, id=evaluation_id)
    table = result_action_table(visible)
    if action not in table:
        raise DomainError("status", N_("This step is not part of this edition's procedure."))
    statuses, takers = table[action]
    if not result_parts(actor, visible) & takers:
        raise PermissionDenied("Not your part in this result.")
    evaluation = (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("servant", "period__schedule__organisation")
        .get(pk=evaluation_id)
    )
    if evaluation.status not in statuses:
        raise DomainError(
            "status",
            N_("This cannot be done while the result is: %(status)s."),
            status=evaluation.get_status_display(),
        )
    return evaluation


def decision_session(evaluation: Evaluation, field: str) -> CommissionSession:
    """The session whose decision on the servant took effect; a DomainError on `field` else."""
    session = deciding_session(evaluation)
    if session is None or effective_on(evaluation, session) is None:
        raise DomainError(field, N_("No approved decision of the commission on this servant."))
    return session


def effective_on(evaluation: Evaluation, session: CommissionSession) -> dt.date | None:
    """The day the decision took effect: the authorised person's approval (004 p.39, T-11), or
    the session itself where the commission's protocol is the last step (001 p.35-36, M-17)."""
    if approver_of(evaluation) == "commission":
        return session.date
    return session.approved_on


def after_approval(evaluation: Evaluation, value: dt.date | None, field: str) -> dt.date:
    """A past date, on or after the day the results took effect (T-11; 001 p.36, M-17)."""
    day = past_date(value, field, message=N_("Give the date."))
    session = decision_session(evaluation, field)
    effective = effective_on(evaluation, session)
    assert effective is not None
    require_not_before(
        field,
        day,
        effective,
        N_("The results were approved on %(date)s: this is on or after that day."),
    )
    return day


def late_days(due: dt.date | None, actual: dt.date) -> int:
    late = lateness(due, actual)
    return late.working_days if late is not None and late.late else 0
