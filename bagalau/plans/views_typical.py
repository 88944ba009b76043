"""The typical-2018 parts of the plan page (seed 004 p.9-16): the signatures, the deadlines shown
"late by N working days" (EDITIONS.md §9 G-1), and the direct manager's quarterly written
recommendations (p.16)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from bagalau.core import clock
from bagalau.plans.forms import RecommendationForm
from bagalau.plans.models import WorkPlan
from bagalau.plans.typical_selectors import plan_recommendations, typical_deadlines


def typical_context(
    request: HttpRequest, plan: WorkPlan, actions: frozenset[str], **extra: Any
) -> dict[str, Any]:
    """What the plan page shows of a typical-2018 plan (nothing for an sjc-2023 plan)."""
    if not plan.is_typical:
        return {"typical": False}
    form = extra.get("recommendation_form")
    if form is None and "recommend" in actions:
        form = RecommendationForm(initial={"quarter": _current_quarter(plan)})
    return {
        "typical": True,
        "deadlines": typical_deadlines(plan, clock.today()),
        "recommendations": plan_recommendations(plan),
        "recommendation_form": form if "recommend" in actions else None,
    }


def _current_quarter(plan: WorkPlan) -> int:
    today = clock.today()
    if today.year != plan.year:
        return 4 if today.year > plan.year else 1
    return (today.month - 1) // 3 + 1
