"""Evaluation reads: sheets, results, tasks, the service record and the p.8 consequences.

Anything that carries a score or a rating is read through bagalau.evaluations.access; the HR
service's task lists (actual values, overdue familiarisation) carry no score.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.core.errors import DomainError
from bagalau.core.language import reader_language
from bagalau.evaluations.access import can_view, evaluation_actions, evaluations_visible_to
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    KpiResult,
    Method,
    Period,
    PeriodKind,
    ServiceRecordEntry,
)
from bagalau.evaluations.rules import rules_for as rules_for
from bagalau.evaluations.rules import rules_for_edition as rules_for_edition
from bagalau.evaluations.workflow import OPEN, WITH_RESULT
from bagalau.methodology import EvaluationModel, MethodologyError, model_editions
from bagalau.methodology.sjc2023 import (
    KpiInput,
    Sjc2023Rules,
    actuals_due,
    differentiation_score,
    evaluate_kpi,
    evaluate_kpi_sheet,
)
from bagalau.org.access import HR_ROLES
from bagalau.org.models import Organisation, Role, Servant
from bagalau.org.selectors import has_role, organisations_of, organisations_where, work_calendar
from bagalau.plans.models import Direction, Kpi, PlanStatus

if TYPE_CHECKING:
    from bagalau.core.types import User


# --- rules, organisation, roles ------------------------------------------------------------------


def planned_kpis(evaluation: Evaluation) -> QuerySet[Kpi]:
    """The KPIs of the servant's approved (or posted) work plan planned in the evaluated quarter."""
    if evaluation.method != Method.KPI or evaluation.period.number is None:
        return Kpi.objects.none()
    quarter = evaluation.period.number
    return Kpi.objects.filter(
        plan__servant=evaluation.servant,
        plan__year=evaluation.period.schedule.year,
        plan__status__in=[PlanStatus.APPROVED, PlanStatus.POSTED],
        **{f"plan_q{quarter}__isnull": False},
    ).order_by("number")


def planned_kpis_of(evaluations: Iterable[Evaluation]) -> dict[int, list[Kpi]]:
    """`planned_kpis` of many evaluations, one query per evaluated quarter (one for a period's
    sheets): {evaluation id: its KPIs in number order}; the evaluations come with
    ``period__schedule``."""
    wanted: dict[tuple[int, int], dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for evaluation in evaluations:
        if evaluation.method == Method.KPI and evaluation.period.number is not None:
            key = (evaluation.period.schedule.year, evaluation.period.number)
            wanted[key][evaluation.servant_id].append(evaluation.pk)
    found: dict[int, list[Kpi]] = {}
    for (year, quarter), servants in wanted.items():
        for evaluation_ids in servants.values():
            for evaluation_id in evaluation_ids:
                found[evaluation_id] = []
        kpis = Kpi.objects.filter(
            plan__servant_id__in=list(servants),
            plan__year=year,
            plan__status__in=[PlanStatus.APPROVED, PlanStatus.POSTED],
            **{f"plan_q{quarter}__isnull": False},
        ).annotate(servant_key=F("plan__servant_id"))
        for kpi in kpis.order_by("number", "pk"):
            for evaluation_id in servants[kpi.servant_key]:
                found[evaluation_id].append(kpi)
    return found


def organisation_of(evaluation: Evaluation) -> Organisation:
    """The organisation whose schedule the evaluation belongs to."""
    return evaluation.period.schedule.organisation


def is_hr_of(user: User, organisation: Organisation) -> bool:
    """HR service staff or its head in the organisation."""
    return bool(user.is_authenticated and has_role(user, organisation, *HR_ROLES))


def is_hr_head_of(user: User, organisation: Organisation) -> bool:
    """The head of the HR service of the organisation (sees results, p.20)."""
    return bool(user.is_authenticated and has_role(user, organisation, Role.HR_HEAD))


def belongs_to(user: User, organisation: Organisation) -> bool:
    """Whether the user is in the organisation at all (a role or a servant record)."""
    return bool(organisations_of(user).filter(pk=organisation.pk).exists())


def deny(user: User, evaluation: Evaluation) -> None:
    """Refuse an action: 403 to someone who may see the result, 404 to everyone else (the
    evaluation's existence is not revealed)."""
    if can_view(user, evaluation):
        raise PermissionDenied
    raise Http404("No such evaluation.")


def may_record_refusal(user: User, evaluation: Evaluation) -> bool:
    """The HR service may record a refusal act for a signed result, under an edition that has
    one (seed 002 has none: p.11)."""
    return "record_refusal" in evaluation_actions(user=user, obj=evaluation)


def evaluation_load(evaluation_id: int) -> Evaluation:
    """The evaluation with what the sheets need, or Http404 (no access check: callers check)."""
    evaluation = (
        Evaluation.objects.select_related(
            "period__schedule__organisation",
            "servant",
            "evaluator",
            "assignment__position__unit",
        )
        .filter(pk=evaluation_id)
        .first()
    )
    if evaluation is None:
        raise Http404("No such evaluation.")
    return evaluation


def evaluation_for_hr(user: User, evaluation_id: int) -> Evaluation:
    """An evaluation for the HR service's workflow pages (actual values, refusal act), which show
    no score: HR staff or its head of the organisation; 403 to others who may see the result,
    404 to everyone else."""
    evaluation = evaluation_load(evaluation_id)
    if not is_hr_of(user, organisation_of(evaluation)):
        deny(user, evaluation)
    return evaluation


def evaluation_actuals_get_for(*, user: User, id: int, audit: bool = True) -> Evaluation:
    """A KPI sheet for the HR service's actual values (p.22): `evaluation_for_hr`, 404 for
    another kind of sheet; reading the values (`audit`) is audited."""
    evaluation = evaluation_for_hr(user, id)
    if evaluation.method != Method.KPI:
        raise Http404("Only KPI sheets have actual values.")
    if audit:
        audit_log(actor=user, action="view_actuals", obj=evaluation)
    return evaluation


def period_for(user: User, period_id: int, *, hr_head_only: bool) -> Period:
    """A period of an organisation where the user is HR (or, with `hr_head_only`, its head), for
    the sjc-2023 pages (annual results, consequences, paper entry): 404 outside the user's
    organisations and for a period of another model, 403 inside them without the role."""
    period = (
        Period.objects.select_related("schedule__organisation")
        .filter(pk=period_id, schedule__edition__in=model_editions(EvaluationModel.SJC2023))
        .first()
    )
    if period is None or not user.is_authenticated:
        raise Http404("No such period.")
    organisation = period.schedule.organisation
    allowed = is_hr_head_of(user, organisation) if hr_head_only else is_hr_of(user, organisation)
    if allowed:
        return period
    if belongs_to(user, organisation):
        raise PermissionDenied
    raise Http404("No such period.")


def rating_label(rules: Sjc2023Rules, code: str) -> str:
    """A rating code as the edition words it (p.7), in the active language."""
    if not code:
        return ""
    try:
        return rules.rating.by_code(code).label.get(reader_language())
    except KeyError:
        return code


def plain_number(value: Decimal | None) -> str:
    """A stored decimal without its padding zeros (12.5000 -> 12.5)."""
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- the KPI sheet (App. 2-3) --------------------------------------------------------------------


def kpi_rows(evaluation: Evaluation) -> list[KpiResult]:
    """The KPI rows of a sheet in App. 2 order (sync them first with
    services.common.kpi_results_sync): while the sheet is open, those of the KPIs the approved
    work plan plans for the quarter; once signed, the rows that were signed."""
    rows = evaluation.kpi_results.select_related("kpi").order_by(
        "kpi__number", "kpi__plan_id", "pk"
    )
    if evaluation.status in OPEN:
        rows = rows.filter(kpi__in=planned_kpis(evaluation))
    return list(rows)


def kpi_actual(row: KpiResult) -> Decimal | bool | None:
    """The actual value HR entered: a number, or achieved yes/no for a binary KPI."""
    if row.kpi.direction == Direction.BINARY:
        return row.actual_achieved
    return row.actual_value


def kpi_input(row: KpiResult, quarter: int, score: Decimal | None) -> KpiInput:
    """The engine's view of a row (the actual value must be present)."""
    actual = kpi_actual(row)
    assert actual is not None
    binary = row.kpi.direction == Direction.BINARY
    return KpiInput(
        direction=row.kpi.direction,  # type: ignore[arg-type]
        plan=None if binary else row.kpi.planned(quarter),
        actual=actual,
        score=score,
    )


def parse_score(value: object, where: str) -> Decimal | None:
    """A KPI score as typed or sent (number or numeric text); empty means "the proposal"."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise DomainError(where, N_("Enter the score as a number, e.g. 4.75."))
    if isinstance(value, Decimal):
        number = value
    else:
        try:
            number = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            raise DomainError(where, N_("Enter the score as a number, e.g. 4.75.")) from None
    if not number.is_finite():
        raise DomainError(where, N_("Enter the score as a number, e.g. 4.75."))
    if number and (number.adjusted() > 3 or number.as_tuple().exponent < -12):  # type: ignore[operator]
        # Far off the 0-5 scale: refused here, before any arithmetic on it.
        raise DomainError(where, N_("Enter the score as a number from 0 to 5, e.g. 4.75."))
    return number


@dataclass
class KpiLine:
    """One row of the App. 2 sheet as shown: the stored row, the planned and actual values, and
    what the engine makes of them."""

    index: int
    row: KpiResult
    plan: Decimal | None
    actual: Decimal | bool | None
    percent: Decimal | None = None
    allowed_min: Decimal | None = None
    allowed_max: Decimal | None = None
    proposed: Decimal | None = None
    score: Decimal | None = None
    typed: str = ""
    error: DomainError | None = None

    @property
    def field(self) -> str:
        """The form field of this row's score."""
        return f"score_{self.row.pk}"

    @property
    def binary(self) -> bool:
        """Achieved / not achieved KPI."""
        return self.row.kpi.direction == Direction.BINARY

    @property
    def plan_text(self) -> str:
        """The planned value as printed."""
        return plain_number(self.plan)

    @property
    def actual_text(self) -> str:
        """The actual value as printed (binary: empty; the template words it)."""
        return "" if isinstance(self.actual, bool) else plain_number(self.actual)


@dataclass
class KpiSheet:
    """An App. 2 sheet: its lines and, when every line can be scored, the quarter score."""

    lines: list[KpiLine]
    quarter: int
    actuals_due: dt.date | None
    score: Decimal | None = None
    rating: str = ""
    rating_label: str = ""
    error: DomainError | None = None

    @property
    def complete(self) -> bool:
        """Every actual value is in."""
        return bool(self.lines) and all(line.actual is not None for line in self.lines)


def kpi_sheet(evaluation: Evaluation, *, typed: Mapping[int, object] | None = None) -> KpiSheet:
    """The sheet with each row computed by the engine: the evaluator's `typed` scores (by row id)
    where given, else the stored score, else the proposal. A signed sheet shows what was signed."""
    rules = rules_for(evaluation)
    quarter = evaluation.period.number or 1
    due = kpi_actuals_due(evaluation, rules)
    rows = kpi_rows(evaluation)
    sheet = KpiSheet(lines=[], quarter=quarter, actuals_due=due)
    frozen = evaluation.status not in OPEN
    inputs: list[KpiInput] = []
    for index, row in enumerate(rows):
        line = KpiLine(index=index, row=row, plan=row.kpi.planned(quarter), actual=kpi_actual(row))
        if line.binary:
            line.plan = None
        sheet.lines.append(line)
        if frozen:
            line.percent, line.proposed, line.score = row.percent, row.proposed, row.score
            line.allowed_min, line.allowed_max = row.allowed_min, row.allowed_max
            continue
        where = f"kpis[{index}]"
        chosen: object = row.score
        if typed is not None and row.pk in typed:
            chosen = typed[row.pk]
            line.typed = "" if chosen is None else str(chosen)
        elif row.score is not None:
            line.typed = str(row.score)
        if line.actual is None:
            continue
        try:
            score = parse_score(chosen, f"{where}.score")
            outcome = evaluate_kpi(rules, kpi_input(row, quarter, None), where)
            line.percent, line.proposed = outcome.percent, outcome.proposed
            line.allowed_min, line.allowed_max = outcome.allowed
            outcome = evaluate_kpi(rules, kpi_input(row, quarter, score), where)
            line.score = outcome.score
            inputs.append(kpi_input(row, quarter, outcome.score))
        except MethodologyError as error:
            line.error = DomainError.from_methodology(error)
        except DomainError as error:
            line.error = error
    if frozen:
        sheet.score = evaluation.score
        sheet.rating = evaluation.rating
    elif sheet.complete and len(inputs) == len(rows):
        try:
            result = evaluate_kpi_sheet(rules, inputs)
        except MethodologyError as error:
            sheet.error = DomainError.from_methodology(error)
        else:
            sheet.score, sheet.rating = result.score, result.rating.code
    sheet.rating_label = rating_label(rules, sheet.rating)
    return sheet


def kpi_actuals_due(evaluation: Evaluation, rules: Sjc2023Rules | None = None) -> dt.date | None:
    """When the HR service must have sent the actual values: 5 working days before the
    evaluation deadline (p.22). None for other sheets."""
    if evaluation.method != Method.KPI:
        return None
    rules = rules or rules_for(evaluation)
    return actuals_due(rules, work_calendar(), evaluation.period.deadline)


# --- the differentiation sheet (App. 4) ----------------------------------------------------------


@dataclass
class ParameterLine:
    """One parameter of App. 4: label and criteria from the edition, the score and reasons."""

    code: str
    label: str
    criteria: str
    score: int | None
    justification: str
    typed: str = ""
    error: DomainError | None = None


@dataclass
class DifferentiationSheet:
    """An App. 4 sheet: the four parameters, their mean and its rating once all are scored."""

    lines: list[ParameterLine]
    justification: str
    min_score: int
    max_score: int
    score: Decimal | None = None
    rating: str = ""
    rating_label: str = ""

    @property
    def choices(self) -> list[int]:
        """The whole points a parameter may get (p.31)."""
        return list(range(self.min_score, self.max_score + 1))


def differentiation_sheet(evaluation: Evaluation) -> DifferentiationSheet:
    """The App. 4 sheet as stored; the mean is computed by the engine when every parameter has a
    score (a signed sheet shows what was signed)."""
    rules = rules_for(evaluation)
    language = reader_language()
    stored = {p.parameter: p for p in evaluation.parameter_scores.all()}
    lines = []
    for parameter in rules.differentiation.parameters:
        item = stored.get(parameter.code)
        lines.append(
            ParameterLine(
                code=parameter.code,
                label=parameter.label.get(language),
                criteria=parameter.criteria.get(language),
                score=item.score if item else None,
                justification=item.justification if item else "",
                typed="" if item is None else str(item.score),
            )
        )
    sheet = DifferentiationSheet(
        lines=lines,
        justification=evaluation.justification,
        min_score=rules.differentiation.min_score,
        max_score=rules.differentiation.max_score,
    )
    if evaluation.status not in OPEN:
        sheet.score, sheet.rating = evaluation.score, evaluation.rating
    elif all(line.score is not None for line in lines):
        try:
            result = differentiation_score(
                rules, {line.code: int(line.score or 0) for line in lines}
            )
        except MethodologyError:
            pass
        else:
            sheet.score, sheet.rating = result.score, result.rating.code
    sheet.rating_label = rating_label(rules, sheet.rating)
    return sheet


# --- lists and tasks -----------------------------------------------------------------------------


def sheets_to_fill(user: User) -> QuerySet[Evaluation]:
    """The evaluator's sheets still to fill in and sign, earliest due first: those of ended
    quarters (a quarter prepared before its end waits for it)."""
    if not user.is_authenticated:
        return Evaluation.objects.none()
    return (
        Evaluation.objects.filter(
            evaluator__user=user,
            status__in=OPEN,
            method__in=[Method.KPI, Method.DIFFERENTIATION],
            period__ends__lt=clock.today(),
        )
        .select_related("servant", "period__schedule__organisation")
        .order_by("due_date", "servant__last_name", "pk")
    )


@dataclass
class ActualsTask:
    """A KPI sheet waiting for the HR service's actual values (no score here)."""

    evaluation: Evaluation
    rows: int
    filled: int
    due: dt.date
    overdue: bool


def _actuals_open(user: User) -> QuerySet[Any]:
    """The open KPI sheets of the HR user's organisations with some actual value still missing
    (or no row at all), annotated with their rows and the rows filled."""
    organisations = organisations_where(user, *HR_ROLES)
    filled = Q(kpi_results__actual_value__isnull=False) | Q(
        kpi_results__actual_achieved__isnull=False
    )
    return (
        Evaluation.objects.filter(
            period__schedule__organisation__in=organisations,
            method=Method.KPI,
            status__in=OPEN,
        )
        .annotate(rows=Count("kpi_results", distinct=True))
        .annotate(filled=Count("kpi_results", filter=filled, distinct=True))
        .exclude(rows__gt=0, filled__gte=F("rows"))
    )


def actuals_to_fill(user: User, *, limit: int | None = None) -> list[ActualsTask]:
    """KPI sheets of the HR user's organisations still open, with how many actual values are in
    and HR's due date (p.22), the first `limit` (all when None). Nothing about scores."""
    queryset = (
        _actuals_open(user)
        .select_related("servant", "period__schedule")
        .order_by("period__deadline", "servant__last_name", "pk")
    )
    if limit is not None:
        queryset = queryset[:limit]
    today = clock.today()
    calendar = work_calendar()
    dues: dict[tuple[str, dt.date], dt.date] = {}
    tasks = []
    for evaluation in queryset:
        key = (evaluation.edition, evaluation.period.deadline)
        if key not in dues:
            dues[key] = actuals_due(rules_for(evaluation), calendar, evaluation.period.deadline)
        due = dues[key]
        tasks.append(ActualsTask(evaluation, evaluation.rows, evaluation.filled, due, today > due))
    return tasks


def actuals_to_fill_count(user: User) -> int:
    """How many sheets `actuals_to_fill` lists, counted in the database."""
    return _actuals_open(user).count()


def _refusal_acts_due(user: User) -> QuerySet[Evaluation]:
    """`familiarisation_overdue` as a query, the editions asking for the act read from the
    methodology, not the results (a scan on every dashboard, issue 12); `__in=[]` reads nothing."""
    with_act = [
        code
        for code in model_editions(EvaluationModel.SJC2023)
        if rules_for_edition(code).familiarisation.refusal_act
    ]
    organisations = list(organisations_where(user, *HR_ROLES).values_list("pk", flat=True))
    return Evaluation.objects.filter(
        period__schedule__organisation__in=organisations,
        status=EvaluationStatus.SIGNED,
        familiarisation_due__lt=clock.today(),
        edition__in=with_act,
    )


def familiarisation_overdue(user: User, *, limit: int | None = None) -> list[Evaluation]:
    """Signed results the servant has not acknowledged in time, under an edition where the HR
    service then draws up the refusal act (no score here), the first `limit` (all when None).
    Under seed 002 such a result counts as made known through the information system instead
    (p.11), so none is listed."""
    overdue = (
        _refusal_acts_due(user)
        .select_related("servant", "period__schedule")
        .order_by("familiarisation_due", "servant__last_name", "pk")
    )
    return list(overdue if limit is None else overdue[:limit])


def familiarisation_overdue_count(user: User) -> int:
    """How many results `familiarisation_overdue` lists, counted in the database."""
    return _refusal_acts_due(user).count()


def result_periods(user: User, organisation: Organisation | None) -> QuerySet[Period]:
    """Quarter and annual periods of the organisation under sjc-2023, for its HR service (a
    typical-2018 or moj-2017 year has its own schedule and results pages)."""
    if organisation is None or not is_hr_of(user, organisation):
        return Period.objects.none()
    return (
        Period.objects.filter(
            schedule__organisation=organisation,
            schedule__edition__in=model_editions(EvaluationModel.SJC2023),
            kind__in=[PeriodKind.QUARTER, PeriodKind.ANNUAL],
        )
        .select_related("schedule")
        .order_by("-schedule__year", "starts", "kind", "number")
    )


def service_record(servant: Servant) -> QuerySet[ServiceRecordEntry]:
    """The servant's service record entries, newest first."""
    return (
        ServiceRecordEntry.objects.filter(servant=servant)
        .select_related("evaluation__period__schedule")
        .order_by("-entered_at", "-pk")
    )


def service_record_read(*, user: User, servant: Servant) -> list[ServiceRecordEntry]:
    """The entries of a service record the user may read (`servant_for_record`, or their own);
    the read is audited."""
    audit_log(actor=user, action="view", obj=servant, summary="service record")
    return list(service_record(servant))


def servant_for_record(user: User, servant_id: int) -> Servant:
    """Whose service record the user may read: their own, or any in an organisation where they
    head the HR service; 403 to other members of the organisation, 404 to outsiders."""
    servant = Servant.objects.select_related("organisation").filter(pk=servant_id).first()
    if servant is None or not user.is_authenticated:
        raise Http404("No such servant.")
    if servant.user_id == user.pk or is_hr_head_of(user, servant.organisation):
        return servant
    if belongs_to(user, servant.organisation):
        raise PermissionDenied
    raise Http404("No such servant.")


# --- consequences (p.8) -------------------------------------------------------------------------


@dataclass
class ConsequenceLine:
    """A servant on one of the p.8 lists, with the rating that put them there."""

    evaluation: Evaluation
    score: Decimal | None
    rating: str
    rating_label: str
    final: bool


@dataclass
class Consequences:
    """Who is eligible for a bonus, who needs training, who has unsatisfactory results."""

    bonus: list[ConsequenceLine] = field(default_factory=list)
    training: list[ConsequenceLine] = field(default_factory=list)
    unsatisfactory: list[ConsequenceLine] = field(default_factory=list)

    def as_lists(self) -> dict[str, list[ConsequenceLine]]:
        """The three lists by name."""
        return {
            "bonus": self.bonus,
            "training": self.training,
            "unsatisfactory": self.unsatisfactory,
        }


def consequences(*, user: User, period: Period, purpose: str = "view") -> Consequences:
    """The p.8 lists for a period from the standing rating of each result the user may see
    (the head of the HR service sees them all), through the edition's consequences table. The
    read is audited (they are results) as `purpose` (the page's "view", an export's download)."""
    audit_log(actor=user, action=purpose, obj=period, summary=f"{period}: consequences")
    result = Consequences()
    evaluations = (
        evaluations_visible_to(user)
        .filter(period=period, status__in=WITH_RESULT)
        .order_by("servant__last_name", "servant__first_name", "pk")
    )
    for evaluation in evaluations:
        rating = evaluation.result_rating
        if not rating:
            continue
        rules = rules_for(evaluation)
        line = ConsequenceLine(
            evaluation=evaluation,
            score=evaluation.result_score,
            rating=rating,
            rating_label=rating_label(rules, rating),
            final=evaluation.status == EvaluationStatus.FINAL,
        )
        lists = result.as_lists()
        for name in rules.consequences_of(rating):
            if name in lists:
                lists[name].append(line)
    return result
