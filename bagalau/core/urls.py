"""Routes of the core app."""

from django.urls import path

from bagalau.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.health, name="health"),
]
