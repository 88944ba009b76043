"""REST endpoints of the plans app."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
