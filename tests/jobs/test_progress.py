"""A job's progress is seen by the page that polls it while the job is still writing."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from bagalau.jobs.models import BackgroundJob
from bagalau.jobs.progress import Progress
from tests.factories import OrganisationFactory, UserFactory


def _seen_by_another_connection(job_id: int) -> tuple[int, int, str]:
    seen: list[tuple[int, int, str]] = []

    def read() -> None:
        try:
            job = BackgroundJob.objects.get(pk=job_id)
            seen.append((job.done, job.total, job.stage))
        finally:
            connections.close_all()

    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
    return seen[0]


@pytest.mark.django_db(transaction=True)
def test_progress_written_inside_a_transaction_is_seen_at_once_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one connection write at a time: progress shows at commit")
    job = BackgroundJob.objects.create(
        kind="structure_import", organisation=OrganisationFactory(), requested_by=UserFactory()
    )
    progress = Progress(job.pk, step=10)
    with transaction.atomic():
        progress.stage("writing", total=40)
        progress.advance(25)
        assert _seen_by_another_connection(job.pk) == (25, 40, "writing")
        progress.advance(15)
        assert _seen_by_another_connection(job.pk) == (40, 40, "writing")


@pytest.mark.django_db(transaction=True)
def test_progress_is_written_every_step_items():
    job = BackgroundJob.objects.create(
        kind="structure_import", organisation=OrganisationFactory(), requested_by=UserFactory()
    )
    progress = Progress(job.pk, step=100)
    progress.stage("checking", total=300)
    progress.advance(99)
    job.refresh_from_db()
    assert (job.done, job.total, job.stage) == (0, 300, "checking")
    progress.advance(1)
    job.refresh_from_db()
    assert (job.done, job.percent) == (100, 33)
