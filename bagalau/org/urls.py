"""Web routes of the org app."""

from django.urls import URLPattern

app_name = "org"

urlpatterns: list[URLPattern] = []
