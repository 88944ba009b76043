"""The demo's Almaty maslikhat apparatus (issue 10 item 9): a whole 2019 under almaty-2018, built
through the services on back-dated days (EDITIONS.md §2.2, §9 G-1), loaded once with the rest
of the demo (the module fixture of tests/demo/test_demo.py)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from bagalau.audit.models import AuditEntry
from bagalau.calibration.models import Appeal, AppealOutcome
from bagalau.commission.models import (
    CommissionSession,
    CommissionVersion,
    IntranetDispatch,
    Motion,
    SessionStatus,
    Signature,
)
from bagalau.demo.almaty import (
    ACKNOWLEDGED,
    APPEAL_DECIDED,
    PLANS_APPROVED,
    PROTOCOL_APPROVED,
    REVISED_FROM,
    REVISED_TO,
    SESSION_DAY,
)
from bagalau.demo.almaty_structure import ALMATY_LOGINS, ALMATY_NAME
from bagalau.demo.structure import PASSWORD
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    Method,
    PeriodKind,
    RefusalAct,
    Schedule,
    ServiceRecordEntry,
)
from bagalau.org.models import Organisation, Role, RoleAssignment, Servant
from bagalau.org.selectors import organisation_edition
from bagalau.plans.models import PlanStatus, WorkPlan
from bagalau.typical.models import CompetencySheet, KpiSheet, KpiSheetStatus
from tests.demo.loading import load, snapshot

ROLES = {
    "alm_head": Role.APPARATUS_HEAD,
    "alm_hr": Role.HR_HEAD,
    "alm_secretary": Role.HR,
}


def almaty() -> Organisation:
    return Organisation.objects.get(name_kk=ALMATY_NAME)


def evaluations() -> list[Evaluation]:
    return list(
        Evaluation.objects.filter(period__schedule__organisation=almaty()).select_related(
            "servant__user"
        )
    )


def evaluation_of(username: str) -> Evaluation:
    return Evaluation.objects.get(
        period__schedule__organisation=almaty(), servant__user__username=username
    )


def test_the_apparatus_its_edition_roles_and_logins(demo, client):
    org = almaty()
    assert organisation_edition(org, dt.date(2019, 12, 31)).code == "almaty-2018"
    assert Servant.objects.filter(organisation=org).count() == 10
    assert org.units.filter(parent__isnull=False).count() == 3
    roles = RoleAssignment.objects.filter(organisation=org)
    assert {r.user.username: r.role for r in roles} == ROLES
    for username, _role, _what in ALMATY_LOGINS:
        assert client.login(username=username, password=PASSWORD), username
        assert client.get("/").status_code == 200, username
        client.logout()


def test_the_almaty_logins_are_printed_with_the_others(demo_loaded):
    assert "the Almaty maslikhat's 2019 (almaty-2018)" in demo_loaded
    lines = {line.split()[0] for line in demo_loaded.splitlines() if line.startswith("  ")}
    assert {username for username, _role, _what in ALMATY_LOGINS} <= lines
    assert {"admin", "hr", "head", "servant"} <= lines


def test_the_work_plans_of_five_kpis_were_approved_in_january(demo):
    plans = WorkPlan.objects.filter(organisation=almaty(), year=2019)
    assert plans.count() == 9  # everyone but the head of the apparatus (no "B" category)
    for plan in plans:
        assert plan.status == PlanStatus.APPROVED
        assert plan.kpis.count() == 5  # p.14
        assert plan.approved_on == PLANS_APPROVED
        assert plan.approved_by.username == "alm_head"  # the superior manager or first head
        assert plan.approved_at.date() == PLANS_APPROVED  # the clock was moved back (G-1)


def test_both_sheets_of_everyone_reached_the_commission(demo):
    schedule = Schedule.objects.get(organisation=almaty())
    assert (schedule.year, schedule.edition) == (2019, "almaty-2018")
    assert list(schedule.periods.values_list("kind", flat=True)) == [PeriodKind.ANNUAL]
    kpi_sheets = KpiSheet.objects.filter(evaluation__period__schedule=schedule)
    assert kpi_sheets.count() == 9
    assert set(kpi_sheets.values_list("status", flat=True)) == {KpiSheetStatus.SENT}
    assert all(s.agreed_on and s.sent_on for s in kpi_sheets)
    competency = CompetencySheet.objects.filter(evaluation__period__schedule=schedule)
    assert competency.count() == 9
    assert all(sheet.sent_on for sheet in competency)
    refuser = competency.get(evaluation__servant__user__username="alm_org3")
    not_met = {code for code, row in refuser.results.items() if row["result"] != "meets"}
    assert not_met == {"initiative", "cooperation"}


def test_one_session_revised_one_result_on_a_tie_decided_by_the_chair(demo):
    version = CommissionVersion.objects.get(organisation=almaty())
    roles = Counter(version.seats.values_list("role", flat=True))
    assert roles == {"chair": 1, "member": 4, "secretary": 1}  # 5 voting members (p.5)
    session = CommissionSession.objects.get(organisation=almaty())
    assert (session.date, session.status) == (SESSION_DAY, SessionStatus.APPROVED)
    assert (session.approved_on, session.approved_by.username) == (PROTOCOL_APPROVED, "alm_head")
    assert session.attendance.filter(present=True).count() == 5  # 4 of 5 members + secretary
    motions = Motion.objects.filter(item__session=session)
    assert motions.count() == 9
    assert all(motion.adopted for motion in motions)
    revised = motions.get(kind="revise")
    assert revised.item.evaluation.servant.user.username == "alm_servant"
    assert (revised.votes_for, revised.votes_against) == (2, 2)
    chair_vote = revised.votes.get(seat__role="chair")
    assert chair_vote.choice == "for"
    assert revised.revised_kpi_achieved == REVISED_TO
    signers = set(Signature.objects.filter(session=session).values_list("seat__role", flat=True))
    assert signers == {"chair", "member", "secretary"}
    record = ServiceRecordEntry.objects.get(evaluation=revised.item.evaluation)
    results = revised.item.evaluation.typical_competency_sheet.results
    met = sum(1 for item in results.values() if item["result"] == "meets")
    expected = f"{REVISED_TO} / 5; {met} / {len(results)}"  # T-17: KPIs, then competencies met
    assert (record.result_text, record.score) == (expected, Decimal(REVISED_TO))
    assert evaluation_of("alm_servant").score == Decimal(REVISED_FROM)  # the manager's count


def test_familiarisation_the_refusal_act_and_the_appeal(demo):
    found = evaluations()
    assert len(found) == 9
    assert {e.method for e in found} == {Method.KPI_COMPETENCY}
    assert {e.status for e in found} == {EvaluationStatus.FINAL}
    assert {e.familiarised_on for e in found} == {ACKNOWLEDGED}
    act = RefusalAct.objects.get(evaluation__period__schedule__organisation=almaty())
    assert act.evaluation.servant.user.username == "alm_org3"
    assert len(act.witnesses) == 2
    assert act.hr_signer.username == "alm_hr"
    dispatched = IntranetDispatch.objects.get(evaluation__period__schedule__organisation=almaty())
    assert dispatched.evaluation == act.evaluation  # the SJC 2022 has its own (sjc_past)
    appeal = Appeal.objects.get(evaluation=act.evaluation)
    assert (appeal.outcome, appeal.outcome_on) == (AppealOutcome.LEFT_UNCHANGED, APPEAL_DECIDED)
    assert ServiceRecordEntry.objects.filter(evaluation__in=found).count() == 9
    approval = AuditEntry.objects.filter(object_id=str(act.evaluation.pk), action="acknowledge")
    assert not approval.exists()  # the refuser did not acknowledge


def test_loading_again_changes_nothing_and_prints_the_almaty_logins(demo):
    before = snapshot()
    output = load()
    assert "already loaded" in output
    assert "Almaty" in output
    assert "Added the Almaty" not in output
    for username, _role, _what in ALMATY_LOGINS:
        assert username in output
    assert snapshot() == before
