"""The sjc-2023 differentiation score (p.28-32, App. 4), annual result (p.4) and the score a
calibration session adopts (p.41; SPEC §4.7)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from bagalau.methodology.errors import N_, MethodologyError
from bagalau.methodology.explain import note, tracing_active
from bagalau.methodology.sjc2023.kpi import ScoreResult, _check_places, _mean_rounded, rate
from bagalau.methodology.sjc2023.rules import Sjc2023Rules

# --- differentiation (p.28-32, App. 4) ----------------------------------------------------------


def differentiation_score(rules: Sjc2023Rules, scores: Mapping[str, int]) -> ScoreResult:
    """The mean of the four parameter scores (whole points 0-5), half-up to 2 decimals."""
    parameters = rules.differentiation
    codes = [p.code for p in parameters.parameters]
    for code in scores:
        if code not in codes:
            raise MethodologyError(
                f"scores.{code}",
                N_("unknown parameter; the parameters are %(codes)s"),
                codes=", ".join(codes),
            )
    for code in codes:
        if code not in scores:
            raise MethodologyError(f"scores.{code}", N_("every parameter must be scored"))
        value = scores[code]
        if not parameters.min_score <= value <= parameters.max_score:
            raise MethodologyError(
                f"scores.{code}",
                N_("a parameter is scored in whole points from %(min)s to %(max)s (p.31)"),
                min=parameters.min_score,
                max=parameters.max_score,
            )
    for parameter in parameters.parameters:
        note(
            "differentiation.parameter",
            f"scores.{parameter.code}",
            label=parameter.label,
            score=scores[parameter.code],
        )
    score = _mean_rounded("differentiation.mean", [scores[c] for c in codes], parameters.places)
    return ScoreResult(score=score, rating=rate(rules, score))


# --- annual result (p.4) ------------------------------------------------------------------------


def annual_score(rules: Sjc2023Rules, quarters: Sequence[Decimal | None]) -> ScoreResult:
    """The year's result: the mean of the evaluated quarters, half-up to 2 decimals (p.4)."""
    if not 1 <= len(quarters) <= 4:
        raise MethodologyError("quarters", N_("a year has from 1 to 4 quarters"))
    present = []
    for index, value in enumerate(quarters):
        if value is None:
            note("annual.skipped", f"quarters[{index}]")
            continue
        _check_score(rules, value, f"quarters[{index}]")
        note("annual.quarter", f"quarters[{index}]", score=value)
        present.append(value)
    if not present:
        raise MethodologyError("quarters", N_("at least one quarter must have a score"))
    score = _mean_rounded("annual.mean", present, rules.rating_places)
    return ScoreResult(score=score, rating=rate(rules, score))


class AnnualScores:
    """`annual_score` for the many servants of one edition (recomputing a whole period's annual
    results, issue 12 item 4): the same results and the same errors, each distinct quarter score
    checked and each mean rounded and rated once. Scores that passed the check have at most
    `rating_places` decimals and lie on the scale, so their sum is exact and the mean (p.4)
    depends only on how many quarters there are, how many have a score and their total; any
    score not seen yet, and any explained computation, goes through `annual_score`."""

    def __init__(self, rules: Sjc2023Rules) -> None:
        self.rules = rules
        self._checked: set[Decimal] = set()
        self._results: dict[tuple[int, int, Decimal], ScoreResult] = {}

    def __call__(self, quarters: Sequence[Decimal | None]) -> ScoreResult:
        present = [value for value in quarters if value is not None]
        if self._checked.issuperset(present) and not tracing_active():
            key = (len(quarters), len(present), sum(present, Decimal(0)))
            found = self._results.get(key)
            if found is not None:
                return found
        result = annual_score(self.rules, quarters)
        self._checked.update(present)
        self._results[(len(quarters), len(present), sum(present, Decimal(0)))] = result
        return result


def _check_score(rules: Sjc2023Rules, value: Decimal, field: str) -> None:
    _check_places(value, rules.rating_places, field)
    low, high = rules.rating.minimum, rules.rating.maximum
    assert low is not None
    assert high is not None
    if not low <= value <= high:
        raise MethodologyError(
            field, N_("a score lies between %(low)s and %(high)s"), low=low, high=high
        )


# --- calibration session (p.41; SPEC §4.7) ------------------------------------------------------


def adopted_score(scores: Sequence[Decimal]) -> Decimal | None:
    """The final score a round adopts: the one with more than half of the votes cast (a vote to
    keep counts for the evaluator's score); None when no score has a majority and the session
    votes again."""
    if not scores:
        return None
    counts: dict[Decimal, int] = {}
    for score in scores:
        counts[score] = counts.get(score, 0) + 1
    best = max(counts, key=lambda score: counts[score])
    return best if counts[best] * 2 > len(scores) else None


def round_quorum(participants: int) -> int:
    """How many votes a round needs before the head of HR may close it without the participants
    who have not voted (absent from the session): more than half of the approved participants.
    The seed says only that the majority of the participants adopts the score (p.41); this
    quorum is our decision (SPEC §4.7), so that an absent member cannot stall the session."""
    if participants < 1:
        raise ValueError("A session has at least one participant.")
    return participants // 2 + 1
