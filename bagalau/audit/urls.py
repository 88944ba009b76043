"""Web routes of the audit app."""

from django.urls import path

from bagalau.audit import views

app_name = "audit"

urlpatterns = [path("", views.audit_log_page, name="log")]
