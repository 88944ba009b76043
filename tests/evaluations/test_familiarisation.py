"""Familiarisation (p.11-12): acknowledgement within 2 working days, or — when the servant does
nothing — the result counts as made known through the information system on the last of them;
the refusal act of the editions that have one (not seed 002); finalisation into the service
record once the calibration window has passed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.calibration.models import Application, ApplicationStatus
from bagalau.core.errors import DomainError
from bagalau.core.jobs import JOBS
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    RefusalAct,
    ServiceRecordEntry,
)
from bagalau.evaluations.services.familiarisation import (
    evaluation_acknowledge,
    evaluations_familiarise_expired,
    evaluations_finalize_expired,
    refusal_act_record,
)
from bagalau.evaluations.services.sheets import differentiation_save, evaluation_sign
from bagalau.methodology import get_edition, sjc2023_rules
from bagalau.methodology.sjc2023 import FamiliarisationRules
from bagalau.notifications.models import Notification
from tests.evaluations.test_sheets_cases import diff_case, quarter, signed_diff_case, snapshot
from tests.factories import AssignmentFactory, OrganisationFactory, ServantFactory

SCORES = {"quality": 5, "timeliness": 4, "initiative": 4, "discipline": 3}
RULES = sjc2023_rules(get_edition("sjc-2023"))


def sign_on(world, clock, day: dt.date) -> Evaluation:
    """The Q1 2026 sheet (Q4 2025 before Q1 has ended) scored and signed on `day`."""
    clock(day)
    ended = day > dt.date(2026, 3, 31)
    staff = diff_case(world) if ended else diff_case(world, period=quarter(world, 4, year=2025))
    differentiation_save(
        actor=world.a_head_user,
        evaluation_id=staff.pk,
        version=1,
        scores=SCORES,
        justifications={},
        justification="Жақсы",
    )
    return evaluation_sign(actor=world.a_head_user, evaluation_id=staff.pk, version=2)


def test_the_acknowledgement_window_skips_holidays(world, clock):
    # Wed 6 May 2026; 7 May (Defender of the Fatherland Day) is off, 9-11 May (Victory Day and
    # its transferred day off) too: 2 working days are Fri 8 and Tue 12 May.
    signed = sign_on(world, clock, dt.date(2026, 5, 6))
    assert signed.familiarisation_due == dt.date(2026, 5, 12)
    clock(dt.date(2026, 5, 8))
    acknowledged = evaluation_acknowledge(actor=world.a_staff1_user, evaluation_id=signed.pk)
    assert acknowledged.status == EvaluationStatus.ACKNOWLEDGED
    assert acknowledged.acknowledged_at is not None
    assert acknowledged.familiarised_on == dt.date(2026, 5, 8)
    # 5 working days after Fri 8 May: 12, 13, 14, 15, 18 May (11 May is off).
    assert acknowledged.calibration_due == dt.date(2026, 5, 18)
    assert acknowledged.version == signed.version + 1
    entry = AuditEntry.objects.get(action="acknowledge", object_id=str(signed.pk))
    assert entry.changes["status"] == ["signed", "acknowledged"]
    assert entry.changes["calibration_due"] == [None, "2026-05-18"]


def test_the_acknowledgement_window_over_nauryz(world, clock):
    # Fri 20 March 2026: 21-25 March are Nauryz days off; Thu 26 and Fri 27 March count.
    assert sign_on(world, clock, dt.date(2026, 3, 20)).familiarisation_due == dt.date(2026, 3, 27)


@pytest.mark.parametrize(
    ("who", "refusal"),
    [
        ("a_head_user", PermissionDenied),
        ("hr_head_user", PermissionDenied),
        ("hr_staff_user", Http404),
        ("b_head_user", Http404),
        ("outsider_user", Http404),
    ],
)
def test_only_the_servant_acknowledges(world, who, refusal):
    signed = signed_diff_case(world)
    before = snapshot(signed)
    with pytest.raises(refusal):
        evaluation_acknowledge(actor=getattr(world, who), evaluation_id=signed.pk)
    assert snapshot(signed) == before


def test_acknowledging_twice_or_a_pending_sheet_is_refused(world, clock):
    clock(dt.date(2026, 4, 9))
    signed = signed_diff_case(world)
    evaluation_acknowledge(actor=world.a_staff1_user, evaluation_id=signed.pk)
    before = snapshot(signed)
    with pytest.raises(DomainError) as caught:
        evaluation_acknowledge(actor=world.a_staff1_user, evaluation_id=signed.pk)
    assert caught.value.field == "status"
    assert snapshot(signed) == before
    pending = diff_case(world, number=2)
    with pytest.raises(DomainError):
        evaluation_acknowledge(actor=world.a_staff1_user, evaluation_id=pending.pk)


# --- the servant does nothing (p.11: "ақпараттық жүйе арқылы") ---------------------------------


def test_an_unacknowledged_result_counts_as_made_known_on_the_last_day(world, clock):
    # Signed Wed 6 May 2026: to acknowledge by Tue 12 May (7 and 9-11 May are off).
    signed = sign_on(world, clock, dt.date(2026, 5, 6))
    assert evaluations_familiarise_expired(today=dt.date(2026, 5, 12)) == 0  # still time
    assert Evaluation.objects.get(pk=signed.pk).status == EvaluationStatus.SIGNED
    assert evaluations_familiarise_expired(today=dt.date(2026, 5, 13)) == 1
    made_known = Evaluation.objects.get(pk=signed.pk)
    assert made_known.status == EvaluationStatus.ACKNOWLEDGED
    assert (made_known.familiarised_on, made_known.acknowledged_at) == (dt.date(2026, 5, 12), None)
    # p.12 runs from that day: 13, 14, 15, 18, 19 May.
    assert made_known.calibration_due == dt.date(2026, 5, 19)
    assert made_known.version == signed.version + 1
    entry = AuditEntry.objects.get(action="familiarised", object_id=str(signed.pk))
    assert entry.actor is None
    assert entry.changes["status"] == ["signed", "acknowledged"]
    assert entry.changes["familiarised_on"] == [None, "2026-05-12"]
    note = Notification.objects.get(recipient=world.a_staff1_user, kind="result_familiarised")
    assert (note.params["date"], note.params["due"]) == ("12.05.2026", "19.05.2026")
    assert evaluations_familiarise_expired(today=dt.date(2026, 5, 14)) == 0  # once
    # It never stays unfinished: final after the calibration window, in the service record.
    assert evaluations_finalize_expired(today=dt.date(2026, 5, 19)) == 0
    assert evaluations_finalize_expired(today=dt.date(2026, 5, 20)) == 1
    final = Evaluation.objects.get(pk=signed.pk)
    assert (final.status, final.final_score) == (EvaluationStatus.FINAL, D("4.00"))
    assert ServiceRecordEntry.objects.filter(evaluation=final).exists()


def test_the_servant_may_still_apply_for_calibration_after_it_counts_as_made_known(world, clock):
    from bagalau.calibration.access import can_apply
    from bagalau.calibration.services import calibration_apply

    signed = sign_on(world, clock, dt.date(2026, 5, 6))
    evaluations_familiarise_expired(today=dt.date(2026, 5, 13))
    clock(dt.date(2026, 5, 19))
    made_known = Evaluation.objects.get(pk=signed.pk)
    assert can_apply(world.a_staff1_user, made_known)
    calibration_apply(actor=world.a_staff1_user, evaluation_id=signed.pk, text="Келіспеймін.")
    assert Evaluation.objects.get(pk=signed.pk).status == EvaluationStatus.CALIBRATION
    assert evaluations_finalize_expired(today=dt.date(2026, 6, 1)) == 0


def test_the_job_makes_results_known_before_the_finalisation_runs(world, clock):
    signed = sign_on(world, clock, dt.date(2026, 5, 6))
    assert (
        JOBS["evaluations.familiarise_expired"].order < JOBS["evaluations.finalize_expired"].order
    )
    clock(dt.date(2026, 5, 13))
    out = StringIO()
    call_command("tick", stdout=out)
    assert "evaluations.familiarise_expired: 1 results made known through the system" in (
        out.getvalue()
    )
    assert Evaluation.objects.get(pk=signed.pk).familiarised_on == dt.date(2026, 5, 12)


def test_seed_002_has_no_refusal_act(world, clock):
    clock(dt.date(2026, 4, 14))
    assert RULES.familiarisation == FamiliarisationRules(deemed_when_due=True, refusal_act=False)
    signed = signed_diff_case(world)
    before = snapshot(signed)
    with pytest.raises(DomainError) as caught:
        refusal_act_record(
            actor=world.hr_staff_user,
            evaluation_id=signed.pk,
            text="Нәтижемен танысудан бас тартты",
            witnesses=[world.a_staff2.pk, world.b_staff1.pk],
        )
    assert caught.value.field == "evaluation"
    assert "no refusal act" in caught.value.message
    assert snapshot(signed) == before
    assert not RefusalAct.objects.exists()


# --- the refusal act of the editions that have one ----------------------------------------------


def test_a_refusal_is_recorded_in_an_act_signed_by_hr_and_two_other_servants(
    world, clock, with_refusal_act
):
    clock(dt.date(2026, 4, 14))
    signed = signed_diff_case(world)
    act = refusal_act_record(
        actor=world.hr_staff_user,
        evaluation_id=signed.pk,
        text="Нәтижемен танысудан бас тартты",
        witnesses=[world.a_staff2.pk, world.b_staff1.pk],
    )
    assert (act.hr_signer, act.witnesses) == (world.hr_staff_user, [world.a_staff2, world.b_staff1])
    assert [signer.role for signer in act.signers.all()] == ["servant", "servant"]
    assert act.drawn_up_at.date() == dt.date(2026, 4, 14)
    signed.refresh_from_db()
    assert signed.status == EvaluationStatus.REFUSED
    assert signed.calibration_due == dt.date(2026, 4, 21)  # 5 working days after Tue 14 April
    note = Notification.objects.get(recipient=world.hr_head_user, kind="refusal_recorded")
    assert note.params["due"] == "21.04.2026"
    entry = AuditEntry.objects.get(action="refusal_act", object_id=str(signed.pk))
    assert entry.changes["status"] == ["signed", "refused"]
    assert entry.changes["witnesses"] == [None, [world.a_staff2.pk, world.b_staff1.pk]]


def test_the_evaluator_may_witness_the_act(world, with_refusal_act):
    signed = signed_diff_case(world)
    refusal_act_record(
        actor=world.hr_head_user,
        evaluation_id=signed.pk,
        text="Бас тартты",
        witnesses=[world.a_head.pk, world.a_staff2.pk],
    )
    assert RefusalAct.objects.filter(evaluation=signed).exists()


@pytest.mark.parametrize(
    ("text", "first", "second", "field", "words"),
    [
        ("  ", "a_staff2", "b_staff1", "text", "circumstances"),
        ("x", "a_staff2", "a_staff2", "witness_2", "two different"),
        ("x", "a_staff1", "b_staff1", "witness_1", "cannot witness"),
        ("x", "a_staff2", "hr_staff", "witness_2", "two other servants"),
        ("x", "a_staff2", "stranger", "witness_2", "servant of the organisation"),
        ("x", "a_staff2", "dismissed", "witness_2", "holds no post"),
        ("x", "a_staff2", None, "witness_2", "servant of the organisation"),
        ("x", "nobody", "a_staff2", "witness_1", "servant of the organisation"),
    ],
)
def test_refusal_act_validation(world, clock, with_refusal_act, text, first, second, field, words):
    clock(dt.date(2026, 4, 14))
    signed = signed_diff_case(world)
    stranger = ServantFactory(organisation=OrganisationFactory())
    dismissed = ServantFactory(organisation=world.org)
    AssignmentFactory(servant=dismissed, start=dt.date(2024, 1, 1), end=dt.date(2026, 3, 31))

    def pick(name):
        if name == "stranger":
            return stranger.pk
        if name == "dismissed":
            return dismissed.pk
        if name == "nobody":
            return 999999
        return None if name is None else getattr(world, name).pk

    before = snapshot(signed)
    with pytest.raises(DomainError) as caught:
        refusal_act_record(
            actor=world.hr_staff_user,
            evaluation_id=signed.pk,
            text=text,
            witnesses=[pick(first), pick(second)],
        )
    assert caught.value.field == field
    assert words in caught.value.message
    assert snapshot(signed) == before


@pytest.mark.parametrize(
    ("who", "refusal"),
    [
        ("a_staff1_user", PermissionDenied),
        ("a_head_user", PermissionDenied),
        ("head_user", Http404),
        ("outsider_user", Http404),
    ],
)
def test_only_hr_records_a_refusal_act(world, who, refusal):
    signed = signed_diff_case(world)
    before = snapshot(signed)
    with pytest.raises(refusal):
        refusal_act_record(
            actor=getattr(world, who),
            evaluation_id=signed.pk,
            text="x",
            witnesses=[world.a_staff2.pk, world.b_staff1.pk],
        )
    assert snapshot(signed) == before


def test_no_refusal_act_after_the_acknowledgement(world, with_refusal_act):
    signed = signed_diff_case(world)
    evaluation_acknowledge(actor=world.a_staff1_user, evaluation_id=signed.pk)
    with pytest.raises(DomainError) as caught:
        refusal_act_record(
            actor=world.hr_staff_user,
            evaluation_id=signed.pk,
            text="x",
            witnesses=[world.a_staff2.pk, world.b_staff1.pk],
        )
    assert caught.value.field == "status"
    assert not RefusalAct.objects.exists()


# --- finalisation after the calibration window ------------------------------------------------


def test_after_the_window_the_result_is_final_and_enters_the_service_record(world, clock):
    signed = sign_on(world, clock, dt.date(2026, 5, 6))
    clock(dt.date(2026, 5, 8))
    evaluation_acknowledge(actor=world.a_staff1_user, evaluation_id=signed.pk)
    clock(dt.date(2026, 5, 18))  # the last day to apply
    assert evaluations_finalize_expired() == 0
    assert Evaluation.objects.get(pk=signed.pk).status == EvaluationStatus.ACKNOWLEDGED
    clock(dt.date(2026, 5, 19))
    assert evaluations_finalize_expired() == 1
    final = Evaluation.objects.get(pk=signed.pk)
    assert (final.status, final.final_score, final.final_rating) == (
        "final",
        D("4.00"),
        "effective",
    )
    entry = ServiceRecordEntry.objects.get(evaluation=final)
    assert (entry.servant, entry.score, entry.rating, entry.method) == (
        world.a_staff1,
        D("4.00"),
        "effective",
        "differentiation",
    )
    assert evaluations_finalize_expired() == 0  # once


def test_a_refused_result_is_finalised_after_its_window_too(world, clock, with_refusal_act):
    clock(dt.date(2026, 4, 14))
    signed = signed_diff_case(world)
    refusal_act_record(
        actor=world.hr_staff_user,
        evaluation_id=signed.pk,
        text="Бас тартты",
        witnesses=[world.a_staff2.pk, world.b_staff1.pk],
    )
    assert evaluations_finalize_expired(today=dt.date(2026, 4, 22)) == 1
    assert ServiceRecordEntry.objects.filter(evaluation=signed).exists()


def test_an_application_for_calibration_stops_the_finalisation(world, clock):
    clock(dt.date(2026, 4, 9))
    signed = signed_diff_case(world)
    evaluation_acknowledge(actor=world.a_staff1_user, evaluation_id=signed.pk)
    application = Application.objects.create(
        evaluation=signed,
        text="Келіспеймін",
        submitted_by=world.a_staff1_user,
        submitted_on=dt.date(2026, 4, 10),
        decision_due=dt.date(2026, 4, 15),
        session_due=dt.date(2026, 4, 24),
    )
    assert application.status == ApplicationStatus.SUBMITTED
    # An application leads to a session whose protocol finalises the result (seed 002 p.38).
    assert evaluations_finalize_expired(today=dt.date(2026, 6, 1)) == 0


def test_the_finalisation_runs_as_a_periodic_job(world, clock):
    clock(dt.date(2026, 4, 9))
    signed = signed_diff_case(world)
    evaluation_acknowledge(actor=world.a_staff1_user, evaluation_id=signed.pk)
    assert "evaluations.finalize_expired" in JOBS
    clock(dt.date(2026, 6, 1))
    out = StringIO()
    call_command("tick", stdout=out)
    assert "evaluations.finalize_expired: 1 results finalised" in out.getvalue()
    assert Evaluation.objects.get(pk=signed.pk).status == EvaluationStatus.FINAL


def test_the_result_page_says_it_was_made_known_through_the_system(client, world, clock):
    signed = sign_on(world, clock, dt.date(2026, 5, 6))
    client.force_login(world.a_staff1_user)
    page = client.get(f"/evaluations/sheets/{signed.pk}/").content.decode()
    assert "if you do not, it counts as made known to you" in page
    evaluations_familiarise_expired(today=dt.date(2026, 5, 13))
    clock(dt.date(2026, 5, 13))
    page = client.get(f"/evaluations/sheets/{signed.pk}/").content.decode()
    assert 'data-testid="familiarised-on">12.05.2026, through the information system' in page
    assert 'data-testid="apply-calibration"' in page  # until 19 May
    detail = client.get(f"/api/v1/evaluations/{signed.pk}/").json()
    assert (detail["status"], detail["familiarised_on"], detail["acknowledged_at"]) == (
        "acknowledged",
        "2026-05-12",
        None,
    )
