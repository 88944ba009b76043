"""Reads of the consequences of moj-2017 results (seed 001 p.41-45; EDITIONS.md §8, §9.4 M-9,
M-10, M-11): every flag is derived from the approved results when read, never stored, so it
cannot drift from them.

A moj-2017 result is *approved* when its evaluation (method ``moj_quarter`` or ``moj_annual``)
has a final score, a final rating and the moment the commission's decision took effect
(`completed_at`, whose local day is the approval date, p.43); the year of an annual result is its
schedule's year. The rules are the engine's (`moj2017_workflow`): bonus eligibility on every
approved quarterly and annual result rated effective or excellent (p.42, M-9); no mentoring while
the latest approved result is unsatisfactory (p.44, M-11: the latest by approval moment, then by
period); the p.45 alert on two consecutive calendar years' unsatisfactory annual results (a year
without an approved annual result breaks the run), resolved once the register holds a demotion,
dismissal or no-action decision citing the later year's result; the p.43 training referral of
each approved unsatisfactory annual result, due 3 months after its approval.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from django.db.models import Case, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from bagalau.consequences.models import TrainingReferral, TrainingStatus
from bagalau.evaluations.models import Evaluation, Method
from bagalau.methodology import EvaluationModel, edition_codes, get_edition, moj2017_rules
from bagalau.methodology import moj2017_workflow as flow
from bagalau.methodology.decisions import decision_rules
from bagalau.methodology.moj2017 import Moj2017Rules
from bagalau.org.models import Organisation, Servant

METHODS = (Method.MOJ_QUARTER, Method.MOJ_ANNUAL)

#: The editions following the moj-2017 model.
EDITIONS = frozenset(
    code for code in edition_codes() if get_edition(code).model == EvaluationModel.MOJ2017
)


@cache
def rules_for(edition: str) -> Moj2017Rules:
    """The moj-2017 rules of an edition code."""
    return moj2017_rules(get_edition(edition))


@cache
def alert_kinds(edition: str) -> frozenset[str]:
    """The register's kinds that answer the p.45 alert (those asking for consecutive years)."""
    return frozenset(
        kind.code
        for kind in decision_rules(get_edition(edition)).kinds
        if kind.consecutive_years > 1
    )


def approved_filter() -> Q:
    """The approved moj-2017 results (see the module)."""
    return Q(
        edition__in=EDITIONS,
        method__in=METHODS,
        final_score__isnull=False,
        completed_at__isnull=False,
    ) & ~Q(final_rating="")


def approved_results(
    organisation: Organisation, servant: Servant | None = None
) -> QuerySet[Evaluation]:
    """The organisation's approved moj-2017 results (of one servant), oldest approval first."""
    results = Evaluation.objects.filter(
        approved_filter(), period__schedule__organisation=organisation
    )
    if servant is not None:
        results = results.filter(servant=servant)
    return results.select_related(
        "servant__user", "period__schedule", "assignment__position__unit"
    ).order_by("completed_at", "period__ends", "pk")


def approved_on(evaluation: Evaluation) -> dt.date:
    """The approval date of a result: the local day its commission decision took effect."""
    assert evaluation.completed_at is not None
    return timezone.localdate(evaluation.completed_at)


def year_of(evaluation: Evaluation) -> int:
    """The year of a result: its schedule's year."""
    return evaluation.period.schedule.year


# --- bonus (p.42, M-9) and mentoring (p.44, M-11) ----------------------------------------------


def bonus_results(
    results: Iterable[Evaluation], *, year: int | None = None, quarter: int | None = None
) -> list[Evaluation]:
    """The approved results that ground a bonus (p.42, M-9): rated effective or excellent, of a
    year and (a number) of its quarter when given; quarter 0 asks for the annual results."""
    chosen = []
    for evaluation in results:
        if year is not None and year_of(evaluation) != year:
            continue
        if quarter == 0 and evaluation.method != Method.MOJ_ANNUAL:
            continue
        if quarter and (
            evaluation.method != Method.MOJ_QUARTER or evaluation.period.number != quarter
        ):
            continue
        if flow.bonus_eligible(rules_for(evaluation.edition), evaluation.final_rating):
            chosen.append(evaluation)
    return chosen


def latest_results(results: Iterable[Evaluation]) -> dict[int, Evaluation]:
    """Each servant's latest approved result, quarterly or annual (M-11): the one approved last;
    on the same moment the later period, the year after its fourth quarter. `results` come in
    that order (`approved_results`)."""
    latest: dict[int, Evaluation] = {}
    for evaluation in sorted(results, key=_order):
        latest[evaluation.servant_id] = evaluation
    return latest


def _order(evaluation: Evaluation) -> tuple[dt.datetime, dt.date, bool, int]:
    assert evaluation.completed_at is not None
    annual = evaluation.method == Method.MOJ_ANNUAL
    return (evaluation.completed_at, evaluation.period.ends, annual, evaluation.pk)


def mentor_banned(results: Iterable[Evaluation]) -> list[Evaluation]:
    """The latest approved results of the servants not to be appointed mentor (p.44, M-11)."""
    return [
        evaluation
        for evaluation in latest_results(results).values()
        if not flow.mentor_allowed(rules_for(evaluation.edition), evaluation.final_rating)
    ]


# --- the p.45 alert ----------------------------------------------------------------------------


@dataclass
class Alert:
    """Two consecutive unsatisfactory years of a servant (p.45): the later year's result (the one
    a decision cites), the earlier one, and the decision that answered it, if any."""

    servant: Servant
    year: int
    result: Evaluation
    previous: Evaluation
    decision_kind: str = ""
    decision_id: int | None = None

    @property
    def resolved(self) -> bool:
        """Whether the HR service recorded its decision citing the later year's result."""
        return self.decision_id is not None


def annual_by_servant(results: Iterable[Evaluation]) -> dict[int, dict[int, Evaluation]]:
    """The approved annual results of each servant by year."""
    years: dict[int, dict[int, Evaluation]] = defaultdict(dict)
    for evaluation in results:
        if evaluation.method == Method.MOJ_ANNUAL:
            years[evaluation.servant_id][year_of(evaluation)] = evaluation
    return years


def alerts(results: Iterable[Evaluation]) -> list[Alert]:
    """The p.45 alerts of the results (engine: `demotion_alert_years`), each with the decision
    of the register that answered it (a kind asking for consecutive years, citing the later
    year's result), oldest year first."""
    found = []
    for by_year in annual_by_servant(results).values():
        ratings = {year: evaluation.final_rating for year, evaluation in by_year.items()}
        edition = next(iter(by_year.values())).edition
        for year in flow.demotion_alert_years(rules_for(edition), ratings):
            result = by_year[year]
            found.append(
                Alert(
                    servant=result.servant,
                    year=year,
                    result=result,
                    previous=by_year[year - 1],
                )
            )
    _attach_decisions(found)
    return sorted(found, key=lambda a: (a.year, a.servant.full_name, a.result.pk))


def _attach_decisions(found: list[Alert]) -> None:
    from bagalau.consequences.models import Decision

    by_result = {alert.result.pk: alert for alert in found}
    decisions = Decision.objects.filter(evaluation__in=list(by_result)).order_by("pk")
    for decision in decisions:
        assert decision.evaluation_id is not None
        alert = by_result[decision.evaluation_id]
        if decision.kind in alert_kinds(decision.edition) and alert.decision_id is None:
            alert.decision_kind, alert.decision_id = decision.kind, decision.pk


# --- training referrals (p.43, M-10) ------------------------------------------------------------


@dataclass
class Referral:
    """A training referral: the approved unsatisfactory annual result, its row once HR
    referred the servant, the due date (engine: `training_due`) and the suggested directions."""

    result: Evaluation
    row: TrainingReferral
    due: dt.date
    suggested: tuple[str, ...] = field(default_factory=tuple)

    @property
    def status(self) -> str:
        """due, referred or done."""
        return self.row.status


#: The annual sheet's components of a result, (quarter points, plan score), each None when not
#: known: a provider the app holding the annual sheet may register (`register_components`).
ComponentsProvider = Callable[[Evaluation], tuple[int | None, Decimal | None]]
_PROVIDERS: list[ComponentsProvider] = []


def register_components(provider: ComponentsProvider) -> None:
    """Let the app of the annual sheet (App. 4) give the components of an annual result."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def components(evaluation: Evaluation) -> tuple[int | None, Decimal | None]:
    """The quarter points and plan score of an annual result: from the annual sheet's provider
    when one knows them, else the quarter points of the year's approved quarters (M-14) and no
    plan score."""
    for provider in _PROVIDERS:
        points, plan = provider(evaluation)
        if points is not None or plan is not None:
            return points, plan
    quarters = [
        q.final_score
        for q in Evaluation.objects.filter(
            approved_filter(),
            servant_id=evaluation.servant_id,
            method=Method.MOJ_QUARTER,
            period__schedule=evaluation.period.schedule_id,
        )
        if q.final_score is not None
    ]
    if not quarters:
        return None, None
    return flow.quarter_points(rules_for(evaluation.edition), quarters), None


def is_training_case(evaluation: Evaluation) -> bool:
    """An approved annual result whose rating calls for training (p.43; `consequences` of the
    engine: its `training` ratings)."""
    if evaluation.edition not in EDITIONS or evaluation.method != Method.MOJ_ANNUAL:
        return False
    if evaluation.final_score is None or evaluation.completed_at is None:
        return False
    return flow.consequences(rules_for(evaluation.edition), [evaluation.final_rating]).training


def _due_row(evaluation: Evaluation) -> TrainingReferral:
    return TrainingReferral(
        organisation_id=evaluation.period.schedule.organisation_id,
        servant=evaluation.servant,
        evaluation=evaluation,
        status=TrainingStatus.DUE,
    )


def _referral(evaluation: Evaluation, row: TrainingReferral | None, suggest: bool) -> Referral:
    due = flow.training_due(rules_for(evaluation.edition), approved_on(evaluation))
    suggested = flow.training_directions(*components(evaluation)) if suggest else ()
    return Referral(
        result=evaluation, row=row or _due_row(evaluation), due=due, suggested=suggested
    )


def referral_of(evaluation: Evaluation, *, suggest: bool = False) -> Referral:
    """The referral of an approved unsatisfactory annual result: its row, or an unsaved one
    in status `due` before HR referred the servant; with `suggest`, the engine's directions."""
    row = TrainingReferral.objects.filter(evaluation=evaluation).first()
    return _referral(evaluation, row, suggest)


def referrals(results: Iterable[Evaluation]) -> list[Referral]:
    """The referrals of the approved unsatisfactory annual results among `results`, by due
    date."""
    cases = [e for e in results if is_training_case(e)]
    rows = {r.evaluation_id: r for r in TrainingReferral.objects.filter(evaluation__in=cases)}
    found = [_referral(e, rows.get(e.pk), False) for e in cases]
    return sorted(found, key=lambda r: (r.due, r.result.servant.full_name, r.result.pk))


# --- what the pages and the API show ------------------------------------------------------------


@dataclass
class Overview:
    """The consequences of an organisation's approved moj-2017 results (or of one servant's):
    the bonus-eligible results of the chosen year and quarter, the mentoring ban list, the
    training referrals and the p.45 alerts; `years` are the years with approved results."""

    years: list[int]
    bonus: QuerySet[Evaluation]
    mentor_ban: QuerySet[Evaluation]
    referrals: list[Referral]
    alerts: list[Alert]


def overview(
    organisation: Organisation,
    *,
    servant: Servant | None = None,
    year: int | None = None,
    quarter: int | None = None,
) -> Overview:
    """The consequences of the approved results (see `Overview`), each list narrowed in the
    database to the ratings the rules name (a body's years of results are never read whole,
    issue 12): the bonus and mentoring lists as querysets to page through, the referrals and
    alerts worked out by the functions above on the few results that can ground them."""
    results = approved_results(organisation, servant)
    annual = results.filter(method=Method.MOJ_ANNUAL)
    years = results.order_by().values_list("period__schedule__year", flat=True).distinct()
    return Overview(
        years=sorted(years, reverse=True),
        bonus=bonus_in(results, year=year, quarter=quarter),
        mentor_ban=mentor_banned_in(results),
        referrals=referrals(annual.filter(rated("training"))),
        alerts=alerts(annual.filter(servant_id__in=alerting_servants(annual))),
    )


def rated(kind: str) -> Q:
    """The results whose final rating the rules of their edition list under `kind` of
    `ConsequenceRules` (a tuple of codes, or `demotion_rating`'s one code)."""
    found = Q(pk__in=[])
    for edition in sorted(EDITIONS):
        codes = getattr(rules_for(edition).consequences, kind)
        found |= Q(edition=edition, final_rating__in=(codes,) if isinstance(codes, str) else codes)
    return found


def alerting_servants(annual: QuerySet[Evaluation]) -> QuerySet[Any, Any]:
    """The servants (ids) with an approved annual result rated as the p.45 run counts: only
    their annual results can ground an alert, and all of them are read (a year between breaks
    the run)."""
    return annual.filter(rated("demotion_rating")).order_by().values("servant_id")


def bonus_in(
    results: QuerySet[Evaluation], *, year: int | None = None, quarter: int | None = None
) -> QuerySet[Evaluation]:
    """`bonus_results` in the database: the results rated for a bonus (p.42, M-9), of a year
    and of its quarter (0: the annual results) when given."""
    chosen = results.filter(rated("bonus"))
    if year is not None:
        chosen = chosen.filter(period__schedule__year=year)
    if quarter == 0:
        chosen = chosen.filter(method=Method.MOJ_ANNUAL)
    elif quarter:
        chosen = chosen.filter(method=Method.MOJ_QUARTER, period__number=quarter)
    return chosen


def mentor_banned_in(results: QuerySet[Evaluation]) -> QuerySet[Evaluation]:
    """`mentor_banned` in the database: the results rated for the ban (p.44) that are their
    servant's latest approved result (M-11, the order of `_order`), by the servant's name."""
    latest = (
        results.filter(servant_id=OuterRef("servant_id"))
        .annotate(annual=Case(When(method=Method.MOJ_ANNUAL, then=Value(1)), default=Value(0)))
        .order_by("-completed_at", "-period__ends", "-annual", "-pk")
        .values("pk")[:1]
    )
    return (
        results.filter(rated("mentor_ban"))
        .filter(pk=Subquery(latest))
        .order_by("servant__last_name", "servant__first_name", "pk")
    )


def rating_label(evaluation: Evaluation, language: str) -> str:
    """The final rating of a result in words (seed 001 p.27, p.33)."""
    scale = rules_for(evaluation.edition).annual_rating
    try:
        return scale.by_code(evaluation.final_rating).label.get(language)
    except KeyError:
        return evaluation.final_rating
