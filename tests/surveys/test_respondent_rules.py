"""The respondents' rules from the issue (15 items 10 and 11, 8 item 4), on the world apparatus:
- p.5: a servant who held the position less than 3 months within the year is left out;
- p.35 1): the direct manager is on the list, or HR writes why not;
- issue 8 item 4: the proposal takes a fourth respondent where the structure allows, HR is warned
  about a list of exactly 3, and the report says how many responded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import DomainError
from bagalau.surveys.respondents import propose_respondents
from bagalau.surveys.services import campaign_open, target_set_respondents
from tests.factories import AssignmentFactory, PositionFactory, ServantFactory, UserFactory
from tests.surveys.conftest import LISTS, TODAY
from tests.surveys.test_campaign import state


def _newcomer(world, start: dt.date, key: str = "newcomer"):
    servant = ServantFactory(
        organisation=world.org,
        user=UserFactory(username=key),
        last_name="Жаңа",
        first_name=key,
    )
    position = PositionFactory(unit=world.unit_b, category="B-4", name_kk=f"{key} лауазымы")
    return AssignmentFactory(servant=servant, position=position, start=start)


# --- p.5: the time in the position within the year ----------------------------------------------


def test_a_servant_appointed_in_november_is_left_out_of_the_year(survey, world):
    """Appointed on 3 November 2026: 1 month in the position in 2026, under 3 (p.5)."""
    november = _newcomer(world, dt.date(2026, 11, 3), "november")
    october = _newcomer(world, dt.date(2026, 10, 1), "october")  # exactly 3 months: evaluated
    campaign = survey.draft()
    servants = set(campaign.targets.values_list("servant_id", flat=True))
    assert november.servant_id not in servants
    assert october.servant_id in servants
    entry = AuditEntry.objects.get(object_type="surveys.campaign", action="create")
    assert entry.changes["under_3_months"] == [None, 1]


def test_a_long_serving_servant_moved_in_november_is_left_out_too(survey, world):
    """Total tenure does not count: the time in THIS position within the year does."""
    world.b_staff1_assignment.end = dt.date(2026, 11, 15)
    world.b_staff1_assignment.save()
    new_post = PositionFactory(unit=world.unit_a, category="B-4", name_kk="жаңа лауазым")
    AssignmentFactory(servant=world.b_staff1, position=new_post, start=dt.date(2026, 11, 16))
    campaign = survey.draft()
    assert not campaign.targets.filter(servant=world.b_staff1).exists()


def test_a_reappointment_to_the_same_position_continues_the_time(survey, world):
    """Two back-to-back assignments to one position count as one stretch in it."""
    world.b_staff1_assignment.end = dt.date(2026, 10, 31)
    world.b_staff1_assignment.save()
    AssignmentFactory(
        servant=world.b_staff1,
        position=world.b_staff1_assignment.position,
        start=dt.date(2026, 11, 1),
    )
    campaign = survey.draft()
    assert campaign.targets.filter(servant=world.b_staff1).exists()


# --- p.35 1): the direct manager ------------------------------------------------------------------


def test_a_list_without_the_direct_manager_is_refused_unless_a_reason_is_written(survey, world):
    survey.draft()
    target = survey.target("a_staff1")  # direct manager: a_head
    without = [world.a_staff2.pk, world.b_staff1.pk, world.b_head.pk]
    before = state()
    with pytest.raises(DomainError) as raised:
        target_set_respondents(
            actor=world.hr_staff_user, target_id=target.pk, respondent_ids=without
        )
    assert raised.value.field == "no_manager_reason"
    assert "Әлиев Арман" in raised.value.message
    assert state() == before
    with pytest.raises(DomainError):
        target_set_respondents(
            actor=world.hr_staff_user,
            target_id=target.pk,
            respondent_ids=without,
            no_manager_reason="   ",
        )
    assert state() == before
    saved = target_set_respondents(
        actor=world.hr_staff_user,
        target_id=target.pk,
        respondent_ids=without,
        no_manager_reason="The head of unit A is on long sick leave until March.",
    )
    assert saved.no_manager_reason.startswith("The head of unit A")
    entry = AuditEntry.objects.filter(object_type="surveys.target", action="update").latest("pk")
    assert entry.changes["no_manager_reason"][1].startswith("The head of unit A")
    # Putting the manager back clears the reason.
    back = target_set_respondents(
        actor=world.hr_staff_user,
        target_id=target.pk,
        respondent_ids=[*without, world.a_head.pk],
    )
    assert back.no_manager_reason == ""


def test_opening_is_refused_while_a_list_lacks_the_manager_without_a_reason(survey, world):
    from bagalau.surveys.models import Invitation

    survey.draft()
    survey.fix_lists()
    target = survey.target("a_staff1")
    # A list saved before the rule (or edited in the database) without the manager.
    Invitation.objects.filter(target=target, respondent=world.a_head).delete()
    Invitation.objects.create(target=target, respondent=world.b_head, relation="peer")
    before = state()
    with pytest.raises(DomainError) as raised:
        campaign_open(actor=world.hr_staff_user, campaign_id=survey.campaign.pk)
    assert "Бекова Айгүл" in raised.value.message
    assert state() == before
    client = Client()
    client.force_login(world.hr_staff_user)
    page = client.get(reverse("surveys:campaign", args=[survey.campaign.pk])).content.decode()
    assert "no direct manager and no reason written" in page


def test_the_respondents_page_asks_for_the_reason_beside_the_field(survey, world):
    survey.draft()
    target = survey.target("a_staff1")
    client = Client()
    client.force_login(world.hr_staff_user)
    url = reverse("surveys:target_respondents", args=[target.pk])
    response = client.post(
        url, {"respondents": [world.a_staff2.pk, world.b_staff1.pk, world.b_head.pk]}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "add them to the list or write why not" in html
    assert 'name="no_manager_reason"' in html


# --- issue 8 item 4: a fourth respondent, the warning, the count ---------------------------------


def test_the_proposal_takes_a_fourth_colleague_where_the_structure_allows(survey, world):
    """a_staff1: manager a_head, peer a_staff2 (2 from p.35's circle); the proposal adds staff
    of the sibling units (b_staff1, hr_staff) up to 4."""
    assignment = world.a_staff1_assignment
    proposed = propose_respondents(assignment, TODAY, limit=7, at_least=4)
    assert [p.servant.pk for p in proposed] == [
        world.a_head.pk,
        world.a_staff2.pk,
        world.b_staff1.pk,
        world.hr_staff.pk,
    ]
    # Without the floor, only p.35's circle.
    assert len(propose_respondents(assignment, TODAY, limit=7)) == 2
    campaign = survey.draft()
    counts = {t.servant_id: t.invitations.count() for t in campaign.targets.all()}
    assert counts[world.a_staff1.pk] == 4


def test_hr_is_warned_about_a_list_of_exactly_three(survey, world):
    survey.draft()
    survey.fix_lists()  # a_staff1's list: exactly 3 (LISTS)
    assert len(LISTS["a_staff1"]) == 3
    client = Client()
    client.force_login(world.hr_staff_user)
    target = survey.target("a_staff1")
    page = client.get(reverse("surveys:target_respondents", args=[target.pk])).content.decode()
    assert "any two of them could work out the third" in page
    campaign_page = client.get(reverse("surveys:campaign", args=[survey.campaign.pk]))
    assert 'data-testid="at-minimum"' in campaign_page.content.decode()
    response = client.post(
        reverse("surveys:target_respondents", args=[target.pk]),
        {"respondents": [world.a_head.pk, world.a_staff2.pk, world.b_staff1.pk]},
        follow=True,
    )
    assert "any two of them could work out the third" in response.content.decode()
    api = Client()
    api.force_login(world.hr_staff_user)
    body = api.get(f"/api/v1/surveys/targets/{target.pk}/respondents/").json()
    assert body["at_minimum"] is True


def test_every_reader_of_a_released_report_sees_how_many_responded(closed):
    target = closed.survey.target("a_staff1")
    for key in ("a_staff1", "a_head", "hr_head"):
        client = Client()
        client.force_login(closed.survey.user(key))
        html = client.get(reverse("surveys:report", args=[target.pk])).content.decode()
        assert 'data-testid="responded">3' in html, key


def test_opening_names_the_first_list_refused_by_the_evaluatee_s_name(survey, world):
    """Of several lists to fix, the refusal names the first evaluatee in alphabetical order
    (not the first listed), with what is wrong with that list (too short before the manager)."""
    from bagalau.org.models import Servant
    from bagalau.surveys.models import Invitation

    survey.draft()
    survey.fix_lists()
    short, lacking = survey.target("deputy"), survey.target("a_staff2")
    Invitation.objects.filter(target=short, respondent=world.b_head).delete()
    Invitation.objects.filter(target=lacking, respondent=world.a_head).delete()
    Invitation.objects.create(target=lacking, respondent=world.b_head, relation="peer")
    earlier, later = sorted([short, lacking], key=lambda target: target.pk)
    Servant.objects.filter(pk=earlier.servant_id).update(last_name="Ясауи")
    Servant.objects.filter(pk=later.servant_id).update(last_name="Абаев")
    before = state()
    with pytest.raises(DomainError) as raised:
        campaign_open(actor=world.hr_staff_user, campaign_id=survey.campaign.pk)
    named = Servant.objects.get(pk=later.servant_id).full_name
    assert named in raised.value.message
    wrong = "respondents; every servant needs" if later == short else "no direct manager"
    assert wrong in raised.value.message
    Servant.objects.filter(pk=earlier.servant_id).update(last_name="Аа")
    with pytest.raises(DomainError) as raised:
        campaign_open(actor=world.hr_staff_user, campaign_id=survey.campaign.pk)
    assert Servant.objects.get(pk=earlier.servant_id).full_name in raised.value.message
    assert state() == before
    survey.campaign.refresh_from_db()
    assert survey.campaign.status == "draft"
