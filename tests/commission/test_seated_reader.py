"""The commission's members read the typical-2018 evaluations of their sessions' agenda (G-5), and
a list names each evaluation once however many ways the reader reaches it (issue 12: the lists
are read without DISTINCT, so no reader may join over many rows)."""

from __future__ import annotations

import pytest

from bagalau.typical.access import typical_evaluations_visible_to

pytestmark = pytest.mark.django_db


def _listed(user) -> list[int]:
    return list(typical_evaluations_visible_to(user).values_list("pk", flat=True))


def test_a_member_reads_the_agenda_once_whatever_the_number_of_seats(held):
    assert held.session.version.seats.count() == 6  # a join over the seats gave six rows each
    listed = _listed(held.b_staff1_user)  # a member, neither evaluatee nor manager
    assert sorted(listed) == sorted([held.eval1.pk, held.eval2.pk])
    both = _listed(held.hr_staff_user)  # the secretary, and HR: every seat's row passed
    assert len(both) == len(set(both))
    assert {held.eval1.pk, held.eval2.pk} <= set(both)


def test_a_servant_off_the_agenda_reads_nothing_of_it(held):
    assert _listed(held.outsider_user) == []
