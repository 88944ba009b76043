"""The draft's lists to fix, remembered between views for a large campaign (issue 12 item 3,
surveys.draft_check): after every change HR makes through the services — a list, an evaluatee
taken out, the structure, and the next day — the remembered answer is the one the rows give
afresh (`target_rows`, which asks the structure evaluatee by evaluatee)."""

import datetime as dt

import pytest

from bagalau.core.memo import forget_in_this_process
from bagalau.org import manager_ids
from bagalau.org.services import assignment_set_managers, servant_dismiss
from bagalau.surveys import draft_check
from bagalau.surveys.models import Campaign
from bagalau.surveys.selectors import target_rows
from bagalau.surveys.services import target_remove, target_set_respondents
from tests.surveys.conftest import TODAY


@pytest.fixture(autouse=True)
def _remembering(monkeypatch):
    """Every campaign remembers its check, and the whole structure is read (as for 100,000)."""
    monkeypatch.setattr(draft_check, "REMEMBER_FROM", 0)
    monkeypatch.setattr(draft_check, "AROUND_AT_MOST", 0)


@pytest.fixture
def structure_reads(monkeypatch):
    """How many times the whole structure is read."""
    reads = []
    real = manager_ids.ManagerIds.__init__

    def counted(self, *args, **kwargs):
        reads.append(args)
        real(self, *args, **kwargs)

    monkeypatch.setattr(manager_ids.ManagerIds, "__init__", counted)
    return reads


def checked(campaign: Campaign) -> tuple[set[int], set[int]]:
    """The lists to fix as the page gets them, asserted equal to the rows' answer."""
    campaign = Campaign.objects.get(pk=campaign.pk)
    wrong, no_manager = draft_check.lists_to_fix(campaign)
    rows = [row for group in target_rows(campaign) for row in group.rows]
    assert wrong == {row.target.pk for row in rows if not row.count_ok}
    assert no_manager == {row.target.pk for row in rows if row.no_manager}
    return wrong, no_manager


def test_the_remembered_check_follows_each_change_hr_makes(world, survey, structure_reads):
    campaign = survey.draft()
    checked(campaign)
    survey.fix_lists()
    assert checked(campaign) == (set(), set())
    assert checked(campaign) == (set(), set())
    assert len(structure_reads) == 1  # the lists changed, the structure did not

    assignment_set_managers(
        actor=world.hr_staff_user,
        assignment_id=world.a_staff1_assignment.pk,
        direct_manager_id=world.deputy.pk,
        reason="Бөлім басшысының тапсырмасы",
    )
    a_staff1 = survey.target("a_staff1")
    assert checked(campaign) == (set(), {a_staff1.pk})
    assert len(structure_reads) == 2

    target_set_respondents(
        actor=world.hr_staff_user,
        target_id=a_staff1.pk,
        respondent_ids=[world.deputy.pk, world.a_staff2.pk, world.b_staff1.pk],
    )
    assert checked(campaign) == (set(), set())
    assert len(structure_reads) == 2  # only the changed list was checked again

    removed = survey.target("a_staff2").pk
    target_remove(actor=world.hr_staff_user, target_id=removed)
    wrong, no_manager = checked(campaign)
    assert removed not in wrong | no_manager


def test_the_next_day_is_checked_afresh(world, survey, clock):
    """The head of the legal department leaves at the end of today: tomorrow the lists naming
    them as the manager no longer have the direct manager."""
    campaign = survey.draft()
    survey.fix_lists()
    servant_dismiss(actor=world.hr_staff_user, servant_id=world.a_head.pk, end=TODAY)
    assert checked(campaign) == (set(), set())
    clock(TODAY + dt.timedelta(days=1))
    _wrong, no_manager = checked(campaign)
    assert survey.target("a_staff1").pk in no_manager
    assert survey.target("a_staff2").pk in no_manager


def test_two_campaigns_are_remembered_apart(world, survey):
    """A check remembered for one campaign is never the answer for another."""
    first = survey.draft()
    survey.fix_lists()
    assert checked(first) == (set(), set())
    Campaign.objects.filter(pk=first.pk).update(year=2025)
    second = survey.draft()
    wrong, no_manager = checked(second)
    assert wrong | no_manager  # the proposals are not HR's lists yet
    assert checked(first) == (set(), set())


def in_another_process() -> None:
    """What another application process has: the shared cache, none of this one's memos."""
    forget_in_this_process()


def test_another_process_takes_the_check_from_the_shared_cache(world, survey, structure_reads):
    campaign = survey.draft()
    survey.fix_lists()
    assert checked(campaign) == (set(), set())
    reads = len(structure_reads)
    in_another_process()
    assert draft_check.lists_to_fix(Campaign.objects.get(pk=campaign.pk)) == (set(), set())
    assert len(structure_reads) == reads  # nothing worked out again


def test_a_change_of_the_structure_is_checked_before_the_next_view(
    world, survey, structure_reads, django_capture_on_commit_callbacks
):
    """The task queued by the change (`org.signals.structure_changed`) works the check out
    afresh, so the next view in any process reads no structure and sees the change."""
    campaign = survey.draft()
    survey.fix_lists()
    checked(campaign)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        assignment_set_managers(
            actor=world.hr_staff_user,
            assignment_id=world.a_staff1_assignment.pk,
            direct_manager_id=world.deputy.pk,
            reason="Бөлім басшысының тапсырмасы",
        )
    assert queued  # the refresh, once the change is committed
    reads = len(structure_reads)
    in_another_process()
    fresh = Campaign.objects.get(pk=campaign.pk)
    assert draft_check.lists_to_fix(fresh) == (set(), {survey.target("a_staff1").pk})
    assert len(structure_reads) == reads


def test_the_periodic_job_works_out_the_checks_of_large_drafts_only(
    world, survey, structure_reads, monkeypatch
):
    campaign = survey.draft()
    monkeypatch.setattr(draft_check, "REMEMBER_FROM", campaign.targets.count())
    assert draft_check.draft_checks_refresh() == "0 large 360 drafts checked"
    assert structure_reads == []
    monkeypatch.setattr(draft_check, "REMEMBER_FROM", campaign.targets.count() - 1)
    assert draft_check.draft_checks_refresh() == "1 large 360 drafts checked"
    reads = len(structure_reads)
    in_another_process()
    checked(campaign)
    assert len(structure_reads) == reads
