"""A moj-2017 year on the `world` (tests/world.py), step by step through the services, shared by
the moj fixtures (tests/moj/conftest.py, tests/moj/test_annual_sheet.py), the year chain
(tests/moj/test_year_chain.py) and the browser walk (tests/e2e/test_moj_year_walk.py).

- `under_moj`: the organisation evaluates under moj-2017 from `in_force`, every assignment
  started on 1 January 2016;
- `year_opened`: the 2017 schedule with its four quarters and the year, every period opened,
  b_staff1's plan (App. 1) filed;
- `commission_formed`: order № 1 of 01.08.2017: chair deputy, members a_head, b_head, hr_head,
  secretary hr_staff;
- `quarter_closed`: b_staff1's App. 3 sheet of a quarter agreed by b_head and signed.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from bagalau.commission import services as commission
from bagalau.evaluations.models import Evaluation, EvaluationStatus
from bagalau.moj.services.discipline import discipline_record_create
from bagalau.moj.services.quarter_sheet import (
    quarter_sheet_agree,
    quarter_sheet_open,
    quarter_sheet_sign,
)
from bagalau.moj.services.schedule import moj_period_open, moj_schedule_draft
from bagalau.moj.services.work_plan import work_plan_create, work_plan_sign
from bagalau.org.models import Assignment, EditionAssignment

IN_FORCE = dt.date(2017, 7, 24)
FORMED = dt.date(2017, 8, 1)
PLAN = [
    {"name": "Draft 3 bills", "expected_result": "3 bills sent", "measurable": True},
    {"name": "Train 20 staff", "expected_result": "20 trained", "measurable": True},
    {"name": "Advise the units", "expected_result": "Advice given", "measurable": False},
]


def under_moj(w: SimpleNamespace, in_force: dt.date = IN_FORCE) -> SimpleNamespace:
    """The world's organisation under moj-2017 from `in_force` (EDITIONS.md §5)."""
    EditionAssignment.objects.filter(organisation=w.org).delete()
    EditionAssignment.objects.create(organisation=w.org, edition="moj-2017", valid_from=in_force)
    Assignment.objects.filter(servant__organisation=w.org).update(start=dt.date(2016, 1, 1))
    return w


def year_opened(w: SimpleNamespace, plan: list[dict[str, object]] = PLAN) -> SimpleNamespace:
    """2017 under moj-2017 all year (the organisation's own dates), the schedule with its four
    quarters and the year, every period opened; b_staff1's plan signed by both and filed
    (seed 001 p.3, p.28-29)."""
    EditionAssignment.objects.filter(organisation=w.org).update(valid_from=dt.date(2017, 1, 1))
    schedule = moj_schedule_draft(actor=w.hr_staff_user, organisation=w.org, year=2017)
    for period in schedule.periods.all():
        moj_period_open(actor=w.hr_staff_user, period_id=period.pk)
    made = work_plan_create(
        actor=w.b_staff1_user, servant_id=w.b_staff1.pk, year=2017, indicators=plan
    )
    work_plan_sign(actor=w.b_staff1_user, plan_id=made.pk)
    work_plan_sign(actor=w.b_head_user, plan_id=made.pk)
    w.schedule, w.plan = schedule, made
    return w


def commission_formed(w: SimpleNamespace) -> SimpleNamespace:
    """The forming order № 1 of 01.08.2017 (seed 001 p.34): four voting members (quorum 3)."""
    w.version = commission.commission_form(
        actor=w.hr_staff_user,
        organisation_id=w.org.pk,
        order_number="1",
        order_date=FORMED,
        signatory_id=w.head.pk,
        seats=[
            (w.deputy.pk, "chair"),
            (w.a_head.pk, "member"),
            (w.b_head.pk, "member"),
            (w.hr_head.pk, "member"),
            (w.hr_staff.pk, "secretary"),
        ],
    )
    return w


def quarter_of(w: SimpleNamespace, number: int) -> Evaluation:
    """b_staff1's evaluation of quarter `number` of 2017."""
    return Evaluation.objects.get(
        period__schedule=w.schedule, period__number=number, servant=w.b_staff1
    )


def quarter_closed(
    w: SimpleNamespace, number: int, code: str, *, breach_day: dt.date | None = None
) -> Evaluation:
    """b_staff1's App. 3 sheet of quarter `number`: one activity `code` on the quarter's 21st
    day agreed by b_head with the labour breach of `breach_day` if given, signed (p.23-25); the
    evaluation is before the commission."""
    evaluation = quarter_of(w, number)
    sheet = quarter_sheet_open(actor=w.b_head_user, evaluation_id=evaluation.pk)
    day = evaluation.period.starts + dt.timedelta(days=20)
    breaches = []
    if breach_day is not None:
        breaches.append(
            discipline_record_create(
                actor=w.b_head_user,
                servant_id=w.b_staff1.pk,
                kind="labour",
                source="direct_manager",
                day=breach_day,
                evidence="Late 40 min",
            ).pk
        )
    quarter_sheet_agree(
        actor=w.b_head_user,
        sheet_id=sheet.pk,
        items=[{"code": code, "date": day, "evidence": "Order No. 12"}],
        breach_ids=breaches,
    )
    quarter_sheet_sign(actor=w.b_staff1_user, sheet_id=sheet.pk)
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.BEFORE_COMMISSION
    return evaluation
