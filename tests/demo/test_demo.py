"""The demo (`manage.py demo`): a fictional apparatus of about 40 servants in 6 departments and its
year of evaluations, built through the services as of the day it is run."""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections import Counter
from decimal import Decimal

import pytest
from django.utils import timezone

from bagalau.calibration.models import (
    ApplicationStatus,
    FeedbackMeeting,
    ScoreChange,
    Session,
    SessionStatus,
    VoteChoice,
)
from bagalau.calibration.services import session_vote
from bagalau.core import clock as clock_module
from bagalau.demo.clock import clock_at, moment_of
from bagalau.demo.history import demo_year, story_complete_on
from bagalau.demo.structure import LOGINS, PASSWORD
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    KpiResult,
    Method,
    Period,
    PeriodKind,
    PeriodStatus,
    RefusalAct,
    Schedule,
    ScheduleStatus,
    ServiceRecordEntry,
)
from bagalau.evaluations.selectors.quarter_roster import computed_roster
from bagalau.methodology import get_edition, sjc2023_rules
from bagalau.methodology.sjc2023 import differentiation_score, return_from_absence_due
from bagalau.org.models import Role, RoleAssignment, Servant, Unit
from bagalau.org.selectors import direct_manager, work_calendar
from bagalau.plans.models import Direction, Kpi, PlanStatus, WorkPlan
from bagalau.workcalendar import WorkCalendar
from tests.demo.loading import DEMO_DAY, load, snapshot

RULES = sjc2023_rules(get_edition("sjc-2023"))


def quarter(number: int, year: int = 2026) -> Period:
    return Period.objects.get(schedule__year=year, kind=PeriodKind.QUARTER, number=number)


def servant(username: str) -> Servant:
    return Servant.objects.get(user__username=username)


# --- the year the demo shows ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (dt.date(2026, 1, 5), 2025),  # before Q1 ends: last year
        (dt.date(2026, 7, 15), 2025),  # Q3 not evaluated yet: last year
        (dt.date(2026, 10, 22), 2025),  # the Q3 session is held today
        (dt.date(2026, 10, 23), 2026),
        (DEMO_DAY, 2026),
        (dt.date(2026, 12, 31), 2026),
    ],
)
def test_the_demo_year_is_this_year_once_its_q3_story_is_over(today, year):
    assert story_complete_on(WorkCalendar(), 2026) == dt.date(2026, 10, 22)
    assert demo_year(today) == year


def test_clock_at_moves_the_clocks_and_always_puts_them_back():
    before = (clock_module.now, clock_module.today, timezone.now)
    moment = moment_of(dt.date(2026, 4, 3), 15, 30)
    with clock_at(moment):
        assert clock_module.now() == moment
        assert clock_module.today() == dt.date(2026, 4, 3)
        assert timezone.now() == moment
    assert (clock_module.now, clock_module.today, timezone.now) == before
    with pytest.raises(RuntimeError), clock_at(moment):
        raise RuntimeError("a step failed")
    assert (clock_module.now, clock_module.today, timezone.now) == before


# --- the demo as of 24 November 2026 -------------------------------------------------------------


def test_last_years_360_survey_is_loaded_when_its_module_is_there(demo_loaded):
    available = importlib.util.find_spec("bagalau.demo.survey360") is not None
    assert ("with last year's 360 survey" in demo_loaded) == available


def test_structure_logins_and_roles(demo, client):
    departments = Unit.objects.filter(
        organisation=demo, parent__parent__isnull=True, parent__isnull=False
    )
    assert departments.count() == 6
    assert 38 <= Servant.objects.filter(organisation=demo).count() <= 45
    assert set(RoleAssignment.objects.values_list("role", flat=True)) == {
        Role.APPARATUS_HEAD,
        Role.HR_HEAD,
        Role.HR,
        Role.ADMIN,
    }
    assert len({username for username, _role, _what in LOGINS}) == len(LOGINS)
    for username, _role, _what in LOGINS:
        assert client.login(username=username, password=PASSWORD), username
        assert client.get("/").status_code == 200, username
        client.logout()
    assert direct_manager(servant("servant"), DEMO_DAY) == servant("evaluator")


def test_schedule_and_work_plans(demo):
    schedule = Schedule.objects.get(organisation=demo, edition="sjc-2023")  # 2022: sjc-2018
    assert (schedule.year, schedule.status) == (2026, ScheduleStatus.APPROVED)
    assert schedule.approved_by.username == "head"
    kinds = Counter(schedule.periods.values_list("kind", flat=True))
    assert kinds == {PeriodKind.QUARTER: 4, PeriodKind.ANNUAL: 1, PeriodKind.SURVEY360: 1}
    annual = schedule.periods.get(kind=PeriodKind.ANNUAL)
    # Computed by HR once Q3 was final: every annual result is provisional (p.4), Q4 to come.
    assert annual.evaluations.count() == 38
    assert set(annual.evaluations.values_list("status", flat=True)) == {"provisional"}
    plans = WorkPlan.objects.filter(organisation=demo, year=2026)
    assert plans.count() == 8  # 2 deputies and 6 department heads
    for plan in plans:
        assert plan.status == PlanStatus.POSTED
        assert 3 <= plan.kpis.count() <= 5
        assert plan.approved_at.date() <= plan.draft_due  # within the 10 working days (p.22)
        assert plan.posted_at.date() <= plan.posting_due
    assert plans.filter(return_comment__gt="").count() == 1  # returned once by HR, corrected
    kpis = Kpi.objects.filter(plan__in=plans)
    assert set(kpis.values_list("direction", flat=True)) == set(Direction.values)
    assert kpis.filter(source__contains="корпусы қызметшісі келісімінің").exists()
    deputy_plan = plans.get(servant__user__username="deputy")
    assert deputy_plan.evaluator.user.username == "head"
    evaluator_plan = plans.get(servant__user__username="evaluator")
    assert evaluator_plan.evaluator.user.username == "deputy"
    assert evaluator_plan.approver.user.username == "head"


def test_q1_to_q3_results(demo):
    absent, applicant = servant("absent"), servant("servant")
    ratings: Counter[str] = Counter()
    for number in (1, 2, 3):
        period = quarter(number)
        evaluations = Evaluation.objects.filter(period=period)
        assert evaluations.count() == 38  # everyone in a "B" post (not the head of the apparatus)
        open_ones = set(evaluations.exclude(status=EvaluationStatus.FINAL).values_list("servant"))
        assert open_ones == (set() if number < 3 else {(absent.pk,), (applicant.pk,)})
        assert period.status == (PeriodStatus.CLOSED if number < 3 else PeriodStatus.OPEN)
        for evaluation in evaluations.filter(status=EvaluationStatus.FINAL):
            entry = ServiceRecordEntry.objects.get(evaluation=evaluation)
            assert (entry.score, entry.rating) == (evaluation.final_score, evaluation.final_rating)
            assert evaluation.signed_at.date() <= period.deadline
            ratings[evaluation.final_rating] += 1
            if evaluation.method == Method.DIFFERENTIATION:
                scores = dict(evaluation.parameter_scores.values_list("parameter", "score"))
                assert differentiation_score(RULES, scores).score == evaluation.score
                assert all(p.justification for p in evaluation.parameter_scores.all())
    assert set(ratings) == {"effective", "proper", "satisfactory", "unsatisfactory"}
    assert ratings["unsatisfactory"] == 1
    assert ratings["satisfactory"] >= 3
    managers = Evaluation.objects.filter(period__schedule__organisation=demo, method=Method.KPI)
    assert set(managers.exclude(rating="").values_list("rating", flat=True)) >= {
        "effective",
        "proper",
        "satisfactory",
    }


def test_who_evaluates_whom_follows_the_category_and_the_structure(demo):
    """Issue 15 item 7 (seed 002 p.2(4), p.21, p.28-29): only B-1 posts are evaluated by KPI; the
    HR sector's B-3 head and its expert are staff, evaluated by the Administrative department's
    B-1 head, not by the sector head."""
    admin_head = Servant.objects.get(
        assignments__position__unit__name_kk="Әкімшілік бөлімі",
        assignments__position__heads_unit=True,
    )
    for number in (1, 2, 3):
        for username in ("hr_head", "hr"):
            evaluation = Evaluation.objects.get(period=quarter(number), servant=servant(username))
            assert (evaluation.method, evaluation.evaluator) == (Method.DIFFERENTIATION, admin_head)
    evaluations = Evaluation.objects.filter(
        period__schedule__organisation=demo, period__schedule__year=2026
    )
    kpi = evaluations.filter(method=Method.KPI)
    assert set(kpi.values_list("assignment__position__category", flat=True)) == {"B-1"}
    staff = evaluations.filter(method=Method.DIFFERENTIATION)
    assert "B-1" not in set(staff.values_list("assignment__position__category", flat=True))
    # every staff evaluator holds a B-1 post: a department head, or the deputy acting for one
    assert set(staff.values_list("evaluator__assignments__position__category", flat=True)) == {
        "B-1"
    }


def test_kpi_sheets_use_varied_actual_values(demo):
    rows = KpiResult.objects.filter(evaluation__status=EvaluationStatus.FINAL)
    assert rows.filter(percent__gt=100).exists()
    assert rows.filter(percent__lt=100).exists()
    assert rows.filter(kpi__direction=Direction.DECREASE, percent__isnull=False).exists()
    assert rows.filter(kpi__direction=Direction.BINARY, actual_achieved=True).exists()
    for row in rows:
        assert row.allowed_min <= row.score <= row.allowed_max
    chosen = [row for row in rows if row.score != row.proposed]
    assert 1 <= len(chosen) < len(rows) // 4  # mostly the proposal


def test_a_result_not_acknowledged_was_made_known_through_the_system(demo):
    # seed 002 has none (p.11); the Almaty apparatus (seed 004 p.41) and the apparatus's 2022
    # under sjc-2018 (seed 000 p.41) have one
    current = RefusalAct.objects.filter(evaluation__period__schedule__organisation=demo)
    assert not current.filter(evaluation__period__schedule__year=2026).exists()
    made_known = Evaluation.objects.get(
        familiarised_on__isnull=False, acknowledged_at__isnull=True, method=Method.DIFFERENTIATION
    )
    assert made_known.period == quarter(1)
    assert made_known.status == EvaluationStatus.FINAL
    assert made_known.familiarised_on == made_known.familiarisation_due
    assert ServiceRecordEntry.objects.filter(evaluation=made_known).exists()


def test_the_annual_result_waits_for_the_quarter_under_calibration(demo):
    """The "servant" login: Q1 and Q2 final, Q3 under calibration counted with the evaluator's
    score, Q4 under way: the annual result is their mean so far, provisional (p.4)."""
    from bagalau.evaluations.selectors.annual import annual_quarters, standing_of
    from bagalau.methodology.sjc2023 import annual_score

    applicant = servant("servant")
    annual = Evaluation.objects.get(servant=applicant, method=Method.ANNUAL)
    quarters = {
        e.period.number: e
        for e in Evaluation.objects.filter(servant=applicant, period__kind=PeriodKind.QUARTER)
    }
    assert quarters[3].status == EvaluationStatus.CALIBRATION
    standing = [quarters[1].final_score, quarters[2].final_score, quarters[3].score, None]
    expected = annual_score(RULES, standing)
    assert (annual.score, annual.rating) == (expected.score, expected.rating.code)
    assert annual.status == EvaluationStatus.PROVISIONAL
    assert standing_of(annual).waiting == (3, 4)
    lines = annual_quarters(applicant.user, annual)
    assert [line.state for line in lines] == ["final", "final", "counted", "awaited"]


def test_one_completed_calibration_with_two_rounds(demo):
    session = Session.objects.get(status=SessionStatus.CLOSED)
    evaluation = session.application.evaluation
    assert evaluation.period == quarter(2)
    assert 3 <= session.participants.count() <= 5
    assert session.round == 2
    first = list(session.votes.filter(round=1).values_list("score", flat=True))
    assert len(first) == session.participants.count()
    assert max(Counter(first).values()) * 2 <= len(first)  # no majority
    assert session.final_score > evaluation.score
    assert (evaluation.status, evaluation.final_score) == (EvaluationStatus.FINAL, Decimal("3.00"))
    change = ScoreChange.objects.get(evaluation=evaluation)
    assert (change.old_rating, change.new_rating) == ("satisfactory", "proper")
    assert session.protocol_signed_by.username == "hr_head"
    assert session.protocol_posted_at.date() <= session.protocol_posting_due
    assert FeedbackMeeting.objects.filter(session=session).exists()


def test_one_calibration_in_progress_with_the_participants_vote_open(demo):
    in_progress = Session.objects.exclude(status=SessionStatus.CLOSED)
    assert in_progress.count() == 1
    session = in_progress.get()
    application = session.application
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.evaluation.period == quarter(3)
    assert application.evaluation.servant == servant("servant")
    assert application.evaluation.status == EvaluationStatus.CALIBRATION
    assert session.status == SessionStatus.PRESENTED
    assert timezone.localdate(session.scheduled_for) <= application.session_due
    participants = set(session.participants.values_list("username", flat=True))
    assert "participant" in participants
    voted = set(session.votes.values_list("voter__username", flat=True))
    assert voted == participants - {"participant"}


def test_the_participants_vote_decides_the_session(demo):
    session = Session.objects.exclude(status=SessionStatus.CLOSED).get()
    participant = servant("participant").user
    session_vote(actor=participant, session_id=session.pk, choice=VoteChoice.KEEP)
    session.refresh_from_db()
    assert session.status == SessionStatus.DECIDED
    assert session.final_score == session.application.evaluation.score  # 2 of 3 kept it


def test_the_absent_manager_is_deferred(demo):
    absent = servant("absent")
    deferred = Evaluation.objects.get(status=EvaluationStatus.DEFERRED)
    assert (deferred.servant, deferred.method, deferred.reason) == (absent, Method.KPI, "absent")
    assert deferred.period == quarter(3)
    absence = absent.absences.get()
    assert absence.start <= dt.date(2026, 9, 30)
    assert absence.end > DEMO_DAY
    due = return_from_absence_due(RULES, work_calendar(), absence.end)
    assert deferred.due_date == due > DEMO_DAY
    assert all(
        row.actual_value is not None or row.actual_achieved is not None
        for row in deferred.kpi_results.all()
    )


def test_the_newcomer_has_no_plan_and_is_not_evaluated(demo):
    newcomer = servant("newcomer")
    assignment = newcomer.assignments.get()
    assert DEMO_DAY - dt.timedelta(weeks=4) <= assignment.start <= DEMO_DAY
    assert assignment.position.is_manager
    assert not WorkPlan.objects.filter(servant=newcomer).exists()
    assert not Evaluation.objects.filter(servant=newcomer).exists()
    q4 = quarter(4)
    assert (q4.status, q4.ends > DEMO_DAY) == (PeriodStatus.SCHEDULED, True)
    row = next(r for r in computed_roster(q4) if r.servant == newcomer)
    assert (row.reason, row.evaluated) == ("too_short", False)


def test_loading_twice_changes_nothing(demo):
    before = snapshot()
    output = load()
    assert "already loaded" in output
    for username, _role, _what in LOGINS:
        assert username in output
    assert snapshot() == before


def test_one_q1_sheet_was_held_on_paper_and_entered_by_the_head_of_hr(demo):
    """seed 002 p.3, p.29: the international department's first staff member, Q1."""
    from bagalau.evaluations.models import PaperEntry

    entry = PaperEntry.objects.select_related("evaluation__period").get()
    evaluation = entry.evaluation
    assert evaluation.period == quarter(1)
    assert evaluation.method == Method.DIFFERENTIATION
    assert evaluation.status == EvaluationStatus.FINAL
    assert entry.entered_by.username == "hr_head"
    assert entry.signed_on == timezone.localtime(entry.entered_at).date()
    assert evaluation.signed_at.date() <= evaluation.period.deadline
    assert entry.scan_type == "image/png"
    with entry.scan.open("rb") as scan:
        assert scan.read(8) == b"\x89PNG\r\n\x1a\n"
    scores = dict(evaluation.parameter_scores.values_list("parameter", "score"))
    assert differentiation_score(RULES, scores).score == evaluation.score


def test_hr_recorded_an_encouragement_citing_the_best_q1_result(demo):
    """seed 002 p.8: the register of decisions; p.17(3): the KPI sheets carry feedback."""
    from bagalau.consequences.models import Decision
    from bagalau.evaluations.models import Evaluation

    decision = Decision.objects.select_related("evaluation__period").get()
    assert (decision.kind, decision.rating) == ("encouragement", "effective")
    assert decision.evaluation.period == quarter(1)
    assert decision.evaluation.status == EvaluationStatus.FINAL
    best = max(
        Evaluation.objects.filter(period=quarter(1), status=EvaluationStatus.FINAL),
        key=lambda e: (e.result_score, -e.pk),
    )
    assert decision.evaluation == best
    assert decision.recorded_by.username == "hr"
    signed_kpi = Evaluation.objects.filter(method=Method.KPI, signed_at__isnull=False)
    assert signed_kpi.exists()
    assert all(e.feedback for e in signed_kpi if not hasattr(e, "paper_entry"))
