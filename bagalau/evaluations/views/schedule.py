"""Evaluation pages: schedule."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []


def register() -> None:
    """Menu entries and dashboard panels of these pages (called from EvaluationsConfig.ready)."""
