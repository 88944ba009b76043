"""The commission's decisions on moj-2017 quarters and years (seed 001 p.34-36, p.46; EDITIONS.md
§5.2 D7, E4, E6-E8, §5.3; §9.4 M-5, M-17).

- Only papers ready in time go on the agenda: an annual evaluation whose score HR computed at
  least 5 working days before the session (p.32, `annual_computation_due`).
- A revision corrects the score in the protocol with an explanation (p.35): q in whole points
  for a quarter, the annual score to 1 decimal for a year; the rating is the engine's.
- There is no approval by the authorised person (p.35, §5.3): the protocol's last signature makes
  the decisions take effect. Each evaluation then holds its final score and rating, is DECIDED,
  enters the service record in points (p.46) and is to be familiarised within 2 working days of
  the session (p.36, M-17).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log_many
from bagalau.commission.editions import flow_of, moj_kind
from bagalau.commission.models import CommissionSession, Motion, MotionKind
from bagalau.commission.services.common import (
    RESULT_FIELDS,
    adopted_items,
    result_note,
    result_stands,
)
from bagalau.core import clock
from bagalau.core.bulk import bulk_change
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import Evaluation, ResultKind, ServiceRecordEntry
from bagalau.methodology import MethodologyError, get_edition, moj2017_rules
from bagalau.methodology.moj2017 import Moj2017Rules
from bagalau.methodology.moj2017_commission import Correction, corrected_result
from bagalau.methodology.moj2017_workflow import annual_computation_due, familiarisation_due
from bagalau.notifications.services import notify_many
from bagalau.org.selectors import work_calendar

if TYPE_CHECKING:
    from bagalau.core.types import User

#: Rows per UPDATE or INSERT when a protocol's decisions take effect.
BATCH = 1000
#: What a decision taking effect changes on the evaluation.
DECIDED_FIELDS = [*RESULT_FIELDS, "completed_at", "version"]
#: What a service record entry holds of the result (`_record_values`).
RECORD_FIELDS = ("servant", "period", "method", "result_kind", "score", "result_text", "rating")


def rules_of(evaluation: Evaluation) -> Moj2017Rules:
    """The moj-2017 rules of the evaluation's edition."""
    return moj2017_rules(get_edition(evaluation.edition))


def computed_on(evaluation: Evaluation) -> dt.date:
    """The day HR computed the annual score (p.32), as the App. 4 sheet records it; without one
    (a result entered otherwise), the moment it was signed into the record (`signed_at`), else the
    evaluation's last change, which put it before the commission."""
    sheet = getattr(evaluation, "moj_annual_sheet", None)
    day = getattr(sheet, "computed_on", None)
    if isinstance(day, dt.date):
        return day
    return timezone.localdate(evaluation.signed_at or evaluation.updated_at)


def check_agenda(evaluations: Iterable[Evaluation], session_date: dt.date) -> None:
    """An annual evaluation goes on a session's agenda only when HR computed its score by the 5th
    working day before the session (p.32): else a DomainError on ``evaluations`` naming the
    servant and both days."""
    calendar = work_calendar()
    for evaluation in evaluations:
        if moj_kind(evaluation) != "annual":
            continue
        try:
            due = annual_computation_due(rules_of(evaluation), calendar, session_date)
        except MethodologyError as error:
            raise DomainError.from_methodology(error) from error
        done = computed_on(evaluation)
        if done > due:
            raise DomainError(
                "evaluations",
                N_(
                    "The annual score of %(servant)s was computed on %(done)s: it must be ready "
                    "5 working days before the session, by %(due)s (p.32). Choose a later "
                    "session date."
                ),
                servant=evaluation.servant.full_name,
                done=day_text(done),
                due=day_text(due),
            )


def motion_correction(
    evaluation: Evaluation, kind: str, revised_score: object, reason: str
) -> Correction | None:
    """Check a motion on a moj-2017 evaluation (p.35): approving keeps the result; revising
    states the corrected score, one the sheet holds, and the explanation. Returns the correction
    (score and the engine's rating) of a revision."""
    if kind == MotionKind.APPROVE:
        if revised_score not in (None, ""):
            raise DomainError(
                "kind", N_("Approving keeps the results: a correction needs a revision.")
            )
        return None
    if kind != MotionKind.REVISE:
        raise DomainError("kind", N_("Choose to approve or to revise the results."))
    if revised_score in (None, ""):
        raise DomainError(
            "revised_score", N_("A revision states the corrected score in the protocol (p.35).")
        )
    if not reason:
        raise DomainError("reason", N_("A revision gives its explanation in the protocol (p.35)."))
    kind_of = moj_kind(evaluation)
    assert kind_of is not None
    try:
        return corrected_result(rules_of(evaluation), kind_of, revised_score)
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error


def final_result(evaluation: Evaluation, motion: Motion) -> tuple[Decimal | None, str]:
    """The final score and rating: the commission's correction, else the sheet's (p.35)."""
    if motion.kind != MotionKind.REVISE or motion.revised_score is None:
        return evaluation.score, evaluation.rating
    kind = moj_kind(evaluation)
    assert kind is not None
    correction = corrected_result(rules_of(evaluation), kind, motion.revised_score)
    return correction.score, correction.rating.code


def moj_service_record(evaluation: Evaluation) -> ServiceRecordEntry:
    """The result in the servant's service record, in points exactly (p.46: 112.00); replaced
    when a later decision supersedes it."""
    entry, _created = ServiceRecordEntry.objects.update_or_create(
        evaluation=evaluation, defaults=_record_values(evaluation)
    )
    return entry


def take_effect(actor: User, session: CommissionSession) -> None:
    """The protocol's last signature: each decision on the agenda takes effect (p.35, §5.3),
    the evaluations, their service record entries, audit rows and notifications written in
    batches (issue 12 item 2)."""
    calendar = work_calendar()
    now = clock.now()
    dues: dict[str, dt.date | None] = {}
    rows, audited, notes = [], [], []
    for _item, motion, evaluation in adopted_items(session):
        flow = flow_of(evaluation)
        flow.require("decide", evaluation.status, label=evaluation.get_status_display())
        score, rating = final_result(evaluation, motion)
        if evaluation.edition not in dues:
            try:
                dues[evaluation.edition] = familiarisation_due(
                    rules_of(evaluation), calendar, session.date
                )
            except MethodologyError:
                dues[evaluation.edition] = None
        due = dues[evaluation.edition]
        status = flow.target("decide", evaluation.status)
        changes = result_stands(
            evaluation, status=status, score=score, rating=rating, due=due, completed_at=now
        )
        rows.append(evaluation)
        audited.append((evaluation, changes))
        notes.append(
            result_note(session, evaluation, "commission_result_decided", session.date, due)
        )
    bulk_change(rows, DECIDED_FIELDS)
    entries = moj_service_records(rows)
    audit_log_many(
        actor=actor,
        action="decide",
        organisation=session.organisation,
        items=(
            (e, str(e), {**changes, "service_record_entry": (None, entries[e.pk].pk)})
            for e, changes in audited
        ),
    )
    notify_many(notes)


def moj_service_records(evaluations: list[Evaluation]) -> dict[int, ServiceRecordEntry]:
    """`moj_service_record` for many evaluations (servant and period joined): the existing
    entries read in one query and updated, the others inserted, in batches; {evaluation id:
    entry}."""
    existing: dict[int, ServiceRecordEntry] = {
        entry.evaluation_id: entry
        for entry in ServiceRecordEntry.objects.filter(evaluation__in=evaluations)
        if entry.evaluation_id is not None
    }
    fresh, changed = [], []
    for evaluation in evaluations:
        values = _record_values(evaluation)
        entry = existing.get(evaluation.pk)
        if entry is None:
            entry = ServiceRecordEntry(evaluation=evaluation, **values)
            fresh.append(entry)
            existing[evaluation.pk] = entry
        else:
            for name, value in values.items():
                setattr(entry, name, value)
            changed.append(entry)
    ServiceRecordEntry.objects.bulk_create(fresh, batch_size=BATCH)
    bulk_change(changed, list(RECORD_FIELDS))
    return existing


def _record_values(evaluation: Evaluation) -> dict[str, Any]:
    return {
        "servant": evaluation.servant,
        "period": str(evaluation.period),
        "method": evaluation.method,
        "result_kind": ResultKind.POINTS,
        "score": evaluation.final_score,
        "result_text": "",
        "rating": evaluation.final_rating,
    }
