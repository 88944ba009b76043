"""A typical-2018 commission on the `world` (tests/world.py), under almaty-2018 from 08.05.2018.

Members (5, the almaty-2018 minimum): deputy (chair), a_head, b_head, hr_head, b_staff1;
secretary hr_staff (HR). Forming order № 1 of 10.01.2019, signed by the head of the apparatus.
Before the commission: a_staff1 (3 KPIs of 5 achieved, "satisfactory") and a_staff2 (4,
"effective"), the annual evaluations of 2019.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from bagalau.commission import services
from bagalau.evaluations.models import EvaluationStatus, Method, PeriodKind
from tests.factories import (
    EditionAssignmentFactory,
    EvaluationFactory,
    OrganisationFactory,
    PeriodFactory,
    RoleAssignmentFactory,
    ScheduleFactory,
    ServantFactory,
    UserFactory,
)

FORMED = dt.date(2019, 1, 10)
SESSION_DAY = dt.date(2020, 1, 20)


def seats_of(
    world, chair="deputy", members=("a_head", "b_head", "hr_head", "b_staff1"), secretary="hr_staff"
):
    """The seats as the services take them: (servant id, role)."""
    seats = [(getattr(world, chair).pk, "chair")]
    seats += [(getattr(world, name).pk, "member") for name in members]
    seats.append((getattr(world, secretary).pk, "secretary"))
    return seats


def form(world, **overrides):
    """Record the forming order (by HR)."""
    values = {
        "actor": world.hr_staff_user,
        "organisation_id": world.org.pk,
        "order_number": "1",
        "order_date": FORMED,
        "signatory_id": world.head.pk,
        "seats": seats_of(world),
    }
    values.update(overrides)
    return services.commission_form(**values)


def before_commission(world, servant_key: str, score: int, rating: str):
    """An annual 2019 typical-2018 evaluation before the commission."""
    servant = getattr(world, servant_key)
    return EvaluationFactory(
        period=world.period,
        servant=servant,
        assignment=getattr(world, f"{servant_key}_assignment"),
        evaluator=world.a_head,
        method=Method.KPI_COMPETENCY,
        edition="almaty-2018",
        status=EvaluationStatus.BEFORE_COMMISSION,
        score=D(score),
        rating=rating,
    )


def schedule(world, day=SESSION_DAY, evaluations=None, **overrides):
    """Schedule a session (by HR) with both evaluations on the agenda."""
    values = {
        "actor": world.hr_staff_user,
        "organisation_id": world.org.pk,
        "date": day,
        "chair_agreed_on": day - dt.timedelta(days=7),
        "place": "Зал 1",
        "evaluation_ids": [e.pk for e in (evaluations or (world.eval1, world.eval2))],
    }
    values.update(overrides)
    return services.session_schedule(**values)


def attend(world, session, names):
    """HR records who was present."""
    return services.session_record_attendance(
        actor=world.hr_staff_user,
        session_id=session.pk,
        present_servant_ids=[getattr(world, n).pk for n in names],
    )


ALL_PRESENT = ("deputy", "a_head", "b_head", "hr_head", "b_staff1", "hr_staff")


def vote(world, motion, **choices):
    """HR records the open vote: servant key -> "for" / "against"."""
    return services.motion_vote(
        actor=world.hr_staff_user,
        motion_id=motion.pk,
        votes={getattr(world, k).pk: v for k, v in choices.items()},
    )


def all_for(world, motion, voters=ALL_PRESENT[:5]):
    return vote(world, motion, **dict.fromkeys(voters, "for"))


def extra_servants(world, count: int) -> list:
    """`count` more servants of the organisation, with a login."""
    made = []
    for number in range(count):
        user = UserFactory(username=f"extra{number}")
        made.append(ServantFactory(organisation=world.org, user=user, last_name=f"Қосымша{number}"))
    return made


@pytest.fixture
def case(world):
    """The world under almaty-2018, with the 2019 annual evaluations of a_staff1 and a_staff2."""
    EditionAssignmentFactory(
        organisation=world.org, edition="almaty-2018", valid_from=dt.date(2018, 5, 8)
    )
    world.org.refresh_from_db()
    schedule_ = ScheduleFactory(
        organisation=world.org, year=2019, edition="almaty-2018", drafted_by=world.hr_staff_user
    )
    world.period = PeriodFactory(
        schedule=schedule_,
        kind=PeriodKind.ANNUAL,
        number=None,
        starts=dt.date(2019, 1, 1),
        ends=dt.date(2019, 12, 31),
        deadline=dt.date(2020, 1, 31),
    )
    world.eval1 = before_commission(world, "a_staff1", 3, "satisfactory")
    world.eval2 = before_commission(world, "a_staff2", 4, "effective")
    other = OrganisationFactory()
    world.other_hr_user = UserFactory(username="other_hr")
    RoleAssignmentFactory(user=world.other_hr_user, organisation=other, role="hr")
    world.other_org = other
    return world


@pytest.fixture
def formed(case):
    """The commission formed."""
    case.version = form(case)
    return case


@pytest.fixture
def held(formed):
    """A session held on 20.01.2020 with everyone present."""
    formed.session = schedule(formed)
    attend(formed, formed.session, ALL_PRESENT)
    formed.session.refresh_from_db()
    return formed


#: After the commission (test_results*): a session on Thursday 5 March 2020, approved on Friday
#: 6 March; 9 March is off (8 March moved), so familiarisation is due on 11 March (2 WD) and
#: the appeal on 20 March (10 WD after the session).
DAY = dt.date(2020, 3, 5)
APPROVED = dt.date(2020, 3, 6)
FAMILIARISATION_DUE = dt.date(2020, 3, 11)
APPEAL_DUE = dt.date(2020, 3, 20)


def decide_and_approve(world, evaluations, day=DAY, approved_on=APPROVED, kind="approve"):
    """A session on `day` deciding `evaluations`, signed and approved on `approved_on`."""
    session = schedule(world, day=day, evaluations=evaluations)
    attend(world, session, ALL_PRESENT)
    for evaluation in evaluations:
        values = {"revised_kpi_achieved": 4, "reason": "Қайта қаралды"} if kind == "revise" else {}
        motion = services.motion_put(
            actor=world.hr_staff_user,
            session_id=session.pk,
            evaluation_id=evaluation.pk,
            kind=kind,
            **values,
        )
        all_for(world, motion)
    for name in ALL_PRESENT:
        services.protocol_sign(
            actor=getattr(world, f"{name}_user"), session_id=session.pk, signed_on=day
        )
    services.session_approve(actor=world.head_user, session_id=session.pk, approved_on=approved_on)
    for evaluation in evaluations:
        evaluation.refresh_from_db()
    return session


@pytest.fixture
def approved(formed):
    """Both 2019 results decided on 05.03.2020 and approved on 06.03.2020."""
    formed.session = decide_and_approve(formed, [formed.eval1, formed.eval2])
    return formed


def counts() -> SimpleNamespace:
    """Row counts of the app's tables, to show nothing was written."""
    from bagalau.audit.models import AuditEntry
    from bagalau.commission import models

    return SimpleNamespace(
        versions=models.CommissionVersion.objects.count(),
        seats=models.CommissionSeat.objects.count(),
        sessions=models.CommissionSession.objects.count(),
        items=models.AgendaItem.objects.count(),
        attendance=models.Attendance.objects.count(),
        motions=models.Motion.objects.count(),
        votes=models.Vote.objects.count(),
        signatures=models.Signature.objects.count(),
        audit=AuditEntry.objects.count(),
    )
