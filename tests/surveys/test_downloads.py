"""Every 360 file handed out — the scan of a paper batch (a file HR uploaded), the training
list — is a confidential download (seed 002 p.15; `core.downloads`): an attachment no cache
keeps, no browser reads as another type and none runs. The two lacked the last two headers."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from bagalau.core.downloads import private_download
from tests.surveys.matrix import build, user_of

SEALED = {
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
}


def _headers(response) -> dict[str, str]:
    return {name: response[name] for name in SEALED}


@pytest.mark.parametrize(
    ("stage", "persona", "url"),
    [
        (
            "paper",
            "hr_staff",
            lambda s: reverse(
                "surveys:paper_scan", args=[s.target("hr_staff").paper_batches.get().pk]
            ),
        ),
        ("closed", "hr_head", lambda s: reverse("surveys:training_xlsx", args=[s.campaign.pk])),
    ],
    ids=["paper_scan", "training_xlsx"],
)
def test_a_360_download_is_sealed(world, clock, stage, persona, url):
    survey = build(world, clock, stage)
    client = Client()
    client.force_login(user_of(world, persona))
    response = client.get(url(survey))
    assert response.status_code == 200
    assert _headers(response) == SEALED
    assert response["Content-Disposition"].startswith('attachment; filename="360-')


def test_a_download_names_its_file_in_any_script():
    response = private_download(b"x", content_type="text/plain", filename="Әлиева.pdf")
    assert _headers(response) == SEALED
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%D3%98%D0%BB%D0%B8%D0%B5%D0%B2%D0%B0.pdf"
    )
    assert response.content == b"x"
