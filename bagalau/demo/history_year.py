"""The demo year's steps outside the quarters (`bagalau.demo.history`): January's schedule
and work plans (p.22: within 10 working days), the absent head and the acting deputy (p.5), the
newcomer appointed under 3 months before the year ends (p.22)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from bagalau.demo.content import (
    HR_RETURN_COMMENT,
    KPIS,
    RETURNED_KPI,
    RETURNED_PLAN,
    VAGUE_SOURCE,
    KpiSpec,
)
from bagalau.demo.history_base import HistoryBase
from bagalau.demo.structure import NEWCOMER, NEWCOMER_NAME, PASSWORD
from bagalau.evaluations.services.schedule import (
    schedule_approve,
    schedule_draft,
    schedule_submit,
)
from bagalau.org.models import AbsenceKind, Servant
from bagalau.org.services import (
    absence_create,
    assignment_set_managers,
    servant_appoint,
    servant_create,
)
from bagalau.plans.models import WorkPlan
from bagalau.plans.services import (
    KpiData,
    kpi_add,
    kpi_update,
    plan_approve,
    plan_hr_agree,
    plan_hr_return,
    plan_post,
    plan_send_to_hr,
    plan_submit,
    plans_initiate,
)


class YearSteps(HistoryBase):
    """January's schedule and plans, the absence, the newcomer."""

    # --- January -----------------------------------------------------------------------------

    def _draft_schedule(self) -> None:
        schedule = schedule_draft(actor=self.hr, organisation=self.organisation, year=self.year)
        schedule_submit(actor=self.hr, schedule_id=schedule.pk)

    def _approve_schedule(self) -> None:
        schedule_approve(actor=self.head, schedule_id=self.schedule().pk)

    def _initiate_plans(self) -> None:
        report = plans_initiate(actor=self.hr, organisation=self.organisation, year=self.year)
        assert not report.skipped, report.skipped

    def _managers(self) -> list[Servant]:
        return [*self.s.deputies, *self.s.unit_heads.values()]

    def _kpi_data(self, spec: KpiSpec, source: str | None = None) -> KpiData:
        plans: dict[str, Any] = {
            f"plan_q{q}": None if v is None else Decimal(v) for q, v in enumerate(spec.plan, 1)
        }
        return KpiData(
            name=spec.name,
            source=(source or spec.source).format(year=self.year),
            unit=spec.unit,
            direction=spec.direction,
            deadline=dt.date(self.year, *spec.deadline),
            key_result=spec.key_result.format(year=self.year),
            **plans,
        )

    def _draft_kpis(self) -> None:
        for manager in self._managers():
            key = self.plan_key[manager.pk]
            plan = self.plan_of(manager)
            actor = self._user(plan.evaluator)
            for number, spec in enumerate(KPIS[key], start=1):
                vague = key == RETURNED_PLAN and number == RETURNED_KPI
                plan.refresh_from_db()
                kpi_add(
                    actor=actor,
                    plan_id=plan.pk,
                    version=plan.version,
                    data=self._kpi_data(spec, VAGUE_SOURCE if vague else None),
                )

    def _each_plan(self, action: Callable[[WorkPlan], object]) -> None:
        for manager in self._managers():
            action(self.plan_of(manager))

    def _send_plans(self) -> None:
        self._each_plan(
            lambda p: plan_send_to_hr(
                actor=self._user(p.evaluator), plan_id=p.pk, version=p.version
            )
        )

    def _return_plan(self) -> None:
        plan = self.plan_of(self.s.unit_heads[RETURNED_PLAN])
        plan_hr_return(
            actor=self.hr, plan_id=plan.pk, version=plan.version, comment=HR_RETURN_COMMENT
        )

    def _correct_plan(self) -> None:
        plan = self.plan_of(self.s.unit_heads[RETURNED_PLAN])
        kpi = plan.kpis.get(number=RETURNED_KPI)
        spec = KPIS[RETURNED_PLAN][RETURNED_KPI - 1]
        actor = self._user(plan.evaluator)
        kpi_update(
            actor=actor,
            plan_id=plan.pk,
            kpi_id=kpi.pk,
            version=plan.version,
            data=self._kpi_data(spec),
        )
        plan.refresh_from_db()
        plan_send_to_hr(actor=actor, plan_id=plan.pk, version=plan.version)

    def _agree_plans(self) -> None:
        self._each_plan(lambda p: plan_hr_agree(actor=self.hr, plan_id=p.pk, version=p.version))

    def _submit_plans(self) -> None:
        self._each_plan(
            lambda p: plan_submit(actor=self._user(p.evaluator), plan_id=p.pk, version=p.version)
        )

    def _approve_plans(self) -> None:
        self._each_plan(
            lambda p: plan_approve(actor=self._user(p.approver), plan_id=p.pk, version=p.version)
        )

    def _post_plans(self) -> None:
        self._each_plan(lambda p: plan_post(actor=self.hr, plan_id=p.pk, version=p.version))

    # --- the absent manager ------------------------------------------------------------------

    def _record_absence(self, start: dt.date, end: dt.date) -> None:
        absence_create(
            actor=self.hr,
            servant_id=self.absent.pk,
            kind=AbsenceKind.SICK_LEAVE,
            start=start,
            end=end,
            note="Еңбекке уақытша жарамсыздық парағы",
        )
        # The curating deputy acts as the department's head meanwhile (order of the head).
        for member in self.s.staff["analytics"]:
            assignment_set_managers(
                actor=self.hr,
                assignment_id=member.assignments.get().pk,
                direct_manager_id=self.acting.pk,
                reason="Аппарат басшысының бұйрығы: бөлім басшысы жоқта орынбасар атқарады",
            )

    def _end_acting(self) -> None:
        for member in self.s.staff["analytics"]:
            assignment_set_managers(actor=self.hr, assignment_id=member.assignments.get().pk)

    # --- the newcomer --------------------------------------------------------------------------

    def _appoint(self, day: dt.date) -> None:
        last_name, first_name = NEWCOMER_NAME
        count = Servant.objects.filter(organisation=self.organisation).count()
        newcomer = servant_create(
            actor=self.hr,
            organisation=self.organisation,
            last_name=last_name,
            first_name=first_name,
            personnel_number=f"{count + 1:04d}",
            username=NEWCOMER,
            password=PASSWORD,
        )
        servant_appoint(
            actor=self.hr,
            servant_id=newcomer.pk,
            position_id=self.s.vacant_deputy_post.pk,
            start=day,
        )
        # HR opens the plans of newcomers: under 3 months left, none is due (p.22).
        report = plans_initiate(actor=self.hr, organisation=self.organisation, year=self.year)
        assert [item.assignment.servant_id for item in report.skipped] == [newcomer.pk]
