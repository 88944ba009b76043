"""The schedule endpoints under /api/v1/evaluations/: same services and rules as the pages, with
their permission matrix (anonymous 403; refused requests change nothing) and JSON errors."""

import datetime as dt

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from bagalau.api import evaluations_schedule
from bagalau.audit.models import AuditEntry
from bagalau.evaluations.models import Evaluation, Period, Schedule, ScheduleStatus
from bagalau.evaluations.services.schedule import period_open, schedule_submit
from bagalau.notifications.models import Notification
from bagalau.org.models import Role
from tests.evaluations.test_schedule_support import approved, drafted, quarter
from tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory


@pytest.fixture
def other_hr(world):
    user = UserFactory(username="other_hr")
    RoleAssignmentFactory(user=user, organisation=OrganisationFactory(), role=Role.HR)
    return user


def api(world, who, other_hr=None):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if who != "anonymous":
        client.force_authenticate(other_hr if who == "other_hr" else getattr(world, f"{who}_user"))
    return client


def snapshot():
    return (
        list(Schedule.objects.order_by("pk").values_list("pk", "status", "approved_by")),
        list(Period.objects.order_by("pk").values_list("pk", "planned_date", "status")),
        Evaluation.objects.count(),
        Notification.objects.count(),
        AuditEntry.objects.exclude(action="view").count(),
    )


def url(name, *args):
    return reverse(f"api:evaluations_{name}", args=args)


# --- the schedule ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["a_staff1", "a_head", "hr_staff", "head", "admin"])
def test_members_read_the_schedule_with_every_date(world, who):
    schedule = drafted(world)
    response = api(world, who).get(url("schedules"), {"year": 2026})
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["status"], body["edition"]) == (schedule.pk, "draft", "sjc-2023")
    q1 = body["periods"][0]
    assert (q1["kind"], q1["number"], q1["title"]) == ("quarter", 1, "Quarter 1")
    assert (q1["deadline"], q1["planned_date"]) == ("2026-04-10", "2026-04-10")
    assert (q1["notify_managers_by"], q1["notify_staff_by"]) == ("2026-04-05", "2026-04-10")
    assert q1["actuals_due"] == "2026-04-03"
    assert [p["kind"] for p in body["periods"]][-2:] == ["annual", "survey360"]
    assert api(world, who).get(url("schedule", schedule.pk)).status_code == 200


@pytest.mark.parametrize(
    ("who", "expected"), [("anonymous", 403), ("outsider", 404), ("other_hr", 404)]
)
def test_the_schedule_is_not_shown_outside_the_organisation(world, other_hr, who, expected):
    schedule = drafted(world)
    client = api(world, who, other_hr)
    assert client.get(url("schedule", schedule.pk)).status_code == expected
    response = client.get(url("schedules"), {"year": 2026, "organisation": world.org.pk})
    assert response.status_code == expected
    assert "error" in response.json()


def test_missing_year_and_unknown_year(world):
    client = api(world, "hr_staff")
    response = client.get(url("schedules"))
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "year"
    assert client.get(url("schedules"), {"year": 2030}).status_code == 404


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 403),
        ("outsider", 404),
        ("a_staff1", 403),
        ("a_head", 403),
        ("head", 403),
        ("admin", 403),
        ("hr_staff", 201),
        ("hr_head", 201),
    ],
)
def test_draft_permission_matrix(world, who, expected):
    before = snapshot()
    response = api(world, who).post(url("schedules"), {"year": 2026}, format="json")
    assert response.status_code == expected
    if expected == 201:
        assert response.json()["status"] == "draft"
        assert len(response.json()["periods"]) == 6
    else:
        assert snapshot() == before


def test_a_second_schedule_is_a_400_naming_the_year(world):
    drafted(world)
    before = snapshot()
    response = api(world, "hr_staff").post(url("schedules"), {"year": 2026}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "error": {"field": "year", "message": "There is already an evaluation schedule for 2026."}
    }
    assert snapshot() == before


def test_another_organisations_hr_cannot_draft_here(world, other_hr):
    response = api(world, "other_hr", other_hr).post(
        url("schedules"), {"year": 2026, "organisation": world.org.pk}, format="json"
    )
    assert response.status_code == 404
    assert not Schedule.objects.filter(organisation=world.org).exists()


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 403),
        ("outsider", 404),
        ("other_hr", 404),
        ("a_staff1", 403),
        ("head", 403),
        ("admin", 403),
        ("hr_staff", 200),
    ],
)
def test_submit_permission_matrix(world, other_hr, who, expected):
    schedule = drafted(world)
    before = snapshot()
    response = api(world, who, other_hr).post(url("schedule_submit", schedule.pk))
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["status"] == "submitted"
    else:
        assert snapshot() == before


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 403),
        ("outsider", 404),
        ("other_hr", 404),
        ("a_staff1", 403),
        ("hr_staff", 403),
        ("hr_head", 403),
        ("admin", 403),
        ("head", 200),
    ],
)
def test_approve_and_return_permission_matrix(world, other_hr, who, expected):
    schedule = drafted(world)
    schedule_submit(actor=world.hr_staff_user, schedule_id=schedule.pk)
    before = snapshot()
    client = api(world, who, other_hr)
    returned = client.post(url("schedule_return", schedule.pk), {"comment": "Q2"}, format="json")
    assert returned.status_code == expected
    if expected == 200:
        assert (returned.json()["status"], returned.json()["return_comment"]) == ("draft", "Q2")
        schedule_submit(actor=world.hr_staff_user, schedule_id=schedule.pk)
        response = client.post(url("schedule_approve", schedule.pk))
        assert response.status_code == 200
        assert response.json()["status"] == "approved"
    else:
        assert client.post(url("schedule_approve", schedule.pk)).status_code == expected
        assert snapshot() == before


def test_return_needs_a_comment(world):
    schedule = drafted(world)
    schedule_submit(actor=world.hr_staff_user, schedule_id=schedule.pk)
    before = snapshot()
    response = api(world, "head").post(url("schedule_return", schedule.pk), {}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "comment"
    assert snapshot() == before


# --- planned date ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 403),
        ("outsider", 404),
        ("other_hr", 404),
        ("a_staff1", 403),
        ("head", 403),
        ("admin", 403),
    ],
)
def test_planned_date_permission_matrix(world, other_hr, who, expected):
    period = quarter(drafted(world), 1)
    before = snapshot()
    response = api(world, who, other_hr).post(
        url("period_planned_date", period.pk), {"planned_date": "2026-04-08"}, format="json"
    )
    assert response.status_code == expected
    assert snapshot() == before


def test_planned_date_rules(world):
    period = quarter(drafted(world), 1)
    client = api(world, "hr_staff")
    late = client.post(
        url("period_planned_date", period.pk), {"planned_date": "2026-04-11"}, format="json"
    )
    assert late.status_code == 400
    assert late.json()["error"] == {
        "field": "planned_date",
        "message": "The planned date cannot be after the legal deadline, 10.04.2026.",
    }
    ok = client.post(
        url("period_planned_date", period.pk),
        {"planned_date": "2026-04-08", "expected": "2026-04-10"},
        format="json",
    )
    assert ok.status_code == 200
    assert ok.json()["planned_date"] == "2026-04-08"
    stale = client.post(
        url("period_planned_date", period.pk),
        {"planned_date": "2026-04-07", "expected": "2026-04-10"},
        format="json",
    )
    assert stale.status_code == 409
    bad = client.post(url("period_planned_date", period.pk), {"planned_date": "x"}, format="json")
    assert bad.status_code == 400
    assert bad.json()["error"]["field"] == "planned_date"
    period.refresh_from_db()
    assert period.planned_date == dt.date(2026, 4, 8)


# --- roster, open, close, progress -----------------------------------------------------------


@pytest.fixture
def period(world):
    return quarter(approved(world), 1)


@pytest.mark.parametrize(
    ("who", "expected", "rows"),
    [
        ("anonymous", 403, None),
        ("outsider", 404, None),
        ("other_hr", 404, None),
        ("a_staff1", 403, None),
        ("admin", 403, None),
        ("a_head", 200, 2),
        ("hr_staff", 200, 8),
        ("head", 200, 8),
    ],
)
def test_roster_permission_matrix(world, other_hr, period, who, expected, rows):
    response = api(world, who, other_hr).get(url("period_roster", period.pk))
    assert response.status_code == expected
    if rows is not None:
        body = response.json()
        assert len(body["rows"]) == rows
        first = body["rows"][0]
        # Notification dates are HR's only.
        assert (first["notify_by"] is not None) == (who == "hr_staff")


def test_roster_rows(world, period):
    body = api(world, "hr_staff").get(url("period_roster", period.pk)).json()
    by_name = {row["servant"]["name"]: row for row in body["rows"]}
    a_head = by_name[world.a_head.full_name]
    assert (a_head["method"], a_head["reason"], a_head["due"]) == ("kpi", "evaluated", "2026-04-10")
    assert a_head["evaluator"] == {"id": world.deputy.pk, "name": world.deputy.full_name}
    assert (a_head["notify_by"], a_head["plan_status"], a_head["status"]) == (
        "2026-04-05",
        None,
        "pending",
    )
    staff = by_name[world.a_staff1.full_name]
    assert (staff["method"], staff["notify_by"]) == ("differentiation", "2026-04-10")
    assert world.head.full_name not in by_name


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 403),
        ("outsider", 404),
        ("other_hr", 404),
        ("a_staff1", 403),
        ("a_head", 403),
        ("head", 403),
        ("admin", 403),
    ],
)
def test_open_and_close_permission_matrix(world, other_hr, period, clock, who, expected):
    clock(dt.date(2026, 4, 1))
    before = snapshot()
    client = api(world, who, other_hr)
    assert client.post(url("period_open", period.pk)).status_code == expected
    assert client.post(url("period_close", period.pk)).status_code == expected
    assert snapshot() == before


def test_open_is_idempotent_and_close_waits_for_final(world, period, clock):
    client = api(world, "hr_staff")
    clock(dt.date(2026, 2, 28))  # before the quarter's last month
    early = client.post(url("period_open", period.pk))
    assert early.status_code == 400
    assert early.json()["error"]["field"] == "date"
    clock(dt.date(2026, 4, 1))
    first = client.post(url("period_open", period.pk))
    assert first.status_code == 200
    assert len(first.json()["created"]) == 8
    assert first.json()["period"]["status"] == "open"
    notifications = Notification.objects.count()
    again = client.post(url("period_open", period.pk))
    assert again.json()["created"] == []
    assert Notification.objects.count() == notifications
    refused = client.post(url("period_close", period.pk))
    assert refused.status_code == 400
    assert refused.json()["error"]["field"] == "status"
    Evaluation.objects.filter(period=period).update(status="final")
    closed = client.post(url("period_close", period.pk))
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed"


def test_open_an_unapproved_schedule_is_refused(world, clock):
    clock(dt.date(2026, 4, 1))
    schedule = drafted(world)
    response = api(world, "hr_staff").post(url("period_open", quarter(schedule, 1).pk))
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "schedule"
    assert Schedule.objects.get().status == ScheduleStatus.DRAFT
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 403),
        ("outsider", 404),
        ("other_hr", 404),
        ("a_staff1", 403),
        ("a_head", 403),
        ("head", 403),
        ("admin", 403),
        ("hr_staff", 200),
        ("hr_head", 200),
    ],
)
def test_progress_permission_matrix(world, other_hr, period, clock, who, expected):
    clock(dt.date(2026, 4, 1))
    period_open(actor=world.hr_staff_user, period_id=period.pk)
    Evaluation.objects.filter(servant=world.a_staff1).update(status="signed", score="4.25")
    clock(dt.date(2026, 4, 13))
    response = api(world, who, other_hr).get(url("period_progress", period.pk))
    assert response.status_code == expected
    if expected == 200:
        body = response.json()
        assert "4.25" not in response.content.decode()  # counts only
        assert (body["total"]["due"], body["total"]["signed"], body["total"]["overdue"]) == (
            8,
            1,
            7,
        )
        legal = next(u for u in body["units"] if u["unit"]["id"] == world.unit_a.pk)
        assert (legal["due"], legal["signed"]) == (3, 1)
        assert len(body["overdue"]) == 7
        assert set(body["overdue"][0]) == {
            "evaluation",
            "servant",
            "unit",
            "evaluator",
            "due_date",
            "status",
        }


def test_the_schema_documents_the_schedule_endpoints(db):
    schema = SchemaGenerator(patterns=evaluations_schedule.urlpatterns).get_schema(
        request=None, public=True
    )
    assert {
        "/schedules/",
        "/schedules/{schedule_id}/",
        "/schedules/{schedule_id}/submit/",
        "/schedules/{schedule_id}/approve/",
        "/schedules/{schedule_id}/return/",
        "/periods/{period_id}/planned-date/",
        "/periods/{period_id}/roster/",
        "/periods/{period_id}/open/",
        "/periods/{period_id}/close/",
        "/periods/{period_id}/progress/",
    } <= set(schema["paths"])
    assert {"ScheduleDraft", "SchedulePeriod", "ScheduleRoster"} <= set(
        schema["components"]["schemas"]
    )
