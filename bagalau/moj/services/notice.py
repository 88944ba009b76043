"""The notice of a moj-2017 evaluation with the blank sheets (seed 001 p.14: "бағалау басталмастан
күнтізбелік он күн бұрын бағаланатын қызметшіге және бағалаушы тұлғаларға бағалаудың өткізілетіні
туралы хабарлайды және оларға толтыру үшін бағалау парақтарын жібереді"; EDITIONS.md §5.2 C2).

HR sends it for a whole opened period in one call: to each servant evaluated (not the ones "not
evaluated") and to the evaluator, each with the blank sheets of the period's kind attached
(`NOTICE_SHEETS`: App. 3 for a quarter; the annual period's App. 4 is registered by the app that
builds it). The evaluation is the period's planned date in the schedule (our decision: the date
HR's schedule gives it), so the notice is due 10 calendar days before it (`notice_due`). Sending
after that day is allowed and flagged with the days late (G-1: deadlines are shown, never
enforced). Sending again tells only those not told yet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    Period,
    PeriodKind,
    PeriodStatus,
)
from bagalau.evaluations.selectors.schedule import can_manage_schedule
from bagalau.evaluations.services.schedule_consent import period_locked
from bagalau.methodology.moj2017_workflow import notice_due
from bagalau.moj.common import MODEL, rules_on
from bagalau.moj.models import PeriodNotice
from bagalau.notifications.services import Note, notify_many

if TYPE_CHECKING:
    from bagalau.core.types import User


@dataclass(frozen=True)
class NoticeSheet:
    """A blank sheet attached to the notice: its label and the name of the URL that prints it
    (reversed with the period's id when `for_period`)."""

    code: str
    label: Any
    url_name: str
    for_period: bool = True


#: The blank sheets of each period kind (C2): App. 3 for a quarter, App. 4 for the year. Other
#: apps may add theirs with `register_notice_sheet`.
NOTICE_SHEETS: dict[str, list[NoticeSheet]] = {
    PeriodKind.QUARTER: [
        NoticeSheet(
            "app3",
            _("Evaluation sheet (App. 3), blank"),
            "documents:moj_quarter_blank_pdf",
        )
    ],
    PeriodKind.ANNUAL: [
        NoticeSheet(
            "app4",
            _("Evaluation sheet (App. 4), blank"),
            "documents:moj_blank_annual_sheet_pdf",
            for_period=False,
        )
    ],
}


def register_notice_sheet(kind: str, sheet: NoticeSheet) -> None:
    """Attach (or replace, by code) a blank sheet to the notices of periods of `kind`."""
    sheets = [s for s in NOTICE_SHEETS.get(kind, []) if s.code != sheet.code]
    NOTICE_SHEETS[kind] = [*sheets, sheet]


def notice_sheets(period: Period) -> list[dict[str, Any]]:
    """The blank sheets of the period's notice: label and download URL."""
    return [
        {
            "code": s.code,
            "label": s.label,
            "url": reverse(s.url_name, args=[period.pk] if s.for_period else []),
        }
        for s in NOTICE_SHEETS.get(period.kind, [])
    ]


def period_notice_due(period: Period) -> dt.date:
    """The day the notice is due: 10 calendar days before the period's planned date (p.14)."""
    rules = rules_on(period.schedule.organisation, period.ends, "period")
    return notice_due(rules, period.planned_date)


@dataclass(frozen=True)
class NoticeSent:
    """The notice row and how many notifications this call wrote."""

    notice: PeriodNotice
    sent: int


def _notes(period: Period, url: str) -> list[Note]:
    evaluations = (
        Evaluation.objects.filter(period=period)
        .exclude(status=EvaluationStatus.NOT_EVALUATED)
        .select_related("servant__user", "evaluator__user")
        .order_by("pk")
    )
    due = day_text(period.planned_date)
    notes = []
    for evaluation in evaluations:
        notes.append(
            Note(
                recipient=evaluation.servant,
                kind="moj_notice_servant",
                params={"period": period, "due": due},
                url=url,
                dedupe_key=f"moj-notice:{evaluation.pk}:servant",
            )
        )
        if evaluation.evaluator is not None:
            notes.append(
                Note(
                    recipient=evaluation.evaluator,
                    kind="moj_notice_evaluator",
                    params={
                        "servant": evaluation.servant.full_name,
                        "period": period,
                        "due": due,
                    },
                    url=url,
                    dedupe_key=f"moj-notice:{evaluation.pk}:evaluator",
                )
            )
    return notes


def moj_notice_send(*, actor: User, period_id: int) -> NoticeSent:
    """HR sends the notice of an opened period (see the module) in one call; audited. A period
    not opened yet is refused naming the period: its evaluatees are not known before."""
    with transaction.atomic():
        period = period_locked(actor, period_id)
        if period.schedule.model != MODEL:
            raise Http404("No such moj-2017 period.")
        if not can_manage_schedule(actor, period.schedule.organisation):
            raise PermissionDenied("Only the HR service sends the notice.")
        if period.status == PeriodStatus.SCHEDULED:
            raise DomainError(
                "period",
                N_("Open %(period)s first: the notice goes to its evaluatees and evaluators."),
                period=str(period),
            )
        due, today = period_notice_due(period), clock.today()
        written = notify_many(_notes(period, reverse("moj:notice", args=[period.pk])))
        notice = PeriodNotice.objects.filter(period=period).first()
        before = notice.recipients if notice is not None else None
        if notice is None:
            notice = PeriodNotice.objects.create(
                period=period,
                due=due,
                sent_on=today,
                late_by=max(0, (today - due).days),
                recipients=len(written),
                sent_by=account(actor),
            )
        elif written:
            PeriodNotice.objects.filter(pk=notice.pk).update(
                recipients=notice.recipients + len(written)
            )
            notice.recipients += len(written)
        if before is None or written:
            audit_log(
                actor=actor,
                action="notify",
                obj=period,
                changes={
                    "notice_recipients": (before, notice.recipients),
                    "notice_due": (None, due),
                    "notice_late_by": (None, max(0, (today - due).days)),
                },
            )
    return NoticeSent(notice=notice, sent=len(written))
