"""Routes of the core app: dashboard, login/logout, organisation switch, health."""

from django.contrib.auth import views as auth_views
from django.urls import path

from bagalau.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("organisation/", views.switch_organisation, name="switch_organisation"),
    path("healthz", views.health, name="health"),
]
