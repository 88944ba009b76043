"""The moj-2017 model (seed 001, SPEC §6): quarter points, work plan, annual score."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from bagalau.methodology.bands import Band, BandScale
from bagalau.methodology.errors import N_, MethodologyError
from bagalau.methodology.explain import note, noted_band, noted_round
from bagalau.methodology.labels import Label
from bagalau.methodology.loading import Node, node
from bagalau.methodology.numbers import exact_mean, round_half_up, to_fraction
from bagalau.methodology.timing import month_day_of


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
class Moj2017Deadlines:
    """Time limits of moj-2017 (working days unless the name says otherwise; (month, day) dates)."""

    quarter_day: int
    fourth_quarter: tuple[int, int]
    annual_session_by: tuple[int, int]
    q4_cutoff: tuple[int, int]
    plan: tuple[int, int]
    plan_after_appointment: int
    notice_calendar_days: int
    annual_computation_before: int
    familiarisation: int
    appeal: int
    agency_report_calendar_days: int
    training_months: int
    session_warning_after: int


@dataclass(frozen=True, slots=True)
class Reading:
    """A reading of the quarter-mean conversion of p.32 (EDITIONS.md §9 M-2)."""

    code: str
    label: Label


#: M-2: the SPEC reading (intervals on the mean) and the alternative (round to a whole point first).
READINGS = ("fractional_bands", "whole_points_first")


@dataclass(frozen=True, slots=True)
class ConsequenceRules:
    """Which annual ratings ground which decision (p.42-45; EDITIONS.md §8, §13)."""

    bonus: tuple[str, ...]
    training: tuple[str, ...]
    mentor_ban: tuple[str, ...]
    demotion_rating: str
    demotion_years: int


@dataclass(frozen=True, slots=True)
class Moj2017Rules:
    """Everything the moj-2017 model needs, read from ``data/moj-2017``.

    `weights_reconstruction` says that the p.32 weights are ours (M-1): the pages show
    `weights_note`. `catalogue_default` is None: the organisation chooses its App. 2 catalogue
    (M-20). `quarter_mean_reading` is one of READINGS (M-2).
    """

    base: int
    bonus_min: int
    bonus_max: int
    penalty_per_breach: int
    quarter_rating: BandScale
    breaches: tuple[tuple[str, Label], ...]
    plan_max_indicators: int
    plan_measurable_share: Fraction
    plan_places: int
    outcomes: tuple[Outcome, ...]
    quarter_mean_places: int
    annual_places: int
    weights: Weights
    annual_rating: BandScale
    catalogues: tuple[BonusCatalogue, ...]
    deadlines: Moj2017Deadlines
    quarter_mean_reading: str
    readings: tuple[Reading, ...]
    weights_reconstruction: bool
    weights_note: Label
    catalogue_default: str | None
    consequences: ConsequenceRules

    def catalogue(self, code: str) -> BonusCatalogue:
        """The App. 2 catalogue with this code."""
        for item in self.catalogues:
            if item.code == code:
                return item
        raise KeyError(code)


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
    deadlines = root["deadlines"]
    reading = annual["quarter_mean_reading"]
    consequences = root["consequences"]
    rules = Moj2017Rules(
        base=quarter["base"].integer(),
        bonus_min=quarter["bonus"]["min"].integer(),
        bonus_max=quarter["bonus"]["max"].integer(),
        penalty_per_breach=quarter["penalty_per_breach"].integer(),
        quarter_rating=quarter["rating"].scale("moj-2017 quarter rating"),
        breaches=tuple((b["code"].text(), b["label"].label()) for b in quarter["breaches"].seq()),
        plan_max_indicators=plan["max_indicators"].integer(),
        plan_measurable_share=plan["measurable_share"].fraction(),
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
        deadlines=Moj2017Deadlines(
            quarter_day=deadlines["quarter_day"].integer(),
            fourth_quarter=month_day_of(deadlines["fourth_quarter"]),
            annual_session_by=month_day_of(deadlines["annual_session_by"]),
            q4_cutoff=month_day_of(deadlines["q4_cutoff"]),
            plan=month_day_of(deadlines["plan"]),
            plan_after_appointment=deadlines["plan_after_appointment"].integer(),
            notice_calendar_days=deadlines["notice_calendar_days"].integer(),
            annual_computation_before=deadlines["annual_computation_before"].integer(),
            familiarisation=deadlines["familiarisation"].integer(),
            appeal=deadlines["appeal"].integer(),
            agency_report_calendar_days=deadlines["agency_report_calendar_days"].integer(),
            training_months=deadlines["training_months"].integer(),
            session_warning_after=deadlines["session_warning_after"].integer(),
        ),
        quarter_mean_reading=reading["value"].text(),
        readings=tuple(
            Reading(item["code"].text(), item["label"].label())
            for item in reading["readings"].seq()
        ),
        weights_reconstruction=annual["weights_reconstruction"].flag(),
        weights_note=annual["weights_note"].label(),
        catalogue_default=(
            root["catalogue"]["default"].text() if root["catalogue"].has("default") else None
        ),
        consequences=ConsequenceRules(
            bonus=_codes(consequences["bonus"]),
            training=_codes(consequences["training"]),
            mentor_ban=_codes(consequences["mentor_ban"]),
            demotion_rating=consequences["demotion"]["rating"].text(),
            demotion_years=consequences["demotion"]["consecutive_years"].integer(),
        ),
    )
    _check(rules, root)
    check_weights(rules.weights, "annual.weights")
    for activity in (a for c in catalogues for a in c.activities):
        if not rules.bonus_min <= activity.points <= rules.bonus_max:
            raise ValueError(f"bonus activity {activity.code} has {activity.points} points")
    return rules


def _codes(value: Node) -> tuple[str, ...]:
    return tuple(item.text() for item in value.seq())


def _check(rules: Moj2017Rules, root: Node) -> None:
    """The settings name only codes that exist."""
    if tuple(r.code for r in rules.readings) != READINGS:
        raise root["annual"]["quarter_mean_reading"].fail(f"the readings are {READINGS}")
    if rules.quarter_mean_reading not in READINGS:
        raise root["annual"]["quarter_mean_reading"].fail(f"the value is one of {READINGS}")
    codes = [c.code for c in rules.catalogues]
    if rules.catalogue_default is not None and rules.catalogue_default not in codes:
        raise root["catalogue"].fail(f"the default is null or one of {codes}")
    ratings = [band.code for band in rules.annual_rating.bands]
    used = [
        *rules.consequences.bonus,
        *rules.consequences.training,
        *rules.consequences.mentor_ban,
        rules.consequences.demotion_rating,
    ]
    for code in used:
        if code not in ratings:
            raise root["consequences"].fail(f"{code!r} is not an annual rating {ratings}")


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
    note(
        "quarter.points",
        base=rules.base,
        bonus=list(bonus) or "—",
        bonus_total=sum(bonus),
        violations=violations,
        per_breach=rules.penalty_per_breach,
        penalty=rules.penalty_per_breach * violations,
        score=score,
        cite="D3",
    )
    band = noted_band("quarter.rating", rules.quarter_rating, Decimal(score), cite="D4")
    return QuarterResult(score=score, rating=band)


# --- work plan (p.10-12, p.30) ------------------------------------------------------------------


def check_indicator_count(rules: Moj2017Rules, count: int) -> None:
    """A work plan has from 1 to 4 target indicators (p.12)."""
    if not 1 <= count <= rules.plan_max_indicators:
        raise MethodologyError(
            "indicators",
            N_("a work plan has from 1 to %(max)s target indicators (p.12)"),
            max=rules.plan_max_indicators,
        )


def plan_score(rules: Moj2017Rules, outcomes: Sequence[str]) -> Decimal:
    """The mean of the indicators' points (2 not met … 5 exceeded), half-up to 2 decimals."""
    check_indicator_count(rules, len(outcomes))
    points = {o.code: o.points for o in rules.outcomes}
    for index, outcome in enumerate(outcomes):
        if outcome not in points:
            raise MethodologyError(
                f"indicators[{index}]",
                N_("the outcome is one of %(codes)s"),
                codes=", ".join(points),
            )
    labels = {o.code: o.label for o in rules.outcomes}
    for index, outcome in enumerate(outcomes):
        note(
            "plan.indicator",
            f"indicators[{index}]",
            outcome=outcome,
            label=labels[outcome],
            points=points[outcome],
            cite="E2",
        )
    exact = exact_mean(points[o] for o in outcomes)
    note(
        "plan.mean",
        count=len(outcomes),
        total=sum(points[o] for o in outcomes),
        exact=exact,
        cite="E2",
    )
    return noted_round(exact, rules.plan_places)


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


def quarter_mean_points(rules: Moj2017Rules, mean: Fraction, reading: str | None = None) -> Band:
    """The p.32 band (and its 2-5 points) of an exact quarter mean, by the edition's reading of
    the whole-point bands (EDITIONS.md §9 M-2), or by `reading` when given:

    - ``fractional_bands`` (SPEC, the default): the mean rounded half-up to 2 decimals falls in
      (-inf, 80) -> 2, [80, 105] -> 3, (105, 130] -> 4, (130, +inf) -> 5;
    - ``whole_points_first``: the mean is rounded half-up to a whole point, then the same bands.
    """
    used = rules.quarter_mean_reading if reading is None else reading
    if used not in READINGS:
        raise MethodologyError(
            "reading", N_("the reading is one of %(readings)s"), readings=", ".join(READINGS)
        )
    places = rules.quarter_mean_places if used == "fractional_bands" else 0
    placed = round_half_up(mean, places)
    band = rules.quarter_rating.band_for(placed)
    reading_label = next(r.label for r in rules.readings if r.code == used)
    note(
        "annual.points",
        reading=used,
        reading_label=reading_label,
        placed=placed,
        interval=band.interval,
        points=band.points,
        cite="E4",
    )
    return band


def annual_result(
    rules: Moj2017Rules,
    quarters: Sequence[int],
    plan: Decimal,
    weights: Weights | None = None,
    reading: str | None = None,
) -> AnnualResult:
    """Annual score = w_q x quarter points + w_p x plan score, half-up to 1 decimal (SPEC §6;
    p.32: the weights are a reconstruction, M-1; the quarter mean's conversion, M-2)."""
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
    exact_quarters = exact_mean(quarters)
    mean = round_half_up(exact_quarters, rules.quarter_mean_places)
    note(
        "annual.quarter_mean",
        "quarters",
        quarters=list(quarters),
        count=len(quarters),
        total=sum(quarters),
        exact=exact_quarters,
        places=rules.quarter_mean_places,
        mean=mean,
        cite="E4",
    )
    band = quarter_mean_points(rules, exact_quarters, reading)
    assert band.points is not None
    exact = to_fraction(used.quarters) * band.points + to_fraction(used.plan) * to_fraction(plan)
    note(
        "annual.weighted",
        w_quarters=used.quarters,
        points=band.points,
        w_plan=used.plan,
        plan=plan,
        exact=exact,
        note=rules.weights_note if rules.weights_reconstruction else "",
        cite="E4",
    )
    score = noted_round(exact, rules.annual_places)
    rating = noted_band("annual.rating", rules.annual_rating, score, cite="E4")
    return AnnualResult(quarter_mean=mean, quarter_points=band.points, score=score, rating=rating)
