"""The post's job description through the REST API (seed 001 p.34; issue 11 item 6): read with
the position, written by HR through `position_update`; too long is a 400 naming the field; staff
and another organisation's HR are refused; nothing is written after a refusal."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from bagalau.core import bounds
from bagalau.org.models import Position
from tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db

TEXT = "Азаматтардың өтініштерін қарайды"


def _client(user):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


def _url(world):
    return reverse("api:org-position", args=[world.a_staff1_assignment.position_id])


def _stored(world):
    return Position.objects.get(pk=world.a_staff1_assignment.position_id).job_description


def test_hr_writes_it_and_everyone_in_the_organisation_reads_it(world):
    done = _client(world.hr_staff_user).patch(
        _url(world), {"job_description": f"  {TEXT} "}, format="json"
    )
    assert done.status_code == 200
    assert done.json()["job_description"] == TEXT == _stored(world)
    read = _client(world.a_staff2_user).get(_url(world))
    assert read.json()["job_description"] == TEXT
    kept = _client(world.hr_staff_user).patch(_url(world), {"order": 2}, format="json")
    assert (kept.json()["job_description"], kept.json()["order"]) == (TEXT, 2)


def test_too_long_is_refused_naming_the_field_and_nothing_is_written(world):
    refused = _client(world.hr_staff_user).patch(
        _url(world), {"job_description": "я" * (bounds.LONG_TEXT + 1)}, format="json"
    )
    assert refused.status_code == 400
    error = refused.json()["error"]
    assert (error["field"], bool(error["message"])) == ("job_description", True)
    assert _stored(world) == ""


def test_staff_and_another_organisations_hr_are_refused_and_nothing_is_written(world):
    other_hr = UserFactory()
    RoleAssignmentFactory(user=other_hr, organisation=OrganisationFactory(), role="hr")
    for user, status in ((world.a_staff1_user, 403), (world.a_head_user, 403), (other_hr, 404)):
        response = _client(user).patch(_url(world), {"job_description": TEXT}, format="json")
        assert response.status_code == status, user
    assert _stored(world) == ""
