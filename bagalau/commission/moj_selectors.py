"""Reads of a moj-2017 commission session (seed 001 p.32-35; EDITIONS.md §5.2 D7, E4, E6, §6.2
App. 5, §9.4 M-5): the kind and period of the protocol, the papers presented per servant (the
sheets and the job description, p.34), each servant's result as App. 5 shows it, and the
warning when a quarter's session is late (never a refusal)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.urls import reverse

from bagalau.commission.editions import KIND_OF_METHOD, model_of
from bagalau.evaluations.models import Evaluation, Method
from bagalau.methodology import EvaluationModel, MethodologyError, get_edition, moj2017_rules
from bagalau.methodology.moj2017 import quarter_mean_points
from bagalau.methodology.moj2017_workflow import quarter_session_warning
from bagalau.methodology.numbers import exact_mean, round_half_up
from bagalau.methodology.timing import WorkflowWarning
from bagalau.org.selectors import work_calendar

if TYPE_CHECKING:
    from bagalau.commission.models import CommissionSession


@dataclass(frozen=True)
class Paper:
    """A paper presented to the commission on a servant (p.34): a title and a link, or a text."""

    code: str
    url: str = ""
    text: str = ""


@dataclass(frozen=True)
class AnnualFigures:
    """An annual result as App. 5 shows it: the quarter mean, its points, the plan score, the
    annual score (001 p.32; EDITIONS.md §6.2)."""

    quarter_mean: Decimal | None
    quarter_points: int | None
    plan_score: Decimal | None
    score: Decimal | None


def is_moj_session(session: CommissionSession) -> bool:
    """Whether the session decides moj-2017 evaluations."""
    item = session.agenda.select_related("evaluation").first()
    return item is not None and model_of(item.evaluation) == EvaluationModel.MOJ2017


def period_label(evaluation: Evaluation) -> tuple[str, str]:
    """("quarter" | "annual", "Q4 2017" | "2017") for App. 5's header."""
    period = evaluation.period
    return _label(evaluation.method, period.schedule.year, period.number)


def _label(method: str, year: int, number: int | None) -> tuple[str, str]:
    kind = KIND_OF_METHOD.get(method) or ""
    if kind == "quarter" and number:
        return kind, f"{number} / {year}"
    return kind, str(year)


def _agenda_periods(session: CommissionSession) -> QuerySet[Any, tuple[str, str, int, int | None]]:
    """The agenda's methods, editions and periods (year, number), each once: a few rows
    however long the agenda (a body's whole year can be on it, issue 12)."""
    return (
        session.agenda.order_by()
        .values_list(
            "evaluation__method",
            "evaluation__edition",
            "evaluation__period__schedule__year",
            "evaluation__period__number",
        )
        .distinct()
    )


def session_periods(session: CommissionSession) -> list[tuple[str, str]]:
    """The kinds and periods of the session's servants, each once, quarters first."""
    found = {_label(method, year, number) for method, _e, year, number in _agenda_periods(session)}
    return sorted(found, key=lambda pair: (pair[0] != "quarter", pair[1]))


def session_warnings(session: CommissionSession) -> list[WorkflowWarning]:
    """M-5: a quarter's session more than 10 working days after the quarter's deadline is
    warned about, once a quarter; nothing is refused."""
    warnings: dict[tuple[int, int], WorkflowWarning] = {}
    calendar = work_calendar()
    for method, edition, year, number in sorted(_agenda_periods(session), key=lambda r: r[2:]):
        if method != Method.MOJ_QUARTER or not number or (year, number) in warnings:
            continue
        try:
            rules = moj2017_rules(get_edition(edition))
            warning = quarter_session_warning(rules, calendar, year, number, session.date)
        except MethodologyError:
            continue
        if warning is not None:
            warnings[(year, number)] = warning
    return list(warnings.values())


def papers_of(evaluation: Evaluation) -> list[Paper]:
    """The papers HR presents on the servant (p.34): the quarter's App. 3 sheet or the year's
    sheets, and the job description of the servant's post (its text, when HR entered it)."""
    papers: list[Paper] = []
    sheet = getattr(evaluation, "moj_quarter_sheet", None)
    if sheet is not None:
        papers.append(Paper("quarter_sheet", url=reverse("moj:quarter_sheet", args=[sheet.pk])))
    elif evaluation.method == Method.MOJ_ANNUAL:
        annual = getattr(evaluation, "moj_annual_sheet", None)
        url = reverse("moj:annual_sheet", args=[annual.pk]) if annual is not None else ""
        papers.append(Paper("annual_sheet", url=url))
    description = evaluation.assignment.position.job_description
    papers.append(Paper("job_description", text=description))
    return papers


def annual_figures(evaluation: Evaluation) -> AnnualFigures:
    """The annual result's components for App. 5: those HR's computation on the App. 4 sheet
    rests on (p.32: the quarter mean, its points, the plan score, M-6); without a computed
    sheet, from the year's quarters decided by the commission (M-14). None where a figure is not
    known."""
    sheet = getattr(evaluation, "moj_annual_sheet", None)
    if sheet is not None and getattr(sheet, "computed_on", None) is not None:
        return AnnualFigures(
            quarter_mean=sheet.quarter_mean,
            quarter_points=sheet.quarter_points,
            plan_score=sheet.plan_score,
            score=evaluation.score,
        )
    quarters = [
        int(e.result_score)
        for e in Evaluation.objects.filter(
            servant=evaluation.servant,
            method=Method.MOJ_QUARTER,
            period__schedule=evaluation.period.schedule,
            final_score__isnull=False,
        )
        if e.result_score is not None
    ]
    mean = points = plan = None
    if quarters:
        rules = moj2017_rules(get_edition(evaluation.edition))
        exact = exact_mean(quarters)
        mean = round_half_up(exact, rules.quarter_mean_places)
        points = quarter_mean_points(rules, exact).points
    # The plan score is the App. 4 sheet's (mojplan's annual sheet, when it is there: M-6).
    sheet = getattr(evaluation, "moj_annual_sheet", None)
    found = getattr(sheet, "plan_score", None)
    if isinstance(found, Decimal):
        plan = found
    return AnnualFigures(
        quarter_mean=mean, quarter_points=points, plan_score=plan, score=evaluation.score
    )
