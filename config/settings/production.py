"""Production: ``DJANGO_SETTINGS_MODULE=config.settings.production``.

The development settings plus what a deployment must have: a SECRET_KEY and ALLOWED_HOSTS from the
environment (no default: start-up fails without them), DEBUG off, HTTPS only (redirect, HSTS,
secure cookies) and the Content-Security-Policy enforced, each still adjustable from the
environment (.env.example). ``manage.py check --deploy`` passes with no warning."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env
from config.settings import *  # noqa: F403

SECRET_KEY = env.str("SECRET_KEY", default="")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a long random value (50 characters or more), e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names.")
DEBUG = False

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
# A load balancer's health check arrives over plain HTTP from inside.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
