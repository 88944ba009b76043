"""HR's 360 campaign page one page of evaluatees at a time, filtered in the database (issue 12
item 3, issue 13 item 8): its queries do not grow with the evaluatees, the filters work and the
lists to fix are all found while only a page of them is listed."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bagalau.org.selectors import unit_tree
from bagalau.surveys.models import Campaign, Invitation, Relation, Target
from bagalau.surveys.training import training_needs
from tests.deep_tree import build_deep
from tests.factories import AssignmentFactory, PositionFactory, ServantFactory

PAGE = 3


@pytest.fixture(autouse=True)
def _small_pages(monkeypatch):
    monkeypatch.setattr("bagalau.core.paging.PAGE_SIZE", PAGE)


def more_targets(survey, count, *, unit=None, name="Қосымша", respondents=4):
    """`count` more evaluatees in the draft, each asked of `respondents` colleagues."""
    world = survey.w
    colleagues = [world.a_staff1, world.a_staff2, world.b_staff1, world.hr_staff, world.b_head]
    for n in range(count):
        servant = ServantFactory(organisation=world.org, last_name=f"{name}{n:03d}")
        position = PositionFactory(unit=unit or world.unit_b, category="B-4")
        AssignmentFactory(servant=servant, position=position)
        target = Target.objects.create(
            campaign=survey.campaign,
            servant=servant,
            position=position,
            unit=position.unit,
            form="staff",
            no_manager_reason="Сынақ",
        )
        Invitation.objects.bulk_create(
            Invitation(target=target, respondent=person, relation=Relation.PEER)
            for person in colleagues[:respondents]
        )


def page_url(campaign, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    url = reverse("surveys:campaign", args=[campaign.pk])
    return f"{url}?{query}" if query else url


def hr_client(world):
    client = Client()
    client.cookies["bagalau_language"] = "en"
    client.force_login(world.hr_staff_user)
    return client


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.parametrize("state", ["draft", "open"])
def test_the_campaign_pages_queries_do_not_grow_with_the_evaluatees(world, survey, state):
    survey.draft()
    survey.fix_lists()
    base = survey.campaign.targets.count()
    more_targets(survey, 2, name="Алғашқы")
    if state == "open":
        survey.open()
    client = hr_client(world)
    small, response = queries(client, page_url(survey.campaign))
    assert response.context["page"].paginator.count == base + 2
    if state == "open":
        Campaign.objects.filter(pk=survey.campaign.pk).update(status="draft")
    more_targets(survey, 12, name="Кейінгі")
    if state == "open":
        Campaign.objects.filter(pk=survey.campaign.pk).update(status="open")
    large, response = queries(client, page_url(survey.campaign, page=2))
    assert response.context["page"].paginator.count == base + 14
    assert sum(len(g.rows) for g in response.context["groups"]) == PAGE
    assert large == small


def test_filters_by_unit_and_name_and_the_lists_to_fix(world, survey):
    survey.draft()
    survey.fix_lists()
    more_targets(survey, 5, name="Сүзгі", respondents=2)  # too short: to fix
    client = hr_client(world)

    by_unit = client.get(page_url(survey.campaign, unit=world.unit_a.pk))
    servants = {row.target.servant for g in by_unit.context["groups"] for row in g.rows}
    assert servants == {world.a_head, world.a_staff1, world.a_staff2}

    named = client.get(page_url(survey.campaign, q="сузги"))  # Kazakh letters typed in Russian
    assert named.context["page"].paginator.count == 5
    assert "q=%D1%81%D1%83%D0%B7%D0%B3%D0%B8&amp;page=2" in named.content.decode()

    whole = client.get(page_url(survey.campaign))
    assert whole.context["to_fix_count"] == 5
    assert len(whole.context["to_fix"]) == PAGE  # the first ones, with a link to all of them
    assert "?to_fix=1" in whole.content.decode()
    fixing = client.get(page_url(survey.campaign, to_fix=1))
    assert fixing.context["page"].paginator.count == 5
    rows = [row for g in fixing.context["groups"] for row in g.rows]
    assert all(not row.count_ok for row in rows)


@pytest.mark.parametrize("around", [1000, 0])
def test_a_list_without_the_manager_is_to_fix(world, survey, monkeypatch, around):
    # 0: the whole structure loaded, not the posts around the evaluatees
    monkeypatch.setattr("bagalau.surveys.draft_check.AROUND_AT_MOST", around)
    survey.draft()
    survey.fix_lists()
    target = survey.target("a_staff1")
    target.invitations.filter(respondent=world.a_head).delete()
    Invitation.objects.create(target=target, respondent=world.hr_head, relation=Relation.PEER)
    response = hr_client(world).get(page_url(survey.campaign, to_fix=1))
    rows = [row for g in response.context["groups"] for row in g.rows]
    assert [row.target.servant for row in rows] == [world.a_staff1]
    assert rows[0].no_manager
    assert rows[0].count_ok


@pytest.mark.parametrize("around", [1000, 0])
def test_the_manager_counts_whatever_relation_the_list_names(world, survey, monkeypatch, around):
    """The list is checked against today's manager, not against the relation written when the
    respondent was added: the manager added as a peer counts, a former manager does not."""
    monkeypatch.setattr("bagalau.surveys.draft_check.AROUND_AT_MOST", around)
    survey.draft()
    survey.fix_lists()
    as_peer = survey.target("a_staff1")
    as_peer.invitations.filter(respondent=world.a_head).update(relation=Relation.PEER)
    former = survey.target("a_staff2")
    former.invitations.filter(respondent=world.a_head).delete()
    Invitation.objects.create(target=former, respondent=world.b_head, relation=Relation.MANAGER)
    response = hr_client(world).get(page_url(survey.campaign, to_fix=1))
    rows = [row for g in response.context["groups"] for row in g.rows]
    assert [(row.target.servant, row.no_manager) for row in rows] == [(world.a_staff2, True)]


@pytest.mark.parametrize("who", ["a_staff1", "outsider"])
def test_filters_do_not_open_the_page_to_others(world, survey, who):
    survey.draft()
    before = list(Invitation.objects.order_by("pk").values_list("pk", "respondent"))
    client = Client()
    client.force_login(getattr(world, f"{who}_user"))
    response = client.get(page_url(survey.campaign, unit=world.unit_a.pk, to_fix=1))
    assert response.status_code in (403, 404)
    assert list(Invitation.objects.order_by("pk").values_list("pk", "respondent")) == before


def test_the_training_needs_table_pages_its_units_and_keeps_the_totals(world, closed):
    whole = training_needs(closed.campaign)
    assert len(whole.units) > PAGE
    client = Client()
    client.cookies["bagalau_language"] = "en"
    client.force_login(world.hr_head_user)
    url = reverse("surveys:training", args=[closed.campaign.pk])
    first = client.get(url).context
    second = client.get(f"{url}?page=2").context
    assert first["page"].paginator.count == len(whole.units)
    assert first["needs"].units + second["needs"].units == whole.units
    for row, one, two in zip(whole.rows, first["needs"].rows, second["needs"].rows, strict=True):
        assert one.counts + two.counts == row.counts
        assert one.total == two.total == row.total


def test_hr_dashboard_asks_for_the_lists_to_fix_once_shown(world, survey):
    """While the campaign is a draft HR's dashboard does not check every list itself: its panel
    asks for the count once shown (`campaign_panel`), which counts what the page counts."""
    survey.draft()
    survey.fix_lists()
    more_targets(survey, 2, name="Қысқа", respondents=2)  # too short: to fix
    client = hr_client(world)
    to_fix = reverse("surveys:campaign_panel", args=[survey.campaign.pk])
    home = client.get(reverse("home")).content.decode()
    assert f'hx-get="{to_fix}"' in home
    assert "to complete before opening" not in home
    fragment = client.get(to_fix)
    assert fragment.context["to_fix"] == 2
    assert "2 respondent lists to complete before opening." in fragment.content.decode()
    assert client.get(page_url(survey.campaign)).context["to_fix_count"] == 2


@pytest.mark.parametrize("state", ["draft", "open"])
@pytest.mark.parametrize("who", ["a_staff1", "outsider"])
def test_the_panels_figures_are_hr_s_alone(world, survey, who, state):
    getattr(survey, state)()
    before = list(Invitation.objects.order_by("pk").values_list("pk", "respondent"))
    client = Client()
    client.force_login(getattr(world, f"{who}_user"))
    url = reverse("surveys:campaign_panel", args=[survey.campaign.pk])
    assert client.get(url).status_code == 404
    assert list(Invitation.objects.order_by("pk").values_list("pk", "respondent")) == before


def test_the_unit_filter_offers_the_units_around_the_chosen_one(world, survey):
    """Not the whole tree (1,668 options at 100,000 servants): the top two levels, and around a
    chosen unit the units above and right under it, as the roster's filter."""
    deep = build_deep(world)
    survey.draft()
    client = hr_client(world)
    offered = client.get(page_url(survey.campaign)).context["units"]
    assert [unit for unit, _depth in offered] == [
        unit for unit, depth in unit_tree(world.org) if depth <= 1
    ]
    assert deep.s_deep not in {unit for unit, _depth in offered}
    chosen = client.get(page_url(survey.campaign, unit=deep.s_b3.pk))
    assert (deep.s_deep, 3) in chosen.context["units"]
    assert f'<option value="{deep.s_deep.pk}">' in chosen.content.decode()


def test_a_unit_written_in_other_digits_is_no_filter(world, survey):
    """A "²" is a digit to str.isdigit() and not to int(): the filter is ignored, the page shown."""
    survey.draft()
    client = hr_client(world)
    whole = client.get(page_url(survey.campaign))
    for odd in ("²", "٤", "-1", "9" * 30):
        response = client.get(page_url(survey.campaign, unit=odd))
        assert response.status_code == 200
        assert response.context["page"].paginator.count == whole.context["page"].paginator.count
