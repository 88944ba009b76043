"""A sheet held on paper and entered by the head of the HR service (seed 002 p.3, p.29): the same
engine rules and transitions as an electronic sheet, the scan stored privately, the evaluation
marked "entered from paper", the evaluator's draft discarded (and audited); every refusal leaves
nothing behind, not even a file.

Worked examples (by hand):
- KPI (Q1 2026, head of the legal department): 38.8 of 40 = 97.00 % (App. 3: 4.75-4.99), 3
  complaints for 2 planned = 66.67 % (3.25-3.49), the rule not adopted = 0 % (0.00-0.24). The
  paper says 4.80, 3.40, 0.00: (4.80 + 3.40 + 0.00) / 3 = 8.20 / 3 = 2.7333 -> 2.73,
  "satisfactory" (2.00-2.99, p.7).
- Differentiation: 5, 4, 3, 4 -> 16 / 4 = 4.00, "effective" (4.00-5.00).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import ConflictError, DomainError
from bagalau.core.storage import private_storage
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    Method,
    PaperEntry,
    ParameterScore,
    ServiceRecordEntry,
)
from bagalau.evaluations.scans import check_scan
from bagalau.evaluations.services.paper import paper_result_enter
from bagalau.evaluations.services.sheets import (
    differentiation_save,
    kpi_actuals_save,
    kpi_sheet_save,
)
from bagalau.notifications.models import Notification
from tests.evaluations.test_sheets_cases import (
    diff_case,
    kpi_case,
    rows,
    snapshot,
    worked_actuals,
)

ENTRY_DAY = dt.date(2026, 4, 8)  # a Wednesday: familiarisation due Friday 10 April (p.11)
PAPER_DAY = dt.date(2026, 4, 6)


# --- files ---------------------------------------------------------------------------------------


def png_bytes(size: tuple[int, int] = (40, 30)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (250, 250, 240)).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (64, 48), 200).save(buffer, format="JPEG")
    return buffer.getvalue()


PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def upload(content: bytes = PDF, name: str = "scan.pdf", content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files() -> list[Path]:
    root = Path(private_storage.location)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture(autouse=True)
def _empty_private_storage():
    for path in stored_files():
        path.unlink()


# --- cases ---------------------------------------------------------------------------------------


@pytest.fixture
def kpi(world, clock):
    """The KPI sheet of Q1 2026 with HR's actual values in (version 2)."""
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


@pytest.fixture
def diff(world, clock):
    clock(ENTRY_DAY)
    return diff_case(world)


PAPER_SCORES = {"quality": 5, "timeliness": 4, "initiative": 3, "discipline": 4}
REASONS = {code: f"{code}: қағаздағы негіздеме" for code in PAPER_SCORES}


def enter_kpi(world, evaluation, *, scores=None, actor=None, **extra):
    first, second, third = rows(evaluation)
    values = {
        "actor": actor or world.hr_head_user,
        "evaluation_id": evaluation.pk,
        "version": evaluation.version,
        "signed_on": PAPER_DAY,
        "scan": upload(),
        "kpi_scores": scores
        if scores is not None
        else {first.pk: "4.80", second.pk: "3,40", third.pk: "0"},
    }
    values.update(extra)
    return paper_result_enter(**values)


def enter_diff(world, evaluation, *, actor=None, **extra):
    values = {
        "actor": actor or world.hr_head_user,
        "evaluation_id": evaluation.pk,
        "version": evaluation.version,
        "signed_on": PAPER_DAY.isoformat(),
        "scan": upload(png_bytes(), "scan.png", "image/png"),
        "scores": dict(PAPER_SCORES),
        "justifications": dict(REASONS),
        "justification": "Қағаздағы жалпы негіздеме",
    }
    values.update(extra)
    return paper_result_enter(**values)


# --- the worked examples -------------------------------------------------------------------------


def test_a_kpi_sheet_entered_from_paper(world, kpi):
    entered = enter_kpi(world, kpi)
    assert entered.status == EvaluationStatus.SIGNED
    assert (str(entered.score), entered.rating) == ("2.73", "satisfactory")
    assert [str(r.score) for r in rows(kpi)] == ["4.80", "3.40", "0.00"]
    assert [str(r.percent) for r in rows(kpi)] == ["97.00", "66.67", "0.00"]
    assert [(str(r.allowed_min), str(r.allowed_max)) for r in rows(kpi)] == [
        ("4.75", "4.99"),
        ("3.25", "3.49"),
        ("0.00", "0.24"),
    ]
    # the evaluator signed (on paper); the system's signature is the moment of the entry
    assert entered.signed_by == world.deputy_user
    assert entered.signed_at.date() == ENTRY_DAY
    assert entered.familiarisation_due == dt.date(2026, 4, 10)
    assert entered.version == 3

    entry = PaperEntry.objects.get(evaluation=kpi)
    assert entry.signed_on == PAPER_DAY
    assert entry.entered_by == world.hr_head_user
    assert entry.entered_at.date() == ENTRY_DAY
    assert (entry.scan_type, entry.scan_size) == ("application/pdf", len(PDF))
    assert entry.scan_sha256 == hashlib.sha256(PDF).hexdigest()
    assert entry.scan_filename == "scan.pdf"
    assert entry.scan.name.startswith("paper-scans/2026/")
    assert entry.scan.name.endswith(".pdf")
    with entry.scan.open("rb") as stored:
        assert stored.read() == PDF
    assert stored_files() == [Path(private_storage.location) / entry.scan.name]

    note = Notification.objects.get(recipient=world.a_head_user, kind="result_to_acknowledge")
    assert note.params["due"] == "10.04.2026"

    audit = AuditEntry.objects.get(action="paper_entry", object_id=str(kpi.pk))
    assert audit.actor == world.hr_head_user
    assert audit.changes["status"] == ["pending", "signed"]
    assert audit.changes["score"] == [None, "2.73"]
    assert audit.changes["paper_signed_on"] == [None, "2026-04-06"]
    assert audit.changes["paper_scan"][1]["sha256"] == entry.scan_sha256
    assert audit.changes["kpis[1].score"] == [None, "3.40"]
    assert "evaluator_draft" not in audit.changes  # the evaluator had saved nothing
    assert "entered from paper signed on 06.04.2026" in audit.summary


def test_the_evaluators_electronic_draft_is_discarded_and_audited(world, kpi):
    first, second, third = rows(kpi)
    kpi_sheet_save(
        actor=world.deputy_user,
        evaluation_id=kpi.pk,
        version=kpi.version,
        scores={first.pk: D("4.90")},
    )
    kpi.refresh_from_db()
    entered = enter_kpi(world, kpi)
    assert [str(r.score) for r in rows(kpi)] == ["4.80", "3.40", "0.00"]
    assert str(entered.score) == "2.73"
    audit = AuditEntry.objects.get(action="paper_entry")
    draft, fate = audit.changes["evaluator_draft"]
    assert fate == "discarded"
    # the draft: 4.90 chosen, the proposals 3.33 and 0.00 stored for the others
    assert draft == {"kpis[0].score": "4.90", "kpis[1].score": "3.33", "kpis[2].score": "0.00"}
    assert audit.changes["kpis[0].score"] == ["4.90", "4.80"]
    assert "kpis[2].score" not in audit.changes  # 0.00 on paper as in the draft
    assert "electronic draft was discarded" in audit.summary


def test_a_differentiation_sheet_entered_from_paper_replaces_the_draft(world, diff):
    differentiation_save(
        actor=world.a_head_user,
        evaluation_id=diff.pk,
        version=diff.version,
        scores={"quality": 3, "timeliness": 3},
        justifications={"quality": "жоба"},
        justification="Электрондық жоба",
    )
    diff.refresh_from_db()
    entered = enter_diff(world, diff)
    assert entered.status == EvaluationStatus.SIGNED
    assert (str(entered.score), entered.rating) == ("4.00", "effective")
    assert entered.justification == "Қағаздағы жалпы негіздеме"
    stored = {
        p.parameter: (p.score, p.justification)
        for p in ParameterScore.objects.filter(evaluation=diff)
    }
    assert stored == {code: (PAPER_SCORES[code], REASONS[code]) for code in PAPER_SCORES}
    entry = PaperEntry.objects.get(evaluation=diff)
    assert (entry.scan_type, entry.signed_on) == ("image/png", PAPER_DAY)
    assert entry.scan.name.endswith(".png")
    audit = AuditEntry.objects.get(action="paper_entry")
    assert audit.changes["evaluator_draft"] == [
        {
            "scores.quality": 3,
            "justifications.quality": "жоба",
            "scores.timeliness": 3,
            "justification": "Электрондық жоба",
        },
        "discarded",
    ]
    assert audit.changes["scores.quality"] == [3, 5]
    assert audit.changes["scores.initiative"] == [None, 3]
    assert audit.changes["justification"] == ["Электрондық жоба", "Қағаздағы жалпы негіздеме"]


def test_a_jpeg_scan_is_accepted_whatever_its_name(world, diff):
    content = jpeg_bytes()
    enter_diff(world, diff, scan=upload(content, "скан.PDF", "application/pdf"))
    entry = PaperEntry.objects.get(evaluation=diff)
    assert entry.scan_type == "image/jpeg"  # the content decides, not the name or the browser
    assert entry.scan.name.endswith(".jpg")
    assert entry.scan_filename == "скан.PDF"


def test_dismissed_before_the_deadline_the_paper_result_is_final_at_once(world, diff):
    Evaluation.objects.filter(pk=diff.pk).update(reason="in_absentia")
    diff.refresh_from_db()
    entered = enter_diff(world, diff)
    assert entered.status == EvaluationStatus.FINAL
    assert entered.familiarisation_due is None
    record = ServiceRecordEntry.objects.get(evaluation=diff)
    assert (str(record.score), record.rating) == ("4.00", "effective")
    assert not Notification.objects.filter(kind="result_to_acknowledge").exists()


def test_a_deferred_kpi_sheet_may_be_entered_from_paper(world, kpi):
    Evaluation.objects.filter(pk=kpi.pk).update(status=EvaluationStatus.DEFERRED)
    kpi.refresh_from_db()
    assert enter_kpi(world, kpi).status == EvaluationStatus.SIGNED


# --- refused: nothing written, no file -----------------------------------------------------------


def refused(evaluation, call, field, fragment=""):
    before = snapshot(evaluation)
    with pytest.raises(DomainError) as caught:
        call()
    assert caught.value.field == field, caught.value
    assert fragment in caught.value.message, caught.value.message
    assert snapshot(evaluation) == before
    assert not PaperEntry.objects.exists()
    assert stored_files() == []
    return caught.value


def test_a_kpi_score_outside_its_app3_range_is_refused(world, kpi):
    first, second, third = rows(kpi)
    refused(
        kpi,
        lambda: enter_kpi(world, kpi, scores={first.pk: "4.50", second.pk: "3.40", third.pk: "0"}),
        "kpis[0].score",
        "outside the range 4.75-4.99",
    )


def test_every_kpi_needs_the_score_written_on_paper(world, kpi):
    first, second, third = rows(kpi)
    refused(
        kpi,
        lambda: enter_kpi(world, kpi, scores={first.pk: "4.80", third.pk: "0"}),
        "kpis[1].score",
        "Enter the score written on the paper sheet",
    )


def test_a_kpi_score_with_three_decimals_is_refused(world, kpi):
    first, second, third = rows(kpi)
    refused(
        kpi,
        lambda: enter_kpi(world, kpi, scores={first.pk: "4.805", second.pk: "3.40", third.pk: "0"}),
        "kpis[0].score",
    )


def test_the_actual_values_must_be_in_first(world, clock):
    clock(ENTRY_DAY)
    evaluation = kpi_case(world)
    first, second, third = rows(evaluation)
    refused(
        evaluation,
        lambda: enter_kpi(
            world, evaluation, scores={first.pk: "4.80", second.pk: "3.40", third.pk: "0"}
        ),
        "kpis[0].actual",
        "has not entered the actual value",
    )


def test_an_unknown_kpi_row_is_refused(world, kpi):
    first, second, third = rows(kpi)
    scores = {first.pk: "4.80", second.pk: "3.40", third.pk: "0", 999999: "5"}
    refused(kpi, lambda: enter_kpi(world, kpi, scores=scores), "kpis", "999999")


@pytest.mark.parametrize(
    ("value", "field"),
    [
        (6, "scores.quality"),
        ("3.5", "scores.quality"),
        (-1, "scores.quality"),
        ("", "scores.quality"),
        (None, "scores.quality"),
    ],
)
def test_a_parameter_is_whole_points_from_0_to_5_and_required(world, diff, value, field):
    scores = dict(PAPER_SCORES, quality=value)
    refused(diff, lambda: enter_diff(world, diff, scores=scores), field)


def test_the_justification_of_the_result_is_required(world, diff):
    refused(
        diff,
        lambda: enter_diff(world, diff, justification="   "),
        "justification",
        "justification",
    )


def test_an_unknown_parameter_is_refused(world, diff):
    refused(
        diff,
        lambda: enter_diff(world, diff, justifications={"charm": "..."}),
        "justifications.charm",
    )


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (dt.date(2026, 4, 9), "cannot be in the future"),
        (dt.date(2025, 12, 31), "before the evaluated period began (01.01.2026)"),
        ("06/04/2026", "Enter the date"),
        ("", "Enter the date"),
    ],
)
def test_the_paper_signature_date(world, diff, value, fragment):
    refused(diff, lambda: enter_diff(world, diff, signed_on=value), "signed_on", fragment)


def test_a_scan_is_required(world, diff):
    refused(diff, lambda: enter_diff(world, diff, scan=None), "scan", "Attach the scan")


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "scan.gif"),
        (b"<html><script>alert(1)</script></html>", "scan.pdf"),
        (b"PK\x03\x04 a zip named as a PNG", "scan.png"),
        (b"", "scan.pdf"),
    ],
)
def test_a_file_that_is_not_a_pdf_jpeg_or_png_is_refused(world, diff, content, name):
    refused(
        diff,
        lambda: enter_diff(world, diff, scan=upload(content, name)),
        "scan",
        "must be a PDF, JPEG or PNG",
    )


@pytest.mark.parametrize(
    "content",
    [
        png_bytes()[:60],  # a PNG cut short
        jpeg_bytes()[:200],  # a JPEG cut short
        b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n",  # a PDF without its end
    ],
    ids=["png", "jpeg", "pdf"],
)
def test_a_damaged_scan_is_refused(world, diff, content):
    refused(
        diff,
        lambda: enter_diff(world, diff, scan=upload(content, "scan.bin")),
        "scan",
        "damaged or incomplete",
    )


def test_an_oversized_scan_is_refused(world, diff, settings):
    settings.PAPER_SCAN_MAX_BYTES = 1024 * 1024
    content = b"%PDF-1.4\n" + b"0" * (1024 * 1024) + b"\n%%EOF\n"
    error = refused(
        diff,
        lambda: enter_diff(world, diff, scan=upload(content)),
        "scan",
        "a scan may be at most 1.0\xa0MB",
    )
    assert error.params["size"] == "1.0\xa0MB"  # 1 048 592 bytes


@pytest.mark.parametrize(
    "status", [EvaluationStatus.SIGNED, EvaluationStatus.FINAL, EvaluationStatus.NOT_EVALUATED]
)
def test_only_an_unsigned_sheet(world, diff, status):
    Evaluation.objects.filter(pk=diff.pk).update(status=status)
    diff.refresh_from_db()
    refused(diff, lambda: enter_diff(world, diff), "status")


def test_a_stale_version_is_a_conflict(world, diff):
    before = snapshot(diff)
    with pytest.raises(ConflictError):
        enter_diff(world, diff, version=diff.version + 1)
    assert snapshot(diff) == before
    assert stored_files() == []


def test_an_annual_result_is_not_held_on_paper(world, diff):
    Evaluation.objects.filter(pk=diff.pk).update(method=Method.ANNUAL)
    diff.refresh_from_db()
    refused(diff, lambda: enter_diff(world, diff), "method")


def test_a_failure_after_the_scan_was_stored_removes_it(world, diff, monkeypatch):
    from bagalau.evaluations.services import paper

    def broken(**kwargs):
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(paper, "audit_log", broken)
    before = snapshot(diff)
    with pytest.raises(RuntimeError):
        enter_diff(world, diff)
    assert snapshot(diff) == before
    assert not PaperEntry.objects.exists()
    assert stored_files() == []


# --- who may ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "error"),
    [
        ("a_head_user", PermissionDenied),  # the evaluator: not for himself, it is HR's
        ("a_staff1_user", PermissionDenied),  # the evaluatee
        ("hr_staff_user", PermissionDenied),  # HR staff: p.20, results only for the head
        ("b_head_user", Http404),
        ("head_user", Http404),
        ("admin_user", Http404),
        ("outsider_user", Http404),
    ],
)
def test_only_the_head_of_the_hr_service_enters_a_paper_result(world, diff, who, error):
    before = snapshot(diff)
    with pytest.raises(error):
        enter_diff(world, diff, actor=getattr(world, who))
    assert snapshot(diff) == before
    assert not PaperEntry.objects.exists()
    assert stored_files() == []


def test_the_head_of_the_hr_service_does_not_enter_his_own_sheet(world, clock):
    """hr_head is evaluated by KPI too: his own result is not his to enter."""
    clock(ENTRY_DAY)
    evaluation = diff_case(
        world,
        servant=world.hr_head,
        assignment=world.hr_head_assignment,
        evaluator=world.deputy,
    )
    before = snapshot(evaluation)
    with pytest.raises(PermissionDenied):
        enter_diff(world, evaluation)
    assert snapshot(evaluation) == before


def test_the_head_of_the_hr_service_does_not_enter_a_sheet_he_evaluates(world, clock):
    clock(ENTRY_DAY)
    evaluation = diff_case(
        world,
        servant=world.hr_staff,
        assignment=world.hr_staff_assignment,
        evaluator=world.hr_head,
    )
    before = snapshot(evaluation)
    with pytest.raises(PermissionDenied):
        enter_diff(world, evaluation)
    assert snapshot(evaluation) == before


# --- the scan check alone ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [(PDF, "application/pdf"), (png_bytes(), "image/png"), (jpeg_bytes(), "image/jpeg")],
    ids=["pdf", "png", "jpeg"],
)
def test_check_scan_detects_the_type_from_the_content(content, expected):
    found = check_scan(upload(content, "whatever.txt", "text/plain"))
    assert found.content_type == expected
    assert found.size == len(content)
    assert found.sha256 == hashlib.sha256(content).hexdigest()
