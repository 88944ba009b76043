"""The demo history's cast and rows: who plays which part in the story (the servant who does
not acknowledge, the applicants for calibration, the absent head and the acting deputy…) and
the schedule, periods, evaluations and plans they act on (`bagalau.demo.history`)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from bagalau.demo.content import (
    PROFILES,
)
from bagalau.demo.structure import DemoStructure
from bagalau.demo.timeline import Timeline, demo_year
from bagalau.evaluations.models import (
    Evaluation,
    Period,
    PeriodKind,
    Schedule,
)
from bagalau.methodology import get_edition, sjc2023_rules
from bagalau.org.models import Servant
from bagalau.plans.models import WorkPlan
from bagalau.workcalendar import WorkCalendar


def _plan_key_of(structure: DemoStructure) -> dict[int, str]:
    """Servant id -> key of the KPIS entry of the manager's plan."""
    keys = {structure.deputies[0].pk: "deputy1", structure.deputies[1].pk: "deputy2"}
    keys.update({servant.pk: key for key, servant in structure.unit_heads.items()})
    return keys


def _profiles_of(structure: DemoStructure) -> dict[int, tuple[str, str, str]]:
    """Servant id -> Q1-Q3 differentiation patterns."""
    profiles: dict[int, tuple[str, str, str]] = {}
    for key, members in structure.staff.items():
        for servant, profile in zip(members, PROFILES[key], strict=True):
            profiles[servant.pk] = profile
    hr = [structure.hr_head, structure.hr_staff]
    profiles.update(
        {servant.pk: profile for servant, profile in zip(hr, PROFILES["hr"], strict=True)}
    )
    return profiles


def _unit_key_of(structure: DemoStructure) -> dict[int, str]:
    """Staff servant id -> department key (the HR sector signs with the administrative one)."""
    keys = {s.pk: key for key, members in structure.staff.items() for s in members}
    keys[structure.hr_head.pk] = keys[structure.hr_staff.pk] = "admin"
    return keys


def rotate(scores: tuple[int, int, int, int], by: int) -> tuple[int, ...]:
    """The same four scores on other parameters, so equal means read differently."""
    by %= len(scores)
    return scores[by:] + scores[:by]


class HistoryBase:
    """The demo year's people and rows for the apparatus of `structure`, as of `today`."""

    def __init__(self, structure: DemoStructure, today: dt.date, calendar: WorkCalendar) -> None:
        self.s = structure
        self.organisation = structure.organisation
        self.today = today
        self.calendar = calendar
        self.year = demo_year(today, calendar)
        self.rules = sjc2023_rules(get_edition("sjc-2023"))
        self.current = today.year == self.year  # False: last year's story, Q4 over
        self.timeline = Timeline()
        self.plan_key = _plan_key_of(structure)
        self.profiles = _profiles_of(structure)
        self.unit_key = _unit_key_of(structure)
        self.silent = structure.staff["analytics"][1]  # does not acknowledge Q1
        self.q2_applicant = structure.staff["selection"][2]
        self.q3_applicant = structure.staff["legal"][0]
        self.on_paper = structure.staff["international"][0]  # Q1 held on paper (p.3, p.29)
        self.absent = structure.unit_heads["analytics"]
        self.acting = structure.deputies[1]
        self.participants = {
            2: [
                structure.unit_heads["org"],
                structure.unit_heads["international"],
                structure.unit_heads["admin"],
                structure.hr_head,
            ],
            3: [
                structure.unit_heads["selection"],
                structure.unit_heads["international"],
                structure.unit_heads["org"],  # the "participant" login, who has not voted
            ],
        }

    # --- people and rows ---------------------------------------------------------------------

    @property
    def hr(self) -> User:
        return self._user(self.s.hr_staff)

    @property
    def hr_head(self) -> User:
        return self._user(self.s.hr_head)

    @property
    def head(self) -> User:
        return self._user(self.s.head)

    @staticmethod
    def _user(servant: Servant) -> User:
        user = Servant.objects.select_related("user").get(pk=servant.pk).user
        assert user is not None
        return user

    def schedule(self) -> Schedule:
        return Schedule.objects.get(organisation=self.organisation, year=self.year)

    def period(self, quarter: int) -> Period:
        return Period.objects.get(schedule=self.schedule(), kind=PeriodKind.QUARTER, number=quarter)

    def evaluations(self, quarter: int) -> list[Evaluation]:
        return list(
            Evaluation.objects.filter(period=self.period(quarter))
            .select_related("servant", "evaluator__user", "period")
            .order_by("pk")
        )

    def evaluation_of(self, servant: Servant, quarter: int) -> Evaluation:
        return Evaluation.objects.get(period=self.period(quarter), servant=servant)

    def plan_of(self, servant: Servant) -> WorkPlan:
        return WorkPlan.objects.select_related("evaluator__user", "approver__user").get(
            servant=servant, year=self.year
        )
