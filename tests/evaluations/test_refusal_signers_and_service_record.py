"""Model-neutral refusal acts and service record (issue 9 item 6; EDITIONS.md §6.2, §11.8, M-19):
the act's signers come from the edition's data, the service record holds any model's result."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from bagalau.core.errors import DomainError
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    RefusalAct,
    ResultKind,
    Schedule,
    ServiceRecordEntry,
)
from bagalau.evaluations.services.familiarisation import refusal_act_record
from bagalau.methodology import MethodologyError, get_edition
from bagalau.methodology.acts import (
    REFUSAL_TO_SIGN,
    act_signers,
    check_signers,
    has_act,
)
from tests.evaluations.test_sheets_cases import diff_case, quarter, signed_diff_case  # noqa: F401

# --- the edition's rule (methodology, pure) ------------------------------------------------------


@pytest.mark.parametrize(
    ("edition", "servants"),
    [
        ("almaty-2018", 2),  # p.41: HR and two other servants of the body
        ("sjc-2018", 2),  # p.41: the Administrative Department and two servants of the Apparatus
        ("kyzylorda-2018", 2),
        ("moj-2017", 0),  # p.36: the HR servant alone
        ("sjc-2023", 2),  # SPEC §5, should a rule enable the act (seed 002 has none, p.11)
    ],
)
def test_each_edition_names_the_signers_of_its_refusal_act(edition, servants):
    rule = act_signers(get_edition(edition))
    assert rule.count("hr") == 1
    assert rule.count("servant") == servants
    assert rule.source
    check_signers(rule, ["servant"] * servants)


def test_a_moj_2017_refusal_act_is_signed_by_hr_alone_and_refuses_witnesses():
    rule = act_signers(get_edition("moj-2017"))
    assert rule.chosen == ()
    with pytest.raises(MethodologyError) as caught:
        check_signers(rule, ["servant", "servant"])
    assert caught.value.field == "signers"


def test_a_moj_2017_refusal_to_sign_needs_the_direct_manager():
    edition = get_edition("moj-2017")
    assert has_act(edition, REFUSAL_TO_SIGN)
    assert not has_act(get_edition("almaty-2018"), REFUSAL_TO_SIGN)
    rule = act_signers(edition, REFUSAL_TO_SIGN)
    assert rule.chosen == (("direct_manager", 1),)
    check_signers(rule, ["direct_manager"])
    with pytest.raises(MethodologyError):
        check_signers(rule, [])
    with pytest.raises(MethodologyError) as caught:
        act_signers(get_edition("almaty-2018"), REFUSAL_TO_SIGN)
    assert caught.value.field == "act"


def test_a_typical_2018_act_with_one_witness_is_refused():
    with pytest.raises(MethodologyError):
        check_signers(act_signers(get_edition("almaty-2018")), ["servant"])


# --- the act in the web app ----------------------------------------------------------------------


def test_the_act_keeps_its_signers_in_order(world, with_refusal_act):
    act = _record(world, signed_diff_case(world), [world.b_staff1.pk, world.a_staff2.pk])
    assert act.witnesses == [world.b_staff1, world.a_staff2]
    assert [(s.number, s.role) for s in act.signers.all()] == [(1, "servant"), (2, "servant")]


def _case_of(world, edition):
    signed = signed_diff_case(world)
    Evaluation.objects.filter(pk=signed.pk).update(edition=edition)
    return signed


def _record(world, signed, witnesses):
    return refusal_act_record(
        actor=world.hr_staff_user, evaluation_id=signed.pk, text="Бас тартты", witnesses=witnesses
    )


@pytest.mark.parametrize(
    ("edition", "field"),
    [
        ("moj-2017", "signers"),  # p.36: HR alone, no witness taken
        ("almaty-2018", "witness_2"),  # p.41: two witnesses
    ],
)
def test_an_act_with_one_witness_is_refused_by_the_editions_rule(
    world, with_refusal_act, edition, field
):
    signed = _case_of(world, edition)
    with pytest.raises(DomainError) as caught:
        _record(world, signed, [world.a_staff2.pk])
    assert caught.value.field == field
    assert not RefusalAct.objects.exists()


def test_a_moj_2017_refusal_act_is_hrs_alone(world, with_refusal_act):
    signed = _case_of(world, "moj-2017")
    act = _record(world, signed, [])
    assert (act.hr_signer, act.witnesses) == (world.hr_staff_user, [])
    assert Evaluation.objects.get(pk=signed.pk).status == EvaluationStatus.REFUSED


# --- the service record holds any model's result ------------------------------------------------


def test_the_service_record_holds_112_points_k_of_5_and_meets(client, world):
    servant = world.a_staff1
    ServiceRecordEntry.objects.create(
        servant=servant, period="2018 Q1", method="moj", score=D("112.50"), rating="effective"
    )
    ServiceRecordEntry.objects.create(
        servant=servant,
        period="2018",
        method="kpi",
        result_kind=ResultKind.KPI_COUNT,
        score=D("4"),
        result_text="4 / 5",
        rating="good",
    )
    ServiceRecordEntry.objects.create(
        servant=servant,
        period="2018",
        method="competencies",
        result_kind=ResultKind.MEETS,
        result_text="Сәйкес келеді",
        rating="meets",
    )
    assert ServiceRecordEntry.objects.get(score=D("112.50")).score == D("112.50")
    client.force_login(world.a_staff1_user)
    page = client.get(reverse("evaluations:service_record")).content.decode()
    assert any(points in page for points in ("112.50", "112,50"))
    assert "4 / 5" in page
    assert "Сәйкес келеді" in page


def test_a_points_entry_needs_its_points(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceRecordEntry.objects.create(
            servant=world.a_staff1, period="2026", method="kpi", score=None, rating="good"
        )


# --- the schedule knows its edition's model -----------------------------------------------------


@pytest.mark.parametrize(
    ("edition", "model"),
    [("sjc-2023", "sjc2023"), ("moj-2017", "moj2017"), ("almaty-2018", "typical2018")],
)
def test_the_schedule_names_its_editions_model(edition, model):
    assert Schedule(edition=edition).model == model
