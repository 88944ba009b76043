"""Exports for orders (issue 14 item 2): each XLSX holds exactly what its page shows, with a
frozen header row, headers in the reader's language, scores as numbers and dates as dates, user
text never turned into a formula; only the head of HR gets files with results (HR staff 403,
anyone else 404, nothing written for them), the 360 progress also for HR staff, and every
download is audited."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal as D

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from bagalau.audit.models import AuditEntry
from bagalau.evaluations.models import EvaluationStatus, Method, PeriodKind
from tests.factories import EvaluationFactory, PeriodFactory, ScheduleFactory

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_ROW = 6  # four heading lines (title, organisation, date, confidentiality), a blank line


def urls(w):
    return {
        "results": reverse("exports:results", args=[w.q1.pk]),
        "consequences": reverse("exports:consequences", args=[w.q1.pk]),
        "calibration": reverse("exports:calibration", args=[2026]),
        "survey360": reverse("exports:survey360", args=[w.campaign.pk]),
    }


def download(client, user, url, language="en"):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(url)


def rows(response, sheet=0):
    book = load_workbook(io.BytesIO(response.content))
    ws = book.worksheets[sheet]
    return ws, [list(r) for r in ws.iter_rows(min_row=HEADER_ROW, values_only=True)]


@pytest.mark.django_db
def test_results_by_unit_are_numbers_and_dates_under_a_frozen_header(client, data):
    response = download(client, data.hr_head_user, urls(data)["results"])
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Cache-Control"] == "private, no-store"
    assert "results-2026-q1.xlsx" in response["Content-Disposition"]
    ws, table = rows(response)
    assert ws["A4"].value == "Confidential: evaluation results (p.15, p.20)."
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    assert table[0][:7] == ["unit", "servant", "position", "method", "status", "score", "rating"]
    by_name = {row[1]: row for row in table[1:]}
    assert set(by_name) == {data.a_staff1.full_name, data.a_staff2.full_name}  # not the pending
    strong = by_name[data.a_staff2.full_name]
    assert (strong[5], strong[7]) == (4.5, None)  # final, never calibrated
    assert ws.cell(row=HEADER_ROW + 1 + table[1:].index(strong), column=6).number_format == "0.00"
    weak = by_name[data.a_staff1.full_name]
    assert (weak[5], weak[7]) == (2.4, "yes")  # the calibrated score stands
    assert weak[8] == dt.datetime(2026, 4, 20)
    row = HEADER_ROW + 1 + table[1:].index(weak)
    assert ws.cell(row=row, column=9).number_format == "DD.MM.YYYY"
    # a unit named like a formula stays text
    cell = ws.cell(row=row, column=1)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://evil")', "s")


@pytest.mark.django_db
def test_the_p8_lists_are_the_consequences_page_s_lists(client, data):
    response = download(client, data.hr_head_user, urls(data)["consequences"])
    book = load_workbook(io.BytesIO(response.content))
    assert [ws.title for ws in book.worksheets] == [
        "Eligible for a bonus",
        "Needs training",
        "Unsatisfactory results",
    ]
    page = download(
        client, data.hr_head_user, reverse("evaluations:consequences", args=[data.q1.pk])
    )
    for index, name in enumerate(("bonus", "training", "unsatisfactory")):
        _ws, table = rows(response, index)
        on_page = [
            line.evaluation.servant.full_name
            for line in dict((key, lines) for key, _label, lines in page.context["sections"])[name]
        ]
        assert [row[1] for row in table[1:]] == on_page
    _ws, bonus = rows(response, 0)
    assert bonus[1][:2] == [1, data.a_staff2.full_name]


@pytest.mark.django_db
def test_calibration_outcomes_show_the_adopted_score(client, data):
    _ws, table = rows(download(client, data.hr_head_user, urls(data)["calibration"]))
    (line,) = table[1:]
    assert line[0] == data.a_staff1.full_name
    assert line[3] == dt.datetime(2026, 4, 22)
    assert (line[5], line[9]) == (1.5, 2.4)
    assert line[11] == dt.datetime(2026, 5, 7)


@pytest.mark.django_db
def test_360_progress_counts_and_never_names_a_respondent(client, data):
    response = download(client, data.hr_staff_user, urls(data)["survey360"])
    assert response.status_code == 200
    ws, table = rows(response)
    assert ws["A4"].value is None  # counts only: not marked as results
    whole = table[-1]
    assert whole[1:5] == [1, 2, 3, 67]
    text = " ".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v)
    for key in ("a_staff2", "b_staff1", "a_head"):
        assert getattr(data, key).full_name not in text


@pytest.mark.django_db
def test_headers_are_in_kazakh_for_a_kazakh_reader(client, data):
    _ws, table = rows(download(client, data.hr_head_user, urls(data)["results"], "kk"))
    assert table[0][0] == "бөлімше"


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["results", "consequences", "calibration", "survey360"])
def test_every_download_is_audited(client, data, code):
    before = AuditEntry.objects.count()
    assert download(client, data.hr_head_user, urls(data)[code]).status_code == 200
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.order_by("-pk").first()
    assert entry is not None
    assert (entry.action, entry.actor_id) == (f"export_{code}", data.hr_head_user.pk)


#: Who gets which file: (user, export) -> status.
MATRIX = {
    "hr_head_user": {"results": 200, "consequences": 200, "calibration": 200, "survey360": 200},
    "hr_staff_user": {"results": 403, "consequences": 403, "calibration": 403, "survey360": 200},
    "head_user": {"results": 404, "consequences": 404, "calibration": 404, "survey360": 404},
    "a_head_user": {"results": 404, "consequences": 404, "calibration": 404, "survey360": 404},
    "a_staff1_user": {"results": 404, "consequences": 404, "calibration": 404, "survey360": 404},
    "admin_user": {"results": 404, "consequences": 404, "calibration": 404, "survey360": 404},
    "outsider_user": {"results": 404, "consequences": 404, "calibration": 404, "survey360": 404},
}


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(MATRIX))
def test_the_permission_matrix(client, data, key):
    for code, expected in MATRIX[key].items():
        before = AuditEntry.objects.count()
        response = download(client, getattr(data, key), urls(data)[code])
        assert response.status_code == expected, (key, code)
        if expected != 200:
            assert response["Content-Type"] != XLSX
            assert AuditEntry.objects.count() == before, (key, code)


@pytest.mark.django_db
def test_anonymous_and_another_organisation_s_objects(client, data):
    for url in urls(data).values():
        response = client.get(url)
        assert response.status_code == 302
    assert (
        download(client, data.hr_head_user, reverse("exports:results", args=[999999])).status_code
        == 404
    )
    assert (
        download(client, data.hr_head_user, reverse("exports:calibration", args=[1999])).status_code
        == 404
    )


@pytest.mark.django_db
def test_the_exports_page_offers_what_the_reader_may_take(client, data):
    page = download(client, data.hr_head_user, reverse("exports:list"))
    html = page.content.decode()
    for testid in (
        "export-results",
        "export-consequences",
        "export-calibration",
        "export-survey360",
    ):
        assert f'data-testid="{testid}"' in html
    page = download(client, data.hr_staff_user, reverse("exports:list"))
    html = page.content.decode()
    assert 'data-testid="export-survey360"' in html
    assert 'data-testid="export-results"' not in html
    assert b"export-" not in download(client, data.a_staff1_user, reverse("exports:list")).content


@pytest.fixture
def earlier_editions(data):
    """The same body's earlier years: a moj-2017 quarter (2017 Q3) and a typical-2018 year
    (sjc-2018, 2019), each with a final result the commission decided."""

    def year_of(edition, year, **period):
        schedule = ScheduleFactory(
            organisation=data.org, drafted_by=data.hr_staff_user, year=year, edition=edition
        )
        return PeriodFactory(schedule=schedule, **period)

    data.moj_q3 = year_of("moj-2017", 2017, number=3)
    data.typical_year = year_of(
        "sjc-2018",
        2019,
        kind=PeriodKind.ANNUAL,
        number=None,
        starts=dt.date(2019, 1, 1),
        ends=dt.date(2019, 12, 31),
        deadline=dt.date(2019, 12, 31),
    )
    for period, edition, method, score, rating in (
        (data.moj_q3, "moj-2017", Method.MOJ_QUARTER, "107.00", "effective"),
        (data.typical_year, "sjc-2018", Method.KPI_COMPETENCY, "5.00", "excellent"),
    ):
        EvaluationFactory(
            period=period,
            servant=data.a_staff2,
            assignment=data.a_staff2_assignment,
            evaluator=data.a_head,
            edition=edition,
            method=method,
            status=EvaluationStatus.FINAL,
            score=D(score),
            rating=rating,
            final_score=D(score),
            final_rating=rating,
        )
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("period", "score", "rating"),
    [("moj_q3", 107.0, "Effective"), ("typical_year", 5.0, "Excellent")],
)
def test_the_results_of_an_earlier_editions_period_read_in_its_words(
    client, earlier_editions, period, score, rating
):
    """A moj-2017 quarter (seed 001 p.27) or a typical-2018 year (seed 004 p.18): its results
    export with the rating as that edition words it (a server error before)."""
    url = reverse("exports:results", args=[getattr(earlier_editions, period).pk])
    response = download(client, earlier_editions.hr_head_user, url)
    assert response.status_code == 200
    _, table = rows(response)
    assert [(row[1], row[5], row[6]) for row in table[1:]] == [
        (earlier_editions.a_staff2.full_name, score, rating)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("period", ["moj_q3", "typical_year"])
def test_the_p8_lists_are_neither_offered_nor_made_for_an_earlier_edition(
    client, earlier_editions, period
):
    """The p.8 lists and calibration are sjc-2023's (seed 002 p.8, p.37-41); the other editions
    decide through their commission and the register of decisions."""
    target = getattr(earlier_editions, period)
    before = AuditEntry.objects.count()
    url = reverse("exports:consequences", args=[target.pk])
    assert download(client, earlier_editions.hr_head_user, url).status_code == 404
    assert AuditEntry.objects.count() == before
    html = download(client, earlier_editions.hr_head_user, reverse("exports:list")).content
    html = html.decode()
    assert reverse("exports:results", args=[target.pk]) in html
    assert url not in html
    assert reverse("exports:consequences", args=[earlier_editions.q1.pk]) in html
    # Nor calibration outcomes: calibration sessions are sjc-2023's too (seed 002 p.37-41).
    calibration = reverse("exports:calibration", args=[target.schedule.year])
    assert calibration not in html
    assert reverse("exports:calibration", args=[2026]) in html
    assert download(client, earlier_editions.hr_head_user, calibration).status_code == 404
    assert AuditEntry.objects.count() == before
