"""A form refused for its CSRF token (the page stood open past a new sign-in in another tab, or
cookies are off): the site's page in the reader's language, saying nothing was saved and how to
go on, never Django's English page; nothing is written."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from bagalau.consequences.models import Decision
from tests.security.conftest import db_state

pytestmark = pytest.mark.django_db

EXPIRED = {
    "kk": ("Форманың мерзімі өтіп кетті", "басқа қойындыда жүйеге қайта кірдіңіз"),
    "ru": ("Срок действия формы истёк", "в другой вкладке"),
    "en": ("The form has expired", "signed in again in another tab"),
}


def _client(user, language: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.cookies["bagalau_language"] = language
    client.get(reverse("home"))  # the CSRF cookie, as a browser holds it
    return client


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_form_sent_with_a_stale_token_is_refused_in_the_readers_language(world, language):
    client = _client(world.hr_staff_user, language)
    assert "csrftoken" in client.cookies
    before = db_state()
    url = reverse("consequences:new")
    page = reverse("consequences:list")
    response = client.post(
        url,
        {"csrfmiddlewaretoken": "x" * 64, "kind": "encouragement"},
        HTTP_REFERER=f"http://testserver{page}",
    )
    assert response.status_code == 403
    html = response.content.decode()
    title, reason = EXPIRED[language]
    assert f"<h1>{title}</h1>" in html
    assert reason in html
    assert f'<html lang="{language}"' in html
    assert f'href="http://testserver{page}"' in html  # back to the page the form stood on
    assert "CSRF verification failed" not in html
    assert db_state() == before
    assert not Decision.objects.exists()


def test_without_the_cookie_the_page_says_to_allow_cookies_and_goes_back_home_only(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.hr_staff_user)
    client.cookies["bagalau_language"] = "kk"
    response = client.post(
        reverse("consequences:new"), {"kind": "x"}, HTTP_REFERER="https://elsewhere.example/"
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "cookie файлдарына рұқсат беріңіз" in html
    assert "elsewhere.example" not in html
    assert f'href="{reverse("home")}"' in html


def test_an_api_call_refused_for_its_token_answers_json(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.hr_staff_user)
    response = client.post("/api/v1/org/units/", {"name_kk": "Бөлім"}, HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["field"] == "$"
