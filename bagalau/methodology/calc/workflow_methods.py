"""The calculator's workflow methods of the earlier editions (EDITIONS.md §13): ``commission``,
``deadlines`` and moj-2017 ``consequences``. They call the same functions as the web workflows, so
the calculator and the application never disagree."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bagalau.methodology import moj2017_workflow, typical2018_workflow
from bagalau.methodology.calc import fields as f
from bagalau.methodology.commission import check_members, commission_vote
from bagalau.methodology.editions import (
    Edition,
    edition_workflow,
    moj2017_rules,
    typical2018_rules,
)
from bagalau.workcalendar import FIRST_YEAR, LAST_YEAR, WorkCalendar


def commission(edition: Edition, request: dict[str, Any]) -> dict[str, Any]:
    """Quorum and the open vote of a session (004 p.5, p.30-34; 001 p.7-9)."""
    workflow = edition_workflow(edition)
    f.obj(request, "", required=["members", "present", "for", "against", "chair_vote"])
    members = f.integer(request["members"], "members", minimum=1)
    check_members(members, workflow.min_members.value)
    result = commission_vote(
        members=members,
        present=f.integer(request["present"], "present", minimum=0),
        votes_for=f.integer(request["for"], "for", minimum=0),
        votes_against=f.integer(request["against"], "against", minimum=0),
        chair_vote=request["chair_vote"],
        quorum=workflow.quorum.value,
        minimum=workflow.min_members.value,
    )
    return {"quorate": result.quorate, "adopted": result.adopted}


def _dates(request: dict[str, Any], keys: list[str]) -> dict[str, dt.date]:
    return {key: f.date(request[key], key) for key in keys if key in request}


def typical_deadlines(edition: Edition, request: dict[str, Any]) -> dict[str, Any]:
    """Due dates of the typical-2018 workflow from the dates given (p.9-p.43)."""
    rules = typical2018_rules(edition)
    keys = [key for _, key, _ in typical2018_workflow.DEADLINES]
    f.obj(request, "", required=[], optional=keys)
    result = typical2018_workflow.deadlines(rules, WorkCalendar(), _dates(request, keys))
    return {name: day.isoformat() for name, day in result.items()}


MOJ_DATES = ["appointed", "evaluation", "session", "ended", "decision"]


def moj_deadlines(edition: Edition, request: dict[str, Any]) -> dict[str, Any]:
    """Due dates of the moj-2017 workflow for a year, a quarter and the dates given (p.3-p.38)."""
    rules = moj2017_rules(edition)
    f.obj(request, "", required=["year"], optional=["quarter", *MOJ_DATES])
    year = f.integer(request["year"], "year", minimum=FIRST_YEAR, maximum=LAST_YEAR)
    quarter = None
    if "quarter" in request:
        quarter = f.integer(request["quarter"], "quarter", minimum=1, maximum=4)
    result = moj2017_workflow.deadlines(
        rules, WorkCalendar(), year, quarter, _dates(request, MOJ_DATES)
    )
    return {name: day.isoformat() for name, day in result.items()}


def moj_consequences(edition: Edition, request: dict[str, Any]) -> dict[str, Any]:
    """What the last of consecutive annual ratings grounds (p.42-45)."""
    rules = moj2017_rules(edition)
    items = f.array(f.obj(request, "", required=["annual"])["annual"], "annual", 1)
    codes = [band.code for band in rules.annual_rating.bands]
    ratings = [f.choice(value, f.join("annual", i), codes) for i, value in enumerate(items)]
    result = moj2017_workflow.consequences(rules, ratings)
    return {
        "bonus": result.bonus,
        "mentor_allowed": result.mentor_allowed,
        "training": result.training,
        "demotion_grounds": result.demotion_grounds,
    }
