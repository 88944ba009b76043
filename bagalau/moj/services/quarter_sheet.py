"""The quarterly evaluation sheet, App. 3 (seed 001 p.15-27; EDITIONS.md §5.2 D2-D6, §5.3, §9.4
M-1, M-4, M-7, M-8, M-16, M-20, M-22).

The servant self-assesses: the encouraged activities chosen from the organisation's App. 2
catalogue, each a documented instance with its day and evidence, and the breaches (p.23). The
direct manager checks against the discipline records, corrects and agrees (p.24): the agreed
breaches are records of the quarter, and q = 100 + bonus − 2 × breaches with its rating come from
the engine's `quarter_sheet`, never from typed points (M-8). Without a self-assessment the manager
still agrees and the sheet is marked so (M-16). The servant signs, or the HR servant records the
refusal act co-signed by the direct manager (p.25). Deadlines are shown, never enforced (G-1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import Evaluation, Method
from bagalau.evaluations.services.common import sheet_step_write
from bagalau.evaluations.workflow import MOJ_EVALUATION_FLOW
from bagalau.methodology import MethodologyError
from bagalau.methodology.moj2017_workflow import BreachEntry
from bagalau.methodology.moj2017_workflow import QuarterSheet as Computed
from bagalau.moj.access import quarter_sheet_actions, quarter_sheet_get_for
from bagalau.moj.common import compute_quarter
from bagalau.moj.models import (
    QUARTER_SHEET_FLOW,
    DisciplineRecord,
    QuarterSheet,
    QuarterSheetStatus,
)
from bagalau.moj.selectors import organisation_catalogue
from bagalau.moj.services.sheets import (
    SheetSteps,
    sheet_create,
    sheet_evaluation,
)

if TYPE_CHECKING:
    from bagalau.core.types import User

#: The App. 3 sheet's lookup, workflow and steps open to a user (`SheetSteps`).
STEPS = SheetSteps(quarter_sheet_get_for, QUARTER_SHEET_FLOW, quarter_sheet_actions)


def quarter_sheet_open(*, actor: User, evaluation_id: int) -> QuarterSheet:
    """HR or the direct manager opens the App. 3 sheet of a pending quarterly evaluation, in the
    organisation's App. 2 catalogue, which must have been chosen (M-20)."""
    evaluation = sheet_evaluation(
        actor=actor,
        evaluation_id=evaluation_id,
        method=Method.MOJ_QUARTER,
        not_evaluated=N_("This servant is not evaluated in this quarter."),
    )
    organisation = evaluation.period.schedule.organisation
    choice = organisation_catalogue(organisation)
    if choice is None:
        raise DomainError(
            "catalogue",
            N_("The administrator has not chosen the organisation's App. 2 catalogue yet."),
        )
    return sheet_create(
        QuarterSheet,
        actor=actor,
        already_open=N_("The quarterly sheet of this evaluation is already open."),
        changes={"catalogue": (None, choice.catalogue)},
        evaluation=evaluation,
        catalogue=choice.catalogue,
    )


def _items(rows: Sequence[Mapping[str, Any]], field: str) -> list[dict[str, Any]]:
    """Entries as {code, date, evidence}: a code and a day each, the evidence required."""
    clean = []
    for index, row in enumerate(rows):
        code, day = str(row.get("code") or "").strip(), row.get("date")
        evidence = str(row.get("evidence") or "").strip()
        if not code:
            raise DomainError(f"{field}[{index}].code", N_("Choose an item of App. 2."))
        if not isinstance(day, dt.date):
            raise DomainError(f"{field}[{index}].date", N_("Give the day of the activity."))
        if not evidence:
            raise DomainError(
                f"{field}[{index}].evidence", N_("Say what documents the activity (M-7).")
            )
        clean.append({"code": code, "date": day, "evidence": evidence})
    return clean


def _compute(
    sheet: QuarterSheet, items: list[dict[str, Any]], breaches: list[BreachEntry]
) -> Computed:
    try:
        return compute_quarter(sheet.evaluation.period, sheet.catalogue, items, breaches)
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error


def _stored(items: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [{**i, "date": i["date"].isoformat()} for i in items]


def quarter_sheet_self_assess(
    *,
    actor: User,
    sheet_id: int,
    items: Sequence[Mapping[str, Any]],
    breaches: Sequence[Mapping[str, Any]],
    version: int | None = None,
) -> QuarterSheet:
    """The servant's self-assessment (p.23): App. 2 items of the organisation's catalogue with
    their day and evidence, and breaches {kind, date}, all in the quarter's days (the engine
    refuses another catalogue's item or a day outside, naming the field)."""
    with transaction.atomic():
        sheet = STEPS.locked(actor, sheet_id, "self_assess", version)
        clean = _items(items, "items")
        entries = []
        for index, row in enumerate(breaches):
            if not isinstance(row.get("date"), dt.date):
                raise DomainError(f"breaches[{index}].date", N_("Give the date of the breach."))
            entries.append(BreachEntry(str(row.get("kind") or ""), row["date"]))
        _compute(sheet, clean, entries)
        items_stored = _stored(clean)
        sheet_step_write(
            sheet,
            actor=actor,
            flow=QUARTER_SHEET_FLOW,
            action="self_assess",
            audited_as="update",
            values={
                "self_assessed_on": clock.today(),
                "self_items": items_stored,
                "self_breaches": [{"kind": b.kind, "date": b.day.isoformat()} for b in entries],
            },
            changes={"self_items": (None, items_stored)},
        )
    return sheet


def quarter_sheet_agree(
    *,
    actor: User,
    sheet_id: int,
    items: Sequence[Mapping[str, Any]],
    breach_ids: Sequence[int],
    version: int | None = None,
) -> QuarterSheet:
    """The direct manager's agreed column (p.24): the App. 2 items accepted, the breaches as the
    servant's discipline records of the quarter's days (M-22); q and the rating from the engine
    (p.26-27). Agreed without a self-assessment, the sheet is marked so (M-16)."""
    with transaction.atomic():
        sheet = STEPS.locked(actor, sheet_id, "agree", version)
        clean = _items(items, "items")
        period = sheet.evaluation.period
        records = []
        for index, record_id in enumerate(breach_ids):
            record = DisciplineRecord.objects.filter(
                pk=record_id,
                servant=sheet.evaluation.servant,
                day__gte=period.starts,
                day__lte=period.ends,
            ).first()
            if record is None or record in records:
                raise DomainError(
                    f"breaches[{index}]",
                    N_("Choose a breach recorded for this servant in the quarter, once."),
                )
            records.append(record)
        computed = _compute(sheet, clean, [BreachEntry(r.kind, r.day) for r in records])
        no_self_assessment = sheet.status == QuarterSheetStatus.DRAFT
        sheet_step_write(
            sheet,
            actor=actor,
            flow=QUARTER_SHEET_FLOW,
            action="agree",
            audited_as="sign",
            values={
                "agreed_on": clock.today(),
                "agreed_items": _stored(clean),
                "no_self_assessment": no_self_assessment,
                "bonus_points": computed.bonus_points,
                "breaches": computed.breaches,
                "score": computed.score,
                "rating": computed.rating.code,
            },
            changes={
                "score": (None, computed.score),
                "rating": (None, computed.rating.code),
                "breaches": (None, [r.pk for r in records]),
                "no_self_assessment": (None, no_self_assessment),
            },
        )
        sheet.agreed_breaches.set(records)
    return sheet


def _to_commission(actor: User, sheet: QuarterSheet) -> None:
    """The sheet is closed (signed, or the refusal act drawn up: p.25): its evaluation goes
    before the commission with the agreed q and its rating (p.34-35; EDITIONS.md §5.3)."""
    evaluation = Evaluation.objects.select_for_update(of=("self",)).get(pk=sheet.evaluation_id)
    MOJ_EVALUATION_FLOW.require(
        "to_commission", evaluation.status, label=evaluation.get_status_display()
    )
    before = (evaluation.status, evaluation.score, evaluation.rating)
    evaluation.status = MOJ_EVALUATION_FLOW.target("to_commission", evaluation.status)
    evaluation.score = Decimal(sheet.score) if sheet.score is not None else None
    evaluation.rating = sheet.rating
    evaluation.save(update_fields=["status", "score", "rating", "updated_at"])
    sheet.evaluation = evaluation
    audit_log(
        actor=actor,
        action="to_commission",
        obj=evaluation,
        changes={
            "status": (before[0], evaluation.status),
            "score": (before[1], evaluation.score),
            "rating": (before[2], evaluation.rating),
        },
    )


def quarter_sheet_sign(*, actor: User, sheet_id: int) -> QuarterSheet:
    """The servant signs the agreed sheet (p.25); the quarter goes before the commission."""
    with transaction.atomic():
        sheet = STEPS.servant_signed(actor=actor, sheet_id=sheet_id, action="sign", day="signed_on")
        _to_commission(actor, sheet)
    return sheet


def quarter_sheet_record_refusal(*, actor: User, sheet_id: int, note: str) -> QuarterSheet:
    """The servant refuses to sign: the HR servant draws up the free-form act with the direct
    manager (p.25), the signers the edition's ``refusal_to_sign`` act names (methodology.acts):
    the HR author and the evaluation's direct manager. The papers still go to the commission."""
    with transaction.atomic():
        sheet = STEPS.refusal_recorded(actor=actor, sheet_id=sheet_id, note=note)
        _to_commission(actor, sheet)
    return sheet
