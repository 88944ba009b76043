"""The permission matrices' cast and stages (shared by the page and API tests).

Participants here are deputy, b_staff1 and extra0, so that b_head is another unit's manager who
takes no part; a_staff2 is a servant of the same unit who takes no part.
"""

from __future__ import annotations

import datetime as dt

from tests.calibration.conftest import Flow, add_servants

PERSONAS = (
    "anonymous",
    "outsider",
    "evaluatee",
    "evaluator",
    "participant",
    "non_participant",
    "other_manager",
    "hr_staff",
    "hr_head",
    "apparatus_head",
)
# Who follows the workflow before and after the participants are approved, and who sees results.
APPLIED = {"evaluatee", "evaluator", "hr_staff", "hr_head", "apparatus_head"}
WORKFLOW = APPLIED | {"participant"}
RESULTS = {"evaluatee", "evaluator", "participant", "hr_head"}
SEES_EVALUATION = {"evaluator", "hr_head"}  # besides the evaluatee, before any session


def user_of(world, persona: str):
    """The user playing `persona` (None for anonymous)."""
    return {
        "anonymous": None,
        "outsider": world.outsider_user,
        "evaluatee": world.a_staff1_user,
        "evaluator": world.a_head_user,
        "participant": world.b_staff1_user,
        "non_participant": world.a_staff2_user,
        "other_manager": world.b_head_user,
        "hr_staff": world.hr_staff_user,
        "hr_head": world.hr_head_user,
        "apparatus_head": world.head_user,
    }[persona]


def build(world, clock, stage: str) -> Flow:
    """A case brought to `stage`, the clock set for the next step."""
    flow = Flow(world, clock)
    flow.participants = [world.deputy_user, world.b_staff1_user, *add_servants(world, 1)]

    def quorum() -> None:
        """Presented; two of the three participants voted (not b_staff1, the persona)."""
        flow.present()
        for user in (flow.participants[0], flow.participants[2]):
            flow.vote(user, "raise", "4.20")

    steps = {
        "acknowledged": lambda: None,
        "applied": flow.apply,
        "scheduled": flow.schedule,
        "presented": flow.present,
        "quorum": quorum,
        "decided": flow.decide,
        "signed": flow.sign,
        "appealed": flow.appeal,
    }
    steps[stage]()
    next_day = {
        "acknowledged": dt.date(2026, 4, 14),
        "applied": dt.date(2026, 4, 15),
        "scheduled": dt.date(2026, 4, 21),
        "presented": dt.date(2026, 4, 21),
        "quorum": dt.date(2026, 4, 21),
        "decided": dt.date(2026, 4, 22),
        "signed": dt.date(2026, 4, 22),
        "appealed": dt.date(2026, 4, 28),
    }[stage]
    clock(next_day, 11)
    return flow


def expected(persona: str, allowed: set[str], visible: set[str], ok: int, anonymous: int) -> int:
    """The status code a persona gets: `ok` when allowed, 403 when it may see but not act, 404
    when it may not even see, `anonymous` when not logged in."""
    if persona == "anonymous":
        return anonymous
    if persona in allowed:
        return ok
    return 403 if persona in visible else 404
