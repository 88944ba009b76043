"""The register of decisions for the typical-2018 editions (seed 004 p.7; EDITIONS.md §8): a
decision rests on a final year's KPI result as the commission decided it (App. 2, p.18), the
competency result never grounds one; p.7 names bonus, encouragement, rotation, demotion and
dismissal; which rating permits which is our reading (decisions.yaml, as for sjc-2023)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.utils import timezone

from bagalau.consequences.models import Decision
from bagalau.consequences.selectors import citable_results, rows_of
from bagalau.consequences.services import decision_record
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import EvaluationStatus, Method, PeriodKind
from bagalau.methodology import MethodologyError, get_edition
from bagalau.methodology.decisions import check_decision, decision_rules
from tests.factories import (
    EditionAssignmentFactory,
    EvaluationFactory,
    PeriodFactory,
    ScheduleFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2020, 3, 2)
FINAL_ON = dt.datetime(2020, 2, 10, 12, 0, tzinfo=timezone.get_fixed_timezone(300))


@pytest.mark.parametrize("edition", ["almaty-2018", "sjc-2018", "kyzylorda-2018"])
def test_p7_names_five_decisions_on_the_kpi_result_only(edition):
    rules = decision_rules(get_edition(edition))
    assert rules.paragraph == "p.7"
    assert [k.code for k in rules.kinds] == [
        "bonus",
        "encouragement",
        "rotation",
        "demotion",
        "dismissal",
    ]
    assert rules.bases == ("kpi_competency",)
    assert rules.change_grounds == ()
    assert check_decision(rules, "bonus", "kpi_competency", "excellent").code == "bonus"
    with pytest.raises(MethodologyError) as refused:
        check_decision(rules, "bonus", "kpi_competency", "satisfactory")
    assert refused.value.field == "evaluation"
    with pytest.raises(MethodologyError) as refused:
        check_decision(rules, "demotion", "kpi_competency", "effective")
    assert "p.7" in refused.value.message % refused.value.params
    with pytest.raises(MethodologyError) as refused:
        check_decision(rules, "training", "kpi_competency", "effective")
    assert refused.value.field == "kind"


@pytest.fixture
def year(world, clock):
    clock(TODAY)
    EditionAssignmentFactory(
        organisation=world.org, edition="almaty-2018", valid_from=dt.date(2018, 5, 8)
    )
    schedule = ScheduleFactory(
        organisation=world.org, year=2019, edition="almaty-2018", drafted_by=world.hr_staff_user
    )
    period = PeriodFactory(
        schedule=schedule,
        kind=PeriodKind.ANNUAL,
        number=None,
        starts=dt.date(2019, 1, 1),
        ends=dt.date(2019, 12, 31),
        deadline=dt.date(2020, 1, 31),
    )

    def result(key, count, rating, status=EvaluationStatus.FINAL):
        return EvaluationFactory(
            period=period,
            servant=getattr(world, key),
            assignment=getattr(world, f"{key}_assignment"),
            evaluator=world.a_head,
            method=Method.KPI_COMPETENCY,
            edition="almaty-2018",
            status=status,
            score=D(count),
            rating=rating,
            completed_at=FINAL_ON if status == EvaluationStatus.FINAL else None,
        )

    world.strong = result("a_staff1", 5, "excellent")
    world.weak = result("a_staff2", 2, "unsatisfactory")
    world.open = result("b_staff1", 4, "effective", EvaluationStatus.APPROVED)
    return world


def _record(world, evaluation, kind):
    return decision_record(
        actor=world.hr_staff_user,
        organisation=world.org,
        evaluation_id=evaluation.pk,
        kind=kind,
        decided_by="Аппарат басшысы",
        order_number="12-ө",
        order_date=TODAY,
    )


def test_a_bonus_on_an_excellent_year_and_its_register_line(year):
    decision = _record(year, year.strong, "bonus")
    assert (decision.kind, decision.rating, decision.edition) == (
        "bonus",
        "excellent",
        "almaty-2018",
    )
    assert "KPI result (App. 2)" in decision.basis
    (row,) = rows_of(year.hr_staff_user, [decision])
    assert row["kind"] == "Bonus"
    assert row["rating"] == "Excellent"  # the working body holds the results (G-5)
    (row,) = rows_of(year.a_head_user, [decision])
    assert row["rating"] == ""


def test_a_penalty_needs_an_unsatisfactory_kpi_result_and_nothing_is_written(year):
    with pytest.raises(DomainError) as refused:
        _record(year, year.strong, "dismissal")
    assert refused.value.field == "evaluation"
    assert "p.7" in refused.value.message
    assert _record(year, year.weak, "dismissal").kind == "dismissal"
    assert Decision.objects.count() == 1


def test_a_year_not_final_grounds_nothing(year):
    assert year.open not in citable_results(year.org)
    with pytest.raises(DomainError) as refused:
        _record(year, year.open, "bonus")
    assert refused.value.field == "evaluation"
    assert not Decision.objects.exists()
