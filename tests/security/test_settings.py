"""The production settings (issue 8, item 7): they refuse to start without a real SECRET_KEY or
ALLOWED_HOSTS, `manage.py check --deploy` passes with no warning, HTTPS (redirect, HSTS, secure
cookies) and the Content-Security-Policy are on and configurable from the environment, and
sessions end after an idle time set from the environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
KEY = "k3Y-" + "x9Vq2LmT7pZr" * 5  # 64 characters, many distinct
PRINT = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({n: getattr(s, n, None) for n in ("
    "'DEBUG', 'SESSION_COOKIE_AGE', 'SESSION_SAVE_EVERY_REQUEST', 'SECURE_SSL_REDIRECT', "
    "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD', "
    "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'AXES_FAILURE_LIMIT', "
    "'DATA_UPLOAD_MAX_MEMORY_SIZE')} | {"
    "'csp': bool(s.CONTENT_SECURITY_POLICY), 'csp_report_only': bool("
    "s.CONTENT_SECURITY_POLICY_REPORT_ONLY)}))"
)


def run(*args: str, module: str = "config.settings.production", **env: str):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS", "CSP", "SECURE"))
    }
    environment.update(DJANGO_SETTINGS_MODULE=module, DATABASE_URL="", **env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def production_settings(**env: str) -> dict:
    result = run("-c", PRINT, **{"SECRET_KEY": KEY, "ALLOWED_HOSTS": "bagalau.example.kz", **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_with_the_production_settings_prints_no_warning():
    result = run(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=KEY,
        ALLOWED_HOSTS="bagalau.example.kz",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"ALLOWED_HOSTS": "bagalau.example.kz"}, "SECRET_KEY"),
        (
            {
                "SECRET_KEY": "django-insecure-bagalau-development-key-change-me",
                "ALLOWED_HOSTS": "bagalau.example.kz",
            },
            "SECRET_KEY",
        ),
        ({"SECRET_KEY": "short", "ALLOWED_HOSTS": "bagalau.example.kz"}, "SECRET_KEY"),
        ({"SECRET_KEY": KEY}, "ALLOWED_HOSTS"),
    ],
    ids=["no-key", "the-development-key", "short-key", "no-hosts"],
)
def test_production_refuses_to_start_without_a_secret_key_or_hosts(env, complaint):
    result = run("manage.py", "check", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert complaint in result.stderr


def test_production_defaults_are_https_only_with_the_policy_on():
    values = production_settings()
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["csp"] is True
    assert values["SESSION_COOKIE_AGE"] == 30 * 60
    assert values["SESSION_SAVE_EVERY_REQUEST"] is True


def test_the_environment_adjusts_them():
    values = production_settings(
        SESSION_IDLE_MINUTES="7",
        SECURE_HSTS_SECONDS="600",
        SECURE_SSL_REDIRECT="0",
        CSP="report-only",
        LOGIN_FAILURE_LIMIT="4",
        MAX_REQUEST_BYTES="2048",
    )
    assert values["SESSION_COOKIE_AGE"] == 7 * 60
    assert values["SECURE_HSTS_SECONDS"] == 600
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["csp"] is False
    assert values["csp_report_only"] is True
    assert values["AXES_FAILURE_LIMIT"] == 4
    assert values["DATA_UPLOAD_MAX_MEMORY_SIZE"] == 2048


def test_sessions_end_after_the_idle_time_and_each_request_restarts_it(client, world):
    client.force_login(world.a_staff1_user)
    response = client.get("/")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE == 30 * 60
    again = client.get("/notifications/")
    assert settings.SESSION_COOKIE_NAME in again.cookies  # the idle time restarted


def test_https_redirect_and_hsts_when_switched_on(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/login/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/login/"
    secure = client.get("/login/", secure=True)
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=3600; includeSubDomains"
    assert "default-src 'self'" in secure["Content-Security-Policy"]
