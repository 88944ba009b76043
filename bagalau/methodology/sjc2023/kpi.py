"""The sjc-2023 rating (p.7) and KPI evaluation (p.22-27, App. 2-3)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from bagalau.methodology.bands import Band
from bagalau.methodology.errors import N_, MethodologyError
from bagalau.methodology.explain import note, noted_band, noted_round, plain
from bagalau.methodology.numbers import Exact, exact_mean, round_half_up, to_fraction, truncate
from bagalau.methodology.sjc2023.rules import HUNDRED, Direction, Sjc2023Rules

# --- rating -------------------------------------------------------------------------------------


def rate(rules: Sjc2023Rules, score: Decimal) -> Band:
    """The p.7 rating of a score already rounded to 2 decimals."""
    return noted_band("rating", rules.rating, score)


# --- KPI (p.22-27, App. 2-3) ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KpiInput:
    """One KPI of a quarter: its direction, planned and actual values, and the chosen score."""

    direction: Direction
    plan: Decimal | None
    actual: Decimal | bool
    score: Decimal | None = None


@dataclass(frozen=True, slots=True)
class KpiOutcome:
    """A KPI's achievement percent, its allowed score range, the proposal and the score."""

    percent: Decimal
    allowed: tuple[Decimal, Decimal]
    proposed: Decimal
    score: Decimal


@dataclass(frozen=True, slots=True)
class ScoreResult:
    """A score rounded as SPEC §4.2 says, with its rating band."""

    score: Decimal
    rating: Band


@dataclass(frozen=True, slots=True)
class KpiSheetResult:
    """A quarter's KPI sheet (App. 2): each KPI and the quarter score."""

    kpis: tuple[KpiOutcome, ...]
    score: Decimal
    rating: Band


def kpi_percent(rules: Sjc2023Rules, kpi: KpiInput, field: str = "") -> Decimal:
    """Achievement percent, half-up to 2 decimals (SPEC §4.4).

    increase: actual/plan x 100; decrease: plan/actual x 100 (actual 0 counts as 100);
    binary: 100 or 0.
    """
    where = f"{field}." if field else ""
    if kpi.direction == "binary":
        if not isinstance(kpi.actual, bool):
            raise MethodologyError(
                f"{where}actual", N_("a binary KPI's actual value is true or false")
            )
        if kpi.plan is not None:
            raise MethodologyError(f"{where}plan", N_("a binary KPI has no planned value"))
        binary = round_half_up(HUNDRED if kpi.actual else 0, rules.kpi.percent_places)
        note(
            "kpi.percent.binary." + ("yes" if kpi.actual else "no"),
            field,
            achieved=kpi.actual,
            percent=binary,
        )
        return binary
    if isinstance(kpi.actual, bool):
        raise MethodologyError(f"{where}actual", N_("the actual value must be a number"))
    if kpi.plan is None:
        raise MethodologyError(f"{where}plan", N_("the planned value is required"))
    if kpi.plan < 0 or kpi.actual < 0:
        name = "plan" if kpi.plan < 0 else "actual"
        raise MethodologyError(f"{where}{name}", N_("KPI values cannot be negative"))
    plan, actual = to_fraction(kpi.plan), to_fraction(kpi.actual)
    if kpi.direction == "increase":
        if plan == 0:
            raise MethodologyError(
                f"{where}plan",
                N_("the planned value of an increasing KPI must be greater than 0"),
            )
        percent = actual / plan * HUNDRED
    else:
        percent = HUNDRED if actual == 0 else plan / actual * HUNDRED
    rounded = round_half_up(percent, rules.kpi.percent_places)
    code = "kpi.percent.zero" if kpi.direction == "decrease" and actual == 0 else "kpi.percent"
    note(
        f"{code}.{kpi.direction}",
        field,
        plan=plain(kpi.plan),
        actual=plain(kpi.actual),
        exact=percent,
        places=rules.kpi.percent_places,
        percent=rounded,
    )
    return rounded


def allowed_range(rules: Sjc2023Rules, percent: Decimal) -> tuple[Decimal, Decimal]:
    """The App. 3 score range for an achievement percent."""
    row = rules.kpi.row_for(percent)
    return row.score_min, row.score_max


def propose_score(rules: Sjc2023Rules, percent: Decimal, field: str = "") -> Decimal:
    """The score the system proposes: percent/20 cut to 2 decimals, 5.00 from 100% (SPEC §4.4)."""
    low, high = allowed_range(rules, percent)
    if low == high:
        note("kpi.proposal.fixed", field, percent=percent, proposed=low)
        return low
    exact = to_fraction(percent) / 20
    proposed = truncate(exact, rules.kpi.score_places)
    note(
        "kpi.proposal",
        field,
        percent=percent,
        exact=exact,
        places=rules.kpi.score_places,
        proposed=proposed,
    )
    return proposed


def evaluate_kpi(rules: Sjc2023Rules, kpi: KpiInput, field: str = "") -> KpiOutcome:
    """Percent, allowed range, proposal and score of a KPI; refuses a score outside the range."""
    percent = kpi_percent(rules, kpi, field)
    row = rules.kpi.row_for(percent)
    low, high = allowed_range(rules, percent)
    note(
        "kpi.row",
        field,
        percent=percent,
        row_low=row.low,
        row_high=row.high or "+∞",
        low=low,
        high=high,
    )
    proposed = propose_score(rules, percent, field)
    score = proposed if kpi.score is None else kpi.score
    if kpi.score is not None:
        where = f"{field}.score" if field else "score"
        _check_places(kpi.score, rules.kpi.score_places, where)
        if not low <= kpi.score <= high:
            raise MethodologyError(
                where,
                N_(
                    "the score %(score)s is outside the range %(low)s-%(high)s allowed for "
                    "%(percent)s%% achievement (App. 3)"
                ),
                score=kpi.score,
                low=low,
                high=high,
                percent=percent,
            )
        score = kpi.score.quantize(low)
    note(
        "kpi.score.given" if kpi.score is not None else "kpi.score.proposed",
        field,
        score=score,
        low=low,
        high=high,
    )
    return KpiOutcome(percent=percent, allowed=(low, high), proposed=proposed, score=score)


def evaluate_kpi_sheet(rules: Sjc2023Rules, kpis: Sequence[KpiInput]) -> KpiSheetResult:
    """A quarter's KPI sheet: the mean of the KPI scores, half-up to 2 decimals, and its rating.

    Only KPIs with a planned value in the quarter are passed in, so 1 to 5 of them (p.23, p.27).
    """
    if not 1 <= len(kpis) <= rules.kpi.max_count:
        raise MethodologyError(
            "kpis", N_("a quarter has from 1 to %(max)s KPIs"), max=rules.kpi.max_count
        )
    outcomes = tuple(evaluate_kpi(rules, kpi, f"kpis[{i}]") for i, kpi in enumerate(kpis))
    score = _mean_rounded("kpi.mean", [o.score for o in outcomes], rules.rating_places)
    return KpiSheetResult(kpis=outcomes, score=score, rating=rate(rules, score))


def _mean_rounded(code: str, values: Sequence[Exact], places: int) -> Decimal:
    """The mean of `values`, half-up to `places` decimals once (SPEC §9), noted step by step."""
    exact = exact_mean(values)
    note(code, values=list(values), count=len(values), total=sum(values), exact=exact)
    return noted_round(exact, places)


def check_kpi_count(rules: Sjc2023Rules, count: int, field: str = "kpis") -> None:
    """A work plan sets 3 to 5 KPIs (p.23)."""
    if not rules.kpi.min_count <= count <= rules.kpi.max_count:
        raise MethodologyError(
            field,
            N_("a work plan has from %(min)s to %(max)s KPIs (p.23), not %(count)s"),
            min=rules.kpi.min_count,
            max=rules.kpi.max_count,
            count=count,
        )


def _check_places(value: Decimal, places: int, field: str) -> None:
    if value != value.quantize(Decimal(1).scaleb(-places)):
        raise MethodologyError(
            field, N_("a score has at most %(places)s decimal places"), places=places
        )
