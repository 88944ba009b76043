"""Web routes of the evaluations app."""

from django.urls import URLPattern

app_name = "evaluations"

urlpatterns: list[URLPattern] = []
