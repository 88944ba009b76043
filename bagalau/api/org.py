"""REST endpoints of the org app."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
