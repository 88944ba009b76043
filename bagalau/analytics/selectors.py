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

from django.db.models import Case, Count, F, QuerySet, When
from django.utils.translation import gettext

from bagalau.analytics.access import require_reader
from bagalau.analytics.charts import BAND_COLOURS
from bagalau.audit.services import audit_log
from bagalau.core.collation import sorted_by_name
from bagalau.evaluations.models import Evaluation, Method, PeriodKind, Schedule
from bagalau.evaluations.workflow import WITH_RESULT
from bagalau.methodology import get_edition, model_editions, sjc2023_rules
from bagalau.methodology.analytics import (
    AnalyticsRules,
    Gap,
    Spread,
    Standing,
    TargetAnswers,
    analytics_rules,
    distribution,
    self_others_gap,
    shares,
    spread,
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
        Schedule.objects.filter(organisation=organisation, edition__in=model_editions("sjc2023"))
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
    """How many results of each rating, per period key ("1".."4", "annual") and unit id,
    counted in the database (issue 12 item 3)."""

    counts: dict[tuple[str, int], Counter[str]]

    def ratings(self, *, period: str | None = None, unit_id: int | None = None) -> list[str]:
        """The ratings of one period key (or of the `period` filter) and unit, all when None."""
        found: Counter[str] = Counter()
        for (key, unit), counted in self.counts.items():
            if period is not None and not _in_period(key, period):
                continue
            if unit_id is not None and unit != unit_id:
                continue
            found.update(counted)
        return list(found.elements())


def _counted(rated: QuerySet[Evaluation]) -> _Counted:
    rows = rated.values_list(
        "period__kind", "period__number", "assignment__position__unit_id"
    ).annotate(standing_rating=_STANDING_RATING, count=Count("pk"))
    counts: dict[tuple[str, int], Counter[str]] = defaultdict(Counter)
    for kind, number, unit_id, rating, count in rows:
        key = "annual" if kind == PeriodKind.ANNUAL else str(number)
        counts[(key, unit_id)][rating] += count
    return _Counted(dict(counts))


def _in_period(key: str, period: str) -> bool:
    return key != "annual" if period == "quarters" else key == period


def _row(key: str, label: str, ratings: Sequence[str], codes: Sequence[str]) -> Row:
    counts = distribution(ratings, codes)
    return Row(key, label, counts, shares(counts))


def _period_rows(counted: _Counted, codes: Sequence[str], year: int) -> list[Row]:
    labels = {
        str(n): gettext("Q%(number)s %(year)s") % {"number": n, "year": year} for n in range(1, 5)
    }
    rows = []
    for key in ("1", "2", "3", "4", "annual"):
        ratings = [r for (k, _u), c in counted.counts.items() if k == key for r in c.elements()]
        label = labels.get(key) or str(PeriodKind.ANNUAL.label)
        rows.append(_row(key, label, ratings, codes))
    return rows


def _unit_rows(counted: _Counted, codes: Sequence[str], period: str) -> list[Row]:
    ids = {unit for (key, unit), c in counted.counts.items() if _in_period(key, period) and c}
    units = sorted_by_name(Unit.objects.filter(pk__in=ids), lambda unit: unit.name)
    return [
        _row(str(unit.pk), unit.name, counted.ratings(period=period, unit_id=unit.pk), codes)
        for unit in units
    ]


def _evaluators(
    rated: QuerySet[Evaluation], rules: AnalyticsRules
) -> tuple[list[EvaluatorRow], Standing | None]:
    """The quarterly sheets' scores fetched as (evaluator, unit, score) in one query and added
    up by the methodology (`standing`), the evaluators read once."""
    scored = (
        rated.filter(
            period__kind=PeriodKind.QUARTER,
            method__in=(Method.KPI, Method.DIFFERENTIATION),
            score__isnull=False,
            evaluator__isnull=False,
        )
        .order_by("pk")
        .values_list("evaluator_id", "assignment__position__unit_id", "score")
    )
    sheets: list[tuple[int, int, Decimal]] = [
        (evaluator_id, unit_id, score)
        for evaluator_id, unit_id, score in scored
        if evaluator_id is not None and score is not None
    ]
    everyone = [score for _e, _u, score in sheets]
    by_unit: dict[int, list[Decimal]] = defaultdict(list)
    mine: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for evaluator_id, unit_id, score in sheets:
        by_unit[unit_id].append(score)
        mine[evaluator_id].append((unit_id, score))
    evaluators = Servant.objects.filter(pk__in=list(mine))
    organisation = spread(everyone)
    of_units: dict[tuple[int, ...], Spread] = {}
    rows = []
    for evaluator in sorted_by_name(evaluators, lambda servant: servant.full_name):
        own = spread(score for _unit, score in mine[evaluator.pk])
        units = tuple(sorted({unit for unit, _score in mine[evaluator.pk]}))
        if units not in of_units:
            of_units[units] = spread(score for unit in units for score in by_unit[unit])
        rows.append(EvaluatorRow(evaluator, standing_of(own, of_units[units], organisation, rules)))
    overall = standing_of(organisation, organisation, organisation, rules) if everyone else None
    return rows, overall


def _target_answers(targets: Sequence[Target]) -> dict[int, TargetAnswers]:
    ids = [target.pk for target in targets]
    others: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    rows = AnswerTotal.objects.filter(target_id__in=ids).values_list(
        "target_id", "competency", "total", "answers"
    )
    for target_id, code, total, answers in rows:
        others[target_id][code][0] += total
        others[target_id][code][1] += answers
    own: dict[int, dict[str, tuple[int, int]]] = {}
    for target_id, answers in SelfAssessment.objects.filter(
        target_id__in=ids, submitted_on__isnull=False
    ).values_list("target_id", "answers"):
        own[target_id] = {
            code: (sum(int(v) for v in values), len(values))
            for code, values in (answers or {}).items()
            if isinstance(values, list) and all(isinstance(v, int) for v in values)
        }
    return {
        target_id: TargetAnswers(
            own=own.get(target_id, {}),
            others={code: (t, n) for code, (t, n) in others[target_id].items()},
        )
        for target_id in ids
        if target_id in others
    }


def _gap_groups(
    organisation: Organisation, year: int, codes: Sequence[str], rules: AnalyticsRules
) -> list[GapGroup]:
    campaign = Campaign.objects.filter(organisation=organisation, year=year).first()
    if campaign is None:
        return []
    targets = list(Target.objects.filter(campaign=campaign).select_related("unit"))
    answers = _target_answers(targets)
    released = [t for t in targets if t.pk in answers]
    groups = [
        GapGroup(
            organisation.name,
            self_others_gap([answers[t.pk] for t in released], codes, rules),
            len(released),
        )
    ]
    by_unit: dict[Unit, list[Target]] = defaultdict(list)
    for target in released:
        by_unit[target.unit].append(target)
    for unit in sorted_by_name(by_unit, lambda unit: unit.name):
        members = [answers[t.pk] for t in by_unit[unit]]
        groups.append(GapGroup(unit.name, self_others_gap(members, codes, rules), len(members)))
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
    edition = get_edition(schedule.edition if schedule else "sjc-2023")
    engine = sjc2023_rules(edition)
    rules = analytics_rules()
    codes = [band.code for band in engine.rating.bands]
    rated = _rated(organisation, chosen) if chosen is not None else Evaluation.objects.none()
    counted = _counted(rated)
    period = period if period in PERIODS else "quarters"
    evaluators, overall = _evaluators(rated, rules)
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
