"""Who may download which document (the permission matrix), and every download is audited.

All documents go through bagalau.evaluations.access: the evaluatee, the evaluator, the head of
the HR service and the case's calibration participants; nobody else — HR staff, the head of the
apparatus, another unit's manager, an administrator, an outsider — even learns it exists (404).
"""

import pytest

from bagalau.audit.models import AuditEntry
from bagalau.calibration.models import SessionStatus

ALLOWED = ["evaluatee", "evaluator", "hr_head", "participant"]
REFUSED = ["outsider", "other_unit_manager", "hr_staff", "apparatus_head", "admin"]


@pytest.fixture
def documents(world, kpi_case, diff_case):
    """Per document: its URL, the evaluation it shows and who holds each position."""
    return {
        "kpi_sheet": {
            "url": f"/documents/evaluations/{kpi_case.evaluation.pk}/sheet.pdf",
            "evaluation": kpi_case.evaluation,
            "evaluatee": world.a_head_user,
            "evaluator": world.deputy_user,
            "participant": world.b_staff1_user,
            "other_unit_manager": world.b_head_user,
        },
        "differentiation_sheet": {
            "url": f"/documents/evaluations/{diff_case.evaluation.pk}/sheet.pdf",
            "evaluation": diff_case.evaluation,
            "evaluatee": world.a_staff1_user,
            "evaluator": world.a_head_user,
            "participant": world.deputy_user,
            "other_unit_manager": world.b_head_user,
        },
        "protocol": {
            "url": f"/documents/calibration/{diff_case.session.pk}/protocol.pdf",
            "evaluation": diff_case.evaluation,
            "evaluatee": world.a_staff1_user,
            "evaluator": world.a_head_user,
            "participant": world.b_staff1_user,
            "other_unit_manager": world.b_head_user,
        },
    }


def user_for(world, document, role):
    common = {
        "hr_head": world.hr_head_user,
        "outsider": world.outsider_user,
        "hr_staff": world.hr_staff_user,
        "apparatus_head": world.head_user,
        "admin": world.admin_user,
    }
    return common.get(role) or document[role]


def downloads_of(evaluation):
    return AuditEntry.objects.filter(
        action="download", object_type="evaluations.evaluation", object_id=str(evaluation.pk)
    )


@pytest.mark.parametrize("name", ["kpi_sheet", "differentiation_sheet", "protocol"])
def test_anonymous_is_sent_to_log_in(client, documents, name):
    response = client.get(documents[name]["url"])
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    assert not AuditEntry.objects.filter(action="download").exists()


@pytest.mark.parametrize("role", ALLOWED)
@pytest.mark.parametrize("name", ["kpi_sheet", "differentiation_sheet", "protocol"])
def test_the_people_of_the_case_download_it_and_it_is_audited(client, world, documents, name, role):
    document = documents[name]
    user = user_for(world, document, role)
    client.force_login(user)
    response = client.get(document["url"])
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    entries = downloads_of(document["evaluation"])
    assert entries.count() == 1
    assert entries.get().actor == user


@pytest.mark.parametrize("role", REFUSED)
@pytest.mark.parametrize("name", ["kpi_sheet", "differentiation_sheet", "protocol"])
def test_everyone_else_gets_404_and_nothing_is_logged_as_read(client, world, documents, name, role):
    document = documents[name]
    client.force_login(user_for(world, document, role))
    response = client.get(document["url"])
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="download").exists()


def test_a_missing_document_is_404(client, world, documents):
    client.force_login(world.hr_head_user)
    assert client.get("/documents/evaluations/999999/sheet.pdf").status_code == 404
    assert client.get("/documents/calibration/999999/protocol.pdf").status_code == 404
    assert client.get("/documents/plans/999999/work-plan.pdf").status_code == 404


def test_the_earlier_quarter_printed_beside_is_an_audited_read(client, world, kpi_case):
    client.force_login(world.a_head_user)
    assert (
        client.get(f"/documents/evaluations/{kpi_case.evaluation.pk}/sheet.pdf").status_code == 200
    )
    assert downloads_of(kpi_case.q1).count() == 1
    client.force_login(world.b_staff1_user)  # may not read Q1: not printed, not logged
    assert (
        client.get(f"/documents/evaluations/{kpi_case.evaluation.pk}/sheet.pdf").status_code == 200
    )
    assert downloads_of(kpi_case.q1).count() == 1


def test_a_download_is_a_get(client, world, documents):
    client.force_login(world.hr_head_user)
    assert client.post(documents["kpi_sheet"]["url"]).status_code == 405


# --- an unsigned protocol -----------------------------------------------------------------------


@pytest.fixture
def unsigned(diff_case):
    session = diff_case.session
    session.protocol_signed_at = None
    session.protocol_signed_by = None
    session.protocol_posted_at = None
    session.status = SessionStatus.DECIDED
    session.save()
    return session


def test_an_unsigned_protocol_is_for_the_session_not_yet_for_the_evaluatee(client, world, unsigned):
    url = f"/documents/calibration/{unsigned.pk}/protocol.pdf"
    client.force_login(world.a_staff1_user)
    assert client.get(url).status_code == 403
    for user in (world.b_staff1_user, world.a_head_user, world.hr_head_user):
        client.force_login(user)
        assert client.get(url).status_code == 200
    client.force_login(world.b_head_user)
    assert client.get(url).status_code == 404


# --- App. 1 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("a_head_user", 200),  # the servant
        ("deputy_user", 200),  # the evaluator
        ("head_user", 200),  # the approver
        ("hr_staff_user", 200),
        ("hr_head_user", 200),
        ("a_staff1_user", 404),
        ("b_head_user", 404),
        ("admin_user", 404),
        ("outsider_user", 404),
    ],
)
def test_work_plan_matrix(client, world, kpi_case, role, expected):
    client.force_login(getattr(world, role))
    response = client.get(f"/documents/plans/{kpi_case.plan.pk}/work-plan.pdf")
    assert response.status_code == expected
    logged = AuditEntry.objects.filter(
        action="download", object_type="plans.workplan", object_id=str(kpi_case.plan.pk)
    )
    assert logged.count() == (1 if expected == 200 else 0)


def test_work_plan_anonymous(client, kpi_case):
    response = client.get(f"/documents/plans/{kpi_case.plan.pk}/work-plan.pdf")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
