"""The schedule pages: every view's permission matrix (refused requests change nothing), the
HTMX planned-date edit, the roster, the cycle overview, the menu entry and dashboard panels."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.evaluations.models import Evaluation, Period, PeriodStatus, Schedule, ScheduleStatus
from bagalau.notifications.models import Notification
from bagalau.org.models import Role
from bagalau.plans.models import PlanStatus
from tests.evaluations.test_schedule_support import approved, drafted, quarter
from tests.factories import (
    AbsenceFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
    UserFactory,
    WorkPlanFactory,
)

MEMBERS = ["a_staff1", "a_head", "hr_staff", "hr_head", "head", "admin"]


@pytest.fixture
def other_hr(world):
    """HR of another organisation: out of scope everywhere here."""
    user = UserFactory(username="other_hr")
    RoleAssignmentFactory(user=user, organisation=OrganisationFactory(), role=Role.HR)
    return user


def client_for(world, who, other_hr=None):
    client = Client()
    client.cookies["bagalau_language"] = "en"
    if who == "anonymous":
        return client
    user = other_hr if who == "other_hr" else getattr(world, f"{who}_user")
    client.force_login(user)
    return client


def snapshot():
    """Everything a schedule page could change."""
    return (
        list(Schedule.objects.order_by("pk").values_list("pk", "status", "approved_by")),
        list(Period.objects.order_by("pk").values_list("pk", "planned_date", "status")),
        Evaluation.objects.count(),
        Notification.objects.count(),
        AuditEntry.objects.exclude(action="view").count(),
    )


def refused(response, expected):
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected


# --- the schedule page -----------------------------------------------------------------------


@pytest.mark.parametrize("who", MEMBERS)
def test_every_member_sees_the_schedule_dates(world, clock, who):
    clock(dt.date(2026, 2, 1))
    approved(world)
    response = client_for(world, who).get(reverse("evaluations:schedule"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Evaluation schedule for 2026" in html
    assert "10.04.2026" in html  # Q1 deadline
    assert "03.04.2026" in html  # actual values due
    assert "05.04.2026" in html  # managers told by
    assert "10.01.2027" in html  # annual / 360
    roster_link = reverse(
        "evaluations:schedule_roster", args=[quarter(Schedule.objects.get(), 1).pk]
    )
    assert (roster_link in html) == (who in ("hr_staff", "hr_head", "head"))


@pytest.mark.parametrize(("who", "expected"), [("anonymous", "login"), ("outsider", 403)])
def test_the_schedule_page_is_refused_outside_the_organisation(world, who, expected):
    drafted(world)
    refused(client_for(world, who).get(reverse("evaluations:schedule")), expected)


def test_another_organisations_hr_does_not_see_this_schedule(world, other_hr):
    drafted(world)
    html = client_for(world, "other_hr", other_hr).get(reverse("evaluations:schedule")).content
    assert b"There is no evaluation schedule for" in html
    assert b"10.04.2026" not in html


def test_hr_sees_draft_controls_staff_do_not(world, clock):
    clock(dt.date(2026, 2, 1))
    html = client_for(world, "hr_staff").get(reverse("evaluations:schedule")).content.decode()
    assert "Draft the schedule" in html
    html = client_for(world, "a_staff1").get(reverse("evaluations:schedule")).content.decode()
    assert "Draft the schedule" not in html
    schedule = drafted(world)
    planned = reverse("evaluations:schedule_planned_date", args=[quarter(schedule, 1).pk])
    hr = client_for(world, "hr_staff").get(reverse("evaluations:schedule")).content.decode()
    assert planned in hr
    assert reverse("evaluations:schedule_submit", args=[schedule.pk]) in hr
    staff = client_for(world, "a_staff1").get(reverse("evaluations:schedule")).content.decode()
    assert planned not in staff
    assert reverse("evaluations:schedule_submit", args=[schedule.pk]) not in staff


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "login"),
        ("outsider", 403),
        ("a_staff1", 403),
        ("a_head", 403),
        ("head", 403),
        ("admin", 403),
        ("hr_staff", 302),
    ],
)
def test_draft_permission_matrix(world, who, expected):
    before = snapshot()
    response = client_for(world, who).post(reverse("evaluations:schedule_draft"), {"year": 2026})
    if expected == 302:
        assert response.status_code == 302
        assert Schedule.objects.get().status == ScheduleStatus.DRAFT
    else:
        refused(response, expected)
        assert snapshot() == before


def test_a_second_draft_shows_the_error_next_to_the_year(world):
    drafted(world)
    before = snapshot()
    response = client_for(world, "hr_head").post(
        reverse("evaluations:schedule_draft"), {"year": 2026}
    )
    assert response.status_code == 400
    assert response.context["draft_form"].errors == {
        "year": ["There is already an evaluation schedule for 2026."]
    }
    assert snapshot() == before


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "login"),
        ("outsider", 403),
        ("other_hr", 404),
        ("a_staff1", 403),
        ("head", 403),
        ("admin", 403),
        ("hr_staff", 302),
    ],
)
def test_submit_permission_matrix(world, other_hr, who, expected):
    schedule = drafted(world)
    before = snapshot()
    response = client_for(world, who, other_hr).post(
        reverse("evaluations:schedule_submit", args=[schedule.pk])
    )
    schedule.refresh_from_db()
    if expected == 302:
        assert response.status_code == 302
        assert schedule.status == ScheduleStatus.SUBMITTED
        assert Notification.objects.filter(kind="schedule_to_approve").count() == 1
    else:
        refused(response, expected)
        assert snapshot() == before


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "login"),
        ("outsider", 403),
        ("other_hr", 404),
        ("a_staff1", 403),
        ("a_head", 403),
        ("hr_staff", 403),
        ("hr_head", 403),
        ("admin", 403),
        ("head", 302),
    ],
)
def test_approve_and_return_permission_matrix(world, other_hr, who, expected):
    from bagalau.evaluations.services.schedule import schedule_submit

    schedule = drafted(world)
    schedule_submit(actor=world.hr_staff_user, schedule_id=schedule.pk)
    before = snapshot()
    client = client_for(world, who, other_hr)
    returned = client.post(
        reverse("evaluations:schedule_return", args=[schedule.pk]), {"comment": "Fix Q2"}
    )
    if expected == 302:
        assert returned.status_code == 302
        schedule.refresh_from_db()
        assert schedule.status == ScheduleStatus.DRAFT
        schedule_submit(actor=world.hr_staff_user, schedule_id=schedule.pk)
        response = client.post(reverse("evaluations:schedule_approve", args=[schedule.pk]))
        assert response.status_code == 302
        schedule.refresh_from_db()
        assert (schedule.status, schedule.approved_by) == ("approved", world.head_user)
    else:
        refused(returned, expected)
        refused(client.post(reverse("evaluations:schedule_approve", args=[schedule.pk])), expected)
        assert snapshot() == before


def test_return_without_a_comment_shows_the_error_and_changes_nothing(world):
    from bagalau.evaluations.services.schedule import schedule_submit

    schedule = drafted(world)
    schedule_submit(actor=world.hr_staff_user, schedule_id=schedule.pk)
    before = snapshot()
    response = client_for(world, "head").post(
        reverse("evaluations:schedule_return", args=[schedule.pk]) + "?year=2026", {"comment": ""}
    )
    assert response.status_code == 400
    assert response.context["return_form"].errors == {
        "comment": ["Say why the schedule is returned."]
    }
    assert snapshot() == before


def test_the_return_comment_is_shown_to_hr(world):
    from bagalau.evaluations.services.schedule import schedule_return, schedule_submit

    schedule = drafted(world)
    schedule_submit(actor=world.hr_staff_user, schedule_id=schedule.pk)
    schedule_return(actor=world.head_user, schedule_id=schedule.pk, comment="Q2 earlier, please")
    html = client_for(world, "hr_staff").get(reverse("evaluations:schedule") + "?year=2026")
    assert "Q2 earlier, please" in html.content.decode()


def test_an_approve_error_is_a_message_not_a_traceback(world):
    schedule = drafted(world)  # not submitted
    client = client_for(world, "head")
    response = client.post(reverse("evaluations:schedule_approve", args=[schedule.pk]), follow=True)
    assert response.status_code == 200
    assert "Only a submitted schedule can be approved (it is Draft)." in response.content.decode()
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.DRAFT


# --- planned date (HTMX) ---------------------------------------------------------------------


HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "login"),
        ("outsider", 404),
        ("other_hr", 404),
        ("a_staff1", 403),
        ("a_head", 403),
        ("head", 403),
        ("admin", 403),
    ],
)
def test_planned_date_permission_matrix(world, other_hr, who, expected):
    period = quarter(drafted(world), 1)
    url = reverse("evaluations:schedule_planned_date", args=[period.pk])
    before = snapshot()
    client = client_for(world, who, other_hr)
    refused(client.get(url, **HTMX), expected)
    refused(client.post(url, {"planned_date": "2026-04-08"}, **HTMX), expected)
    assert snapshot() == before


def test_hr_edits_the_planned_date_inline(world):
    period = quarter(drafted(world), 1)
    url = reverse("evaluations:schedule_planned_date", args=[period.pk])
    client = client_for(world, "hr_staff")
    form = client.get(url, **HTMX)
    assert form.status_code == 200
    html = form.content.decode()
    assert "<html" not in html  # the partial only
    assert 'type="date"' in html
    assert 'value="2026-04-10"' in html
    saved = client.post(url, {"planned_date": "2026-04-08", "expected": "2026-04-10"}, **HTMX)
    assert saved.status_code == 200
    assert "08.04.2026" in saved.content.decode()
    assert 'type="date"' not in saved.content.decode()
    period.refresh_from_db()
    assert period.planned_date == dt.date(2026, 4, 8)


def test_a_planned_date_after_the_deadline_is_shown_next_to_the_field(world):
    period = quarter(drafted(world), 1)
    url = reverse("evaluations:schedule_planned_date", args=[period.pk])
    before = snapshot()
    response = client_for(world, "hr_staff").post(
        url, {"planned_date": "2026-04-11", "expected": "2026-04-10"}, **HTMX
    )
    assert response.status_code == 200  # HTMX swaps the form back in with its error
    assert response.context["form"].errors == {
        "planned_date": ["The planned date cannot be after the legal deadline, 10.04.2026."]
    }
    assert 'class="field-error"' in response.content.decode()
    assert snapshot() == before


def test_planned_date_without_htmx_is_a_full_page(world):
    period = quarter(drafted(world), 1)
    url = reverse("evaluations:schedule_planned_date", args=[period.pk])
    client = client_for(world, "hr_staff")
    assert "<html" in client.get(url).content.decode()
    assert client.post(url, {"planned_date": "2026-04-11"}).status_code == 400
    response = client.post(url, {"planned_date": "2026-04-09"})
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.planned_date == dt.date(2026, 4, 9)


def test_the_row_partial_cancels_an_edit(world):
    period = quarter(drafted(world), 1)
    response = client_for(world, "hr_staff").get(
        reverse("evaluations:schedule_period_row", args=[period.pk]), **HTMX
    )
    assert response.status_code == 200
    assert f'id="period-{period.pk}"' in response.content.decode()
    assert (
        client_for(world, "outsider")
        .get(reverse("evaluations:schedule_period_row", args=[period.pk]), **HTMX)
        .status_code
        == 404
    )


# --- roster, open, close, progress -----------------------------------------------------------


@pytest.fixture
def period(world):
    return quarter(approved(world), 1)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "login"),
        ("outsider", 404),
        ("other_hr", 404),
        ("a_staff1", 403),
        ("admin", 403),
        ("a_head", 200),
        ("hr_staff", 200),
        ("hr_head", 200),
        ("head", 200),
    ],
)
def test_roster_permission_matrix(world, other_hr, period, who, expected):
    response = client_for(world, who, other_hr).get(
        reverse("evaluations:schedule_roster", args=[period.pk])
    )
    if expected == 200:
        assert response.status_code == 200
    else:
        refused(response, expected)


def test_the_roster_shows_method_eligibility_evaluator_and_dates(world, period, clock):
    clock(dt.date(2026, 4, 1))
    AbsenceFactory(servant=world.a_head, start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 14))
    WorkPlanFactory(
        servant=world.b_head,
        assignment=world.b_head_assignment,
        evaluator=world.head,
        approver=world.head,
        status=PlanStatus.APPROVED,
    )
    response = client_for(world, "hr_staff").get(
        reverse("evaluations:schedule_roster", args=[period.pk])
    )
    html = response.content.decode()
    rows = {row.servant: row for row in response.context["rows"]}
    assert world.head not in rows
    assert "absent: KPI evaluation due 21.04.2026" in html
    assert rows[world.a_head].evaluator == world.deputy
    assert "by 05.04.2026" in html  # HR sees when managers must be told (p.26)
    assert "by 10.04.2026" in html  # and staff (p.30)
    assert "Open the period" in html
    # The head of the apparatus reads the roster, without the notification columns or buttons.
    head = client_for(world, "head").get(reverse("evaluations:schedule_roster", args=[period.pk]))
    assert 'class="notice"' not in head.content.decode()
    assert "by 05.04.2026" not in head.content.decode()
    assert "Open the period" not in head.content.decode()
    # An evaluator sees only the rows they evaluate.
    mine = client_for(world, "a_head").get(reverse("evaluations:schedule_roster", args=[period.pk]))
    assert {row.servant for row in mine.context["rows"]} == {world.a_staff1, world.a_staff2}


def test_the_roster_of_an_annual_line_is_not_found(world, period):
    annual = period.schedule.periods.get(kind="annual")
    response = client_for(world, "hr_staff").get(
        reverse("evaluations:schedule_roster", args=[annual.pk])
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "login"),
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
    client = client_for(world, who, other_hr)
    refused(client.post(reverse("evaluations:schedule_open", args=[period.pk])), expected)
    refused(client.post(reverse("evaluations:schedule_close", args=[period.pk])), expected)
    assert snapshot() == before


def test_hr_opens_and_closes_from_the_roster(
    world, period, clock, django_capture_on_commit_callbacks
):
    clock(dt.date(2026, 4, 1))
    client = client_for(world, "hr_staff")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("evaluations:schedule_open", args=[period.pk]))
    response = client.get(response["Location"])
    assert "The period is open: 8 evaluations created." in response.content.decode()
    assert Evaluation.objects.filter(period=period).count() == 8
    refused_close = client.post(
        reverse("evaluations:schedule_close", args=[period.pk]), follow=True
    )
    assert "8 evaluations of the period are not final yet." in refused_close.content.decode()
    period.refresh_from_db()
    assert period.status == PeriodStatus.OPEN
    Evaluation.objects.filter(period=period).update(status="final")
    client.post(reverse("evaluations:schedule_close", args=[period.pk]))
    period.refresh_from_db()
    assert period.status == PeriodStatus.CLOSED


def test_opening_too_early_is_a_message(world, period, clock):
    clock(dt.date(2026, 2, 28))  # a quarter can be prepared from the first day of its last month
    before = snapshot()
    response = client_for(world, "hr_staff").post(
        reverse("evaluations:schedule_open", args=[period.pk]), follow=True
    )
    assert "it can be prepared from 01.03.2026" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "login"),
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
    from bagalau.evaluations.services.schedule import period_open

    clock(dt.date(2026, 4, 1))
    period_open(actor=world.hr_staff_user, period_id=period.pk)
    Evaluation.objects.filter(servant=world.a_staff1).update(status="signed", score="4.25")
    response = client_for(world, who, other_hr).get(
        reverse("evaluations:schedule_progress", args=[period.pk])
    )
    if expected == 200:
        assert response.status_code == 200
        html = response.content.decode()
        assert 'class="progress progress-signed"' in html
        assert "4.25" not in html  # counts only: no score reaches HR staff
        legal = next(u for u in response.context["progress"].units if u.unit == world.unit_a)
        assert (legal.due, legal.signed) == (3, 1)
    else:
        refused(response, expected)


def test_progress_lists_the_overdue(world, period, clock):
    from bagalau.evaluations.services.schedule import period_open

    clock(dt.date(2026, 4, 1))
    period_open(actor=world.hr_staff_user, period_id=period.pk)
    clock(dt.date(2026, 4, 13))
    response = client_for(world, "hr_staff").get(
        reverse("evaluations:schedule_progress", args=[period.pk])
    )
    assert f'data-testid="overdue-{world.a_staff1.pk}"'.encode() in response.content
    assert len(response.context["overdue"]) == 8


# --- menu and dashboard ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "shown"),
    [("a_staff1", True), ("hr_staff", True), ("head", True), ("admin", False), ("outsider", False)],
)
def test_the_schedule_menu_entry(world, who, shown):
    html = client_for(world, who).get(reverse("home")).content.decode()
    assert (f'href="{reverse("evaluations:schedule")}"' in html) == shown


def test_hr_dashboard_panel_shows_the_cycle(world, period, clock):
    from bagalau.evaluations.services.schedule import period_open

    clock(dt.date(2026, 4, 1))
    html = client_for(world, "hr_staff").get(reverse("home")).content.decode()
    assert 'data-testid="panel-cycle"' in html
    assert "has ended and can be opened" in html
    period_open(actor=world.hr_staff_user, period_id=period.pk)
    html = client_for(world, "hr_head").get(reverse("home")).content.decode()
    assert reverse("evaluations:schedule_progress", args=[period.pk]) in html
    assert 'class="progress progress-final"' in html
    for who in ("a_staff1", "a_head", "head", "admin"):
        assert (
            'data-testid="panel-cycle"'
            not in client_for(world, who).get(reverse("home")).content.decode()
        )


def test_the_head_is_shown_a_schedule_to_approve(world, clock):
    from bagalau.evaluations.services.schedule import schedule_submit

    clock(dt.date(2026, 1, 5))
    schedule = drafted(world)
    head = client_for(world, "head")
    assert 'data-testid="panel-schedule-approval"' not in head.get(reverse("home")).content.decode()
    schedule_submit(actor=world.hr_staff_user, schedule_id=schedule.pk)
    assert 'data-testid="panel-schedule-approval"' in head.get(reverse("home")).content.decode()
    hr = client_for(world, "hr_staff").get(reverse("home")).content.decode()
    assert 'data-testid="panel-schedule-approval"' not in hr


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_pages_render_in_every_language(world, period, clock, language):
    from bagalau.evaluations.services.schedule import period_open

    clock(dt.date(2026, 4, 1))
    period_open(actor=world.hr_staff_user, period_id=period.pk)
    client = client_for(world, "hr_head")
    client.cookies["bagalau_language"] = language
    for page in (
        reverse("evaluations:schedule"),
        reverse("evaluations:schedule_roster", args=[period.pk]),
        reverse("evaluations:schedule_progress", args=[period.pk]),
        reverse("home"),
    ):
        response = client.get(page)
        assert response.status_code == 200, page
        assert f'lang="{language}"' in response.content.decode()
