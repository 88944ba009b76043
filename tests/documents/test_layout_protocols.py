"""PDF layout of the commission's protocols (issue 13 item 10): App. 5 of the typical-2018 editions
and of moj-2017, with one, three and five servants on the agenda, each with a revision and its
reason. The conclusion goes with the signatures (never "Тексерген:" and the signer lines alone on a
page) and no page is nearly empty.

The PDFs are saved under tests/artifacts/layout-protocol-*.pdf to look at."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.urls import reverse

from bagalau.commission import services
from bagalau.evaluations.models import EvaluationStatus, Method
from tests.commission import conftest as typical
from tests.commission import moj_world
from tests.commission.conftest import case  # noqa: F401 (a fixture)
from tests.documents.test_layout import pages, save
from tests.factories import AssignmentFactory, EvaluationFactory, PositionFactory, ServantFactory

pytestmark = pytest.mark.django_db

CONCLUSION = "Комиссия қорытындысы"
CHECKED = "Тексерген:"
#: The shortest text a page may carry (the heading of a form row alone is longer).
LEAST = 200
REASON = (
    "Құжаттармен расталған екі іс-шара ескерілмеген: 2017 жылғы 16 қазандағы № 7 бұйрық және "
    "2017 жылғы 2 қарашадағы № 12 хат; нәтиже комиссияның шешімімен түзетілді"
)


def _servants(world, count: int) -> list[tuple[object, object]]:
    """`count` servants of the body's unit A with their assignments (long names and posts)."""
    made = []
    for number in range(count):
        servant = ServantFactory(
            organisation=world.org,
            last_name=f"Мұхаметжанова{number}",
            first_name="Гүлнәр",
            patronymic="Серікқызы",
        )
        position = PositionFactory(
            unit=world.unit_a,
            category="B-4",
            name_kk="Құқықтық қамтамасыз ету және мемлекеттік сатып алу бөлімінің бас маманы",
        )
        made.append((servant, AssignmentFactory(servant=servant, position=position)))
    return made


def _before_commission(world, count: int, period, method: str, edition: str, *, score: D) -> list:
    """`count` satisfactory results of `period` before the commission, of new servants."""
    return [
        EvaluationFactory(
            period=period,
            servant=servant,
            assignment=assignment,
            evaluator=world.a_head,
            method=method,
            edition=edition,
            status=EvaluationStatus.BEFORE_COMMISSION,
            score=score,
            rating="satisfactory",
        )
        for servant, assignment in _servants(world, count)
    ]


def _assert_laid_out(texts: list[str], name: str, last_row: str) -> None:
    """The conclusion, "Тексерген:" and every signer line share the last page with the last row of
    the results; no page is nearly empty."""
    assert CONCLUSION in texts[-1], (name, len(texts))
    assert CHECKED in texts[-1], (name, len(texts))
    assert last_row in texts[-1], (name, len(texts))
    for number, text in enumerate(texts, 1):
        assert len(text) >= LEAST, (name, number, len(texts), text)


def _protocol(client, user, session_id: int) -> bytes:
    client.force_login(user)
    response = client.get(reverse("documents:commission_protocol_pdf", args=[session_id]))
    assert response.status_code == 200, response.content[:300]
    return response.content


@pytest.mark.parametrize("count", [1, 3, 5])
def test_the_typical_protocol_keeps_its_conclusion_with_the_signatures(client, request, count):
    world = request.getfixturevalue("case")  # the almaty-2018 world of 2019 (tests/commission)
    evaluations = _before_commission(
        world, count, world.period, Method.KPI_COMPETENCY, "almaty-2018", score=D(3)
    )
    typical.form(world)
    session = typical.schedule(world, evaluations=evaluations)
    typical.attend(world, session, typical.ALL_PRESENT)
    for evaluation in evaluations:
        motion = services.motion_put(
            actor=world.hr_staff_user,
            session_id=session.pk,
            evaluation_id=evaluation.pk,
            kind="revise",
            revised_kpi_achieved=4,
            reason=REASON,
        )
        typical.all_for(world, motion)
    services.session_conclude(
        actor=world.hr_staff_user, session_id=session.pk, conclusion="Нәтижелер бекітілді"
    )
    for name in typical.ALL_PRESENT:
        services.protocol_sign(
            actor=getattr(world, f"{name}_user"),
            session_id=session.pk,
            signed_on=typical.SESSION_DAY,
        )
    content = _protocol(client, world.hr_staff_user, session.pk)
    save(f"protocol-typical-{count}", content)
    _assert_laid_out(pages(content), f"protocol-typical-{count}", f"Мұхаметжанова{count - 1}")


@pytest.mark.parametrize("count", [1, 3, 5])
def test_the_moj_protocol_keeps_its_conclusion_with_the_signatures(client, world, clock, count):
    w = moj_world.build(world, clock)
    evaluations = _before_commission(w, count, w.q3, Method.MOJ_QUARTER, "moj-2017", score=D(98))
    session = moj_world.schedule(w, evaluations)
    moj_world.attend(w, session)
    for evaluation in evaluations:
        moj_world.all_for(
            w,
            moj_world.put(
                w,
                session,
                evaluation,
                "revise",
                revised_score="106",
                reason=REASON,
                recommendations="Тәлімгер болуға ұсынылады",
            ),
        )
    services.session_conclude(
        actor=w.hr_staff_user, session_id=session.pk, conclusion="Нәтижелер бекітілді"
    )
    moj_world.sign_all(w, session)
    content = _protocol(client, w.hr_staff_user, session.pk)
    save(f"protocol-moj-{count}", content)
    _assert_laid_out(pages(content), f"protocol-moj-{count}", f"Мұхаметжанова{count - 1}")


LAST = "Мұхаметжанова4 Гүлнәр Серікқызы"
SIGNERS = f"{CHECKED} Комиссияның хатшысы ____ Күні: ____ " * 8


@pytest.mark.parametrize(
    "texts",
    [
        [f"{LAST} {CONCLUSION}: мәтін " * 20, SIGNERS],
        [f"{LAST} " * 20, f"{CONCLUSION}: мәтін " * 8 + SIGNERS],
        [f"{LAST} {CONCLUSION}: мәтін {CHECKED} " * 20, "Комиссия мүшесі ____"],
    ],
    ids=["signatures-alone", "conclusion-without-the-last-row", "nearly-empty-last-page"],
)
def test_the_check_refuses_a_lonely_signature_page_and_a_nearly_empty_one(texts):
    with pytest.raises(AssertionError):
        _assert_laid_out(texts, "made-up", "Мұхаметжанова4")
