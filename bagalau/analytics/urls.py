"""Web routes of the rating analytics."""

from django.urls import path

from bagalau.analytics import views

app_name = "analytics"

urlpatterns = [
    path("", views.page, name="page"),
    path("report.pdf", views.report_pdf, name="pdf"),
]
