"""The analytics in display form: every figure rounded half-up once, to the data's places, from
its exact value (SPEC §9), signed where it is a difference; the charts drawn from the same rows."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from bagalau.analytics import charts
from bagalau.analytics.selectors import PERIODS, Analytics, Row
from bagalau.methodology.analytics import Spread
from bagalau.methodology.numbers import round_half_up


def shown(value: Fraction | Decimal | None, places: int, *, signed: bool = False) -> str:
    """`value` rounded half-up to `places` ("—" for none), with its sign when `signed`."""
    if value is None:
        return "—"
    rounded = round_half_up(value, places)
    return f"{rounded:+}" if signed and rounded != 0 else str(rounded)


@dataclass(frozen=True)
class TableRow:
    """A distribution line: label, (count, share) per band, total."""

    label: str
    cells: list[tuple[int, Decimal]]
    total: int


@dataclass(frozen=True)
class SpreadRow:
    """A mean and spread as shown."""

    name: str
    count: int
    mean: str
    sd: str
    versus_unit: str = ""
    versus_organisation: str = ""
    leaning: str = ""


def _table(rows: list[Row], codes: list[str]) -> list[TableRow]:
    return [
        TableRow(row.label, [(row.counts[c], row.shares[c]) for c in codes], row.total)
        for row in rows
    ]


def _spread(name: str, spread: Spread, places: int) -> SpreadRow:
    return SpreadRow(name, spread.count, shown(spread.mean, places), shown(spread.sd, places))


def context(analytics: Analytics) -> dict[str, Any]:
    """What the page and the PDF templates show, in the active language."""
    places = analytics.rules.places
    codes = [band.code for band in analytics.bands]
    legend = [band.label for band in analytics.bands]
    evaluators = [
        SpreadRow(
            row.evaluator.full_name,
            row.standing.own.count,
            shown(row.standing.own.mean, places),
            shown(row.standing.own.sd, places),
            shown(row.standing.versus_unit, places, signed=True),
            shown(row.standing.versus_organisation, places, signed=True),
            row.standing.leaning,
        )
        for row in analytics.evaluators
    ]
    overall = analytics.organisation_spread
    gap_groups = [
        {
            "label": group.label,
            "targets": group.targets,
            "rows": [
                {
                    "name": analytics.competencies[gap.code],
                    "self": shown(gap.self_mean, places),
                    "others": shown(gap.others_mean, places),
                    "gap": shown(gap.gap, places, signed=True),
                    "answers": gap.answers,
                }
                for gap in group.gaps or []
            ],
        }
        for group in analytics.gap_groups
    ]
    first_gaps = analytics.gap_groups[0].gaps if analytics.gap_groups else None
    bands = [
        {
            "number": band.number,
            "label": band.label,
            "interval": band.interval,
            "swatch": charts.swatch(band.colour),
        }
        for band in analytics.bands
    ]
    return {
        "a": analytics,
        "bands": bands,
        "periods": PERIODS,
        "by_period": _table(analytics.by_period, codes),
        "by_unit": _table(analytics.by_unit, codes),
        "evaluators": evaluators,
        "overall": _spread(_("the organisation"), overall.own, places) if overall else None,
        "gap_groups": gap_groups,
        "period_chart": charts.stacked_bars(
            _("Ratings by quarter"),
            [charts.Bar(row.label, [row.shares[c] for c in codes]) for row in analytics.by_period],
            legend,
        ),
        "unit_chart": charts.stacked_bars(
            _("Ratings by unit"),
            [charts.Bar(row.label, [row.shares[c] for c in codes]) for row in analytics.by_unit],
            legend,
        ),
        "evaluator_chart": charts.standing_dots(
            _("Mean score given by each evaluator"),
            [
                charts.Bar(row.evaluator.full_name, [row.standing.own.mean, row.standing.own.sd])
                for row in analytics.evaluators
                if row.standing.own.mean is not None and row.standing.own.sd is not None
            ],
            overall.own.shown_mean(places) if overall else None,
        ),
        "gap_chart": charts.gap_bars(
            _("Self-assessment minus others, per competency"),
            [charts.Bar(analytics.competencies[gap.code], [gap.gap]) for gap in first_gaps],
        )
        if first_gaps
        else None,
    }
