"""Retention (seed 002 p.14) of a sheet held on paper (p.3, p.29): its scan is one of the
evaluation's documents, listed with them and disposed of with them; the file leaves the private
storage only once the disposal is committed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bagalau.core.errors import DomainError
from bagalau.core.storage import private_storage
from bagalau.documents.retention import documents_due_for_disposal
from bagalau.documents.services import documents_dispose
from bagalau.evaluations.models import Evaluation, PaperEntry
from tests.documents.conftest import aware


@pytest.fixture
def paper_scan(world, diff_case):
    """a_staff1's Q2 2026 (final 24.07.2026) was held on paper: its scan is in the storage."""
    name = private_storage.save("paper-scans/2026/retention-test.pdf", _content())
    entry = PaperEntry.objects.create(
        evaluation=diff_case.evaluation,
        signed_on=dt.date(2026, 7, 7),
        entered_by=world.hr_head_user,
        entered_at=aware(dt.date(2026, 7, 8)),
        scan=name,
        scan_type="application/pdf",
        scan_size=20,
        scan_sha256="0" * 64,
    )
    yield entry
    if private_storage.exists(name):
        private_storage.delete(name)


def _content():
    from django.core.files.base import ContentFile

    return ContentFile(b"%PDF-1.4\n%%EOF\n")


def stored(entry) -> bool:
    return (Path(private_storage.location) / entry.scan.name).is_file()


def test_the_scan_is_listed_among_the_documents(world, paper_scan):
    (due,) = [
        d
        for d in documents_due_for_disposal(world.org, dt.date(2029, 7, 25))
        if d.evaluation.pk == paper_scan.evaluation_id
    ]
    assert due.contents["paper_scan"] == 1
    assert due.contents["parameter_scores"] == 4


def test_the_scan_is_disposed_of_with_its_evaluation(
    world, paper_scan, clock, django_capture_on_commit_callbacks
):
    clock(dt.date(2029, 7, 25))
    evaluation_id = paper_scan.evaluation_id
    assert stored(paper_scan)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        disposal = documents_dispose(
            actor=world.hr_head_user,
            organisation=world.org,
            evaluation_ids=[evaluation_id],
        )
    # the rows are gone; the file waits for the commit (a rolled-back disposal keeps it)
    assert not Evaluation.objects.filter(pk=evaluation_id).exists()
    assert not PaperEntry.objects.exists()
    assert stored(paper_scan)
    for callback in callbacks:
        callback()
    assert not stored(paper_scan)
    (item,) = disposal.items
    assert item["removed"]["paper_scan"] == 1


def test_a_refused_disposal_keeps_the_scan(world, paper_scan, clock):
    clock(dt.date(2029, 7, 24))  # the last day of the 3 years: not due yet
    with pytest.raises(DomainError, match="not due"):
        documents_dispose(
            actor=world.hr_head_user,
            organisation=world.org,
            evaluation_ids=[paper_scan.evaluation_id],
        )
    assert PaperEntry.objects.filter(pk=paper_scan.pk).exists()
    assert stored(paper_scan)
