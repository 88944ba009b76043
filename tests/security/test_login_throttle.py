"""Failed logins are throttled per account and per address (issue 8, item 7): 30 wrong passwords
and then the right one no longer succeed; HTTP basic auth on the API is throttled alike and a
locked attempt costs no password hashing; the message is clear, in Kazakh and Russian too."""

from __future__ import annotations

import base64

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client
from rest_framework.test import APIClient

LIMIT = 10  # settings.AXES_FAILURE_LIMIT (LOGIN_FAILURE_LIMIT)
MESSAGE = {
    "en": "Too many failed logins for this account or from this address.",
    "ru": "Слишком много неудачных попыток входа для этой учётной записи или с этого адреса.",
    "kk": "Осы тіркелгіге немесе осы мекенжайдан кіру әрекеттері тым көп рет сәтсіз болды.",
}


class CountingHasher(MD5PasswordHasher):
    """The test hasher, counting how often a password is checked."""

    algorithm = "md5"
    checks = 0

    def verify(self, password: str, encoded: str) -> bool:
        CountingHasher.checks += 1
        return super().verify(password, encoded)


@pytest.fixture
def counting(settings):
    settings.PASSWORD_HASHERS = ["tests.security.test_login_throttle.CountingHasher"]
    CountingHasher.checks = 0
    return CountingHasher


def log_in(client: Client, username: str, password: str):
    return client.post("/login/", {"username": username, "password": password})


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_thirty_wrong_passwords_then_the_right_one_is_refused(world, counting):
    client = Client()
    statuses = [log_in(client, "a_staff1", f"guess{n}").status_code for n in range(30)]
    assert statuses[: LIMIT - 1] == [200] * (LIMIT - 1)  # the form again, "wrong password"
    assert set(statuses[LIMIT - 1 :]) == {429}
    response = log_in(client, "a_staff1", "pass")
    assert response.status_code == 429
    assert not logged_in(client)
    assert MESSAGE["en"] in response.content.decode()
    assert response["Retry-After"] == "900"
    # only the attempts before the lock-out reached the hasher
    assert counting.checks == LIMIT


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_lockout_message_is_translated(world, language):
    client = Client()
    client.cookies["bagalau_language"] = language
    for n in range(LIMIT):
        log_in(client, "a_staff1", f"guess{n}")
    response = log_in(client, "a_staff1", "pass")
    assert response.status_code == 429
    assert MESSAGE[language] in response.content.decode()


def test_the_lockout_is_per_account_whatever_the_address(world):
    for n in range(LIMIT):
        log_in(Client(REMOTE_ADDR=f"10.0.0.{n + 1}"), "a_staff1", f"guess{n}")
    elsewhere = Client(REMOTE_ADDR="10.0.1.1")
    assert log_in(elsewhere, "a_staff1", "pass").status_code == 429
    assert not logged_in(elsewhere)
    # another account from that address is not affected
    assert log_in(elsewhere, "a_staff2", "pass").status_code == 302


def test_the_lockout_is_per_address_whatever_the_account(world):
    attacker = Client(REMOTE_ADDR="10.9.9.9")
    for n in range(LIMIT):
        log_in(attacker, f"nobody{n}", "guess")
    assert log_in(attacker, "a_staff2", "pass").status_code == 429
    assert not logged_in(attacker)
    colleague = Client(REMOTE_ADDR="10.9.9.10")
    assert log_in(colleague, "a_staff2", "pass").status_code == 302


def test_a_successful_login_clears_the_count(world):
    client = Client()
    for n in range(LIMIT - 1):
        log_in(client, "a_staff1", f"guess{n}")
    assert log_in(client, "a_staff1", "pass").status_code == 302
    client.logout()
    for n in range(LIMIT - 1):
        assert log_in(client, "a_staff1", f"again{n}").status_code == 200
    assert log_in(client, "a_staff1", "pass").status_code == 302


def basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def test_basic_auth_on_the_api_is_throttled_and_locked_attempts_cost_no_hashing(world, counting):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    url = "/api/v1/evaluations/mine/"
    statuses = []
    for n in range(30):
        client.credentials(HTTP_AUTHORIZATION=basic("a_staff1", f"guess{n}"))
        statuses.append(client.get(url).status_code)
    assert statuses[: LIMIT - 1] == [403] * (LIMIT - 1)  # wrong credentials
    assert set(statuses[LIMIT - 1 :]) == {429}
    assert counting.checks == LIMIT
    client.credentials(HTTP_AUTHORIZATION=basic("a_staff1", "pass"))
    response = client.get(url)
    assert response.status_code == 429
    assert response.json()["error"]["field"] == "$"
    assert response.json()["error"]["message"].startswith(MESSAGE["en"])
    assert counting.checks == LIMIT
    # the page login is locked for that account too
    assert log_in(Client(REMOTE_ADDR="10.0.2.2"), "a_staff1", "pass").status_code == 429


def test_basic_auth_lockout_message_follows_accept_language(world):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="ru")
    for n in range(LIMIT):
        client.credentials(HTTP_AUTHORIZATION=basic("a_staff1", f"guess{n}"))
        client.get("/api/v1/evaluations/mine/")
    client.credentials(HTTP_AUTHORIZATION=basic("a_staff1", "pass"))
    response = client.get("/api/v1/evaluations/mine/")
    assert response.status_code == 429
    assert response.json()["error"]["message"].startswith(MESSAGE["ru"])


def test_authentication_without_a_request_is_not_throttled_but_still_checks_the_password(world):
    """The test client's login() and management commands call authenticate() without a request."""
    from django.contrib.auth import authenticate

    assert authenticate(username="a_staff1", password="pass") == world.a_staff1_user
    assert authenticate(username="a_staff1", password="wrong") is None
