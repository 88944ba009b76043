"""The annual result (p.4): the mean of the quarterly results, provisional while a quarter it
counts is not final, recomputed whenever a quarter's result changes or becomes final."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from bagalau.audit.models import AuditEntry
from bagalau.calibration import services as calibration
from bagalau.calibration.models import VoteChoice
from bagalau.core.errors import DomainError
from bagalau.core.jobs import JOBS
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    Method,
    PeriodStatus,
    ServiceRecordEntry,
)
from bagalau.evaluations.selectors.annual import annual_quarters
from bagalau.evaluations.selectors.mine import my_results
from bagalau.evaluations.selectors.sheets import consequences
from bagalau.evaluations.services.annual import (
    annual_recompute,
    annual_results_compute,
    annual_results_refresh,
)
from bagalau.evaluations.services.common import evaluation_finalize
from bagalau.evaluations.services.familiarisation import evaluation_acknowledge
from bagalau.methodology import get_edition, sjc2023_rules
from bagalau.methodology.sjc2023 import annual_score
from bagalau.notifications.models import Notification
from bagalau.org.models import EndReason
from tests.evaluations.test_sheets_cases import annual_period, diff_case, quarter

RULES = sjc2023_rules(get_edition("sjc-2023"))


def quarter_result(
    world, number, score, *, servant="a_staff1", status=EvaluationStatus.FINAL, **extra
):
    """A quarter of 2026 signed with `score` (final with the same score when `status` is final)."""
    value = D(score)
    rating = RULES.rating.band_for(value).code
    final = status == EvaluationStatus.FINAL
    return diff_case(
        world,
        number,
        servant=getattr(world, servant),
        assignment=getattr(world, f"{servant}_assignment"),
        status=status,
        score=value,
        rating=rating,
        signed_at=timezone.now(),
        final_score=value if final else None,
        final_rating=rating if final else "",
        **extra,
    )


def annual_of(year, servant):
    return Evaluation.objects.get(period=year, servant=servant)


def told(user, kind):
    return Notification.objects.filter(recipient=user, kind=kind)


def aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


# --- the case: Q4 under calibration on 10 January -----------------------------------------


@pytest.fixture
def q4_under_calibration(world, clock):
    """Q1-Q3 2026 final at 4.00; Q4 signed at 1.00 and acknowledged on Wed 6 January 2027, the
    servant applies for calibration the same day."""
    clock(dt.date(2027, 1, 6))
    for number in (1, 2, 3):
        quarter_result(world, number, "4.00")
    q4 = quarter_result(
        world,
        4,
        "1.00",
        status=EvaluationStatus.ACKNOWLEDGED,
        acknowledged_at=aware(dt.date(2027, 1, 6)),
        calibration_due=dt.date(2027, 1, 13),
    )
    calibration.calibration_apply(
        actor=world.a_staff1_user, evaluation_id=q4.pk, text="Төртінші тоқсан дұрыс бағаланбады."
    )
    q4.refresh_from_db()
    assert q4.status == EvaluationStatus.CALIBRATION
    return q4


def test_the_annual_result_is_the_mean_and_waits_for_a_quarter_under_calibration(
    world, clock, q4_under_calibration
):
    clock(dt.date(2027, 1, 8))
    year = annual_period(world)
    summary = annual_results_compute(actor=world.hr_staff_user, period_id=year.pk)
    assert (summary.created, summary.updated, summary.unchanged, summary.skipped) == (1, 0, 0, 0)
    annual = annual_of(year, world.a_staff1)
    # (4.00 + 4.00 + 4.00 + 1.00) / 4 = 3.25: "proper", not the 4.00 "effective" of the three
    # final quarters alone.
    expected = annual_score(RULES, [D("4.00"), D("4.00"), D("4.00"), D("1.00")])
    assert (str(expected.score), expected.rating.code) == ("3.25", "proper")
    assert (annual.score, annual.rating) == (D("3.25"), "proper")
    assert (annual.method, annual.status) == (Method.ANNUAL, EvaluationStatus.PROVISIONAL)
    # Provisional: not shown for familiarisation, on no p.8 list, but on the servant's page.
    assert annual.familiarisation_due is None
    assert not told(world.a_staff1_user, "result_to_acknowledge").exists()
    assert annual in my_results(world.a_staff1_user)
    assert consequences(user=world.hr_head_user, period=year).as_lists() == {
        "bonus": [],
        "training": [],
        "unsatisfactory": [],
    }
    created = AuditEntry.objects.get(action="create", object_id=str(annual.pk))
    assert created.changes["quarters"] == [None, ["4.00", "4.00", "4.00", "1.00"]]
    assert created.changes["waiting"] == [None, [4]]
    assert created.changes["status"] == [None, "provisional"]
    lines = annual_quarters(world.a_staff1_user, annual)
    assert [(q.state, q.score) for q in lines] == [
        ("final", D("4.00")),
        ("final", D("4.00")),
        ("final", D("4.00")),
        ("counted", D("1.00")),
    ]


def test_calibration_recomputes_the_annual_result_audits_and_tells(
    world, clock, q4_under_calibration
):
    clock(dt.date(2027, 1, 8))
    year = annual_period(world)
    annual_results_compute(actor=world.hr_staff_user, period_id=year.pk)
    annual = annual_of(year, world.a_staff1)
    application = q4_under_calibration.calibration_application
    calibration.calibration_decide(
        actor=world.head_user,
        application_id=application.pk,
        participants=[world.deputy_user.pk, world.b_head_user.pk, world.b_staff1_user.pk],
        scheduled_for=aware(dt.date(2027, 1, 12)),
        place="Мәжіліс залы",
    )
    session = application.session
    clock(dt.date(2027, 1, 12), 11)
    calibration.session_record_presentation(
        actor=world.a_head_user, session_id=session.pk, text="Тоқсанда міндеттер орындалмады."
    )
    for user in (world.deputy_user, world.b_head_user, world.b_staff1_user):
        calibration.session_vote(
            actor=user,
            session_id=session.pk,
            choice=VoteChoice.RAISE,
            score=D("2.00"),
            argument="Тоқсанның күрделілігі ескерілмеді.",
        )
    # The head of HR signs the protocol: Q4 becomes final at 2.00, and with it the year.
    calibration.protocol_sign(actor=world.hr_head_user, session_id=session.pk)
    annual.refresh_from_db()
    # (4.00 + 4.00 + 4.00 + 2.00) / 4 = 3.50, every quarter final: shown to the servant.
    assert (annual.score, annual.rating, annual.status) == (D("3.50"), "proper", "signed")
    assert annual.familiarisation_due == dt.date(2027, 1, 14)  # 2 working days after Tue 12
    entry = AuditEntry.objects.get(action="recompute", object_id=str(annual.pk))
    assert entry.changes["score"] == ["3.25", "3.50"]
    assert entry.changes["status"] == ["provisional", "signed"]
    assert entry.changes["quarters"] == [None, ["4.00", "4.00", "4.00", "2.00"]]
    assert entry.changes["waiting"] == [None, []]
    assert entry.changes["cause"] == [None, "Q4 2026"]
    assert entry.actor == world.hr_head_user
    # Told: the servant and the head of HR (never the score), and the servant is asked to
    # acknowledge the annual result.
    for user, kind in (
        (world.a_staff1_user, "annual_recomputed"),
        (world.hr_head_user, "annual_recomputed_hr"),
        (world.a_staff1_user, "result_to_acknowledge"),
    ):
        note = told(user, kind).filter(url__endswith=f"/{annual.pk}/").get()
        assert not any(word in key for key in note.params for word in ("score", "rating"))
    assert told(world.hr_staff_user, "annual_recomputed_hr").count() == 0


def test_the_last_quarter_becoming_final_unchanged_makes_the_year_final_ready(world, clock):
    clock(dt.date(2027, 1, 8))
    quarter_result(world, 1, "4.25")
    quarter_result(world, 2, "3.90")
    q3 = quarter_result(world, 3, "4.60", status=EvaluationStatus.ACKNOWLEDGED)
    q4 = quarter_result(world, 4, "4.45", status=EvaluationStatus.ACKNOWLEDGED)
    year = annual_period(world)
    annual_results_compute(actor=world.hr_staff_user, period_id=year.pk)
    annual = annual_of(year, world.a_staff1)
    assert (annual.score, annual.status) == (D("4.30"), "provisional")  # 17.20 / 4
    evaluation_finalize(actor=None, evaluation=q3)
    annual.refresh_from_db()
    assert (annual.score, annual.status) == (D("4.30"), "provisional")  # still waits for Q4
    assert not AuditEntry.objects.filter(action="recompute").exists()  # nothing changed
    evaluation_finalize(actor=None, evaluation=q4)
    annual.refresh_from_db()
    assert (annual.score, annual.status) == (D("4.30"), "signed")
    assert annual.familiarisation_due == dt.date(2027, 1, 12)  # Fri 8 -> Mon 11, Tue 12
    entry = AuditEntry.objects.get(action="recompute", object_id=str(annual.pk))
    assert (entry.changes["status"], entry.actor) == (["provisional", "signed"], None)
    assert not told(world.a_staff1_user, "annual_recomputed").exists()  # same score
    assert told(world.a_staff1_user, "result_to_acknowledge").count() == 1


def test_a_quarter_not_evaluated_yet_is_waited_for_and_left_out_of_the_mean(world, clock):
    clock(dt.date(2026, 10, 20))
    quarter_result(world, 1, "3.00")
    quarter_result(world, 2, "4.00")
    diff_case(world, 3)  # opened, not signed yet
    quarter_result(world, 1, "5.00", servant="a_staff2")
    # Q4 is not opened: a_staff1 is expected in it; a_staff2 leaves on 15 November and is not.
    q4 = quarter(world, 4)
    q4.status = PeriodStatus.SCHEDULED
    q4.save()
    world.a_staff2_assignment.end = dt.date(2026, 11, 15)
    world.a_staff2_assignment.end_reason = EndReason.DISMISSAL
    world.a_staff2_assignment.save()
    year = annual_period(world)
    annual_results_compute(actor=world.hr_staff_user, period_id=year.pk)
    first = annual_of(year, world.a_staff1)
    assert (first.score, first.status) == (D("3.50"), "provisional")
    assert [q.state for q in annual_quarters(world.hr_head_user, first)] == [
        "final",
        "final",
        "awaited",
        "awaited",
    ]
    second = annual_of(year, world.a_staff2)
    assert [q.state for q in annual_quarters(world.hr_head_user, second)] == [
        "final",
        "none",
        "none",
        "none",
    ]
    assert (second.score, second.status) == (D("5.00"), "signed")  # nothing else to wait for


def test_an_annual_result_changed_after_it_was_shown_is_shown_again(world, clock):
    clock(dt.date(2027, 1, 20))
    for number, score in ((1, "4.25"), (2, "3.90"), (3, "3.25"), (4, "4.60")):
        quarter_result(world, number, score)
    year = annual_period(world)
    annual_results_compute(actor=world.hr_staff_user, period_id=year.pk)
    annual = annual_of(year, world.a_staff1)
    assert (annual.score, annual.status) == (D("4.00"), "signed")  # 16.00 / 4
    evaluation_acknowledge(actor=world.a_staff1_user, evaluation_id=annual.pk)
    evaluation_finalize(actor=None, evaluation=annual)
    assert ServiceRecordEntry.objects.filter(evaluation=annual).exists()
    # A quarter's result is corrected afterwards (e.g. by a court's decision entered by HR):
    # a final annual result is recomputed too, leaves the service record and is shown again.
    third = Evaluation.objects.get(servant=world.a_staff1, period__number=3)
    third.final_score = D("4.45")
    third.save()
    recomputed = annual_recompute(
        actor=world.hr_head_user, servant=world.a_staff1, year=2026, cause=third
    )
    assert recomputed is not None
    assert (recomputed.score, recomputed.status) == (D("4.30"), "signed")
    assert (recomputed.final_score, recomputed.acknowledged_at) == (None, None)
    assert not ServiceRecordEntry.objects.filter(evaluation=annual).exists()
    entry = AuditEntry.objects.get(action="recompute", object_id=str(annual.pk))
    assert entry.changes["status"] == ["final", "signed"]
    assert entry.changes["score"] == ["4.00", "4.30"]
    assert told(world.a_staff1_user, "annual_recomputed").count() == 1


def test_recomputing_before_any_annual_result_does_nothing(world, clock):
    clock(dt.date(2027, 1, 8))
    final = quarter_result(world, 1, "4.00")
    assert annual_recompute(actor=None, servant=world.a_staff1, year=2026, cause=final) is None
    annual_period(world)
    assert annual_recompute(actor=None, servant=world.a_staff1, year=2026) is None
    assert not Evaluation.objects.filter(method=Method.ANNUAL).exists()


def test_only_servants_with_a_signed_quarter_get_an_annual_result(world, clock):
    clock(dt.date(2027, 1, 8))
    quarter_result(world, 1, "4.00")
    diff_case(world, 1, servant=world.a_staff2, assignment=world.a_staff2_assignment)
    year = annual_period(world)
    annual_results_compute(actor=world.hr_head_user, period_id=year.pk)
    assert list(
        Evaluation.objects.filter(period=year).values_list("servant__user__username", flat=True)
    ) == ["a_staff1"]


def test_the_periodic_job_creates_and_recomputes_computed_annual_results(world, clock):
    clock(dt.date(2027, 1, 8))
    assert "evaluations.annual_refresh" in JOBS
    quarter_result(world, 1, "4.25")
    second = quarter_result(world, 2, "3.90", status=EvaluationStatus.SIGNED)
    assert annual_results_refresh() == "0 annual results created, 0 recomputed"  # none computed
    year = annual_period(world)
    annual_results_compute(actor=world.hr_staff_user, period_id=year.pk)
    second.score = D("4.70")  # edited in place: only the job notices
    second.save()
    quarter_result(world, 1, "3.00", servant="a_staff2")
    assert annual_results_refresh() == "1 annual results created, 1 recomputed"
    assert annual_of(year, world.a_staff1).score == D("4.48")  # 8.95 / 2 = 4.475
    assert annual_of(year, world.a_staff2).score == D("3.00")


def test_annual_results_are_computed_for_an_annual_period_only(world, clock):
    clock(dt.date(2027, 1, 8))
    first = quarter_result(world, 1, "4.00")
    with pytest.raises(DomainError) as caught:
        annual_results_compute(actor=world.hr_staff_user, period_id=first.period_id)
    assert caught.value.field == "period"


@pytest.mark.parametrize(
    ("who", "refusal"),
    [
        ("head_user", PermissionDenied),
        ("a_head_user", PermissionDenied),
        ("a_staff1_user", PermissionDenied),
        ("outsider_user", Http404),
    ],
)
def test_only_hr_computes_annual_results(world, clock, who, refusal):
    clock(dt.date(2027, 1, 8))
    quarter_result(world, 1, "4.00")
    year = annual_period(world)
    with pytest.raises(refusal):
        annual_results_compute(actor=getattr(world, who), period_id=year.pk)
    assert not Evaluation.objects.filter(period=year).exists()
    assert not AuditEntry.objects.filter(action="annual_compute").exists()


# --- the pages and the API ----------------------------------------------------------------------


def test_the_pages_and_the_api_show_the_provisional_result_and_what_it_waits_for(
    client, world, clock, q4_under_calibration
):
    clock(dt.date(2027, 1, 8))
    year = annual_period(world)
    annual_results_compute(actor=world.hr_staff_user, period_id=year.pk)
    annual = annual_of(year, world.a_staff1)
    client.force_login(world.a_staff1_user)
    page = client.get(reverse("evaluations:sheet", args=[annual.pk])).content.decode()
    assert 'data-testid="result-score">3.25<' in page
    assert "It waits for Q4 to become final" in page
    assert "counted provisionally: Under calibration" in page
    detail = client.get(f"/api/v1/evaluations/{annual.pk}/").json()
    assert (detail["status"], detail["score"]) == ("provisional", "3.25")
    assert [(q["state"], q["final"], q["score"]) for q in detail["quarters"]] == [
        ("final", True, "4.00"),
        ("final", True, "4.00"),
        ("final", True, "4.00"),
        ("counted", False, "1.00"),
    ]
    # HR staff see that it waits for Q4, never the score; the head of HR sees both.
    client.force_login(world.hr_staff_user)
    page = client.get(reverse("evaluations:annual_results", args=[year.pk])).content.decode()
    assert 'data-testid="waiting">waiting for Q4<' in page
    assert "3.25" not in page
    client.force_login(world.hr_head_user)
    page = client.get(reverse("evaluations:annual_results", args=[year.pk])).content.decode()
    assert "3.25" in page
    assert 'data-testid="waiting">waiting for Q4<' in page
