"""The moj-2017 consequences' tasks for the reminders and the overdue board (notifications.due):
the training referral of an approved unsatisfactory annual result, due 3 months after the
commission's approval (seed 001 p.43; M-10), until HR records the training done; and the p.45
alert on two consecutive unsatisfactory years, until HR records its decision: it falls due on the
day the later year was approved, so the HR service gets one notice the next working day (the
alert appearing) and the board lists it until the decision. Past years (§9 G-1): late is shown,
never refused. The notices name the servant and the period only, never a rating."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bagalau.consequences import moj
from bagalau.consequences.models import TRAINING_REFERRAL_FLOW
from bagalau.evaluations.due import evaluation_task
from bagalau.evaluations.models import Evaluation, Method
from bagalau.notifications.due import HR_SERVICE, DueSource, DueTask, Run, TaskKind

if TYPE_CHECKING:
    import datetime as dt

    from bagalau.core.types import Account

KINDS = (
    TaskKind(
        "moj_training",
        _("Training referrals (moj-2017 p.43)"),
        _("Refer to training and record it (HR service)"),
    ),
    TaskKind(
        "moj_alert",
        _("Decisions after two annual results (moj-2017 p.45)"),
        _("Record the decision (HR service)"),
        remind=False,
    ),
)


def _results(run: Run) -> list[Evaluation]:
    """The approved annual results that can ground a referral or an alert (`moj.rated`,
    `moj.alerting_servants`): never the body's every result."""
    annual = Evaluation.objects.filter(run.scope("period__schedule__organisation")).filter(
        moj.approved_filter(), method=Method.MOJ_ANNUAL
    )
    return list(
        annual.filter(moj.rated("training") | Q(servant_id__in=moj.alerting_servants(annual)))
        .select_related("servant", "assignment__position__unit", "period__schedule")
        .order_by("pk")
    )


def _hr_task(
    evaluation: Evaluation, kind: str, due: dt.date, recipients: list[Account], url: str
) -> DueTask:
    """A task of the HR service (`recipients`) on the result `evaluation`, due on `due`, whose
    page, `url`, is also where the board leads."""
    return evaluation_task(evaluation, kind, due, recipients, str(HR_SERVICE), url, board_url=url)


def _tasks(run: Run) -> Iterator[DueTask]:
    """The open training referrals and the unresolved p.45 alerts."""
    results = _results(run)
    for referral in moj.referrals(results):
        if referral.status not in TRAINING_REFERRAL_FLOW.group("open"):
            continue
        evaluation = referral.result
        yield _hr_task(
            evaluation,
            "moj_training",
            referral.due,
            run.people.hr_staff(evaluation.period.schedule.organisation_id),
            reverse("consequences:moj_referral", args=[evaluation.pk]),
        )
    for alert in moj.alerts(results):
        if alert.resolved:
            continue
        evaluation = alert.result
        yield _hr_task(
            evaluation,
            "moj_alert",
            moj.approved_on(evaluation),
            run.people.hr_service(evaluation.period.schedule.organisation_id),
            reverse("consequences:moj"),
        )


def _tasks_overdue(run: Run, today: dt.date) -> dict[str, int]:
    """`_tasks` past their date, counted: the same referrals and alerts (the engine's rules in
    `consequences.moj`, in a few queries), without a task or a link each."""
    results = _results(run)
    training = sum(
        1
        for referral in moj.referrals(results)
        if referral.status in TRAINING_REFERRAL_FLOW.group("open") and referral.due < today
    )
    alerts = sum(
        1
        for alert in moj.alerts(results)
        if not alert.resolved and moj.approved_on(alert.result) < today
    )
    return {"moj_training": training, "moj_alert": alerts}


SOURCE = DueSource(
    key="consequences",
    kinds=KINDS,
    collectors=(_tasks,),
    order=40,
    counters={_tasks: _tasks_overdue},
)
