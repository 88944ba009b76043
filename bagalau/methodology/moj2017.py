"""The moj-2017 model (seed 001, SPEC §6): quarter points, work plan, annual score."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from bagalau.methodology.bands import Band, BandScale
from bagalau.methodology.errors import N_, MethodologyError
from bagalau.methodology.labels import Label
from bagalau.methodology.loading import node
from bagalau.methodology.numbers import exact_mean, round_half_up, to_fraction


@dataclass(frozen=True, slots=True)
class Outcome:
    """A work-plan indicator's year-end outcome and its points (p.30)."""

    code: str
    points: int
    label: Label


@dataclass(frozen=True, slots=True)
class BonusActivity:
    """An encouraged activity of App. 2 with its points."""

    code: str
    points: int
    label: Label


@dataclass(frozen=True, slots=True)
class BonusCatalogue:
    """One catalogue of App. 2: the central apparatus or territorial bodies."""

    code: str
    label: Label
    activities: tuple[BonusActivity, ...]


@dataclass(frozen=True, slots=True)
class Weights:
    """Weights of the quarter points and the plan score in the annual score (p.32)."""

    quarters: Decimal
    plan: Decimal


@dataclass(frozen=True, slots=True)
class Moj2017Rules:
    """Everything the moj-2017 model needs, read from ``data/moj-2017``."""

    base: int
    bonus_min: int
    bonus_max: int
    penalty_per_breach: int
    quarter_rating: BandScale
    breaches: tuple[tuple[str, Label], ...]
    plan_max_indicators: int
    plan_places: int
    outcomes: tuple[Outcome, ...]
    quarter_mean_places: int
    annual_places: int
    weights: Weights
    annual_rating: BandScale
    catalogues: tuple[BonusCatalogue, ...]
    deadlines: Mapping[str, int | str]
    commission_quorum: Fraction


def load_rules(directory: str) -> Moj2017Rules:
    """Read ``edition.yaml`` and ``bonus_catalogue.yaml`` of a moj-2017-model edition."""
    root = node(f"{directory}/edition.yaml")
    quarter, plan, annual = root["quarter"], root["plan"], root["annual"]
    catalogues = tuple(
        BonusCatalogue(
            code=cat["code"].text(),
            label=cat["label"].label(),
            activities=tuple(
                BonusActivity(
                    a["code"].text(), a["points"].integer(), Label.from_mapping(a.value, a.where)
                )
                for a in cat["activities"].seq()
            ),
        )
        for cat in node(f"{directory}/bonus_catalogue.yaml")["catalogues"].seq()
    )
    weights = Weights(annual["weights"]["quarters"].decimal(), annual["weights"]["plan"].decimal())
    rules = Moj2017Rules(
        base=quarter["base"].integer(),
        bonus_min=quarter["bonus"]["min"].integer(),
        bonus_max=quarter["bonus"]["max"].integer(),
        penalty_per_breach=quarter["penalty_per_breach"].integer(),
        quarter_rating=quarter["rating"].scale("moj-2017 quarter rating"),
        breaches=tuple((b["code"].text(), b["label"].label()) for b in quarter["breaches"].seq()),
        plan_max_indicators=plan["max_indicators"].integer(),
        plan_places=plan["places"].integer(),
        outcomes=tuple(
            Outcome(o["code"].text(), o["points"].integer(), o["label"].label())
            for o in plan["outcomes"].seq()
        ),
        quarter_mean_places=annual["quarter_mean_places"].integer(),
        annual_places=annual["places"].integer(),
        weights=weights,
        annual_rating=annual["rating"].scale("moj-2017 annual rating"),
        catalogues=catalogues,
        deadlines={key: value.value for key, value in root["deadlines"].items()},
        commission_quorum=root["commission"]["quorum"].fraction(),
    )
    check_weights(rules.weights, "annual.weights")
    for activity in (a for c in catalogues for a in c.activities):
        if not rules.bonus_min <= activity.points <= rules.bonus_max:
            raise ValueError(f"bonus activity {activity.code} has {activity.points} points")
    return rules


# --- quarter (p.15-27) --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuarterResult:
    """q = 100 + bonus points - 2 per breach, and its rating (p.26-27)."""

    score: int
    rating: Band


def quarter_result(rules: Moj2017Rules, bonus: Sequence[int], violations: int) -> QuarterResult:
    """The quarter score in whole points and its rating."""
    for index, points in enumerate(bonus):
        if not rules.bonus_min <= points <= rules.bonus_max:
            raise MethodologyError(
                f"bonus[{index}]",
                N_("an encouraged activity earns from +%(min)s to +%(max)s points (App. 2)"),
                min=rules.bonus_min,
                max=rules.bonus_max,
            )
    if violations < 0:
        raise MethodologyError("violations", N_("the number of breaches cannot be negative"))
    score = rules.base + sum(bonus) - rules.penalty_per_breach * violations
    return QuarterResult(score=score, rating=rules.quarter_rating.band_for(Decimal(score)))


# --- work plan (p.10-12, p.30) ------------------------------------------------------------------


def plan_score(rules: Moj2017Rules, outcomes: Sequence[str]) -> Decimal:
    """The mean of the indicators' points (2 not met … 5 exceeded), half-up to 2 decimals."""
    if not 1 <= len(outcomes) <= rules.plan_max_indicators:
        raise MethodologyError(
            "indicators",
            N_("a work plan has from 1 to %(max)s target indicators (p.12)"),
            max=rules.plan_max_indicators,
        )
    points = {o.code: o.points for o in rules.outcomes}
    for index, outcome in enumerate(outcomes):
        if outcome not in points:
            raise MethodologyError(
                f"indicators[{index}]",
                N_("the outcome is one of %(codes)s"),
                codes=", ".join(points),
            )
    return round_half_up(exact_mean(points[o] for o in outcomes), rules.plan_places)


# --- annual (p.32-33) ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AnnualResult:
    """The quarter mean, its 5-point conversion, the annual score (1 decimal) and the rating."""

    quarter_mean: Decimal
    quarter_points: int
    score: Decimal
    rating: Band


def check_weights(weights: Weights, field: str = "weights") -> None:
    """Each weight in [0, 1] and together 1."""
    for name in ("quarters", "plan"):
        value = getattr(weights, name)
        if not Decimal(0) <= value <= Decimal(1):
            raise MethodologyError(f"{field}.{name}", N_("a weight lies between 0 and 1"))
    if weights.quarters + weights.plan != 1:
        raise MethodologyError(field, N_("the two weights add up to 1"))


def annual_result(
    rules: Moj2017Rules,
    quarters: Sequence[int],
    plan: Decimal,
    weights: Weights | None = None,
) -> AnnualResult:
    """Annual score = w_q x quarter points + w_p x plan score, half-up to 1 decimal (SPEC §6)."""
    if not 1 <= len(quarters) <= 4:
        raise MethodologyError("quarters", N_("a year has from 1 to 4 quarter scores"))
    lowest = min(o.points for o in rules.outcomes)
    highest = max(o.points for o in rules.outcomes)
    if not lowest <= plan <= highest:
        raise MethodologyError(
            "plan_score",
            N_("a work-plan score lies between %(min)s and %(max)s (p.30)"),
            min=lowest,
            max=highest,
        )
    if plan != plan.quantize(Decimal(1).scaleb(-rules.plan_places)):
        raise MethodologyError(
            "plan_score",
            N_("a work-plan score has at most %(places)s decimal places"),
            places=rules.plan_places,
        )
    used = weights or rules.weights
    check_weights(used)
    mean = round_half_up(exact_mean(quarters), rules.quarter_mean_places)
    band = rules.quarter_rating.band_for(mean)
    assert band.points is not None
    exact = to_fraction(used.quarters) * band.points + to_fraction(used.plan) * to_fraction(plan)
    score = round_half_up(exact, rules.annual_places)
    return AnnualResult(
        quarter_mean=mean,
        quarter_points=band.points,
        score=score,
        rating=rules.annual_rating.band_for(score),
    )
