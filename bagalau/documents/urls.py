"""Web routes of the documents app."""

from django.urls import path

from bagalau.documents import views
from bagalau.documents.printed import FORMS

app_name = "documents"

urlpatterns = [
    *(path(form.route, views.pdf_view(form), name=form.name) for form in FORMS),
    path("retention/", views.retention, name="retention"),
    path("retention/confirm/", views.retention_confirm, name="retention_confirm"),
    path("retention/dispose/", views.dispose, name="dispose"),
    path("disposals/<int:disposal_id>/", views.disposal_detail, name="disposal"),
]
