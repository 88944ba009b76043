"""Property (issue 8, item 1): no sequence of the HR service's own actions — manager overrides,
taking the evaluator from the structure, transfers, appointments, dismissals, moving units,
changing or adding posts, opening the quarter, absences, granting itself a role — makes a result
of someone else visible to an HR member (seed 002 p.15, p.20: the evaluatee, the evaluator, the
head of HR and the calibration participants only).

Each example starts from the same opened quarter and is rolled back afterwards; every refused
action must leave the property intact as much as every allowed one.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from bagalau.core.errors import ConflictError, DomainError
from bagalau.evaluations.access import evaluation_get_for, evaluations_visible_to
from bagalau.evaluations.models import Evaluation, EvaluationStatus
from bagalau.evaluations.services.schedule import (
    evaluation_evaluator_refresh,
    period_open,
)
from bagalau.org import services as org
from bagalau.org.models import Assignment, Position, Role, Servant, Unit
from tests.evaluations.test_schedule_support import approved, quarter

TODAY = dt.date(2026, 4, 6)
DAYS = [dt.date(2026, 1, 1), dt.date(2026, 3, 31), TODAY, dt.date(2026, 4, 7), dt.date(2026, 5, 4)]
CATEGORIES = ["B-1", "B-3", "B-4", ""]

index = st.integers(min_value=0, max_value=30)
maybe = st.none() | index
day = st.sampled_from(DAYS)
ACTIONS = st.one_of(
    st.tuples(st.just("managers"), index, maybe, maybe),
    st.tuples(st.just("refresh"), index),
    st.tuples(st.just("transfer"), index, index, day),
    st.tuples(st.just("appoint"), index, index, day),
    st.tuples(st.just("dismiss"), index, day),
    st.tuples(st.just("position"), index, index, st.booleans(), st.sampled_from(CATEGORIES)),
    st.tuples(st.just("new_post"), index, st.booleans(), st.sampled_from(CATEGORIES)),
    st.tuples(st.just("unit"), index, maybe),
    st.tuples(st.just("open")),
    st.tuples(st.just("absence"), index, day),
    st.tuples(st.just("grant"), st.sampled_from(Role.values)),
)
REFUSED = (DomainError, ConflictError, PermissionDenied, Http404)


class Rollback(Exception):
    """Ends an example: its transaction is rolled back."""


@pytest.fixture
def opened(world, clock):
    """Q1 2026 opened by the head of HR; b_staff1's and a_head's sheets are signed."""
    clock(dt.date(2026, 4, 1))
    period = quarter(approved(world), 1)
    period_open(actor=world.hr_head_user, period_id=period.pk)
    Evaluation.objects.filter(servant__in=[world.b_staff1, world.a_head]).update(
        status=EvaluationStatus.SIGNED, score=Decimal("3.75"), rating="proper"
    )
    clock(TODAY)
    return period


def pick(rows: list[Any], number: int | None) -> Any:
    return None if number is None or not rows else rows[number % len(rows)]


def act(w: Any, period: Any, action: tuple[Any, ...]) -> None:
    """One HR action by the HR staff member, with arguments drawn from today's rows."""
    hr = w.hr_staff_user
    servants = list(Servant.objects.filter(organisation=w.org).order_by("pk"))
    assignments = list(Assignment.objects.order_by("pk"))
    positions = list(Position.objects.filter(unit__organisation=w.org).order_by("pk"))
    units = list(Unit.objects.filter(organisation=w.org).order_by("pk"))
    evaluations = list(Evaluation.objects.order_by("pk"))
    kind, *args = action
    if kind == "managers":
        assignment, direct, superior = (
            pick(assignments, args[0]),
            pick(servants, args[1]),
            pick(servants, args[2]),
        )
        org.assignment_set_managers(
            actor=hr,
            assignment_id=assignment.pk,
            direct_manager_id=getattr(direct, "pk", None),
            superior_manager_id=getattr(superior, "pk", None),
            reason="Бұйрық",
        )
    elif kind == "refresh":
        evaluation_evaluator_refresh(actor=hr, evaluation_id=pick(evaluations, args[0]).pk)
    elif kind in ("transfer", "appoint"):
        service = org.servant_transfer if kind == "transfer" else org.servant_appoint
        service(
            actor=hr,
            servant_id=pick(servants, args[0]).pk,
            position_id=pick(positions, args[1]).pk,
            start=args[2],
        )
    elif kind == "dismiss":
        org.servant_dismiss(actor=hr, servant_id=pick(servants, args[0]).pk, end=args[1])
    elif kind == "position":
        position, unit = pick(positions, args[0]), pick(units, args[1])
        org.position_update(
            actor=hr,
            position_id=position.pk,
            unit_id=unit.pk,
            name_kk=position.name_kk,
            category=args[3],
            heads_unit=args[2],
        )
    elif kind == "new_post":
        org.position_create(
            actor=hr,
            unit_id=pick(units, args[0]).pk,
            name_kk="Жаңа лауазым",
            category=args[2],
            heads_unit=args[1],
        )
    elif kind == "unit":
        unit, parent = pick(units, args[0]), pick(units, args[1])
        org.unit_update(
            actor=hr,
            unit_id=unit.pk,
            name_kk=unit.name_kk,
            parent_id=getattr(parent, "pk", None),
            order=unit.order,
        )
    elif kind == "open":
        period_open(actor=hr, period_id=period.pk)
    elif kind == "absence":
        start = args[1]
        org.absence_create(
            actor=hr,
            servant_id=pick(servants, args[0]).pk,
            kind="annual_leave",
            start=start,
            end=start + dt.timedelta(days=10),
        )
    elif kind == "grant":
        org.role_grant(actor=hr, organisation=w.org, user_id=hr.pk, role=args[0])


def assert_hr_sees_no_result_of_others(w: Any) -> None:
    hr = w.hr_staff_user
    others = Evaluation.objects.exclude(servant=w.hr_staff).values_list("pk", flat=True)
    assert not evaluations_visible_to(hr).filter(pk__in=list(others)).exists()
    for evaluation_id in others:
        with pytest.raises(Http404):
            evaluation_get_for(user=hr, id=evaluation_id)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(actions=st.lists(ACTIONS, min_size=1, max_size=6))
def test_no_sequence_of_hr_actions_shows_hr_a_result(world, opened, actions):
    try:
        with transaction.atomic():
            for action in actions:
                try:
                    act(world, opened, action)
                    event(f"{action[0]}: done")
                except REFUSED as refusal:
                    event(f"{action[0]}: {type(refusal).__name__}")
                assert_hr_sees_no_result_of_others(world)
            raise Rollback
    except Rollback:
        pass


def test_the_property_holds_for_the_attack_of_the_issue(world, opened):
    """The example the issue gives, as one sequence of the property (override, then refresh)."""
    target = Evaluation.objects.get(servant=world.a_staff1)
    hr_servant = Servant.objects.filter(organisation=world.org).order_by("pk")
    own = list(hr_servant).index(world.hr_staff)
    assignment = list(Assignment.objects.order_by("pk")).index(world.a_staff1_assignment)
    evaluation = list(Evaluation.objects.order_by("pk")).index(target)
    for action in [("managers", assignment, own, None), ("refresh", evaluation)]:
        with pytest.raises(DomainError):
            act(world, opened, action)
        assert_hr_sees_no_result_of_others(world)
