"""REST endpoints of the evaluations app."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
