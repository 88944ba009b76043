"""REST endpoints of the surveys app."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
