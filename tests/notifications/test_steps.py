"""Every step of the issue notifies the person who must act, through the real services: plan to
draft, plan returned, sheet to fill, result to acknowledge, calibration decided, session date.
No notification carries a score."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal as D

import pytest
from django.utils import translation

from bagalau.evaluations.models import Evaluation
from bagalau.evaluations.services.schedule import period_open
from bagalau.evaluations.services.sheets import (
    evaluation_sign,
    kpi_actuals_save,
    kpi_sheet_save,
)
from bagalau.notifications.models import Notification
from bagalau.notifications.selectors import notification_text
from bagalau.plans import services as plans
from tests.calibration.conftest import SESSION_DAY, Flow, aware
from tests.evaluations.test_schedule_support import approved, quarter
from tests.evaluations.test_sheets_cases import kpi_case, rows, worked_actuals
from tests.plans.helpers import kpi_data

pytestmark = pytest.mark.django_db


def sent(kind: str) -> list[tuple[str, dict]]:
    """(username, params) of every notification of `kind`, sorted."""
    notes = Notification.objects.filter(kind=kind).select_related("recipient")
    return sorted(
        ((n.recipient.username, n.params) for n in notes),
        key=lambda item: (item[0], sorted(item[1].items())),
    )


def english(note: Notification) -> str:
    with translation.override("en"):
        return notification_text(note)


def assert_no_score(*scores: str, words: tuple[str, ...] = ()) -> None:
    """No notification names a result: neither the `scores` (with a point or a comma, not
    inside a date) nor the rating `words`, in any language."""
    patterns = [re.compile(r"(?<![\d.,])" + s.replace(".", "[.,]") + r"(?!\d)") for s in scores]
    for note in Notification.objects.all():
        assert not any("score" in key or "rating" in key for key in note.params), note.kind
        for language in ("kk", "ru", "en"):
            with translation.override(language):
                text = notification_text(note)
            assert not any(p.search(text) for p in patterns), text
            assert not any(word in text for word in words), text


# --- work plans (p.22) ---------------------------------------------------------------------------


def test_plan_to_draft_goes_to_the_evaluator(world, clock):
    clock(dt.date(2026, 1, 5))
    plans.plans_initiate(actor=world.hr_staff_user, organisation=world.org, year=2026)
    notes = {
        (n.recipient.username, n.params["servant"]): n
        for n in Notification.objects.filter(kind="plan_to_draft")
    }
    # Each manager's evaluator (the direct manager) is told, not the manager nor HR.
    assert set(notes) == {
        ("deputy", "Әлиев Арман"),  # a_head's overridden direct manager
        ("head", "Орынбасар Дана"),
        ("head", "Қасымов Бауыржан"),
        ("head", "Кадрова Гүлнар"),
    }
    note = notes[("deputy", "Әлиев Арман")]
    assert english(note) == "Draft the KPIs of Әлиев Арман's work plan for 2026 by 19.01.2026."
    assert note.url.startswith("/plans/")


def _submitted_plan(world, clock):
    """a_head's plan with 3 KPIs drafted by the deputy, agreed by HR and submitted to the
    head of the apparatus."""
    clock(dt.date(2026, 1, 5))
    plan = plans.plan_create_for_assignment(
        actor=world.hr_staff_user, assignment=world.a_head_assignment, year=2026
    )
    for number in range(3):
        plan.refresh_from_db()
        plans.kpi_add(
            actor=world.deputy_user,
            plan_id=plan.pk,
            version=plan.version,
            data=kpi_data(name=f"НМИ {number + 1}"),
        )
    plan.refresh_from_db()
    plan = plans.plan_send_to_hr(actor=world.deputy_user, plan_id=plan.pk, version=plan.version)
    return plan


def test_plan_returned_by_the_approver_goes_to_the_evaluator(world, clock):
    plan = _submitted_plan(world, clock)
    plan = plans.plan_hr_agree(actor=world.hr_staff_user, plan_id=plan.pk, version=plan.version)
    plan = plans.plan_submit(actor=world.deputy_user, plan_id=plan.pk, version=plan.version)
    plans.plan_return(
        actor=world.head_user, plan_id=plan.pk, version=plan.version, comment="Нақтылаңыз"
    )
    assert [(user, params["comment"]) for user, params in sent("plan_returned")] == [
        ("deputy", "Нақтылаңыз")
    ]
    note = Notification.objects.get(kind="plan_returned")
    assert english(note) == "The work plan of Әлиев Арман was returned: Нақтылаңыз"


def test_plan_returned_by_hr_goes_to_the_evaluator(world, clock):
    plan = _submitted_plan(world, clock)
    plans.plan_hr_return(
        actor=world.hr_staff_user, plan_id=plan.pk, version=plan.version, comment="Дереккөз"
    )
    assert [(user, params["comment"]) for user, params in sent("plan_returned")] == [
        ("deputy", "Дереккөз")
    ]


# --- evaluations (p.4-11) ------------------------------------------------------------------------


def test_sheet_to_fill_goes_to_each_evaluator_when_the_quarter_opens(world, clock):
    clock(dt.date(2026, 2, 1))
    schedule = approved(world)
    clock(dt.date(2026, 4, 1))
    period_open(actor=world.hr_staff_user, period_id=quarter(schedule, 1).pk)
    evaluations = Evaluation.objects.filter(period__schedule=schedule).select_related(
        "servant", "evaluator__user"
    )
    expected = sorted(
        (e.evaluator.user.username, e.servant.full_name)
        for e in evaluations
        if e.evaluator is not None and e.status != "not_evaluated"
    )
    assert expected  # the staff of both departments and their heads
    assert sorted((user, params["servant"]) for user, params in sent("sheet_to_fill")) == expected
    staff = Evaluation.objects.get(period__schedule=schedule, servant=world.a_staff1)
    assert staff.evaluator == world.a_head
    assert ("a_head", "Бекова Айгүл") in expected
    assert {params["due"] for _user, params in sent("sheet_to_fill")} == {"10.04.2026"}


def test_result_to_acknowledge_goes_to_the_servant_without_the_score(world, clock):
    clock(dt.date(2026, 4, 2))
    evaluation = kpi_case(world)
    kpi_actuals_save(
        actor=world.hr_staff_user,
        evaluation_id=evaluation.pk,
        version=1,
        values=worked_actuals(evaluation),
    )
    first = rows(evaluation)[0]
    kpi_sheet_save(
        actor=world.deputy_user,
        evaluation_id=evaluation.pk,
        version=2,
        scores={first.pk: D("4.90")},
        feedback="Жоспарды ерте келісуге жіберіңіз.",
    )
    clock(dt.date(2026, 4, 8))
    signed = evaluation_sign(actor=world.deputy_user, evaluation_id=evaluation.pk, version=3)
    assert str(signed.score) == "2.74"
    assert [user for user, _params in sent("result_to_acknowledge")] == ["a_head"]
    note = Notification.objects.get(kind="result_to_acknowledge")
    assert english(note).endswith("is ready: acknowledge it by 10.04.2026.")
    assert_no_score("2.74", "4.90", words=("satisfactory",))


# --- calibration (p.37-42) -----------------------------------------------------------------------


def test_calibration_decided_and_session_date_go_to_everyone_concerned(world, clock):
    flow = Flow(world, clock)
    flow.schedule()
    when = f"{SESSION_DAY:%d.%m.%Y} 10:00"
    # The servant: the session is ordered, its date and place.
    assert sent("calibration_accepted") == [
        (
            "a_staff1",
            {
                "servant": "Бекова Айгүл",
                "period": sent("calibration_accepted")[0][1]["period"],
                "when": when,
                "place": "Мәжіліс залы",
            },
        )
    ]
    # The participants and HR: the session's date; the evaluator: present at it.
    assert [(u, p["when"]) for u, p in sent("session_scheduled")] == [
        (username, when) for username in ("b_head", "b_staff1", "deputy", "hr_head", "hr_staff")
    ]
    assert [(u, p["when"]) for u, p in sent("session_to_present")] == [("a_head", when)]
    note = Notification.objects.get(kind="calibration_accepted")
    assert english(note) == (f"Your calibration session for Q1 2026 is on {when} (Мәжіліс залы).")
    assert flow.session.scheduled_for == aware(SESSION_DAY)


def test_the_adopted_score_is_not_in_the_servants_notification(world, clock):
    """The protocol sets 4.20: the servant is told to read the protocol, not the score."""
    flow = Flow(world, clock)
    flow.sign()
    note = Notification.objects.get(kind="calibration_final", recipient=world.a_staff1_user)
    assert "score" not in note.params
    assert english(note) == (
        "The calibration session adopted the final result of your evaluation for "
        "Q1 2026: see the protocol."
    )
    assert_no_score("4.20", "3.80", words=("proper", "effective"))
