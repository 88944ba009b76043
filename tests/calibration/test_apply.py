"""Applying for a calibration session within 5 working days of familiarisation (p.12)."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.calibration.access import can_apply
from bagalau.calibration.models import Application, ApplicationStatus
from bagalau.calibration.services import calibration_apply
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import EvaluationStatus
from bagalau.methodology import get_edition, sjc2023_rules
from bagalau.methodology.sjc2023 import calibration_application_due
from bagalau.notifications.models import Notification
from bagalau.org.selectors import work_calendar
from tests.calibration.conftest import APPLY_DUE, aware, make_evaluation, snapshot


def _apply(world, evaluation, text="Бағамен келіспеймін."):
    return calibration_apply(actor=world.a_staff1_user, evaluation_id=evaluation.pk, text=text)


def test_apply_within_the_window(world, clock):
    evaluation = make_evaluation(world)
    clock(dt.date(2026, 4, 14))
    application = _apply(world, evaluation)
    # 14.04 + 3 working days = Fri 17.04; + 10 working days = Tue 28.04 (no holiday between)
    assert (application.submitted_on, application.decision_due, application.session_due) == (
        dt.date(2026, 4, 14),
        dt.date(2026, 4, 17),
        dt.date(2026, 4, 28),
    )
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.submitted_by == world.a_staff1_user
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.version) == (EvaluationStatus.CALIBRATION, 2)
    notified = set(
        Notification.objects.filter(kind="calibration_applied").values_list(
            "recipient__username", flat=True
        )
    )
    assert notified == {"head", "hr_head", "hr_staff"}
    entry = AuditEntry.objects.get(action="apply")
    assert entry.actor == world.a_staff1_user
    assert entry.changes["decision_due"] == [None, "2026-04-17"]
    assert AuditEntry.objects.get(action="update", object_type="evaluations.evaluation").changes[
        "status"
    ] == ["acknowledged", "calibration"]


def test_a_refused_result_may_be_calibrated_too(world, clock):
    evaluation = make_evaluation(world, status=EvaluationStatus.REFUSED, acknowledged_at=None)
    clock(APPLY_DUE)  # the last day counts
    assert _apply(world, evaluation).submitted_on == APPLY_DUE


def test_apply_after_the_window_is_refused_and_nothing_is_written(world, clock):
    evaluation = make_evaluation(world)
    clock(APPLY_DUE + dt.timedelta(days=1))
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        _apply(world, evaluation)
    assert caught.value.field == "evaluation"
    assert caught.value.message == "The 5 working days to apply ended on 20.04.2026."
    assert snapshot() == before


def test_the_window_skips_the_nauryz_holidays(world, clock):
    """Acknowledged Friday 20.03.2026. Nauryz falls on 21-23.03 (Sat-Mon) and the weekend days
    are observed on Tue 24 and Wed 25.03, so the 5 working days are Thu 26, Fri 27, Mon 30,
    Tue 31.03 and Wed 1.04: the last day to apply is 1 April 2026 (not 31 March)."""
    acknowledged = dt.date(2026, 3, 20)
    rules = sjc2023_rules(get_edition("sjc-2023"))
    due = calibration_application_due(rules, work_calendar(), acknowledged)
    assert due == dt.date(2026, 4, 1)
    evaluation = make_evaluation(
        world, acknowledged_at=aware(acknowledged), calibration_due=None
    )  # the window computed from the acknowledgement when familiarisation left it empty
    clock(dt.date(2026, 4, 2))
    with pytest.raises(DomainError, match="ended on 01.04.2026"):
        _apply(world, evaluation)
    clock(dt.date(2026, 4, 1))
    assert _apply(world, evaluation).submitted_on == dt.date(2026, 4, 1)


def test_one_application_per_evaluation(world, clock):
    evaluation = make_evaluation(world)
    clock(dt.date(2026, 4, 14))
    _apply(world, evaluation)
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        _apply(world, evaluation, "Тағы бір өтініш.")
    assert caught.value.field == "evaluation"
    assert "already applied" in caught.value.message
    assert snapshot() == before
    assert Application.objects.count() == 1


def test_the_text_is_required(world, clock):
    evaluation = make_evaluation(world)
    clock(dt.date(2026, 4, 14))
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        _apply(world, evaluation, "   ")
    assert caught.value.field == "text"
    assert snapshot() == before


@pytest.mark.parametrize(
    "status", [EvaluationStatus.SIGNED, EvaluationStatus.FINAL, EvaluationStatus.PENDING]
)
def test_only_an_acknowledged_or_refused_result(world, clock, status):
    evaluation = make_evaluation(world, status=status)
    clock(dt.date(2026, 4, 14))
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        _apply(world, evaluation)
    assert caught.value.field == "evaluation"
    assert snapshot() == before


def test_only_the_evaluatee_applies(world, clock):
    evaluation = make_evaluation(world)
    clock(dt.date(2026, 4, 14))
    before = snapshot()
    with pytest.raises(PermissionDenied):  # sees the result, may not apply
        calibration_apply(actor=world.a_head_user, evaluation_id=evaluation.pk, text="x")
    with pytest.raises(PermissionDenied):
        calibration_apply(actor=world.hr_head_user, evaluation_id=evaluation.pk, text="x")
    for user in (world.hr_staff_user, world.head_user, world.a_staff2_user, world.outsider_user):
        with pytest.raises(Http404):  # may not even see it
            calibration_apply(actor=user, evaluation_id=evaluation.pk, text="x")
    assert snapshot() == before


def test_can_apply_for_the_result_page(world, clock):
    evaluation = make_evaluation(world)
    clock(dt.date(2026, 4, 14))
    assert can_apply(world.a_staff1_user, evaluation)
    assert not can_apply(world.a_head_user, evaluation)
    clock(dt.date(2026, 4, 21))
    assert not can_apply(world.a_staff1_user, evaluation)
    clock(dt.date(2026, 4, 14))
    _apply(world, evaluation)
    evaluation.refresh_from_db()
    assert not can_apply(world.a_staff1_user, evaluation)
    assert evaluation.score == D("3.80")
