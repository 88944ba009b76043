"""A large export as a background job (issue 14 item 3): a body of EXPORTS_LARGE_BODY servants
or more is offered "prepare" instead of a direct download; the job builds the very workbook the
direct download gives, keeps it for its requester only (anyone else, the HR service of the same
body included, is refused and nothing is written), each download of it is audited, and the
file is removed after a week by the periodic job."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from bagalau.audit.models import AuditEntry
from bagalau.core.jobs import JOBS
from bagalau.core.storage import private_storage
from bagalau.exports.models import ExportFile
from bagalau.jobs.models import BackgroundJob, JobState
from bagalau.org.models import Role, RoleAssignment
from tests.factories import RoleAssignmentFactory, UserFactory

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def targets(w):
    return {
        "results": w.q1.pk,
        "consequences": w.q1.pk,
        "calibration": 2026,
        "survey360": w.campaign.pk,
    }


def direct_urls(w):
    return {
        "results": reverse("exports:results", args=[w.q1.pk]),
        "consequences": reverse("exports:consequences", args=[w.q1.pk]),
        "calibration": reverse("exports:calibration", args=[2026]),
        "survey360": reverse("exports:survey360", args=[w.campaign.pk]),
    }


def login(client, user, language="en"):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language


def prepare(client, user, code, target, capture, language="en"):
    login(client, user, language)
    with capture(execute=True):
        return client.post(reverse("exports:prepare", args=[code]), {"target": target})


def cells(content):
    book = load_workbook(io.BytesIO(content))
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in book}


@pytest.fixture
def large(data, settings):
    settings.EXPORTS_LARGE_BODY = 1
    return data


def prepared(client, w, code, capture, user=None, language="en"):
    response = prepare(client, user or w.hr_head_user, code, targets(w)[code], capture, language)
    assert response.status_code == 302
    job = BackgroundJob.objects.order_by("-pk").first()
    assert job is not None
    assert response["Location"] == reverse("jobs:job", args=[job.pk])
    return job


@pytest.mark.django_db
def test_a_small_body_downloads_at_once(client, data):
    login(client, data.hr_head_user)
    html = client.get(reverse("exports:list")).content.decode()
    assert 'data-testid="export-results"' in html
    assert "prepare-" not in html
    assert client.get(direct_urls(data)["results"])["Content-Type"] == XLSX
    assert not BackgroundJob.objects.exists()


@pytest.mark.django_db
def test_a_large_body_is_offered_prepare_instead_of_a_download(client, large):
    login(client, large.hr_head_user)
    html = client.get(reverse("exports:list")).content.decode()
    assert 'data-testid="exports-large"' in html
    for code in ("results", "consequences", "calibration", "survey360"):
        assert f'data-testid="prepare-{code}"' in html
        assert f'data-testid="export-{code}"' not in html
    login(client, large.hr_staff_user)
    html = client.get(reverse("exports:list")).content.decode()
    assert 'data-testid="prepare-survey360"' in html
    assert 'data-testid="prepare-results"' not in html


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["results", "consequences", "calibration", "survey360"])
def test_the_prepared_file_is_the_direct_download(
    client, large, code, django_capture_on_commit_callbacks
):
    job = prepared(client, large, code, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED, job.errors
    export_file = ExportFile.objects.get(job=job)
    assert job.outcome["filename"] == export_file.filename
    assert (job.done, job.total) == (job.outcome["rows"], job.outcome["rows"])
    page = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert reverse("exports:prepared", args=[job.pk]) in page
    before = AuditEntry.objects.count()
    response = client.get(reverse("exports:prepared", args=[job.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Cache-Control"] == "private, no-store"
    assert export_file.filename in response["Content-Disposition"]
    entry = AuditEntry.objects.order_by("-pk").first()
    assert AuditEntry.objects.count() == before + 1
    assert entry is not None
    assert (entry.action, entry.actor_id) == (f"export_{code}", large.hr_head_user.pk)
    direct = client.get(direct_urls(large)[code])
    assert cells(response.content) == cells(direct.content)


@pytest.mark.django_db
def test_the_file_is_written_in_the_requester_s_language(
    client, large, django_capture_on_commit_callbacks
):
    job = prepared(client, large, "results", django_capture_on_commit_callbacks, language="kk")
    content = client.get(reverse("exports:prepared", args=[job.pk])).content
    (table,) = cells(content).values()
    assert table[5][0] == "бөлімше"


@pytest.mark.django_db
def test_only_the_requester_takes_the_file(client, large, django_capture_on_commit_callbacks):
    job = prepared(client, large, "results", django_capture_on_commit_callbacks)
    other_head = UserFactory(username="hr_head2")
    RoleAssignmentFactory(user=other_head, organisation=large.org, role=Role.HR_HEAD)
    url = reverse("exports:prepared", args=[job.pk])
    before = AuditEntry.objects.count()
    for user in (
        other_head,
        large.hr_staff_user,
        large.head_user,
        large.a_staff1_user,
        large.admin_user,
        large.outsider_user,
    ):
        login(client, user)
        response = client.get(url)
        assert response.status_code == 404, user.username
        assert response["Content-Type"] != XLSX
        assert client.get(reverse("jobs:job", args=[job.pk])).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    assert AuditEntry.objects.count() == before


@pytest.mark.django_db
def test_a_requester_who_lost_the_right_is_refused(
    client, large, django_capture_on_commit_callbacks
):
    job = prepared(client, large, "results", django_capture_on_commit_callbacks)
    RoleAssignment.objects.filter(user=large.hr_head_user, role=Role.HR_HEAD).update(role=Role.HR)
    before = AuditEntry.objects.count()
    response = client.get(reverse("exports:prepared", args=[job.pk]))
    assert response.status_code == 403
    assert response["Content-Type"] != XLSX
    assert AuditEntry.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("key", "code", "status"),
    [
        ("hr_staff_user", "results", 403),
        ("hr_staff_user", "calibration", 403),
        ("a_staff1_user", "results", 404),
        ("head_user", "survey360", 404),
        ("outsider_user", "survey360", 404),
    ],
)
def test_who_may_not_take_an_export_may_not_prepare_it(
    client, large, key, code, status, django_capture_on_commit_callbacks
):
    before = AuditEntry.objects.count()
    response = prepare(
        client, getattr(large, key), code, targets(large)[code], django_capture_on_commit_callbacks
    )
    assert response.status_code == status
    assert not BackgroundJob.objects.exists()
    assert not ExportFile.objects.exists()
    assert AuditEntry.objects.count() == before


@pytest.mark.django_db
def test_a_bad_target_is_named_and_nothing_is_queued(
    client, large, django_capture_on_commit_callbacks
):
    response = prepare(
        client, large.hr_head_user, "results", "x", django_capture_on_commit_callbacks
    )
    assert response.status_code == 400
    assert "period, year or campaign" in response.content.decode()
    for code, target in (("results", 999999), ("calibration", 1999), ("nothing", 1)):
        response = prepare(
            client, large.hr_head_user, code, target, django_capture_on_commit_callbacks
        )
        assert response.status_code == 404
    assert not BackgroundJob.objects.exists()
    login(client, large.hr_head_user)
    assert client.get(reverse("exports:prepare", args=["results"])).status_code == 405


@pytest.mark.django_db
def test_the_file_is_removed_after_a_week(client, large, clock, django_capture_on_commit_callbacks):
    job = prepared(client, large, "results", django_capture_on_commit_callbacks)
    export_file = ExportFile.objects.get(job=job)
    name = export_file.file.name
    assert private_storage.exists(name)
    url = reverse("exports:prepared", args=[job.pk])
    clock(dt.date(2026, 6, 22), hour=9)  # six days and 23 hours later: still kept
    with django_capture_on_commit_callbacks(execute=True):
        assert JOBS["exports.expired_files"].run() == "0 prepared export(s) removed"
    assert client.get(url).status_code == 200
    clock(dt.date(2026, 6, 22), hour=11)
    assert client.get(url).status_code == 404  # past its keeping, before the job has run
    with django_capture_on_commit_callbacks(execute=True):
        assert JOBS["exports.expired_files"].run() == "1 prepared export(s) removed"
    assert not ExportFile.objects.exists()
    assert not private_storage.exists(name)
    assert client.get(url).status_code == 404
    page = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert "The file was removed after a week" in page
