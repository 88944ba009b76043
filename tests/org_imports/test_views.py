"""The import page, the template, the job page with its progress, and the command."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from bagalau.jobs.models import BackgroundJob, JobState
from bagalau.jobs.services import job_run
from bagalau.org.models import Unit
from tests.org_imports.files import valid_rows, xlsx

PAGE = reverse("org_imports:page")


def _upload(client, data: bytes, dry_run: bool, capture):
    with capture(execute=True):
        return client.post(
            PAGE,
            {
                "file": SimpleUploadedFile("structure.xlsx", data),
                **({"dry_run": "on"} if dry_run else {}),
            },
        )


def test_hr_imports_through_the_page_and_watches_the_job(
    client, empty, django_capture_on_commit_callbacks
):
    client.force_login(empty.hr)
    assert client.get(PAGE).status_code == 200

    response = _upload(client, xlsx(valid_rows()), False, django_capture_on_commit_callbacks)

    job = BackgroundJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:job", args=[job.pk])
    assert (job.state, job.done, job.total, job.payload) == (JobState.SUCCEEDED, 28, 28, None)
    assert Unit.objects.filter(organisation=empty.org).count() == 3
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b'aria-valuenow="100"' in page.content
    assert b"hx-trigger" not in page.content
    assert "The structure was imported" in page.content.decode()
    assert "structure.xlsx" in client.get(PAGE).content.decode()


def test_a_dry_run_through_the_page_lists_the_errors_and_writes_nothing(
    client, empty, django_capture_on_commit_callbacks
):
    client.force_login(empty.hr_head)
    rows = valid_rows()
    rows["positions"][2][5] = "B-9"
    response = _upload(client, xlsx(rows), True, django_capture_on_commit_callbacks)

    job = BackgroundJob.objects.get()
    assert job.state == JobState.FAILED
    assert job.params["dry_run"] is True
    assert not Unit.objects.filter(organisation=empty.org).exists()
    text = client.get(response["Location"]).content.decode()
    assert "positions" in text
    assert "<td>4</td>" in text
    assert "F (category)" in text


def test_the_job_page_polls_until_the_job_has_finished(client, empty):
    job = BackgroundJob.objects.create(
        kind="structure_import",
        organisation=empty.org,
        requested_by=empty.hr,
        total=200,
        done=50,
        state=JobState.RUNNING,
        stage="writing",
    )
    client.force_login(empty.hr)
    url = reverse("jobs:job", args=[job.pk])
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in fragment
    assert 'aria-valuenow="25"' in fragment
    assert "<html" not in fragment
    assert "Saving" in fragment


def test_a_job_runs_once_and_an_internal_error_is_recorded_without_a_traceback(empty):
    job = BackgroundJob.objects.create(
        kind="structure_import", organisation=empty.org, requested_by=empty.hr, payload=None
    )
    BackgroundJob.objects.filter(pk=job.pk).update(kind="no_such_kind")
    done = job_run(job.pk)
    assert done.state == JobState.FAILED
    assert "internal error" in done.errors[0]["template"]
    assert job_run(job.pk) is None  # never twice


def test_a_job_of_someone_who_lost_the_right_fails_cleanly(empty):
    from bagalau.org.models import RoleAssignment

    job = BackgroundJob.objects.create(
        kind="structure_import",
        organisation=empty.org,
        requested_by=empty.hr,
        payload=xlsx(valid_rows()),
    )
    RoleAssignment.objects.filter(user=empty.hr).delete()
    done = job_run(job.pk)
    assert done.state == JobState.FAILED
    assert "no longer" in done.errors[0]["template"]
    assert not Unit.objects.filter(organisation=empty.org).exists()


@pytest.mark.parametrize("who", ["hr_head", "admin", "apparatus_head", "anonymous"])
def test_only_its_requester_sees_a_job(client, empty, who):
    job = BackgroundJob.objects.create(
        kind="structure_import", organisation=empty.org, requested_by=empty.hr
    )
    url = reverse("jobs:job", args=[job.pk])
    if who != "anonymous":
        client.force_login(getattr(empty, who))
        assert client.get(url).status_code == 404
    else:
        assert client.get(url).status_code == 302
    job.refresh_from_db()
    assert job.state == JobState.QUEUED


@pytest.mark.parametrize("who", ["admin", "apparatus_head", "anonymous"])
def test_only_hr_opens_the_import_page_and_the_template(
    client, empty, who, django_capture_on_commit_callbacks
):
    if who != "anonymous":
        client.force_login(getattr(empty, who))
    expected = 302 if who == "anonymous" else 403
    assert client.get(PAGE).status_code == expected
    assert client.get(reverse("org_imports:template")).status_code == expected
    assert (
        _upload(client, xlsx(valid_rows()), False, django_capture_on_commit_callbacks).status_code
        == expected
    )
    assert not BackgroundJob.objects.exists()
    assert not Unit.objects.filter(organisation=empty.org).exists()


def test_the_template_has_every_sheet_and_the_instructions(client, empty):
    client.force_login(empty.hr)
    response = client.get(reverse("org_imports:template"))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "instructions",
        "units",
        "positions",
        "servants",
        "assignments",
        "absences",
    ]
    assert [c.value for c in book["units"][1]] == [
        "code",
        "name_kk",
        "name_ru",
        "name_en",
        "parent_code",
        "order",
    ]
    guide = [[c.value for c in row] for row in book["instructions"].iter_rows(min_row=2)]
    category = next(row for row in guide if row[1] == "category")
    assert category[3].startswith("Санаты")
    assert category[4].startswith("Категория")
    # The empty template itself imports cleanly (nothing to do).
    from bagalau.org_imports.services import structure_import

    assert (
        structure_import(actor=empty.hr, organisation=empty.org, data=response.content)["counts"]
        == {}
    )


def test_a_non_xlsx_upload_is_refused_on_the_job_page(
    client, empty, django_capture_on_commit_callbacks
):
    client.force_login(empty.hr)
    response = _upload(client, b"not a workbook", False, django_capture_on_commit_callbacks)
    text = client.get(response["Location"]).content.decode()
    assert "This is not an XLSX workbook" in text


def test_the_command_imports_and_checks(empty, tmp_path, capsys):
    path = tmp_path / "structure.xlsx"
    path.write_bytes(xlsx(valid_rows()))
    call_command(
        "import_structure",
        str(path),
        "--dry-run",
        "--user",
        "imp_hr",
        "--organisation",
        str(empty.org.pk),
    )
    assert "units: 3 created, 0 updated, 0 unchanged (would be)" in capsys.readouterr().out
    assert not Unit.objects.filter(organisation=empty.org).exists()
    call_command(
        "import_structure", str(path), "--user", "imp_hr", "--organisation", str(empty.org.pk)
    )
    assert Unit.objects.filter(organisation=empty.org).count() == 3
    rows = valid_rows()
    rows["units"][0][4] = "LEGAL"
    path.write_bytes(xlsx(rows))
    with pytest.raises(CommandError, match="nothing was written"):
        call_command(
            "import_structure", str(path), "--user", "imp_hr", "--organisation", str(empty.org.pk)
        )
    assert "units, 2, E (parent_code)" in capsys.readouterr().err
    path.write_bytes(xlsx(valid_rows()))
    call_command("import_structure", str(path), "--organisation", str(empty.org.pk))
    assert "units: 0 created, 0 updated, 3 unchanged (were)" in capsys.readouterr().out
    with pytest.raises(CommandError, match="may not import"):
        call_command(
            "import_structure",
            str(path),
            "--user",
            "imp_admin",
            "--organisation",
            str(empty.org.pk),
        )
