"""The figures of the rating analytics, read from the results and the 360 survey's released
totals, and added up by `bagalau.methodology.analytics` (issue 14 item 4).

- Ratings: the rating that stands (the calibrated one when there is one) of every result signed
  or later, per quarter and for the year, for the organisation and per unit (the unit of the post
  the servant was evaluated in).
- Evaluators: the scores an evaluator gave on quarterly sheets (their own score, before any
  calibration: the habit of the evaluator is what is looked at), against the scores of every
  sheet of the units they evaluated in and of the organisation.
- 360: per competency, the mean of the self-assessments and of the others' answers of the
  servants with a released report (the totals exist only for a report with enough respondents,
  seed 002 p.35), for the organisation and per unit, shown only for a group of at least
  `min_targets_360` servants.

The read is audited here (`analytics_read`), never in a view.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    When,
)
from django.db.models.functions import Cast, Round
from django.utils.translation import gettext

from bagalau.analytics.access import require_reader
from bagalau.analytics.charts import BAND_COLOURS
from bagalau.audit.services import audit_log
from bagalau.core.collation import sorted_by_name
from bagalau.evaluations.models import Evaluation, Method, PeriodKind, Schedule
from bagalau.evaluations.workflow import WITH_RESULT
from bagalau.methodology import (
    DEFAULT_EDITION,
    EvaluationModel,
    get_edition,
    model_editions,
    sjc2023_rules,
)
from bagalau.methodology.analytics import (
    AnalyticsRules,
    Gap,
    Spread,
    Standing,
    Sums,
    TargetAnswers,
    analytics_rules,
    distribution_of,
    self_others_gap,
    shares,
    spread_of_sums,
    standing_of,
)
from bagalau.methodology.bands import Band as ScaleBand
from bagalau.org.models import Organisation, Servant, Unit
from bagalau.surveys.models import AnswerTotal, Campaign, SelfAssessment, Target
from bagalau.surveys.selectors import text

if TYPE_CHECKING:
    from bagalau.core.types import User


@dataclass(frozen=True)
class Band:
    """A rating of the edition's scale, in the reader's language: its number from the lowest up,
    its score interval ("4.00–5.00") and its chart colour."""

    number: int
    code: str
    label: str
    interval: str
    colour: str


@dataclass(frozen=True)
class Row:
    """One line of a distribution table: how many results of each band, and their share."""

    key: str
    label: str
    counts: dict[str, int]
    shares: dict[str, Decimal]

    @property
    def total(self) -> int:
        """How many results the line counts."""
        return sum(self.counts.values())


@dataclass(frozen=True)
class EvaluatorRow:
    """An evaluator and where their scores stand."""

    evaluator: Servant
    standing: Standing


@dataclass(frozen=True)
class GapGroup:
    """The 360 gap of a group (the organisation or a unit); `gaps` None when the group is too
    small to show."""

    label: str
    gaps: list[Gap] | None
    targets: int


@dataclass(frozen=True)
class Analytics:
    """Everything the page and the PDF show for one organisation and year."""

    organisation: Organisation
    year: int
    years: list[int]
    period: str
    bands: list[Band]
    by_period: list[Row]
    by_unit: list[Row]
    evaluators: list[EvaluatorRow]
    organisation_spread: Standing | None
    gap_groups: list[GapGroup]
    competencies: dict[str, str]
    rules: AnalyticsRules


#: The period filter: the four quarters, the annual result, or all four quarters together.
PERIODS = ("quarters", "1", "2", "3", "4", "annual")


def _interval(band: ScaleBand, places: int) -> str:
    """The scores of a band as written on a sheet: [2.00, 3.00) is 2.00–2.99."""
    step = Decimal(1).scaleb(-places)
    low = band.low if band.low_inclusive or band.low is None else band.low + step
    high = band.high if band.high_inclusive or band.high is None else band.high - step
    return f"{low}–{high}"


def schedule_years(organisation: Organisation) -> list[int]:
    """The years with a schedule under an sjc-2023-model edition, newest first: the bands, the
    evaluators' spread and the 360 gaps are that model's (seed 002 p.30-33); a year under an
    earlier edition (typical-2018, moj-2017) has its own results pages and is not analysed here."""
    return list(
        Schedule.objects.filter(
            organisation=organisation, edition__in=model_editions(EvaluationModel.SJC2023)
        )
        .order_by("-year")
        .values_list("year", flat=True)
    )


def _rated(organisation: Organisation, year: int) -> QuerySet[Evaluation]:
    return (
        Evaluation.objects.filter(
            period__schedule__organisation=organisation,
            period__schedule__year=year,
            status__in=WITH_RESULT,
        )
        .exclude(rating="")
        .order_by()
    )


#: The rating that stands (`Evaluation.result_rating`): the calibrated one when there is one.
_STANDING_RATING = Case(When(final_rating="", then=F("rating")), default=F("final_rating"))


@dataclass(frozen=True)
class _Counted:
    """The year's results read in one pass (issue 12 item 3): how many of each rating per period
    key ("1".."4", "annual") and unit id, and the quarterly sheets' scores counted and summed
    per evaluator and unit (`_evaluators`)."""

    counts: dict[tuple[str, int], Counter[str]]
    scores: dict[tuple[int, int], Sums]


#: The quarterly sheets whose scores stand for their evaluator (seed 002 p.30): a KPI or
#: differentiation sheet with a score and an evaluator.
_SCORED = Q(
    period__kind=PeriodKind.QUARTER,
    method__in=(Method.KPI, Method.DIFFERENTIATION),
    score__isnull=False,
    evaluator__isnull=False,
)

#: A score as a whole number of hundredths (its field's places): exact in both databases.
_PLACES = Evaluation._meta.get_field("score").decimal_places
_WHOLE = Cast(Round(F("score") * 10**_PLACES), BigIntegerField())


def _counted(rated: QuerySet[Evaluation]) -> _Counted:
    """One grouped query over the results: per period, unit, evaluator and standing rating, how
    many, and of the scored sheets how many, Σx and Σx² of the scores in hundredths (integers,
    exact), so that the ratings and the evaluators' spreads cost one scan of the year."""
    rows = (
        rated.values_list(
            "period__kind", "period__number", "assignment__position__unit_id", "evaluator_id"
        )
        .annotate(
            standing_rating=_STANDING_RATING,
            count=Count("pk"),
            scored=Count("pk", filter=_SCORED),
            total=Sum(_WHOLE, filter=_SCORED),
            squares=Sum(_WHOLE * _WHOLE, filter=_SCORED),
        )
        .order_by()
    )
    counts: dict[tuple[str, int], Counter[str]] = defaultdict(Counter)
    scores: dict[tuple[int, int], Sums] = defaultdict(Sums)
    for kind, number, unit_id, evaluator_id, rating, count, scored, total, squares in rows:
        key = "annual" if kind == PeriodKind.ANNUAL else str(number)
        counts[(key, unit_id)][rating] += count
        if scored:
            scores[(evaluator_id, unit_id)] += Sums(int(scored), int(total), int(squares))
    return _Counted(dict(counts), dict(scores))


def _in_period(key: str, period: str) -> bool:
    return key != "annual" if period == "quarters" else key == period


def _row(key: str, label: str, counted: Counter[str], codes: Sequence[str]) -> Row:
    counts = distribution_of(counted, codes)
    return Row(key, label, counts, shares(counts))


def _period_rows(counted: _Counted, codes: Sequence[str], year: int) -> list[Row]:
    labels = {
        str(n): gettext("Q%(number)s %(year)s") % {"number": n, "year": year} for n in range(1, 5)
    }
    by_key: dict[str, Counter[str]] = defaultdict(Counter)
    for (key, _unit), ratings in counted.counts.items():
        by_key[key].update(ratings)
    return [
        _row(key, labels.get(key) or str(PeriodKind.ANNUAL.label), by_key[key], codes)
        for key in ("1", "2", "3", "4", "annual")
    ]


def _unit_rows(counted: _Counted, codes: Sequence[str], period: str) -> list[Row]:
    by_unit: dict[int, Counter[str]] = defaultdict(Counter)
    for (key, unit_id), ratings in counted.counts.items():
        if _in_period(key, period):
            by_unit[unit_id].update(ratings)
    ids = [unit_id for unit_id, ratings in by_unit.items() if +ratings]
    units = sorted_by_name(Unit.objects.filter(pk__in=ids), lambda unit: unit.name)
    return [_row(str(unit.pk), unit.name, by_unit[unit.pk], codes) for unit in units]


def _evaluators(
    counted: _Counted, rules: AnalyticsRules
) -> tuple[list[EvaluatorRow], Standing | None]:
    """The spreads added up by the methodology (`spread_of_sums`) from the scores' sums per
    evaluator and unit (`_counted`): the same exact figures as from every score, whatever the
    number of sheets; the evaluators read once."""
    by_unit: dict[int, Sums] = defaultdict(Sums)
    mine: dict[int, dict[int, Sums]] = defaultdict(dict)
    everyone = Sums()
    for (evaluator_id, unit_id), sums in counted.scores.items():
        by_unit[unit_id] += sums
        mine[evaluator_id][unit_id] = sums
        everyone += sums
    unit = 10**_PLACES
    evaluators = Servant.objects.filter(pk__in=list(mine))
    organisation = spread_of_sums(everyone, unit)
    of_units: dict[tuple[int, ...], Spread] = {}
    rows = []
    for evaluator in sorted_by_name(evaluators, lambda servant: servant.full_name):
        own = spread_of_sums(sum(mine[evaluator.pk].values(), Sums()), unit)
        units = tuple(sorted(mine[evaluator.pk]))
        if units not in of_units:
            of_units[units] = spread_of_sums(sum((by_unit[u] for u in units), Sums()), unit)
        rows.append(EvaluatorRow(evaluator, standing_of(own, of_units[units], organisation, rules)))
    overall = (
        standing_of(organisation, organisation, organisation, rules) if everyone.count else None
    )
    return rows, overall


def _self_assessed(campaign: Campaign) -> QuerySet[Target]:
    """The campaign's targets with a submitted self-assessment: only they have both sides of a
    gap, so only their answers are read (issue 12 item 3)."""
    return Target.objects.filter(campaign=campaign, self_assessment__submitted_on__isnull=False)


def _target_answers(campaign: Campaign) -> dict[int, TargetAnswers]:
    """Per self-assessed target of the campaign with released totals: the others' answers
    summed per competency in the database, and the self-assessment's."""
    own: dict[int, dict[str, tuple[int, int]]] = {}
    for target_id, answers in SelfAssessment.objects.filter(
        target__campaign=campaign, submitted_on__isnull=False
    ).values_list("target_id", "answers"):
        own[target_id] = {
            code: (sum(int(v) for v in values), len(values))
            for code, values in (answers or {}).items()
            if isinstance(values, list) and all(isinstance(v, int) for v in values)
        }
    others: dict[int, dict[str, tuple[int, int]]] = defaultdict(dict)
    rows = (
        AnswerTotal.objects.filter(target__in=_self_assessed(campaign))
        .values_list("target_id", "competency")
        .annotate(summed=Sum("total"), answered=Sum("answers"))
        .order_by()
    )
    for target_id, code, total, answers in rows:
        others[target_id][code] = (int(total), int(answers))
    return {
        target_id: TargetAnswers(own=own.get(target_id, {}), others=totals)
        for target_id, totals in others.items()
    }


def _gap_groups(
    organisation: Organisation, year: int, codes: Sequence[str], rules: AnalyticsRules
) -> list[GapGroup]:
    """The 360 gap of the organisation and of each unit with released reports: the released
    reports counted per unit in the database, the answers read only for the servants who also
    assessed themselves (a gap needs both sides), the units by name once (issue 12 item 3)."""
    campaign = Campaign.objects.filter(organisation=organisation, year=year).first()
    if campaign is None:
        return []
    released = dict(
        Target.objects.filter(campaign=campaign)
        .filter(Exists(AnswerTotal.objects.filter(target=OuterRef("pk"))))
        .values_list("unit_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    answers = _target_answers(campaign)
    by_unit: dict[int, list[TargetAnswers]] = defaultdict(list)
    for target_id, unit_id in _self_assessed(campaign).values_list("pk", "unit_id"):
        if target_id in answers:
            by_unit[unit_id].append(answers[target_id])
    everyone = list(answers.values())
    groups = [
        GapGroup(organisation.name, self_others_gap(everyone, codes, rules), sum(released.values()))
    ]
    for unit in sorted_by_name(Unit.objects.filter(pk__in=list(released)), lambda u: u.name):
        members = by_unit[unit.pk]
        groups.append(
            GapGroup(unit.name, self_others_gap(members, codes, rules), released[unit.pk])
        )
    return groups


def analytics_read(
    *,
    user: User,
    organisation: Organisation | None,
    year: int | None,
    period: str = "quarters",
    purpose: str = "view_analytics",
) -> Analytics:
    """The analytics of `organisation` for `year` (the latest scheduled year when None) that
    `user` may read (the head of HR: `access.require_reader`), the read written to the audit log."""
    organisation = require_reader(user, organisation)
    years = schedule_years(organisation)
    chosen = year if year in years else (years[0] if years else None)
    schedule = (
        Schedule.objects.filter(organisation=organisation, year=chosen).first() if chosen else None
    )
    edition = get_edition(schedule.edition if schedule else DEFAULT_EDITION)
    engine = sjc2023_rules(edition)
    rules = analytics_rules()
    codes = [band.code for band in engine.rating.bands]
    rated = _rated(organisation, chosen) if chosen is not None else Evaluation.objects.none()
    counted = _counted(rated)
    period = period if period in PERIODS else "quarters"
    evaluators, overall = _evaluators(counted, rules)
    competency_codes = [item.code for item in engine.survey.competencies]
    audit_log(
        actor=user,
        action=purpose,
        obj=organisation,
        summary=f"rating analytics {chosen or '—'}",
        organisation=organisation,
    )
    return Analytics(
        organisation=organisation,
        year=chosen or 0,
        years=years,
        period=period,
        bands=[
            Band(
                number,
                band.code,
                text(band.label),
                _interval(band, engine.rating_places),
                BAND_COLOURS[(number - 1) % len(BAND_COLOURS)],
            )
            for number, band in enumerate(engine.rating.bands, start=1)
        ],
        by_period=_period_rows(counted, codes, chosen or 0),
        by_unit=_unit_rows(counted, codes, period),
        evaluators=evaluators,
        organisation_spread=overall,
        gap_groups=_gap_groups(organisation, chosen, competency_codes, rules) if chosen else [],
        competencies={item.code: text(item.label) for item in engine.survey.competencies},
        rules=rules,
    )
