"""The paper fallback's pages: the head of the HR service's entry form (multipart), the scan for
those who may see the result, the HR service's list of a quarter's sheets on paper, and what the
sheet page says about it. Every page has its permission matrix: refused -> nothing changed, no
file written.

Worked example: the Q1 2026 KPI sheet of the head of the legal department (97.00 %, 66.67 %,
0 %): the paper says 4.80, 3.40, 0.00 -> 8.20 / 3 = 2.73 "satisfactory".
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.evaluations.models import Evaluation, EvaluationStatus, PaperEntry
from bagalau.evaluations.services.sheets import kpi_actuals_save, kpi_sheet_save
from tests.evaluations.test_paper import (
    PDF,
    enter_diff,
    png_bytes,
    stored_files,
    upload,
)
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


def url(name, *args):
    return reverse(f"evaluations:{name}", args=args)


def kpi_post(evaluation, **extra):
    first, second, third = rows(evaluation)
    data = {
        "version": evaluation.version,
        "signed_on": "2026-04-06",
        f"score_{first.pk}": "4.80",
        f"score_{second.pk}": "3.40",
        f"score_{third.pk}": "0",
        "scan": upload(),
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def test_the_head_of_hr_enters_a_kpi_sheet_signed_on_paper(client, world, kpi):
    client.force_login(world.hr_head_user)
    page = client.get(url("paper_entry", kpi.pk)).content.decode()
    for text in (
        "Enter a result held on paper",
        "Қаралған өтініштер",
        "38.8",
        f"/documents/evaluations/{kpi.pk}/blank.pdf?lang=kk",
        'enctype="multipart/form-data"',
        'type="file"',
    ):
        assert text in page, text
    assert 'data-testid="draft-warning"' not in page

    response = client.post(url("paper_entry", kpi.pk), kpi_post(kpi))
    assert response.status_code == 302
    assert response["Location"] == url("sheet", kpi.pk)
    kpi.refresh_from_db()
    assert (kpi.status, str(kpi.score), kpi.rating) == ("signed", "2.73", "satisfactory")
    assert kpi.familiarisation_due == dt.date(2026, 4, 10)
    entry = PaperEntry.objects.get(evaluation=kpi)
    assert entry.signed_on == dt.date(2026, 4, 6)

    sheet = client.get(response["Location"]).content.decode()
    assert (
        "The paper result was entered. The servant is asked to acknowledge it by 10.04.2026."
        in (sheet)
    )
    assert 'data-testid="paper-entry"' in sheet
    assert "The evaluator signed the paper sheet on 06.04.2026" in sheet
    assert "Кадрова Гүлнар entered it on 08.04.2026" in sheet
    assert url("paper_scan", kpi.pk) in sheet


def test_the_draft_warning_and_a_score_outside_the_range_next_to_its_row(client, world, kpi):
    first, second, third = rows(kpi)
    kpi_sheet_save(actor=world.deputy_user, evaluation_id=kpi.pk, version=kpi.version, scores={})
    kpi.refresh_from_db()
    client.force_login(world.hr_head_user)
    assert 'data-testid="draft-warning"' in client.get(url("paper_entry", kpi.pk)).content.decode()
    before = snapshot(kpi)
    response = client.post(
        url("paper_entry", kpi.pk), kpi_post(kpi, **{f"score_{first.pk}": "4.5"})
    )
    assert response.status_code == 400
    page = response.content.decode()
    cell = page[page.index(f'name="score_{first.pk}"') :]
    cell = cell[: cell.index("</td>")]
    assert "outside the range 4.75-4.99" in cell  # beside the first KPI's score
    assert 'value="4.5"' in cell  # what was typed is kept
    assert snapshot(kpi) == before
    assert stored_files() == []


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"scan": None}, "scan", "Attach the scan of the signed paper sheet"),
        ({"scan": "text"}, "scan", "must be a PDF, JPEG or PNG"),
        ({"signed_on": "2026-05-01"}, "signed_on", "cannot be in the future"),
        ({"signed_on": ""}, "signed_on", "Enter the date on which the evaluator signed"),
    ],
)
def test_bad_input_is_shown_beside_its_field(client, world, kpi, change, field, message):
    if change.get("scan") == "text":
        change = {"scan": upload(b"just some text", "scan.pdf")}
    client.force_login(world.hr_head_user)
    before = snapshot(kpi)
    response = client.post(url("paper_entry", kpi.pk), kpi_post(kpi, **change))
    assert response.status_code == 400
    page = response.content.decode()
    block = page[page.index(f'name="{field}"') :]
    block = block[: block.index("</div>")]
    assert message in block, block
    assert snapshot(kpi) == before
    assert not PaperEntry.objects.exists()
    assert stored_files() == []


def test_an_oversized_scan_is_refused_on_the_page(client, world, kpi, settings):
    settings.PAPER_SCAN_MAX_BYTES = 2048
    client.force_login(world.hr_head_user)
    before = snapshot(kpi)
    big = upload(b"%PDF-1.4\n" + b"x" * 4096 + b"\n%%EOF\n")
    response = client.post(url("paper_entry", kpi.pk), kpi_post(kpi, scan=big))
    assert response.status_code == 400
    # 4 112 bytes against 2 048: "4.0 KB" and "2.0 KB" (non-breaking spaces)
    assert "The scan is 4.0\xa0KB; a scan may be at most 2.0\xa0KB." in response.content.decode()
    assert snapshot(kpi) == before
    assert stored_files() == []


def test_an_already_signed_sheet_is_refused(client, world, kpi):
    Evaluation.objects.filter(pk=kpi.pk).update(status=EvaluationStatus.SIGNED)
    kpi.refresh_from_db()
    client.force_login(world.hr_head_user)
    assert 'data-testid="closed"' in client.get(url("paper_entry", kpi.pk)).content.decode()
    before = snapshot(kpi)
    response = client.post(url("paper_entry", kpi.pk), kpi_post(kpi))
    assert response.status_code == 400
    page = response.content.decode()
    assert "This sheet is signed and can no longer be changed." in page
    assert snapshot(kpi) == before
    assert stored_files() == []


def test_a_differentiation_sheet_on_the_page(client, world, clock):
    clock(ENTRY_DAY)
    evaluation = diff_case(world)
    client.force_login(world.hr_head_user)
    page = client.get(url("paper_entry", evaluation.pk)).content.decode()
    assert "Scores as written on the paper sheet (App. 4)" in page
    assert 'name="score_quality"' in page
    data = {
        "version": evaluation.version,
        "signed_on": "2026-04-07",
        "score_quality": "5",
        "score_timeliness": "4",
        "score_initiative": "3",
        "score_discipline": "4",
        "justification_quality": "Ескерту болған жоқ",
        "justification": "",
        "scan": upload(png_bytes(), "scan.png", "image/png"),
    }
    response = client.post(url("paper_entry", evaluation.pk), data)
    assert response.status_code == 400
    page = response.content.decode()
    block = page[page.index('name="justification"') :]
    assert "Enter the justification of the score written on the paper sheet" in block[:600]
    data["justification"] = "Тапсырмаларды сапалы орындады"
    data["scan"] = upload(png_bytes(), "scan.png", "image/png")
    assert client.post(url("paper_entry", evaluation.pk), data).status_code == 302
    evaluation.refresh_from_db()
    assert (str(evaluation.score), evaluation.rating) == ("4.00", "effective")


# --- the permission matrices ---------------------------------------------------------------------

ROLES = [
    "anonymous",
    "evaluator",
    "evaluatee",
    "hr_staff",
    "hr_head",
    "other_manager",
    "apparatus_head",
    "admin",
    "outsider",
]


def user_of(world, role):
    return {
        "evaluator": world.deputy_user,
        "evaluatee": world.a_head_user,
        "hr_staff": world.hr_staff_user,
        "hr_head": world.hr_head_user,
        "other_manager": world.b_head_user,
        "apparatus_head": world.head_user,
        "admin": world.admin_user,
        "outsider": world.outsider_user,
    }[role]


ENTRY = {
    "evaluator": 403,
    "evaluatee": 403,
    "hr_staff": 403,
    "hr_head": 200,
    "other_manager": 404,
    "apparatus_head": 404,
    "admin": 404,
    "outsider": 404,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_entry_permission_matrix(client, world, kpi, role, method):
    before = snapshot(kpi)
    if role != "anonymous":
        client.force_login(user_of(world, role))
    data = kpi_post(kpi) if method == "post" else None
    response = getattr(client, method)(url("paper_entry", kpi.pk), data)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        expected = ENTRY[role]
        if method == "post" and expected == 200:
            expected = 302
        assert response.status_code == expected, (role, method)
    if role != "hr_head" or method == "get":
        assert snapshot(kpi) == before
        assert not PaperEntry.objects.exists()
        assert stored_files() == []


SCAN = {
    "evaluator": 200,
    "evaluatee": 200,
    "hr_head": 200,
    "participant": 200,
    "hr_staff": 404,  # HR staff never see a result (p.20)
    "other_manager": 404,
    "apparatus_head": 404,
    "admin": 404,
    "outsider": 404,
}


@pytest.fixture
def entered(world, clock):
    clock(ENTRY_DAY)
    evaluation = diff_case(world)
    enter_diff(world, evaluation)
    evaluation.refresh_from_db()
    return evaluation


def diff_user(world, role, evaluation):
    if role == "participant":
        return participant(world, evaluation)
    return {
        "evaluator": world.a_head_user,
        "evaluatee": world.a_staff1_user,
    }.get(role) or user_of(world, role)


@pytest.mark.parametrize("role", ["anonymous", *SCAN])
def test_scan_permission_matrix(client, world, entered, role):
    reads = AuditEntry.objects.filter(action="download_scan")
    if role == "anonymous":
        response = client.get(url("paper_scan", entered.pk))
        assert response.status_code == 302
        assert not reads.exists()
        return
    user = diff_user(world, role, entered)
    client.force_login(user)
    response = client.get(url("paper_scan", entered.pk))
    assert response.status_code == SCAN[role], role
    if SCAN[role] == 200:
        content = b"".join(response.streaming_content)
        assert content == png_bytes()
        assert response["Content-Type"] == "image/png"
        assert response["Content-Disposition"].startswith("attachment;")
        assert f"paper-sheet-scan-{entered.pk}.png" in response["Content-Disposition"]
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert reads.get().actor == user
    else:
        assert not reads.exists()


def test_no_scan_for_a_sheet_signed_in_the_system(client, world, clock):
    clock(ENTRY_DAY)
    evaluation = diff_case(world, status=EvaluationStatus.SIGNED)
    client.force_login(world.hr_head_user)
    assert client.get(url("paper_scan", evaluation.pk)).status_code == 404
    assert not AuditEntry.objects.filter(action="download_scan").exists()


def test_the_scan_has_no_public_url(client, world, entered):
    """Neither MEDIA_URL nor the static files serve the private storage."""
    from bagalau.core.storage import private_storage

    entry = PaperEntry.objects.get(evaluation=entered)
    with pytest.raises(ValueError, match="no URL"):
        entry.scan.url  # noqa: B018
    with pytest.raises(ValueError, match="no URL"):
        private_storage.url(entry.scan.name)
    client.force_login(world.hr_head_user)
    for path in (f"/{entry.scan.name}", f"/media/{entry.scan.name}", f"/static/{entry.scan.name}"):
        assert client.get(path).status_code == 404, path


PERIOD = {
    "evaluator": 403,  # a_head: in the organisation, not HR
    "evaluatee": 403,
    "hr_staff": 200,
    "hr_head": 200,
    "other_manager": 403,
    "apparatus_head": 403,
    "admin": 403,
    "outsider": 404,
}


@pytest.mark.parametrize("role", ROLES)
def test_period_list_permission_matrix(client, world, kpi, role):
    if role != "anonymous":
        client.force_login(user_of(world, role))
    response = client.get(url("period_paper", kpi.period.pk))
    if role == "anonymous":
        assert response.status_code == 302
        return
    assert response.status_code == PERIOD[role], role


def test_the_period_list_shows_statuses_blanks_and_entries(client, world, kpi, clock):
    signed_on_paper = diff_case(world)
    enter_diff(world, signed_on_paper)
    client.force_login(world.hr_staff_user)
    page = client.get(url("period_paper", kpi.period.pk)).content.decode()
    assert "Әлиев Арман" in page
    assert f"/documents/evaluations/{kpi.pk}/blank.pdf?lang=ru" in page
    assert "entered from paper (signed 06.04.2026, entered 08.04.2026)" in page
    assert f"/documents/evaluations/{signed_on_paper.pk}/blank.pdf" not in page
    assert "4.00" not in page  # statuses only: the paper result is 4.00
    assert url("paper_entry", kpi.pk) not in page  # HR staff do not enter results
    client.force_login(world.hr_head_user)
    page = client.get(url("period_paper", kpi.period.pk)).content.decode()
    assert url("paper_entry", kpi.pk) in page


def test_the_sheet_page_offers_the_blank_and_the_entry(client, world, kpi):
    client.force_login(world.deputy_user)
    page = client.get(url("sheet", kpi.pk)).content.decode()
    assert f"/documents/evaluations/{kpi.pk}/blank.pdf?lang=kk" in page
    assert url("paper_entry", kpi.pk) not in page  # not the evaluator's to enter
    client.force_login(world.hr_head_user)
    page = client.get(url("sheet", kpi.pk)).content.decode()
    assert url("paper_entry", kpi.pk) in page
    client.force_login(world.a_head_user)  # the evaluatee: nothing about paper
    page = client.get(url("sheet", kpi.pk)).content.decode()
    assert "blank.pdf" not in page
    assert url("paper_entry", kpi.pk) not in page


def test_the_printed_sheet_says_it_was_entered_from_paper(client, world, entered):
    from tests.documents.conftest import pdf_text

    client.force_login(world.a_staff1_user)
    response = client.get(f"/documents/evaluations/{entered.pk}/sheet.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Қағаз тасымалдағышта жүргізілген бағалау" in text
    assert "бағалаушы параққа 06.04.2026 қол қойды" in text
    assert "08.04.2026 енгізген: Кадрова Г." in text
    assert "қағаз тасымалдағышта қол қойылды" in text
    assert "ақпараттық жүйеде қол қойылды" not in text
    response = client.get(f"/documents/evaluations/{entered.pk}/sheet.pdf?lang=en")
    assert "Evaluated on paper: the evaluator signed the sheet on 06.04.2026" in pdf_text(
        response.content
    )


def test_the_pdf_scan_too(client, world, kpi):
    client.force_login(world.hr_head_user)
    assert client.post(url("paper_entry", kpi.pk), kpi_post(kpi)).status_code == 302
    response = client.get(url("paper_scan", kpi.pk))
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
