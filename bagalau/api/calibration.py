"""REST endpoints of the calibration app."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
