"""The protocol of a commission session (App. 5): its signatures, the last of which closes it, and
the authorised person's approval where the edition has one (EDITIONS.md §2.2 G3-G4, §9 T-12;
seed 001 p.35: under moj-2017 the closing signature makes the decisions take effect).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log, audit_log_many
from bagalau.commission.access import seat_of, signatories
from bagalau.commission.editions import session_approver
from bagalau.commission.models import (
    SESSION_FLOW,
    CommissionSession,
    Motion,
    MotionKind,
    Signature,
)
from bagalau.commission.selectors import (
    AUTHORISED_ROLES,
    commission_familiarisation_due,
)
from bagalau.commission.services.common import (
    RESULT_FIELDS,
    adopted_items,
    past_date,
    require_not_before,
    result_note,
    result_stands,
    status_move,
)
from bagalau.commission.services.moj_decisions import take_effect
from bagalau.commission.services.sessions import session_locked_for
from bagalau.core import bounds
from bagalau.core.bulk import bulk_change
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.evaluations.models import Evaluation
from bagalau.evaluations.workflow import TYPICAL_EVALUATION_FLOW
from bagalau.methodology import get_edition
from bagalau.methodology.editions import typical2018_rules
from bagalau.methodology.typical2018 import kpi_result
from bagalau.notifications.services import notify, notify_many
from bagalau.org.selectors import users_with_role

if TYPE_CHECKING:
    from bagalau.core.types import User


# --- the protocol (App. 5) and its approval (p.39) ----------------------------------------------


def protocol_sign(*, actor: User, session_id: int, signed_on: dt.date | None) -> Signature:
    """The actor signs the protocol in their seat (the secretary, the chair or a member present);
    once every servant on the agenda is decided. The last signature closes the protocol."""
    with transaction.atomic():
        session = session_locked_for(actor, session_id, "sign", "signatory")
        undecided = list(
            session.agenda.exclude(motions__adopted=True).select_related("evaluation__servant")[:1]
        )
        if undecided:
            raise DomainError(
                "signed_on",
                N_("The commission has not decided on %(servant)s yet."),
                servant=undecided[0].evaluation.servant.full_name,
            )
        signed_on = past_date(signed_on, "signed_on", message=N_("Give the date of signing."))
        require_not_before(
            "signed_on",
            signed_on,
            session.date,
            N_("The protocol cannot be signed before the session of %(date)s."),
        )
        seat = seat_of(actor, session)
        assert seat is not None  # the "signatory" part is a seat's
        signature = Signature.objects.create(
            session=session, seat=seat, signed_on=signed_on, recorded_by=account(actor)
        )
        audit_log(
            actor=actor,
            action="sign",
            obj=signature,
            changes={"signed_on": (None, signed_on), "role": (None, seat.role)},
        )
        signed = set(session.signatures.values_list("seat_id", flat=True))
        if all(s.pk in signed for s in signatories(session)):
            status_move(actor, session, SESSION_FLOW, "close_protocol")
            if session_approver(session) == "commission":
                take_effect(actor, session)
                return signature
            url = reverse("commission:session", args=[session.pk])
            for user in users_with_role(session.organisation, *AUTHORISED_ROLES):
                notify(
                    recipient=user,
                    kind="commission_protocol_to_approve",
                    params={"date": day_text(session.date)},
                    url=url,
                    dedupe_key=f"commission-approve-{session.pk}-{user.pk}",
                )
    return signature


def _final(evaluation: Evaluation, motion: Motion) -> tuple[Decimal | None, str]:
    """The final KPI count and rating: the commission's correction, else the evaluator's (T-13)."""
    if motion.kind != MotionKind.REVISE or motion.revised_kpi_achieved is None:
        return evaluation.score, evaluation.rating
    rules = typical2018_rules(get_edition(evaluation.edition))
    count = motion.revised_kpi_achieved
    result = kpi_result(rules, [True] * count + [False] * (rules.kpi_count - count))
    return Decimal(result.achieved), result.rating.code


def session_approve(
    *, actor: User, session_id: int, approved_on: dt.date | None, remarks: str = ""
) -> CommissionSession:
    """The authorised person approves the protocol, and with it the results (p.39; T-12: approve
    only, with remarks). Each servant's result stands as decided; the servant is told and is to
    be familiarised within 2 working days (H1, p.40; T-11: counted from this approval)."""
    with transaction.atomic():
        session = session_locked_for(actor, session_id, "approve", "authorised_person")
        if session_approver(session) == "commission":
            raise DomainError(
                "approved_on",
                N_(
                    "The commission's decisions took effect with the signed protocol: this "
                    "edition has no approval by the authorised person (p.35)."
                ),
            )
        approved_on = past_date(
            approved_on, "approved_on", message=N_("Give the date of the approval.")
        )
        last = session.signatures.order_by("-signed_on").first()
        require_not_before(
            "approved_on",
            approved_on,
            None if last is None else last.signed_on,
            N_("The protocol was signed on %(date)s: it is approved on or after that day."),
        )
        remarks = bounds.bounded_text(remarks, "remarks")
        _approve_results(actor, session, approved_on)
        session.approved_by = account(actor)
        session.approved_on = approved_on
        session.approval_remarks = remarks
        session.save(update_fields=["approved_by", "approved_on", "approval_remarks", "updated_at"])
        status_move(actor, session, SESSION_FLOW, "approve")
    return session


def _approve_results(actor: User, session: CommissionSession, approved_on: dt.date) -> None:
    """Each servant's result stands as decided (p.39), familiarised within 2 working days of the
    approval (H1, p.40; T-11; a result decided anew, I3, is familiarised anew): the evaluations
    written in batches with their audit rows and notifications (issue 12 item 2)."""
    rows, audited, notes = [], [], []
    dues: dict[str, dt.date | None] = {}
    for _item, motion, evaluation in adopted_items(session):
        TYPICAL_EVALUATION_FLOW.require(
            "approve", evaluation.status, label=evaluation.get_status_display()
        )
        score, rating = _final(evaluation, motion)
        if evaluation.edition not in dues:
            dues[evaluation.edition] = commission_familiarisation_due(evaluation, approved_on)
        due = dues[evaluation.edition]
        status = TYPICAL_EVALUATION_FLOW.target("approve", evaluation.status)
        changes = result_stands(evaluation, status=status, score=score, rating=rating, due=due)
        rows.append(evaluation)
        audited.append((evaluation, str(evaluation), changes))
        notes.append(
            result_note(session, evaluation, "commission_result_approved", approved_on, due)
        )
    bulk_change(rows, RESULT_FIELDS)
    audit_log_many(actor=actor, action="approve", organisation=session.organisation, items=audited)
    notify_many(notes)
