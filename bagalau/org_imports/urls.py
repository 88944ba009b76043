"""Web routes of the structure import (mounted under /org/import/)."""

from django.urls import path

from bagalau.org_imports import views

app_name = "org_imports"

urlpatterns = [
    path("", views.import_page, name="page"),
    path("template.xlsx", views.template_download, name="template"),
]
