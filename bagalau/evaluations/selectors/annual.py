"""Reads of the annual result (seed 002 p.4): the quarters it averages, the quarters it still
waits for, and the lines of the annual pages, with scores only where the reader may see them
(p.20).

"НМИ және саралау бойынша қорытынды баға "Б" корпусы қызметшісінің есепті тоқсандардағы орташа
бағасынан құралады": the year's result is the mean of the quarterly results. A quarter counts with
its standing score as soon as the evaluator has signed it (the calibrated score once a session
changed it); the annual result is provisional while a quarter the servant is evaluated for is not
final — signed, under calibration, not yet evaluated, or not even opened.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import (
    CharField,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Q,
    Value,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Cast, Coalesce, Round
from django.utils.translation import gettext

from bagalau.audit.services import audit_log
from bagalau.core.lean import plain_rows
from bagalau.evaluations.access import evaluations_visible_to
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    Method,
    Period,
    PeriodKind,
    PeriodStatus,
    Schedule,
)
from bagalau.evaluations.selectors.quarter_roster import chosen_assignments
from bagalau.evaluations.selectors.schedule import rules_of
from bagalau.evaluations.selectors.sheets import rating_label, rules_for
from bagalau.methodology import sjc2023 as engine
from bagalau.org.models import Assignment

if TYPE_CHECKING:
    from bagalau.core.types import User


QUARTERS = (1, 2, 3, 4)
#: A quarter result with a score: the evaluator signed it (it counts in the mean).
SCORED = (
    EvaluationStatus.SIGNED,
    EvaluationStatus.ACKNOWLEDGED,
    EvaluationStatus.REFUSED,
    EvaluationStatus.CALIBRATION,
    EvaluationStatus.FINAL,
)


@dataclass(frozen=True)
class QuarterState:
    """One quarter behind an annual result: whether the servant is evaluated for it, whether its
    result is final, and its standing score (never shown from here: see `annual_quarters`); the
    evaluation when it was read as one (not from `quarter_inputs`)."""

    number: int
    evaluation: Evaluation | None
    expected: bool
    final: bool
    score: Decimal | None

    @property
    def waiting(self) -> bool:
        """The servant is evaluated for this quarter and its result is not final yet."""
        return self.expected and not self.final


@dataclass(frozen=True)
class AnnualStanding:
    """Where a servant's year stands: the four quarters, the scores of the mean, what it waits
    for."""

    quarters: tuple[QuarterState, ...]
    #: The standing score of each quarter, None where there is none (the engine's input).
    scores: list[Decimal | None] = field(init=False, compare=False, repr=False)
    #: The quarters the annual result still waits for.
    waiting: tuple[int, ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "scores", [q.score for q in self.quarters])
        object.__setattr__(self, "waiting", tuple(q.number for q in self.quarters if q.waiting))

    @property
    def provisional(self) -> bool:
        """The annual result may still change (p.4: some quarter is not final)."""
        return bool(self.waiting)

    @property
    def has_score(self) -> bool:
        """At least one quarter has a standing score."""
        return any(score is not None for score in self.scores)


class Forecast:
    """Who will be evaluated for the quarters of a schedule not opened yet, from the structure as
    it stands (the roster's rule: the post held at the quarter's end and p.5); one query per
    quarter."""

    def __init__(self, schedule: Schedule) -> None:
        self.schedule = schedule
        self.rules = rules_of(schedule)
        self._posts: dict[int, dict[int, Assignment]] = {}

    def expects(self, period: Period, servant_id: int) -> bool:
        """Whether the servant will be evaluated for `period` (an unopened quarter)."""
        if period.pk not in self._posts:
            self._posts[period.pk] = {
                a.servant_id: a
                for a in chosen_assignments(self.schedule.organisation, period.starts, period.ends)
            }
        post = self._posts[period.pk].get(servant_id)
        return post is not None and engine.long_enough_in_position(
            self.rules, post.start, post.end, period.starts, period.ends
        )


def quarter_periods(schedule: Schedule) -> dict[int, Period]:
    """The schedule's quarters by number."""
    return {
        p.number: p
        for p in Period.objects.filter(schedule=schedule, kind=PeriodKind.QUARTER)
        if p.number is not None
    }


def quarter_evaluations(
    schedule: Schedule, servant_ids: Iterable[int] | None = None
) -> dict[int, dict[int, Evaluation]]:
    """Servant id -> quarter number -> evaluation, for the schedule's quarters."""
    queryset = Evaluation.objects.filter(
        period__schedule=schedule, period__kind=PeriodKind.QUARTER
    ).select_related("period", "servant__user")
    if servant_ids is not None:
        queryset = queryset.filter(servant_id__in=list(servant_ids))
    found: dict[int, dict[int, Evaluation]] = {}
    for item in queryset:
        if item.period.number is not None:
            found.setdefault(item.servant_id, {})[item.period.number] = item
    return found


@dataclass(frozen=True, slots=True)
class QuarterInput:
    """What the annual mean reads of a quarter's result: its status and its standing score
    (`Evaluation.result_score`, the calibrated score when there is one)."""

    status: str
    result_score: Decimal | None


#: The places of a stored score, and the factor that makes it a whole number of its last place.
PLACES = Evaluation._meta.get_field("final_score").decimal_places
_SCALE = 10**PLACES


def _whole(expression: Combinable) -> Cast:
    """A stored score as a whole number of its last place (4.35 -> 435): exact in SQL on both
    databases (SQLite holds a decimal as a float; the rounding only clears its binary error)."""
    scaled = ExpressionWrapper(expression * Value(_SCALE), output_field=DecimalField())
    return Cast(Round(scaled), IntegerField())


def as_score(whole: int | None) -> Decimal | None:
    """A score read by `_whole` as the decimal it stands for (435 -> Decimal("4.35"))."""
    return None if whole is None else Decimal(whole).scaleb(-PLACES)


def as_whole(score: Decimal) -> int:
    """A score as `_whole` reads it (Decimal("4.35") -> 435)."""
    return int(score.scaleb(PLACES))


#: Where `year_rows` puts each column: the statuses and standing scores (`_whole`) of the four
#: quarters, then the annual result's pk, status, score (`_whole`) and rating.
STATUSES, SCORES, ANNUAL = slice(1, 5), slice(5, 9), slice(9, 13)


def year_rows(
    period: Period, quarters: Mapping[int, Period], servant_ids: Iterable[int] | None = None
) -> list[tuple[Any, ...]]:
    """One row a servant with a result for one of the `quarters` (by number) of the annual
    `period`, in the order of their ids: the servant's id, then the columns `STATUSES`, `SCORES`
    and `ANNUAL` place (None where there is no such result). One query, whole numbers and strings
    only (recomputing a whole period's annual results, issue 12 item 4: no model instance, no
    decimal converted, nothing computed in SQL but the standing score's exact scaling)."""
    queryset = Evaluation.objects.filter(
        period_id__in=[*(p.pk for p in quarters.values()), period.pk]
    )
    if servant_ids is not None:
        queryset = queryset.filter(servant_id__in=list(servant_ids))
    standing = _whole(Coalesce("final_score", "score"))
    per_quarter: dict[str, tuple[Any, Any]] = {
        "status": ("status", CharField()),
        "score": (standing, IntegerField()),
    }
    columns: dict[str, Any] = {}
    for name, (value, output) in per_quarter.items():
        for number in QUARTERS:
            quarter = quarters.get(number)
            columns[f"{name}{number}"] = (
                Value(None, output_field=output)
                if quarter is None
                else Max(value, filter=Q(period_id=quarter.pk))
            )
    annual = Q(period_id=period.pk)
    columns["annual_pk"] = Max("pk", filter=annual)
    columns["annual_status"] = Max("status", filter=annual)
    columns["annual_score"] = Max(_whole(F("score")), filter=annual)
    columns["annual_rating"] = Max("rating", filter=annual)
    rows = (
        queryset.order_by()
        .values("servant_id")
        .annotate(**columns)
        .order_by("servant_id")
        .values_list("servant_id", *columns)
    )
    return [row for row in plain_rows(rows) if any(row[STATUSES])]


def row_quarters(row: tuple[Any, ...]) -> dict[int, QuarterInput]:
    """The quarters of a `year_rows` row with a result, by number."""
    statuses, scores = row[STATUSES], row[SCORES]
    return {
        number: QuarterInput(status, as_score(scores[index]))
        for index, (number, status) in enumerate(zip(QUARTERS, statuses, strict=True))
        if status is not None
    }


def latest_posts(
    quarters: Mapping[int, Period], servant_ids: Iterable[int] | None = None
) -> dict[int, int]:
    """Servant id -> the post each (of `servant_ids`, or all) was evaluated in for their latest
    quarter of `quarters`."""
    rows = Evaluation.objects.filter(period_id__in=[quarter.pk for quarter in quarters.values()])
    if servant_ids is not None:
        rows = rows.filter(servant_id__in=list(servant_ids))
    ordered = rows.order_by("period__number").values_list("servant_id", "assignment_id")
    return dict(ordered.iterator(chunk_size=5000))


def annual_standing(
    servant_id: int,
    quarters: Mapping[int, Evaluation | QuarterInput],
    periods: Mapping[int, Period],
    forecast: Forecast,
    known: dict[tuple[int, str, Decimal | None], QuarterState] | None = None,
) -> AnnualStanding:
    """The four quarters of a servant's year (p.4, p.5): a quarter the servant is not evaluated
    for is left out of the mean and not waited for; one not opened yet is waited for when the
    structure says the servant will be evaluated for it. `known`: the states of the quarters
    already worked out by (number, status, standing score), filled as it goes (a whole period
    at once, from `QuarterInput`s)."""
    states = []
    for number in QUARTERS:
        item = quarters.get(number)
        if item is None:
            period = periods.get(number)
            expected = (
                period is not None
                and period.status == PeriodStatus.SCHEDULED
                and forecast.expects(period, servant_id)
            )
            states.append(QuarterState(number, None, expected, False, None))
        elif known is None or isinstance(item, Evaluation):
            states.append(_quarter_state(number, item))
        else:
            key = (number, item.status, item.result_score)
            state = known.get(key)
            if state is None:
                state = known[key] = _quarter_state(number, item)
            states.append(state)
    return AnnualStanding(tuple(states))


def _quarter_state(number: int, item: Evaluation | QuarterInput) -> QuarterState:
    """A quarter with a result: evaluated unless marked not evaluated, counted from the
    evaluator's signature (p.4)."""
    expected = item.status != EvaluationStatus.NOT_EVALUATED
    final = item.status == EvaluationStatus.FINAL
    score = item.result_score if item.status in SCORED else None
    evaluation = item if isinstance(item, Evaluation) else None
    return QuarterState(number, evaluation, expected, final, score)


def standing_of(evaluation: Evaluation) -> AnnualStanding:
    """Where the year behind an annual result stands now."""
    schedule = evaluation.period.schedule
    quarters = quarter_evaluations(schedule, [evaluation.servant_id]).get(evaluation.servant_id, {})
    return annual_standing(
        evaluation.servant_id, quarters, quarter_periods(schedule), Forecast(schedule)
    )


def quarter_names(numbers: Iterable[int]) -> str:
    """ "Q3, Q4" in the reader's language."""
    return ", ".join(gettext("Q%(number)s") % {"number": n} for n in numbers)


# --- the annual sheet page -----------------------------------------------------------------------


@dataclass
class QuarterLine:
    """A quarter behind an annual result as shown: its standing score when the reader may see it,
    and where it stands (final, not final yet, awaited, not evaluated)."""

    number: int
    evaluation: Evaluation | None
    score: Decimal | None
    rating: str
    rating_label: str
    counted: bool
    final: bool
    state: str

    def as_dict(self) -> dict[str, Any]:
        """The line in the API (the score as a string, None when not shown)."""
        return {
            "number": self.number,
            "counted": self.counted,
            "final": self.final,
            "state": self.state,
            "score": None if self.score is None else str(self.score),
            "rating": self.rating,
        }

    @property
    def state_label(self) -> str:
        """Where the quarter stands, in the reader's language."""
        if self.state == "final":
            return gettext("final")
        if self.state == "counted":
            status = self.evaluation.get_status_display() if self.evaluation else ""
            return gettext("counted provisionally: %(status)s") % {"status": status}
        if self.state == "awaited":
            return gettext("not evaluated yet: awaited")
        if self.state == "not_evaluated":
            return gettext("not evaluated (under 3 months in the position, p.5)")
        return gettext("not evaluated")


def annual_quarters(user: User, evaluation: Evaluation) -> list[QuarterLine]:
    """The four quarters behind an annual result, with the scores the reader may see (p.20)."""
    rules = rules_for(evaluation)
    standing = standing_of(evaluation)
    items = [q.evaluation for q in standing.quarters if q.evaluation is not None]
    visible = set(
        evaluations_visible_to(user)
        .filter(pk__in=[e.pk for e in items])
        .values_list("pk", flat=True)
    )
    lines = []
    for quarter in standing.quarters:
        item = quarter.evaluation
        counted = quarter.score is not None
        shown = counted and item is not None and item.pk in visible
        if quarter.final:
            state = "final"
        elif counted:
            state = "counted"
        elif quarter.expected:
            state = "awaited"
        elif item is not None:
            state = "not_evaluated"
        else:
            state = "none"
        rating = item.result_rating if shown and item is not None else ""
        lines.append(
            QuarterLine(
                number=quarter.number,
                evaluation=item,
                score=quarter.score if shown else None,
                rating=rating,
                rating_label=rating_label(rules, rating),
                counted=counted,
                final=quarter.final,
                state=state,
            )
        )
    return lines


# --- the HR service's annual page ----------------------------------------------------------------


@dataclass
class AnnualLine:
    """A servant's annual result: its status and the quarters it waits for, for everyone in HR;
    the score only when visible."""

    evaluation: Evaluation
    visible: bool
    rating_label: str
    waiting: tuple[int, ...] = ()

    @property
    def waiting_text(self) -> str:
        """ "Q3, Q4" or ""."""
        return quarter_names(self.waiting)


def annual_overview(*, user: User, period: Period) -> list[AnnualLine]:
    """The annual results of a period, with the quarters each provisional one waits for; scores
    only where the user may see them (p.20), and then the read is audited."""
    evaluations = list(
        Evaluation.objects.filter(period=period, method=Method.ANNUAL)
        .select_related("servant", "period__schedule")
        .order_by("servant__last_name", "servant__first_name", "pk")
    )
    visible = set(
        evaluations_visible_to(user)
        .filter(pk__in=[e.pk for e in evaluations])
        .values_list("pk", flat=True)
    )
    schedule = period.schedule
    quarters = quarter_evaluations(schedule, [e.servant_id for e in evaluations])
    periods, forecast = quarter_periods(schedule), Forecast(schedule)
    lines = []
    for evaluation in evaluations:
        shown = evaluation.pk in visible
        label = rating_label(rules_for(evaluation), evaluation.result_rating) if shown else ""
        waiting: tuple[int, ...] = ()
        if evaluation.status == EvaluationStatus.PROVISIONAL:
            standing = annual_standing(
                evaluation.servant_id,
                quarters.get(evaluation.servant_id, {}),
                periods,
                forecast,
            )
            waiting = standing.waiting
        lines.append(AnnualLine(evaluation, shown, label, waiting))
    if visible:  # results were read: audited
        audit_log(actor=user, action="view", obj=period, summary=f"{period}: annual")
    return lines
