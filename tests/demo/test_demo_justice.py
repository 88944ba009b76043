"""The demo's territorial justice department (issue 11 item 11): its 2017 and 2018 under moj-2017
built through the services on back-dated days (seed 001; EDITIONS.md §5, §9 G-1), loaded once
with the rest of the demo (the module fixture of tests/demo/test_demo.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from bagalau.commission.models import CommissionSession, Motion
from bagalau.consequences import moj
from bagalau.consequences.models import TrainingReferral, TrainingStatus
from bagalau.demo.justice import (
    REVISED_FROM,
    REVISED_TO,
    TRAINING_DONE,
    YEAR_2017_FAMILIARISED,
)
from bagalau.demo.justice_structure import JUSTICE_LOGINS, JUSTICE_NAME
from bagalau.demo.structure import PASSWORD
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    Method,
    PeriodKind,
    RefusalAct,
    ServiceRecordEntry,
)
from bagalau.moj.models import CatalogueChoice, DisciplineRecord, QuarterSheet, WorkPlan
from bagalau.org.models import Organisation, Role, RoleAssignment, Servant
from bagalau.org.selectors import organisation_edition
from tests.demo.loading import load, snapshot


def justice() -> Organisation:
    return Organisation.objects.get(name_kk=JUSTICE_NAME)


def result(username: str, year: int, quarter: int | None) -> Evaluation:
    found = Evaluation.objects.filter(
        period__schedule__organisation=justice(),
        period__schedule__year=year,
        servant__user__username=username,
    )
    if quarter is None:
        return found.get(period__kind=PeriodKind.ANNUAL)
    return found.get(period__kind=PeriodKind.QUARTER, period__number=quarter)


def test_the_department_its_edition_roles_and_logins(demo, client):
    org = justice()
    for day in (dt.date(2017, 12, 31), dt.date(2018, 12, 31)):  # its own dates (module doc)
        assert organisation_edition(org, day).code == "moj-2017"
    assert CatalogueChoice.objects.get(organisation=org).catalogue == "territorial"  # M-20
    assert Servant.objects.filter(organisation=org).count() == 12
    assert org.units.filter(parent__isnull=False).count() == 4  # 3 units and HR
    roles = {(r.user.username, r.role) for r in RoleAssignment.objects.filter(organisation=org)}
    assert roles == {
        ("jus_head", Role.APPARATUS_HEAD),
        ("jus_hr", Role.HR_HEAD),
        ("jus_hr", Role.ADMIN),
        ("jus_secretary", Role.HR),
    }
    for username, _role, _what in JUSTICE_LOGINS:
        assert client.login(username=username, password=PASSWORD), username
        assert client.get("/").status_code == 200, username
        client.logout()


def test_the_justice_logins_are_printed_with_the_others(demo_loaded):
    assert "the justice department's 2017 and 2018 (moj-2017)" in demo_loaded
    lines = {line.split()[0] for line in demo_loaded.splitlines() if line.startswith("  ")}
    assert {username for username, _role, _what in JUSTICE_LOGINS} <= lines


def test_every_quarter_and_year_went_through_the_commission(demo):
    found = Evaluation.objects.filter(period__schedule__organisation=justice())
    assert found.count() == 11 * 8  # Q3, Q4, 2017; Q1-Q4, 2018
    assert set(found.values_list("status", flat=True)) == {EvaluationStatus.FINAL}
    assert ServiceRecordEntry.objects.filter(evaluation__in=found).count() == 11 * 8  # p.46
    plans = WorkPlan.objects.filter(servant__organisation=justice())
    assert sorted(plans.values_list("year", flat=True)) == [2017] * 11 + [2018] * 11
    sessions = CommissionSession.objects.filter(organisation=justice())
    assert sessions.count() == 8
    assert all(session.signatures.count() == 5 for session in sessions)  # 4 members, secretary


def test_the_quarter_revised_by_the_commission_with_its_explanation(demo):
    q3 = result("jus_servant", 2017, 3)
    assert (q3.method, q3.score, q3.rating) == (Method.MOJ_QUARTER, REVISED_FROM, "satisfactory")
    assert (q3.final_score, q3.final_rating) == (Decimal(REVISED_TO), "effective")  # p.35
    motion = Motion.objects.get(item__evaluation=q3)
    assert (motion.kind, motion.adopted) == ("revise", True)
    assert motion.reason
    assert ServiceRecordEntry.objects.get(evaluation=q3).score == Decimal("109.00")
    revised = Motion.objects.filter(item__session__organisation=justice(), kind="revise")
    assert revised.count() == 1
    assert q3 in moj.bonus_results(moj.approved_results(justice()))  # effective: a bonus (p.42)


def test_the_breaches_the_two_unsatisfactory_years_and_the_training(demo):
    breaches = DisciplineRecord.objects.filter(servant__user__username="jus_alert")
    assert sorted((b.kind, b.source) for b in breaches) == [("labour", "hr")] * 2
    assert result("jus_alert", 2017, 3).final_score == Decimal(98)  # 100 - 2 (p.22)
    assert result("jus_alert", 2018, 2).final_score == Decimal(98)
    for year in (2017, 2018):
        annual = result("jus_alert", year, None)
        assert (annual.final_score, annual.final_rating) == (Decimal("2.7"), "unsatisfactory")
    referral = TrainingReferral.objects.get(evaluation=result("jus_alert", 2017, None))
    assert (referral.status, referral.done_on) == (TrainingStatus.DONE, TRAINING_DONE)
    overview = moj.overview(justice())
    [alert] = overview.alerts
    assert (alert.servant.user.username, alert.year, alert.resolved) == ("jus_alert", 2018, False)
    due = [r for r in overview.referrals if r.status == TrainingStatus.DUE]
    assert [r.result for r in due] == [result("jus_alert", 2018, None)]


def test_the_two_refusal_acts(demo):
    sheet = QuarterSheet.objects.get(
        evaluation__period__schedule__organisation=justice(), refused_on__isnull=False
    )
    assert sheet.evaluation.servant.user.username == "jus_aware2"
    assert sheet.refusal_drawn_up_by.username == "jus_secretary"  # the HR servant (p.25)
    assert sheet.refusal_manager.user.username == "jus_member"  # the direct manager co-signs
    act = RefusalAct.objects.get(evaluation__period__schedule__organisation=justice())
    assert act.evaluation == result("jus_reg2", 2017, None)  # the year's familiarisation (p.36)
    assert act.hr_signer.username == "jus_hr"
    assert act.evaluation.familiarised_on == YEAR_2017_FAMILIARISED


def test_hr_sees_the_alert_a_servant_neither_sees_it_nor_refers(demo, client):
    page = reverse("consequences:moj")
    client.login(username="jus_hr", password=PASSWORD)
    html = client.get(page).content.decode()
    assert 'data-testid="alert-decide"' in html  # the decision is HR's and still open
    client.logout()
    client.login(username="jus_servant", password=PASSWORD)
    html = client.get(page).content.decode()
    assert 'data-testid="alert-row"' not in html  # only their own flags
    annual = result("jus_alert", 2018, None)
    before = TrainingReferral.objects.count()
    url = reverse("consequences:moj_referral", args=[annual.pk])
    refused = client.post(url, {"step": "refer", "directions": "x", "referred_on": "2019-01-10"})
    assert refused.status_code in (403, 404)
    assert TrainingReferral.objects.count() == before


def test_loading_again_changes_nothing_and_prints_the_justice_logins(demo):
    before = snapshot()
    output = load()
    assert "already loaded" in output
    assert "Added the justice" not in output
    for username, _role, _what in JUSTICE_LOGINS:
        assert username in output
    assert snapshot() == before
