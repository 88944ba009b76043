"""The App. 2 KPI sheet of a typical-2018 year (seed 004 p.17-24; EDITIONS.md §2.2 E1-E6, §2.3
KpiSheet, §6.1 App. 2): opened from the servant's approved work plan, filled and signed by the
direct manager, agreed or returned by the superior manager (the first head, p.20), sent to the
commission by HR. Every write locks the sheet, follows KPI_SHEET_FLOW and is audited; deadlines
are shown by selectors, never enforced (G-1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import bounds
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.methodology import MethodologyError
from bagalau.methodology.typical2018 import kpi_result
from bagalau.methodology.typical2018_workflow import (
    kpi_sheet_to_commission_due,
    resubmission_due,
)
from bagalau.notifications.services import notify
from bagalau.org.selectors import superior_manager, work_calendar
from bagalau.plans.models import Kpi, PlanStatus, WorkPlan
from bagalau.typical.access import kpi_sheet_parts
from bagalau.typical.common import rules_for
from bagalau.typical.models import (
    KPI_SHEET_FLOW,
    KpiSheet,
    KpiSheetRow,
    ReturnGround,
)
from bagalau.typical.services.common import (
    SheetKind,
    evaluation_for_new_sheet,
    notify_hr_to_send,
    sheet_for_fill,
    sheet_for_step,
    sheet_send,
    sheet_step_record,
    step_day,
)

if TYPE_CHECKING:
    from bagalau.core.types import User

ACTUAL_MAX = 100
KPI_SHEET = SheetKind(
    model=KpiSheet,
    flow=KPI_SHEET_FLOW,
    parts=kpi_sheet_parts,
    stale=N_("Someone changed the KPI sheet meanwhile; reload and try again."),
    closed=N_("The KPI sheet is %(status)s: it can no longer be changed."),
)


def _planned(kpi: Kpi) -> str:
    """The planned value App. 2 col. 4 copies from the plan: the year's last planned value."""
    for value in (kpi.plan_q4, kpi.plan_q3, kpi.plan_q2, kpi.plan_q1):
        if value is not None:
            return format(value.normalize(), "f")
    return "—"


def kpi_sheet_open(*, actor: User, evaluation_id: int) -> KpiSheet:
    """The direct manager (or HR) opens the App. 2 sheet of an evaluation still open: one row
    per KPI of the servant's approved work plan for the year, which has exactly the edition's
    number of KPIs (p.14), and the superior manager who agrees it, or the direct manager himself
    when he is the first head (p.19-20). Opening an opened sheet returns it."""
    with transaction.atomic():
        evaluation, existing = evaluation_for_new_sheet(actor, evaluation_id, KpiSheet)
        if existing is not None:
            return existing
        rules = rules_for(evaluation.edition)
        year = evaluation.period.schedule.year
        plan = (
            WorkPlan.objects.filter(
                servant=evaluation.servant, year=year, status=PlanStatus.APPROVED
            )
            .order_by("-approved_at", "-pk")
            .first()
        )
        if plan is None:
            raise DomainError(
                "plan",
                N_("%(servant)s has no approved work plan for %(year)s (App. 1)."),
                servant=evaluation.servant.full_name,
                year=year,
            )
        kpis = list(plan.kpis.order_by("number"))
        if len(kpis) != rules.kpi_count:
            raise DomainError(
                "plan",
                N_(
                    "The approved work plan has %(found)s KPIs; the sheet takes exactly "
                    "%(count)s (p.14)."
                ),
                found=len(kpis),
                count=rules.kpi_count,
            )
        evaluator = evaluation.evaluator
        assert evaluator is not None  # evaluation_for_new_sheet refuses a year without one
        approver = superior_manager(evaluation.servant, evaluation.due_date) or evaluator
        sheet = KpiSheet.objects.create(evaluation=evaluation, approver=approver)
        KpiSheetRow.objects.bulk_create(
            KpiSheetRow(
                sheet=sheet,
                number=index,
                name=kpi.name,
                unit=kpi.unit,
                planned=_planned(kpi)[:100],
            )
            for index, kpi in enumerate(kpis, start=1)
        )
        audit_log(
            actor=actor,
            action="create",
            obj=sheet,
            changes={"plan": (None, plan.pk), "approver": (None, approver)},
        )
    return sheet


def _edit_field(rows: Mapping[int, Mapping[str, Any]]) -> str:
    """The first field an edit touches, for the refusal to name."""
    for number, values in rows.items():
        for key in values:
            return f"rows.{number}.{key}"
        return f"rows.{number}"
    return "rows"


def kpi_sheet_fill(
    *,
    actor: User,
    sheet_id: int,
    rows: Mapping[int, Mapping[str, Any]],
    expected_version: int | None = None,
) -> KpiSheet:
    """The direct manager enters, per KPI number, the actual value (``actual``) and whether it
    was fully achieved (``achieved``: True, False or None) while the sheet is a draft or
    returned (p.17, p.23). A signed sheet is refused naming the field; a KPI number the sheet
    does not have is refused (the plan has exactly 5, p.14)."""
    with transaction.atomic():
        sheet = sheet_for_fill(
            actor, KPI_SHEET, sheet_id, field=_edit_field(rows), expected_version=expected_version
        )
        existing = {row.number: row for row in sheet.rows.all()}
        changes: dict[str, tuple[Any, Any]] = {}
        for number, values in rows.items():
            row = existing.get(number)
            if row is None:
                raise DomainError(
                    f"rows.{number}",
                    N_(
                        "The sheet has the KPIs 1-%(count)s of the work plan; there is no KPI "
                        "%(number)s."
                    ),
                    count=len(existing),
                    number=number,
                )
            for key, value in values.items():
                if key == "actual":
                    value = str(value or "").strip()
                    if len(value) > ACTUAL_MAX:
                        raise DomainError(
                            f"rows.{number}.actual",
                            N_("Enter at most %(max)s characters."),
                            max=ACTUAL_MAX,
                        )
                elif key == "achieved":
                    if value not in (True, False, None):
                        raise DomainError(
                            f"rows.{number}.achieved", N_("Say whether the KPI was achieved.")
                        )
                else:
                    raise DomainError(f"rows.{number}.{key}", N_("This column is not entered."))
                if getattr(row, key) != value:
                    changes[f"rows.{number}.{key}"] = (getattr(row, key), value)
                    setattr(row, key, value)
        KpiSheetRow.objects.bulk_update(list(existing.values()), ["actual", "achieved"])
        sheet.version += 1
        sheet.save(update_fields=["version", "updated_at"])
        if changes:
            audit_log(actor=actor, action="update", obj=sheet, changes=changes)
    return sheet


def kpi_sheet_sign(
    *,
    actor: User,
    sheet_id: int,
    signed_on: dt.date | None = None,
    expected_version: int | None = None,
) -> KpiSheet:
    """The direct manager signs the filled sheet (p.17), again after a return (p.23): the result
    is the number of fully achieved KPIs and its rating (p.18, methodology kpi_result), stored on
    the evaluation as score and rating. The superior manager is told."""
    with transaction.atomic():
        sheet = sheet_for_step(
            actor, KPI_SHEET, sheet_id, "sign", expected_version=expected_version
        )
        rows = list(sheet.rows.order_by("number"))
        for row in rows:
            if not row.actual:
                raise DomainError(f"rows.{row.number}.actual", N_("Enter the actual value."))
            if row.achieved is None:
                raise DomainError(
                    f"rows.{row.number}.achieved", N_("Say whether the KPI was achieved.")
                )
        evaluation = sheet.evaluation
        day = step_day(
            "signed_on", signed_on, not_before=sheet.returned_on or evaluation.period.starts
        )
        try:
            result = kpi_result(
                rules_for(evaluation.edition), [row.achieved is True for row in rows]
            )
        except MethodologyError as error:
            raise DomainError.from_methodology(error, "rows") from error
        sheet_step_record(
            actor=actor,
            kind=KPI_SHEET,
            sheet=sheet,
            action="sign",
            field="signed_on",
            day=day,
            values={"achieved": result.achieved, "rating": result.rating.code},
            changes={
                "achieved": (None, result.achieved),
                "rating": (None, result.rating.code),
            },
        )
        evaluation.score, evaluation.rating = Decimal(result.achieved), result.rating.code
        evaluation.version += 1
        evaluation.save(update_fields=["score", "rating", "version", "updated_at"])
        notify(
            recipient=sheet.approver,
            kind="typical_kpi_sheet_to_agree",
            params={"servant": evaluation.servant.full_name, "period": evaluation.period},
            url=reverse("typical:kpi_sheet", args=[sheet.pk]),
            dedupe_key=f"typical_kpi{sheet.pk}:sign:{sheet.version}",
        )
    return sheet


def kpi_sheet_agree(*, actor: User, sheet_id: int, agreed_on: dt.date | None = None) -> KpiSheet:
    """The superior manager (the first head, p.20) agrees the signed sheet (p.21.1, "БЕКІТЕМІН");
    HR is told to send it to the commission within 2 working days (p.24)."""
    with transaction.atomic():
        sheet = sheet_for_step(actor, KPI_SHEET, sheet_id, "agree")
        day = step_day("agreed_on", agreed_on, not_before=sheet.signed_on)
        sheet_step_record(
            actor=actor,
            kind=KPI_SHEET,
            sheet=sheet,
            action="agree",
            field="agreed_on",
            day=day,
        )
        evaluation = sheet.evaluation
        due = kpi_sheet_to_commission_due(rules_for(evaluation.edition), work_calendar(), day)
        notify_hr_to_send(
            evaluation,
            kind="typical_kpi_sheet_to_send",
            due=due,
            url=reverse("typical:kpi_sheet", args=[sheet.pk]),
            dedupe_key=f"typical_kpi{sheet.pk}:agreed",
        )
    return sheet


def kpi_sheet_return(
    *,
    actor: User,
    sheet_id: int,
    ground: str,
    reason: str,
    returned_on: dt.date | None = None,
) -> KpiSheet:
    """The superior manager sends the signed sheet for correction (p.21.2), only for insufficient
    or unreliable evidence of achievement (p.22), saying why; the direct manager is told to
    resubmit within 2 working days (p.23)."""
    reason = (reason or "").strip()
    with transaction.atomic():
        sheet = sheet_for_step(actor, KPI_SHEET, sheet_id, "return")
        if ground not in ReturnGround.values:
            raise DomainError(
                "ground",
                N_(
                    "A KPI sheet is returned only for insufficient or unreliable evidence of "
                    "achievement (p.22)."
                ),
            )
        if not reason:
            raise DomainError("reason", N_("Say why the sheet is returned."))
        if len(reason) > bounds.LONG_TEXT:
            raise DomainError(
                "reason", N_("Enter at most %(max)s characters."), max=bounds.LONG_TEXT
            )
        day = step_day("returned_on", returned_on, not_before=sheet.signed_on)
        sheet_step_record(
            actor=actor,
            kind=KPI_SHEET,
            sheet=sheet,
            action="return",
            field="returned_on",
            day=day,
            values={"return_ground": ground, "return_reason": reason},
            changes={"ground": (None, ground), "reason": (None, reason)},
        )
        evaluation = sheet.evaluation
        due = resubmission_due(rules_for(evaluation.edition), work_calendar(), day)
        notify(
            recipient=evaluation.evaluator,
            kind="typical_kpi_sheet_returned",
            params={
                "servant": evaluation.servant.full_name,
                "comment": reason,
                "due": day_text(due),
            },
            url=reverse("typical:kpi_sheet", args=[sheet.pk]),
            dedupe_key=f"typical_kpi{sheet.pk}:return:{sheet.version}",
        )
    return sheet


def kpi_sheet_send(*, actor: User, sheet_id: int, sent_on: dt.date | None = None) -> KpiSheet:
    """HR sends the agreed sheet to the commission (p.24); once the competency sheet is there
    too, the year goes before the commission."""
    return sheet_send(
        actor=actor,
        kind=KPI_SHEET,
        sheet_id=sheet_id,
        sent_on=sent_on,
        after="agreed_on",
    )
