"""After the commission (EDITIONS.md §2.2 H1-H3, I1-I3; seed 004 p.40-p.43; §9 G-1, T-11, T-14,
T-15): familiarisation, the refusal act, the service record, the intranet dispatch, the appeal
and its outcome.

Dates cross the holiday of 8 March 2020 (a Sunday, moved to Monday 9 March) and Nauryz (21-25
March 2020): the session sits on Thursday 5 March, the authorised person approves on Friday 6
March, so familiarisation is due on Wednesday 11 March (2 WD, 9 March off) and the appeal on
Friday 20 March (10 WD after the session).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.calibration.models import Appeal
from bagalau.commission import services
from bagalau.commission.access import result_get_for, results_actions
from bagalau.commission.models import IntranetDispatch
from bagalau.commission.selectors import agenda_candidates, result_view
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import EvaluationStatus, RefusalAct, ServiceRecordEntry
from bagalau.notifications.models import Notification
from tests.commission.conftest import (
    APPEAL_DUE,
    APPROVED,
    DAY,
    FAMILIARISATION_DUE,
    decide_and_approve,
)


def state(evaluation) -> SimpleNamespace:
    """What the results' tables hold for `evaluation`, to show nothing was written."""
    evaluation.refresh_from_db()
    return SimpleNamespace(
        status=evaluation.status,
        familiarised_on=evaluation.familiarised_on,
        acts=RefusalAct.objects.count(),
        records=ServiceRecordEntry.objects.count(),
        dispatches=IntranetDispatch.objects.count(),
        appeals=list(Appeal.objects.values_list("pk", "outcome")),
        audit=AuditEntry.objects.count(),
    )


def acknowledge(world, day, actor="a_staff1", evaluation=None):
    return services.commission_result_acknowledge(
        actor=getattr(world, f"{actor}_user"),
        evaluation_id=(evaluation or world.eval1).pk,
        acknowledged_on=day,
    )


def refuse(world, signers=("b_staff1", "hr_head"), day=APPROVED, actor="hr_staff"):
    return services.commission_result_refusal_record(
        actor=getattr(world, f"{actor}_user"),
        evaluation_id=world.eval1.pk,
        refused_on=day,
        signers=[getattr(world, name).pk for name in signers],
        text="Танысудан бас тартты",
    )


def appeal(world, filed_on, authority="АМҚІА Алматы қ. департаменті"):
    return services.commission_appeal_record(
        actor=world.hr_staff_user,
        evaluation_id=world.eval1.pk,
        filed_on=filed_on,
        authority=authority,
    )


# --- H1: familiarisation -------------------------------------------------------------------------


def test_approval_sets_the_familiarisation_due_date_and_tells_the_servant(approved):
    assert approved.eval1.status == EvaluationStatus.APPROVED
    assert approved.eval1.familiarisation_due == FAMILIARISATION_DUE  # 9 March is off
    note = Notification.objects.get(
        kind="commission_result_approved", recipient=approved.a_staff1_user
    )
    assert f"/commission/results/{approved.eval1.pk}/" in note.url
    assert Notification.objects.filter(kind="commission_result_approved").count() == 2


def test_the_servant_acknowledges_in_time_and_the_result_enters_the_service_record(approved):
    acknowledge(approved, FAMILIARISATION_DUE)
    approved.eval1.refresh_from_db()
    assert approved.eval1.status == EvaluationStatus.FINAL
    assert approved.eval1.familiarised_on == FAMILIARISATION_DUE
    entry = ServiceRecordEntry.objects.get(evaluation=approved.eval1)
    assert (entry.result_kind, entry.result_text, entry.score) == ("kpi_count", "3 / 5", D(3))
    view = result_view(approved.eval1)
    assert view.familiarisation_lateness is not None
    assert not view.familiarisation_lateness.late


def test_hr_records_a_late_acknowledgement_shown_late_never_refused(approved):
    acknowledge(approved, dt.date(2020, 3, 12), actor="hr_staff")
    approved.eval1.refresh_from_db()
    assert approved.eval1.status == EvaluationStatus.FINAL
    lateness = result_view(approved.eval1).familiarisation_lateness
    assert lateness is not None
    assert lateness.late
    assert lateness.working_days == 1
    entry = AuditEntry.objects.filter(action="acknowledge").latest("pk")
    assert entry.changes["late_by_working_days"][1] == 1


@pytest.mark.parametrize(
    "day",
    [APPROVED - dt.timedelta(days=1), None, dt.date(2060, 1, 1)],
)
def test_a_bad_acknowledgement_date_is_refused_naming_the_field(approved, day):
    before = state(approved.eval1)
    with pytest.raises(DomainError) as error:
        acknowledge(approved, day)
    assert error.value.field == "acknowledged_on"
    assert state(approved.eval1) == before


@pytest.mark.parametrize(
    ("actor", "error"),
    [
        ("a_staff2", Http404),  # another servant
        ("outsider", Http404),
        ("head", PermissionDenied),  # the authorised person sees, does not acknowledge
        ("b_staff1", PermissionDenied),  # a member of the commission
        ("a_head", PermissionDenied),  # the direct manager
    ],
)
def test_only_the_servant_or_hr_acknowledge(approved, actor, error):
    before = state(approved.eval1)
    with pytest.raises(error):
        acknowledge(approved, FAMILIARISATION_DUE, actor=actor)
    assert state(approved.eval1) == before


def test_no_acknowledgement_before_the_approval(held):
    with pytest.raises(DomainError) as error:
        acknowledge(held, dt.date(2020, 1, 21))
    assert error.value.field == "status"


# --- H2: the refusal act -------------------------------------------------------------------------


def test_the_refusal_act_is_signed_by_hr_and_two_other_servants(approved):
    act = refuse(approved, day=dt.date(2020, 3, 13))
    assert [s.pk for s in act.witnesses] == [approved.b_staff1.pk, approved.hr_head.pk]
    assert act.hr_signer == approved.hr_staff_user
    approved.eval1.refresh_from_db()
    assert approved.eval1.status == EvaluationStatus.FINAL  # H3: the record despite the refusal
    assert approved.eval1.familiarised_on == dt.date(2020, 3, 13)
    assert ServiceRecordEntry.objects.filter(evaluation=approved.eval1).count() == 1
    lateness = result_view(approved.eval1).familiarisation_lateness
    assert lateness is not None
    assert lateness.working_days == 2
    assert result_view(approved.eval1).refusal == act


@pytest.mark.parametrize(
    "signers",
    [
        ("a_staff1", "hr_head"),  # the servant who refused
        ("b_staff1", "b_staff1"),  # the same servant twice
        ("b_staff1",),  # only one
        ("b_staff1", "hr_head", "deputy"),  # three
        ("hr_staff", "hr_head"),  # the HR signer again
    ],
)
def test_bad_signers_are_refused_naming_the_field(approved, signers):
    before = state(approved.eval1)
    with pytest.raises(DomainError) as error:
        refuse(approved, signers=signers)
    assert error.value.field == "signers"
    assert state(approved.eval1) == before


def test_a_signer_of_another_organisation_is_refused(approved):
    from tests.factories import ServantFactory

    stranger = ServantFactory(organisation=approved.other_org)
    before = state(approved.eval1)
    with pytest.raises(DomainError) as error:
        services.commission_result_refusal_record(
            actor=approved.hr_staff_user,
            evaluation_id=approved.eval1.pk,
            refused_on=APPROVED,
            signers=[approved.b_staff1.pk, stranger.pk],
        )
    assert error.value.field == "signers"
    assert state(approved.eval1) == before


@pytest.mark.parametrize(
    ("actor", "error"), [("a_staff1", PermissionDenied), ("head", PermissionDenied)]
)
def test_only_hr_records_the_refusal_act(approved, actor, error):
    before = state(approved.eval1)
    with pytest.raises(error):
        refuse(approved, actor=actor)
    assert state(approved.eval1) == before


def test_no_refusal_after_acknowledgement(approved):
    acknowledge(approved, FAMILIARISATION_DUE)
    before = state(approved.eval1)
    with pytest.raises(DomainError) as error:
        refuse(approved)
    assert error.value.field == "status"
    assert state(approved.eval1) == before


# --- H3: the intranet dispatch -------------------------------------------------------------------


def test_hr_records_the_dispatch_through_the_intranet_portal(approved):
    with pytest.raises(DomainError) as error:  # not in the service record yet
        services.intranet_dispatch_record(
            actor=approved.hr_staff_user,
            evaluation_id=approved.eval1.pk,
            sent_on=APPROVED,
            reference="И-1",
        )
    assert error.value.field == "status"
    refuse(approved, day=FAMILIARISATION_DUE)
    for values, field in (
        ({"sent_on": APPROVED, "reference": "И-1"}, "sent_on"),  # before the refusal
        ({"sent_on": FAMILIARISATION_DUE, "reference": "  "}, "reference"),
    ):
        before = state(approved.eval1)
        with pytest.raises(DomainError) as error:
            services.intranet_dispatch_record(
                actor=approved.hr_staff_user, evaluation_id=approved.eval1.pk, **values
            )
        assert error.value.field == field
        assert state(approved.eval1) == before
    with pytest.raises(PermissionDenied):
        services.intranet_dispatch_record(
            actor=approved.a_staff1_user,
            evaluation_id=approved.eval1.pk,
            sent_on=FAMILIARISATION_DUE,
            reference="И-1",
        )
    dispatch = services.intranet_dispatch_record(
        actor=approved.hr_staff_user,
        evaluation_id=approved.eval1.pk,
        sent_on=FAMILIARISATION_DUE,
        reference="И-1",
    )
    assert result_view(approved.eval1).dispatches == [dispatch]


# --- I1-I3: the appeal ---------------------------------------------------------------------------


def test_an_appeal_within_10_working_days_is_on_time(approved):
    recorded = appeal(approved, APPEAL_DUE)
    row = result_view(approved.eval1).appeals[0]
    assert row.appeal == recorded
    assert row.due == APPEAL_DUE  # 10 WD from the session, 9 March off
    assert not row.late


def test_a_late_appeal_is_recorded_as_late(approved):
    appeal(approved, dt.date(2020, 3, 26))  # 21-25 March off: 1 working day late
    row = result_view(approved.eval1).appeals[0]
    assert row.late
    assert row.lateness is not None
    assert row.lateness.working_days == 1
    entry = AuditEntry.objects.filter(action="create", object_type__contains="appeal").latest("pk")
    assert entry.changes["late_by_working_days"][1] == 1


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"filed_on": DAY - dt.timedelta(days=1)}, "filed_on"),  # before the decision
        ({"filed_on": None}, "filed_on"),
        ({"filed_on": APPEAL_DUE, "authority": " "}, "authority"),
    ],
)
def test_bad_appeal_input_is_refused_naming_the_field(approved, values, field):
    before = state(approved.eval1)
    with pytest.raises(DomainError) as error:
        appeal(approved, **values)
    assert error.value.field == field
    assert state(approved.eval1) == before


def test_one_appeal_awaits_its_outcome_at_a_time_and_only_hr_records(approved):
    recorded = appeal(approved, APPEAL_DUE)
    assert "appeal" not in results_actions(user=approved.hr_staff_user, evaluation=approved.eval1)
    before = state(approved.eval1)
    with pytest.raises(DomainError):
        appeal(approved, APPEAL_DUE)
    for actor in (approved.a_staff1_user, approved.head_user):
        with pytest.raises(PermissionDenied):
            services.commission_appeal_outcome(
                actor=actor,
                appeal_id=recorded.pk,
                outcome="left_unchanged",
                decided_on=APPEAL_DUE,
            )
    assert state(approved.eval1) == before


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"outcome": "upheld", "decided_on": APPEAL_DUE}, "outcome"),
        (
            {"outcome": "left_unchanged", "decided_on": APPEAL_DUE - dt.timedelta(days=1)},
            "decided_on",
        ),
        ({"outcome": "left_unchanged", "decided_on": None}, "decided_on"),
    ],
)
def test_bad_outcome_input_is_refused_naming_the_field(approved, values, field):
    recorded = appeal(approved, APPEAL_DUE)
    before = state(approved.eval1)
    with pytest.raises(DomainError) as error:
        services.commission_appeal_outcome(
            actor=approved.hr_staff_user, appeal_id=recorded.pk, **values
        )
    assert error.value.field == field
    assert state(approved.eval1) == before


def test_left_unchanged_keeps_the_result(approved):
    acknowledge(approved, FAMILIARISATION_DUE)
    recorded = appeal(approved, APPEAL_DUE)
    services.commission_appeal_outcome(
        actor=approved.hr_staff_user,
        appeal_id=recorded.pk,
        outcome="left_unchanged",
        decided_on=dt.date(2020, 4, 10),
    )
    approved.eval1.refresh_from_db()
    assert approved.eval1.status == EvaluationStatus.FINAL
    assert approved.eval1 not in agenda_candidates(approved.org)
    assert "appeal" in results_actions(user=approved.hr_staff_user, evaluation=approved.eval1)


def test_a_recommended_revision_puts_the_servant_before_a_new_session(approved):
    acknowledge(approved, FAMILIARISATION_DUE)
    recorded = appeal(approved, APPEAL_DUE)
    services.commission_appeal_outcome(
        actor=approved.hr_staff_user,
        appeal_id=recorded.pk,
        outcome="recommend_revision",
        decided_on=dt.date(2020, 4, 10),
    )
    approved.eval1.refresh_from_db()
    assert approved.eval1.status == EvaluationStatus.BEFORE_COMMISSION
    assert approved.eval1 in agenda_candidates(approved.org)
    session = decide_and_approve(
        approved,
        [approved.eval1],
        day=dt.date(2020, 4, 20),
        approved_on=dt.date(2020, 4, 21),
        kind="revise",
    )
    approved.eval1.refresh_from_db()
    assert approved.eval1.status == EvaluationStatus.APPROVED
    assert approved.eval1.familiarisation_due == dt.date(2020, 4, 23)
    assert approved.eval1.familiarised_on is None
    assert result_view(approved.eval1).session == session
    acknowledge(approved, dt.date(2020, 4, 22))
    entry = ServiceRecordEntry.objects.get(evaluation=approved.eval1)  # one entry, superseded
    assert entry.result_text == "4 / 5"


# --- access (G-5) --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "actions"),
    [
        ("a_staff1", {"acknowledge"}),
        ("hr_staff", {"acknowledge", "refusal", "appeal"}),
        ("hr_head", {"acknowledge", "refusal", "appeal"}),
        ("head", set()),
        ("a_head", set()),  # the direct manager
        ("b_staff1", set()),  # a member of the commission
    ],
)
def test_what_each_part_may_do_with_an_approved_result(approved, user, actions):
    assert results_actions(user=getattr(approved, f"{user}_user"), evaluation=approved.eval1) == (
        frozenset(actions)
    )


def test_who_sees_the_result(approved):
    for user in ("a_staff1", "hr_staff", "head", "a_head", "b_staff1", "deputy"):
        assert result_get_for(user=getattr(approved, f"{user}_user"), id=approved.eval1.pk)
    for user in (approved.a_staff2_user, approved.outsider_user, approved.other_hr_user):
        with pytest.raises(Http404):
            result_get_for(user=user, id=approved.eval1.pk)
