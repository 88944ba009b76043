"""The paper fallback's REST endpoints: multipart entry by the head of the HR service, the scan,
the mark in the evaluation detail, the HR service's list of a quarter; errors as
{"error": {"field", "message"}}; the permission matrices (refused -> nothing changed, no file).

Worked example as in test_paper: 4.80, 3.40, 0.00 on paper -> 8.20 / 3 = 2.73 "satisfactory".
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from rest_framework.test import APIClient

from bagalau.audit.models import AuditEntry
from bagalau.evaluations.models import Evaluation, EvaluationStatus, PaperEntry
from bagalau.evaluations.services.sheets import kpi_actuals_save
from tests.evaluations.test_paper import PDF, enter_diff, png_bytes, stored_files, upload
from tests.evaluations.test_sheets_cases import (
    diff_case,
    kpi_case,
    participant,
    rows,
    snapshot,
    worked_actuals,
)

ENTRY_DAY = dt.date(2026, 4, 8)


@pytest.fixture(autouse=True)
def _empty_private_storage():
    for path in stored_files():
        path.unlink()


@pytest.fixture
def kpi(world, clock):
    clock(dt.date(2026, 4, 2))
    evaluation = kpi_case(world)
    kpi_actuals_save(
        actor=world.hr_staff_user,
        evaluation_id=evaluation.pk,
        version=1,
        values=worked_actuals(evaluation),
    )
    clock(ENTRY_DAY)
    evaluation.refresh_from_db()
    return evaluation


def api_as(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def body(evaluation, **extra):
    first, second, third = rows(evaluation)
    data = {
        "version": evaluation.version,
        "signed_on": "2026-04-06",
        "scores": json.dumps({str(first.pk): "4.80", str(second.pk): "3.40", str(third.pk): 0}),
        "scan": upload(),
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def paper_url(evaluation):
    return f"/api/v1/evaluations/{evaluation.pk}/paper/"


def test_the_head_of_hr_posts_a_paper_kpi_sheet(world, kpi):
    response = api_as(world.hr_head_user).post(paper_url(kpi), body(kpi), format="multipart")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "signed"
    assert (data["score"], data["rating"]) == ("2.73", "satisfactory")
    assert data["familiarisation_due"] == "2026-04-10"
    assert data["paper"]["signed_on"] == "2026-04-06"
    assert data["paper"]["entered_by"] == "Кадрова Гүлнар"
    assert data["paper"]["scan"]["content_type"] == "application/pdf"
    assert data["paper"]["scan"]["size"] == len(PDF)

    # the evaluation detail carries the mark, for those who may see the result
    detail = api_as(world.a_head_user).get(f"/api/v1/evaluations/{kpi.pk}/").json()
    assert detail["paper"]["signed_on"] == "2026-04-06"
    assert detail["score"] == "2.73"
    summary = api_as(world.deputy_user).get(paper_url(kpi)).json()
    assert summary["entered_by"] == "Кадрова Гүлнар"

    scan = api_as(world.a_head_user).get(f"{paper_url(kpi)}scan/")
    assert scan.status_code == 200
    assert b"".join(scan.streaming_content) == PDF
    assert scan["Content-Type"] == "application/pdf"
    assert scan["Cache-Control"] == "private, no-store"


def test_a_paper_differentiation_sheet_through_the_api(world, clock):
    clock(ENTRY_DAY)
    evaluation = diff_case(world)
    data = {
        "version": evaluation.version,
        "signed_on": "2026-04-07",
        "scores": json.dumps({"quality": 5, "timeliness": 4, "initiative": 3, "discipline": 4}),
        "justifications": json.dumps({"quality": "Ескерту жоқ"}),
        "justification": "Тапсырмаларды сапалы орындады",
        "scan": upload(png_bytes(), "scan.png", "image/png"),
    }
    response = api_as(world.hr_head_user).post(paper_url(evaluation), data, format="multipart")
    assert response.status_code == 201, response.content
    assert (response.json()["score"], response.json()["rating"]) == ("4.00", "effective")
    assert response.json()["paper"]["scan"]["content_type"] == "image/png"


def test_detail_says_null_for_a_sheet_signed_in_the_system(world, kpi):
    detail = api_as(world.deputy_user).get(f"/api/v1/evaluations/{kpi.pk}/").json()
    assert detail["paper"] is None
    assert api_as(world.deputy_user).get(paper_url(kpi)).status_code == 404


@pytest.mark.parametrize(
    ("change", "field", "fragment"),
    [
        ("out_of_range", "kpis[0].score", "outside the range 4.75-4.99"),
        ("missing_score", "kpis[1].score", "Enter the score written on the paper sheet"),
        ("bad_json", "scores", ""),
        ("not_an_object", "scores", "Send a JSON object."),
        ("superscript_key", "scores.²", "ids of the sheet's KPI rows"),
        ("arabic_key", "scores.٤", "ids of the sheet's KPI rows"),
        ("wrong_type", "scan", "must be a PDF, JPEG or PNG"),
        ("no_scan", "scan", "Attach the scan"),
        ("future", "signed_on", "cannot be in the future"),
        ("no_version", "version", ""),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(world, kpi, change, field, fragment):
    first, second, third = rows(kpi)
    extra = {
        "out_of_range": {
            "scores": json.dumps({str(first.pk): "4.5", str(second.pk): "3.4", str(third.pk): "0"})
        },
        "missing_score": {"scores": json.dumps({str(first.pk): "4.8", str(third.pk): "0"})},
        "bad_json": {"scores": "{4.80"},
        "not_an_object": {"scores": json.dumps(["4.80"])},
        "superscript_key": {"scores": json.dumps({"²": "4.8"})},  # int("²") fails
        "arabic_key": {"scores": json.dumps({"٤": "4.8"})},  # int("٤") is 4
        "wrong_type": {"scan": upload(b"<?php echo 1; ?>", "scan.png", "image/png")},
        "no_scan": {"scan": None},
        "future": {"signed_on": "2026-04-09"},
        "no_version": {"version": None},
    }[change]
    before = snapshot(kpi)
    response = api_as(world.hr_head_user).post(
        paper_url(kpi), body(kpi, **extra), format="multipart"
    )
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["field"] == field
    assert fragment in error["message"]
    assert snapshot(kpi) == before
    assert not PaperEntry.objects.exists()
    assert stored_files() == []


def test_an_oversized_scan_is_refused(world, kpi, settings):
    settings.PAPER_SCAN_MAX_BYTES = 1024
    before = snapshot(kpi)
    big = upload(b"%PDF-1.4\n" + b"x" * 2048 + b"\n%%EOF\n")
    response = api_as(world.hr_head_user).post(
        paper_url(kpi), body(kpi, scan=big), format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "scan"
    assert "at most 1.0\xa0KB" in response.json()["error"]["message"]
    assert snapshot(kpi) == before
    assert stored_files() == []


def test_an_already_signed_evaluation_is_refused(world, kpi):
    Evaluation.objects.filter(pk=kpi.pk).update(status=EvaluationStatus.SIGNED)
    kpi.refresh_from_db()
    before = snapshot(kpi)
    response = api_as(world.hr_head_user).post(paper_url(kpi), body(kpi), format="multipart")
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "status"
    assert snapshot(kpi) == before
    assert stored_files() == []


def test_a_stale_version_is_409(world, kpi):
    before = snapshot(kpi)
    response = api_as(world.hr_head_user).post(
        paper_url(kpi), body(kpi, version=kpi.version + 5), format="multipart"
    )
    assert response.status_code == 409
    assert response.json()["error"]["field"] == "version"
    assert snapshot(kpi) == before
    assert stored_files() == []


def test_the_error_speaks_the_requests_language(world, kpi):
    response = api_as(world.hr_head_user).post(
        paper_url(kpi), body(kpi, scan=None), format="multipart", HTTP_ACCEPT_LANGUAGE="kk"
    )
    assert response.json()["error"]["message"] == (
        "Қол қойылған қағаз парақтың сканерленген көшірмесін тіркеңіз (PDF, JPEG немесе PNG файлы)."
    )


# --- permission matrices -------------------------------------------------------------------------

USERS = {
    "evaluator": "deputy_user",
    "evaluatee": "a_head_user",
    "hr_staff": "hr_staff_user",
    "hr_head": "hr_head_user",
    "other_manager": "b_head_user",
    "apparatus_head": "head_user",
    "admin": "admin_user",
    "outsider": "outsider_user",
}
POST = {
    "anonymous": 403,
    "evaluator": 403,
    "evaluatee": 403,
    "hr_staff": 403,
    "hr_head": 201,
    "other_manager": 404,
    "apparatus_head": 404,
    "admin": 404,
    "outsider": 404,
}


@pytest.mark.parametrize("role", list(POST))
def test_post_permission_matrix(world, kpi, role):
    user = getattr(world, USERS[role]) if role != "anonymous" else None
    before = snapshot(kpi)
    response = api_as(user).post(paper_url(kpi), body(kpi), format="multipart")
    assert response.status_code == POST[role], (role, response.content[:200])
    if POST[role] >= 400:
        assert set(response.json()["error"]) == {"field", "message"}
        assert snapshot(kpi) == before
        assert not PaperEntry.objects.exists()
        assert stored_files() == []


SCAN = {
    "anonymous": 403,
    "evaluator": 200,
    "evaluatee": 200,
    "participant": 200,
    "hr_head": 200,
    "hr_staff": 404,
    "other_manager": 404,
    "apparatus_head": 404,
    "admin": 404,
    "outsider": 404,
}


@pytest.mark.parametrize("role", list(SCAN))
def test_scan_and_summary_permission_matrix(world, clock, role):
    clock(ENTRY_DAY)
    evaluation = diff_case(world)
    enter_diff(world, evaluation)
    if role == "participant":
        user = participant(world, evaluation)
    elif role == "anonymous":
        user = None
    else:
        user = {"evaluator": world.a_head_user, "evaluatee": world.a_staff1_user}.get(
            role
        ) or getattr(world, USERS[role])
    client = api_as(user)
    scan = client.get(f"{paper_url(evaluation)}scan/")
    summary = client.get(paper_url(evaluation))
    assert (scan.status_code, summary.status_code) == (SCAN[role], SCAN[role]), role
    reads = AuditEntry.objects.filter(action="download_scan")
    if SCAN[role] == 200:
        assert b"".join(scan.streaming_content) == png_bytes()
        assert reads.get().actor == user
    else:
        assert not reads.exists()
        assert set(summary.json()["error"]) == {"field", "message"}


PERIOD = {
    "anonymous": 403,
    "hr_staff": 200,
    "hr_head": 200,
    "evaluator": 403,
    "evaluatee": 403,
    "other_manager": 403,
    "apparatus_head": 403,
    "admin": 403,
    "outsider": 404,
}


@pytest.mark.parametrize("role", list(PERIOD))
def test_period_list_permission_matrix(world, kpi, role):
    user = getattr(world, USERS[role]) if role != "anonymous" else None
    response = api_as(user).get(f"/api/v1/evaluations/periods/{kpi.period.pk}/paper/")
    assert response.status_code == PERIOD[role], role
    if PERIOD[role] == 200:
        (line,) = response.json()
        assert line["evaluation"] == kpi.pk
        assert line["open"] is True
        assert line["can_enter"] is (role == "hr_head")
        assert "score" not in line
