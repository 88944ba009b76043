"""PDF layout of the 360 report (App. 8) and the analytics report (issue 13 item 10): no nearly
empty page, the radar chart whole on one page with its heading, the anonymity note not alone on
the last page. The PDFs are saved under tests/artifacts/layout-*.pdf to look at."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.analytics.test_page import PDF as ANALYTICS_PDF
from tests.analytics.test_page import data  # noqa: F401 (a fixture)
from tests.documents.test_layout import pages, save
from tests.documents.test_layout_sheets import LEAST
from tests.surveys.conftest import closed, survey  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def _pdf(client, user, url: str) -> bytes:
    client.force_login(user)
    response = client.get(url, {"lang": "kk"})
    assert response.status_code == 200, response.content[:300]
    return response.content


def _no_nearly_empty_page(texts: list[str], name: str) -> None:
    for number, text in enumerate(texts, 1):
        assert len(text) >= LEAST, (name, number, len(texts), text)


def test_the_360_report_keeps_its_chart_whole_and_no_page_nearly_empty(client, request):
    situation = request.getfixturevalue("closed")
    target = situation.survey.target("a_staff1")
    content = _pdf(client, situation.w.a_head_user, reverse("surveys:report_pdf", args=[target.pk]))
    save("survey360-report", content)
    texts = pages(content)
    _no_nearly_empty_page(texts, "survey360-report")
    radar = next(i for i, text in enumerate(texts) if "Паутинка" in text)
    # the chart's eight axes print on the page of its heading (the chart is never split)
    assert all(f"{axis}." in texts[radar].split("Паутинка")[1] for axis in range(1, 9)), texts


def test_the_analytics_report_has_no_nearly_empty_page(client, request):
    situation = request.getfixturevalue("data")
    content = _pdf(client, situation.hr_head_user, ANALYTICS_PDF)
    save("analytics-report", content)
    _no_nearly_empty_page(pages(content), "analytics-report")
