"""The moj-2017 schedule pages and services (seed 001 p.3, p.14; EDITIONS.md §5.2 C1, C2, §9 M-4):
HR draws up the year, records the chair's consent, opens a quarter only after it, and sends the
notice with the blank sheets; every page's permission matrix, and a refusal changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    PeriodStatus,
    Schedule,
    ScheduleStatus,
)
from bagalau.moj.models import CatalogueChoice, PeriodNotice, ScheduleConsent
from bagalau.moj.services.consent import moj_quarter_open, moj_schedule_record_consent
from bagalau.moj.services.notice import moj_notice_send
from bagalau.moj.services.schedule import moj_schedule_draft
from bagalau.notifications.models import Notification
from bagalau.org.models import Role
from tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory
from tests.moj.test_api import EVERYONE

pytestmark = pytest.mark.django_db

#: Everyone of the world, and the HR servant of another organisation (out of scope).
PEOPLE = [*EVERYONE, "other_hr"]
CONSENT = {"chair_name": "Төраға Т.", "agreed_on": "2017-12-01", "reference": "№ 12"}


@pytest.fixture
def mj(mw):
    """The moj world with the HR servant of another organisation."""
    mw.other_hr_user = UserFactory(username="other_hr")
    RoleAssignmentFactory(user=mw.other_hr_user, organisation=OrganisationFactory(), role=Role.HR)
    return mw


def client(w, who) -> Client:
    c = Client()
    if who is not None:
        c.force_login(getattr(w, f"{who}_user"))
    return c


def drafted(w) -> Schedule:
    return moj_schedule_draft(actor=w.hr_staff_user, organisation=w.org, year=2017)


def in_force(w) -> Schedule:
    schedule = drafted(w)
    moj_schedule_record_consent(
        actor=w.hr_staff_user,
        schedule_id=schedule.pk,
        chair_name="Төраға Т.",
        agreed_on=dt.date(2017, 11, 1),
    )
    return schedule


def opened_q4(w):
    period = in_force(w).periods.get(number=4)
    moj_quarter_open(actor=w.hr_staff_user, period_id=period.pk)
    period.refresh_from_db()
    return period


# --- the chair's consent and the opening (C1) ---------------------------------------------------


def test_the_consent_puts_the_schedule_in_force_and_is_audited(mj):
    schedule = drafted(mj)
    consent = moj_schedule_record_consent(
        actor=mj.hr_head_user,
        schedule_id=schedule.pk,
        chair_name="  Төраға Т. ",
        agreed_on=dt.date(2017, 12, 1),
        reference="№ 12",
    )
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.APPROVED
    assert (consent.chair_name, consent.agreed_on) == ("Төраға Т.", dt.date(2017, 12, 1))
    entry = AuditEntry.objects.get(action="approve")
    assert entry.changes["chair"] == [None, "Төраға Т."]


@pytest.mark.parametrize(
    ("chair", "day", "field"),
    [("  ", dt.date(2017, 12, 1), "chair_name"), ("Төраға", dt.date(2017, 12, 21), "agreed_on")],
)
def test_a_bad_consent_is_refused_naming_the_field(mj, chair, day, field):
    schedule = drafted(mj)
    with pytest.raises(DomainError) as error:
        moj_schedule_record_consent(
            actor=mj.hr_staff_user, schedule_id=schedule.pk, chair_name=chair, agreed_on=day
        )
    assert error.value.field == field
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.DRAFT
    assert not ScheduleConsent.objects.exists()


def test_a_second_consent_is_refused(mj):
    schedule = in_force(mj)
    with pytest.raises(DomainError):
        moj_schedule_record_consent(
            actor=mj.hr_staff_user,
            schedule_id=schedule.pk,
            chair_name="Басқа",
            agreed_on=dt.date(2017, 12, 2),
        )
    assert ScheduleConsent.objects.get().chair_name == "Төраға Т."


@pytest.mark.parametrize(
    ("who", "error"),
    [("b_head", PermissionDenied), ("head", PermissionDenied), ("other_hr", Http404)],
)
def test_only_its_hr_records_the_consent(mj, who, error):
    schedule = drafted(mj)
    with pytest.raises(error):
        moj_schedule_record_consent(
            actor=getattr(mj, f"{who}_user"),
            schedule_id=schedule.pk,
            chair_name="X",
            agreed_on=dt.date(2017, 12, 1),
        )
    assert not ScheduleConsent.objects.exists()


def test_a_quarter_does_not_open_before_the_consent(mj):
    period = drafted(mj).periods.get(number=4)
    with pytest.raises(DomainError) as error:
        moj_quarter_open(actor=mj.hr_staff_user, period_id=period.pk)
    assert error.value.field == "schedule"
    period.refresh_from_db()
    assert period.status == PeriodStatus.SCHEDULED
    assert not Evaluation.objects.exists()


# --- the notice (C2) ----------------------------------------------------------------------------


def test_the_notice_goes_to_the_evaluatees_and_their_evaluators_once(mj):
    """Q4 2017's planned date is 10 December: the notice is due 10 calendar days before, on
    30 November; sent on 20 December it is 20 calendar days late. The not-evaluated servant is
    not told; the deferred one is."""
    from bagalau.org.models import Absence, AbsenceKind, Assignment

    Absence.objects.create(
        servant=mj.a_staff1,
        kind=AbsenceKind.SICK_LEAVE,
        start=dt.date(2017, 12, 4),
        end=dt.date(2017, 12, 15),
    )
    Assignment.objects.filter(servant=mj.hr_staff).update(start=dt.date(2017, 10, 1))
    period = opened_q4(mj)
    statuses = dict(Evaluation.objects.filter(period=period).values_list("servant_id", "status"))
    assert statuses[mj.hr_staff.pk] == EvaluationStatus.NOT_EVALUATED
    assert statuses[mj.a_staff1.pk] == EvaluationStatus.DEFERRED
    sent = moj_notice_send(actor=mj.hr_staff_user, period_id=period.pk)
    notice = PeriodNotice.objects.get(period=period)
    assert (notice.due, notice.sent_on, notice.late_by) == (
        dt.date(2017, 11, 30),
        dt.date(2017, 12, 20),
        20,
    )
    told = {
        (n.recipient.username, n.kind)
        for n in Notification.objects.filter(kind__startswith="moj_notice")
    }
    # deputy, a_head, a_staff1, a_staff2, b_head, b_staff1, hr_head are evaluated; their direct
    # managers by the structure: head, head, a_head (twice), head, b_head, head.
    servants = {"deputy", "a_head", "a_staff1", "a_staff2", "b_head", "b_staff1", "hr_head"}
    evaluators = {"head", "a_head", "b_head"}
    assert told == {(s, "moj_notice_servant") for s in servants} | {
        (e, "moj_notice_evaluator") for e in evaluators
    }
    assert sent.sent == 14 == notice.recipients
    assert Notification.objects.filter(recipient=mj.hr_staff_user).count() == 0
    note = Notification.objects.get(recipient=mj.b_staff1_user)
    assert note.url == reverse("moj:notice", args=[period.pk])
    assert note.params["due"] == "10.12.2017"
    again = moj_notice_send(actor=mj.hr_head_user, period_id=period.pk)
    assert again.sent == 0
    assert Notification.objects.filter(kind__startswith="moj_notice").count() == 14
    assert PeriodNotice.objects.count() == 1
    assert AuditEntry.objects.filter(action="notify").count() == 1


def test_a_notice_in_time_is_not_late(mj, clock):
    clock(dt.date(2017, 11, 30))
    period = opened_q4(mj)
    assert moj_notice_send(actor=mj.hr_staff_user, period_id=period.pk).notice.late_by == 0


def test_the_notice_of_a_quarter_not_opened_is_refused(mj):
    period = in_force(mj).periods.get(number=4)
    with pytest.raises(DomainError) as error:
        moj_notice_send(actor=mj.hr_staff_user, period_id=period.pk)
    assert error.value.field == "period"
    assert not PeriodNotice.objects.exists()


# --- the pages: permission matrices ------------------------------------------------------------

#: The page works in the viewer's own organisation: another organisation's HR servant drafts
#: there, where no quarter is evaluated under moj-2017 (400), and never in this one.
NEW_PAGE = {who: 403 for who in PEOPLE} | {"hr_staff": 200, "hr_head": 200, "other_hr": 200}
NEW_POST = {who: 403 for who in PEOPLE} | {"hr_staff": 302, "hr_head": 302, "other_hr": 400}


@pytest.mark.parametrize("who", PEOPLE)
def test_the_draw_up_page_matrix(mj, who):
    url = reverse("moj:schedule_new")
    assert client(mj, who).get(f"{url}?year=2017").status_code == NEW_PAGE[who]
    answer = client(mj, who).post(url, {"year": "2017", "q4_cutoff": "2017-12-05"})
    assert answer.status_code == NEW_POST[who]
    assert Schedule.objects.filter(organisation=mj.org).exists() is (NEW_POST[who] == 302)
    if answer.status_code == 302:
        schedule = Schedule.objects.get()
        assert answer["Location"] == reverse("moj:schedule", args=[schedule.pk])
        assert schedule.periods.get(number=4).ends == dt.date(2017, 12, 5)


def test_anonymous_is_sent_to_log_in(mj):
    schedule = drafted(mj)
    period = schedule.periods.get(number=4)
    for url in [
        reverse("moj:schedule_new"),
        reverse("moj:schedule", args=[schedule.pk]),
        reverse("moj:period", args=[period.pk]),
        reverse("moj:notice", args=[period.pk]),
    ]:
        assert client(mj, None).get(url).status_code == 302
    for url in [
        reverse("moj:schedule_consent", args=[schedule.pk]),
        reverse("moj:period_open", args=[period.pk]),
        reverse("moj:notice_send", args=[period.pk]),
    ]:
        assert client(mj, None).post(url, CONSENT).status_code == 302
    assert schedule.periods.filter(status=PeriodStatus.OPEN).count() == 0
    assert not ScheduleConsent.objects.exists()


@pytest.mark.parametrize(
    ("year", "cutoff", "field"),
    [("2017", "2017-12-11", "q4_cutoff"), ("2016", "", "year"), ("20x7", "", "year")],
)
def test_bad_draw_up_input_is_shown_and_writes_nothing(mj, year, cutoff, field):
    answer = client(mj, "hr_staff").post(
        reverse("moj:schedule_new"), {"year": year, "q4_cutoff": cutoff}
    )
    assert answer.status_code == 400
    assert b'data-testid="schedule-error"' in answer.content
    assert not Schedule.objects.exists()


def test_drawing_up_twice_is_refused_on_the_page(mj):
    drafted(mj)
    answer = client(mj, "hr_staff").post(reverse("moj:schedule_new"), {"year": "2017"})
    assert answer.status_code == 400
    assert b"already an evaluation schedule" in answer.content
    assert Schedule.objects.count() == 1


SCHEDULE_PAGE = {who: 200 for who in EVERYONE} | {"outsider": 404, "other_hr": 404}
CONSENT_POST = {who: 403 for who in PEOPLE} | {
    "hr_staff": 302,
    "hr_head": 302,
    "outsider": 404,
    "other_hr": 404,
}


@pytest.mark.parametrize("who", PEOPLE)
def test_the_schedule_page_and_consent_matrix(mj, who):
    schedule = drafted(mj)
    page = client(mj, who).get(reverse("moj:schedule", args=[schedule.pk]))
    assert page.status_code == SCHEDULE_PAGE[who]
    if page.status_code == 200:
        text = page.content.decode()
        # Q3 and Q4 (moj-2017 from 24 July) and the year (December under moj-2017)
        assert text.count('data-testid="period-') == 3
        assert "30.11.2017" in text  # Q4's notice due: 10 December − 10 calendar days
        assert ('data-testid="record-consent"' in text) is (who in ("hr_staff", "hr_head"))
    url = reverse("moj:schedule_consent", args=[schedule.pk])
    assert client(mj, who).post(url, CONSENT).status_code == CONSENT_POST[who]
    schedule.refresh_from_db()
    in_force_now = CONSENT_POST[who] == 302
    assert (schedule.status == ScheduleStatus.APPROVED) is in_force_now
    assert ScheduleConsent.objects.exists() is in_force_now


def test_a_bad_consent_is_shown_on_the_page(mj):
    schedule = drafted(mj)
    answer = client(mj, "hr_staff").post(
        reverse("moj:schedule_consent", args=[schedule.pk]),
        {"chair_name": "Төраға", "agreed_on": "2018-01-01"},
    )
    assert answer.status_code == 400
    assert b'data-testid="consent-error"' in answer.content
    assert not ScheduleConsent.objects.exists()


OPEN_POST = {who: 403 for who in PEOPLE} | {
    "hr_staff": 302,
    "hr_head": 302,
    "outsider": 404,
    "other_hr": 404,
}


@pytest.mark.parametrize("who", PEOPLE)
def test_the_open_matrix(mj, who):
    period = in_force(mj).periods.get(number=4)
    answer = client(mj, who).post(reverse("moj:period_open", args=[period.pk]))
    assert answer.status_code == OPEN_POST[who]
    period.refresh_from_db()
    assert (period.status == PeriodStatus.OPEN) is (OPEN_POST[who] == 302)
    assert Evaluation.objects.exists() is (OPEN_POST[who] == 302)


def test_opening_before_the_consent_shows_the_error(mj):
    schedule = drafted(mj)
    period = schedule.periods.get(number=4)
    c = client(mj, "hr_staff")
    answer = c.post(reverse("moj:period_open", args=[period.pk]), follow=True)
    assert b"Record the commission chair" in answer.content
    assert not Evaluation.objects.exists()
    assert (
        'data-testid="open-'
        not in c.get(reverse("moj:schedule", args=[schedule.pk])).content.decode()
    )


#: HR and the head of the apparatus see every row, a direct manager his own rows.
ROSTER_PAGE = {who: 403 for who in PEOPLE} | {
    "hr_staff": 200,
    "hr_head": 200,
    "head": 200,
    "b_head": 200,
    "a_head": 200,
    "outsider": 404,
    "other_hr": 404,
}
NOTICE_PAGE = {who: 200 for who in EVERYONE} | {"outsider": 404, "other_hr": 404}
NOTICE_POST = OPEN_POST


@pytest.mark.parametrize("who", PEOPLE)
def test_the_roster_notice_page_and_notice_matrix(mj, who):
    period = opened_q4(mj)
    roster = client(mj, who).get(reverse("moj:period", args=[period.pk]))
    assert roster.status_code == ROSTER_PAGE[who]
    if roster.status_code == 200:
        # b_staff1 is b_head's: a_head does not see the row.
        assert (mj.b_staff1.full_name in roster.content.decode()) is (who != "a_head")
    notice = client(mj, who).get(reverse("moj:notice", args=[period.pk]))
    assert notice.status_code == NOTICE_PAGE[who]
    if notice.status_code == 200:
        assert reverse("documents:moj_quarter_blank_pdf", args=[period.pk]) in (
            notice.content.decode()
        )
    answer = client(mj, who).post(reverse("moj:notice_send", args=[period.pk]))
    assert answer.status_code == NOTICE_POST[who]
    assert PeriodNotice.objects.exists() is (NOTICE_POST[who] == 302)
    assert Notification.objects.filter(kind__startswith="moj_notice").exists() is (
        NOTICE_POST[who] == 302
    )


def test_a_late_notice_is_flagged_on_the_pages(mj):
    period = opened_q4(mj)
    c = client(mj, "hr_staff")
    answer = c.post(reverse("moj:notice_send", args=[period.pk]), follow=True)
    assert b"late by 20 calendar days" in answer.content
    page = c.get(reverse("moj:schedule", args=[period.schedule_id])).content.decode()
    assert 'data-testid="notice-late"' in page


def test_the_evaluations_schedule_leads_to_the_moj_pages(mj):
    c = client(mj, "hr_staff")
    empty = c.get(reverse("evaluations:schedule") + "?year=2017").content.decode()
    assert 'data-testid="moj-draft"' in empty
    schedule = drafted(mj)
    answer = c.get(reverse("evaluations:schedule") + "?year=2017")
    assert answer.status_code == 302
    assert answer["Location"] == reverse("moj:schedule", args=[schedule.pk])


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_pages_render_in_each_language(mj, language):
    period = opened_q4(mj)
    c = client(mj, "hr_staff")
    c.cookies["django_language"] = language
    for url in [
        reverse("moj:schedule_new"),
        reverse("moj:schedule", args=[period.schedule_id]),
        reverse("moj:period", args=[period.pk]),
        reverse("moj:notice", args=[period.pk]),
    ]:
        assert c.get(url, HTTP_ACCEPT_LANGUAGE=language).status_code == 200


def test_the_dashboard_panel_counts_a_quarters_sheets_by_status(mj, django_assert_max_num_queries):
    from bagalau.moj.schedule_selectors import quarter_progress
    from bagalau.moj.services.quarter_sheet import quarter_sheet_open

    period = opened_q4(mj)
    CatalogueChoice.objects.create(
        organisation=mj.org, catalogue="central", chosen_by=mj.admin_user
    )
    evaluation = Evaluation.objects.get(period=period, servant=mj.b_staff1)
    quarter_sheet_open(actor=mj.hr_staff_user, evaluation_id=evaluation.pk)
    with django_assert_max_num_queries(2):
        found = quarter_progress(mj.org)
    counts = {line["status"]: line["count"] for line in found[0]["counts"]}
    assert found[0]["total"] == 8
    assert (counts["none"], counts["draft"], counts["agreed"]) == (7, 1, 0)
    home = client(mj, "hr_staff").get(reverse("home")).content.decode()
    assert 'data-testid="moj-progress"' in home
    assert (
        'data-testid="moj-progress"'
        not in client(mj, "b_head").get(reverse("home")).content.decode()
    )
