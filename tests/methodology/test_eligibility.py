"""Who is evaluated on the evaluation date in the earlier editions (004 p.4, 001 p.3; EDITIONS.md
§2.1, §5.1, §9 G-2, G-3, G-4, T-20). Due dates worked by hand on Kazakhstan's calendar: 2018-12-17
and 12-18 are days off (16 December on a Sunday), 2018-12-29 is a working Saturday, 2018-12-31,
2019-01-01, 01-02 and 01-07 are days off."""

from __future__ import annotations

import datetime as dt

import pytest

from bagalau.methodology import MethodologyError, get_edition
from bagalau.methodology.editions import edition_workflow
from bagalau.methodology.eligibility import Absence, eligibility
from bagalau.workcalendar import WorkCalendar

D = dt.date
CALENDAR = WorkCalendar()
TYPICAL = edition_workflow(get_edition("almaty-2018")).eligibility
MOJ = edition_workflow(get_edition("moj-2017")).eligibility
RULES = {"typical": TYPICAL, "moj": MOJ}
EVAL = D(2018, 12, 20)  # a Thursday


def check(model, **given):
    given.setdefault("evaluation_date", EVAL)
    given.setdefault("assignment_start", D(2016, 3, 1))
    return eligibility(RULES[model], CALENDAR, **given)


CASES = [
    # model, inputs -> status, reasons, due
    pytest.param("typical", {}, "evaluated", ("evaluated",), EVAL, id="long-in-post"),
    pytest.param(
        "typical",
        {"assignment_start": D(2018, 9, 20)},
        "evaluated",
        ("evaluated",),
        EVAL,
        id="exactly-3-months-20.09-to-20.12",
    ),
    pytest.param(
        "typical",
        {"assignment_start": D(2018, 9, 21)},
        "not_evaluated",
        ("too_short",),
        None,
        id="3-months-less-a-day",
    ),
    pytest.param(
        "moj",
        {"assignment_start": D(2018, 1, 5), "evaluation_date": D(2018, 4, 10)},
        "evaluated",
        ("evaluated",),
        D(2018, 4, 10),
        id="moj-appointed-5-jan-evaluated-for-q1-by-10-april",
    ),
    pytest.param(
        "typical",
        {"returns": [D(2018, 10, 15)]},
        "not_evaluated",
        ("too_short",),
        None,
        id="typical-back-from-social-leave-on-15-october",
    ),
    pytest.param(
        "moj",
        {"returns": [D(2018, 10, 15)]},
        "evaluated",
        ("evaluated",),
        EVAL,
        id="moj-counts-the-position-only",
    ),
    pytest.param(
        "typical",
        {"returns": [D(2018, 9, 1), D(2019, 1, 10)]},
        "evaluated",
        ("evaluated",),
        EVAL,
        id="a-later-return-is-not-counted-yet",
    ),
    pytest.param(
        "typical",
        {"probation_end": EVAL},
        "not_evaluated",
        ("probation",),
        None,
        id="probation-ends-on-the-day",
    ),
    pytest.param(
        "moj",
        {"probation_end": D(2018, 12, 19)},
        "evaluated",
        ("evaluated",),
        EVAL,
        id="probation-ended-the-day-before",
    ),
    pytest.param(
        "typical",
        {"holds_position": False},
        "not_evaluated",
        ("left_position",),
        None,
        id="left-the-position",
    ),
    pytest.param(
        "typical",
        {"assignment_start": D(2018, 11, 1), "probation_end": D(2019, 1, 31)},
        "not_evaluated",
        ("too_short", "probation"),
        None,
        id="new-and-on-probation",
    ),
    pytest.param(
        "typical",
        {"absences": [Absence("annual_leave", D(2018, 12, 10), D(2018, 12, 21))]},
        "deferred",
        ("absent",),
        D(2018, 12, 28),  # back Mon 24: 24, 25, 26, 27, 28
        id="typical-annual-leave-defers",
    ),
    pytest.param(
        "typical",
        {"absences": [Absence("unpaid_leave", D(2018, 12, 3), D(2018, 12, 27))]},
        "deferred",
        ("absent",),
        D(2019, 1, 8),  # 28, Sat 29 (worked), 3 Jan, 4 Jan, 8 Jan
        id="typical-unpaid-leave-across-the-new-year",
    ),
    pytest.param(
        "moj",
        {"absences": [Absence("annual_leave", D(2018, 12, 10), D(2018, 12, 21))]},
        "evaluated",
        ("evaluated",),
        EVAL,
        id="moj-annual-leave-does-not-defer",
    ),
    pytest.param(
        "moj",
        {"absences": [Absence("social_leave", D(2018, 6, 1), D(2018, 12, 14))]},
        "evaluated",
        ("evaluated",),
        EVAL,
        id="moj-social-leave-ended-before",
    ),
    pytest.param(
        "moj",
        {"absences": [Absence("sick_leave", D(2018, 12, 12), D(2018, 12, 14))]},
        "evaluated",
        ("evaluated",),
        EVAL,
        id="moj-sick-leave-over-before-the-date",
    ),
    pytest.param(
        "moj",
        {
            "absences": [
                Absence("sick_leave", D(2018, 12, 17), D(2018, 12, 21)),
                Absence("annual_leave", D(2018, 12, 24), D(2018, 12, 28)),
            ]
        },
        "deferred",
        ("absent",),
        D(2019, 1, 9),  # back on the working Sat 29: 29, 3 Jan, 4 Jan, 8 Jan, 9 Jan
        id="moj-sick-leave-running-into-annual-leave",
    ),
    pytest.param(
        "typical",
        {"absences": [Absence("social_leave", D(2018, 3, 1), D(2019, 6, 30))]},
        "not_evaluated",
        ("social_leave",),
        None,
        id="typical-still-on-social-leave",
    ),
    pytest.param(
        "moj",
        {"absences": [Absence("social_leave", D(2018, 12, 3), D(2018, 12, 14))]},
        "evaluated",
        ("evaluated",),
        EVAL,
        id="moj-social-leave-not-covering",
    ),
]


@pytest.mark.parametrize(("model", "given", "status", "reasons", "due"), CASES)
def test_eligibility(model, given, status, reasons, due):
    result = check(model, **given)
    assert (result.status, result.reasons, result.due) == (status, reasons, due)


def test_a_deferral_covers_both_directions_in_typical_and_both_evaluations_in_moj():
    leave = [Absence("sick_leave", D(2018, 12, 18), D(2018, 12, 20))]
    typical = check("typical", absences=leave)
    moj = check("moj", absences=leave)
    assert typical.defers == ("kpi", "competencies")  # T-20
    assert moj.defers == ("quarterly", "annual")
    # back Fri 21: 21, 24, 25, 26, 27
    assert typical.due == moj.due == D(2018, 12, 27)
    assert typical.back_on == D(2018, 12, 21)


def test_the_months_count_from_the_later_of_start_and_return():
    result = check("typical", assignment_start=D(2018, 1, 10), returns=[D(2018, 9, 1)])
    assert result.counted_from == D(2018, 9, 1)
    assert check("moj", returns=[D(2018, 9, 1)]).counted_from == D(2016, 3, 1)


@pytest.mark.parametrize(
    ("absence", "field"),
    [
        (Absence("holiday", D(2018, 12, 1), D(2018, 12, 2)), "absences[0].kind"),
        (Absence("sick_leave", D(2018, 12, 3), D(2018, 12, 2)), "absences[0].end"),
    ],
    ids=["unknown-kind", "ends-before-it-starts"],
)
def test_bad_absences_name_the_field(absence, field):
    with pytest.raises(MethodologyError) as caught:
        check("typical", absences=[absence])
    assert caught.value.field == field
