"""Rating analytics (issue 14 item 4): the distribution of ratings, the mean and spread of the
scores an evaluator gives against the unit's and the organisation's, and the 360
self-versus-others gap per competency. Pure functions; the thresholds are data
(``data/analytics.yaml``, our reading: the seeds say nothing about analytics).

Every figure is computed exactly (fractions) and rounded half-up once, to the data's places, for
display (SPEC §9): a difference of two means is the exact difference, rounded, not the difference
of two rounded means. The spread is the population standard deviation (every sheet of the group
is in it, not a sample), rounded half-up from an exact square root to 28 significant digits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from functools import cache
from math import gcd

from bagalau.methodology.loading import node
from bagalau.methodology.numbers import round_half_up

Exact = Decimal | int | Fraction


@dataclass(frozen=True)
class AnalyticsRules:
    """The thresholds of ``data/analytics.yaml``."""

    min_sheets: int
    leaning_sd: Decimal
    places: int
    min_targets_360: int


@cache
def analytics_rules() -> AnalyticsRules:
    """The thresholds, read once."""
    root = node("analytics.yaml")
    return AnalyticsRules(
        min_sheets=root["min_sheets"].integer(),
        leaning_sd=root["leaning_sd"].decimal(),
        places=root["places"].integer(),
        min_targets_360=root["min_targets_360"].integer(),
    )


@dataclass(frozen=True)
class Spread:
    """How many scores, their exact mean and population variance (None when there are none)."""

    count: int
    mean: Fraction | None
    variance: Fraction | None

    @property
    def sd(self) -> Decimal | None:
        """The population standard deviation, to 28 significant digits."""
        if self.variance is None:
            return None
        with localcontext() as context:
            context.prec = 28
            return (Decimal(self.variance.numerator) / Decimal(self.variance.denominator)).sqrt()

    def shown_mean(self, places: int) -> Decimal | None:
        """The mean rounded half-up for display."""
        return None if self.mean is None else round_half_up(self.mean, places)

    def shown_sd(self, places: int) -> Decimal | None:
        """The standard deviation rounded half-up for display."""
        sd = self.sd
        return None if sd is None else round_half_up(sd, places)


def spread(scores: Iterable[Exact]) -> Spread:
    """The count, exact mean and population variance of `scores` (decimals and integers added
    up as whole numbers of their smallest unit: the same exact figures, without a fraction per
    score)."""
    given = list(scores)
    if not given:
        return Spread(0, None, None)
    if all(isinstance(score, Decimal | int) for score in given):
        return _whole_spread([score.as_integer_ratio() for score in given])
    values = [Fraction(score) for score in given]
    mean = sum(values, Fraction(0)) / len(values)
    variance = sum(((value - mean) ** 2 for value in values), Fraction(0)) / len(values)
    return Spread(len(values), mean, variance)


def _whole_spread(ratios: list[tuple[int, int]]) -> Spread:
    """`spread` of values given as (numerator, denominator), the denominators dividing a
    common one (decimals): each scaled to a whole number of it, then n, the sum and the sum
    of squares in integers (`spread_of_sums`)."""
    unit = 1
    for _numerator, denominator in ratios:
        unit = unit * denominator // gcd(unit, denominator)
    whole = [numerator * (unit // denominator) for numerator, denominator in ratios]
    return spread_of_sums(Sums(len(whole), sum(whole), sum(w * w for w in whole)), unit)


@dataclass(frozen=True)
class Sums:
    """What a spread needs of whole numbers x (scores as whole numbers of their smallest unit):
    how many, Σx and Σx². Sums of groups add up to the sums of their union, so a caller may
    count them per group (in the database) and add the groups it shows."""

    count: int = 0
    total: int = 0
    squares: int = 0

    def __add__(self, other: Sums) -> Sums:
        return Sums(
            self.count + other.count, self.total + other.total, self.squares + other.squares
        )


def spread_of_sums(sums: Sums, unit: int = 1) -> Spread:
    """The spread of the scores x / `unit` whose `Sums` are given: the exact mean Σx / (n·unit)
    and the population variance (n·Σx² − (Σx)²) / (n·unit)², exactly the mean of the squared
    deviations; the same `Spread` as `spread` of the scores themselves."""
    count, total, squares = sums.count, sums.total, sums.squares
    if not count:
        return Spread(0, None, None)
    mean = Fraction(total, count * unit)
    variance = Fraction(count * squares - total * total, count * count * unit * unit)
    return Spread(count, mean, variance)


def distribution(ratings: Iterable[str], codes: Sequence[str]) -> dict[str, int]:
    """How many of `ratings` fall in each band code, in the scale's order (every code present,
    zero when none); a rating outside the scale is an error of the caller's data."""
    return distribution_of(Counter(ratings), codes)


def distribution_of(counted: Mapping[str, int], codes: Sequence[str]) -> dict[str, int]:
    """`distribution` of ratings already counted (rating -> how many, counted in the
    database): the same check and the same order."""
    unknown = {rating for rating, count in counted.items() if count} - set(codes)
    if unknown:
        raise ValueError(f"ratings outside the scale: {sorted(unknown)}")
    return {code: counted.get(code, 0) for code in codes}


def shares(counts: Mapping[str, int], places: int = 1) -> dict[str, Decimal]:
    """Each count as a percent of the total, rounded half-up (all zero for an empty total)."""
    total = sum(counts.values())
    return {
        code: round_half_up(Fraction(100 * count, total) if total else Fraction(0), places)
        for code, count in counts.items()
    }


@dataclass(frozen=True)
class Standing:
    """An evaluator's scores against the unit's and the organisation's: the exact differences of
    the means, the distance in organisation standard deviations, and the leaning."""

    own: Spread
    unit: Spread
    organisation: Spread
    versus_unit: Fraction | None
    versus_organisation: Fraction | None
    leaning: str  # "lenient", "severe", "" (within the band) or "few" (under min_sheets)


def standing(
    own: Sequence[Exact],
    unit: Sequence[Exact],
    organisation: Sequence[Exact],
    rules: AnalyticsRules,
) -> Standing:
    """Where an evaluator's mean stands (data/analytics.yaml: `min_sheets`, `leaning_sd`)."""
    return standing_of(spread(own), spread(unit), spread(organisation), rules)


def standing_of(mine: Spread, theirs: Spread, everyone: Spread, rules: AnalyticsRules) -> Standing:
    """`standing` from the spreads already computed: the unit's and the organisation's are
    shared by many evaluators, so a page computes each once."""
    versus_unit = None if mine.mean is None or theirs.mean is None else mine.mean - theirs.mean
    versus_all = None if mine.mean is None or everyone.mean is None else mine.mean - everyone.mean
    leaning = ""
    if mine.count < rules.min_sheets:
        leaning = "few"
    elif versus_all is not None and everyone.variance:
        # |difference| > k·sd  ⇔  difference² > k²·variance (exact, no square root)
        limit = Fraction(rules.leaning_sd) ** 2 * everyone.variance
        if versus_all**2 > limit:
            leaning = "lenient" if versus_all > 0 else "severe"
    return Standing(mine, theirs, everyone, versus_unit, versus_all, leaning)


@dataclass(frozen=True)
class Gap:
    """One competency of a group: the mean of the self-assessments, the mean of the others'
    answers, and self minus others (exact); how many servants and others' answers it rests on."""

    code: str
    self_mean: Fraction
    others_mean: Fraction
    gap: Fraction
    targets: int
    answers: int


@dataclass(frozen=True)
class TargetAnswers:
    """One evaluated servant's 360 figures for the gap: per competency, the sum and count of
    their own answers and of the others' answers."""

    own: Mapping[str, tuple[int, int]]
    others: Mapping[str, tuple[int, int]]


def self_others_gap(
    targets: Sequence[TargetAnswers], codes: Sequence[str], rules: AnalyticsRules
) -> list[Gap] | None:
    """Per competency of `codes`, self minus others over the servants who have both; None when
    fewer than `min_targets_360` servants have both for every competency shown (the group is too
    small to show without pointing at someone's report)."""
    gaps = []
    for code in codes:
        both = [t for t in targets if code in t.own and code in t.others and t.others[code][1]]
        both = [t for t in both if t.own[code][1]]
        if len(both) < rules.min_targets_360:
            continue
        own_sum = sum(t.own[code][0] for t in both)
        own_count = sum(t.own[code][1] for t in both)
        others_sum = sum(t.others[code][0] for t in both)
        others_count = sum(t.others[code][1] for t in both)
        self_mean = Fraction(own_sum, own_count)
        others_mean = Fraction(others_sum, others_count)
        gaps.append(
            Gap(code, self_mean, others_mean, self_mean - others_mean, len(both), others_count)
        )
    return gaps or None
