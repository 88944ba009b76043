"""Routes of the typical-2018 pages."""

from django.urls import path

from bagalau.typical import views

app_name = "typical"

urlpatterns = [
    path("schedule/<int:schedule_id>/", views.schedule_page, name="schedule"),
    path("schedule/<int:schedule_id>/date/", views.schedule_date, name="schedule_date"),
    path("schedule/<int:schedule_id>/consent/", views.schedule_consent, name="schedule_consent"),
    path("periods/<int:period_id>/open/", views.period_open, name="period_open"),
    path("periods/<int:period_id>/", views.roster, name="roster"),
    path("periods/<int:period_id>/development/", views.development, name="development"),
    path("evaluations/<int:evaluation_id>/", views.evaluation_page, name="evaluation"),
    path("evaluations/<int:evaluation_id>/kpi-sheet/", views.kpi_sheet_open_view, name="kpi_open"),
    path(
        "evaluations/<int:evaluation_id>/competency-sheet/",
        views.competency_sheet_open_view,
        name="competency_open",
    ),
    path("kpi-sheets/<int:sheet_id>/", views.kpi_sheet_page, name="kpi_sheet"),
    path(
        "kpi-sheets/<int:sheet_id>/<slug:action>/",
        views.kpi_sheet_action,
        name="kpi_sheet_action",
    ),
    path("competency-sheets/<int:sheet_id>/", views.competency_sheet_page, name="competency_sheet"),
    path(
        "competency-sheets/<int:sheet_id>/<slug:action>/",
        views.competency_sheet_action,
        name="competency_sheet_action",
    ),
]
