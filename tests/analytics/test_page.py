"""The rating analytics page and PDF (issue 14 item 4): the head of the HR service sees the
distribution of ratings per quarter and per unit, each evaluator's scores against the units' and
the organisation's, and the 360 self-versus-others gap — computed here by hand from the rows the
test writes; HR staff are refused (403), anyone else is not told it exists (404), nothing is
written for them, and every read by the head of HR is audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.evaluations.models import EvaluationStatus, Method, PeriodKind
from bagalau.surveys.models import AnswerTotal, CampaignStatus, SelfAssessment, Target
from tests.factories import EvaluationFactory, PeriodFactory, ScheduleFactory, SurveyCampaignFactory

URL = reverse("analytics:page")
PDF = reverse("analytics:pdf")


@pytest.fixture
def data(world, clock):
    """Q1: unit A's three servants by a_head (5, 5, 5: effective), unit B's two by b_head
    (2, 3.5: satisfactory, proper); Q2: one pending sheet (not counted); the 2026 annual result
    of a_staff1 (effective). 360 of 2026: unit A's three servants rate themselves 4 on
    "ethics" and are rated 3 by others; unit B's two likewise (a group of two: withheld)."""
    clock(dt.date(2026, 12, 20))
    schedule = ScheduleFactory(organisation=world.org, drafted_by=world.hr_staff_user)
    q1 = PeriodFactory(schedule=schedule, number=1)
    q2 = PeriodFactory(schedule=schedule, number=2)
    annual = PeriodFactory(
        schedule=schedule,
        kind=PeriodKind.ANNUAL,
        number=None,
        starts=dt.date(2026, 1, 1),
        ends=dt.date(2026, 12, 31),
        deadline=dt.date(2027, 1, 10),
    )

    def sheet(period, key, evaluator, score, rating, **extra):
        values = {
            "period": period,
            "servant": getattr(world, key),
            "assignment": getattr(world, f"{key}_assignment"),
            "evaluator": evaluator,
            "method": Method.DIFFERENTIATION,
            "status": EvaluationStatus.FINAL,
            "score": D(score) if score is not None else None,
            "rating": rating,
        }
        values.update(extra)
        return EvaluationFactory(**values)

    for key in ("a_head", "a_staff1", "a_staff2"):
        sheet(q1, key, world.deputy if key == "a_head" else world.a_head, "5", "effective")
    sheet(q1, "b_staff1", world.b_head, "2", "satisfactory", status=EvaluationStatus.SIGNED)
    sheet(q1, "b_head", world.deputy, "3.5", "proper", status=EvaluationStatus.ACKNOWLEDGED)
    sheet(q2, "a_staff1", world.a_head, None, "", status=EvaluationStatus.PENDING)
    sheet(annual, "a_staff1", world.a_head, "5", "effective", method=Method.ANNUAL)

    campaign = SurveyCampaignFactory(
        organisation=world.org, created_by=world.hr_staff_user, status=CampaignStatus.CLOSED
    )
    for key in ("a_head", "a_staff1", "a_staff2", "b_head", "b_staff1"):
        assignment = getattr(world, f"{key}_assignment")
        target = Target.objects.create(
            campaign=campaign,
            servant=getattr(world, key),
            position=assignment.position,
            unit=assignment.position.unit,
            form="staff",
        )
        for statement in (1, 2, 3):
            AnswerTotal.objects.create(
                target=target, competency="ethics", statement=statement, total=15, answers=5
            )
        SelfAssessment.objects.create(
            target=target, answers={"ethics": [4, 4, 4]}, submitted_on=dt.date(2026, 12, 1)
        )
    return world


def get(client, user, url=URL, **params):
    client.force_login(user)
    return client.get(url, params)


@pytest.mark.django_db
def test_the_head_of_hr_sees_the_distribution_per_quarter_and_unit(client, data):
    response = get(client, data.hr_head_user)
    assert response.status_code == 200
    by_period = {row.label: row for row in response.context["by_period"]}
    # Q1: unsatisfactory 0, satisfactory 1, proper 1, effective 3 of 5
    assert by_period["Q1 2026"].cells == [
        (0, D("0.0")),
        (1, D("20.0")),
        (1, D("20.0")),
        (3, D("60.0")),
    ]
    assert by_period["Q2 2026"].total == 0  # the pending sheet has no rating yet
    assert by_period[str(PeriodKind.ANNUAL.label)].cells[3] == (1, D("100.0"))
    units = {row.label: row.cells for row in response.context["by_unit"]}
    assert units == {
        "Legal department": [(0, D("0.0")), (0, D("0.0")), (0, D("0.0")), (3, D("100.0"))],
        "Analytics department": [(0, D("0.0")), (1, D("50.0")), (1, D("50.0")), (0, D("0.0"))],
    }
    annual_only = get(client, data.hr_head_user, period="annual").context["by_unit"]
    assert [(row.label, row.total) for row in annual_only] == [("Legal department", 1)]
    intervals = [band["interval"] for band in response.context["bands"]]
    assert intervals == ["0.00–1.99", "2.00–2.99", "3.00–3.99", "4.00–5.00"]
    html = response.content.decode()
    assert "<svg" in html
    assert 'data-testid="by-unit"' in html


@pytest.mark.django_db
def test_evaluators_stand_against_their_units_and_the_organisation(client, data):
    rows = {row.name: row for row in get(client, data.hr_head_user).context["evaluators"]}
    # organisation: 5, 5, 5, 2, 3.5 -> mean 20.5/5 = 4.1; a_head gave 5, 5 (two sheets: too few)
    a_head = rows[data.a_head.full_name]
    assert (a_head.count, a_head.mean, a_head.sd) == (2, "5.00", "0.00")
    assert a_head.versus_organisation == "+0.90"
    assert a_head.versus_unit == "0.00"  # unit A: 5, 5, 5 -> mean 5
    assert a_head.leaning == "few"
    b_head = rows[data.b_head.full_name]
    assert (b_head.count, b_head.mean, b_head.versus_organisation) == (1, "2.00", "-2.10")
    # the deputy evaluated a_head (unit A, 5) and b_head (unit B, 3.5): mean 4.25; the units'
    # sheets 5, 5, 5, 2, 3.5 -> 4.1: +0.15
    deputy = rows[data.deputy.full_name]
    assert (deputy.mean, deputy.versus_unit) == ("4.25", "+0.15")
    overall = get(client, data.hr_head_user).context["overall"]
    # variance of 5,5,5,2,3.5 about 4.1: (3·0.81 + 4.41 + 0.36)/5 = 7.2/5 = 1.44 -> sd 1.2
    assert (overall.count, overall.mean, overall.sd) == (5, "4.10", "1.20")


@pytest.mark.django_db
def test_the_360_gap_shows_only_groups_of_three_or_more(client, data):
    response = get(client, data.hr_head_user)
    groups = {group["label"]: group for group in response.context["gap_groups"]}
    # the organisation: 5 servants, self 4 (60 of 15), others 3 (225 of 75): +1.00
    (ethics,) = groups[data.org.name]["rows"]
    assert (ethics["self"], ethics["others"], ethics["gap"], ethics["answers"]) == (
        "4.00",
        "3.00",
        "+1.00",
        75,
    )
    assert groups["Legal department"]["rows"][0]["gap"] == "+1.00"
    assert groups["Analytics department"]["rows"] == []  # two servants: withheld
    assert 'data-testid="gap-withheld"' in response.content.decode()


@pytest.mark.django_db
def test_every_read_and_print_is_audited(client, data):
    before = AuditEntry.objects.count()
    get(client, data.hr_head_user)
    entry = AuditEntry.objects.order_by("-pk").first()
    assert AuditEntry.objects.count() == before + 1
    assert entry is not None
    assert (entry.action, entry.actor_id) == ("view_analytics", data.hr_head_user.pk)
    response = get(client, data.hr_head_user, PDF, lang="kk")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"%PDF")
    assert AuditEntry.objects.order_by("-pk").first().action == "print_analytics"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("key", "status"),
    [
        ("hr_staff_user", 403),
        ("head_user", 404),
        ("a_head_user", 404),
        ("a_staff1_user", 404),
        ("outsider_user", 404),
        ("admin_user", 404),
    ],
)
@pytest.mark.parametrize("url", [URL, PDF])
def test_nobody_else_reads_the_analytics_and_nothing_is_written(client, data, key, status, url):
    before = AuditEntry.objects.count()
    response = get(client, getattr(data, key), url)
    assert response.status_code == status
    assert b"Legal department" not in response.content
    assert AuditEntry.objects.count() == before


@pytest.mark.django_db
def test_anonymous_goes_to_the_login(client, data):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.django_db
def test_a_malformed_or_unknown_year_shows_the_latest(client, data):
    for year in ("abc", "٢٠٢٦", "1999", ""):
        response = get(client, data.hr_head_user, year=year)
        assert response.status_code == 200
        assert response.context["a"].year == 2026


@pytest.mark.django_db
def test_no_schedule_says_what_comes(client, world):
    response = get(client, world.hr_head_user)
    assert response.status_code == 200
    assert response.context["a"].years == []
    assert b"analytics-filter" not in response.content
