"""Answering (p.33-35): one submission per questionnaire, sealed without the respondent and
counted at closing, no draft on the server, the self-assessment, and every bad input refused with
nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import DomainError
from bagalau.surveys.models import AnswerTotal, Ballot, Invitation, ResponseTally, SelfAssessment
from bagalau.surveys.selectors import rules_for, survey_form
from bagalau.surveys.services import (
    invitation_submit,
    self_save_draft,
    self_submit,
)
from tests.surveys.conftest import AFTER, DEADLINE, answers, sealed_ballots
from tests.surveys.test_campaign import state


def totals(target) -> dict[tuple[str, int], tuple[int, int]]:
    return {
        (t.competency, t.statement): (t.total, t.answers)
        for t in AnswerTotal.objects.filter(target=target)
    }


def test_a_submission_keeps_the_date_and_a_sealed_ballot_counted_at_closing(survey, world):
    survey.open()
    target = survey.target("a_staff1")
    invitation = survey.invitation("b_staff1", "a_staff1")
    audit_before = AuditEntry.objects.count()

    given = answers("staff", [5, 4, 2])
    survey.submit("b_staff1", "a_staff1", given)

    invitation.refresh_from_db()
    assert (invitation.completed, invitation.completed_on, invitation.on_paper) == (
        True,
        dt.date(2026, 12, 1),
        False,
    )
    # A sealed ballot, no totals yet: nothing is added up before the campaign closes.
    assert sealed_ballots(target) == [given]
    assert not AnswerTotal.objects.exists()
    assert not ResponseTally.objects.exists()
    # No audit row for a submission (who answered about whom, and when, is not kept).
    assert AuditEntry.objects.count() == audit_before

    survey.submit("a_head", "a_staff1", 3)
    survey.submit("a_staff2", "a_staff1", 1)
    assert len(sealed_ballots(target)) == 3
    survey.close()
    assert not Ballot.objects.exists()
    assert totals(target)[("ethics", 0)] == (5 + 3 + 1, 3)
    assert totals(target)[("ethics", 2)] == (2 + 3 + 1, 3)
    assert ResponseTally.objects.get(target=target).responses == 3


def _bad(survey, respondent, evaluatee, data, field_prefix="answers"):
    target = survey.target(evaluatee)
    invitation = survey.invitation(respondent, evaluatee)
    before = state()
    with pytest.raises(DomainError) as raised:
        invitation_submit(actor=survey.user(respondent), invitation_id=invitation.pk, answers=data)
    assert raised.value.field.startswith(field_prefix), raised.value.field
    assert state() == before
    assert len(sealed_ballots(target)) in (0, 1)
    return raised.value


@pytest.mark.parametrize(
    ("change", "field"),
    [
        pytest.param(lambda a: a.update(ethics=[0, 4, 4]), "answers.ethics[0]", id="zero"),
        pytest.param(lambda a: a.update(ethics=[4, 6, 4]), "answers.ethics[1]", id="six"),
        pytest.param(lambda a: a.update(ethics=[4, 4, "x"]), "answers.ethics[2]", id="text"),
        pytest.param(lambda a: a.update(ethics=[4, 4.5, 4]), "answers.ethics[1]", id="fraction"),
        pytest.param(lambda a: a.update(ethics=[4, True, 4]), "answers.ethics[1]", id="boolean"),
        pytest.param(lambda a: a.update(ethics=[4, None, 4]), "answers.ethics[1]", id="missing"),
        pytest.param(lambda a: a.update(ethics=[4, 4]), "answers.ethics[2]", id="short"),
        pytest.param(lambda a: a.update(ethics=[4, 4, 4, 4]), "answers.ethics", id="long"),
        pytest.param(lambda a: a.pop("ethics"), "answers.ethics[0]", id="no-competency"),
        pytest.param(
            lambda a: a.update(leadership=[4, 4, 4]), "answers.leadership", id="not-on-form"
        ),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_written(survey, change, field):
    survey.open()
    data = answers("staff", 4)
    change(data)
    error = _bad(survey, "b_staff1", "a_staff1", data)
    assert error.field == field
    assert error.message


def test_answers_must_be_a_mapping(survey):
    survey.open()
    _bad(survey, "b_staff1", "a_staff1", [[4, 4, 4]])


def test_a_second_submission_is_refused(survey):
    survey.open()
    survey.submit("b_staff1", "a_staff1", 4)
    error = _bad(survey, "b_staff1", "a_staff1", answers("staff", 1))
    assert "01.12.2026" in error.message
    assert len(sealed_ballots(survey.target("a_staff1"))) == 1


def test_answering_after_the_deadline_is_refused(survey):
    survey.open()
    survey.clock(DEADLINE)
    survey.submit("a_head", "a_staff1", 4)  # the deadline day itself is allowed
    survey.clock(DEADLINE + dt.timedelta(days=1))
    error = _bad(survey, "b_staff1", "a_staff1", answers("staff", 4), "deadline")
    assert "08.01.2027" in error.message


def test_answering_a_draft_or_closed_campaign_is_refused(survey, world):
    survey.draft()
    survey.fix_lists()
    invitation = survey.invitation("b_staff1", "a_staff1")
    with pytest.raises(DomainError) as raised:
        invitation_submit(
            actor=world.b_staff1_user, invitation_id=invitation.pk, answers=answers("staff", 4)
        )
    assert raised.value.field == "status"
    survey.campaign = survey.open()
    survey.answer_all()
    for key in ("a_staff1",):
        survey.self_assess(key)
    survey.close()
    with pytest.raises(DomainError):
        self_submit(
            actor=world.a_staff2_user,
            target_id=survey.target("a_staff2").pk,
            answers=answers("staff", 4),
        )


def test_nobody_else_may_answer_or_read_a_questionnaire(survey, world):
    survey.open()
    invitation = survey.invitation("b_staff1", "a_staff1")
    before = state()
    for user in (
        world.a_staff1_user,  # the evaluatee
        world.a_head_user,  # another respondent, the evaluator
        world.hr_head_user,
        world.hr_staff_user,
        world.admin_user,
        world.outsider_user,
    ):
        with pytest.raises(Http404):
            invitation_submit(actor=user, invitation_id=invitation.pk, answers=answers("staff", 1))
    assert state() == before


def test_a_failed_ballot_write_takes_the_completion_back(survey, world, monkeypatch):
    """The completion mark and the ballot are two transactions: when the second fails, the mark
    is taken back and the respondent can submit again; nothing is half-written."""
    from bagalau.surveys import ballots

    survey.open()
    invitation = survey.invitation("b_staff1", "a_staff1")
    before = state()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ballots, "add", broken)
    with pytest.raises(RuntimeError):
        survey.submit("b_staff1", "a_staff1", 4)
    assert state() == before
    monkeypatch.undo()
    survey.submit("b_staff1", "a_staff1", 4)
    invitation.refresh_from_db()
    assert invitation.completed
    assert sealed_ballots(survey.target("a_staff1")) == [answers("staff", 4)]


def test_self_assessment_drafts_are_deleted_when_the_campaign_closes(survey, world):
    survey.open()
    invitation = survey.invitation("b_staff1", "a_staff1")
    self_save_draft(
        actor=world.a_staff2_user,
        target_id=survey.target("a_staff2").pk,
        answers={"ethics": [5, 5, None]},
    )
    survey.close()
    invitation.refresh_from_db()
    assert not invitation.completed
    own = SelfAssessment.objects.get(target=survey.target("a_staff2"))
    assert own.answers == {}
    assert own.submitted_on is None


# --- the self-assessment -------------------------------------------------------------------------


def test_self_assessment_is_the_evaluatees_own_and_not_counted(survey, world):
    survey.open()
    target = survey.target("a_staff1")
    self_save_draft(actor=world.a_staff1_user, target_id=target.pk, answers={"ethics": [3]})
    own = SelfAssessment.objects.get(target=target)
    assert own.answers["ethics"] == [3, None, None]
    survey.self_assess("a_staff1", 3)
    own.refresh_from_db()
    assert own.submitted_on == dt.date(2026, 12, 1)
    assert own.answers["ethics"] == [3, 3, 3]
    # Not counted: no ballot.
    assert not Ballot.objects.filter(target=target).exists()
    entry = AuditEntry.objects.get(action="submit_self")
    assert entry.changes == {"self_assessment": [None, "submitted"]}
    before = state()
    with pytest.raises(DomainError):
        self_submit(actor=world.a_staff1_user, target_id=target.pk, answers=answers("staff", 5))
    assert state() == before


def test_only_the_evaluatee_self_assesses(survey, world):
    survey.open()
    target = survey.target("a_staff1")
    for user in (world.a_head_user, world.hr_head_user, world.b_staff1_user):
        with pytest.raises(Http404):
            self_submit(actor=user, target_id=target.pk, answers=answers("staff", 5))
    assert SelfAssessment.objects.get(target=target).submitted_on is None


def test_self_assessment_with_bad_answers_changes_nothing(survey, world):
    survey.open()
    target = survey.target("a_staff1")
    before = state()
    data = answers("staff", 4)
    data["ethics"] = [4, 0, 4]
    with pytest.raises(DomainError):
        self_submit(actor=world.a_staff1_user, target_id=target.pk, answers=data)
    survey.clock(AFTER)
    with pytest.raises(DomainError):
        self_submit(actor=world.a_staff1_user, target_id=target.pk, answers=answers("staff", 4))
    assert state() == before


def test_the_invitation_row_has_no_answers_after_submission(survey):
    survey.open()
    survey.submit("b_staff1", "a_staff1", [5, 1, 3])
    row = Invitation.objects.filter(pk=survey.invitation("b_staff1", "a_staff1").pk).values().get()
    assert set(row) == {
        "id",
        "target_id",
        "respondent_id",
        "relation",
        "completed",
        "completed_on",
        "on_paper",
    }


def test_running_totals_kept_before_the_ballots_are_added_to_them_at_closing(survey, world):
    """A campaign opened before the sealed ballots existed kept running totals and counts: the
    closing adds the ballots to them (aggregation._stored_before), for that evaluatee only."""
    survey.open()
    target, other = survey.target("a_staff1"), survey.target("a_head")
    ResponseTally.objects.create(target=target, responses=2, paper=0)
    form = {
        c.code: len(c.statements) for c in survey_form(target.campaign, target.form).competencies
    }
    AnswerTotal.objects.bulk_create(
        AnswerTotal(target=target, competency=code, statement=n, total=8, answers=2)
        for code, count in form.items()
        for n in range(count)
    )
    survey.submit("b_staff1", "a_staff1", 5)
    for respondent in ("a_staff1", "a_staff2", "b_head"):
        survey.submit(respondent, "a_head", 4)
    survey.close()
    assert ResponseTally.objects.get(target=target).responses == 3
    assert set(totals(target).values()) == {(8 + 5, 3)}
    assert target.lowest.count() == rules_for(target.campaign).survey.lowest_count
    assert set(totals(other).values()) == {(12, 3)}
    assert ResponseTally.objects.get(target=other).responses == 3
