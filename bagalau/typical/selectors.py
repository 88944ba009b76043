"""Reads of a typical-2018 year: the sheets' deadlines ("late by N working days", EDITIONS.md
§9 G-1), the App. 3 checklist laid out per competency, and the period's roster for the user."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from bagalau.core import clock
from bagalau.core.collation import kazakh_order, with_name
from bagalau.core.language import reader_language
from bagalau.evaluations.models import Evaluation, Method, Period
from bagalau.evaluations.workflow import TYPICAL_EVALUATION_FLOW
from bagalau.methodology.typical2018 import applicable_competencies
from bagalau.methodology.typical2018_workflow import (
    competency_sheet_to_commission_due,
    kpi_sheet_to_commission_due,
    resubmission_due,
)
from bagalau.org.selectors import roles_remembered, work_calendar
from bagalau.typical.access import (
    competency_sheet_actions,
    evaluation_parts,
    kpi_sheet_actions,
    typical_evaluations_visible_to,
)
from bagalau.typical.common import Deadline, deadline, rules_for
from bagalau.typical.models import CompetencySheet, KpiSheet, KpiSheetStatus
from bagalau.workcalendar import WorkCalendar

if TYPE_CHECKING:
    from bagalau.core.types import User

#: The steps whose deadlines the pages show, with their names.
STEP_LABELS = {
    "sign": _("Filled in and signed by the direct manager (by the evaluation date)"),
    "resubmit": _("Corrected and signed again (2 working days after the return, p.23)"),
    "send_kpi": _("Sent to the commission (2 working days after the agreement, p.24)"),
    "send_competency": _("Sent to the commission (2 working days after the signature, p.28)"),
}


def kpi_sheet_deadlines(
    sheet: KpiSheet, today: dt.date | None = None, calendar: WorkCalendar | None = None
) -> list[Deadline]:
    """The App. 2 sheet's deadlines: signed by the evaluation date (the deferral's date for a
    deferred servant, p.4), resubmitted 2 WD after a return (p.23), sent 2 WD after the superior's
    agreement (p.24). A caller going through many sheets passes the `calendar` it read once."""
    today = today or clock.today()
    calendar, rules = calendar or work_calendar(), rules_for(sheet.evaluation.edition)
    first_signed = sheet.signed_on if sheet.returned_on is None else None
    items = [deadline(calendar, "sign", sheet.evaluation.due_date, first_signed, today)]
    if sheet.returned_on is not None:
        again = (
            sheet.signed_on
            if sheet.status != KpiSheetStatus.RETURNED and sheet.signed_on is not None
            else None
        )
        due = resubmission_due(rules, calendar, sheet.returned_on)
        items.append(deadline(calendar, "resubmit", due, again, today))
    if sheet.agreed_on is not None:
        due = kpi_sheet_to_commission_due(rules, calendar, sheet.agreed_on)
        items.append(deadline(calendar, "send_kpi", due, sheet.sent_on, today))
    return items


def competency_sheet_deadlines(
    sheet: CompetencySheet, today: dt.date | None = None, calendar: WorkCalendar | None = None
) -> list[Deadline]:
    """The App. 3 sheet's deadlines: signed by the evaluation date, sent 2 WD after (p.28)."""
    today = today or clock.today()
    calendar, rules = calendar or work_calendar(), rules_for(sheet.evaluation.edition)
    items = [deadline(calendar, "sign", sheet.evaluation.due_date, sheet.signed_on, today)]
    if sheet.signed_on is not None:
        due = competency_sheet_to_commission_due(rules, calendar, sheet.signed_on)
        items.append(deadline(calendar, "send_competency", due, sheet.sent_on, today))
    return items


@dataclass(frozen=True)
class Indicator:
    """An effective indicator of the tier (numbered from 1) and whether it was observed."""

    number: int
    text: str
    observed: bool


@dataclass(frozen=True)
class CompetencyLine:
    """One competency of the App. 3 checklist: its effective indicators, the ineffective ones as
    guidance (they do not count, T-7), and once signed the result and the names not observed."""

    number: int
    code: str
    label: str
    indicators: list[Indicator]
    ineffective: list[str]
    result: str
    missing: list[str]


def competency_lines(sheet: CompetencySheet) -> list[CompetencyLine]:
    """The App. 3 rows of the sheet in App. 3 order, in the reader's language."""
    rules = rules_for(sheet.evaluation.edition)
    language = reader_language()
    lines = []
    for number, competency in enumerate(
        applicable_competencies(rules, sheet.provides_services), start=1
    ):
        found = rules.indicators[(competency.code, sheet.tier)]
        seen = set(sheet.observed.get(competency.code, []))
        result = sheet.results.get(competency.code, {})
        effective = [label.get(language) for label in found.effective]
        lines.append(
            CompetencyLine(
                number=number,
                code=competency.code,
                label=competency.label.get(language),
                indicators=[
                    Indicator(index, text, index in seen)
                    for index, text in enumerate(effective, start=1)
                ],
                ineffective=[label.get(language) for label in found.ineffective],
                result=str(rules.printed_results[result["result"]].get(language)) if result else "",
                missing=[effective[n - 1] for n in result.get("missing", [])]
                if result.get("result") == "does_not_meet"
                else [],
            )
        )
    return lines


def period_roster(
    user: User, period: Period, *, query: str = "", status: str = ""
) -> QuerySet[Evaluation]:
    """The period's typical-2018 evaluations the user may read, with their sheets, in Kazakh
    alphabetical order, narrowed in the database to a name and a status (issue 13 items 7-8)."""
    rows = typical_evaluations_visible_to(user).filter(period=period)
    if status:
        rows = rows.filter(status=status)
    return (
        with_name(rows, "servant__", query)
        .select_related("typical_kpi_sheet", "typical_competency_sheet")
        .order_by(kazakh_order("servant__last_name"), kazakh_order("servant__first_name"), "pk")
    )


@dataclass(frozen=True)
class Task:
    """Something the user may do now on a typical-2018 evaluation: `what` is "kpi" or
    "competency", `action` the sheet's action ("open" while there is no sheet yet)."""

    evaluation: Evaluation
    what: str
    action: str
    sheet_id: int | None


#: The actions a dashboard task is about (filling is part of signing).
TASK_ACTIONS = ("sign", "agree", "return", "send")


def sheet_tasks(user: User, *, limit: int | None = None) -> list[Task]:
    """The sheets the user has to open, sign, agree or send, from the open periods' typical-2018
    evaluations the user may see (the `*_actions` sets decide), in the order they are due; with
    `limit`, the first `limit` and one more at most (the evaluations read a chunk at a time until
    then: HR of 10,000 servants may send 20,000 sheets, issue 12 item 3). Whether any such
    evaluation is open at all is asked first, through the status index: the visibility query
    takes longer to plan than that one takes to answer."""
    tasks: list[Task] = []
    open_rows = {
        "status__in": TYPICAL_EVALUATION_FLOW.group("open"),
        "period__status": "open",
    }
    if not Evaluation.objects.filter(method=Method.KPI_COMPETENCY, **open_rows).exists():
        return tasks
    evaluations = (
        typical_evaluations_visible_to(user)
        .filter(**open_rows)
        .select_related("typical_kpi_sheet__approver", "typical_competency_sheet")
        .order_by("due_date", "servant__last_name", "pk")
    )
    with roles_remembered(user):
        for evaluation in evaluations.iterator(chunk_size=100):
            tasks += _evaluation_tasks(user, evaluation)
            if limit is not None and len(tasks) > limit:
                return tasks[: limit + 1]
    return tasks


def _evaluation_tasks(user: User, evaluation: Evaluation) -> list[Task]:
    """The tasks of one evaluation's two sheets for `user` (see `sheet_tasks`)."""
    tasks: list[Task] = []
    kpi = getattr(evaluation, "typical_kpi_sheet", None)
    competency = getattr(evaluation, "typical_competency_sheet", None)
    if kpi is None or competency is None:
        opener = "evaluator" in evaluation_parts(user, evaluation)
        for what, sheet in (("kpi", kpi), ("competency", competency)):
            if sheet is None and opener:
                tasks.append(Task(evaluation, what, "open", None))
    if kpi is not None:
        kpi.evaluation = evaluation
        actions = kpi_sheet_actions(user=user, obj=kpi)
        tasks += [Task(evaluation, "kpi", a, kpi.pk) for a in TASK_ACTIONS if a in actions][:1]
    if competency is not None:
        competency.evaluation = evaluation
        actions = competency_sheet_actions(user=user, obj=competency)
        tasks += [
            Task(evaluation, "competency", a, competency.pk) for a in TASK_ACTIONS if a in actions
        ][:1]
    return tasks
