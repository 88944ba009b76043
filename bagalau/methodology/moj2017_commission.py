"""The commission's correction of a moj-2017 result (seed 001 p.35; EDITIONS.md §5.2 D7, E7).

"Бағалау жөніндегі комиссия … бағалау нәтижелерін қайта қарау туралы шешім қабылдаған жағдайда,
тиісті түсіндірмемен хаттамада бағалау нәтижелерін түзетеді" (p.35): on a revision the
commission corrects the score in the protocol, with an explanation. The corrected score must be
one the sheet holds, and its rating is the engine's, never typed:

- a quarter: q in whole points (p.26: 100 + bonus − penalty points), rated by the p.27 bands;
- a year: the annual score to 1 decimal between the lowest and the highest points a component
  can give (2 and 5, p.30 and p.32), rated by the p.33 bands.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from bagalau.methodology.bands import Band
from bagalau.methodology.errors import N_, MethodologyError
from bagalau.methodology.moj2017 import Moj2017Rules

#: The kinds of moj-2017 evaluation the commission reviews (p.35: "тоқсандық және жылдық").
QUARTER, ANNUAL = "quarter", "annual"
KINDS = (QUARTER, ANNUAL)
#: The largest magnitude a stored score holds (points up to 99999.99, the service record's).
STORED_MAX = Decimal("99999")


@dataclass(frozen=True, slots=True)
class Correction:
    """The corrected score as the protocol and the service record carry it, and its rating."""

    score: Decimal
    rating: Band


def _decimal(value: object, field: str) -> Decimal:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError) as error:
        raise MethodologyError(field, N_("the corrected score is a number")) from error
    if not number.is_finite():
        raise MethodologyError(field, N_("the corrected score is a number"))
    return number


def corrected_result(
    rules: Moj2017Rules, kind: str, value: object, field: str = "revised_score"
) -> Correction:
    """The commission's corrected score and the rating the engine gives it (p.35).

    A quarter's q is whole points within what the record holds (p.26-27: 106 → effective;
    105.5 is refused); a year's score has one decimal and lies in [2, 5] (p.32-33: 3.9 →
    satisfactory, 4.0 → effective; 3.95 is refused)."""
    if kind not in KINDS:
        raise MethodologyError("kind", N_("the evaluation is quarterly or annual"))
    number = _decimal(value, field)
    if kind == QUARTER:
        if number != number.to_integral_value():
            raise MethodologyError(
                field,
                N_("a quarter score is in whole points (p.26): %(value)s is not"),
                value=number,
            )
        if abs(number) > STORED_MAX:
            raise MethodologyError(
                field, N_("a quarter score lies between -%(max)s and %(max)s"), max=STORED_MAX
            )
        score = number.quantize(Decimal(1))
        band = rules.quarter_rating.band_for(score)
    else:
        step = Decimal(1).scaleb(-rules.annual_places)
        if number != number.quantize(step):
            raise MethodologyError(
                field,
                N_("an annual score has %(places)s decimal place (p.32): %(value)s has more"),
                places=rules.annual_places,
                value=number,
            )
        lowest = Decimal(min(o.points for o in rules.outcomes))
        highest = Decimal(max(o.points for o in rules.outcomes))
        if not lowest <= number <= highest:
            raise MethodologyError(
                field,
                N_("an annual score lies between %(min)s and %(max)s (p.32)"),
                min=lowest,
                max=highest,
            )
        score = number.quantize(step)
        band = rules.annual_rating.band_for(score)
    return Correction(score=score, rating=band)
