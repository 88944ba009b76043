"""The direct manager's quarterly written recommendations on an approved typical-2018 plan (seed
004 p.16; EDITIONS.md §2.2 C1, §9 T-18): each quarter, free text on reaching the KPIs and the
measures needed. One per quarter, rewritten in place (the audit keeps the earlier text); the
servant is told and sees it, HR sees it on the plan page. Never blocking, back-dating allowed
(§9 G-1): the note bears the date it was written, not in the future and not before its quarter
began.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import bounds, clock
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.plans.common import lock_for, tell
from bagalau.plans.models import PlanRecommendation

if TYPE_CHECKING:
    from bagalau.core.types import User

QUARTERS = (1, 2, 3, 4)


def quarter_start(year: int, quarter: int) -> dt.date:
    """The first day of a quarter of the calendar year (the evaluation period, §9 T-1)."""
    return dt.date(year, 3 * (quarter - 1) + 1, 1)


def plan_recommendation_write(
    *, actor: User, plan_id: int, quarter: int, text: str, on: dt.date | None = None
) -> PlanRecommendation:
    """The direct manager writes (or rewrites) the recommendation of `quarter` (p.16)."""
    with transaction.atomic():
        plan = lock_for(actor, plan_id, "recommend")
        if quarter not in QUARTERS:
            raise DomainError("quarter", N_("Choose a quarter from 1 to 4."))
        body = (text or "").strip()
        if not body:
            raise DomainError(
                "text", N_("Write the recommendation on reaching the KPIs and the measures needed.")
            )
        if len(body) > bounds.LONG_TEXT:
            raise DomainError(
                "text", N_("At most %(max)s characters, please."), max=bounds.LONG_TEXT
            )
        day = on or clock.today()
        begins = quarter_start(plan.year, quarter)
        if day > clock.today():
            raise DomainError("on", N_("The date cannot be in the future."))
        if day < begins:
            raise DomainError(
                "on",
                N_("The recommendation of quarter %(quarter)s is written from %(day)s on."),
                quarter=quarter,
                day=day_text(begins),
            )
        note = PlanRecommendation.objects.select_for_update().filter(plan=plan, quarter=quarter)
        existing = note.first()
        before = (existing.text, existing.written_on) if existing else (None, None)
        if existing is None:
            existing = PlanRecommendation.objects.create(
                plan=plan, quarter=quarter, text=body, author=account(actor), written_on=day
            )
        else:
            existing.text, existing.written_on, existing.author = body, day, account(actor)
            existing.save(update_fields=["text", "written_on", "author", "updated_at"])
        audit_log(
            actor=actor,
            action="recommend",
            obj=plan,
            summary=f"{plan}: Q{quarter}",
            changes={
                f"recommendations[{quarter}].text": (before[0], body),
                f"recommendations[{quarter}].written_on": (before[1], day),
            },
        )
        tell(
            actor,
            plan.servant,
            "plan_recommendation",
            plan,
            key=f":q{quarter}:{day.isoformat()}",
            quarter=quarter,
        )
    return existing
