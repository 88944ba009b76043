"""The post's job description (seed 001 p.34: presented to the commission with the sheets): HR
writes it on the position; an update that does not send it keeps it; too long is refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from bagalau.core import bounds
from bagalau.core.errors import DomainError
from bagalau.org import services

pytestmark = pytest.mark.django_db


def _update(world, actor, **values):
    position = world.a_staff1_assignment.position
    position.refresh_from_db()
    return services.position_update(
        actor=actor,
        position_id=position.pk,
        unit_id=position.unit_id,
        name_kk=position.name_kk,
        category=position.category,
        **values,
    )


def test_hr_writes_the_job_description_and_an_update_without_it_keeps_it(world):
    done = _update(world, world.hr_staff_user, job_description="  Өтініштерді қарайды ")
    assert done.job_description == "Өтініштерді қарайды"
    kept = _update(world, world.hr_staff_user, order=3)
    assert (kept.job_description, kept.order) == ("Өтініштерді қарайды", 3)


def test_too_long_or_not_hr_is_refused(world):
    with pytest.raises(DomainError) as error:
        _update(world, world.hr_staff_user, job_description="я" * (bounds.LONG_TEXT + 1))
    assert error.value.field == "job_description"
    with pytest.raises(PermissionDenied):
        _update(world, world.a_staff1_user, job_description="x")
    world.a_staff1_assignment.position.refresh_from_db()
    assert world.a_staff1_assignment.position.job_description == ""
