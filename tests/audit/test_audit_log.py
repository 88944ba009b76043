"""The audit log: entries know their organisation; only the HR head reads them."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.utils import timezone

from bagalau.audit.models import AuditEntry
from bagalau.audit.services import audit_log, audit_log_many
from bagalau.evaluations.access import evaluation_get_for
from bagalau.evaluations.models import EvaluationStatus
from tests.factories import (
    EvaluationFactory,
    OrganisationFactory,
    PeriodFactory,
    ScheduleFactory,
    UserFactory,
)


@pytest.fixture
def evaluation(world):
    period = PeriodFactory(
        schedule=ScheduleFactory(organisation=world.org, drafted_by=world.hr_staff_user)
    )
    return EvaluationFactory(
        period=period,
        servant=world.a_staff1,
        assignment=world.a_staff1_assignment,
        evaluator=world.a_head,
        status=EvaluationStatus.SIGNED,
        score=D("3.75"),
        rating="proper",
    )


def test_an_entry_knows_the_organisation_of_its_object(world, evaluation):
    entry = audit_log(actor=world.hr_head_user, action="view", obj=evaluation)
    assert entry.organisation == world.org
    assert audit_log(actor=None, action="update", obj=world.unit_a).organisation == world.org
    assert audit_log(actor=None, action="update", obj=world.org).organisation == world.org


def test_an_entry_is_summarised_by_its_objects_name_unless_told_otherwise(world, evaluation):
    named = audit_log(actor=world.hr_head_user, action="view", obj=evaluation)
    assert named.summary == str(evaluation) != ""
    told = audit_log(actor=None, action="update", obj=world.unit_a, summary="renamed")
    assert told.summary == "renamed"
    assert audit_log(actor=None, action="update", obj=world.org, summary="").summary == ""


def test_many_entries_are_the_rows_audit_log_writes_in_one_insert(
    world, evaluation, django_assert_num_queries
):
    items = [
        (evaluation, "first", {"score": (None, D("3.75"))}),
        (world.unit_a, "second", None),
    ]
    with django_assert_num_queries(1):
        written = audit_log_many(
            actor=world.hr_staff_user, action="create", organisation=world.org, items=items
        )
    assert written == 2
    single = audit_log(
        actor=world.hr_staff_user,
        action="create",
        obj=evaluation,
        summary="first",
        changes={"score": (None, D("3.75"))},
    )
    fields = ("actor", "organisation", "action", "object_type", "object_id", "summary", "changes")
    rows = AuditEntry.objects.filter(action="create").order_by("pk")
    assert [[getattr(row, f) for f in fields] for row in rows] == [
        [
            world.hr_staff_user,
            world.org,
            "create",
            "evaluations.evaluation",
            str(evaluation.pk),
            "first",
            {"score": [None, "3.75"]},
        ],
        [world.hr_staff_user, world.org, "create", "org.unit", str(world.unit_a.pk), "second", {}],
        [getattr(single, f) for f in fields],
    ]


def test_reading_a_result_is_logged_and_shown_to_the_hr_head(client, world, evaluation):
    evaluation_get_for(user=world.a_staff1_user, id=evaluation.pk)
    client.force_login(world.hr_head_user)
    page = client.get("/audit/", {"object_id": evaluation.pk})
    assert page.status_code == 200
    (row,) = page.context["rows"]
    assert (row.actor, row.action) == (world.a_staff1.full_name, "opened")
    api = client.get("/api/v1/audit/entries/", {"action": "view"})
    assert api.status_code == 200
    rows = api.json()["results"]
    assert [(r["actor"], r["object_id"]) for r in rows] == [("a_staff1", str(evaluation.pk))]


@pytest.mark.parametrize(
    "who",
    ["hr_staff_user", "head_user", "admin_user", "a_head_user", "a_staff1_user", "outsider_user"],
)
def test_nobody_else_reads_the_log(client, world, evaluation, who):
    audit_log(
        actor=world.hr_head_user,
        action="update",
        obj=evaluation,
        changes={"score": (D("3.50"), D("3.75"))},
    )
    before = AuditEntry.objects.count()
    client.force_login(getattr(world, who))
    assert client.get("/audit/").status_code == 404
    assert client.get("/api/v1/audit/entries/").status_code == 404
    assert AuditEntry.objects.count() == before


def test_anonymous_is_sent_to_log_in(client, world):
    assert client.get("/audit/").status_code == 302
    assert client.get("/api/v1/audit/entries/").status_code == 403


def test_another_organisations_hr_head_sees_none_of_these_entries(client, world, evaluation):
    other = OrganisationFactory()
    head = UserFactory(username="other_hr_head")
    from tests.factories import RoleAssignmentFactory

    RoleAssignmentFactory(user=head, organisation=other, role="hr_head")
    evaluation_get_for(user=world.a_staff1_user, id=evaluation.pk)
    client.force_login(head)
    assert client.get("/api/v1/audit/entries/").json()["results"] == []


def test_filters_by_date(client, world, evaluation):
    audit_log(actor=world.hr_head_user, action="view", obj=evaluation)
    client.force_login(world.hr_head_user)
    tomorrow = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    assert client.get("/api/v1/audit/entries/", {"since": tomorrow}).json()["results"] == []
