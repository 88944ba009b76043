"""The register of decisions one page at a time, filtered in the database (issue 12 item 3,
issue 13 item 8): its queries do not grow with the register, the filters by kind and name work
and keep each other across pages, and nobody reads more through them."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bagalau.consequences.models import Decision
from tests.consequences.test_register import record, reg  # noqa: F401 - the register's fixture
from tests.factories import ServantFactory

PAGE = 3


@pytest.fixture(autouse=True)
def _small_pages(monkeypatch):
    monkeypatch.setattr("bagalau.core.paging.PAGE_SIZE", PAGE)


@pytest.fixture
def entries(reg):  # noqa: F811 - the imported fixture
    record(reg, reg.weak, "dismissal")
    record(reg, reg.strong, "encouragement")
    return reg


def more(world, count, *, kind="encouragement", name="Қосымша"):
    """`count` more entries, each about a new servant (copies of the last one recorded)."""
    model = Decision.objects.order_by("pk").last()
    Decision.objects.bulk_create(
        Decision(
            organisation=model.organisation,
            servant=ServantFactory(organisation=world.org, last_name=f"{name}{n:03d}"),
            basis=model.basis,
            rating=model.rating,
            edition=model.edition,
            kind=kind,
            decided_by=model.decided_by,
            order_number=f"{n}-9/21",
            order_date=model.order_date,
            recorded_by=model.recorded_by,
            recorded_at=model.recorded_at,
        )
        for n in range(count)
    )


def client_of(user):
    client = Client()
    client.cookies["bagalau_language"] = "en"
    client.force_login(user)
    return client


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.parametrize("who", ["hr_staff", "hr_head"])
def test_the_registers_queries_do_not_grow_with_it(entries, who):
    client = client_of(getattr(entries, f"{who}_user"))
    url = reverse("consequences:list")
    small, response = queries(client, url)
    assert response.context["page"].paginator.count == 2
    more(entries, 14)
    large, response = queries(client, f"{url}?page=2")
    assert response.context["page"].paginator.count == 16
    assert len(response.context["rows"]) == PAGE
    assert large == small


def test_filters_by_kind_and_name_and_pages_keep_them(entries):
    more(entries, 5, kind="training", name="Сүзгі")
    client = client_of(entries.hr_staff_user)
    url = reverse("consequences:list")

    dismissals = client.get(f"{url}?kind=dismissal")
    assert [row["decision"].servant for row in dismissals.context["rows"]] == [entries.a_staff1]

    trained = client.get(f"{url}?kind=training&q=сузги")
    assert trained.context["page"].paginator.count == 5
    assert "kind=training&amp;q=%D1%81%D1%83%D0%B7%D0%B3%D0%B8&amp;page=2" in (
        trained.content.decode()
    )
    assert client.get(f"{url}?q=Бекова").context["page"].paginator.count == 1


def test_a_servants_filters_stay_within_their_own_entries(entries):
    more(entries, 4)
    client = client_of(entries.a_staff1_user)
    url = reverse("consequences:list")
    everything = client.get(f"{url}?kind=encouragement&q=Қосымша")
    assert everything.context["page"].paginator.count == 0
    mine = client.get(url)
    assert [row["decision"].servant for row in mine.context["rows"]] == [entries.a_staff1]
