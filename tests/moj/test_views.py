"""The moj-2017 pages: who sees them, who may post, and that a refused post changes nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from bagalau.moj.models import CatalogueChoice, DisciplineRecord
from tests.moj.test_api import EVERYONE

pytestmark = pytest.mark.django_db


def client(w, who) -> Client:
    c = Client()
    c.force_login(getattr(w, f"{who}_user"))
    return c


#: outsider has no organisation: the page is not found.
CATALOGUE_PAGE = {who: 200 for who in EVERYONE} | {"outsider": 404}
CATALOGUE_POST = {who: 403 for who in EVERYONE} | {"admin": 302, "outsider": 404}


@pytest.mark.parametrize("who", EVERYONE)
def test_the_catalogue_page_matrix(mw, who):
    page = client(mw, who).get("/moj/catalogue/")
    assert page.status_code == CATALOGUE_PAGE[who]
    if page.status_code == 200:
        assert (b'data-testid="choose-catalogue"' in page.content) is (who == "admin")
    posted = client(mw, who).post("/moj/catalogue/", {"catalogue": "territorial"})
    assert posted.status_code == CATALOGUE_POST[who]
    assert CatalogueChoice.objects.filter(catalogue="territorial").exists() is (who == "admin")


def test_a_bad_catalogue_shows_the_error_and_writes_nothing(mw):
    answer = client(mw, "admin").post("/moj/catalogue/", {"catalogue": "committee"})
    assert answer.status_code == 400
    assert b'data-testid="catalogue-error"' in answer.content
    assert not CatalogueChoice.objects.exists()


BREACHES_PAGE = {who: 404 for who in EVERYONE} | {
    who: 200 for who in ["hr_staff", "hr_head", "head", "b_head", "b_staff1"]
}
BREACH_POST = {who: 404 for who in EVERYONE} | {
    "hr_staff": 302,
    "hr_head": 302,
    "b_head": 302,
    "head": 403,
    "b_staff1": 403,
}


@pytest.mark.parametrize("who", EVERYONE)
def test_the_breaches_pages_matrix(mw, who):
    url = f"/moj/servants/{mw.b_staff1.pk}/breaches/"
    page = client(mw, who).get(f"{url}?year=2017&quarter=4")
    assert page.status_code == BREACHES_PAGE[who]
    if page.status_code == 200:
        may_record = who in {"hr_staff", "hr_head", "b_head"}
        assert (b'data-testid="record-breach"' in page.content) is may_record
    source = "direct_manager" if who == "b_head" else "hr"
    posted = client(mw, who).post(
        f"{url}add/?year=2017&quarter=4",
        {"kind": "labour", "source": source, "day": "2017-11-20", "evidence": "Late 40 min"},
    )
    assert posted.status_code == BREACH_POST[who]
    assert DisciplineRecord.objects.exists() is (BREACH_POST[who] == 302)
    if posted.status_code == 302:
        listed = client(mw, who).get(posted["Location"])
        assert "Late 40 min" in listed.content.decode()


def test_a_breach_without_a_date_shows_the_error_and_writes_nothing(mw):
    answer = client(mw, "b_head").post(
        f"/moj/servants/{mw.b_staff1.pk}/breaches/add/?year=2017&quarter=4",
        {"kind": "executive", "source": "direct_manager", "day": "", "evidence": "Order 5"},
    )
    assert answer.status_code == 400
    assert b'data-testid="breach-error"' in answer.content
    assert not DisciplineRecord.objects.exists()


def test_a_bad_quarter_is_a_bad_request(mw):
    url = f"/moj/servants/{mw.b_staff1.pk}/breaches/?year=2017&quarter=x"
    assert client(mw, "hr_staff").get(url).status_code == 400
