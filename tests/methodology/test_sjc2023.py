"""sjc-2023 (seed 002, SPEC §4): worked examples computed by hand from the seed's rules."""

import random
from decimal import Decimal as D

import pytest

from bagalau.methodology import MethodologyError, get_edition, sjc2023_rules
from bagalau.methodology.explain import tracing
from bagalau.methodology.sjc2023 import (
    AnnualScores,
    KpiInput,
    SurveyResponse,
    allowed_range,
    annual_score,
    check_kpi_count,
    differentiation_score,
    evaluate_kpi,
    evaluate_kpi_sheet,
    kpi_percent,
    propose_score,
    survey360_result,
)

RULES = sjc2023_rules(get_edition("sjc-2023"))

# App. 3, every row at its lower bound and at its upper bound (x.99), with the proposal
# percent/20 cut to 2 decimals: e.g. 94.99 / 20 = 4.7495 -> 4.74.
APP3 = [
    ("250.00", "5.00", "5.00", "5.00"),
    ("100.00", "5.00", "5.00", "5.00"),
    ("99.99", "4.75", "4.99", "4.99"),
    ("95.00", "4.75", "4.99", "4.75"),
    ("94.99", "4.50", "4.74", "4.74"),
    ("90.00", "4.50", "4.74", "4.50"),
    ("89.99", "4.25", "4.49", "4.49"),
    ("85.00", "4.25", "4.49", "4.25"),
    ("84.99", "4.00", "4.24", "4.24"),
    ("80.00", "4.00", "4.24", "4.00"),
    ("79.99", "3.75", "3.99", "3.99"),
    ("75.00", "3.75", "3.99", "3.75"),
    ("74.99", "3.50", "3.74", "3.74"),
    ("70.00", "3.50", "3.74", "3.50"),
    ("69.99", "3.25", "3.49", "3.49"),
    ("65.00", "3.25", "3.49", "3.25"),
    ("64.99", "3.00", "3.24", "3.24"),
    ("60.00", "3.00", "3.24", "3.00"),
    ("59.99", "2.75", "2.99", "2.99"),
    ("55.00", "2.75", "2.99", "2.75"),
    ("54.99", "2.50", "2.74", "2.74"),
    ("50.00", "2.50", "2.74", "2.50"),
    ("49.99", "2.25", "2.49", "2.49"),
    ("45.00", "2.25", "2.49", "2.25"),
    ("44.99", "2.00", "2.24", "2.24"),  # the seed prints "40-44,49": read as 40-44.99
    ("44.50", "2.00", "2.24", "2.22"),  # inside the seed's typo gap: 44.50/20 = 2.225
    ("40.00", "2.00", "2.24", "2.00"),
    ("39.99", "1.75", "1.99", "1.99"),
    ("35.00", "1.75", "1.99", "1.75"),
    ("34.99", "1.50", "1.74", "1.74"),
    ("30.00", "1.50", "1.74", "1.50"),
    ("29.99", "1.25", "1.49", "1.49"),
    ("25.00", "1.25", "1.49", "1.25"),
    ("24.99", "1.00", "1.24", "1.24"),
    ("20.00", "1.00", "1.24", "1.00"),
    ("19.99", "0.75", "0.99", "0.99"),
    ("15.00", "0.75", "0.99", "0.75"),
    ("14.99", "0.50", "0.74", "0.74"),
    ("10.00", "0.50", "0.74", "0.50"),
    ("9.99", "0.25", "0.49", "0.49"),
    ("5.00", "0.25", "0.49", "0.25"),
    ("4.99", "0.00", "0.24", "0.24"),
    ("0.00", "0.00", "0.24", "0.00"),
]


@pytest.mark.parametrize(("percent", "low", "high", "proposal"), APP3, ids=[r[0] for r in APP3])
def test_app3_row_and_proposal(percent, low, high, proposal):
    assert allowed_range(RULES, D(percent)) == (D(low), D(high))
    assert str(propose_score(RULES, D(percent))) == proposal


def test_app3_has_21_rows_as_in_the_seed():
    assert len(RULES.kpi.table) == 21


KPI_PERCENT = [
    # direction, plan, actual, percent
    ("increase", "40", "38.8", "97.00"),
    ("increase", "3", "2", "66.67"),  # 66.666… half-up
    ("increase", "8", "1.0004", "12.51"),  # exactly 12.505: half-even gives 12.50, floats 12.50
    ("increase", "0.4", "0.0009", "0.23"),  # exactly 0.225: floats 0.22499999999999998 -> 0.22
    ("increase", "1.1", "1.0505", "95.50"),
    ("increase", "10", "0", "0.00"),
    ("increase", "5", "12", "240.00"),
    ("decrease", "5", "4", "125.00"),  # lower is better: plan/actual
    ("decrease", "4", "5", "80.00"),
    ("decrease", "2", "3", "66.67"),
    ("decrease", "3", "0", "100.00"),  # actual 0 counts as 100 (SPEC §4.4)
    ("decrease", "0", "0", "100.00"),
    ("decrease", "0", "3", "0.00"),  # "no complaints" planned, three received
    ("decrease", "1.0004", "8", "12.51"),
]


@pytest.mark.parametrize(
    ("direction", "plan", "actual", "percent"),
    KPI_PERCENT,
    ids=[f"{r[0]}-{r[1]}-{r[2]}" for r in KPI_PERCENT],
)
def test_kpi_percent(direction, plan, actual, percent):
    assert str(kpi_percent(RULES, KpiInput(direction, D(plan), D(actual)))) == percent


@pytest.mark.parametrize(("achieved", "percent"), [(True, "100.00"), (False, "0.00")])
def test_binary_kpi_is_100_or_0(achieved, percent):
    assert str(kpi_percent(RULES, KpiInput("binary", None, achieved))) == percent


def test_kpi_outcome_keeps_a_chosen_score_inside_the_range():
    outcome = evaluate_kpi(RULES, KpiInput("increase", D(40), D("38.8"), score=D("4.9")))
    assert outcome.percent == D("97.00")
    assert outcome.allowed == (D("4.75"), D("4.99"))
    assert outcome.proposed == D("4.85")
    assert str(outcome.score) == "4.90"


@pytest.mark.parametrize(
    ("kpi", "field", "words"),
    [
        (KpiInput("increase", D(40), D("38.8"), score=D("4.74")), "kpis[0].score", "outside"),
        (KpiInput("increase", D(40), D(40), score=D("4.99")), "kpis[0].score", "5.00-5.00"),
        (KpiInput("increase", D(40), D("38.8"), score=D("4.855")), "kpis[0].score", "2 decimal"),
        (KpiInput("increase", D(0), D(3)), "kpis[0].plan", "greater than 0"),
        (KpiInput("increase", D(-1), D(3)), "kpis[0].plan", "negative"),
        (KpiInput("decrease", D(1), D(-3)), "kpis[0].actual", "negative"),
        (KpiInput("binary", D(1), True), "kpis[0].plan", "no planned value"),
        (KpiInput("binary", None, D(1)), "kpis[0].actual", "true or false"),
        (KpiInput("increase", None, D(1)), "kpis[0].plan", "required"),
        (KpiInput("increase", D(1), True), "kpis[0].actual", "number"),
    ],
    ids=[
        "below-range",
        "not-5-at-100",
        "three-decimals",
        "plan-0",
        "negative-plan",
        "negative-actual",
        "binary-with-plan",
        "binary-numeric",
        "no-plan",
        "bool-actual",
    ],
)
def test_kpi_errors_name_the_field(kpi, field, words):
    with pytest.raises(MethodologyError) as caught:
        evaluate_kpi_sheet(RULES, [kpi])
    assert caught.value.field == field
    assert words in caught.value.message


QUARTERS = [
    # KPI scores -> quarter score, rating (mean, half-up to 2 decimals, then p.7)
    (["4.85", "5.00", "5.00"], "4.95", "effective"),
    (["4.01", "4.00"], "4.01", "effective"),  # 4.005: half-even would give 4.00
    (["3.99", "4.00"], "4.00", "effective"),  # 3.995 rounds up into the top band
    (["1.99", "2.00"], "2.00", "satisfactory"),
    (["3.33", "3.33", "3.34"], "3.33", "proper"),  # 10/3
    (["0.24", "0.00", "0.49"], "0.24", "unsatisfactory"),  # 0.73/3 = 0.2433
    (["2.75", "3.00", "2.50", "3.25", "2.99"], "2.90", "satisfactory"),  # 14.49/5 = 2.898
]


@pytest.mark.parametrize(
    ("scores", "quarter", "rating"), QUARTERS, ids=["-".join(q[0]) for q in QUARTERS]
)
def test_quarter_score_is_the_half_up_mean_of_kpi_scores(scores, quarter, rating):
    # A binary KPI achieved gives 100% and so exactly 5.00; use increasing KPIs with plan 100 whose
    # percent equals 20 x the score, so each chosen score is inside its App. 3 range.
    kpis = [KpiInput("increase", D(100), D(s) * 20, score=D(s)) for s in scores]
    result = evaluate_kpi_sheet(RULES, kpis)
    assert (str(result.score), result.rating.code) == (quarter, rating)


def test_quarter_with_proposals_only():
    result = evaluate_kpi_sheet(
        RULES,
        [
            KpiInput("increase", D(40), D("38.8")),  # 97.00% -> 4.85
            KpiInput("decrease", D(2), D(3)),  # 66.67% -> 3.33
            KpiInput("binary", None, False),  # 0% -> 0.00
        ],
    )
    assert [str(k.score) for k in result.kpis] == ["4.85", "3.33", "0.00"]
    assert str(result.score) == "2.73"  # 8.18 / 3 = 2.7266…
    assert result.rating.code == "satisfactory"


@pytest.mark.parametrize("count", [0, 6])
def test_a_quarter_sheet_has_one_to_five_kpis(count):
    with pytest.raises(MethodologyError) as caught:
        evaluate_kpi_sheet(RULES, [KpiInput("binary", None, True)] * count)
    assert caught.value.field == "kpis"


@pytest.mark.parametrize(("count", "ok"), [(2, False), (3, True), (4, True), (5, True), (6, False)])
def test_a_work_plan_has_three_to_five_kpis(count, ok):
    if ok:
        check_kpi_count(RULES, count)
    else:
        with pytest.raises(MethodologyError, match="from 3 to 5 KPIs"):
            check_kpi_count(RULES, count)


DIFFERENTIATION = [
    ((5, 4, 4, 5), "4.50", "effective"),
    ((4, 4, 4, 3), "3.75", "proper"),
    ((3, 3, 3, 2), "2.75", "satisfactory"),
    ((2, 1, 1, 2), "1.50", "unsatisfactory"),
    ((0, 0, 0, 0), "0.00", "unsatisfactory"),  # p.31 allows 0 although the form prints 1-5
    ((5, 5, 5, 5), "5.00", "effective"),
    ((4, 4, 4, 4), "4.00", "effective"),
]


@pytest.mark.parametrize(
    ("scores", "mean", "rating"),
    DIFFERENTIATION,
    ids=["".join(map(str, d[0])) for d in DIFFERENTIATION],
)
def test_differentiation_is_the_mean_of_the_four_parameters(scores, mean, rating):
    named = dict(zip(("quality", "timeliness", "initiative", "discipline"), scores, strict=True))
    result = differentiation_score(RULES, named)
    assert (str(result.score), result.rating.code) == (mean, rating)


@pytest.mark.parametrize(
    ("scores", "field"),
    [
        ({"quality": 5, "timeliness": 4, "initiative": 4}, "scores.discipline"),
        ({"quality": 6, "timeliness": 4, "initiative": 4, "discipline": 4}, "scores.quality"),
        ({"quality": 5, "timeliness": -1, "initiative": 4, "discipline": 4}, "scores.timeliness"),
        (
            {"quality": 5, "timeliness": 4, "initiative": 4, "discipline": 4, "volume": 3},
            "scores.volume",
        ),
    ],
    ids=["missing", "above-5", "below-0", "unknown"],
)
def test_differentiation_errors(scores, field):
    with pytest.raises(MethodologyError) as caught:
        differentiation_score(RULES, scores)
    assert caught.value.field == field


ANNUAL = [
    (["4.25", "3.90", None, "4.60"], "4.25", "effective"),  # 12.75 / 3
    (["4.01", "4.00"], "4.01", "effective"),  # 4.005 half-up
    (["2.00", "2.01"], "2.01", "satisfactory"),  # 2.005 half-up (half-even 2.00)
    (["3.50", "3.75", "4.00"], "3.75", "proper"),
    ([None, "3.10"], "3.10", "proper"),
    (["1.99", "1.99", "2.00", "1.99"], "1.99", "unsatisfactory"),  # 7.97/4 = 1.9925
]


@pytest.mark.parametrize(
    ("quarters", "score", "rating"), ANNUAL, ids=["/".join(str(q) for q in a[0]) for a in ANNUAL]
)
def test_annual_is_the_mean_of_the_quarters_evaluated(quarters, score, rating):
    result = annual_score(RULES, [None if q is None else D(q) for q in quarters])
    assert (str(result.score), result.rating.code) == (score, rating)


@pytest.mark.parametrize(
    ("quarters", "field"),
    [
        ([], "quarters"),
        ([None, None], "quarters"),
        ([D("4")] * 5, "quarters"),
        ([D("4"), D("5.5")], "quarters[1]"),
        ([D("4.123")], "quarters[0]"),
    ],
    ids=["none", "all-null", "five", "above-5", "three-decimals"],
)
def test_annual_errors(quarters, field):
    with pytest.raises(MethodologyError) as caught:
        annual_score(RULES, quarters)
    assert caught.value.field == field


def _outcome(score, quarters):
    """The result of `score(quarters)`, or the field of its error."""
    try:
        return score(quarters)
    except MethodologyError as error:
        return error.field


def test_many_annual_scores_are_annual_score():
    """AnnualScores (a whole period at once) gives annual_score's result for every year: equal
    totals share a rounding, a score never seen is checked, and an error is the same error."""
    rng = random.Random("annual")
    scores = AnnualScores(RULES)
    years = [[None if q is None else D(q) for q in quarters] for quarters, _s, _r in ANNUAL]
    for _n in range(3000):
        count = rng.randint(1, 4)
        years.append(
            [None if rng.random() < 0.15 else D(rng.randint(0, 500)) / 100 for _q in range(count)]
        )
    for quarters in years + years:
        assert _outcome(scores, quarters) == _outcome(lambda q: annual_score(RULES, q), quarters)
    assert scores([D("4.00"), D("4.01")]).score == D("4.01")  # cached total 8.01 over 2
    for quarters, field in ((["4.00", "5.50"], "quarters[1]"), (["4.00", "4.005"], "quarters[1]")):
        with pytest.raises(MethodologyError) as caught:  # same total as a year seen, not checked
            scores([D(q) for q in quarters])
        assert caught.value.field == field


def test_many_annual_scores_are_explained_step_by_step():
    scores = AnnualScores(RULES)
    scores([D("4.00"), D("3.00")])
    with tracing() as steps:
        result = scores([D("3.00"), D("4.00")])
    with tracing() as alone:
        annual_score(RULES, [D("3.00"), D("4.00")])
    assert result.score == D("3.50")
    assert steps == alone


STAFF = (
    "effective_communication",
    "ethics",
    "change_management",
    "result_orientation",
    "independence_and_decisions",
    "cooperation",
    "responsiveness",
    "self_development",
)
# Three respondents, hand-computed means (sum of 9 answers / 9):
#   effective_communication 13+11+15=39 -> 4.33, ethics 15+14+14=43 -> 4.78,
#   change_management 10+8+10=28 -> 3.11, result_orientation 12+12+13=37 -> 4.11,
#   independence 10+10+9=29 -> 3.22, cooperation 13+12+14=39 -> 4.33,
#   responsiveness 9+8+10=27 -> 3.00, self_development 8+10+8=26 -> 2.89;
#   overall 268/72 = 3.7222 -> 3.72; lowest: self_development, responsiveness, change_management.
ANSWERS = {
    "manager": [
        [4, 4, 5],
        [5, 5, 5],
        [3, 3, 4],
        [4, 4, 4],
        [3, 4, 3],
        [5, 4, 4],
        [3, 3, 3],
        [2, 3, 3],
    ],
    "peer": [
        [3, 4, 4],
        [5, 4, 5],
        [2, 3, 3],
        [4, 4, 4],
        [4, 3, 3],
        [4, 4, 4],
        [3, 2, 3],
        [3, 3, 4],
    ],
    "subordinate": [
        [5, 5, 5],
        [4, 5, 5],
        [3, 4, 3],
        [4, 4, 5],
        [3, 3, 3],
        [5, 5, 4],
        [3, 3, 4],
        [2, 3, 3],
    ],
}


def staff_responses(with_self=True):
    responses = [
        SurveyResponse(role, dict(zip(STAFF, answers, strict=True)))
        for role, answers in ANSWERS.items()
    ]
    if with_self:
        responses.append(SurveyResponse("self", {code: [5, 5, 4] for code in STAFF}))
    return responses


def test_survey360_staff_report_by_hand():
    result = survey360_result(RULES, "staff", staff_responses())
    assert {k: str(v) for k, v in result.competencies.items()} == {
        "effective_communication": "4.33",
        "ethics": "4.78",
        "change_management": "3.11",
        "result_orientation": "4.11",
        "independence_and_decisions": "3.22",
        "cooperation": "4.33",
        "responsiveness": "3.00",
        "self_development": "2.89",
    }
    assert str(result.overall) == "3.72"
    assert result.lowest == ("self_development", "responsiveness", "change_management")
    assert result.respondents == 3
    assert result.self_assessment is not None
    assert set(map(str, result.self_assessment.values())) == {"4.67"}  # 14/3, never counted


def test_survey360_without_self_assessment():
    result = survey360_result(RULES, "staff", staff_responses(with_self=False))
    assert result.self_assessment is None
    assert str(result.overall) == "3.72"


def test_survey360_ties_keep_the_form_order():
    flat = [
        SurveyResponse(role, {code: [4, 4, 4] for code in STAFF})
        for role in ("manager", "peer", "peer")
    ]
    assert survey360_result(RULES, "staff", flat).lowest == STAFF[:3]


def test_survey360_overall_is_computed_from_exact_means_not_rounded_ones():
    # Per competency, three respondents' answers summing to 27, 10, 35, 44, 15, 20, 27, 16 (of 9):
    # means 3.00, 1.11, 3.89, 4.89, 1.67, 2.22, 3.00, 1.78. Exact overall = 194/72 = 2.6944 -> 2.69;
    # averaging the rounded means would give 21.56/8 = 2.695 -> 2.70, rounding twice (SPEC §9).
    per_respondent = {
        "effective_communication": ([3, 3, 3], [3, 3, 3], [3, 3, 3]),
        "ethics": ([1, 1, 1], [1, 1, 1], [1, 1, 2]),
        "change_management": ([4, 4, 4], [4, 4, 4], [4, 4, 3]),
        "result_orientation": ([5, 5, 5], [5, 5, 5], [5, 5, 4]),
        "independence_and_decisions": ([2, 2, 1], [2, 2, 1], [2, 2, 1]),
        "cooperation": ([2, 2, 2], [2, 2, 2], [3, 3, 2]),
        "responsiveness": ([3, 3, 3], [3, 3, 3], [3, 3, 3]),
        "self_development": ([2, 2, 2], [2, 2, 2], [1, 1, 2]),
    }
    responses = [
        SurveyResponse(role, {code: answers[i] for code, answers in per_respondent.items()})
        for i, role in enumerate(("manager", "peer", "subordinate"))
    ]
    result = survey360_result(RULES, "staff", responses)
    assert [str(v) for v in result.competencies.values()] == [
        "3.00",
        "1.11",
        "3.89",
        "4.89",
        "1.67",
        "2.22",
        "3.00",
        "1.78",
    ]
    assert str(result.overall) == "2.69"
    assert result.lowest == ("ethics", "independence_and_decisions", "self_development")


@pytest.mark.parametrize(
    ("mutate", "field", "words"),
    [
        (lambda r: r[:2], "responses", "from 3 to 7"),
        (lambda r: r[:3] * 3, "responses", "from 3 to 7"),
        (lambda r: [*r, SurveyResponse("self", r[0].answers)], "responses[4].role", "one self"),
        (lambda r: [SurveyResponse("boss", r[0].answers), *r[1:]], "responses[0].role", "role"),
        (
            lambda r: [
                SurveyResponse("manager", {**r[0].answers, "leadership": [4, 4, 4]}),
                *r[1:],
            ],
            "responses[0].answers.leadership",
            "not on the staff form",
        ),
        (
            lambda r: [
                SurveyResponse("manager", {k: v for k, v in r[0].answers.items() if k != "ethics"}),
                *r[1:],
            ],
            "responses[0].answers.ethics",
            "must be answered",
        ),
        (
            lambda r: [SurveyResponse("manager", {**r[0].answers, "ethics": [4, 4]}), *r[1:]],
            "responses[0].answers.ethics",
            "3 answers",
        ),
        (
            lambda r: [SurveyResponse("manager", {**r[0].answers, "ethics": [4, 6, 4]}), *r[1:]],
            "responses[0].answers.ethics[1]",
            "from 1 to 5",
        ),
        (
            lambda r: [SurveyResponse("manager", {**r[0].answers, "ethics": [0, 4, 4]}), *r[1:]],
            "responses[0].answers.ethics[0]",
            "from 1 to 5",
        ),
    ],
    ids=[
        "two-respondents",
        "nine-respondents",
        "two-selves",
        "unknown-role",
        "wrong-form",
        "missing-competency",
        "two-answers",
        "answer-6",
        "answer-0",
    ],
)
def test_survey360_errors(mutate, field, words):
    with pytest.raises(MethodologyError) as caught:
        survey360_result(RULES, "staff", mutate(staff_responses()))
    assert caught.value.field == field
    assert words in caught.value.message


def test_manager_form_has_twelve_competencies_and_staff_eight():
    manager, staff = RULES.survey.forms["manager"], RULES.survey.forms["staff"]
    assert len(manager.codes) == 12
    assert len(staff.codes) == 8
    assert staff.codes == STAFF
    assert set(staff.codes) == set(manager.codes) - {
        "activity_management",
        "team_management",
        "leadership",
        "initiative",
    }
    assert all(len(c.statements) == 3 for c in (*manager.competencies, *staff.competencies))


@pytest.mark.parametrize(
    ("rating", "lists"),
    [
        ("effective", ("bonus",)),
        ("proper", ()),
        ("satisfactory", ("training",)),
        ("unsatisfactory", ("training", "unsatisfactory")),
    ],
)
def test_consequences_of_a_rating_are_edition_data(rating, lists):
    assert RULES.consequences_of(rating) == lists


@pytest.mark.parametrize(
    ("votes", "adopted"),
    [
        (["4.20", "4.20", "4.20", "3.80", "3.80"], "4.20"),  # 3 of 5
        (["4.20", "4.20", "3.80", "3.80", "3.00"], None),  # 2-2-1: vote again
        (["4.20", "3.80"], None),  # half is not more than half
        (["3.80", "3.80", "3.80"], "3.80"),
        ([], None),
    ],
    ids=["3-of-5", "split-2-2-1", "half", "unanimous", "no-votes"],
)
def test_calibration_adopts_a_score_with_more_than_half_of_the_votes(votes, adopted):
    from bagalau.methodology.sjc2023 import adopted_score

    result = adopted_score([D(v) for v in votes])
    assert result == (None if adopted is None else D(adopted))


@pytest.mark.parametrize(
    ("participants", "quorum"), [(1, 1), (2, 2), (3, 2), (4, 3), (5, 3), (6, 4), (7, 4)]
)
def test_a_round_closes_early_with_more_than_half_of_the_participants(participants, quorum):
    from bagalau.methodology.sjc2023 import round_quorum

    assert round_quorum(participants) == quorum
    assert quorum * 2 > participants >= (quorum - 1) * 2


def test_a_session_without_participants_has_no_quorum():
    from bagalau.methodology.sjc2023 import round_quorum

    with pytest.raises(ValueError, match="at least one participant"):
        round_quorum(0)


def test_calibration_needs_three_participants_by_our_decision():
    assert RULES.calibration_min_participants == 3


def test_a_report_from_totals_equals_the_report_from_responses():
    from bagalau.methodology.sjc2023 import survey360_report, survey360_totals

    responses = staff_responses()
    direct = survey360_result(RULES, "staff", responses)
    others = [r for r in responses if r.role != "self"]
    totals = survey360_totals(RULES.survey.forms["staff"], others)
    assert totals["effective_communication"].total == 39
    assert totals["effective_communication"].answers == 9
    from_totals = survey360_report(
        RULES, "staff", totals=totals, respondents=3, self_answers=responses[-1].answers
    )
    assert from_totals == direct


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"answers": 8}, "totals.ethics"),
        ({"total": 46}, "totals.ethics"),
        ({"total": 8}, "totals.ethics"),
    ],
    ids=["count-mismatch", "above-5-each", "below-1-each"],
)
def test_totals_that_cannot_come_from_complete_answers_are_refused(change, field):
    from bagalau.methodology.sjc2023 import (
        CompetencyTotal,
        survey360_lowest,
        survey360_report,
        survey360_totals,
    )

    totals = survey360_totals(RULES.survey.forms["staff"], staff_responses(with_self=False))
    ethics = totals["ethics"]
    totals["ethics"] = CompetencyTotal(
        change.get("total", ethics.total), change.get("answers", ethics.answers)
    )
    with pytest.raises(MethodologyError) as caught:
        survey360_report(RULES, "staff", totals=totals, respondents=3)
    assert caught.value.field == field
    with pytest.raises(MethodologyError) as lowest:
        survey360_lowest(RULES, "staff", totals=totals, respondents=3)
    assert lowest.value.field == field


def test_the_lowest_alone_are_the_reports_lowest():
    from bagalau.methodology.sjc2023 import survey360_lowest, survey360_report, survey360_totals

    others = staff_responses(with_self=False)
    totals = survey360_totals(RULES.survey.forms["staff"], others)
    report = survey360_report(RULES, "staff", totals=totals, respondents=3)
    assert survey360_lowest(RULES, "staff", totals=totals, respondents=3) == report.lowest
    assert len(report.lowest) == RULES.survey.lowest_count
    with pytest.raises(MethodologyError) as caught:
        survey360_lowest(RULES, "staff", totals=totals, respondents=2)
    assert caught.value.field == "responses"
