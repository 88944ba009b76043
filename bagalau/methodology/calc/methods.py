"""The calculator's methods (SPEC §10): parse a request, call the model, shape the answer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from bagalau.methodology import moj2017, sjc2023, typical2018
from bagalau.methodology.calc import fields as f
from bagalau.methodology.calc.workflow_methods import (
    commission,
    moj_consequences,
    moj_deadlines,
    typical_deadlines,
)
from bagalau.methodology.editions import (
    Edition,
    EvaluationModel,
    moj2017_rules,
    sjc2023_rules,
    typical2018_rules,
)
from bagalau.methodology.errors import N_, MethodologyError
from bagalau.methodology.explain import note
from bagalau.workcalendar import CalendarError, Transfer, WorkCalendar

Handler = Callable[[Edition, dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Method:
    """A calculator method: what it computes, how, and an example request."""

    name: str
    summary: str
    handler: Handler
    example: dict[str, Any]
    shown: str | None = None


def _s(value: Decimal) -> str:
    return str(value)


# --- sjc-2023 -----------------------------------------------------------------------------------


def sjc_kpi(edition: Edition, request: dict[str, Any]) -> dict[str, Any]:
    """Quarter KPI sheet (App. 2-3)."""
    rules = sjc2023_rules(edition)
    f.obj(request, "", required=["kpis"])
    items = f.array(request["kpis"], "kpis", 1, rules.kpi.max_count)
    kpis = []
    for index, item in enumerate(items):
        where = f.join("kpis", index)
        direction = f.choice(
            f.obj(item, where, required=["direction", "actual"], optional=["plan", "score"])[
                "direction"
            ],
            f.join(where, "direction"),
            sjc2023.DIRECTIONS,
        )
        actual: Decimal | bool
        if direction == "binary":
            actual = f.boolean(item["actual"], f.join(where, "actual"))
            if "plan" in item:
                raise MethodologyError(
                    f.join(where, "plan"), N_("a binary KPI has no planned value: omit plan")
                )
            plan = None
        else:
            if "plan" not in item:
                raise MethodologyError(f.join(where, "plan"), N_("this key is required"))
            plan = f.number(item["plan"], f.join(where, "plan"), minimum=0)
            actual = f.number(item["actual"], f.join(where, "actual"), minimum=0)
        score = None
        if item.get("score") is not None:
            score = f.number(item["score"], f.join(where, "score"), minimum=0, maximum=5, places=2)
        kpis.append(
            sjc2023.KpiInput(
                direction=cast(sjc2023.Direction, direction), plan=plan, actual=actual, score=score
            )
        )
    result = sjc2023.evaluate_kpi_sheet(rules, kpis)
    return {
        "kpis": [
            {
                "percent": _s(o.percent),
                "allowed": [_s(o.allowed[0]), _s(o.allowed[1])],
                "score": _s(o.score),
            }
            for o in result.kpis
        ],
        "score": _s(result.score),
        "rating": result.rating.code,
    }


def sjc_differentiation(edition: Edition, request: dict[str, Any]) -> dict[str, Any]:
    """Differentiation sheet (App. 4)."""
    rules = sjc2023_rules(edition)
    codes = [p.code for p in rules.differentiation.parameters]
    given = f.obj(f.obj(request, "", required=["scores"])["scores"], "scores", required=codes)
    scores = {
        code: f.integer(
            given[code],
            f.join("scores", code),
            minimum=rules.differentiation.min_score,
            maximum=rules.differentiation.max_score,
        )
        for code in codes
    }
    result = sjc2023.differentiation_score(rules, scores)
    return {"score": _s(result.score), "rating": result.rating.code}


def sjc_annual(edition: Edition, request: dict[str, Any]) -> dict[str, Any]:
    """Year's result: the mean of the quarters (p.4)."""
    rules = sjc2023_rules(edition)
    items = f.array(f.obj(request, "", required=["quarters"])["quarters"], "quarters", 1, 4)
    quarters = [
        None
        if item is None
        else f.number(item, f.join("quarters", i), minimum=0, maximum=5, places=2)
        for i, item in enumerate(items)
    ]
    result = sjc2023.annual_score(rules, quarters)
    return {"score": _s(result.score), "rating": result.rating.code}


def sjc_survey360(edition: Edition, request: dict[str, Any]) -> dict[str, Any]:
    """360 report (App. 7/8) from the answers."""
    rules = sjc2023_rules(edition)
    f.obj(request, "", required=["form", "responses"])
    form = sjc2023.survey_form(rules, f.choice(request["form"], "form", list(rules.survey.forms)))
    roles = [role.code for role in rules.survey.roles]
    items = f.array(request["responses"], "responses", 1, rules.survey.max_respondents + 1)
    responses = []
    for index, item in enumerate(items):
        where = f.join("responses", index)
        f.obj(item, where, required=["role", "answers"])
        role = f.choice(item["role"], f.join(where, "role"), roles)
        raw = f.mapping(item["answers"], f.join(where, "answers"))
        answers: dict[str, list[int]] = {}
        for code, values in raw.items():
            path = f.join(f.join(where, "answers"), code)
            answers[code] = [
                f.integer(v, f.join(path, i)) for i, v in enumerate(f.array(values, path))
            ]
        responses.append(sjc2023.SurveyResponse(role=role, answers=answers))
    result = sjc2023.survey360_result(rules, form.code, responses)
    own = result.self_assessment
    return {
        "competencies": {code: _s(v) for code, v in result.competencies.items()},
        "self": None if own is None else {code: _s(v) for code, v in own.items()},
        "overall": _s(result.overall),
        "lowest": list(result.lowest),
        "respondents": result.respondents,
    }


# --- typical-2018 -------------------------------------------------------------------------------


def typical_kpi(edition: Edition, request: dict[str, Any]) -> dict[str, Any]:
    """Annual KPI rating from the count of achieved KPIs (p.18)."""
    rules = typical2018_rules(edition)
    items = f.array(
        f.obj(request, "", required=["achieved"])["achieved"],
        "achieved",
        rules.kpi_count,
        rules.kpi_count,
    )
    result = typical2018.kpi_result(
        rules, [f.boolean(v, f.join("achieved", i)) for i, v in enumerate(items)]
    )
    return {"achieved": result.achieved, "rating": result.rating.code}


def typical_competency(edition: Edition, request: dict[str, Any]) -> dict[str, Any]:
    """Competency sheet (App. 3) from the behavioural indicators observed (App. 4)."""
    rules = typical2018_rules(edition)
    f.obj(
        request,
        "",
        required=["category", "heads_unit", "provides_services"],
        optional=["observed", "app4_row"],
    )
    if not isinstance(request["category"], str):
        raise MethodologyError("category", N_("expected a category code such as D-4"))
    heads_unit = f.boolean(request["heads_unit"], "heads_unit")
    provides = f.boolean(request["provides_services"], "provides_services")
    observed: dict[str, list[int]] = {}
    for code, values in f.mapping(request.get("observed", {}), "observed").items():
        path = f.join("observed", code)
        observed[code] = [
            f.integer(v, f.join(path, i)) for i, v in enumerate(f.array(values, path))
        ]
    app4_row = None
    if request.get("app4_row") is not None:
        app4_row = f.choice(request["app4_row"], "app4_row", [t.code for t in rules.tiers])
    result = typical2018.evaluate_competencies(
        rules,
        category=request["category"],
        heads_unit=heads_unit,
        provides_services=provides,
        observed=observed,
        app4_row=app4_row,
    )
    return {
        "tier": result.tier.code,
        "competencies": {
            item.code: {
                "indicators": item.indicators,
                "observed": item.observed,
                "result": item.result,
                "missing": list(item.missing),
            }
            for item in result.competencies
        },
    }


# --- moj-2017 -----------------------------------------------------------------------------------


def moj_quarterly(edition: Edition, request: dict[str, Any]) -> dict[str, Any]:
    """Quarter points: 100 + bonus - 2 per breach (p.26-27)."""
    rules = moj2017_rules(edition)
    f.obj(request, "", required=["bonus", "violations"])
    bonus = [
        f.integer(v, f.join("bonus", i), minimum=rules.bonus_min, maximum=rules.bonus_max)
        for i, v in enumerate(f.array(request["bonus"], "bonus"))
    ]
    violations = f.integer(request["violations"], "violations", minimum=0, maximum=10_000)
    result = moj2017.quarter_result(rules, bonus, violations)
    return {"score": result.score, "rating": result.rating.code}


def moj_plan(edition: Edition, request: dict[str, Any]) -> dict[str, Any]:
    """Work-plan score: the mean of the indicators' outcomes (p.30)."""
    rules = moj2017_rules(edition)
    codes = [o.code for o in rules.outcomes]
    items = f.array(
        f.obj(request, "", required=["indicators"])["indicators"],
        "indicators",
        1,
        rules.plan_max_indicators,
    )
    outcomes = [f.choice(v, f.join("indicators", i), codes) for i, v in enumerate(items)]
    return {"score": _s(moj2017.plan_score(rules, outcomes))}


def moj_annual(edition: Edition, request: dict[str, Any]) -> dict[str, Any]:
    """Annual score from the quarter mean and the plan score (p.32-33)."""
    rules = moj2017_rules(edition)
    f.obj(request, "", required=["quarters", "plan_score"], optional=["weights"])
    quarters = [
        f.integer(v, f.join("quarters", i), minimum=-10_000, maximum=10_000)
        for i, v in enumerate(f.array(request["quarters"], "quarters", 1, 4))
    ]
    plan = f.number(request["plan_score"], "plan_score", places=rules.plan_places)
    weights = None
    if request.get("weights") is not None:
        given = f.obj(request["weights"], "weights", required=["quarters", "plan"])
        weights = moj2017.Weights(
            quarters=f.number(given["quarters"], "weights.quarters", minimum=0, maximum=1),
            plan=f.number(given["plan"], "weights.plan", minimum=0, maximum=1),
        )
    result = moj2017.annual_result(rules, quarters, plan, weights)
    return {
        "quarter_mean": _s(result.quarter_mean),
        "quarter_points": result.quarter_points,
        "score": _s(result.score),
        "rating": result.rating.code,
    }


# --- every edition ------------------------------------------------------------------------------


def working_days(edition: Edition, request: dict[str, Any]) -> dict[str, Any]:
    """The n-th working day after a date (SPEC §3), optionally with extra transfers."""
    f.obj(request, "", required=["start", "days"], optional=["transfers"])
    start = f.date(request["start"], "start")
    days = f.integer(request["days"], "days")
    transfers = []
    for index, item in enumerate(f.array(request.get("transfers", []), "transfers")):
        where = f.join("transfers", index)
        f.obj(item, where, required=[], optional=["working_day", "day_off"])
        worked = item.get("working_day")
        off = item.get("day_off")
        if worked is None and off is None:
            raise MethodologyError(where, N_("a transfer names a working_day, a day_off or both"))
        transfers.append(
            Transfer(
                working_day=None
                if worked is None
                else f.date(worked, f.join(where, "working_day")),
                day_off=None if off is None else f.date(off, f.join(where, "day_off")),
            )
        )
    try:
        due = WorkCalendar(transfers).add_working_days(start, days)
    except CalendarError as error:
        raise MethodologyError(error.field, str(error)) from None
    note("working_days", "days", start=start, days=days, transfers=len(transfers), date=due)
    return {"date": due.isoformat()}


_STAFF_FORM = (
    "effective_communication",
    "ethics",
    "change_management",
    "result_orientation",
    "independence_and_decisions",
    "cooperation",
    "responsiveness",
    "self_development",
)
_SURVEY_EXAMPLE: dict[str, Any] = {
    "form": "staff",
    "responses": [
        {
            "role": role,
            "answers": {
                code: [max(1, min(5, base + shift)), max(1, min(5, base + shift)), base]
                for code, shift in zip(_STAFF_FORM, (0, 1, -1, 0, 1, -2, 0, -1), strict=True)
            },
        }
        for role, base in (("manager", 4), ("peer", 4), ("subordinate", 3), ("self", 5))
    ],
}

_COMMISSION_SUMMARY = (
    "Quorum and open vote of a commission session (p.30-34; moj p.7-9): members n (the secretary "
    "is not one; almaty-2018 has at least 5), present k, for + against = k, chair_vote null when "
    "the chair is absent. Quorate when 3k >= 2n; adopted when for > against, or on a tie when the "
    "chair voted for."
)

COMMON: Mapping[str, Method] = {
    "working_days": Method(
        "working_days",
        "The n-th working day after start (before it when n is negative), skipping weekends, "
        "public holidays and transferred days off; transferred working Saturdays count.",
        working_days,
        {"start": "2025-03-20", "days": 3},
    ),
}

BY_MODEL: Mapping[EvaluationModel, Mapping[str, Method]] = {
    EvaluationModel.SJC2023: {
        "kpi": Method(
            "kpi",
            "KPI sheet of a quarter (App. 2-3): percent per KPI (increase actual/plan, decrease "
            "plan/actual, binary 100/0), the allowed score range of App. 3, the score (given, or "
            "proposed as percent/20 cut to 2 decimals), the quarter score and rating.",
            sjc_kpi,
            {
                "kpis": [
                    {"direction": "increase", "plan": 40, "actual": 38.8},
                    {"direction": "decrease", "plan": "5", "actual": "4", "score": "5"},
                    {"direction": "binary", "actual": True},
                ]
            },
        ),
        "differentiation": Method(
            "differentiation",
            "Differentiation sheet (App. 4): four parameters scored in whole points 0-5; the mean.",
            sjc_differentiation,
            {"scores": {"quality": 5, "timeliness": 4, "initiative": 4, "discipline": 5}},
        ),
        "annual": Method(
            "annual",
            "Annual result (p.4): the mean of the quarters evaluated (null for a quarter without "
            "evaluation).",
            sjc_annual,
            {"quarters": ["4.25", "3.90", None, "4.60"]},
        ),
        "survey360": Method(
            "survey360",
            "360 report (App. 7/8): per competency the mean of the non-self answers, the overall "
            "mean, the self-assessment beside and the three lowest competencies. 3-7 respondents.",
            sjc_survey360,
            _SURVEY_EXAMPLE,
            shown='{"form": "staff", "responses": [{"role": "manager", "answers": '
            '{"effective_communication": [4, 4, 4], "ethics": [5, 5, 4], ... all 8 competencies '
            'of App. 6}}, {"role": "peer", ...}, {"role": "subordinate", ...}, {"role": "self", '
            "...}]}",
        ),
    },
    EvaluationModel.TYPICAL2018: {
        "kpi": Method(
            "kpi",
            "Annual KPI rating (p.18): 5 achieved excellent, 4 effective, 3 satisfactory, fewer "
            "unsatisfactory.",
            typical_kpi,
            {"achieved": [True, True, True, False, True]},
        ),
        "competency": Method(
            "competency",
            "Competency sheet (App. 3): for the position's tier of App. 4, each applicable "
            "competency meets expectations when at least 3/4 of its effective indicators were "
            'observed; lists the indicators not observed. An optional "app4_row" (top, '
            "unit_head, staff) is HR's explicit row for the position (T-8, T-9).",
            typical_competency,
            {
                "category": "D-4",
                "heads_unit": False,
                "provides_services": False,
                "observed": {"activity_management": [1, 2, 3], "cooperation": [1]},
            },
        ),
        "commission": Method(
            "commission",
            _COMMISSION_SUMMARY,
            commission,
            {"members": 6, "present": 4, "for": 2, "against": 2, "chair_vote": "for"},
        ),
        "deadlines": Method(
            "deadlines",
            "Due dates (p.9-p.43) for each date given: plan_due (10th working day after "
            "period_start), resubmit_due (2nd after returned), kpi_sheet_to_commission_due (2nd "
            "after superior_signed), competency_sheet_to_commission_due (2nd after "
            "direct_signed), notice_due (7th before evaluation), familiarisation_due (2nd after "
            "ended), appeal_due (10th after decision).",
            typical_deadlines,
            {
                "period_start": "2018-01-01",
                "superior_signed": "2018-12-14",
                "evaluation": "2018-12-21",
                "decision": "2018-12-21",
            },
        ),
    },
    EvaluationModel.MOJ2017: {
        "quarterly": Method(
            "quarterly",
            "Quarter score (p.26-27): 100 + bonus points (+1..+5 each, App. 2) - 2 per breach; "
            "<80 unsatisfactory, 80-105 satisfactory, 106-130 effective, >130 excellent.",
            moj_quarterly,
            {"bonus": [5, 3, 1], "violations": 1},
        ),
        "plan": Method(
            "plan",
            "Work-plan score (p.30): not_met 2, partially_met 3, met 4, exceeded 5; the mean.",
            moj_plan,
            {"indicators": ["met", "exceeded", "partially_met"]},
        ),
        "annual": Method(
            "annual",
            "Annual score (p.32-33): quarter mean -> points (<80: 2, 80-105: 3, >105-130: 4, "
            ">130: 5); score = w_q x points + w_p x plan score (default 0.5/0.5, optional "
            '"weights"), 1 decimal.',
            moj_annual,
            {"quarters": [104, 112, 98, 121], "plan_score": "4.33"},
        ),
        "commission": Method(
            "commission",
            _COMMISSION_SUMMARY,
            commission,
            {"members": 5, "present": 3, "for": 3, "against": 0, "chair_vote": "for"},
        ),
        "deadlines": Method(
            "deadlines",
            "Due dates for a year (required) and the keys given: plan_due (10 January, or the "
            "10th working day after appointed when later), annual_due (25 December: the "
            "session), quarter_due (the 10th of the month after the quarter; Q4: 10 December), "
            "notice_due (10 calendar days before evaluation), annual_computation_due (5th "
            "working day before session), familiarisation_due (2nd after ended), appeal_due "
            "(10th after decision).",
            moj_deadlines,
            {
                "year": 2017,
                "quarter": 4,
                "evaluation": "2017-12-08",
                "session": "2017-12-22",
                "decision": "2017-12-22",
            },
        ),
        "consequences": Method(
            "consequences",
            "What the last of consecutive annual ratings (oldest first) grounds (p.42-45): a "
            "bonus for effective or excellent; training and no mentoring for unsatisfactory; "
            "demotion grounds after two unsatisfactory years in a row (never automatic).",
            moj_consequences,
            {"annual": ["unsatisfactory", "unsatisfactory"]},
        ),
    },
}


def methods_for(edition: Edition) -> Mapping[str, Method]:
    """Every method an edition answers: its model's methods and the common ones."""
    return {**BY_MODEL[edition.model], **COMMON}
