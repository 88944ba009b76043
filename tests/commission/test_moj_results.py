"""After the commission, moj-2017 (seed 001 p.36-40, p.46; EDITIONS.md §5.2 D8, E8, F1-F3; §9.4
M-12, M-13, M-17, M-19): familiarisation within 2 working days of the session, the refusal act by
the HR servant alone, the appeal to the agency within 10 working days, the information to the
agency 14 calendar days after HR records its communication, the court as a fact. Dates:
tests/commission/moj_world (session 24.10.2017: familiarisation due 26.10, appeal due 07.11)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.calibration.models import Appeal
from bagalau.commission import services
from bagalau.commission.access import results_actions
from bagalau.commission.models import AgencyReport
from bagalau.commission.selectors import agenda_candidates, result_view
from bagalau.commission.services.agency import agency_report_record
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import EvaluationStatus, RefusalAct, ServiceRecordEntry
from tests.commission.moj_world import APPEAL_DUE, build, decided_quarter

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(world, clock):
    w = build(world, clock)
    w.session = decided_quarter(w)
    return w


def written() -> tuple[int, int, int, int, int]:
    return (
        RefusalAct.objects.count(),
        ServiceRecordEntry.objects.count(),
        Appeal.objects.count(),
        AgencyReport.objects.count(),
        AuditEntry.objects.count(),
    )


def test_the_servant_acknowledges_late_and_the_result_becomes_final(decided):
    """p.36: due 26.10.2017; acknowledged on 27.10 is 1 working day late, recorded (G-1). The
    service record keeps one entry, in points."""
    view = result_view(decided.quarter1)
    assert view.familiarisation_lateness is not None
    assert "acknowledge" in results_actions(user=decided.a_staff1_user, evaluation=decided.quarter1)
    done = services.commission_result_acknowledge(
        actor=decided.a_staff1_user,
        evaluation_id=decided.quarter1.pk,
        acknowledged_on=dt.date(2017, 10, 27),
    )
    assert (done.status, done.familiarised_on) == (EvaluationStatus.FINAL, dt.date(2017, 10, 27))
    assert result_view(done).familiarisation_lateness.working_days == 1
    [entry] = ServiceRecordEntry.objects.filter(evaluation=done)
    assert entry.score == D("112.00")


def test_familiarisation_cannot_precede_the_session(decided):
    before = written()
    with pytest.raises(DomainError) as error:
        services.commission_result_acknowledge(
            actor=decided.hr_staff_user,
            evaluation_id=decided.quarter1.pk,
            acknowledged_on=dt.date(2017, 10, 23),
        )
    assert error.value.field == "acknowledged_on"
    assert written() == before


def test_the_refusal_act_is_the_hr_servants_alone(decided):
    """p.36, acts.yaml refusal_of_familiarisation: the HR servant alone; a co-signer is refused;
    the servant and the evaluator may not draw it up."""
    before = written()
    with pytest.raises(DomainError) as error:
        services.commission_result_refusal_record(
            actor=decided.hr_staff_user,
            evaluation_id=decided.quarter2.pk,
            refused_on=dt.date(2017, 10, 25),
            signers=[decided.b_head.pk],
        )
    assert error.value.field == "signers"
    for who in ("a_staff2", "a_head"):
        with pytest.raises(PermissionDenied):
            services.commission_result_refusal_record(
                actor=getattr(decided, f"{who}_user"),
                evaluation_id=decided.quarter2.pk,
                refused_on=dt.date(2017, 10, 25),
                signers=[],
            )
    assert written() == before
    act = services.commission_result_refusal_record(
        actor=decided.hr_staff_user,
        evaluation_id=decided.quarter2.pk,
        refused_on=dt.date(2017, 10, 25),
        signers=[],
        text="Танысудан бас тартты",
    )
    assert act.signers.count() == 0
    decided.quarter2.refresh_from_db()
    assert decided.quarter2.status == EvaluationStatus.FINAL
    assert ServiceRecordEntry.objects.get(evaluation=decided.quarter2).score == D("106.00")


def test_no_intranet_dispatch_under_moj(decided):
    """The intranet portal is seed 004 p.42's; moj-2017 has none."""
    with pytest.raises(DomainError) as error:
        services.intranet_dispatch_record(
            actor=decided.hr_staff_user,
            evaluation_id=decided.quarter1.pk,
            sent_on=dt.date(2017, 10, 30),
            reference="X",
        )
    assert error.value.field == "status"


def test_the_appeal_the_agency_and_the_information_due_14_days_later(decided):
    """p.38: due 07.11.2017, filed 08.11 is 1 working day late (recorded). p.39, M-12: the
    agency's communication recorded on 20.11.2017 opens the task due 04.12.2017; M-13: "other"."""
    appeal = services.commission_appeal_record(
        actor=decided.hr_staff_user,
        evaluation_id=decided.quarter1.pk,
        filed_on=dt.date(2017, 11, 8),
        authority="ҚМІА Қызылорда облысы бойынша департаменті",
    )
    [row] = result_view(decided.quarter1).appeals
    assert (row.due, row.lateness.working_days) == (APPEAL_DUE, 1)
    with pytest.raises(DomainError) as error:
        services.commission_appeal_outcome(
            actor=decided.hr_staff_user,
            appeal_id=appeal.pk,
            outcome="upheld",
            decided_on=dt.date(2017, 11, 20),
        )
    assert error.value.field == "outcome"
    assert not AgencyReport.objects.exists()
    services.commission_appeal_outcome(
        actor=decided.hr_staff_user,
        appeal_id=appeal.pk,
        outcome="other",
        decided_on=dt.date(2017, 11, 20),
        note="Түсініктеме сұралды",
    )
    report = AgencyReport.objects.get(appeal=appeal)
    assert (report.due, report.sent_on) == (dt.date(2017, 12, 4), None)
    assert "agency_report" in results_actions(
        user=decided.hr_staff_user, evaluation=decided.quarter1
    )
    assert "agency_report" not in results_actions(
        user=decided.a_staff1_user, evaluation=decided.quarter1
    )
    with pytest.raises(PermissionDenied):
        agency_report_record(
            actor=decided.a_head_user, report_id=report.pk, sent_on=dt.date(2017, 12, 1)
        )
    with pytest.raises(Http404):
        agency_report_record(
            actor=decided.other_hr_user, report_id=report.pk, sent_on=dt.date(2017, 12, 1)
        )
    with pytest.raises(DomainError) as error:
        agency_report_record(
            actor=decided.hr_staff_user, report_id=report.pk, sent_on=dt.date(2017, 11, 19)
        )
    assert error.value.field == "sent_on"
    done = agency_report_record(
        actor=decided.hr_staff_user,
        report_id=report.pk,
        sent_on=dt.date(2017, 12, 1),
        reference="№ 12-3/456",
    )
    assert (done.sent_on, done.reference) == (dt.date(2017, 12, 1), "№ 12-3/456")
    with pytest.raises(DomainError):
        agency_report_record(
            actor=decided.hr_staff_user, report_id=report.pk, sent_on=dt.date(2017, 12, 2)
        )


def test_a_recommended_revision_puts_the_quarter_before_the_commission_again(decided):
    appeal = services.commission_appeal_record(
        actor=decided.hr_staff_user,
        evaluation_id=decided.quarter1.pk,
        filed_on=dt.date(2017, 10, 30),
        authority="ҚМІА",
    )
    services.commission_appeal_outcome(
        actor=decided.hr_staff_user,
        appeal_id=appeal.pk,
        outcome="recommend_revision",
        decided_on=dt.date(2017, 11, 20),
    )
    decided.quarter1.refresh_from_db()
    assert decided.quarter1.status == EvaluationStatus.BEFORE_COMMISSION
    assert decided.quarter1 in agenda_candidates(decided.org)  # for a new session
    assert AgencyReport.objects.get(appeal=appeal).due == dt.date(2017, 12, 4)


def test_the_court_is_a_recorded_fact(decided):
    """p.40: the court; its outcome recorded, no agency information."""
    appeal = services.commission_appeal_record(
        actor=decided.hr_staff_user,
        evaluation_id=decided.quarter1.pk,
        filed_on=dt.date(2017, 11, 15),
        authority="Астана қ. мамандандырылған ауданаралық әкімшілік соты",
        basis="court",
    )
    services.commission_appeal_outcome(
        actor=decided.hr_staff_user,
        appeal_id=appeal.pk,
        outcome="upheld",
        decided_on=dt.date(2017, 12, 15),
    )
    assert not AgencyReport.objects.exists()
    assert result_view(decided.quarter1).appeals[0].due is None


def test_readers_of_a_moj_result(decided):
    """The servant, the evaluator, HR, the head of the apparatus and the commission's members
    read it; another servant and another organisation do not."""
    from bagalau.commission.access import result_get_for

    for who in ("a_staff1", "a_head", "hr_staff", "head", "b_head"):
        assert result_get_for(user=getattr(decided, f"{who}_user"), id=decided.quarter1.pk)
    for user in (decided.a_staff2_user, decided.b_staff1_user, decided.other_hr_user):
        with pytest.raises(Http404):
            result_get_for(user=user, id=decided.quarter1.pk)


def _tasks(world):
    from bagalau.notifications.due import open_tasks

    return {
        (task.kind, task.pk): task
        for task in open_tasks(organisation=world.org)
        if task.kind.startswith("moj_")
    }


def test_the_familiarisation_and_the_agency_information_are_tasks(decided):
    """p.36: due 26.10.2017 to the servant, the act after it to HR; p.39: due 04.12.2017 to HR;
    each gone once done."""
    tasks = _tasks(decided)
    task = tasks[("moj_acknowledge", decided.quarter1.pk)]
    assert (task.due, task.recipients) == (dt.date(2017, 10, 26), [decided.a_staff1_user])
    assert tasks[("moj_refusal_act", decided.quarter1.pk)].recipients == [decided.hr_staff_user]
    services.commission_result_acknowledge(
        actor=decided.a_staff1_user,
        evaluation_id=decided.quarter1.pk,
        acknowledged_on=dt.date(2017, 10, 26),
    )
    assert ("moj_acknowledge", decided.quarter1.pk) not in _tasks(decided)
    appeal = services.commission_appeal_record(
        actor=decided.hr_staff_user,
        evaluation_id=decided.quarter1.pk,
        filed_on=dt.date(2017, 10, 30),
        authority="ҚМІА",
    )
    services.commission_appeal_outcome(
        actor=decided.hr_staff_user,
        appeal_id=appeal.pk,
        outcome="left_unchanged",
        decided_on=dt.date(2017, 11, 20),
    )
    task = _tasks(decided)[("moj_agency_report", decided.quarter1.pk)]
    assert (task.due, task.recipients) == (dt.date(2017, 12, 4), [decided.hr_staff_user])
    report = AgencyReport.objects.get(appeal=appeal)
    agency_report_record(
        actor=decided.hr_staff_user, report_id=report.pk, sent_on=dt.date(2017, 12, 4)
    )
    assert ("moj_agency_report", decided.quarter1.pk) not in _tasks(decided)
