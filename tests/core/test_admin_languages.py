"""Issue 13 item 12: the Django admin in Kazakh and Russian: the names of the applications and of
every model it lists (ours, the task queue's, the login throttle's), "view site", the task
results' statuses (bagalau.core.admin_texts)."""

from __future__ import annotations

import html
import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from tests.factories import UserFactory

LANGUAGES = ("kk", "ru")


def english(text: object) -> str:
    with translation.override("en"):
        return str(text)


def page_text(response) -> str:
    text = re.sub(r"<(script|style)\b.*?</\1>", "", response.content.decode(), flags=re.S)
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", text).split()))


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_model_of_the_application_has_a_translated_name(language):
    untranslated = []
    for config in apps.get_app_configs():
        if not config.name.startswith("bagalau."):
            continue
        for model in config.get_models():
            meta = model._meta
            with translation.override(language):
                names = (str(meta.verbose_name), str(meta.verbose_name_plural))
            if names == (english(meta.verbose_name), english(meta.verbose_name_plural)):
                untranslated.append(meta.label)
    assert untranslated == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admin_index_names_every_application_and_model_in_the_language(admin_client, language):
    admin_client.cookies["bagalau_language"] = language
    text = page_text(admin_client.get(reverse("admin:index")))
    with translation.override(language):
        expected = {
            str(capfirst(model._meta.verbose_name_plural)) for model in admin.site._registry
        }
        expected |= {str(model._meta.app_config.verbose_name) for model in admin.site._registry}
        view_site = translation.gettext("View site")
    english_names = {
        english(capfirst(model._meta.verbose_name_plural)) for model in admin.site._registry
    }
    english_names |= {
        english(model._meta.app_config.verbose_name) for model in admin.site._registry
    }
    assert [name for name in sorted(expected) if name not in text] == []
    assert [name for name in sorted(english_names - expected) if name in text] == []
    assert view_site != "View site"
    assert view_site in text
    assert "Skip to main content" not in text


@pytest.mark.parametrize(
    ("language", "title", "status"),
    [
        ("kk", "Тапсырмалардың нәтижелері", "Сәтті аяқталды"),
        ("ru", "Результаты задач", "Выполнена успешно"),
    ],
)
def test_the_task_results_read_in_the_language(admin_client, language, title, status):
    admin_client.cookies["bagalau_language"] = language
    text = page_text(
        admin_client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"))
    )
    assert title in text
    assert status in text  # the status filter
    assert "Task Results" not in text
    assert "Successful" not in text
