"""REST endpoints of the evaluations app: schedule."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
