"""KPI sheets (App. 2-3) and differentiation sheets (App. 4): the services, end to end."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import ConflictError, DomainError
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    KpiResult,
    ServiceRecordEntry,
)
from bagalau.evaluations.services.sheets import (
    differentiation_save,
    evaluation_sign,
    kpi_actuals_save,
    kpi_sheet_save,
)
from bagalau.methodology import get_edition, sjc2023_rules
from bagalau.methodology.sjc2023 import (
    KpiInput,
    differentiation_score,
    evaluate_kpi,
    evaluate_kpi_sheet,
    familiarisation_due,
)
from bagalau.notifications.models import Notification
from bagalau.org.selectors import work_calendar
from tests.evaluations.test_sheets_cases import (
    diff_case,
    kpi_case,
    rows,
    snapshot,
    worked_actuals,
)

RULES = sjc2023_rules(get_edition("sjc-2023"))
SIGN_DAY = dt.date(2026, 4, 8)


@pytest.fixture
def kpi(world, clock):
    clock(dt.date(2026, 4, 2))
    return kpi_case(world)


@pytest.fixture
def filled(world, kpi):
    """The KPI sheet with HR's actual values in."""
    kpi_actuals_save(
        actor=world.hr_staff_user, evaluation_id=kpi.pk, version=1, values=worked_actuals(kpi)
    )
    kpi.refresh_from_db()
    return kpi


def test_worked_kpi_sheet_end_to_end(world, kpi, clock):
    # HR pre-fills the actual values and learns nothing about scores.
    version = kpi_actuals_save(
        actor=world.hr_staff_user, evaluation_id=kpi.pk, version=1, values=worked_actuals(kpi)
    )
    assert version == 2
    first, second, third = rows(kpi)
    assert (first.actual_value, second.actual_value, third.actual_achieved) == (
        D("38.8"),
        D("3"),
        False,
    )
    assert first.prefilled_by == world.hr_staff_user
    assert first.prefilled_at is not None

    # The evaluator chooses 4.90 for the first KPI and keeps the proposals elsewhere.
    kpi_sheet_save(
        actor=world.deputy_user, evaluation_id=kpi.pk, version=2, scores={first.pk: D("4.90")}
    )
    expected = [
        evaluate_kpi(RULES, KpiInput("increase", D(40), D("38.8"), D("4.90"))),
        evaluate_kpi(RULES, KpiInput("decrease", D(2), D(3))),
        evaluate_kpi(RULES, KpiInput("binary", None, False)),
    ]
    for row, outcome in zip(rows(kpi), expected, strict=True):
        assert (row.percent, (row.allowed_min, row.allowed_max), row.proposed, row.score) == (
            outcome.percent,
            outcome.allowed,
            outcome.proposed,
            outcome.score,
        )
    assert [str(r.percent) for r in rows(kpi)] == ["97.00", "66.67", "0.00"]
    assert [str(r.score) for r in rows(kpi)] == ["4.90", "3.33", "0.00"]

    clock(SIGN_DAY)
    signed = evaluation_sign(actor=world.deputy_user, evaluation_id=kpi.pk, version=3)
    sheet = evaluate_kpi_sheet(
        RULES,
        [
            KpiInput("increase", D(40), D("38.8"), D("4.90")),
            KpiInput("decrease", D(2), D(3)),
            KpiInput("binary", None, False),
        ],
    )
    assert (signed.score, signed.rating) == (sheet.score, sheet.rating.code)
    assert (str(signed.score), signed.rating) == ("2.74", "satisfactory")  # 8.23 / 3
    assert signed.status == EvaluationStatus.SIGNED
    assert signed.signed_by == world.deputy_user
    assert signed.signed_at is not None
    assert signed.familiarisation_due == familiarisation_due(RULES, work_calendar(), SIGN_DAY)
    assert signed.familiarisation_due == dt.date(2026, 4, 10)
    assert signed.version == 4
    note = Notification.objects.get(recipient=world.a_head_user, kind="result_to_acknowledge")
    assert note.params["due"] == "10.04.2026"
    assert note.url == f"/evaluations/sheets/{kpi.pk}/"

    actions = list(
        AuditEntry.objects.filter(object_id=str(kpi.pk), object_type="evaluations.evaluation")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["actuals", "update", "sign"]
    actuals, update, sign = AuditEntry.objects.filter(object_id=str(kpi.pk)).order_by("id")
    assert actuals.changes["kpis[0].actual"] == [None, "38.8000"]
    assert actuals.changes["kpis[2].actual"] == [None, False]
    assert not any("score" in key for key in actuals.changes)
    assert update.changes["kpis[0].score"] == [None, "4.90"]
    assert sign.changes["score"] == [None, "2.74"]
    assert sign.changes["status"] == ["pending", "signed"]


def test_the_score_defaults_to_the_proposal(world, filled):
    kpi_sheet_save(actor=world.deputy_user, evaluation_id=filled.pk, version=2, scores={})
    assert [str(r.score) for r in rows(filled)] == ["4.85", "3.33", "0.00"]
    signed = evaluation_sign(actor=world.deputy_user, evaluation_id=filled.pk, version=3)
    assert str(signed.score) == "2.73"  # 8.18 / 3, as the engine's worked example


def test_signing_without_a_save_uses_the_proposals(world, filled):
    signed = evaluation_sign(actor=world.deputy_user, evaluation_id=filled.pk, version=2)
    assert str(signed.score) == "2.73"
    assert [str(r.score) for r in rows(filled)] == ["4.85", "3.33", "0.00"]


@pytest.mark.parametrize(
    ("score", "words"),
    [("4.74", "outside the range 4.75-4.99"), ("5", "outside"), ("4.855", "2 decimal")],
)
def test_a_score_outside_the_allowed_range_is_refused_with_nothing_written(
    world, filled, score, words
):
    before = snapshot(filled)
    first, second, _third = rows(filled)
    with pytest.raises(DomainError) as caught:
        kpi_sheet_save(
            actor=world.deputy_user,
            evaluation_id=filled.pk,
            version=2,
            scores={second.pk: D("3.40"), first.pk: D(score)},
        )
    assert caught.value.field == "kpis[0].score"
    assert words in caught.value.message
    assert snapshot(filled) == before  # the valid second row was not written either


@pytest.mark.parametrize("value", ["abc", "NaN", "Infinity", "1e999999", "1e-999999", True])
def test_a_score_that_is_not_a_usable_number_names_the_row(world, filled, value):
    before = snapshot(filled)
    second = rows(filled)[1]
    with pytest.raises(DomainError) as caught:
        kpi_sheet_save(
            actor=world.deputy_user, evaluation_id=filled.pk, version=2, scores={second.pk: value}
        )
    assert caught.value.field == "kpis[1].score"
    assert snapshot(filled) == before


def test_a_missing_actual_value_is_refused(world, kpi):
    first = rows(kpi)[0]
    kpi_actuals_save(
        actor=world.hr_staff_user, evaluation_id=kpi.pk, version=1, values={first.pk: "38.8"}
    )
    before = snapshot(kpi)
    with pytest.raises(DomainError) as caught:
        kpi_sheet_save(actor=world.deputy_user, evaluation_id=kpi.pk, version=2, scores={})
    assert caught.value.field == "kpis[1].actual"
    assert "not entered" in caught.value.message
    with pytest.raises(DomainError) as caught:
        evaluation_sign(actor=world.deputy_user, evaluation_id=kpi.pk, version=2)
    assert caught.value.field == "kpis[1].actual"
    assert snapshot(kpi) == before


def test_editing_a_signed_sheet_is_refused(world, filled):
    evaluation_sign(actor=world.deputy_user, evaluation_id=filled.pk, version=2)
    before = snapshot(filled)
    first = rows(filled)[0]
    calls = [
        lambda: kpi_sheet_save(
            actor=world.deputy_user, evaluation_id=filled.pk, version=3, scores={first.pk: "4.9"}
        ),
        lambda: evaluation_sign(actor=world.deputy_user, evaluation_id=filled.pk, version=3),
        lambda: kpi_actuals_save(
            actor=world.hr_staff_user, evaluation_id=filled.pk, version=3, values={first.pk: 40}
        ),
    ]
    for call in calls:
        with pytest.raises(DomainError) as caught:
            call()
        assert caught.value.field == "status"
        assert "This sheet is signed" in caught.value.message
    assert snapshot(filled) == before


def test_concurrent_saves_the_second_gets_a_conflict_and_the_first_survives(world, filled):
    first = rows(filled)[0]
    kpi_sheet_save(
        actor=world.deputy_user, evaluation_id=filled.pk, version=2, scores={first.pk: "4.90"}
    )
    before = snapshot(filled)
    with pytest.raises(ConflictError) as caught:
        kpi_sheet_save(
            actor=world.deputy_user, evaluation_id=filled.pk, version=2, scores={first.pk: "4.80"}
        )
    assert caught.value.field == "version"
    assert snapshot(filled) == before
    assert KpiResult.objects.get(pk=first.pk).score == D("4.90")
    assert Evaluation.objects.get(pk=filled.pk).version == 3


def test_hr_and_the_evaluator_cannot_overwrite_each_other(world, filled):
    """The evaluator read version 2; HR then corrected an actual value (version 3): the
    evaluator's save on version 2 is refused, so HR's correction is not lost."""
    first = rows(filled)[0]
    kpi_actuals_save(
        actor=world.hr_staff_user, evaluation_id=filled.pk, version=2, values={first.pk: "40"}
    )
    with pytest.raises(ConflictError):
        kpi_sheet_save(
            actor=world.deputy_user, evaluation_id=filled.pk, version=2, scores={first.pk: "4.9"}
        )
    row = KpiResult.objects.get(pk=first.pk)
    assert (row.actual_value, row.percent, row.score) == (D("40"), D("100.00"), None)


def test_a_changed_actual_keeps_a_score_still_in_range_and_clears_one_that_is_not(world, filled):
    first, second, _ = rows(filled)
    kpi_sheet_save(
        actor=world.deputy_user,
        evaluation_id=filled.pk,
        version=2,
        scores={first.pk: "4.90", second.pk: "3.40"},
    )
    kpi_actuals_save(
        actor=world.hr_staff_user,
        evaluation_id=filled.pk,
        version=3,
        values={first.pk: "38.9", second.pk: "4"},  # 97.25% (same row); 50.00% (new row)
    )
    first, second, _ = rows(filled)
    assert (first.percent, first.score) == (D("97.25"), D("4.90"))
    assert (second.percent, second.allowed_min, second.score) == (D("50.00"), D("2.50"), None)
    entry = AuditEntry.objects.filter(action="actuals").order_by("-id").first()
    assert entry.changes["kpis[1].score"] == ["3.40", None]


@pytest.mark.parametrize(
    ("index", "value", "words"),
    [
        (0, "-1", "negative"),
        (0, "abc", "number"),
        (0, "1.23456", "4 decimal"),
        (0, "1" * 15, "too large"),
        (0, "1e999999", "too large"),
        (0, "1e-999999", "4 decimal"),
        (0, "NaN", "number"),
        (0, True, "number"),
        (2, "maybe", "yes or no"),
        (2, "12", "yes or no"),
    ],
)
def test_actual_values_are_validated(world, kpi, index, value, words):
    before = snapshot(kpi)
    target = rows(kpi)[index]
    values = {rows(kpi)[1].pk: "3", target.pk: value}
    with pytest.raises(DomainError) as caught:
        kpi_actuals_save(actor=world.hr_staff_user, evaluation_id=kpi.pk, version=1, values=values)
    assert caught.value.field == f"kpis[{index}].actual"
    assert words in caught.value.message
    assert snapshot(kpi) == before


def test_actuals_refuse_an_unknown_row_and_a_differentiation_sheet(world, kpi):
    with pytest.raises(DomainError) as caught:
        kpi_actuals_save(actor=world.hr_staff_user, evaluation_id=kpi.pk, version=1, values={0: 1})
    assert caught.value.field == "kpis"
    staff = diff_case(world)
    with pytest.raises(DomainError) as caught:
        kpi_actuals_save(actor=world.hr_staff_user, evaluation_id=staff.pk, version=1, values={})
    assert caught.value.field == "method"


def test_a_kpi_sheet_without_kpis_cannot_be_signed(world, clock):
    clock(SIGN_DAY)
    from tests.factories import EvaluationFactory

    evaluation = EvaluationFactory(
        period=kpi_case(world).period,
        servant=world.b_head,
        assignment=world.b_head_assignment,
        method="kpi",
        evaluator=world.deputy,
    )
    with pytest.raises(DomainError) as caught:
        evaluation_sign(actor=world.deputy_user, evaluation_id=evaluation.pk, version=1)
    assert caught.value.field == "kpis"


# --- who may ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "refusal"),
    [
        ("a_head_user", PermissionDenied),  # the evaluatee sees the sheet but does not score it
        ("hr_head_user", PermissionDenied),  # the head of HR sees results, cannot sign
        ("hr_staff_user", Http404),  # HR staff never see results
        ("head_user", Http404),  # the head of the apparatus neither
        ("b_head_user", Http404),  # another unit's manager
        ("outsider_user", Http404),
    ],
)
def test_only_the_evaluator_scores_and_signs(world, filled, who, refusal):
    user = getattr(world, who)
    before = snapshot(filled)
    first = rows(filled)[0]
    with pytest.raises(refusal):
        kpi_sheet_save(actor=user, evaluation_id=filled.pk, version=2, scores={first.pk: "4.9"})
    with pytest.raises(refusal):
        evaluation_sign(actor=user, evaluation_id=filled.pk, version=2)
    assert snapshot(filled) == before


@pytest.mark.parametrize(
    ("who", "refusal"),
    [
        ("deputy_user", PermissionDenied),
        ("a_head_user", PermissionDenied),
        ("head_user", Http404),
        ("b_head_user", Http404),
        ("outsider_user", Http404),
    ],
)
def test_only_hr_enters_actual_values(world, kpi, who, refusal):
    before = snapshot(kpi)
    with pytest.raises(refusal):
        kpi_actuals_save(
            actor=getattr(world, who), evaluation_id=kpi.pk, version=1, values=worked_actuals(kpi)
        )
    assert snapshot(kpi) == before


def test_the_head_of_hr_may_enter_actual_values_too(world, kpi):
    assert kpi_actuals_save(
        actor=world.hr_head_user, evaluation_id=kpi.pk, version=1, values=worked_actuals(kpi)
    )


# --- differentiation (App. 4) ----------------------------------------------------------------

SCORES = {"quality": 5, "timeliness": 4, "initiative": 4, "discipline": 3}


def test_worked_differentiation_sheet_end_to_end(world, clock):
    clock(SIGN_DAY)
    staff = diff_case(world)
    differentiation_save(
        actor=world.a_head_user,
        evaluation_id=staff.pk,
        version=1,
        scores={**SCORES, "discipline": "3"},
        justifications={"quality": "Ескерту жоқ", "discipline": "Бір рет кешікті"},
        justification="Тапсырмаларды сапалы орындайды",
    )
    stored = {p.parameter: (p.score, p.justification) for p in staff.parameter_scores.all()}
    assert stored == {
        "quality": (5, "Ескерту жоқ"),
        "timeliness": (4, ""),
        "initiative": (4, ""),
        "discipline": (3, "Бір рет кешікті"),
    }
    signed = evaluation_sign(actor=world.a_head_user, evaluation_id=staff.pk, version=2)
    result = differentiation_score(RULES, SCORES)
    assert (signed.score, signed.rating) == (result.score, result.rating.code)
    assert (str(signed.score), signed.rating) == ("4.00", "effective")
    assert signed.familiarisation_due == dt.date(2026, 4, 10)
    assert Notification.objects.filter(
        recipient=world.a_staff1_user, kind="result_to_acknowledge"
    ).exists()
    update = AuditEntry.objects.filter(action="update", object_id=str(staff.pk)).get()
    assert update.changes["scores.quality"] == [None, 5]
    assert update.changes["justification"] == ["", "Тапсырмаларды сапалы орындайды"]


@pytest.mark.parametrize(
    ("scores", "field", "words"),
    [
        ({"quality": 6}, "scores.quality", "whole points from 0 to 5"),
        ({"quality": -1}, "scores.quality", "whole points"),
        ({"quality": "3.5"}, "scores.quality", "whole points"),
        ({"quality": "x"}, "scores.quality", "whole points"),
        ({"quality": True}, "scores.quality", "whole points"),
        ({"leadership": 3}, "scores.leadership", "unknown parameter"),
    ],
)
def test_differentiation_scores_are_whole_points_0_to_5(world, scores, field, words):
    staff = diff_case(world)
    before = snapshot(staff)
    with pytest.raises(DomainError) as caught:
        differentiation_save(
            actor=world.a_head_user,
            evaluation_id=staff.pk,
            version=1,
            scores={**SCORES, **scores},
            justifications={},
            justification="x",
        )
    assert caught.value.field == field
    assert words in caught.value.message
    assert snapshot(staff) == before


def test_zero_points_are_allowed_p31(world):
    staff = diff_case(world)
    differentiation_save(
        actor=world.a_head_user,
        evaluation_id=staff.pk,
        version=1,
        scores={"quality": 0, "timeliness": 0, "initiative": 1, "discipline": 0},
        justifications={},
        justification="Көптеген ескертулер",
    )
    signed = evaluation_sign(actor=world.a_head_user, evaluation_id=staff.pk, version=2)
    assert (str(signed.score), signed.rating) == ("0.25", "unsatisfactory")


def test_signing_needs_every_parameter_and_the_justification(world):
    staff = diff_case(world)
    differentiation_save(
        actor=world.a_head_user,
        evaluation_id=staff.pk,
        version=1,
        scores={"quality": 5, "timeliness": 4, "initiative": 4},
        justifications={},
        justification="",
    )
    before = snapshot(staff)
    with pytest.raises(DomainError) as caught:
        evaluation_sign(actor=world.a_head_user, evaluation_id=staff.pk, version=2)
    assert caught.value.field == "scores.discipline"
    differentiation_save(
        actor=world.a_head_user,
        evaluation_id=staff.pk,
        version=2,
        scores={"discipline": 3},
        justifications={},
        justification="",
    )
    with pytest.raises(DomainError) as caught:
        evaluation_sign(actor=world.a_head_user, evaluation_id=staff.pk, version=3)
    assert caught.value.field == "justification"
    assert Evaluation.objects.get(pk=staff.pk).status == EvaluationStatus.PENDING
    assert before["evaluation"]["status"] == EvaluationStatus.PENDING


def test_a_justification_needs_a_score_and_a_parameter_can_be_cleared(world):
    staff = diff_case(world)
    with pytest.raises(DomainError) as caught:
        differentiation_save(
            actor=world.a_head_user,
            evaluation_id=staff.pk,
            version=1,
            scores={},
            justifications={"quality": "Жақсы"},
            justification="",
        )
    assert caught.value.field == "scores.quality"
    differentiation_save(
        actor=world.a_head_user,
        evaluation_id=staff.pk,
        version=1,
        scores=SCORES,
        justifications={},
        justification="",
    )
    differentiation_save(
        actor=world.a_head_user,
        evaluation_id=staff.pk,
        version=2,
        scores={"quality": ""},
        justifications={},
        justification="",
    )
    assert sorted(p.parameter for p in staff.parameter_scores.all()) == [
        "discipline",
        "initiative",
        "timeliness",
    ]


def test_concurrent_differentiation_saves(world):
    staff = diff_case(world)
    common = {"justifications": {}, "justification": "", "evaluation_id": staff.pk, "version": 1}
    differentiation_save(actor=world.a_head_user, scores={"quality": 5}, **common)
    with pytest.raises(ConflictError):
        differentiation_save(actor=world.a_head_user, scores={"quality": 2}, **common)
    assert staff.parameter_scores.get().score == 5


def test_a_sheet_of_someone_not_evaluated_cannot_be_filled(world):
    staff = diff_case(world, status=EvaluationStatus.NOT_EVALUATED)
    with pytest.raises(DomainError) as caught:
        differentiation_save(
            actor=world.a_head_user,
            evaluation_id=staff.pk,
            version=1,
            scores=SCORES,
            justifications={},
            justification="x",
        )
    assert caught.value.field == "status"


# --- in absentia (p.6) -----------------------------------------------------------------------


def test_in_absentia_the_result_is_final_at_signing(world, clock):
    clock(SIGN_DAY)
    staff = diff_case(world, reason="in_absentia")
    differentiation_save(
        actor=world.a_head_user,
        evaluation_id=staff.pk,
        version=1,
        scores=SCORES,
        justifications={},
        justification="Жұмыстан босатылды",
    )
    final = evaluation_sign(actor=world.a_head_user, evaluation_id=staff.pk, version=2)
    assert final.status == EvaluationStatus.FINAL
    assert (final.final_score, final.final_rating) == (D("4.00"), "effective")
    assert final.familiarisation_due is None
    entry = ServiceRecordEntry.objects.get(evaluation=final)
    assert (entry.servant, entry.score, entry.rating) == (world.a_staff1, D("4.00"), "effective")
    assert not Notification.objects.filter(kind="result_to_acknowledge").exists()
    assert list(
        AuditEntry.objects.filter(object_id=str(staff.pk))
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["update", "sign", "finalize"]


@pytest.mark.django_db(transaction=True)
def test_truly_concurrent_saves_never_lose_an_update(clock):
    """Two evaluators' browsers save the same version at the same moment: one wins, the other
    gets a conflict; the row holds exactly the winner's score (PostgreSQL: real row locks)."""
    import threading

    from django.db import connection, connections

    from tests.world import build_world

    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent connections (PostgreSQL)")
    clock(dt.date(2026, 4, 6))
    world = build_world()
    evaluation = kpi_case(world)
    kpi_actuals_save(
        actor=world.hr_staff_user,
        evaluation_id=evaluation.pk,
        version=1,
        values=worked_actuals(evaluation),
    )
    first = rows(evaluation)[0]
    barrier = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def save(score: str) -> None:
        try:
            barrier.wait(timeout=10)
            kpi_sheet_save(
                actor=world.deputy_user,
                evaluation_id=evaluation.pk,
                version=2,
                scores={first.pk: score},
            )
            outcome[score] = "saved"
        except ConflictError:
            outcome[score] = "conflict"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(s,)) for s in ("4.80", "4.90")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcome.values()) == ["conflict", "saved"]
    winner = next(score for score, result in outcome.items() if result == "saved")
    assert KpiResult.objects.get(pk=first.pk).score == D(winner)
    assert Evaluation.objects.get(pk=evaluation.pk).version == 3


# --- fixes in services.common ----------------------------------------------------------------


def test_a_kpi_no_longer_planned_leaves_the_open_sheet(world, filled):
    """A p.25 change removes KPI 2 from the quarter: the open sheet scores the two others."""
    from bagalau.evaluations.services.common import kpi_results_sync

    second = rows(filled)[1].kpi
    second.plan_q1 = None
    second.save()
    assert [r.kpi.number for r in kpi_results_sync(evaluation=filled)] == [1, 3]
    signed = evaluation_sign(actor=world.deputy_user, evaluation_id=filled.pk, version=2)
    assert str(signed.score) == "2.43"  # (4.85 + 0.00) / 2 = 2.425
    second.plan_q1 = 5
    second.save()
    # a signed sheet keeps what was signed: no row added, none left out
    assert len(kpi_results_sync(evaluation=filled)) == 3
    assert KpiResult.objects.filter(evaluation=filled).count() == 3


def test_a_signed_sheet_gets_no_new_rows(world, filled):
    from bagalau.evaluations.services.common import kpi_results_sync
    from tests.factories import KpiFactory

    evaluation_sign(actor=world.deputy_user, evaluation_id=filled.pk, version=2)
    KpiFactory(plan=rows(filled)[0].kpi.plan, number=4, plan_q1=3)
    assert len(kpi_results_sync(evaluation=filled)) == 3


def test_a_final_score_given_without_its_rating_is_rated_by_the_engine(world):
    from bagalau.evaluations.services.common import evaluation_finalize
    from tests.evaluations.test_sheets_cases import signed_diff_case

    signed = signed_diff_case(world)
    final = evaluation_finalize(actor=world.hr_head_user, evaluation=signed, final_score=D("3.50"))
    assert (final.final_score, final.final_rating) == (D("3.50"), "proper")
    assert ServiceRecordEntry.objects.get(evaluation=final).rating == "proper"
