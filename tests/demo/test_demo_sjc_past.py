"""The demo SJC apparatus's past year (issue 10 item 9): a whole 2022 under sjc-2018, built through
the typical-2018 services on back-dated days (EDITIONS.md §3, §9 G-1), beside its demo year under
sjc-2023, loaded once with the rest of the demo (the module fixture of tests/demo/test_demo.py)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.calibration.models import Appeal, AppealOutcome
from bagalau.commission.models import CommissionSession, CommissionVersion, Motion, SessionStatus
from bagalau.demo.sjc_past import DAYS, PAST_START, PAST_YEAR, SJC_PAST_LOGINS, TEXTS
from bagalau.demo.structure import PASSWORD
from bagalau.documents.refusal_act import familiarisation_act_data
from bagalau.evaluations import models as ev
from bagalau.methodology import get_edition
from bagalau.methodology.editions import edition_workflow
from bagalau.org.models import EditionAssignment
from bagalau.org.selectors import organisation_edition
from bagalau.plans.models import PlanStatus, WorkPlan
from bagalau.typical.models import App4Row, CompetencySheet, KpiSheet, KpiSheetStatus
from tests.demo.loading import DEMO_DAY, snapshot

#: Who served in 2022 (everyone evaluated but the head of the apparatus, who has no category).
EVALUATED = 9


def schedule(org) -> ev.Schedule:
    return ev.Schedule.objects.get(organisation=org, year=PAST_YEAR)


def evaluations(org) -> list[ev.Evaluation]:
    return list(ev.Evaluation.objects.filter(period__schedule=schedule(org)))


def evaluation_of(org, username: str) -> ev.Evaluation:
    found = ev.Evaluation.objects.filter(period__schedule=schedule(org))
    return found.get(servant__user__username=username)


def session(org) -> CommissionSession:
    return CommissionSession.objects.get(organisation=org)


def test_each_year_is_governed_by_the_edition_of_its_dates(demo):
    editions = EditionAssignment.objects.filter(organisation=demo).order_by("valid_from")
    assert [(e.edition, e.valid_from) for e in editions] == [
        ("sjc-2018", dt.date(2018, 4, 3)),
        ("sjc-2023", dt.date(2023, 3, 14)),
    ]
    recorded = AuditEntry.objects.get(action="create", summary__contains="sjc-2018")
    assert recorded.actor.username == "admin"  # through edition_assign, on the plans' first day
    assert recorded.at.date() == DAYS.plans_opened
    assert organisation_edition(demo, dt.date(PAST_YEAR, 12, 31)).code == "sjc-2018"
    assert organisation_edition(demo, DAYS.session_day).code == "sjc-2018"
    assert organisation_edition(demo, DEMO_DAY).code == "sjc-2023"
    years = dict(ev.Schedule.objects.filter(organisation=demo).values_list("year", "edition"))
    assert years == {PAST_YEAR: "sjc-2018", 2026: "sjc-2023"}


def test_the_demo_year_under_sjc_2023_is_unchanged(demo):
    current = ev.Evaluation.objects.filter(
        period__schedule__organisation=demo, period__schedule__year=2026
    )
    assert ev.Method.KPI_COMPETENCY not in {e.method for e in current}
    annual = current.filter(period__kind=ev.PeriodKind.ANNUAL)
    assert annual.count() == 38
    assert not KpiSheet.objects.filter(evaluation__in=current).exists()
    plans = WorkPlan.objects.filter(organisation=demo, year=2026)
    assert plans.count() == 8  # 2 deputies and 6 department heads (sjc-2023)


def test_the_work_plans_of_2022_were_approved_in_january(demo):
    plans = WorkPlan.objects.filter(organisation=demo, year=PAST_YEAR)
    assert plans.count() == EVALUATED  # every "B" post held in 2022, staff included (p.9)
    for plan in plans:
        assert plan.status == PlanStatus.APPROVED
        assert plan.kpis.count() == len(TEXTS.kpi_themes)
        assert plan.approved_on == DAYS.plans_approved
        assert plan.approved_at.date() == DAYS.plans_approved  # the clock was moved back (G-1)
        assert plan.servant.assignments.get().start == PAST_START


def test_the_b3_posts_took_their_app4_row_and_both_sheets_reached_the_commission(demo):
    rows = App4Row.objects.filter(position__unit__organisation=demo, edition="sjc-2018")
    assert {(r.position.category, r.row) for r in rows} == {("B-3", "staff"), ("B-3", "top")}
    past = schedule(demo)
    assert list(past.periods.values_list("kind", flat=True)) == [ev.PeriodKind.ANNUAL]
    kpi_sheets = KpiSheet.objects.filter(evaluation__period__schedule=past)
    assert kpi_sheets.count() == EVALUATED
    assert set(kpi_sheets.values_list("status", flat=True)) == {KpiSheetStatus.SENT}
    competency = CompetencySheet.objects.filter(evaluation__period__schedule=past)
    assert competency.count() == EVALUATED
    assert all(sheet.sent_on == DAYS.sheets_sent for sheet in competency)
    assert competency.get(evaluation__servant__user__username="servant").tier == "staff"


def test_the_working_body_is_the_administrative_department(demo):
    workflow = edition_workflow(get_edition(schedule(demo).edition))
    assert workflow.working_body.code == "administrative_department"  # seed 000 p.5, p.34
    secretary = CommissionVersion.objects.get(organisation=demo).seats.get(role="secretary")
    assert secretary.servant.user.username == "hr"
    department = secretary.servant.assignments.get().position.unit.parent
    assert department.name_en == "Administrative department"
    act = ev.RefusalAct.objects.get(evaluation__period__schedule=schedule(demo))
    assert act.hr_signer.username == "hr_head"
    signers = familiarisation_act_data(act, language="kk")["signers"]
    assert signers[0].role == "Әкімшілік бөлім"
    assert len(signers) == 3  # the working body and two other servants (p.41)


def test_one_session_revised_one_result_on_the_chairs_vote(demo):
    version = CommissionVersion.objects.get(organisation=demo)
    assert version.order_date == DAYS.commission_formed
    seats = {seat.servant.user.username: seat.role for seat in version.seats.all()}
    assert (seats["deputy"], seats["hr"], seats["evaluator"]) == ("chair", "secretary", "member")
    assert Counter(seats.values()) == {"chair": 1, "member": 4, "secretary": 1}
    found = session(demo)
    assert (found.date, found.status) == (DAYS.session_day, SessionStatus.APPROVED)
    assert (found.approved_on, found.approved_by.username) == (DAYS.protocol_approved, "head")
    motions = Motion.objects.filter(item__session=found)
    assert motions.count() == EVALUATED
    revised = motions.get(kind="revise")
    assert revised.item.evaluation.servant.user.username == "servant"
    assert (revised.votes_for, revised.votes_against) == (2, 2)
    assert revised.revised_kpi_achieved == TEXTS.revised_to
    signed = set(found.signatures.values_list("seat__role", flat=True))
    assert signed == {"chair", "member", "secretary"}


def test_familiarisation_the_refusal_act_and_the_appeal(demo):
    found = evaluations(demo)
    assert len(found) == EVALUATED
    assert {e.method for e in found} == {ev.Method.KPI_COMPETENCY}
    assert {e.status for e in found} == {ev.EvaluationStatus.FINAL}
    assert {e.familiarised_on for e in found} == {DAYS.acknowledged}
    assert ev.ServiceRecordEntry.objects.filter(evaluation__in=found).count() == EVALUATED
    appeal = Appeal.objects.get(evaluation__period__schedule=schedule(demo))
    assert appeal.outcome == AppealOutcome.LEFT_UNCHANGED
    assert appeal.outcome_on == DAYS.appeal_decided


@pytest.mark.parametrize("username", ["head", "hr_head", "deputy", "hr", "evaluator"])
def test_the_years_pages_open_for_the_commission_and_the_working_body(
    demo,
    client,
    username,
):
    past = schedule(demo)
    period = past.periods.get()
    evaluation = evaluation_of(demo, "servant")
    pages = [
        reverse("typical:schedule", args=[past.pk]),
        reverse("typical:roster", args=[period.pk]),
        reverse("typical:evaluation", args=[evaluation.pk]),
        reverse("typical:kpi_sheet", args=[evaluation.typical_kpi_sheet.pk]),
        reverse("typical:competency_sheet", args=[evaluation.typical_competency_sheet.pk]),
        reverse("commission:session", args=[session(demo).pk]),
        reverse("commission:result", args=[evaluation.pk]),
    ]
    assert client.login(username=username, password=PASSWORD)
    for url in pages:
        assert client.get(url).status_code == 200, url
    roster = client.get(pages[1]).content.decode()
    assert evaluation.servant.last_name in roster


@pytest.mark.parametrize("username", ["participant", "s0003", "alm_head"])
def test_the_years_session_and_results_are_refused_to_others(
    demo,
    client,
    username,
):
    evaluation = evaluation_of(demo, "servant")
    assert client.login(username=username, password=PASSWORD)
    before = snapshot()
    for url in [
        reverse("typical:evaluation", args=[evaluation.pk]),
        reverse("typical:kpi_sheet", args=[evaluation.typical_kpi_sheet.pk]),
        reverse("commission:session", args=[session(demo).pk]),
        reverse("commission:result", args=[evaluation.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    roster = client.get(reverse("typical:roster", args=[evaluation.period.pk]))
    assert evaluation.servant.last_name not in roster.content.decode()
    refused = client.post(
        reverse("commission:sign", args=[session(demo).pk]), {"signed_on": "10.01.2023"}
    )
    assert refused.status_code == 404
    assert snapshot() == before


def test_the_logins_of_2022_are_printed(demo_loaded):
    assert f"the SJC apparatus's {PAST_YEAR} (sjc-2018)" in demo_loaded
    lines = [line.split(maxsplit=1) for line in demo_loaded.splitlines() if line.startswith("  ")]
    printed = {(username, rest.split("  ")[0].strip()) for username, rest in lines}
    for username, role, _what in SJC_PAST_LOGINS:
        assert (username, role) in printed
    roles = " ".join(role for _username, role, _what in SJC_PAST_LOGINS)
    for word in ("authorised person", "chair", "secretary", "member"):
        assert word in roles
