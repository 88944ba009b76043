"""A second refusal act after a revision (issue 10; EDITIONS.md §2.2 H2, I3; §9 T-15): the result
approved, refused in act № 1, appealed, the agency recommends revision, the commission revises
the result on a new session, the servant refuses again in act № 2; both acts are kept, listed and
printed, each naming the decision it refused, and no second act is drawn up on one decision."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from bagalau.commission import services
from bagalau.commission.selectors import result_view
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import EvaluationStatus, RefusalAct, ServiceRecordEntry
from tests.commission.conftest import APPEAL_DUE, DAY, decide_and_approve
from tests.documents.conftest import pdf_text

SECOND_DAY = dt.date(2020, 4, 20)
SECOND_APPROVED = dt.date(2020, 4, 21)


def refuse(world, day, signers=("b_staff1", "hr_head"), text="Бас тартты"):
    return services.commission_result_refusal_record(
        actor=world.hr_staff_user,
        evaluation_id=world.eval1.pk,
        refused_on=day,
        signers=[getattr(world, name).pk for name in signers],
        text=text,
    )


@pytest.fixture
def chain(approved):
    """Act № 1 on the decision of 05.03.2020, the appeal, the recommended revision, the new
    decision of 20.04.2020 (4 of 5 KPIs) approved on 21.04.2020."""
    approved.act1 = refuse(approved, dt.date(2020, 3, 10), text="Бірінші бас тарту")
    appeal = services.commission_appeal_record(
        actor=approved.hr_staff_user,
        evaluation_id=approved.eval1.pk,
        filed_on=APPEAL_DUE,
        authority="АМҚІА Алматы қ. департаменті",
    )
    services.commission_appeal_outcome(
        actor=approved.hr_staff_user,
        appeal_id=appeal.pk,
        outcome="recommend_revision",
        decided_on=dt.date(2020, 4, 10),
    )
    approved.session2 = decide_and_approve(
        approved, [approved.eval1], day=SECOND_DAY, approved_on=SECOND_APPROVED, kind="revise"
    )
    return approved


def test_the_revised_decision_is_refused_in_a_second_act_and_both_are_kept(chain):
    assert chain.eval1.status == EvaluationStatus.APPROVED
    act2 = refuse(chain, dt.date(2020, 4, 22), signers=("deputy", "b_head"), text="Екінші")
    assert (chain.act1.number, act2.number) == (1, 2)
    assert list(RefusalAct.objects.filter(evaluation=chain.eval1)) == [chain.act1, act2]
    chain.act1.refresh_from_db()
    assert chain.act1.text == "Бірінші бас тарту"
    assert [s.servant_id for s in chain.act1.signers.all()] == [chain.b_staff1.pk, chain.hr_head.pk]
    view = result_view(chain.eval1)
    assert view.refusals == [chain.act1, act2]
    assert view.refusal == act2
    chain.eval1.refresh_from_db()
    assert chain.eval1.status == EvaluationStatus.FINAL
    assert ServiceRecordEntry.objects.get(evaluation=chain.eval1).result_text == "4 / 5"


def test_no_second_act_on_the_same_decision(approved):
    refuse(approved, dt.date(2020, 3, 10))
    count = RefusalAct.objects.count()
    with pytest.raises(DomainError) as error:
        refuse(approved, dt.date(2020, 3, 11))
    assert error.value.field == "status"
    assert RefusalAct.objects.count() == count


def test_both_acts_are_listed_and_printed_each_with_its_decision(chain, client):
    act2 = refuse(chain, dt.date(2020, 4, 22), signers=("deputy", "b_head"), text="Екінші")
    client.force_login(chain.a_staff1_user)
    page = client.get(reverse("commission:result", args=[chain.eval1.pk])).content.decode()
    for act in (chain.act1, act2):
        assert reverse("documents:refusal_act_pdf", args=[act.pk]) in page
    first = pdf_text(client.get(reverse("documents:refusal_act_pdf", args=[chain.act1.pk])).content)
    second = pdf_text(client.get(reverse("documents:refusal_act_pdf", args=[act2.pk])).content)
    assert "№ 1" in first
    assert f"комиссияның {DAY:%d.%m.%Y} шешімі" in first
    assert chain.b_staff1.full_name in first
    assert "№ 2" in second
    assert f"комиссияның {SECOND_DAY:%d.%m.%Y} шешімі" in second
    assert chain.deputy.full_name in second
    assert chain.b_staff1.full_name not in second
    # b_staff1 signed act № 1 only: it reads that one, not the second.
    client.force_login(chain.b_staff1_user)
    assert client.get(reverse("documents:refusal_act_pdf", args=[chain.act1.pk])).status_code == 200
    assert client.get(reverse("documents:refusal_act_pdf", args=[act2.pk])).status_code == 404
    # Each decision has its extract.
    client.force_login(chain.a_staff1_user)
    for session in (chain.session, chain.session2):
        url = reverse("documents:commission_extract_pdf", args=[session.pk, chain.eval1.pk])
        assert url in page
