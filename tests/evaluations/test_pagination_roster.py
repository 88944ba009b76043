"""A quarter's roster one page at a time, filtered in the database (issue 12 item 3, issue 13
item 8): the queries of a page do not grow with the apparatus, before and after the quarter
opens, for HR and for an evaluator; the filters and the pages keep each other."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bagalau.evaluations.models import Evaluation, EvaluationStatus
from bagalau.evaluations.services.schedule import period_open
from tests.evaluations.test_schedule_support import approved, quarter
from tests.factories import AbsenceFactory, AssignmentFactory, PositionFactory, ServantFactory

PAGE = 4


@pytest.fixture(autouse=True)
def _small_pages(monkeypatch):
    monkeypatch.setattr("bagalau.core.paging.PAGE_SIZE", PAGE)


@pytest.fixture
def period(world):
    return quarter(approved(world), 1)


def grow(world, count, *, unit=None, name="Қосымша"):
    """`count` more staff (B-4) in the legal department, each with a leave in the quarter."""
    for n in range(count):
        servant = ServantFactory(organisation=world.org, last_name=f"{name}{n:03d}")
        AssignmentFactory(
            servant=servant,
            position=PositionFactory(unit=unit or world.unit_a, category="B-4"),
            start=dt.date(2024, 1, 1),
        )
        AbsenceFactory(servant=servant, start=dt.date(2026, 2, 2), end=dt.date(2026, 2, 6))


def client_of(user):
    client = Client()
    client.cookies["bagalau_language"] = "en"
    client.force_login(user)
    return client


def queries(user, url):
    client = client_of(user)
    client.get(url)  # warm the per-process caches (calendar, editions, translations)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def roster_url(period, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("evaluations:schedule_roster", args=[period.pk]) + (f"?{query}" if query else "")


@pytest.mark.parametrize("opened", [False, True])
def test_the_hr_rosters_queries_do_not_grow_with_the_apparatus(world, period, clock, opened):
    clock(dt.date(2026, 4, 3))
    grow(world, 3, name="Алғашқы")
    if opened:
        period_open(actor=world.hr_staff_user, period_id=period.pk)
    small, response = queries(world.hr_staff_user, roster_url(period))
    assert len(response.context["rows"]) == PAGE
    assert response.context["page"].paginator.count == 8 + 3
    grow(world, 20, name="Кейінгі")
    if opened:
        period_open(actor=world.hr_staff_user, period_id=period.pk)
    large, response = queries(world.hr_staff_user, roster_url(period))
    assert response.context["page"].paginator.count == 8 + 23
    assert large == small


def test_an_evaluators_roster_fetches_only_their_rows_and_does_not_grow(world, period, clock):
    clock(dt.date(2026, 4, 3))
    grow(world, 2, name="Алғашқы")
    grow(world, 2, unit=world.unit_b, name="Бөтен")
    period_open(actor=world.hr_staff_user, period_id=period.pk)
    small, response = queries(world.a_head_user, roster_url(period))
    assert response.context["page"].paginator.count == 4  # a_staff1, a_staff2 and the two
    grow(world, 15, name="Кейінгі")
    grow(world, 15, unit=world.unit_b, name="Бөтен")
    period_open(actor=world.hr_staff_user, period_id=period.pk)
    large, response = queries(world.a_head_user, roster_url(period, page=3))
    assert large == small
    assert response.context["page"].paginator.count == 4 + 15
    rows = response.context["rows"]
    assert rows
    assert {row.evaluator for row in rows} == {world.a_head}


def test_filters_by_unit_status_and_name_and_pages_keep_them(world, period, clock):
    clock(dt.date(2026, 4, 3))
    grow(world, 9, name="Сүзгі")
    period_open(actor=world.hr_staff_user, period_id=period.pk)
    Evaluation.objects.filter(servant=world.b_staff1).update(status=EvaluationStatus.SIGNED)
    hr = client_of(world.hr_staff_user)

    by_unit = hr.get(roster_url(period, unit=world.unit_b.pk))
    assert {r.servant for r in by_unit.context["rows"]} == {world.b_head, world.b_staff1}

    signed = hr.get(roster_url(period, status=EvaluationStatus.SIGNED))
    assert [r.servant for r in signed.context["rows"]] == [world.b_staff1]

    named = hr.get(roster_url(period, q="сүзгі"))
    assert named.context["page"].paginator.count == 9
    html = named.content.decode()
    assert "q=%D1%81%D2%AF%D0%B7%D0%B3%D1%96&amp;page=2" in html  # the next page keeps the name
    second = hr.get(roster_url(period, q="сүзгі", page=2))
    first_ids = {r.servant.pk for r in named.context["rows"]}
    second_ids = {r.servant.pk for r in second.context["rows"]}
    assert len(second_ids) == PAGE
    assert not first_ids & second_ids

    nobody = hr.get(roster_url(period, status="not_opened"))
    assert nobody.context["rows"] == []
    rubbish = hr.get(roster_url(period, status="nonsense", unit="x", page="zz"))
    assert rubbish.context["page"].paginator.count == 8 + 9
    for odd in ("²", "٤", "-1", "9" * 30):  # "²" is a digit to isdigit() and not to int()
        ignored = hr.get(roster_url(period, unit=odd))
        assert ignored.status_code == 200
        assert ignored.context["page"].paginator.count == 8 + 9


def test_before_opening_not_opened_lists_the_computed_rows(world, period, clock):
    clock(dt.date(2026, 4, 3))
    response = client_of(world.hr_staff_user).get(roster_url(period, status="not_opened"))
    assert response.context["page"].paginator.count == 8
    assert all(row.evaluation is None for row in response.context["rows"])


@pytest.mark.parametrize(("who", "status"), [("a_staff1", 403), ("outsider", 404)])
def test_filters_do_not_open_the_roster_to_others(world, period, clock, who, status):
    clock(dt.date(2026, 4, 3))
    period_open(actor=world.hr_staff_user, period_id=period.pk)
    before = list(Evaluation.objects.order_by("pk").values_list("pk", "status", "evaluator"))
    user = getattr(world, f"{who}_user")
    response = client_of(user).get(roster_url(period, unit=world.unit_a.pk, q="а"))
    assert response.status_code == status
    after = list(Evaluation.objects.order_by("pk").values_list("pk", "status", "evaluator"))
    assert after == before
