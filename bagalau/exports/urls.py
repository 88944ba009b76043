"""Web routes of the exports."""

from django.urls import path

from bagalau.exports import views

app_name = "exports"

urlpatterns = [
    path("", views.export_list, name="list"),
    path(
        "periods/<int:period_id>/results.xlsx",
        views.period_download,
        {"code": "results"},
        name="results",
    ),
    path(
        "periods/<int:period_id>/consequences.xlsx",
        views.period_download,
        {"code": "consequences"},
        name="consequences",
    ),
    path("calibration/<int:year>.xlsx", views.calibration_download, name="calibration"),
    path("survey360/<int:campaign_id>.xlsx", views.survey360_download, name="survey360"),
    path("commission/<int:session_id>.xlsx", views.commission_download, name="commission"),
    path("prepare/<str:code>/", views.prepare, name="prepare"),
    path("jobs/<int:job_id>/file.xlsx", views.prepared_download, name="prepared"),
]
