"""REST endpoints of the evaluations app: sheets."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
