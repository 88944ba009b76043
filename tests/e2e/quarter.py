"""The quarter the browser walk goes through (tests/e2e/test_quarter_walk.py), as data, and the
same quarter driven by the services, for the short tests that pin a problem the walk found.

a_head (Legal department, B-1, KPI) is evaluated by the deputy and approved by the head of the
apparatus. Q2 2026: KPI 1 increase 40 → 37 (92.50 %, 4.50–4.74, scored 4.70), KPI 2 decrease
10 → 16 (62.50 %, 3.00–3.24, proposal 3.12), KPI 3 yes/no achieved (5.00): 4.27 "effective".
Calibration: b_head, b_staff1, a_staff1; round 1 keep / 4.50 / 4.60, round 2 4.50 / 4.50 /
keep → 4.50.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal as D
from types import SimpleNamespace
from typing import Any

from django.utils import timezone

from bagalau.calibration import services as calibration
from bagalau.calibration.models import Session
from bagalau.evaluations.models import Evaluation, KpiResult, Period
from bagalau.evaluations.services import familiarisation, schedule, sheets
from bagalau.methodology import sjc2023 as engine
from bagalau.plans import services as plans
from bagalau.plans.models import WorkPlan


@dataclass(frozen=True)
class KpiCase:
    """A KPI of a_head's plan: how it is planned in Q2 and what HR enters as the actual value."""

    name: str
    source: str
    unit: str
    direction: str
    plan_q2: str | None  # None: a yes/no KPI, due in Q2
    actual: str  # a number, or "yes"/"no"
    deadline: str
    key_result: str

    def engine_input(self, score: D | None = None) -> engine.KpiInput:
        """What the methodology engine takes for this KPI in Q2."""
        binary = self.direction == "binary"
        return engine.KpiInput(
            direction=self.direction,  # type: ignore[arg-type]
            plan=None if binary else D(self.plan_q2 or "0"),
            actual=(self.actual == "yes") if binary else D(self.actual),
            score=score,
        )

    def service_data(self) -> plans.KpiData:
        binary = self.direction == "binary"
        return plans.KpiData(
            name=self.name,
            source=self.source,
            unit=self.unit,
            direction=self.direction,
            deadline=dt.date.fromisoformat(self.deadline),
            key_result=self.key_result,
            plan_q1=None,
            plan_q2=D(1) if binary else D(self.plan_q2 or "0"),
            plan_q3=None,
            plan_q4=None,
        )


KPIS = [
    KpiCase(
        name="Сот төрелігі саласындағы нормативтік актілер жобаларына берілген сараптамалар саны",
        source="«А» корпусы қызметшісінің келісімі, 2-көрсеткіш",
        unit="сараптама",
        direction="increase",
        plan_q2="40",
        actual="37",
        deadline="2026-12-31",
        key_result="Жобалар уақтылы әрі сапалы келісілді",
    ),
    KpiCase(
        name="Азаматтардың өтініштерін қараудың орташа мерзімі",
        source="Аппараттың 2026 жылға арналған операциялық жоспары, 4-көрсеткіш",
        unit="жұмыс күні",
        direction="decrease",
        plan_q2="10",
        actual="16",
        deadline="2026-12-31",
        key_result="Өтініштер заңда белгіленген мерзімнен бұрын қаралады",
    ),
    KpiCase(
        name="Құқықтық актілердің электрондық тізілімі іске қосылды",
        source="Стратегиялық жоспар, 5-көрсеткіш",
        unit="иә/жоқ",
        direction="binary",
        plan_q2=None,
        actual="yes",
        deadline="2026-06-30",
        key_result="Тізілім қолданысқа енгізілді",
    ),
]
#: KPI 1 (92.50 %, allowed 4.50-4.74): first a score outside the range, then one inside it.
OUTSIDE, INSIDE = D("4.80"), D("4.70")
#: The session: participants (world attributes) and the two rounds (username, choice, score).
PARTICIPANTS = ("b_head_user", "b_staff1_user", "a_staff1_user")
ROUNDS = [
    [("b_head", "keep", None), ("b_staff1", "raise", "4.50"), ("a_staff1", "raise", "4.60")],
    [("b_head", "raise", "4.50"), ("b_staff1", "raise", "4.50"), ("a_staff1", "keep", None)],
]
SESSION_DAY = dt.date(2026, 7, 14)
APPLICATION_TEXT = (
    "2-НМИ бойынша нақты мән 16 жұмыс күні: мерзімнің ұзаруы 2026 жылғы маусымда өтініштер "
    "саны екі есе өскенінен болды. Бағаны қайта қарауды сұраймын."
)
PRESENTATION_TEXT = (
    "Q2: 3 НМИ. 1-НМИ 92,5 % (4,70), 2-НМИ 62,5 % — өтініштерді қарау мерзімі жоспардан "
    "ұзақ (3,12), 3-НМИ орындалды (5,00). Қорытынды баға 4,27."
)


def aware(day: dt.date, hour: int) -> dt.datetime:
    """A Kazakhstan time on `day`."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


STAGES = ("plan", "opened", "signed", "acknowledged", "applied", "posted")


def quarter_by_services(world: SimpleNamespace, clock: Any, until: str) -> SimpleNamespace:
    """The walk's quarter, by the services, up to the stage `until` (one of STAGES)."""
    stop = STAGES.index(until)
    done = SimpleNamespace()
    clock(dt.date(2026, 1, 5))
    drafted = schedule.schedule_draft(actor=world.hr_staff_user, organisation=world.org, year=2026)
    schedule.schedule_submit(actor=world.hr_staff_user, schedule_id=drafted.pk)
    schedule.schedule_approve(actor=world.head_user, schedule_id=drafted.pk)
    plans.plans_initiate(actor=world.hr_staff_user, organisation=world.org, year=2026)
    plan = WorkPlan.objects.get(servant=world.a_head, year=2026)
    for case in KPIS:
        plan.refresh_from_db()
        plans.kpi_add(
            actor=world.deputy_user,
            plan_id=plan.pk,
            version=plan.version,
            data=case.service_data(),
        )
    steps = [
        (plans.plan_send_to_hr, world.deputy_user),
        (plans.plan_hr_agree, world.hr_staff_user),
        (plans.plan_submit, world.deputy_user),
        (plans.plan_approve, world.head_user),
        (plans.plan_post, world.hr_staff_user),
    ]
    for step, actor in steps:
        plan.refresh_from_db()
        step(actor=actor, plan_id=plan.pk, version=plan.version)
    done.plan = plan
    if stop < STAGES.index("opened"):
        return done

    clock(dt.date(2026, 7, 1))
    period = Period.objects.get(schedule=drafted, number=2)
    schedule.period_open(actor=world.hr_staff_user, period_id=period.pk)
    evaluation = Evaluation.objects.get(period=period, servant=world.a_head)
    rows = list(KpiResult.objects.filter(evaluation=evaluation).order_by("kpi__number"))
    sheets.kpi_actuals_save(
        actor=world.hr_staff_user,
        evaluation_id=evaluation.pk,
        version=evaluation.version,
        values={row.pk: case.actual for row, case in zip(rows, KPIS, strict=True)},
    )
    done.period, done.evaluation, done.rows = period, evaluation, rows
    if stop < STAGES.index("signed"):
        return done

    clock(dt.date(2026, 7, 2))
    evaluation.refresh_from_db()
    saved = sheets.kpi_sheet_save(
        actor=world.deputy_user,
        evaluation_id=evaluation.pk,
        version=evaluation.version,
        scores={rows[0].pk: str(INSIDE)},
        feedback="Жоспарды ерте келісуге жіберіңіз.",
    )
    sheets.evaluation_sign(
        actor=world.deputy_user, evaluation_id=evaluation.pk, version=saved.version
    )
    if stop < STAGES.index("acknowledged"):
        return done

    clock(dt.date(2026, 7, 3))
    familiarisation.evaluation_acknowledge(actor=world.a_head_user, evaluation_id=evaluation.pk)
    if stop < STAGES.index("applied"):
        return done

    clock(dt.date(2026, 7, 7))
    done.application = calibration.calibration_apply(
        actor=world.a_head_user, evaluation_id=evaluation.pk, text=APPLICATION_TEXT
    )
    if stop < STAGES.index("posted"):
        return done

    clock(dt.date(2026, 7, 8))
    calibration.calibration_decide(
        actor=world.head_user,
        application_id=done.application.pk,
        participants=[getattr(world, name).pk for name in PARTICIPANTS],
        scheduled_for=aware(SESSION_DAY, 10),
        place="Аппараттың мәжіліс залы, 305-бөлме",
    )
    session = Session.objects.get(application=done.application)
    clock(SESSION_DAY, 10)
    calibration.session_record_presentation(
        actor=world.deputy_user, session_id=session.pk, text=PRESENTATION_TEXT
    )
    clock(SESSION_DAY, 11)
    for votes in ROUNDS:
        for username, choice, score in votes:
            calibration.session_vote(
                actor=getattr(world, f"{username}_user"),
                session_id=session.pk,
                choice=choice,
                score=D(score) if score else None,
                argument="Дәлел.",
            )
    clock(SESSION_DAY, 15)
    calibration.protocol_sign(actor=world.hr_head_user, session_id=session.pk)
    clock(dt.date(2026, 7, 15))
    calibration.protocol_post(actor=world.hr_head_user, session_id=session.pk)
    session.refresh_from_db()
    evaluation.refresh_from_db()
    done.session = session
    return done
