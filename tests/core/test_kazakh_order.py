"""Kazakh alphabetical order and search in the database (issue 13 item 7), on SQLite and on
PostgreSQL alike: Ә after А, Қ after К, Ұ Ү after У, І after Ы, all before Я; a search ignores case
and finds a Kazakh letter typed as its Russian look-alike."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bagalau.core.collation import fold, kazakh_key
from bagalau.org.access import servants_listed
from bagalau.org.models import Servant
from tests.factories import ServantFactory

#: In the Kazakh alphabet's order (А Ә … К Қ … У Ұ Ү … Ы І … Я).
ORDER = [
    "Абаев",
    "Әлиев",
    "Ғабитов",
    "Кенжебаев",
    "Қасымов",
    "Ңұрлан",
    "Омаров",
    "Өтегенов",
    "Уалиев",
    "Ұлықбеков",
    "Үсенов",
    "Һакимов",
    "Ыбыраев",
    "Іскаков",
    "Ясинов",
]


def test_the_python_key_follows_the_kazakh_alphabet():
    assert sorted(reversed(ORDER), key=kazakh_key) == ORDER
    assert fold("ЕРҒАЛИЕВ Әсет Ёлкин") == "ергалиев асет елкин"


@pytest.fixture
def names(world):
    for index, last in enumerate(reversed(ORDER)):
        ServantFactory(
            organisation=world.org, last_name=last, first_name="Тест", personnel_number=f"K{index}"
        )
    ServantFactory(
        organisation=world.org, last_name="Ерғалиев", first_name="Асқар", personnel_number="E-77"
    )
    return world


@pytest.mark.django_db
def test_the_database_orders_by_the_kazakh_alphabet(names):
    listed = [
        s.last_name
        for s in servants_listed(names.hr_head_user, names.org)
        if s.first_name == "Тест"
    ]
    assert listed == ORDER


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Ергалиев", "ерғалиев", "ЕРГАЛИЕВ", "галиев аскар", "e-77"])
def test_search_ignores_case_and_russian_look_alikes(names, query):
    found = servants_listed(names.hr_head_user, names.org, query)
    assert [s.last_name for s in found] == ["Ерғалиев"]


@pytest.mark.django_db
def test_search_needs_every_word(names):
    assert servants_listed(names.hr_head_user, names.org, "Ергалиев Тест") == []
    assert len(servants_listed(names.hr_head_user, names.org, "тест")) == len(ORDER)


@pytest.mark.django_db
def test_the_servant_list_page_and_api_read_the_same_order(client, names):
    client.force_login(names.hr_head_user)
    page = client.get(reverse("org:servants"), {"q": "тест"})
    on_page = [row["servant"].last_name for row in page.context["rows"]]
    assert on_page == ORDER
    answer = client.get("/api/v1/org/servants/", {"q": "тест"})
    assert [row["last_name"] for row in answer.json()] == ORDER
    assert Servant.objects.filter(organisation=names.org).count() > len(ORDER)


@pytest.mark.django_db
def test_a_nul_in_the_search_finds_nobody(names):
    assert servants_listed(names.hr_head_user, names.org, "Ерғ\x00алиев") == []
