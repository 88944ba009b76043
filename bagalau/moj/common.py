"""What the moj-2017 services and selectors share: the edition's rules, reached through the
organisation's edition on a day (seed 001; EDITIONS.md §5)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_noop as N_

from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import Method
from bagalau.methodology import (
    EvaluationModel,
    MethodologyError,
    edition_codes,
    get_edition,
    moj2017_rules,
)
from bagalau.methodology.moj2017 import BonusCatalogue, Moj2017Rules
from bagalau.methodology.moj2017_workflow import BonusEntry, BreachEntry, quarter_sheet
from bagalau.methodology.moj2017_workflow import QuarterSheet as Computed
from bagalau.org.models import Organisation
from bagalau.org.selectors import organisation_edition

if TYPE_CHECKING:
    from bagalau.evaluations.models import Evaluation, Period

MODEL = EvaluationModel.MOJ2017


def rules_on(organisation: Organisation, day: dt.date, field: str = "day") -> Moj2017Rules:
    """The moj-2017 rules the organisation evaluates under on `day`; a DomainError on `field`
    when no moj-2017-model edition is in force there then."""
    try:
        edition = organisation_edition(organisation, day)
    except MethodologyError as error:
        raise DomainError(field, error.template, **error.params) from error
    if edition.model != MODEL:
        raise DomainError(
            field,
            N_("On %(day)s the organisation evaluates under %(edition)s, not moj-2017."),
            day=day_text(day),
            edition=edition.code,
        )
    return moj2017_rules(edition)


def catalogues() -> tuple[BonusCatalogue, ...]:
    """The App. 2 catalogues of every moj-2017-model edition, the first of each code, in the
    data's order."""
    found: dict[str, BonusCatalogue] = {}
    for code in edition_codes():
        edition = get_edition(code)
        if edition.model != MODEL:
            continue
        for catalogue in moj2017_rules(edition).catalogues:
            found.setdefault(catalogue.code, catalogue)
    return tuple(found.values())


def catalogue_codes() -> tuple[str, ...]:
    """The codes of `catalogues()`."""
    return tuple(catalogue.code for catalogue in catalogues())


def compute_quarter(
    period: Period, catalogue: str, items: Sequence[Mapping[str, Any]], breaches: list[BreachEntry]
) -> Computed:
    """A quarter's App. 3 result by the engine (q = 100 + bonus − 2 × breaches, seed 001 p.26):
    the activities `items` ({code, date}) from the `catalogue`, the dated `breaches`; the fourth
    quarter's entries up to its cut-off (M-4). A MethodologyError names the field refused."""
    rules = rules_on(period.schedule.organisation, period.ends, "evaluation")
    return quarter_sheet(
        rules,
        catalogue=catalogue,
        year=period.schedule.year,
        quarter=period.number or 0,
        items=[BonusEntry(item["code"], item["date"]) for item in items],
        breaches=breaches,
        q4_cutoff=period.ends if period.number == 4 else None,
    )


def rating_text(code: str, evaluation: Evaluation, language: str) -> str:
    """A moj-2017 rating `code` in words: of the quarter (seed 001 p.27) or of the year (p.33),
    as the evaluation's edition words it; the code itself when the edition does not know it."""
    if not code:
        return ""
    try:
        rules = moj2017_rules(get_edition(evaluation.edition))
    except MethodologyError:
        return code
    annual = evaluation.method == Method.MOJ_ANNUAL
    scale = rules.annual_rating if annual else rules.quarter_rating
    try:
        return scale.by_code(code).label.get(language)
    except KeyError:
        return code
