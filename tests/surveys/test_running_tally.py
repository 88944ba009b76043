"""The counters an open campaign keeps per evaluatee (`RunningTally`, issue 12 item 3): the
campaign page and HR's dashboard add them up instead of counting every questionnaire, so each
step that adds a questionnaire or marks one answered keeps them equal to the questionnaires
themselves — opening, a web submission, one whose sealing fails, paper envelopes, a respondent
added while open — and a refused step changes none."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db.models import Count, Q

from bagalau.core.errors import DomainError
from bagalau.surveys import ballots
from bagalau.surveys.models import RunningTally, Target
from bagalau.surveys.paper import target_mark_paper_returns
from bagalau.surveys.selectors import progress_and_short
from bagalau.surveys.services import target_set_respondents
from tests.surveys.conftest import LISTS
from tests.surveys.test_unit_figures import counted_one_by_one


def counted(campaign) -> dict[int, tuple[int, int]]:
    """{target: (questionnaires, answered)} counted from the questionnaires."""
    return {
        pk: (invited, answered)
        for pk, invited, answered in Target.objects.filter(campaign=campaign)
        .annotate(
            n=Count("invitations"),
            done=Count("invitations", filter=Q(invitations__completed=True)),
        )
        .values_list("pk", "n", "done")
    }


def kept(campaign) -> dict[int, tuple[int, int]]:
    """{target: (invited, answered)} as the counters say."""
    return {
        pk: (invited, answered)
        for pk, invited, answered in RunningTally.objects.filter(
            target__campaign=campaign
        ).values_list("target_id", "invited", "answered")
    }


def test_a_draft_keeps_no_counters_and_opening_counts_every_list(survey):
    survey.draft()
    survey.fix_lists()
    assert kept(survey.campaign) == {}
    survey.open()
    assert kept(survey.campaign) == counted(survey.campaign)
    assert {answered for _invited, answered in kept(survey.campaign).values()} == {0}
    assert (
        sum(invited for invited, _a in kept(survey.campaign).values())
        == sum(map(len, LISTS.values()))
        == 28
    )


def test_each_submission_counts_once_on_its_evaluatee_only(survey):
    survey.open()
    target = survey.target("a_staff1")
    survey.submit("b_staff1", "a_staff1", 4)
    assert kept(survey.campaign)[target.pk] == (3, 1)
    assert kept(survey.campaign) == counted(survey.campaign)
    with pytest.raises(DomainError):
        survey.submit("b_staff1", "a_staff1", 4)  # a second time: refused, not counted
    assert kept(survey.campaign)[target.pk] == (3, 1)


def test_a_submission_whose_sealing_fails_is_taken_off_the_count(survey, monkeypatch):
    survey.open()
    target = survey.target("a_staff1")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ballots, "add", broken)
    with pytest.raises(RuntimeError):
        survey.submit("b_staff1", "a_staff1", 4)
    assert kept(survey.campaign)[target.pk] == (3, 0)
    monkeypatch.undo()
    survey.submit("b_staff1", "a_staff1", 4)
    assert kept(survey.campaign)[target.pk] == (3, 1)


def test_paper_envelopes_and_respondents_added_while_open_are_counted(survey):
    survey.open()
    w = survey.w
    target = survey.target("a_staff1")
    target_mark_paper_returns(
        actor=w.hr_staff_user, target_id=target.pk, respondent_ids=[w.a_head.pk, w.a_staff2.pk]
    )
    assert kept(survey.campaign)[target.pk] == (3, 2)
    target_set_respondents(
        actor=w.hr_staff_user,
        target_id=target.pk,
        respondent_ids=[w.a_head.pk, w.a_staff2.pk, w.b_staff1.pk, w.b_head.pk],
    )
    assert kept(survey.campaign)[target.pk] == (4, 2)
    survey.submit("b_head", "a_staff1", 5)
    assert kept(survey.campaign) == counted(survey.campaign)
    with pytest.raises(DomainError):  # removing one while open is refused: nothing changes
        target_set_respondents(
            actor=w.hr_staff_user,
            target_id=target.pk,
            respondent_ids=[w.a_head.pk, w.a_staff2.pk, w.b_staff1.pk],
        )
    assert kept(survey.campaign)[target.pk] == (4, 3)
    rows, _total, _short = progress_and_short(survey.campaign)
    found = {row.unit.pk: (row.targets, row.answered, row.due, row.self_done) for row in rows}
    assert found == counted_one_by_one(survey.campaign)


def test_the_migration_counts_the_campaigns_open_before_it(survey):
    survey.open()
    survey.submit("b_staff1", "a_staff1", 4)
    before = kept(survey.campaign)
    RunningTally.objects.all().delete()
    migration = importlib.import_module("bagalau.surveys.migrations.0007_running_tally")
    migration.count_open_campaigns(apps, None)
    assert kept(survey.campaign) == before == counted(survey.campaign)
