"""The structure page one page of units at a time (issue 12 item 3, issue 13 item 8): its
queries do not grow with the apparatus, `?unit=` shows a unit and the units under it, and the
page still names holders, vacancies and the derived managers."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AssignmentFactory, PositionFactory, ServantFactory, UnitFactory

PAGE = 2


@pytest.fixture(autouse=True)
def _small_pages(monkeypatch):
    monkeypatch.setattr("bagalau.core.paging.PAGE_SIZE", PAGE)


def more_units(world, count, *, parent=None, name="Қосымша"):
    """`count` more units under `parent` (the apparatus), each with a held post and a vacancy."""
    made = []
    for n in range(count):
        unit = UnitFactory(
            organisation=world.org, parent=parent or world.root, name_kk=f"{name} {n}", order=50 + n
        )
        held = PositionFactory(unit=unit, category="B-4")
        PositionFactory(unit=unit, category="B-4")
        AssignmentFactory(servant=ServantFactory(organisation=world.org), position=held)
        made.append(unit)
    return made


def queries(user, url):
    client = Client()
    client.cookies["bagalau_language"] = "en"
    client.force_login(user)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.parametrize("who", ["hr_staff", "a_staff1"])
def test_the_structure_pages_queries_do_not_grow_with_the_apparatus(world, who):
    user = getattr(world, f"{who}_user")
    url = reverse("org:structure")
    small, response = queries(user, url)
    assert response.context["page"].paginator.count == 4
    more_units(world, 9)
    large, response = queries(user, url)
    assert response.context["page"].paginator.count == 13
    assert large == small
    last, response = queries(user, f"{url}?page=3")
    assert len(response.context["tree"]) == PAGE
    assert last == small


def test_a_unit_and_the_units_under_it(world):
    (department,) = more_units(world, 1, name="Департамент")
    sectors = more_units(world, 2, parent=department, name="Бөлім")
    _count, response = queries(
        world.hr_staff_user, f"{reverse('org:structure')}?unit={department.pk}"
    )
    assert response.context["page"].paginator.count == 3
    assert [node["unit"] for node in response.context["tree"]] == [department, sectors[0]]
    html = response.content.decode()
    assert f"unit={department.pk}&amp;page=2" in html
    assert "vacant" in html
    rows = response.context["tree"][1]["rows"]
    assert {row.holder is None for row in rows} == {True, False}


def _offered(response) -> set:
    return {unit for unit, _depth in response.context["units"]}


def test_the_unit_filter_offers_the_top_of_the_tree_and_the_units_around_the_chosen_one(world):
    (department,) = more_units(world, 1, name="Департамент")
    (sector,) = more_units(world, 1, parent=department, name="Бөлім")
    (group,) = more_units(world, 1, parent=sector, name="Топ")
    url = reverse("org:structure")
    _count, response = queries(world.hr_staff_user, url)
    assert department in _offered(response)
    assert not {sector, group} & _offered(response)
    assert response.context["tree"][0]["has_children"]
    _count, response = queries(world.hr_staff_user, f"{url}?unit={sector.pk}")
    assert {department, sector, group} <= _offered(response)
    assert [node["unit"] for node in response.context["tree"]] == [sector, group]
    assert [node["has_children"] for node in response.context["tree"]] == [True, False]
    assert [node["depth"] for node in response.context["tree"]] == [2, 3]


def test_a_unit_of_no_tree_shows_nothing(world):
    _count, response = queries(world.hr_staff_user, f"{reverse('org:structure')}?unit=99999999")
    assert response.context["page"].paginator.count == 0
    assert response.context["tree"] == []


def test_large_units_make_fewer_units_a_page(world, monkeypatch):
    """A page holds about `POSTS_A_PAGE` posts: with units of many posts it lists fewer units,
    never fewer than one, never more than the page size, and the pages still list them all."""
    from bagalau.org.models import Position
    from bagalau.org.tree import units_a_page

    more_units(world, 9)
    units = world.org.units.count()
    posts = Position.objects.filter(unit__organisation=world.org).count()
    monkeypatch.setattr("bagalau.core.paging.PAGE_SIZE", 50)
    assert units_a_page(world.org) == 50  # 400 posts a page: small units, the page size
    two_units = -(-2 * posts // units)  # the posts of two units on average, rounded up
    monkeypatch.setattr("bagalau.org.tree.POSTS_A_PAGE", two_units)
    assert units_a_page(world.org) == 2
    monkeypatch.setattr("bagalau.org.tree.POSTS_A_PAGE", 1)
    assert units_a_page(world.org) == 1
    monkeypatch.setattr("bagalau.org.tree.POSTS_A_PAGE", two_units)
    client = Client()
    client.force_login(world.hr_staff_user)
    url = reverse("org:structure")
    seen = []
    for number in range(1, 8):
        response = client.get(f"{url}?page={number}")
        tree = response.context["tree"]
        assert len(tree) == (2 if number < 7 else 1)
        seen += [node["unit"].pk for node in tree]
    assert sorted(seen) == sorted(world.org.units.values_list("pk", flat=True))
