"""HR's campaign (p.33-36): drafting with proposed respondents, adjusting the lists (3-7, never
the evaluatee), opening, closing, the schedule's 360 line, and refusals that change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import ConflictError, DomainError
from bagalau.evaluations.models import PeriodKind, PeriodStatus
from bagalau.notifications.models import Notification
from bagalau.surveys.models import (
    AnswerTotal,
    Ballot,
    Campaign,
    CampaignStatus,
    Invitation,
    PaperBatch,
    ResponseTally,
    RunningTally,
    SelfAssessment,
    Target,
)
from bagalau.surveys.services import (
    campaign_close,
    campaign_create,
    campaign_open,
    campaign_set_deadline,
    target_remove,
    target_set_respondents,
)
from tests.factories import AssignmentFactory, PeriodFactory, ScheduleFactory, ServantFactory
from tests.surveys.conftest import DEADLINE, LISTS, TODAY


def respondents(target: Target) -> list[tuple[str, str]]:
    return [
        (i.respondent.last_name, i.relation)
        for i in target.invitations.select_related("respondent").order_by("pk")
    ]


def state():
    """Everything the campaign writes, to check that a refusal changed nothing."""
    return (
        list(Campaign.objects.values().order_by("pk")),
        list(Target.objects.values().order_by("pk")),
        list(Invitation.objects.values().order_by("pk")),
        list(AnswerTotal.objects.values().order_by("pk")),
        list(ResponseTally.objects.values().order_by("pk")),
        list(RunningTally.objects.values().order_by("pk")),
        list(SelfAssessment.objects.values().order_by("pk")),
        sorted(bytes(b) for b in Ballot.objects.values_list("sealed", flat=True)),
        list(PaperBatch.objects.values().order_by("pk")),
        AuditEntry.objects.count(),
        Notification.objects.count(),
    )


# --- drafting ------------------------------------------------------------------------------------


def test_draft_lists_every_b_servant_with_form_evaluator_and_proposals(survey):
    w = survey.w
    campaign = survey.draft()
    assert campaign.status == CampaignStatus.DRAFT
    assert campaign.deadline == DEADLINE
    assert campaign.edition == "sjc-2023"
    targets = {t.servant.user.username: t for t in campaign.targets.select_related("servant")}
    # The head of the apparatus holds no "B" post: not evaluated.
    assert set(targets) == set(LISTS)
    forms = {key: t.form for key, t in targets.items()}
    assert {k for k, f in forms.items() if f == "manager"} == {
        "deputy",
        "a_head",
        "b_head",
        "hr_head",
    }
    assert targets["a_staff1"].evaluator == w.a_head
    assert targets["a_head"].evaluator == w.deputy  # the override
    # Manager first, then subordinates, then peers (the heads of the sibling units).
    assert respondents(targets["a_head"]) == [
        ("Орынбасар", "manager"),
        ("Бекова", "subordinate"),
        ("Жанов", "subordinate"),
        ("Кадрова", "peer"),
        ("Қасымов", "peer"),
    ]
    # p.35's circle gives a_staff1 two; staff of the sibling units bring it to four (issue 8
    # item 4: with exactly three, two respondents could work out the third's answers).
    assert respondents(targets["a_staff1"]) == [
        ("Әлиев", "manager"),
        ("Жанов", "peer"),
        ("Омарова", "peer"),
        ("Сектор", "peer"),
    ]
    # No totals exist before opening.
    assert not AnswerTotal.objects.exists()
    assert not ResponseTally.objects.exists()
    entry = AuditEntry.objects.get(action="create", object_type="surveys.campaign")
    assert entry.changes["evaluatees"] == [None, 8]


def test_the_proposal_is_capped_at_seven_manager_first(survey):
    w = survey.w
    for index in range(8):
        servant = ServantFactory(organisation=w.org, last_name=f"Қосымша{index}")
        AssignmentFactory(
            servant=servant,
            position__unit=w.unit_a,
            position__category="B-4",
            start=dt.date(2024, 1, 1),
        )
    campaign = survey.draft()
    people = respondents(Target.objects.get(campaign=campaign, servant=w.a_head))
    assert len(people) == 7
    assert people[0] == ("Орынбасар", "manager")
    assert {relation for _name, relation in people[1:]} == {"subordinate"}


def test_default_deadline_is_the_schedules_planned_date_or_the_legal_one(survey, world):
    schedule = ScheduleFactory(organisation=world.org, year=2026)
    PeriodFactory(
        schedule=schedule,
        kind=PeriodKind.SURVEY360,
        number=None,
        starts=dt.date(2026, 1, 1),
        ends=dt.date(2026, 12, 31),
        deadline=dt.date(2027, 1, 10),
        planned_date=dt.date(2026, 12, 25),
        status=PeriodStatus.SCHEDULED,
    )
    campaign = survey.draft(deadline=None)
    assert campaign.deadline == dt.date(2026, 12, 25)
    assert campaign.period is not None


def test_legal_deadline_when_there_is_no_schedule(survey):
    campaign = survey.draft(deadline=None)
    assert campaign.deadline == dt.date(2027, 1, 10)
    assert campaign.period is None


@pytest.mark.parametrize(
    ("year", "deadline", "field"),
    [
        pytest.param(2026, dt.date(2027, 1, 11), "deadline", id="after-legal-deadline"),
        pytest.param(2026, dt.date(2026, 11, 30), "deadline", id="deadline-passed"),
        pytest.param(2027, None, "year", id="future-year"),
        pytest.param(2024, None, "deadline", id="old-year-legal-deadline-passed"),
    ],
)
def test_draft_refuses_bad_years_and_deadlines(survey, world, year, deadline, field):
    before = state()
    with pytest.raises(DomainError) as raised:
        campaign_create(
            actor=world.hr_staff_user, organisation=world.org, year=year, deadline=deadline
        )
    assert raised.value.field == field
    assert state() == before


def test_one_campaign_a_year(survey, world):
    survey.draft()
    before = state()
    with pytest.raises(DomainError) as raised:
        campaign_create(actor=world.hr_head_user, organisation=world.org, year=2026)
    assert raised.value.field == "year"
    assert state() == before


def test_only_hr_drafts(survey, world):
    with pytest.raises(PermissionDenied):
        campaign_create(actor=world.a_head_user, organisation=world.org, year=2026)
    with pytest.raises(Http404):
        campaign_create(actor=world.outsider_user, organisation=world.org, year=2026)
    assert not Campaign.objects.exists()


# --- adjusting the lists (p.35) ------------------------------------------------------------------


def test_hr_sets_a_list_and_the_relation_is_derived(survey, world):
    campaign = survey.draft()
    target = survey.target("a_staff1")
    target_set_respondents(
        actor=world.hr_staff_user,
        target_id=target.pk,
        respondent_ids=[world.a_head.pk, world.b_staff1.pk, world.a_staff2.pk],
        version=target.version,
    )
    target.refresh_from_db()
    assert target.version == 2
    assert sorted(respondents(target)) == sorted(
        [("Әлиев", "manager"), ("Жанов", "peer"), ("Омарова", "peer")]
    )
    entry = AuditEntry.objects.filter(object_type="surveys.target").latest("pk")
    # Counted, never named: the audit log holds no (respondent, target) pair.
    assert entry.changes == {"respondents": [4, 3]}
    assert campaign.status == CampaignStatus.DRAFT


@pytest.mark.parametrize(
    "people",
    [
        pytest.param(["a_head", "a_staff2"], id="two"),
        pytest.param(
            ["a_head", "a_staff2", "b_staff1", "b_head", "hr_head", "hr_staff", "deputy", "head"],
            id="eight",
        ),
        pytest.param(["a_head", "a_staff2", "a_staff1"], id="the-evaluatee"),
        pytest.param(["a_head", "a_staff2", "a_staff2"], id="twice"),
    ],
)
def test_list_refusals_change_nothing(survey, world, people):
    survey.draft()
    target = survey.target("a_staff1")
    before = state()
    with pytest.raises(DomainError) as raised:
        target_set_respondents(
            actor=world.hr_staff_user,
            target_id=target.pk,
            respondent_ids=[getattr(world, key).pk for key in people],
        )
    assert raised.value.field == "respondents"
    assert state() == before


def test_a_list_refuses_outsiders_and_servants_out_of_post(survey, world):
    from tests.factories import OrganisationFactory

    survey.draft()
    target = survey.target("a_staff1")
    stranger = ServantFactory(organisation=OrganisationFactory())
    AssignmentFactory(servant=stranger)
    gone = ServantFactory(organisation=world.org)
    AssignmentFactory(servant=gone, position__unit=world.unit_a, end=dt.date(2026, 6, 30))
    before = state()
    for intruder in (stranger, gone):
        with pytest.raises(DomainError):
            target_set_respondents(
                actor=world.hr_staff_user,
                target_id=target.pk,
                respondent_ids=[world.a_head.pk, world.a_staff2.pk, intruder.pk],
            )
    assert state() == before


def test_a_stale_version_is_a_conflict(survey, world):
    survey.draft()
    target = survey.target("a_staff1")
    ids = [world.a_head.pk, world.a_staff2.pk, world.b_staff1.pk]
    target_set_respondents(actor=world.hr_staff_user, target_id=target.pk, respondent_ids=ids)
    before = state()
    with pytest.raises(ConflictError):
        target_set_respondents(
            actor=world.hr_head_user,
            target_id=target.pk,
            respondent_ids=ids[:2] + [world.b_head.pk],
            version=1,
        )
    assert state() == before


def test_only_hr_of_the_organisation_edits_lists(survey, world):
    survey.draft()
    target = survey.target("a_staff1")
    ids = [world.a_head.pk, world.a_staff2.pk, world.b_staff1.pk]
    for user in (world.a_head_user, world.outsider_user, world.admin_user, world.head_user):
        with pytest.raises(Http404):
            target_set_respondents(actor=user, target_id=target.pk, respondent_ids=ids)
    assert target.invitations.count() == 4


def test_remove_a_target_from_a_draft(survey, world):
    campaign = survey.draft()
    target = survey.target("hr_staff")
    target_remove(actor=world.hr_head_user, target_id=target.pk)
    assert campaign.targets.count() == 7
    assert not Invitation.objects.filter(target_id=target.pk).exists()


# --- opening -------------------------------------------------------------------------------------


def test_opening_needs_every_list_complete(survey, world):
    campaign = survey.draft()
    before = state()
    with pytest.raises(DomainError) as raised:
        campaign_open(actor=world.hr_staff_user, campaign_id=campaign.pk)
    assert raised.value.field == "respondents"
    assert "(p.35)" in raised.value.message
    assert state() == before


def test_opening_tells_everyone_and_writes_no_totals(survey, world):
    campaign = survey.open()
    assert campaign.status == CampaignStatus.OPEN
    assert campaign.opened_by == world.hr_staff_user
    targets = list(campaign.targets.all())
    assert SelfAssessment.objects.filter(target__in=targets, submitted_on=None).count() == 8
    # Totals and counters are written when the campaign closes, from the sealed ballots.
    assert not ResponseTally.objects.exists()
    assert not AnswerTotal.objects.exists()
    assert not Ballot.objects.exists()
    to_answer = Notification.objects.get(recipient=world.b_staff1_user, kind="survey360_to_answer")
    # b_staff1 answers about a_staff1, a_staff2, b_head, hr_staff: the count, never the names.
    assert to_answer.params == {"year": "2026", "count": "4", "due": "08.01.2027"}
    assert Notification.objects.filter(kind="survey360_self").count() == 8
    # The head of the apparatus (no "B" post) answers about the three managers under them.
    assert Notification.objects.get(recipient=world.head_user).params["count"] == "3"


def test_the_schedules_360_line_follows_the_campaign(survey, world):
    schedule = ScheduleFactory(organisation=world.org, year=2026)
    period = PeriodFactory(
        schedule=schedule,
        kind=PeriodKind.SURVEY360,
        number=None,
        starts=dt.date(2026, 1, 1),
        ends=dt.date(2026, 12, 31),
        deadline=dt.date(2027, 1, 10),
        planned_date=dt.date(2027, 1, 8),
        status=PeriodStatus.SCHEDULED,
    )
    survey.draft(deadline=None)
    survey.open()
    period.refresh_from_db()
    assert period.status == PeriodStatus.OPEN
    survey.answer_all()
    for key in LISTS:
        survey.self_assess(key)
    survey.clock(dt.date(2026, 12, 20))
    campaign_close(actor=world.hr_head_user, campaign_id=survey.campaign.pk)
    period.refresh_from_db()
    assert period.status == PeriodStatus.CLOSED


def test_while_open_respondents_can_be_added_not_removed(survey, world):
    survey.open()
    target = survey.target("a_staff1")
    current = [world.a_head.pk, world.a_staff2.pk, world.b_staff1.pk]
    before = state()
    with pytest.raises(DomainError):
        target_set_respondents(
            actor=world.hr_staff_user,
            target_id=target.pk,
            respondent_ids=current[:2] + [world.hr_staff.pk],
        )
    assert state() == before
    target_set_respondents(
        actor=world.hr_staff_user, target_id=target.pk, respondent_ids=[*current, world.hr_staff.pk]
    )
    assert target.invitations.count() == 4
    assert (
        Notification.objects.filter(
            recipient=world.hr_staff_user, kind="survey360_to_answer"
        ).count()
        == 2
    )


# --- deadline and closing ------------------------------------------------------------------------


def test_deadline_moves_within_the_legal_limit(survey, world):
    campaign = survey.draft()
    campaign_set_deadline(
        actor=world.hr_staff_user, campaign_id=campaign.pk, deadline=dt.date(2027, 1, 10)
    )
    campaign.refresh_from_db()
    assert campaign.deadline == dt.date(2027, 1, 10)
    with pytest.raises(DomainError):
        campaign_set_deadline(
            actor=world.hr_staff_user, campaign_id=campaign.pk, deadline=dt.date(2027, 1, 11)
        )
    campaign.refresh_from_db()
    assert campaign.deadline == dt.date(2027, 1, 10)


def test_closing_before_the_deadline_needs_every_answer(survey, world):
    campaign = survey.open()
    survey.submit("a_head", "a_staff1")
    before = state()
    survey.clock(DEADLINE)
    with pytest.raises(DomainError):
        campaign_close(actor=world.hr_staff_user, campaign_id=campaign.pk)
    assert state() == before


def test_closing_after_the_deadline_releases_and_withholds(closed):
    w, campaign = closed.w, closed.campaign
    assert campaign.status == CampaignStatus.CLOSED
    ready = Notification.objects.filter(kind="survey360_report_ready")
    assert ready.count() == 7
    assert not ready.filter(recipient=w.hr_staff_user).exists()  # hr_staff's is withheld
    assert Notification.objects.filter(
        kind="survey360_report_to_read", recipient=w.a_head_user
    ).exists()
    summary = Notification.objects.get(kind="survey360_closed", recipient=w.hr_head_user)
    assert summary.params == {"year": "2026", "released": "7", "withheld": "1"}
    entry = AuditEntry.objects.get(object_type="surveys.campaign", action="close")
    assert entry.changes["withheld"] == [None, 1]
    # The ballots are counted and gone; the withheld report keeps a count and no totals.
    assert not Ballot.objects.exists()
    withheld_target = closed.survey.target("hr_staff")
    assert ResponseTally.objects.get(target=withheld_target).responses == 1
    assert not AnswerTotal.objects.filter(target=withheld_target).exists()
    assert AnswerTotal.objects.filter(target=closed.survey.target("a_staff1")).count() == 24


def test_a_closed_campaign_is_frozen(closed):
    w = closed.w
    target = closed.survey.target("a_staff1")
    before = state()
    with pytest.raises(DomainError):
        target_set_respondents(
            actor=w.hr_staff_user,
            target_id=target.pk,
            respondent_ids=[w.a_head.pk, w.a_staff2.pk, w.b_staff1.pk, w.b_head.pk],
        )
    with pytest.raises(DomainError):
        campaign_close(actor=w.hr_staff_user, campaign_id=closed.campaign.pk)
    with pytest.raises(DomainError):
        campaign_open(actor=w.hr_staff_user, campaign_id=closed.campaign.pk)
    assert state() == before


def test_an_empty_campaign_cannot_open(world, clock, client):
    from tests.factories import SurveyCampaignFactory

    clock(TODAY)
    campaign = SurveyCampaignFactory(organisation=world.org)
    with pytest.raises(DomainError) as raised:
        campaign_open(actor=world.hr_head_user, campaign_id=campaign.pk)
    assert raised.value.field == "targets"
    client.force_login(world.hr_head_user)
    page = client.get(f"/surveys/campaigns/{campaign.pk}/").content.decode()
    assert "Nobody is evaluated in this survey." in page
