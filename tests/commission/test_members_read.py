"""The commission's chair, members and secretary read the sheets of the servants on their
sessions' agenda (seed 004 p.36: the sheets go before the commission; EDITIONS.md §9 G-5), read
only, every read audited; before the servant is on an agenda, or for another servant, the
evaluation does not exist for them (404)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.typical.access import typical_evaluations_visible_to
from tests.commission.conftest import schedule

pytestmark = pytest.mark.django_db


def test_a_member_reads_the_servant_on_the_agenda_and_nobody_else(formed, client):
    assert formed.eval1 not in typical_evaluations_visible_to(formed.b_staff1_user)
    client.force_login(formed.b_staff1_user)
    url = reverse("typical:evaluation", args=[formed.eval1.pk])
    assert client.get(url).status_code == 404
    schedule(formed, evaluations=[formed.eval1])
    visible = typical_evaluations_visible_to(formed.b_staff1_user)
    assert formed.eval1 in visible
    assert formed.eval2 not in visible
    before = AuditEntry.objects.filter(actor=formed.b_staff1_user, action="view").count()
    assert client.get(url).status_code == 200
    after = AuditEntry.objects.filter(actor=formed.b_staff1_user, action="view").count()
    assert after == before + 1
    other = reverse("typical:evaluation", args=[formed.eval2.pk])
    assert client.get(other).status_code == 404


def test_a_seat_in_another_organisation_reads_nothing(formed):
    schedule(formed, evaluations=[formed.eval1])
    assert not typical_evaluations_visible_to(formed.other_hr_user).exists()
