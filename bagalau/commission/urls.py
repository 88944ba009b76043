"""Web routes of the commission app."""

from django.urls import URLPattern

app_name = "commission"

urlpatterns: list[URLPattern] = []
