"""Web routes of the commission app."""

from django.urls import path

from bagalau.commission import results_views, views

app_name = "commission"

urlpatterns = [
    path("", views.index, name="index"),
    path("orders/", views.order_record, name="order"),
    path("versions/<int:version_id>/", views.version_detail, name="version"),
    path("sessions/", views.session_schedule, name="schedule"),
    path("sessions/<int:session_id>/", views.session_detail, name="session"),
    path("sessions/<int:session_id>/attendance/", views.attendance_record, name="attendance"),
    path("sessions/<int:session_id>/motions/", views.motion_put, name="motion"),
    path("sessions/<int:session_id>/votes/", views.motion_vote, name="vote"),
    path("sessions/<int:session_id>/conclusion/", views.session_conclude, name="conclusion"),
    path("sessions/<int:session_id>/sign/", views.protocol_sign, name="sign"),
    path("sessions/<int:session_id>/approve/", views.session_approve, name="approve"),
    path("results/<int:evaluation_id>/", results_views.result_detail, name="result"),
    path(
        "results/<int:evaluation_id>/acknowledge/",
        results_views.result_acknowledge,
        name="result_acknowledge",
    ),
    path(
        "results/<int:evaluation_id>/refusal/", results_views.result_refusal, name="result_refusal"
    ),
    path(
        "results/<int:evaluation_id>/dispatches/",
        results_views.result_dispatch,
        name="result_dispatch",
    ),
    path("results/<int:evaluation_id>/appeals/", results_views.result_appeal, name="result_appeal"),
    path(
        "results/<int:evaluation_id>/appeals/outcome/",
        results_views.result_appeal_outcome,
        name="result_appeal_outcome",
    ),
    path(
        "results/<int:evaluation_id>/agency-report/",
        results_views.result_agency_report,
        name="result_agency_report",
    ),
]
