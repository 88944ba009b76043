"""The forming and amending orders, and the version a session sits as (A1-A3, G1; G-6, T-22)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.commission import services
from bagalau.commission.models import CommissionSeat, OrderKind
from bagalau.core.errors import DomainError
from tests.commission.conftest import (
    FORMED,
    SESSION_DAY,
    counts,
    extra_servants,
    form,
    schedule,
    seats_of,
)


def test_the_forming_order_is_the_first_version(case):
    version = form(case)
    assert version.kind == OrderKind.FORMING
    assert version.edition == "almaty-2018"
    roles = sorted(CommissionSeat.objects.filter(version=version).values_list("role", flat=True))
    assert roles == ["chair", "member", "member", "member", "member", "secretary"]


def test_fewer_than_five_members_refused_in_almaty_2018_and_nothing_written(case):
    before = counts()
    with pytest.raises(DomainError) as error:
        form(case, seats=seats_of(case, members=("a_head", "b_head", "hr_head")))
    assert error.value.field == "seats"
    assert "at least 5 members" in error.value.message
    assert counts() == before


@pytest.mark.parametrize(
    ("change", "text"),
    [
        ({"secretary": "b_staff1", "members": ("a_head", "b_head", "hr_head", "a_staff1")}, "HR"),
        ({"members": ("a_head", "b_head", "hr_head", "hr_staff")}, "twice"),
    ],
)
def test_the_secretary_is_an_hr_servant_and_holds_one_seat(case, change, text):
    before = counts()
    with pytest.raises(DomainError) as error:
        form(case, seats=seats_of(case, **change))
    assert error.value.field == "seats"
    assert text in error.value.message
    assert counts() == before


def test_one_chair_and_one_secretary(case):
    seats = seats_of(case) + [(case.a_staff1.pk, "chair")]
    with pytest.raises(DomainError, match="exactly one chair"):
        form(case, seats=seats)
    seats = seats_of(case) + [(case.hr_head.pk, "secretary")]
    with pytest.raises(DomainError):
        form(case, seats=seats)
    assert counts().versions == 0


def test_the_order_is_signed_by_the_authorised_person(case):
    with pytest.raises(DomainError) as error:
        form(case, signatory_id=case.hr_head.pk)
    assert error.value.field == "signatory"


def test_an_order_cannot_be_dated_in_the_future(case, clock):
    clock(dt.date(2019, 1, 9))
    with pytest.raises(DomainError) as error:
        form(case)
    assert error.value.field == "order_date"


def test_an_edition_without_a_commission_is_refused(case):
    """In 2024 the organisation evaluates under sjc-2023, which has no commission."""
    with pytest.raises(DomainError) as error:
        form(case, order_date=dt.date(2024, 2, 1))
    assert "no commission workflow" in error.value.message
    assert counts().versions == 0


def test_formed_once_then_amended(case):
    form(case)
    with pytest.raises(DomainError, match="amending order"):
        form(case, order_number="2", order_date=dt.date(2019, 2, 1))
    amended = services.commission_amend(
        actor=case.hr_staff_user,
        organisation_id=case.org.pk,
        order_number="7",
        order_date=dt.date(2019, 6, 1),
        signatory_id=case.head.pk,
        seats=seats_of(case, chair="a_head", members=("deputy", "b_head", "hr_head", "a_staff2")),
    )
    assert amended.kind == OrderKind.AMENDING
    assert counts().versions == 2


def test_amending_needs_the_forming_order(case):
    with pytest.raises(DomainError, match="not formed"):
        services.commission_amend(
            actor=case.hr_staff_user,
            organisation_id=case.org.pk,
            order_number="7",
            order_date=dt.date(2019, 6, 1),
            signatory_id=case.head.pk,
            seats=seats_of(case),
        )


def _amend(world, day, chair="a_head"):
    return services.commission_amend(
        actor=world.hr_staff_user,
        organisation_id=world.org.pk,
        order_number=f"A-{day:%m%d}",
        order_date=day,
        signatory_id=world.head.pk,
        seats=seats_of(world, chair=chair, members=("deputy", "b_head", "hr_head", "b_staff1")),
    )


def test_a_session_sits_as_the_version_in_force_on_its_date(formed):
    amended = _amend(formed, dt.date(2019, 12, 1))
    early = schedule(formed, day=dt.date(2019, 11, 20), evaluations=[formed.eval1])
    late = schedule(formed, day=SESSION_DAY, evaluations=[formed.eval2])
    assert early.version == formed.version
    assert late.version == amended


def test_an_amendment_cannot_take_effect_on_or_before_a_recorded_session(formed):
    schedule(formed)
    before = counts()
    with pytest.raises(DomainError) as error:
        _amend(formed, SESSION_DAY)
    assert error.value.field == "order_date"
    assert counts() == before


def test_no_session_before_the_forming_order(formed):
    with pytest.raises(DomainError) as error:
        schedule(formed, day=FORMED - dt.timedelta(days=1))
    assert error.value.field == "date"
    assert counts().sessions == 0


def test_the_agenda_takes_only_evaluations_before_the_commission(formed):
    formed.eval1.status = "pending"
    formed.eval1.save()
    with pytest.raises(DomainError) as error:
        schedule(formed)
    assert error.value.field == "evaluations"
    assert counts().sessions == 0


def test_a_servant_is_on_one_open_session_at_a_time(formed):
    schedule(formed)
    with pytest.raises(DomainError):
        schedule(formed, day=SESSION_DAY + dt.timedelta(days=1))


def test_the_chair_agrees_before_the_session(formed):
    with pytest.raises(DomainError) as error:
        schedule(formed, chair_agreed_on=SESSION_DAY + dt.timedelta(days=1))
    assert error.value.field == "chair_agreed_on"


def test_only_the_working_body_records_orders_and_sessions(case):
    for user in (case.deputy_user, case.head_user):
        with pytest.raises(PermissionDenied):
            form(case, actor=user)
    for user in (case.outsider_user, case.other_hr_user):
        with pytest.raises(Http404):
            form(case, actor=user)
    assert counts().versions == 0


def test_a_larger_commission_is_allowed(case):
    extra = extra_servants(case, 2)
    seats = seats_of(case) + [(s.pk, "member") for s in extra]
    version = form(case, seats=seats)
    assert version.seats.count() == 8
