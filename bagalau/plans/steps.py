"""One entry for the workflow steps of both plan models, for the pages and the API: the action
names are those of PLAN_FLOW (sjc-2023) and TYPICAL_PLAN_FLOW (typical-2018); the service of
each is the one that enforces its rules. A typical-2018 step takes the date its document bears
(`on`, back-dated entry, EDITIONS.md §9 G-1); sjc-2023 steps are dated today."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.http import Http404

from bagalau.plans.models import WorkPlan
from bagalau.plans.services import RETURN_SERVICES, TRANSITION_SERVICES
from bagalau.plans.typical import TYPICAL_RETURN_SERVICES, TYPICAL_SERVICES

if TYPE_CHECKING:
    from bagalau.core.types import User

#: Every step a page or the API may ask for by name.
STEP_NAMES = frozenset(
    {*TRANSITION_SERVICES, *RETURN_SERVICES, *TYPICAL_SERVICES, *TYPICAL_RETURN_SERVICES}
)
#: The steps that need a comment (the reason for a return).
COMMENTED = frozenset({*RETURN_SERVICES, *TYPICAL_RETURN_SERVICES})


def plan_step(
    *,
    actor: User,
    plan_id: int,
    action: str,
    version: int,
    comment: str = "",
    on: dt.date | None = None,
) -> WorkPlan:
    """Run the workflow step `action` on the plan (Http404 for an unknown step name; the service
    refuses what the plan's table or the actor's part does not allow)."""
    if action in TYPICAL_RETURN_SERVICES:
        return TYPICAL_RETURN_SERVICES[action](
            actor=actor, plan_id=plan_id, version=version, comment=comment, on=on
        )
    if action in TYPICAL_SERVICES:
        return TYPICAL_SERVICES[action](actor=actor, plan_id=plan_id, version=version, on=on)
    if action in RETURN_SERVICES:
        return RETURN_SERVICES[action](
            actor=actor, plan_id=plan_id, version=version, comment=comment
        )
    if action in TRANSITION_SERVICES:
        return TRANSITION_SERVICES[action](actor=actor, plan_id=plan_id, version=version)
    raise Http404("No such action.")
