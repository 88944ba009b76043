"""Issue 8, item 2: no page of the Django admin shows a score, a rating, a vote, a 360 total or
the content of a protocol (seed 002 p.15, p.20) — every registered model's list, change, history
and delete pages are walked as a superuser over a world full of results. And a password an
administrator sets for someone in the admin is in the application's audit log, and that person is
told."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from bagalau.audit.models import AuditEntry
from bagalau.calibration.models import (
    Appeal,
    ApplicationStatus,
    FeedbackMeeting,
    ScoreChange,
    SessionStatus,
    VoteChoice,
)
from bagalau.documents.models import Disposal
from bagalau.evaluations.models import (
    EvaluationStatus,
    KpiResult,
    Method,
    ParameterScore,
    RefusalAct,
    ServiceRecordEntry,
)
from bagalau.notifications.models import Notification
from bagalau.surveys.models import AnswerTotal, ResponseTally, SurveyFormCode, Target
from tests.factories import (
    CalibrationApplicationFactory,
    CalibrationSessionFactory,
    CalibrationVoteFactory,
    EvaluationFactory,
    KpiFactory,
    PeriodFactory,
    ScheduleFactory,
    SurveyCampaignFactory,
    UserFactory,
    WorkPlanFactory,
)

#: Numbers that are results in the world below: each must never appear, in any notation.
SCORES = ["4.37", "3.83", "2.91", "3.62", "4.13", "86.47", "4.12", "98761", "23457"]
#: Texts that are a protocol's content, a result's justification or the arguments about it.
CONTENTS = [
    "APPLICATION-TEXT",
    "DECISION-COMMENT",
    "PRESENTATION-TEXT",
    "VOTE-ARGUMENT",
    "FEEDBACK-ACHIEVEMENTS",
    "FEEDBACK-SKILLS",
    "FEEDBACK-POTENTIAL",
    "APPEAL-NOTE",
    "SHEET-JUSTIFICATION",
    "PARAMETER-JUSTIFICATION",
    "Keep the evaluator's score",  # a vote's choice
]
#: Rating codes and their labels (English; the walk reads English and Russian pages).
RATINGS = re.compile(
    r"\b(effective|proper|satisfactory|unsatisfactory)\b|functional duties|"
    r"функциональные обязанности",
    re.IGNORECASE,
)


@pytest.fixture
def results(world):
    """Every kind of result the application keeps, for a_staff1 (differentiation, calibrated)
    and a_head (KPI)."""
    w = world
    schedule = ScheduleFactory(organisation=w.org, drafted_by=w.hr_staff_user)
    period = PeriodFactory(schedule=schedule, number=1)
    calibrated = EvaluationFactory(
        period=period,
        servant=w.a_staff1,
        assignment=w.a_staff1_assignment,
        evaluator=w.a_head,
        method=Method.DIFFERENTIATION,
        status=EvaluationStatus.FINAL,
        score=Decimal("4.37"),
        rating="effective",
        final_score=Decimal("3.83"),
        final_rating="proper",
        justification="SHEET-JUSTIFICATION",
    )
    ParameterScore.objects.create(
        evaluation=calibrated, parameter="quality", score=4, justification="PARAMETER-JUSTIFICATION"
    )
    plan = WorkPlanFactory(
        servant=w.a_head, assignment=w.a_head_assignment, evaluator=w.deputy, approver=w.head
    )
    kpi_sheet = EvaluationFactory(
        period=period,
        servant=w.a_head,
        assignment=w.a_head_assignment,
        evaluator=w.deputy,
        method=Method.KPI,
        status=EvaluationStatus.SIGNED,
        score=Decimal("4.13"),
        rating="effective",
    )
    KpiResult.objects.create(
        evaluation=kpi_sheet,
        kpi=KpiFactory(plan=plan),
        actual_value=Decimal("8.647"),
        percent=Decimal("86.47"),
        allowed_min=Decimal("4.25"),
        allowed_max=Decimal("4.49"),
        proposed=Decimal("4.32"),
        score=Decimal("4.13"),
    )
    act = RefusalAct.objects.create(
        evaluation=kpi_sheet, text="Танысудан бас тартты.", hr_signer=w.hr_staff_user
    )
    for number, servant in enumerate((w.a_staff2, w.b_staff1), start=1):
        act.signers.create(number=number, role="servant", servant=servant)
    ServiceRecordEntry.objects.create(
        servant=w.a_staff1,
        evaluation=calibrated,
        period="2026 ж. 1-тоқсан",
        method=Method.DIFFERENTIATION,
        score=Decimal("3.83"),
        rating="proper",
    )
    application = CalibrationApplicationFactory(
        evaluation=calibrated,
        text="APPLICATION-TEXT",
        status=ApplicationStatus.ACCEPTED,
        decided_by=w.head_user,
        decision_comment="DECISION-COMMENT",
    )
    session = CalibrationSessionFactory(
        application=application,
        participants=[w.b_head_user, w.hr_head_user, w.deputy_user],
        status=SessionStatus.CLOSED,
        round=2,
        presentation="PRESENTATION-TEXT",
        presented_at=timezone.now(),
        final_score=Decimal("3.83"),
    )
    for voter, round_, score in [
        (w.b_head_user, 1, "2.91"),
        (w.hr_head_user, 1, "3.62"),
        (w.b_head_user, 2, "3.83"),
        (w.hr_head_user, 2, "3.83"),
    ]:
        CalibrationVoteFactory(
            session=session,
            voter=voter,
            round=round_,
            choice=VoteChoice.LOWER,
            score=Decimal(score),
            argument="VOTE-ARGUMENT",
        )
    ScoreChange.objects.create(
        evaluation=calibrated,
        session=session,
        old_score=Decimal("4.37"),
        new_score=Decimal("3.83"),
        old_rating="effective",
        new_rating="proper",
    )
    FeedbackMeeting.objects.create(
        session=session,
        held_on=dt.date(2026, 5, 4),
        achievements="FEEDBACK-ACHIEVEMENTS",
        skills="FEEDBACK-SKILLS",
        potential="FEEDBACK-POTENTIAL",
        recorded_by=w.a_head_user,
    )
    Appeal.objects.create(
        session=session,
        filed_on=dt.date(2026, 5, 6),
        authority="Сот",
        note="APPEAL-NOTE",
        recorded_by=w.hr_head_user,
    )
    campaign = SurveyCampaignFactory(organisation=w.org, created_by=w.hr_staff_user)
    target = Target.objects.create(
        campaign=campaign,
        servant=w.a_staff1,
        position=w.a_staff1_assignment.position,
        unit=w.unit_a,
        form=SurveyFormCode.STAFF,
        evaluator=w.a_head,
    )
    ResponseTally.objects.create(target=target, responses=23457)
    AnswerTotal.objects.create(
        target=target, competency="ethics", statement=1, total=98761, answers=23457
    )
    Disposal.objects.create(
        disposed_by=w.hr_head_user,
        organisation=w.org,
        completed_before=dt.date(2023, 1, 1),
        items=[
            {
                "evaluation_id": 9999,
                "servant": "Ескі Қызметші",
                "period": "2022 ж. 1-тоқсан",
                "method": "differentiation",
                "final_score": "4.12",
                "final_rating": "effective",
            }
        ],
    )
    return w


@pytest.fixture
def superuser_client(client) -> Client:
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(root)
    client.root = root  # type: ignore[attr-defined]
    return client


def admin_pages() -> list[tuple[str, str]]:
    """(name, url) of every registered model's list, and of each of its rows' change, history
    and delete pages."""
    pages = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        base = f"admin:{opts.app_label}_{opts.model_name}"
        pages.append((f"{opts.label} list", reverse(f"{base}_changelist")))
        for row in model._default_manager.order_by("pk")[:25]:
            for view in ("change", "history", "delete"):
                if view == "delete" and not model_admin.has_delete_permission(_Request(), row):
                    continue
                try:
                    url = reverse(f"{base}_{view}", args=[row.pk])
                except NoReverseMatch:
                    continue
                pages.append((f"{opts.label} {row.pk} {view}", url))
    return pages


class _Request:
    """Enough of a superuser's request for `has_delete_permission`."""

    class user:  # noqa: N801
        is_active = is_staff = is_superuser = True

        @staticmethod
        def has_perm(perm: str, obj: Any = None) -> bool:
            return True


def leaks(html: str) -> list[str]:
    found = []
    for score in SCORES:
        for shown in {score, score.replace(".", ",")}:
            if re.search(rf"(?<![\d.,]){re.escape(shown)}(?![\d])", html):
                found.append(shown)
    found += [text for text in CONTENTS if text in html]
    found += [match.group(0) for match in RATINGS.finditer(html)]
    return found


@pytest.mark.parametrize("language", ["en", "ru"])
def test_no_admin_page_shows_a_result(results, superuser_client, language):
    superuser_client.cookies["bagalau_language"] = language
    pages = admin_pages()
    assert len(pages) > 60  # every model and its rows were walked
    shown = {}
    for name, url in pages:
        response = superuser_client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, name
        found = leaks(response.content.decode())
        if found:
            shown[name] = found
    assert shown == {}


def test_the_walk_would_see_a_result(results, superuser_client):
    """The check is not blind: the results are in the database and would be found in a page."""
    assert ScoreChange.objects.get().old_score == Decimal("4.37")
    assert leaks("<td>4,37</td>") == ["4,37"]
    assert leaks("<td>Proper</td>") == ["Proper"]
    assert leaks("<p>VOTE-ARGUMENT</p>") == ["VOTE-ARGUMENT"]
    assert leaks("<td>14.37</td><td>4.375</td><td>id 43.7</td>") == []


def test_manager_overrides_are_not_edited_in_the_admin(world, superuser_client):
    """They must pass the rule and carry a reason, which the org pages check."""
    url = reverse("admin:org_assignment_change", args=[world.a_staff1_assignment.pk])
    html = superuser_client.get(url).content.decode()
    assert 'name="direct_manager"' not in html
    assert 'name="superior_manager"' not in html
    assert 'name="servant"' in html  # the rest of the row is still edited here


# --- passwords set in the admin -----------------------------------------------------------------


def password_url(user) -> str:
    return reverse("admin:auth_user_password_change", args=[user.pk])


def test_a_password_set_by_an_administrator_is_audited_and_the_user_told(world, superuser_client):
    user = world.a_staff1_user
    response = superuser_client.post(
        password_url(user),
        {"password1": "Жаңа-құпия-сөз-2026", "password2": "Жаңа-құпия-сөз-2026"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Жаңа-құпия-сөз-2026")
    entry = AuditEntry.objects.get(action="password_reset")
    assert (entry.actor, entry.object_type, entry.object_id) == (
        superuser_client.root,
        "auth.user",
        str(user.pk),
    )
    assert entry.organisation == world.org
    told = Notification.objects.get(recipient=user, kind="password_reset_by_admin")
    assert told.params["admin"] == "root"


def test_a_refused_password_form_records_and_tells_nothing(world, superuser_client):
    user = world.a_staff1_user
    before = get_user_model().objects.get(pk=user.pk).password
    response = superuser_client.post(
        password_url(user), {"password1": "Жаңа-құпия-сөз-2026", "password2": "басқа"}
    )
    assert response.status_code == 200
    assert get_user_model().objects.get(pk=user.pk).password == before
    assert not AuditEntry.objects.filter(action__startswith="password").exists()
    assert not Notification.objects.filter(kind="password_reset_by_admin").exists()


@pytest.mark.parametrize("who", ["anonymous", "servant", "hr_head", "application_admin"])
def test_only_a_django_administrator_opens_the_password_form(world, client, who):
    """The application's roles give no admin access: refused, and nothing changed."""
    users = {
        "anonymous": None,
        "servant": world.a_staff2_user,
        "hr_head": world.hr_head_user,
        "application_admin": world.admin_user,  # the role, not a Django staff account
    }
    if users[who] is not None:
        client.force_login(users[who])
    user = world.a_staff1_user
    before = get_user_model().objects.get(pk=user.pk).password
    response = client.post(
        password_url(user),
        {"password1": "Жаңа-құпия-сөз-2026", "password2": "Жаңа-құпия-сөз-2026"},
    )
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert get_user_model().objects.get(pk=user.pk).password == before
    assert not AuditEntry.objects.filter(action__startswith="password").exists()
    assert not Notification.objects.filter(kind="password_reset_by_admin").exists()


def test_a_staff_member_without_the_right_is_refused(world, client):
    staff = UserFactory(username="clerk", is_staff=True)
    client.force_login(staff)
    user = world.a_staff1_user
    response = client.post(
        password_url(user),
        {"password1": "Жаңа-құпия-сөз-2026", "password2": "Жаңа-құпия-сөз-2026"},
    )
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action__startswith="password").exists()
