"""Cases the documents tests print and dispose of, built on the `world` apparatus.

kpi_case: a_head (KPI, evaluated by the deputy) in 2026: Q1 final (4.79), Q2 signed with four
    KPIs scored 5.00, 4.75, 4.65, 5.00 = 19.40 / 4 = 4.85 ("effective"); a calibration session on
    Q2 with a_staff2 and b_staff1 voting to keep 4.85.
diff_case: a_staff1 (differentiation, evaluated by a_head) Q2 2026: 5, 4, 4, 5 = 4.50, then a
    calibration session (deputy, a_staff2, b_staff1): round 1 without majority, round 2 adopts
    4.75; final.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.utils import timezone

from bagalau.calibration.models import (
    Application,
    ApplicationStatus,
    FeedbackMeeting,
    ScoreChange,
    Session,
    SessionStatus,
    Vote,
    VoteChoice,
)
from bagalau.evaluations.models import (
    EvaluationStatus,
    KpiResult,
    Method,
    ParameterScore,
    ServiceRecordEntry,
)
from bagalau.plans.models import Direction
from tests.factories import (
    EvaluationFactory,
    KpiFactory,
    PeriodFactory,
    ScheduleFactory,
    WorkPlanFactory,
)


def aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def pdf_text(content: bytes) -> str:
    """The PDF's text, whitespace collapsed (table cells wrap words onto new lines)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", text)


def pdf_fonts(content: bytes) -> dict[str, bool]:
    """BaseFont name -> whether the font program is embedded, over every page."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        resources = page["/Resources"]
        for ref in resources.get("/Font", {}).values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"])] = embedded
    return fonts


@pytest.fixture
def schedule(world):
    return ScheduleFactory(organisation=world.org, drafted_by=world.hr_staff_user, year=2026)


@pytest.fixture
def quarters(schedule):
    """Q1 and Q2 of 2026."""
    return {n: PeriodFactory(schedule=schedule, number=n) for n in (1, 2)}


def make_session(evaluation, *, participants, rounds, final_score, applicant, world):
    """An accepted application and a signed, posted session with the given voting rounds
    (``rounds = [[(user, choice, score), ...], ...]``)."""
    application = Application.objects.create(
        evaluation=evaluation,
        text="Бағамен келіспеймін.",
        submitted_by=applicant,
        submitted_on=dt.date(2026, 7, 14),
        decision_due=dt.date(2026, 7, 17),
        session_due=dt.date(2026, 7, 28),
        status=ApplicationStatus.ACCEPTED,
        decided_by=world.head_user,
        decided_at=aware(dt.date(2026, 7, 15)),
        decision_comment="Калибрлеу сессиясы өткізілсін.",
    )
    session = Session.objects.create(
        application=application,
        scheduled_for=aware(dt.date(2026, 7, 22), 15),
        place="Аппарат, 305-кабинет",
        status=SessionStatus.POSTED,
        presentation="Бағаланатын адамның жұмысы сипатталды, баға дәлелденді.",
        presented_at=aware(dt.date(2026, 7, 22), 15),
        final_score=final_score,
        decided_at=aware(dt.date(2026, 7, 22), 16),
        protocol_signed_by=world.hr_head_user,
        protocol_signed_at=aware(dt.date(2026, 7, 23)),
        protocol_posting_due=dt.date(2026, 7, 28),
        protocol_posted_at=aware(dt.date(2026, 7, 24)),
        round=max(len(rounds), 1),
    )
    session.participants.set(participants)
    for number, votes in enumerate(rounds, start=1):
        for user, choice, score in votes:
            Vote.objects.create(
                session=session,
                round=number,
                voter=user,
                choice=choice,
                score=D(score),
                argument=f"{user.username} дәлелі",
            )
    return session


@pytest.fixture
def kpi_case(world, quarters):
    plan = WorkPlanFactory(
        servant=world.a_head,
        assignment=world.a_head_assignment,
        evaluator=world.deputy,
        approver=world.head,
        approved_by=world.head_user,
        approved_at=aware(dt.date(2026, 1, 16)),
    )
    kpis = [
        KpiFactory(plan=plan, number=1, name="Сот актілерін уақытында жариялау", unit="%"),
        KpiFactory(
            plan=plan,
            number=2,
            name="Өтініштерді қарау мерзімі",
            unit="күн",
            direction=Direction.DECREASE,
            plan_q1=D(20),
            plan_q2=D(20),
        ),
        KpiFactory(
            plan=plan,
            number=3,
            name="Құқықтық сараптамалар саны",
            unit="дана",
            plan_q1=D(40),
            plan_q2=D(40),
        ),
        KpiFactory(
            plan=plan,
            number=4,
            name="Ведомстволық тізілімді енгізу",
            unit="иә/жоқ",
            direction=Direction.BINARY,
            plan_q1=D(1),
            plan_q2=D(1),
        ),
    ]
    q1, q2 = quarters[1], quarters[2]
    first = EvaluationFactory(
        period=q1,
        servant=world.a_head,
        assignment=world.a_head_assignment,
        evaluator=world.deputy,
        method=Method.KPI,
        status=EvaluationStatus.FINAL,
        score=D("4.79"),
        rating="effective",
        final_score=D("4.79"),
        final_rating="effective",
        signed_by=world.deputy_user,
        signed_at=aware(dt.date(2026, 4, 8)),
        acknowledged_at=aware(dt.date(2026, 4, 9)),
        completed_at=aware(dt.date(2026, 4, 17)),
    )
    for kpi, actual, percent, score in zip(
        kpis,
        [D("9.2"), D("21"), D("38"), None],
        [D("92.00"), D("95.24"), D("95.00"), D("100.00")],
        [D("4.60"), D("4.80"), D("4.75"), D("5.00")],
        strict=True,
    ):
        KpiResult.objects.create(
            evaluation=first,
            kpi=kpi,
            actual_value=actual,
            actual_achieved=True if actual is None else None,
            percent=percent,
            score=score,
        )
    second = EvaluationFactory(
        period=q2,
        servant=world.a_head,
        assignment=world.a_head_assignment,
        evaluator=world.deputy,
        method=Method.KPI,
        status=EvaluationStatus.CALIBRATION,
        score=D("4.85"),
        rating="effective",
        signed_by=world.deputy_user,
        signed_at=aware(dt.date(2026, 7, 8)),
        acknowledged_at=aware(dt.date(2026, 7, 9)),
    )
    for kpi, actual, percent, score in zip(
        kpis,
        [D("10.5"), D("21"), D("37"), None],
        [D("105.00"), D("95.24"), D("92.50"), D("100.00")],
        [D("5.00"), D("4.75"), D("4.65"), D("5.00")],
        strict=True,
    ):
        KpiResult.objects.create(
            evaluation=second,
            kpi=kpi,
            actual_value=actual,
            actual_achieved=True if actual is None else None,
            percent=percent,
            score=score,
        )
    session = make_session(
        second,
        participants=[world.a_staff2_user, world.b_staff1_user],
        rounds=[
            [
                (world.a_staff2_user, VoteChoice.KEEP, "4.85"),
                (world.b_staff1_user, VoteChoice.KEEP, "4.85"),
            ]
        ],
        final_score=D("4.85"),
        applicant=world.a_head_user,
        world=world,
    )
    return SimpleNamespace(plan=plan, kpis=kpis, q1=first, evaluation=second, session=session)


@pytest.fixture
def diff_case(world, quarters):
    period = quarters[2]
    evaluation = EvaluationFactory(
        period=period,
        servant=world.a_staff1,
        assignment=world.a_staff1_assignment,
        evaluator=world.a_head,
        method=Method.DIFFERENTIATION,
        status=EvaluationStatus.FINAL,
        score=D("4.50"),
        rating="effective",
        final_score=D("4.75"),
        final_rating="effective",
        justification="Тапсырмаларды сапалы әрі уақытында орындады.",
        signed_by=world.a_head_user,
        signed_at=aware(dt.date(2026, 7, 8)),
        acknowledged_at=aware(dt.date(2026, 7, 9)),
        completed_at=aware(dt.date(2026, 7, 24)),
    )
    for code, score in (("quality", 5), ("timeliness", 4), ("initiative", 4), ("discipline", 5)):
        ParameterScore.objects.create(
            evaluation=evaluation,
            parameter=code,
            score=score,
            justification=f"{code}: ескертулер болған жоқ",
        )
    session = make_session(
        evaluation,
        participants=[world.deputy_user, world.a_staff2_user, world.b_staff1_user],
        rounds=[
            [
                (world.deputy_user, VoteChoice.KEEP, "4.50"),
                (world.a_staff2_user, VoteChoice.RAISE, "4.75"),
                (world.b_staff1_user, VoteChoice.RAISE, "5.00"),
            ],
            [
                (world.deputy_user, VoteChoice.RAISE, "4.75"),
                (world.a_staff2_user, VoteChoice.RAISE, "4.75"),
                (world.b_staff1_user, VoteChoice.RAISE, "5.00"),
            ],
        ],
        final_score=D("4.75"),
        applicant=world.a_staff1_user,
        world=world,
    )
    ScoreChange.objects.create(
        evaluation=evaluation,
        session=session,
        old_score=D("4.50"),
        new_score=D("4.75"),
        old_rating="effective",
        new_rating="effective",
    )
    FeedbackMeeting.objects.create(
        session=session,
        held_on=dt.date(2026, 7, 27),
        achievements="Жетістіктер",
        skills="Машықтар",
        potential="Әлеует",
        recorded_by=world.a_head_user,
    )
    ServiceRecordEntry.objects.create(
        servant=world.a_staff1,
        evaluation=evaluation,
        period=str(period),
        method=evaluation.method,
        score=D("4.75"),
        rating="effective",
    )
    return SimpleNamespace(evaluation=evaluation, session=session)
