"""Kazakh by default; Russian and English when the user chooses them."""

import pytest


@pytest.mark.django_db
def test_the_login_page_is_kazakh_whatever_the_browser_prefers(client, settings):
    settings.LANGUAGE_CODE = "kk"  # the project's setting (tests default to English msgids)
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page.headers["Content-Language"] == "kk"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "en", "kk"])
def test_the_chosen_language_is_kept(client, language):
    client.post("/i18n/setlang/", {"language": language, "next": "/login/"})
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="de")
    assert page.headers["Content-Language"] == language


@pytest.mark.django_db
def test_the_api_answers_in_the_language_asked_for(client):
    answer = client.get("/api/v1/audit/entries/", HTTP_ACCEPT_LANGUAGE="ru")
    assert answer.headers["Content-Language"] == "ru"
