"""The appeal against the commission's decision and its outcome, for the typical-2018 and moj-2017
editions (EDITIONS.md §2.2 I1-I4, §5.2 F1-F3; seed 004 p.43-44; seed 001 p.38-39; §9 M-12, M-13):
the agency's outcome or the court's, recorded as facts; an outcome that reconsiders the result
puts the servant back before the commission (I3).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.calibration.models import Appeal, AppealBasis, AppealOutcome
from bagalau.calibration.services.appeals import appeal_create, require_outcome_not_before_filing
from bagalau.commission.editions import flow_of, model_of
from bagalau.commission.selectors import (
    appeal_due_of,
    pending_appeal,
)
from bagalau.commission.services.agency import agency_report_open
from bagalau.commission.services.common import past_date, require_not_before
from bagalau.commission.services.result_steps import (
    acting_on_result,
    decision_session,
    late_days,
)
from bagalau.core import bounds
from bagalau.core.errors import DomainError
from bagalau.evaluations.services.status_step import evaluation_status_step
from bagalau.methodology import EvaluationModel

if TYPE_CHECKING:
    from bagalau.core.types import User

#: The outcomes of an appeal against the commission's decision: the agency's (I2, p.43), and the
#: court's, recorded as facts (I4, p.44).
APPEAL_OUTCOMES = {
    AppealBasis.COMMISSION: (AppealOutcome.RECOMMEND_REVISION, AppealOutcome.LEFT_UNCHANGED),
    AppealBasis.COURT: (AppealOutcome.UPHELD, AppealOutcome.OVERTURNED, AppealOutcome.WITHDRAWN),
}
#: The agency's outcomes on a moj-2017 appeal: 001 names none, so the two of 004 p.43 and "other",
#: described in the note (M-13).
MOJ_AGENCY_OUTCOMES = (
    AppealOutcome.RECOMMEND_REVISION,
    AppealOutcome.LEFT_UNCHANGED,
    AppealOutcome.OTHER,
)
#: The outcomes that put the servant back before the commission (I3; a court's annulment).
RECONSIDERED = (AppealOutcome.RECOMMEND_REVISION, AppealOutcome.OVERTURNED)


def commission_appeal_record(
    *,
    actor: User,
    evaluation_id: int,
    filed_on: dt.date | None,
    authority: str,
    note: str = "",
    basis: str = AppealBasis.COMMISSION,
) -> Appeal:
    """The working body records the servant's appeal against the commission's decision to the
    authorised civil-service body or its territorial department (I1, p.43), or the servant's claim
    to a court (`basis` "court", I4, p.44: a recorded fact, its time limits the procedural code's);
    both happen outside the system. The agency appeal is due within 10 working days of the
    decision, the session's date (T-14); a later one is still recorded, marked as late (G-1: past
    years, never refused). One appeal awaits its outcome at a time."""
    if basis not in APPEAL_OUTCOMES:
        raise DomainError(
            "basis", N_('Choose "appeal to the agency" or "claim to a court" (p.43-44).')
        )
    with transaction.atomic():
        evaluation = acting_on_result(actor, evaluation_id, "appeal")
        if pending_appeal(evaluation) is not None:
            raise DomainError("filed_on", N_("An appeal on this result awaits its outcome."))
        session = decision_session(evaluation, "filed_on")
        day = past_date(filed_on, "filed_on", message=N_("Give the date the appeal was filed."))
        require_not_before(
            "filed_on",
            day,
            session.date,
            N_("The appeal cannot precede the commission's decision of %(date)s."),
        )
        authority = bounds.bounded_text(authority, "authority", bounds.TITLE)
        if not authority:
            raise DomainError("authority", N_("Name the body the appeal went to."))
        note = bounds.bounded_text(note, "note")
        appeal = appeal_create(
            actor=actor,
            basis=basis,
            evaluation=evaluation,
            filed_on=day,
            authority=authority,
            note=note,
            changes={
                "decision_on": (None, session.date),
                "late_by_working_days": (
                    None,
                    late_days(appeal_due_of(evaluation, session), day)
                    if basis == AppealBasis.COMMISSION
                    else None,
                ),
            },
        )
    return appeal


def commission_appeal_outcome(
    *, actor: User, appeal_id: int, outcome: str, decided_on: dt.date | None, note: str = ""
) -> Appeal:
    """The working body records the agency's outcome (I2, p.43): "recommend revision" (cancel the
    commission's decision and revise the result) or "left unchanged"; or a court's (I4, p.44):
    upheld, overturned or withdrawn. A recommended revision, or a decision the court overturned,
    puts the servant back before the commission (I3): the evaluation may go on a later session for a
    new motion, protocol, approval and familiarisation, whose service-record entry supersedes this
    one (T-15). Seed 004 is silent on what follows the recommendation (§9 T-15); whether the body
    had to follow it is outside the system."""
    with transaction.atomic():
        found = Appeal.objects.filter(pk=appeal_id, basis__in=list(APPEAL_OUTCOMES))
        evaluation_id = found.values_list("evaluation_id", flat=True).first()
        if evaluation_id is None:
            raise Http404("No such appeal.")
        evaluation = acting_on_result(actor, evaluation_id, "appeal_outcome")
        appeal = Appeal.objects.select_for_update(of=("self",)).get(pk=appeal_id)
        if appeal.outcome != AppealOutcome.PENDING:
            raise DomainError("outcome", N_("The outcome of this appeal is recorded."))
        allowed = APPEAL_OUTCOMES[AppealBasis(appeal.basis)]
        if (
            appeal.basis == AppealBasis.COMMISSION
            and model_of(evaluation) == EvaluationModel.MOJ2017
        ):
            allowed = MOJ_AGENCY_OUTCOMES
        if outcome not in allowed:
            if allowed == MOJ_AGENCY_OUTCOMES:
                raise DomainError(
                    "outcome",
                    N_('Choose "recommend revision", "left unchanged" or "other" (M-13).'),
                )
            if appeal.basis == AppealBasis.COURT:
                raise DomainError(
                    "outcome", N_('Choose "upheld", "overturned" or "withdrawn" (p.44).')
                )
            raise DomainError(
                "outcome", N_('Choose "recommend revision" or "left unchanged" (p.43).')
            )
        day = past_date(decided_on, "decided_on", message=N_("Give the date of the outcome."))
        require_outcome_not_before_filing("decided_on", day, appeal.filed_on)
        note = bounds.bounded_text(note, "note")
        changes: dict[str, tuple[Any, Any]] = {
            "outcome": (appeal.outcome, outcome),
            "outcome_on": (None, day),
        }
        appeal.outcome = outcome
        appeal.outcome_on = day
        if note:
            changes["note"] = (appeal.note, note)
            appeal.note = note
        appeal.save()
        audit_log(actor=actor, action="update", obj=appeal, changes=changes)
        if (
            appeal.basis == AppealBasis.COMMISSION
            and model_of(evaluation) == EvaluationModel.MOJ2017
        ):
            agency_report_open(actor=actor, appeal=appeal)
        if outcome in RECONSIDERED:
            flow = flow_of(evaluation)
            flow.require("reconsider", evaluation.status, label=evaluation.get_status_display())
            evaluation_status_step(
                evaluation,
                actor=actor,
                flow=flow,
                action="reconsider",
                changes={"appeal": (None, appeal.pk)},
            )
    return appeal
