"""Calibration: appeals against the result and their outcome (seed 002 p.13; SPEC §4.7); and what
every appeal shares, against a calibration or a commission decision (issue 9 item 6): its row
with the audit entry (appeal_create) and an outcome never before the filing
(require_outcome_not_before_filing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log, diff
from bagalau.calibration.access import appeal_get_for, is_hr
from bagalau.calibration.models import SESSION_FLOW, Appeal, AppealBasis, AppealOutcome
from bagalau.calibration.selectors import local_date
from bagalau.core import clock
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.core.types import account

if TYPE_CHECKING:
    from bagalau.calibration.models import Session
    from bagalau.core.types import User
    from bagalau.evaluations.models import Evaluation

from bagalau.calibration.services.common import _session_locked_for

# --- appeals (p.13) ------------------------------------------------------------------------------


def _check_outcome_on(outcome_on: dt.date | None, filed_on: dt.date) -> dt.date:
    if outcome_on is None:
        raise DomainError("outcome_on", N_("Give the date of the outcome."))
    if outcome_on > clock.today():
        raise DomainError("outcome_on", N_("The outcome cannot be dated in the future."))
    require_outcome_not_before_filing("outcome_on", outcome_on, filed_on)
    return outcome_on


def require_outcome_not_before_filing(field: str, outcome_on: dt.date, filed_on: dt.date) -> None:
    """A DomainError on `field` when an appeal's outcome is dated before the appeal was filed."""
    if outcome_on < filed_on:
        raise DomainError(
            field,
            N_("The outcome cannot precede the appeal of %(date)s."),
            date=day_text(filed_on),
        )


def appeal_create(
    *,
    actor: User,
    basis: str,
    evaluation: Evaluation,
    filed_on: dt.date,
    authority: str,
    note: str,
    changes: Mapping[str, tuple[Any, Any]],
    session: Session | None = None,
) -> Appeal:
    """The appeal's row and its audit entry (filed on, authority, then `changes`), for every kind
    of appeal; the caller has checked the rules of its kind and holds the transaction."""
    appeal = Appeal.objects.create(
        basis=basis,
        evaluation=evaluation,
        session=session,
        filed_on=filed_on,
        authority=authority,
        note=note,
        recorded_by=account(actor),
    )
    audit_log(
        actor=actor,
        action="create",
        obj=appeal,
        changes={"filed_on": (None, filed_on), "authority": ("", authority), **changes},
    )
    return appeal


def appeal_record(
    *,
    actor: User,
    session_id: int,
    filed_on: dt.date | None,
    authority: str,
    note: str = "",
) -> Appeal:
    """HR records an appeal against the session's decision under the Administrative Procedural
    Code (p.13). Its outcome is decided outside the system and does not change the score."""
    with transaction.atomic():
        session, evaluation = _session_locked_for(
            actor, session_id, is_hr, "Only the HR service records appeals."
        )
        decided_on = local_date(session.decided_at)
        if not SESSION_FLOW.is_open("appeal", session.status) or decided_on is None:
            raise DomainError("filed_on", N_("Only a decision of the session can be appealed."))
        if filed_on is None:
            raise DomainError("filed_on", N_("Give the date the appeal was filed."))
        if filed_on > clock.today():
            raise DomainError("filed_on", N_("The appeal cannot be dated in the future."))
        if filed_on < decided_on:
            raise DomainError(
                "filed_on",
                N_("The appeal cannot precede the session's decision of %(date)s."),
                date=day_text(decided_on),
            )
        authority = (authority or "").strip()
        if not authority:
            raise DomainError("authority", N_("Name the body or court the appeal went to."))
        note = (note or "").strip()
        appeal = appeal_create(
            actor=actor,
            basis=AppealBasis.CALIBRATION,
            evaluation=evaluation,
            session=session,
            filed_on=filed_on,
            authority=authority,
            note=note,
            changes={"outcome": (None, AppealOutcome.PENDING), "note": ("", note)},
        )
    return appeal


def appeal_update_outcome(
    *,
    actor: User,
    appeal_id: int,
    outcome: str,
    outcome_on: dt.date | None = None,
    note: str | None = None,
) -> Appeal:
    """HR records the outcome of an appeal (pending, upheld, overturned, withdrawn), against a
    calibration or a commission decision. A decision
    overturned outside the system is recorded here; a revised result follows its own procedure."""
    with transaction.atomic():
        visible = appeal_get_for(user=actor, id=appeal_id)
        if not is_hr(actor, visible.evaluation):
            raise PermissionDenied("Only the HR service records appeals.")
        appeal = Appeal.objects.select_for_update(of=("self",)).get(pk=appeal_id)
        if outcome not in AppealOutcome.values:
            raise DomainError("outcome", N_("Choose the outcome of the appeal."))
        updates: dict[str, Any] = {"outcome": outcome}
        if outcome == AppealOutcome.PENDING:
            updates["outcome_on"] = None
        else:
            updates["outcome_on"] = _check_outcome_on(outcome_on, appeal.filed_on)
        if note is not None:
            updates["note"] = note.strip()
        changes = diff(appeal, updates)
        for key, value in updates.items():
            setattr(appeal, key, value)
        appeal.save()
        audit_log(
            actor=actor,
            action="update",
            obj=appeal,
            changes=changes,
        )
    return appeal
