"""The typical-2018 workflow (seed 004; EDITIONS.md §2, §8, §9 T-1, T-2, T-4, T-8, T-9, T-17,
T-18, §13): due dates worked by hand on Kazakhstan's calendar.

Days off used below: 2017-12-18/19 (16-17 December on a weekend), 2018-01-01/02, 2018-03-08/09,
2018-03-21/22/23 (Nauryz), 2018-12-17/18 (16 December on a Sunday), 2018-12-31, 2019-01-01/02,
2019-01-07, 2019-03-21/22 and 03-25 (Nauryz on a Saturday). Working Saturdays: 2018-03-03 and
2018-12-29.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bagalau.methodology import MethodologyError, get_edition, typical2018_rules
from bagalau.methodology import typical2018_workflow as flow
from bagalau.methodology.typical2018 import (
    evaluate_competencies,
    kpi_result,
    needs_row_confirmation,
    resolve_tier,
    rows_listing,
)
from bagalau.workcalendar import Transfer, WorkCalendar

D = dt.date
CALENDAR = WorkCalendar()
ALMATY = typical2018_rules(get_edition("almaty-2018"))
SJC = typical2018_rules(get_edition("sjc-2018"))
KYZYLORDA = typical2018_rules(get_edition("kyzylorda-2018"))

DEADLINES = [
    # function, from, due
    pytest.param(flow.plan_due, D(2019, 1, 1), D(2019, 1, 17), id="plan-2019-skips-7-january"),
    pytest.param(flow.plan_due, D(2018, 1, 1), D(2018, 1, 16), id="plan-2018"),
    pytest.param(flow.resubmission_due, D(2018, 3, 20), D(2018, 3, 27), id="resubmit-nauryz"),
    pytest.param(
        flow.resubmission_due, D(2019, 3, 20), D(2019, 3, 27), id="resubmit-nauryz-on-saturday"
    ),
    pytest.param(
        flow.resubmission_due, D(2018, 3, 2), D(2018, 3, 5), id="resubmit-working-saturday"
    ),
    pytest.param(
        flow.resubmission_due, D(2018, 3, 7), D(2018, 3, 13), id="resubmit-8-march-and-bridge"
    ),
    pytest.param(
        flow.kpi_sheet_to_commission_due, D(2018, 12, 14), D(2018, 12, 20), id="kpi-16-december"
    ),
    pytest.param(
        flow.competency_sheet_to_commission_due,
        D(2018, 12, 28),
        D(2019, 1, 3),
        id="competency-working-saturday-29-december",
    ),
    pytest.param(flow.notice_due, D(2018, 12, 21), D(2018, 12, 10), id="notice-7-wd-before"),
    pytest.param(
        flow.notice_due, D(2019, 1, 10), D(2018, 12, 27), id="notice-back-over-the-new-year"
    ),
    pytest.param(
        flow.familiarisation_due, D(2017, 12, 15), D(2017, 12, 21), id="familiarise-16-dec-weekend"
    ),
    pytest.param(flow.appeal_due, D(2018, 3, 15), D(2018, 4, 3), id="appeal-10-wd-over-nauryz"),
    pytest.param(flow.reminder_due, D(2018, 12, 14), D(2018, 12, 20), id="t4-reminder-2-wd"),
]


@pytest.mark.parametrize(("function", "start", "due"), DEADLINES)
@pytest.mark.parametrize("rules", [ALMATY, SJC, KYZYLORDA], ids=["almaty", "sjc", "kyzylorda"])
def test_deadlines(rules, function, start, due):
    assert function(rules, CALENDAR, start) == due


def test_an_administrator_transfer_moves_a_deadline():
    # A decreed transfer the package does not know: Saturday 2018-12-22 worked for Monday 24.
    calendar = WorkCalendar([Transfer(working_day=D(2018, 12, 22), day_off=D(2018, 12, 24))])
    # from Fri 21: Sat 22 (1), Tue 25 (2)
    assert flow.resubmission_due(ALMATY, calendar, D(2018, 12, 21)) == D(2018, 12, 25)


def test_the_calculators_deadlines_answer_each_date_given():
    dates = {"period_start": D(2018, 1, 1), "decision": D(2018, 3, 15)}
    assert flow.deadlines(ALMATY, CALENDAR, dates) == {
        "plan_due": D(2018, 1, 16),
        "appeal_due": D(2018, 4, 3),
    }


APPOINTMENTS = [
    # appointed -> plan due (T-2: 10 WD after the appointment; p.9 for the whole year)
    (D(2017, 11, 1), D(2018, 1, 16)),  # in post before the year: p.9
    (D(2018, 1, 1), D(2018, 1, 16)),
    (D(2018, 3, 1), D(2018, 3, 16)),  # 2, Sat 3, 5, 6, 7, 12, 13, 14, 15, 16
    (D(2018, 10, 1), D(2018, 10, 15)),  # exactly 3 months remain
    (D(2018, 10, 2), None),  # fewer than 3 months remain: no plan
    (D(2018, 12, 3), None),
]


@pytest.mark.parametrize(("appointed", "due"), APPOINTMENTS, ids=[str(a) for a, _ in APPOINTMENTS])
def test_plan_of_a_servant_appointed_during_the_year(appointed, due):
    assert flow.appointment_plan_due(ALMATY, CALENDAR, 2018, appointed) == due


@pytest.mark.parametrize(
    ("day", "warned"),
    [
        (D(2018, 11, 30), True),
        (D(2018, 12, 1), False),
        (D(2018, 12, 20), False),
        (D(2019, 1, 31), False),
        (D(2019, 2, 1), True),
    ],
)
def test_t1_warns_outside_1_december_to_31_january(day, warned):
    warning = flow.evaluation_date_warning(ALMATY, 2018, day)
    assert (warning is not None) == warned
    if warning:
        assert warning.code == "evaluation_date_outside_window"
        assert "2018-12-01 to 2019-01-31" in warning.message


@pytest.mark.parametrize(
    ("quarter", "day"),
    [(1, D(2018, 3, 31)), (2, D(2018, 6, 30)), (3, D(2018, 9, 30)), (4, D(2018, 12, 31))],
)
def test_t18_recommendations_reminder_on_the_quarters_last_day(quarter, day):
    assert flow.recommendations_reminder(2018, quarter) == day


def test_a_fifth_quarter_is_refused():
    with pytest.raises(MethodologyError) as caught:
        flow.recommendations_reminder(2018, 5)
    assert caught.value.field == "quarter"


def d4_sheet():
    """almaty-2018 D-4 (staff tier): activity_management 3 of 4 observed -> meets (12 >= 12);
    cooperation 1 of 3 -> does not meet (4 < 9); every other competency none observed."""
    return evaluate_competencies(
        ALMATY,
        category="D-4",
        heads_unit=False,
        provides_services=False,
        observed={"activity_management": [1, 2, 4], "cooperation": [1]},
    )


def test_t17_service_record_summary():
    sheet = d4_sheet()
    summary = flow.service_record_summary(
        ALMATY,
        year=2018,
        kpi=kpi_result(ALMATY, [True, True, True, True, False]),
        competencies=flow.competency_results(sheet),
    )
    assert (summary.kpi_achieved, summary.kpi_count, summary.kpi_rating) == (4, 5, "effective")
    assert (summary.competencies_met, summary.competencies_total) == (1, 9)
    assert not summary.revised
    template, params = summary.kpi_text
    assert template % params == "4 of 5 KPIs achieved"
    template, params = summary.competency_text
    assert template % params == "1 of 9 competencies meet expectations"


def test_t13_a_revised_rating_keeps_the_evaluators_count():
    summary = flow.service_record_summary(
        ALMATY,
        year=2018,
        kpi=kpi_result(ALMATY, [True, True, True, False, False]),
        competencies={"cooperation": "meets"},
        kpi_rating="effective",
    )
    assert (summary.kpi_achieved, summary.kpi_rating, summary.revised) == (3, "effective", True)


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"kpi_rating": "proper"}, "kpi_rating"), ({"competencies": {"x": "good"}}, "competencies.x")],
)
def test_service_record_refuses_unknown_values(changes, field):
    given = {"kpi": kpi_result(ALMATY, [True] * 5), "competencies": {}, **changes}
    with pytest.raises(MethodologyError) as caught:
        flow.service_record_summary(ALMATY, year=2018, **given)
    assert caught.value.field == field


def test_development_list_names_the_missing_indicators():
    items = flow.development_list(ALMATY, d4_sheet())
    codes = [item.competency for item in items]
    assert codes[0] == "cooperation"
    assert "activity_management" not in codes
    cooperation = items[0]
    assert cooperation.missing == (2, 3)
    assert cooperation.label.kk == "Ынтымақтастық"
    assert cooperation.indicators[0].kk.startswith("Мемлекеттік органдар мен ұжымдардың")
    assert cooperation.indicators[1].kk.startswith("Талдау барысында пікір алмасады")
    # every competency with none observed is listed too (9 apply, 1 meets)
    assert len(items) == 8


def test_a_commission_revision_takes_a_competency_off_the_list():
    items = flow.development_list(ALMATY, d4_sheet(), revised={"cooperation": "meets"})
    assert "cooperation" not in [item.competency for item in items]


@pytest.mark.parametrize(
    "decision", ["bonus", "encouragement", "rotation", "demotion", "dismissal"]
)
def test_p7_decisions_rest_on_the_kpi_result_only(decision):
    assert flow.check_consequence_basis(ALMATY, decision, "kpi").code == decision
    with pytest.raises(MethodologyError) as caught:
        flow.check_consequence_basis(ALMATY, decision, "competencies")
    assert caught.value.field == "basis"
    assert "(p.7)" in caught.value.message


@pytest.mark.parametrize(
    ("decision", "basis", "field"),
    [("promotion", "kpi", "decision"), ("bonus", "360", "basis")],
)
def test_consequence_decision_errors(decision, basis, field):
    with pytest.raises(MethodologyError) as caught:
        flow.check_consequence_basis(ALMATY, decision, basis)
    assert caught.value.field == field


# --- the explicit "App. 4 row" (T-8, T-9, §11.4 items 1-2) ---------------------------------------

ROWS = [
    # rules, category, heads unit, explicit row -> tier
    (KYZYLORDA, "C-2", False, None, "staff"),  # the table read with heads_unit (the old rule)
    (KYZYLORDA, "C-2", False, "unit_head", "unit_head"),  # T-9: a deputy director
    (KYZYLORDA, "C-3", False, "unit_head", "unit_head"),  # T-9: a deputy head
    (KYZYLORDA, "C-O-4", True, "staff", "staff"),
    (SJC, "B-3", False, "staff", "staff"),  # T-8: uncovered, mapped by HR
    (SJC, "B-6", True, "top", "top"),
    (ALMATY, "D-2", False, "unit_head", "unit_head"),
    (ALMATY, "D-4", False, None, "staff"),
]


@pytest.mark.parametrize(
    ("rules", "category", "heads", "row", "tier"),
    ROWS,
    ids=[f"{r[1]}-{r[3]}" for r in ROWS],
)
def test_explicit_app4_row(rules, category, heads, row, tier):
    assert resolve_tier(rules, category, heads, row).code == tier


@pytest.mark.parametrize(
    ("rules", "category", "row", "words"),
    [
        (KYZYLORDA, "C-2", "top", "only in the rows unit_head, staff"),
        (ALMATY, "D-4", "top", "only in the rows staff"),
        (SJC, "B-3", "unit_head", "the rows top, staff"),
    ],
    ids=["c2-not-top", "d4-not-top", "sjc-has-no-middle-row"],
)
def test_an_explicit_row_must_fit_the_table(rules, category, row, words):
    with pytest.raises(MethodologyError) as caught:
        resolve_tier(rules, category, False, row)
    assert caught.value.field == "app4_row"
    assert words in caught.value.message


def test_an_uncovered_category_without_a_row_is_still_an_error():
    with pytest.raises(MethodologyError) as caught:
        resolve_tier(SJC, "B-3", False)
    assert caught.value.field == "category"


@pytest.mark.parametrize(
    ("rules", "category", "rows", "confirm"),
    [
        (KYZYLORDA, "C-2", ("unit_head", "staff"), True),
        (KYZYLORDA, "C-1", ("top",), False),
        (SJC, "B-3", (), True),
        (ALMATY, "D-1", ("top",), False),
    ],
)
def test_which_codes_need_hr_to_confirm_the_row(rules, category, rows, confirm):
    assert tuple(t.code for t in rows_listing(rules, category)) == rows
    assert needs_row_confirmation(rules, category) == confirm


def test_the_competency_sheet_takes_the_explicit_row():
    sheet = evaluate_competencies(
        KYZYLORDA,
        category="C-2",
        heads_unit=False,
        provides_services=False,
        observed={},
        app4_row="unit_head",
    )
    assert sheet.tier.code == "unit_head"


def test_the_printed_sheet_uses_the_wording_of_app3():
    assert ALMATY.results["meets"].kk == "Күтілген нәтижеге сәйкес"  # p.27
    assert ALMATY.printed_results["meets"].kk == "Күтілетін нәтижеге сәйкес"  # App. 3
    assert ALMATY.printed_results["does_not_meet"].kk == "Күтілетін нәтижеге сәйкес емес"
