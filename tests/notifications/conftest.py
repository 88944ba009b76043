"""Builders of the notifications tests: one open task of each kind on the `world`, with the dates
of its reminder and of its overdue notice, and the people who must act.

Most due dates sit right after the Nauryz holidays of 2026 (Saturday 21 to Wednesday 25 March
are not worked): a task due Thursday 26 March is reminded on Thursday 19 March (2 working days
before) and is overdue from Friday 27 March.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal as D
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from bagalau.calibration.models import ApplicationStatus, FeedbackMeeting, SessionStatus
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Method
from bagalau.evaluations.services.common import kpi_results_sync
from bagalau.notifications.models import Notification
from bagalau.plans.models import PlanStatus, WorkPlan
from tests.evaluations.test_sheets_cases import a_head_plan, quarter
from tests.factories import (
    CalibrationApplicationFactory,
    CalibrationSessionFactory,
    EvaluationFactory,
    WorkPlanFactory,
)

AFTER_NAURYZ = dt.date(2026, 3, 26)  # Thursday: 21-25 March are not worked
BEFORE_NAURYZ = dt.date(2026, 3, 19)  # 2 working days before 26 March
NEXT_DAY = dt.date(2026, 3, 27)  # the first working day after 26 March
SCORE = D("3.87")
#: What must never show where HR staff or a notification could read it.
RESULT_TEXTS = ("3.87", "3,87", "4.63", "4,63", "proper", "effective")


def aware(day: dt.date, hour: int = 10) -> dt.datetime:
    """A Kazakhstan time on `day`."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def mine(kind_prefix: str = "", user: Any = None) -> list[tuple[str, str]]:
    """(username, kind) of the reminders and overdue notices, sorted."""
    queryset = Notification.objects.filter(dedupe_key__regex=r"^(remind|overdue):").select_related(
        "recipient"
    )
    if kind_prefix:
        queryset = queryset.filter(kind__startswith=kind_prefix)
    if user is not None:
        queryset = queryset.filter(recipient=user)
    return sorted((n.recipient.username, n.kind) for n in queryset)


def client_for(world: Any, who: str, *, language: str = "en") -> Client:
    """A client logged in as `who` of the world ("anonymous": nobody)."""
    client = Client()
    client.cookies["bagalau_language"] = language
    if who != "anonymous":
        client.force_login(getattr(world, f"{who}_user"))
    return client


# --- one task of each kind ------------------------------------------------------------------------


def plan(world: Any, status: str, **values: Any) -> WorkPlan:
    """b_head's 2026 work plan (evaluator and approver: the head of the apparatus, as the
    structure gives for a department head) in `status`; the KPIs due 26 March."""
    defaults: dict[str, Any] = {
        "servant": world.b_head,
        "assignment": world.b_head_assignment,
        "evaluator": world.deputy,
        "approver": world.head,
        "status": status,
        "draft_due": AFTER_NAURYZ,
    }
    defaults.update(values)
    return WorkPlanFactory(**defaults)


def sheet(world: Any, **values: Any) -> Evaluation:
    """a_staff1's Q1 differentiation sheet, pending with a_head, due Friday 10 April 2026."""
    defaults: dict[str, Any] = {
        "period": quarter(world, 1),
        "servant": world.a_staff1,
        "assignment": world.a_staff1_assignment,
        "method": Method.DIFFERENTIATION,
        "evaluator": world.a_head,
    }
    defaults.update(values)
    return EvaluationFactory(**defaults)


def kpi_sheet(world: Any) -> Evaluation:
    """a_head's Q1 KPI sheet (deadline 10 April): HR's actual values are due Friday 3 April."""
    a_head_plan(world)
    evaluation = EvaluationFactory(
        period=quarter(world, 1),
        servant=world.a_head,
        assignment=world.a_head_assignment,
        method=Method.KPI,
        evaluator=world.deputy,
    )
    kpi_results_sync(evaluation=evaluation)
    return evaluation


def signed(world: Any, **values: Any) -> Evaluation:
    """a_staff2's signed Q1 result (3.87, proper), to acknowledge by 26 March; signed on 18
    March."""
    defaults: dict[str, Any] = {
        "period": quarter(world, 1),
        "servant": world.a_staff2,
        "assignment": world.a_staff2_assignment,
        "method": Method.DIFFERENTIATION,
        "evaluator": world.a_head,
        "status": EvaluationStatus.SIGNED,
        "score": SCORE,
        "rating": "proper",
        "signed_by": world.a_head_user,
        "signed_at": aware(dt.date(2026, 3, 18)),
        "familiarisation_due": AFTER_NAURYZ,
    }
    defaults.update(values)
    return EvaluationFactory(**defaults)


def application(world: Any, **values: Any):
    """b_staff1's calibration application (Q1, evaluator b_head, score 3.87) submitted on 18
    March: the head of the apparatus decides by 26 March."""
    evaluation = EvaluationFactory(
        period=quarter(world, 1),
        servant=world.b_staff1,
        assignment=world.b_staff1_assignment,
        method=Method.DIFFERENTIATION,
        evaluator=world.b_head,
        status=EvaluationStatus.CALIBRATION,
        score=SCORE,
        rating="proper",
        signed_at=aware(dt.date(2026, 3, 10)),
    )
    defaults: dict[str, Any] = {
        "evaluation": evaluation,
        "submitted_by": world.b_staff1_user,
        "submitted_on": dt.date(2026, 3, 18),
        "decision_due": AFTER_NAURYZ,
        "session_due": dt.date(2026, 4, 2),
    }
    defaults.update(values)
    return CalibrationApplicationFactory(**defaults)


def session(world: Any, **values: Any):
    """The session on b_staff1's application, Thursday 26 March 10:00, with deputy, a_head and
    a_staff1 voting; the evaluator b_head presents. Decided on 16 March."""
    defaults: dict[str, Any] = {
        "application": application(
            world, status=ApplicationStatus.ACCEPTED, decided_at=aware(dt.date(2026, 3, 16))
        ),
        "scheduled_for": aware(AFTER_NAURYZ),
        "participants": [world.deputy_user, world.a_head_user, world.a_staff1_user],
    }
    defaults.update(values)
    return CalibrationSessionFactory(**defaults)


def signed_protocol(world: Any, signed_on: dt.date, **values: Any):
    """A session whose protocol was signed on `signed_on`, posting due 3 working days later."""
    from bagalau.org.selectors import work_calendar

    defaults: dict[str, Any] = {
        "status": SessionStatus.SIGNED,
        "final_score": D("4.63"),
        "protocol_signed_at": aware(signed_on),
        "protocol_posting_due": work_calendar().add_working_days(signed_on, 3),
    }
    defaults.update(values)
    return session(world, **defaults)


@dataclass
class Case:
    """A task of one kind: how to build it, when its reminder and overdue notice go, to whom, and
    how to finish it."""

    kind: str
    build: Callable[[Any], Any]
    due: dt.date
    remind_on: dt.date
    overdue_on: dt.date | None
    recipients: tuple[str, ...]
    finish: Callable[[Any, Any], None]
    extra: dict[str, Any] = field(default_factory=dict)


def _set(**values: Any) -> Callable[[Any, Any], None]:
    def apply(world: Any, obj: Any) -> None:
        for name, value in values.items():
            setattr(obj, name, value)
        obj.save()

    return apply


def _fill_actuals(world: Any, evaluation: Evaluation) -> None:
    from bagalau.evaluations.services.sheets import kpi_actuals_save

    values = {
        row.pk: (True if row.kpi.direction == "binary" else D("10"))
        for row in evaluation.kpi_results.select_related("kpi")
    }
    kpi_actuals_save(
        actor=world.hr_staff_user, evaluation_id=evaluation.pk, version=1, values=values
    )


def _feedback(world: Any, obj: Any) -> None:
    FeedbackMeeting.objects.create(
        session=obj,
        held_on=dt.date(2026, 3, 20),
        achievements="Жетістіктер",
        skills="Дағдылар",
        potential="Әлеует",
        recorded_by=world.b_head_user,
    )


CASES = [
    # The brief's example: KPIs due Monday 19 January 2026 are reminded on Thursday 15 January
    # (17-18 January are a weekend).
    Case(
        "plan_draft",
        lambda w: plan(w, PlanStatus.DRAFT, draft_due=dt.date(2026, 1, 19)),
        dt.date(2026, 1, 19),
        dt.date(2026, 1, 15),
        dt.date(2026, 1, 20),
        ("deputy",),
        _set(status=PlanStatus.SENT_TO_HR, draft_due=dt.date(2026, 1, 19)),
    ),
    Case(
        "plan_agree",
        lambda w: plan(w, PlanStatus.SENT_TO_HR),
        AFTER_NAURYZ,
        BEFORE_NAURYZ,
        NEXT_DAY,
        ("hr_head", "hr_staff"),
        _set(status=PlanStatus.HR_AGREED),
    ),
    Case(
        "plan_approve",
        lambda w: plan(w, PlanStatus.SUBMITTED),
        AFTER_NAURYZ,
        BEFORE_NAURYZ,
        NEXT_DAY,
        ("head",),
        _set(status=PlanStatus.APPROVED, posting_due=None),
    ),
    Case(
        "plan_post",
        lambda w: plan(
            w,
            PlanStatus.APPROVED,
            approved_at=aware(dt.date(2026, 3, 18)),
            posting_due=AFTER_NAURYZ,
        ),
        AFTER_NAURYZ,
        BEFORE_NAURYZ,
        NEXT_DAY,
        ("hr_head", "hr_staff"),
        _set(status=PlanStatus.POSTED),
    ),
    # HR's actual values: 5 working days before the deadline of 10 April = Friday 3 April,
    # reminded on Wednesday 1 April, overdue from Monday 6 April. HR staff enter them.
    Case(
        "actuals",
        kpi_sheet,
        dt.date(2026, 4, 3),
        dt.date(2026, 4, 1),
        dt.date(2026, 4, 6),
        ("hr_staff",),
        _fill_actuals,
    ),
    # The brief's example: a sheet due Friday 10 April is reminded on Wednesday 8 April; the
    # weekend after it is not worked, so the notice goes on Monday 13 April.
    Case(
        "sheet",
        sheet,
        dt.date(2026, 4, 10),
        dt.date(2026, 4, 8),
        dt.date(2026, 4, 13),
        ("a_head",),
        _set(status=EvaluationStatus.SIGNED, familiarisation_due=None),
    ),
    # A reminder only: the day after the last day, a result not acknowledged counts as made known
    # through the information system (seed 002 p.11; tick's familiarisation job runs before the
    # reminders), so nothing is overdue and there is no refusal act to draw up.
    Case(
        "acknowledge",
        signed,
        AFTER_NAURYZ,
        BEFORE_NAURYZ,
        None,
        ("a_staff2",),
        _set(status=EvaluationStatus.ACKNOWLEDGED),
    ),
    Case(
        "decision",
        application,
        AFTER_NAURYZ,
        BEFORE_NAURYZ,
        NEXT_DAY,
        ("head",),
        _set(status=ApplicationStatus.ACCEPTED),
    ),
    # Participants (and the evaluator who presents) the working day before the session: Friday
    # 20 March for Thursday 26 March; no overdue notice.
    Case(
        "session",
        session,
        AFTER_NAURYZ,
        dt.date(2026, 3, 20),
        None,
        ("a_head", "a_staff1", "b_head", "deputy"),
        _set(status=SessionStatus.DECIDED),
    ),
    # Signed on Wednesday 18 March: posting due 26 March (3 working days).
    Case(
        "protocol_post",
        lambda w: signed_protocol(w, dt.date(2026, 3, 18)),
        AFTER_NAURYZ,
        BEFORE_NAURYZ,
        NEXT_DAY,
        ("hr_head", "hr_staff"),
        _set(protocol_posted_at=aware(dt.date(2026, 3, 19)), status=SessionStatus.POSTED),
    ),
    # Signed on Tuesday 17 March: the feedback meeting is due 5 working days later, Friday 27
    # March, reminded on Friday 20 March, overdue from Monday 30 March.
    Case(
        "feedback",
        lambda w: signed_protocol(
            w,
            dt.date(2026, 3, 17),
            protocol_posted_at=aware(dt.date(2026, 3, 18)),
            status=SessionStatus.POSTED,
        ),
        dt.date(2026, 3, 27),
        dt.date(2026, 3, 20),
        dt.date(2026, 3, 30),
        ("b_head",),
        _feedback,
    ),
]


@pytest.fixture(params=CASES, ids=lambda case: case.kind)
def case(request) -> Case:
    """Each kind of task in turn."""
    return request.param
