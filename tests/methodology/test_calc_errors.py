"""The calculator's error contract (SPEC §10).

Every invalid request gets exit code 2 and exactly
``{"error": {"field": "<JSON path>", "message": "<English sentence naming the rule>"}}``;
the field is the most specific JSON path of the offending value, and no input ever raises.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bagalau.methodology.calc import EXIT_INVALID, EXIT_OK, run
from bagalau.methodology.calc.methods import methods_for
from bagalau.methodology.editions import edition_codes, get_edition

# The eight competencies of the staff form (App. 6, SPEC §4.6), in form order.
STAFF_FORM = tuple(
    "effective_communication ethics change_management result_orientation "
    "independence_and_decisions cooperation responsiveness self_development".split()
)
KPI = {"direction": "increase", "plan": 100, "actual": 97}
BINARY = {"direction": "binary", "actual": True}
SCORES = {"quality": 5, "timeliness": 4, "initiative": 4, "discipline": 5}
D4 = {"category": "D-4", "heads_unit": False, "provides_services": False}
B4 = {**D4, "category": "B-4"}
# paths that would not fit on a table row
CO0, CO1, UNKNOWN = "observed.cooperation[0]", "observed.cooperation[1]", "observed.leadership"


def drop(mapping: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if k != key}


def kpis(*items: dict[str, Any]) -> dict[str, Any]:
    return {"kpis": list(items)}


def scores(**changes: Any) -> dict[str, Any]:
    values = {**SCORES, **changes}
    return {"scores": {key: value for key, value in values.items() if value is not None}}


def response(role: str, value: Any = 4, **answers: Any) -> dict[str, Any]:
    """One respondent answering `value` to every statement of the staff form, with overrides
    (an override of None drops that competency)."""
    values = {code: [value, value, value] for code in STAFF_FORM} | answers
    return {"role": role, "answers": {k: v for k, v in values.items() if v is not None}}


def survey(*responses: dict[str, Any], form: str = "staff") -> dict[str, Any]:
    return {"form": form, "responses": list(responses)}


def three_with(**changes: Any) -> dict[str, Any]:
    """Manager, peer and subordinate; the peer (responses[1]) carries `changes`."""
    return survey(response("manager"), response("peer", **changes), response("subordinate"))


NAN_IN_PLAN = '{"kpis": [{"direction": "increase", "plan": NaN, "actual": 1}]}'
INFINITY_SCORE = (
    '{"scores": {"quality": -Infinity, "timeliness": 4, "initiative": 4, "discipline": 5}}'
)
PLAN_1E20 = '{"kpis": [{"direction": "increase", "plan": 1e20, "actual": 1}]}'
DUPLICATE_ACTUAL = '{"kpis": [{"direction": "binary", "actual": true, "actual": false}]}'

# Each row: ([edition,] case id, request: raw text or an object sent as JSON, expected field,
# a key word of the rule the message must name[, reason of a known bug]).
WRONG_TARGET = [  # (edition, method, case id, field, key word)
    ("sjc-2024", "kpi", "unknown edition", "edition", "unknown edition"),
    ("sjc-2023", "quarterly", "unknown method", "method", "no method"),
    ("moj-2017", "kpi", "unknown method", "method", "no method"),
]
REQUEST_ITSELF = [
    ("empty-stdin", "", "$", "empty"),
    ("whitespace-only", " \n\t  \r\n", "$", "empty"),
    ("not-json", "{kpis: []}", "$", "not valid JSON"),
    ("two-objects", '{"kpis": []} {}', "$", "not valid JSON"),
    ("array-not-object", "[]", "$", "one JSON object"),
    ("string-not-object", '"kpis"', "$", "one JSON object"),
    ("bare-nan", "NaN", "$", "NaN"),
    ("nan-literal-in-a-kpi", NAN_IN_PLAN, "kpis[0].plan", "number"),
    ("duplicate-top-key", '{"kpis": [], "kpis": []}', "kpis", "twice"),
    ("duplicate-nested-key", DUPLICATE_ACTUAL, "kpis[0].actual", "twice"),
    ("kpi-for-kpis", {"kpi": [KPI]}, "kpi", "unexpected key"),
]
SJC_KPI = [
    ("zero-kpis", kpis(), "kpis", "from 1 to 5"),
    ("six-kpis", kpis(*[KPI] * 6), "kpis", "from 1 to 5"),
    ("kpis-not-a-list", {"kpis": KPI}, "kpis", "list"),
    ("kpi-not-an-object", {"kpis": [5]}, "kpis[0]", "object"),
    ("missing-direction", kpis(KPI, {"plan": 1, "actual": 1}), "kpis[1].direction", "required"),
    ("unknown-direction", kpis({**KPI, "direction": "up"}), "kpis[0].direction", "decrease"),
    ("unknown-key", kpis({**KPI, "weight": 1}), "kpis[0].weight", "unexpected key"),
    ("increase-plan-0", kpis({**KPI, "plan": 0}), "kpis[0].plan", "greater than 0"),
    ("negative-actual", kpis({**KPI, "actual": -1}), "kpis[0].actual", "at least 0"),
    ("negative-plan", kpis({**KPI, "plan": "-5"}), "kpis[0].plan", "at least 0"),
    ("increase-without-plan", kpis(drop(KPI, "plan")), "kpis[0].plan", "required"),
    ("increase-plan-null", kpis({**KPI, "plan": None}), "kpis[0].plan", "number"),
    ("binary-with-plan", kpis({**BINARY, "plan": 1}), "kpis[0].plan", "binary"),
    ("binary-actual-1", kpis({**BINARY, "actual": 1}), "kpis[0].actual", "true or false"),
    ("numeric-actual-true", kpis({**KPI, "actual": True}), "kpis[0].actual", "number"),
    ("actual-decimal-comma", kpis({**KPI, "actual": "12,5"}), "kpis[0].actual", "numeric string"),
    ("actual-abc", kpis({**KPI, "actual": "abc"}), "kpis[0].actual", "numeric string"),
    # 97/100 = 97.00 %: App. 3 allows 4.75-4.99
    ("score-outside-range", kpis(KPI, {**KPI, "score": "4.50"}), "kpis[1].score", "4.75-4.99"),
    ("score-three-decimals", kpis({**KPI, "score": "4.755"}), "kpis[0].score", "2 decimal places"),
    ("score-5.01", kpis({**KPI, "actual": 100, "score": "5.01"}), "kpis[0].score", "at most 5"),
    ("plan-1e20", PLAN_1E20, "kpis[0].plan", "too large"),
    ("plan-10-to-the-20", kpis({**KPI, "plan": 10**20}), "kpis[0].plan", "too large"),
    ("plan-boolean", kpis({**KPI, "plan": True}), "kpis[0].plan", "number"),
]
SJC_DIFFERENTIATION = [
    ("missing-parameter", scores(discipline=None), "scores.discipline", "required"),
    ("extra-parameter", scores(loyalty=5), "scores.loyalty", "unexpected key"),
    ("6", scores(quality=6), "scores.quality", "at most 5"),
    ("minus-1", scores(timeliness=-1), "scores.timeliness", "at least 0"),
    ("4.5", scores(initiative=4.5), "scores.initiative", "whole number"),
    ("five-in-words", scores(discipline="five"), "scores.discipline", "numeric string"),
    ("infinity-literal", INFINITY_SCORE, "scores.quality", "number"),
]
SJC_ANNUAL = [
    ("empty", {"quarters": []}, "quarters", "1 to 4"),
    ("five-quarters", {"quarters": ["4.00"] * 5}, "quarters", "1 to 4"),
    ("all-null", {"quarters": [None, None, None]}, "quarters", "at least one"),
    ("score-5.5", {"quarters": ["4.00", "5.5"]}, "quarters[1]", "at most 5"),
    ("three-decimals", {"quarters": ["4.125", None]}, "quarters[0]", "2 decimal places"),
]
SJC_SURVEY = [
    ("unknown-form", {**three_with(), "form": "director"}, "form", "manager, staff"),
    ("two-respondents", survey(response("manager"), response("peer")), "responses", "3 to 7"),
    ("eight-respondents", survey(*[response("peer")] * 8), "responses", "3 to 7"),
    (
        "two-self",
        survey(*[response("peer")] * 3, response("self"), response("self")),
        "responses[4].role",
        "one self-assessment",
    ),
    ("competency-missing", three_with(ethics=None), "responses[1].answers.ethics", "every"),
    (
        "leadership-on-staff-form",
        three_with(leadership=[4, 4, 4]),
        "responses[1].answers.leadership",
        "not on the staff form",
    ),
    ("two-answers", three_with(ethics=[4, 4]), "responses[1].answers.ethics", "3 answers"),
    ("answer-0", three_with(ethics=[4, 0, 4]), "responses[1].answers.ethics[1]", "1 to 5"),
    ("answer-6", three_with(ethics=[4, 4, 6]), "responses[1].answers.ethics[2]", "1 to 5"),
    ("answer-3.5", three_with(ethics=[3.5, 4, 4]), "responses[1].answers.ethics[0]", "whole"),
    (
        "unknown-role",
        survey(response("manager"), response("colleague"), response("peer")),
        "responses[1].role",
        "manager, subordinate, peer, self",
    ),
]
TYPICAL_KPI = [  # every row starts with its edition
    ("almaty-2018", "four-booleans", {"achieved": [True] * 4}, "achieved", "exactly 5"),
    ("sjc-2018", "number", {"achieved": [True, True, 1, True, True]}, "achieved[2]", "true or"),
    ("kyzylorda-2018", "yes", {"achieved": [True] * 4 + ["yes"]}, "achieved[4]", "true or false"),
]
COMPETENCY = [  # every row starts with its edition; the first three are categories App. 4 of
    # that edition does not cover (SPEC §5 tiers)
    ("almaty-2018", "d2", {**D4, "category": "D-2"}, "category", "for D-2 not heading"),
    ("almaty-2018", "d3-not-heading", {**D4, "category": "D-3"}, "category", "not heading a unit"),
    ("sjc-2018", "b3", {**D4, "category": "B-3", "heads_unit": True}, "category", "for B-3"),
    ("almaty-2018", "category-x9", {**D4, "category": "X-9"}, "category", "not a category code"),
    ("almaty-2018", "indicator-0", {**D4, "observed": {"cooperation": [0]}}, CO0, "1-"),
    ("almaty-2018", "indicator-99", {**D4, "observed": {"cooperation": [1, 99]}}, CO1, "1-"),
    (
        "almaty-2018",
        "duplicate-indicator",
        {**D4, "observed": {"cooperation": [2, 1, 2]}},
        "observed.cooperation[2]",
        "listed twice",
    ),
    (
        "kyzylorda-2018",
        "service-without-services",
        {**D4, "observed": {"service_orientation": [1]}},
        "observed.service_orientation",
        "public services",
    ),
    ("kyzylorda-2018", "unknown", {**D4, "observed": {"leadership": [1]}}, UNKNOWN, "unknown"),
    ("sjc-2018", "heads-unit-missing", drop(B4, "heads_unit"), "heads_unit", "required"),
]
MOJ_QUARTERLY = [
    ("bonus-6", {"bonus": [5, 6], "violations": 0}, "bonus[1]", "at most 5"),
    ("bonus-0", {"bonus": [0], "violations": 0}, "bonus[0]", "at least 1"),
    ("negative-violations", {"bonus": [], "violations": -1}, "violations", "at least 0"),
    ("violations-1.5", {"bonus": [], "violations": "1.5"}, "violations", "whole number"),
]
MOJ_PLAN = [
    ("no-indicators", {"indicators": []}, "indicators", "from 1 to 4"),
    ("five-indicators", {"indicators": ["met"] * 5}, "indicators", "from 1 to 4"),
    ("unknown-outcome", {"indicators": ["met", "done"]}, "indicators[1]", "partially_met"),
]
MOJ_ANNUAL = [
    ("five-quarters", {"quarters": [100] * 5, "plan_score": 4}, "quarters", "from 1 to 4"),
    ("plan-score-1.5", {"quarters": [100], "plan_score": "1.5"}, "plan_score", "between 2 and 5"),
    ("plan-score-5.5", {"quarters": [100], "plan_score": "5.5"}, "plan_score", "between 2 and 5"),
    (
        "weights-sum-1.2",
        {"quarters": [100], "plan_score": 4, "weights": {"quarters": "0.6", "plan": "0.6"}},
        "weights",
        "add up to 1",
    ),
]
# EDITIONS.md §13: every error field of the workflow methods.
VOTE = {"members": 6, "present": 4, "for": 2, "against": 2, "chair_vote": "for"}
COMMISSION = [  # every row starts with its edition
    ("almaty-2018", "no-members", {**VOTE, "members": 0}, "members", "at least 1"),
    ("almaty-2018", "below-minimum-5", {**VOTE, "members": 4}, "members", "at least 5 members"),
    ("kyzylorda-2018", "members-not-whole", {**VOTE, "members": "5.5"}, "members", "whole"),
    ("sjc-2018", "more-present", {**VOTE, "present": 7, "for": 4, "against": 3}, "present",
     "7 present"),
    ("moj-2017", "negative-present", {**VOTE, "present": -1}, "present", "at least 0"),
    ("moj-2017", "abstention", {**VOTE, "for": 1}, "for", "no abstentions"),
    ("almaty-2018", "negative-for", {**VOTE, "for": -1, "against": 5}, "for", "at least 0"),
    ("almaty-2018", "negative-against", {**VOTE, "against": -2}, "against", "at least 0"),
    ("sjc-2018", "chair-maybe", {**VOTE, "chair_vote": "abstain"}, "chair_vote",
     '"for" or "against"'),
    ("sjc-2018", "chair-number", {**VOTE, "chair_vote": 1}, "chair_vote", '"for" or "against"'),
    ("moj-2017", "chair-for-none-for", {**VOTE, "for": 0, "against": 4}, "chair_vote",
     'no vote "for"'),
    ("moj-2017", "chair-against-none-against",
     {**VOTE, "for": 4, "against": 0, "chair_vote": "against"}, "chair_vote", 'no vote "against"'),
    ("kyzylorda-2018", "chair-vote-missing", drop(VOTE, "chair_vote"), "chair_vote", "required"),
]  # fmt: skip
TYPICAL_DEADLINES = [  # every row starts with its edition
    ("almaty-2018", "month-13", {"period_start": "2018-13-01"}, "period_start", "calendar date"),
    ("sjc-2018", "words", {"returned": "yesterday"}, "returned", "YYYY-MM-DD"),
    ("kyzylorda-2018", "short-month", {"superior_signed": "2018-2-1"}, "superior_signed",
     "YYYY-MM-DD"),
    ("almaty-2018", "number", {"direct_signed": 20180101}, "direct_signed", "YYYY-MM-DD"),
    ("sjc-2018", "30-february", {"evaluation": "2018-02-30"}, "evaluation", "calendar date"),
    ("kyzylorda-2018", "null", {"ended": None}, "ended", "YYYY-MM-DD"),
    ("almaty-2018", "beyond-the-calendar", {"decision": "2100-12-31"}, "decision", "2100"),
    ("almaty-2018", "moj-key", {"session": "2018-12-21"}, "session", "unexpected key"),
]  # fmt: skip
MOJ_DEADLINES = [
    ("no-year", {"quarter": 1}, "year", "required"),
    ("year-in-words", {"year": "2017th"}, "year", "number"),
    ("year-before-the-calendar", {"year": 1990}, "year", "at least 1991"),
    ("quarter-0", {"year": 2017, "quarter": 0}, "quarter", "at least 1"),
    ("quarter-5", {"year": 2017, "quarter": 5}, "quarter", "at most 4"),
    ("quarter-q1", {"year": 2017, "quarter": "Q1"}, "quarter", "number"),
    ("appointed", {"year": 2017, "appointed": "2017-02-29"}, "appointed", "calendar date"),
    ("evaluation", {"year": 2017, "evaluation": "08.12.2017"}, "evaluation", "YYYY-MM-DD"),
    ("session", {"year": 2017, "session": "2017-12"}, "session", "YYYY-MM-DD"),
    ("ended", {"year": 2017, "ended": True}, "ended", "YYYY-MM-DD"),
    ("decision", {"year": 2017, "decision": "2100-12-30"}, "decision", "2100"),
    ("typical-key", {"year": 2017, "period_start": "2017-01-01"}, "period_start", "unexpected"),
]
MOJ_CONSEQUENCES = [
    ("no-year", {"annual": []}, "annual", "at least 1"),
    ("not-a-list", {"annual": "effective"}, "annual", "list"),
    ("missing", {}, "annual", "required"),
    ("unknown-rating", {"annual": ["good"]}, "annual[0]", "excellent"),
    ("sjc-2023-rating", {"annual": ["effective", "proper"]}, "annual[1]", "unsatisfactory"),
    ("null-year", {"annual": ["effective", None]}, "annual[1]", "expected one of"),
]
APP4_ROW = [  # every row starts with its edition (the competency method)
    ("kyzylorda-2018", "row-not-in-app4", {**D4, "app4_row": "middle"}, "app4_row", "expected one"),
    ("kyzylorda-2018", "c2-is-not-top", {**D4, "category": "C-2", "app4_row": "top"}, "app4_row",
     "only in the rows unit_head, staff"),
    ("sjc-2018", "sjc-has-two-rows", {**B4, "category": "B-3", "app4_row": "unit_head"},
     "app4_row", "expected one of top, staff"),
]  # fmt: skip
WORKING_DAYS = [  # every row starts with its edition: they all answer working_days
    ("sjc-2023", "month-13", {"start": "2025-13-01", "days": 1}, "start", "not a calendar date"),
    ("moj-2017", "compact-date", {"start": "20250101", "days": 1}, "start", "YYYY-MM-DD"),
    ("almaty-2018", "days-0", {"start": "2025-01-01", "days": 0}, "days", "1 to 3660"),
    ("kyzylorda-2018", "days-2.5", {"start": "2025-01-01", "days": "2.5"}, "days", "whole"),
    ("sjc-2018", "days-3661", {"start": "2025-01-01", "days": 3661}, "days", "3660"),
    ("sjc-2018", "start-1900", {"start": "1900-01-02", "days": 1}, "start", "1991-2100"),
    ("sjc-2023", "past-2100", {"start": "2100-12-30", "days": 5}, "days", "2100"),
    (
        "moj-2017",
        "transfer-bad-date",
        {"start": "2025-01-01", "days": 1, "transfers": [{"working_day": "2025-1-4"}]},
        "transfers[0].working_day",
        "YYYY-MM-DD",
    ),
]


def rows(edition: str, method: str, table: list[tuple[Any, ...]]) -> list[Any]:
    """pytest params (edition, method, request, field, keyword), ids "edition method: case"."""
    params = []
    for case, request_, field, keyword in table:
        params.append(
            pytest.param(
                edition,
                method,
                request_,
                field,
                keyword,
                id=f"{edition} {method}: {case}",
            )
        )
    return params


def rows_per_edition(method: str, table: list[tuple[Any, ...]]) -> list[Any]:
    """Like rows() for a table whose rows start with their edition."""
    return [param for edition, *row in table for param in rows(edition, method, [tuple(row)])]


CASES = [
    *rows("sjc-2023", "kpi", REQUEST_ITSELF),
    *(pytest.param(e, m, kpis(KPI), f, k, id=f"{e} {m}: {c}") for e, m, c, f, k in WRONG_TARGET),
    *rows("sjc-2023", "kpi", SJC_KPI),
    *rows("sjc-2023", "differentiation", SJC_DIFFERENTIATION),
    *rows("sjc-2023", "annual", SJC_ANNUAL),
    *rows("sjc-2023", "survey360", SJC_SURVEY),
    *rows_per_edition("kpi", TYPICAL_KPI),
    *rows_per_edition("competency", COMPETENCY),
    *rows("moj-2017", "quarterly", MOJ_QUARTERLY),
    *rows("moj-2017", "plan", MOJ_PLAN),
    *rows("moj-2017", "annual", MOJ_ANNUAL),
    *rows_per_edition("working_days", WORKING_DAYS),
    *rows_per_edition("commission", COMMISSION),
    *rows_per_edition("deadlines", TYPICAL_DEADLINES),
    *rows("moj-2017", "deadlines", MOJ_DEADLINES),
    *rows("moj-2017", "consequences", MOJ_CONSEQUENCES),
    *rows_per_edition("competency", APP4_ROW),
]


@pytest.mark.parametrize(("edition", "method", "request_", "field", "keyword"), CASES)
def test_invalid_request_names_the_field(
    edition: str, method: str, request_: str | dict[str, Any], field: str, keyword: str
) -> None:
    text = request_ if isinstance(request_, str) else json.dumps(request_)
    code, output = run(edition, method, text)
    answer = json.loads(output)
    assert code == EXIT_INVALID
    assert answer == {"error": {"field": field, "message": answer["error"]["message"]}}
    message = answer["error"]["message"]
    assert isinstance(message, str)
    assert keyword.lower() in message.lower()


def test_there_are_at_least_45_cases() -> None:
    assert len(CASES) >= 45


@pytest.mark.parametrize(
    ("text", "field"),
    [
        pytest.param(
            '{"kpis": [{"direction": "increase", "plan": ' + "1" * 5000 + ', "actual": 1}]}',
            "kpis[0].plan",
            id="5000-digit-integer",
        ),
        pytest.param(
            "[" * 100_000 + "]" * 100_000,
            "$",
            id="deeply-nested-arrays",
        ),
        pytest.param(
            '{"kpis": [{"direction": "increase", "plan": 1e999999999999, "actual": 1}]}',
            "kpis[0].plan",
            id="exponent-too-large",
        ),
    ],
)
def test_pathological_input_is_refused_not_raised(text: str, field: str) -> None:
    code, output = run("sjc-2023", "kpi", text)
    assert code == EXIT_INVALID
    answer = json.loads(output)
    assert answer["error"]["field"] == field


def test_a_tiny_exponent_is_refused_for_its_decimal_places() -> None:
    text = '{"kpis": [{"direction": "increase", "plan": 1, "actual": 1e-1000030}]}'
    code, output = run("sjc-2023", "kpi", text)
    assert (code, json.loads(output)["error"]["field"]) == (EXIT_INVALID, "kpis[0].actual")


# --- no input ever raises -----------------------------------------------------------------------

# Field names and codes of every method, so random objects reach the readers behind them.
KEYS = (
    *"kpis direction plan actual score scores quality timeliness initiative discipline".split(),
    *"quarters form responses role answers achieved category heads_unit provides_services".split(),
    *"observed bonus violations indicators plan_score weights start days transfers".split(),
    *"working_day day_off leadership service_orientation".split(),
    *"members present for against chair_vote period_start returned superior_signed".split(),
    *"direct_signed evaluation ended decision year quarter appointed session annual".split(),
    "app4_row",
    *STAFF_FORM,
)
WORDS = (
    *"increase decrease binary staff manager peer self subordinate met not_met exceeded".split(),
    *"D-4 B-1 D-3 2025-03-20 2024-05-04 4.50 5 -0 1e3".split(),
    *"for against unsatisfactory effective top unit_head staff C-2 2100-12-31".split(),
    "",
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(WORDS)
    | st.text(max_size=12)
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=8)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), children, max_size=6)
    ),
    max_leaves=30,
)
EDITION_METHODS = [
    (code, method) for code in edition_codes() for method in methods_for(get_edition(code))
]
EXAMPLES = [methods_for(get_edition(code))[method].example for code, method in EDITION_METHODS]


@st.composite
def mutated_example(draw: st.DrawFn) -> str:
    """A method's help example with one value somewhere inside replaced, dropped or added,
    so the fuzzing reaches the readers deep inside a request."""

    def mutate(value: Any) -> Any:
        if draw(st.integers(0, 3)) == 0 or not isinstance(value, dict | list) or not value:
            return draw(JSON_VALUES)
        if isinstance(value, list):
            index = draw(st.integers(0, len(value) - 1))
            return [*value[:index], mutate(value[index]), *value[index + 1 :]]
        key = draw(st.sampled_from(sorted(value)))
        action = draw(st.sampled_from(("replace", "drop", "add")))
        if action == "drop":
            return {k: v for k, v in value.items() if k != key}
        if action == "add":
            return {**value, draw(st.sampled_from(KEYS)): draw(JSON_VALUES)}
        return {**value, key: mutate(value[key])}

    return json.dumps(mutate(draw(st.sampled_from(EXAMPLES))))


REQUESTS = st.one_of(
    st.text(),
    st.binary().map(lambda raw: raw.decode("utf-8", errors="replace")),
    JSON_VALUES.map(json.dumps),
    st.dictionaries(st.sampled_from(KEYS), JSON_VALUES, max_size=6).map(json.dumps),
    mutated_example(),
)


@settings(max_examples=settings.default.max_examples * 3 // 2)  # every edition and method each
@given(text=REQUESTS)
def test_random_input_always_answers_with_a_json_object(text: str) -> None:
    """Every edition x method answers exit 0 or 2 with one JSON object, never an exception."""
    for edition, method in EDITION_METHODS:
        code, output = run(edition, method, text)
        answer = json.loads(output)
        where = f"{edition} {method}: {output}"
        assert code in (EXIT_OK, EXIT_INVALID), where
        assert isinstance(answer, dict), where
        if code == EXIT_INVALID:
            assert set(answer) == {"error"}, where
            assert set(answer["error"]) == {"field", "message"}, where
            assert isinstance(answer["error"]["field"], str), where
            assert isinstance(answer["error"]["message"], str), where
            assert answer["error"]["message"], where
