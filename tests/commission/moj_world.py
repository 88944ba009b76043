"""A moj-2017 commission on the `world` (tests/world.py), moj-2017 in force from 24.07.2017, today
Wednesday 20 December 2017.

Forming order № 1 of 01.08.2017: chair deputy, members a_head, b_head, hr_head (4 members: the
quorum is 3, 2/3 of 4 rounded up), secretary hr_staff (HR, no vote). Before the commission:
a_staff1's Q3 2017 (q = 112, effective), a_staff2's Q3 2017 (q = 98, satisfactory) and b_staff1's
2017 year (annual score 4.0, effective), HR's computation signed on Friday 08.12.2017.

Dates (the work calendar: 16-17 December 2017 fall on a weekend, so 18 and 19 December are off):
- the Q3 deadline is 10.10.2017; 10 working days after it is Tuesday 24.10.2017: a session then
  is not warned about, one on 25.10.2017 is (M-5);
- a session on 24.10.2017: familiarisation due 26.10.2017 (2 WD, p.36, M-17), the appeal due
  07.11.2017 (10 WD: 25, 26, 27, 30, 31 Oct, 1, 2, 3, 6, 7 Nov; p.38);
- an annual session on 20.12.2017: HR's computation due by 11.12.2017 (5 WD before: 15, 14, 13,
  12, 11 Dec, the 18th and 19th being off; p.32);
- the agency's communication recorded on 20.11.2017: inform it by 04.12.2017 (14 CD, p.39, M-12).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from django.utils import timezone

from bagalau.commission import services
from bagalau.evaluations.models import EvaluationStatus, Method, PeriodKind
from bagalau.org.models import Assignment, EditionAssignment
from tests.factories import (
    EvaluationFactory,
    OrganisationFactory,
    PeriodFactory,
    RoleAssignmentFactory,
    ScheduleFactory,
    UserFactory,
)
from tests.moj.year import commission_formed

TODAY = dt.date(2017, 12, 20)
QUARTER_SESSION = dt.date(2017, 10, 24)
LATE_SESSION = dt.date(2017, 10, 25)
FAMILIARISATION_DUE = dt.date(2017, 10, 26)
APPEAL_DUE = dt.date(2017, 11, 7)
ANNUAL_SESSION = dt.date(2017, 12, 20)
COMPUTATION_DUE = dt.date(2017, 12, 11)
REASON = "Екі іс-шара ескерілмеген"
MEMBERS = ("deputy", "a_head", "b_head", "hr_head")
ALL_PRESENT = (*MEMBERS, "hr_staff")


def aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def build(world, clock):
    """The moj-2017 world described above."""
    clock(TODAY)
    w = world
    EditionAssignment.objects.filter(organisation=w.org).delete()
    EditionAssignment.objects.create(
        organisation=w.org, edition="moj-2017", valid_from=dt.date(2017, 7, 24)
    )
    Assignment.objects.filter(servant__organisation=w.org).update(start=dt.date(2016, 1, 1))
    w.org.refresh_from_db()
    schedule = ScheduleFactory(
        organisation=w.org, year=2017, edition="moj-2017", drafted_by=w.hr_staff_user
    )
    w.q3 = PeriodFactory(
        schedule=schedule,
        kind=PeriodKind.QUARTER,
        number=3,
        starts=dt.date(2017, 7, 1),
        ends=dt.date(2017, 9, 30),
        deadline=dt.date(2017, 10, 10),
    )
    w.year = PeriodFactory(
        schedule=schedule,
        kind=PeriodKind.ANNUAL,
        number=None,
        starts=dt.date(2017, 1, 1),
        ends=dt.date(2017, 12, 31),
        deadline=dt.date(2017, 12, 25),
    )
    w.quarter1 = quarter(w, "a_staff1", 112, "effective")
    w.quarter2 = quarter(w, "a_staff2", 98, "satisfactory")
    w.annual = EvaluationFactory(
        period=w.year,
        servant=w.b_staff1,
        assignment=w.b_staff1_assignment,
        evaluator=w.b_head,
        method=Method.MOJ_ANNUAL,
        edition="moj-2017",
        status=EvaluationStatus.BEFORE_COMMISSION,
        score=D("4.0"),
        rating="effective",
        signed_at=aware(dt.date(2017, 12, 8)),
    )
    commission_formed(w)  # the forming order № 1 of 01.08.2017
    w.other_org = OrganisationFactory()
    w.other_hr_user = UserFactory(username="other_hr")
    RoleAssignmentFactory(user=w.other_hr_user, organisation=w.other_org, role="hr")
    return w


def quarter(w, key: str, score: int, rating: str):
    """A Q3 2017 evaluation before the commission, as a closed App. 3 sheet leaves it."""
    return EvaluationFactory(
        period=w.q3,
        servant=getattr(w, key),
        assignment=getattr(w, f"{key}_assignment"),
        evaluator=w.a_head,
        method=Method.MOJ_QUARTER,
        edition="moj-2017",
        status=EvaluationStatus.BEFORE_COMMISSION,
        score=D(score),
        rating=rating,
    )


def schedule(w, evaluations, day=QUARTER_SESSION):
    return services.session_schedule(
        actor=w.hr_staff_user,
        organisation_id=w.org.pk,
        date=day,
        chair_agreed_on=day - dt.timedelta(days=7),
        place="Зал 2",
        evaluation_ids=[e.pk for e in evaluations],
    )


def attend(w, session, names=ALL_PRESENT):
    return services.session_record_attendance(
        actor=w.hr_staff_user,
        session_id=session.pk,
        present_servant_ids=[getattr(w, n).pk for n in names],
    )


def put(w, session, evaluation, kind="approve", **values):
    return services.motion_put(
        actor=w.hr_staff_user,
        session_id=session.pk,
        evaluation_id=evaluation.pk,
        kind=kind,
        **values,
    )


def vote(w, motion, **choices):
    return services.motion_vote(
        actor=w.hr_staff_user,
        motion_id=motion.pk,
        votes={getattr(w, k).pk: v for k, v in choices.items()},
    )


def all_for(w, motion, voters=MEMBERS):
    return vote(w, motion, **dict.fromkeys(voters, "for"))


def sign_all(w, session, day=QUARTER_SESSION, names=ALL_PRESENT):
    for name in names:
        services.protocol_sign(
            actor=getattr(w, f"{name}_user"), session_id=session.pk, signed_on=day
        )
    session.refresh_from_db()
    return session


def decided_quarter(w):
    """The Q3 session of 24.10.2017: a_staff1 approved (112), a_staff2 revised to 106."""
    session = schedule(w, [w.quarter1, w.quarter2])
    attend(w, session)
    all_for(w, put(w, session, w.quarter1))
    all_for(
        w,
        put(
            w, session, w.quarter2, "revise", revised_score="106", reason="Екі іс-шара ескерілмеген"
        ),
    )
    sign_all(w, session)
    w.quarter1.refresh_from_db()
    w.quarter2.refresh_from_db()
    return session
