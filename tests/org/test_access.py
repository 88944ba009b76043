"""The org lookups `<entity>_get_for(*, user, id)`: the row for whoever may reach it, the same 404
for a missing row and for one of another organisation (pages and API use them alike)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.org import access
from bagalau.org.models import EditionAssignment, RoleAssignment
from tests.factories import AbsenceFactory

LOOKUPS: dict[str, tuple[Callable[..., Any], Callable[[Any], Any]]] = {
    "unit": (access.unit_get_for, lambda w: w.unit_a),
    "position": (access.position_get_for, lambda w: w.a_staff1_assignment.position),
    "assignment": (access.assignment_get_for, lambda w: w.a_staff1_assignment),
    "colleague": (access.colleague_get_for, lambda w: w.a_staff1),
    "servant": (access.servant_get_for, lambda w: w.a_staff1),
    "absence": (
        access.absence_get_for,
        lambda w: AbsenceFactory(
            servant=w.a_staff1, start=dt.date(2026, 7, 1), end=dt.date(2026, 7, 3)
        ),
    ),
    "role": (access.role_get_for, lambda w: RoleAssignment.objects.get(user=w.hr_staff_user)),
    "edition": (
        access.edition_get_for,
        lambda w: EditionAssignment.objects.filter(organisation=w.org).first(),
    ),
}


@pytest.mark.parametrize("entity", LOOKUPS)
def test_a_lookup_gives_the_row_to_hr_and_the_same_404_to_outsiders(world, other, entity):
    lookup, row_of = LOOKUPS[entity]
    row = row_of(world)
    assert lookup(user=world.hr_staff_user, id=row.pk) == row
    with pytest.raises(Http404) as outside:
        lookup(user=other.hr_user, id=row.pk)
    with pytest.raises(Http404) as missing:
        lookup(user=other.hr_user, id=999999)
    assert str(outside.value) == str(missing.value)


@pytest.mark.parametrize("entity", ["servant", "absence"])
def test_personal_rows_are_refused_to_a_colleague_without_the_right(world, entity):
    lookup, row_of = LOOKUPS[entity]
    row = row_of(world)
    with pytest.raises(PermissionDenied):
        lookup(user=world.a_staff2_user, id=row.pk)
    assert lookup(user=world.a_head_user, id=row.pk) == row  # the direct manager


@pytest.mark.parametrize("entity", ["unit", "position", "assignment", "colleague"])
def test_structure_rows_are_seen_by_every_member(world, entity):
    lookup, row_of = LOOKUPS[entity]
    row = row_of(world)
    assert lookup(user=world.a_staff2_user, id=row.pk) == row
