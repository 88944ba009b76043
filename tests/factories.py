"""factory_boy factories for the Django models."""

import datetime as dt
from typing import Any

import factory
from django.contrib.auth import get_user_model

from bagalau.org import models as org


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.kz")
    password = factory.django.Password("pass")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Organisation
        skip_postgeneration_save = True

    name_kk = factory.Sequence(lambda n: f"Сынақ аппараты {n}")
    name_ru = factory.Sequence(lambda n: f"Тестовый аппарат {n}")
    name_en = factory.Sequence(lambda n: f"Test apparatus {n}")
    body = "sjc"
    editions = factory.RelatedFactory(
        "tests.factories.EditionAssignmentFactory", factory_related_name="organisation"
    )


class EditionAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.EditionAssignment

    organisation = factory.SubFactory(OrganisationFactory, editions=None)
    edition = "sjc-2023"
    valid_from = dt.date(2023, 3, 14)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Unit

    organisation = factory.SubFactory(OrganisationFactory)
    name_kk = factory.Sequence(lambda n: f"Бөлім {n}")
    name_ru = factory.Sequence(lambda n: f"Отдел {n}")
    name_en = factory.Sequence(lambda n: f"Department {n}")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Position

    unit = factory.SubFactory(UnitFactory)
    name_kk = factory.Sequence(lambda n: f"Бас сарапшы {n}")
    name_ru = factory.Sequence(lambda n: f"Главный эксперт {n}")
    category = "B-4"


class ServantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Servant

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    last_name = factory.Sequence(lambda n: f"Сапаров{n}")
    first_name = "Асқар"
    patronymic = "Болатұлы"


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Assignment

    servant = factory.SubFactory(ServantFactory)
    position = factory.SubFactory(PositionFactory)
    start = dt.date(2024, 1, 1)


class AbsenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Absence

    servant = factory.SubFactory(ServantFactory)
    kind = org.AbsenceKind.ANNUAL_LEAVE
    start = dt.date(2026, 4, 1)
    end = dt.date(2026, 4, 14)


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.RoleAssignment

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = org.Role.HR


# --- plans and evaluations -------------------------------------------------------------------

from bagalau.evaluations import models as ev  # noqa: E402
from bagalau.plans import models as plans  # noqa: E402


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ev.Schedule

    organisation = factory.SubFactory(OrganisationFactory)
    year = 2026
    edition = "sjc-2023"
    status = ev.ScheduleStatus.APPROVED
    drafted_by = factory.SubFactory(UserFactory)


class PeriodFactory(factory.django.DjangoModelFactory):
    """A quarter of 2026 by default (set `number`); deadline the 10th of the next month."""

    class Meta:
        model = ev.Period

    schedule = factory.SubFactory(ScheduleFactory)
    kind = ev.PeriodKind.QUARTER
    number = 1
    starts = factory.LazyAttribute(lambda p: dt.date(p.schedule.year, 3 * p.number - 2, 1))
    ends = factory.LazyAttribute(
        lambda p: (
            dt.date(p.schedule.year + (p.number == 4), (3 * p.number) % 12 + 1, 1)
            - dt.timedelta(days=1)
        )
    )
    deadline = factory.LazyAttribute(
        lambda p: dt.date(p.schedule.year + (p.number == 4), (3 * p.number) % 12 + 1, 10)
    )
    planned_date = factory.SelfAttribute("deadline")
    status = ev.PeriodStatus.OPEN


class EvaluationFactory(factory.django.DjangoModelFactory):
    """A pending evaluation; pass servant, assignment, evaluator and method."""

    class Meta:
        model = ev.Evaluation

    period = factory.SubFactory(PeriodFactory)
    servant = factory.SubFactory(ServantFactory)
    assignment = factory.SubFactory(AssignmentFactory, servant=factory.SelfAttribute("..servant"))
    method = ev.Method.DIFFERENTIATION
    edition = "sjc-2023"
    status = ev.EvaluationStatus.PENDING
    due_date = factory.SelfAttribute("period.deadline")


class WorkPlanFactory(factory.django.DjangoModelFactory):
    """An approved plan; pass servant, assignment, evaluator and approver."""

    class Meta:
        model = plans.WorkPlan

    organisation = factory.SelfAttribute("servant.organisation")
    servant = factory.SubFactory(ServantFactory)
    assignment = factory.SubFactory(AssignmentFactory, servant=factory.SelfAttribute("..servant"))
    year = 2026
    evaluator = factory.SubFactory(ServantFactory)
    approver = factory.SubFactory(ServantFactory)
    status = plans.PlanStatus.APPROVED
    period_start = dt.date(2026, 1, 1)
    draft_due = dt.date(2026, 1, 19)


class KpiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = plans.Kpi

    plan = factory.SubFactory(WorkPlanFactory)
    number = factory.Sequence(lambda n: n % 5 + 1)
    name = factory.Sequence(lambda n: f"НМИ {n}")
    source = '"А" корпусы қызметшісінің келісімі, 2-көрсеткіш'
    unit = "%"
    direction = plans.Direction.INCREASE
    plan_q1 = 10
    plan_q2 = 10
    plan_q3 = 10
    plan_q4 = 10
    deadline = dt.date(2026, 12, 31)
    key_result = "Күтілетін оң өзгеріс"
    # App. 1's achievement date of each planned quarter: its last day (or the deadline).
    date_q1 = factory.LazyAttribute(lambda k: _achieved_by(k, 1))
    date_q2 = factory.LazyAttribute(lambda k: _achieved_by(k, 2))
    date_q3 = factory.LazyAttribute(lambda k: _achieved_by(k, 3))
    date_q4 = factory.LazyAttribute(lambda k: _achieved_by(k, 4))


def _achieved_by(kpi: Any, quarter: int) -> dt.date | None:
    if getattr(kpi, f"plan_q{quarter}") is None:
        return None
    ends = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
    return min(dt.date(kpi.plan.year, *ends[quarter]), kpi.deadline)


# --- calibration -----------------------------------------------------------------------------

from decimal import Decimal  # noqa: E402

from django.utils import timezone  # noqa: E402

from bagalau.calibration import models as calibration  # noqa: E402


class CalibrationApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted application (14.04.2026; decision due 17.04, session due 28.04) on an
    evaluation under calibration; pass `evaluation` built on the `world`."""

    class Meta:
        model = calibration.Application

    evaluation = factory.SubFactory(
        EvaluationFactory,
        status=ev.EvaluationStatus.CALIBRATION,
        score=Decimal("3.80"),
        rating="proper",
    )
    text = "Бағамен келіспеймін: тоқсандағы жұмыстың нәтижелері ескерілмеген."
    submitted_by = factory.SelfAttribute("evaluation.servant.user")
    submitted_on = dt.date(2026, 4, 14)
    decision_due = dt.date(2026, 4, 17)
    session_due = dt.date(2026, 4, 28)


class CalibrationSessionFactory(factory.django.DjangoModelFactory):
    """A scheduled session (21.04.2026 10:00); pass `participants=[users]`."""

    class Meta:
        model = calibration.Session
        skip_postgeneration_save = True

    application = factory.SubFactory(
        CalibrationApplicationFactory, status=calibration.ApplicationStatus.ACCEPTED
    )
    scheduled_for = factory.LazyFunction(
        lambda: timezone.make_aware(dt.datetime(2026, 4, 21, 10, 0))
    )
    place = "Мәжіліс залы"

    @factory.post_generation
    def participants(self, create, extracted, **kwargs):
        if create and extracted:
            self.participants.set(extracted)


class CalibrationVoteFactory(factory.django.DjangoModelFactory):
    """A vote in round 1; pass session and voter."""

    class Meta:
        model = calibration.Vote

    session = factory.SubFactory(CalibrationSessionFactory)
    round = 1
    voter = factory.SubFactory(UserFactory)
    choice = calibration.VoteChoice.KEEP
    score = Decimal("3.80")


# --- surveys (360) ---------------------------------------------------------------------------

from bagalau.surveys import models as surveys  # noqa: E402


class SurveyCampaignFactory(factory.django.DjangoModelFactory):
    """A draft 360 campaign for 2026 (deadline 8 January 2027) with no evaluatees. To get the
    lists, the anonymous store and the notifications, use bagalau.surveys.services
    (campaign_create, target_set_respondents, campaign_open) as tests/surveys/conftest.py does."""

    class Meta:
        model = surveys.Campaign

    organisation = factory.SubFactory(OrganisationFactory)
    year = 2026
    edition = "sjc-2023"
    deadline = dt.date(2027, 1, 8)
    status = surveys.CampaignStatus.DRAFT
    created_by = factory.SubFactory(UserFactory)
