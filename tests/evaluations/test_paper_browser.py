"""The paper fallback in a real browser, in Kazakh: the head of the HR service enters a KPI sheet
signed on paper with its scan (an error beside the row first), sees the mark on the sheet page;
the HR service's list of the quarter. Screenshots at 390 and 1366 px go to
tests/artifacts/paper/."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from bagalau.evaluations.models import EvaluationStatus, PaperEntry
from bagalau.evaluations.services.sheets import kpi_actuals_save
from tests.browser import ARTIFACTS, BROWSER, PHONE, chromium, page_as
from tests.evaluations.test_paper import PDF, stored_files
from tests.evaluations.test_sheets_cases import diff_case, kpi_case, rows, worked_actuals

pytestmark = BROWSER

WIDE = {"width": 1366, "height": 900}
SHOTS = ARTIFACTS / "paper"


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
    clock(dt.date(2026, 4, 8))
    evaluation.refresh_from_db()
    diff_case(world)
    return evaluation


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_enter_a_paper_kpi_sheet_in_kazakh(world, kpi, live_server, tmp_path):
    for path in stored_files():
        path.unlink()
    scan = tmp_path / "скан.pdf"
    scan.write_bytes(PDF)
    first, second, third = rows(kpi)
    with chromium() as browser:
        for viewport, suffix in ((WIDE, "1366"), (PHONE, "390")):
            page = page_as(
                browser, live_server.url, world.hr_staff_user, language="kk", viewport=viewport
            )
            page.goto(reverse("evaluations:period_paper", args=[kpi.period.pk]))
            assert "Қағаз тасымалдағыштағы парақтар" in page.inner_text("h1")
            shoot(page, f"period-kk-{suffix}")
            page.context.close()
            page = page_as(
                browser, live_server.url, world.hr_head_user, language="kk", viewport=viewport
            )
            page.goto(reverse("evaluations:paper_entry", args=[kpi.pk]))
            shoot(page, f"entry-kpi-kk-{suffix}")
            page.context.close()

        page = page_as(browser, live_server.url, world.hr_head_user, language="kk", viewport=WIDE)
        page.goto(reverse("evaluations:paper_entry", args=[kpi.pk]))
        page.fill(f"#id_score_{first.pk}", "4,50")
        page.fill(f"#id_score_{second.pk}", "3.40")
        page.fill(f"#id_score_{third.pk}", "0")
        page.fill("#id_signed_on", "2026-04-06")
        page.set_input_files("#id_scan", str(scan))
        page.get_by_role("button", name="Қағаздағы нәтижені енгізу").click()
        error = page.locator(f"#id_score_{first.pk} ~ .field-error")
        error.wait_for()
        assert "4.75-4.99" in error.inner_text()
        shoot(page, "entry-kpi-error-kk-1366")
        assert not PaperEntry.objects.exists()
        assert stored_files() == []

        page.fill(f"#id_score_{first.pk}", "4,80")
        page.set_input_files("#id_scan", str(scan))
        page.get_by_role("button", name="Қағаздағы нәтижені енгізу").click()
        page.get_by_test_id("paper-entry").wait_for()
        assert "06.04.2026" in page.get_by_test_id("paper-entry").inner_text()
        shoot(page, "sheet-entered-kk-1366")
        page.set_viewport_size(PHONE)
        shoot(page, "sheet-entered-kk-390")
    kpi.refresh_from_db()
    assert kpi.status == EvaluationStatus.SIGNED
    assert str(kpi.score) == "2.73"
    assert PaperEntry.objects.get(evaluation=kpi).scan_filename == "скан.pdf"


def test_the_differentiation_entry_page_in_kazakh(world, kpi, live_server):
    evaluation = kpi.period.evaluations.get(method="differentiation")
    with chromium() as browser:
        for viewport, suffix in ((WIDE, "1366"), (PHONE, "390")):
            page = page_as(
                browser, live_server.url, world.hr_head_user, language="kk", viewport=viewport
            )
            page.goto(reverse("evaluations:paper_entry", args=[evaluation.pk]))
            assert "4-қосымша" in page.inner_text("main")
            shoot(page, f"entry-diff-kk-{suffix}")
            page.context.close()
