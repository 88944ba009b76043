"""Web routes of the calibration app."""

from django.urls import path

from bagalau.calibration import views

app_name = "calibration"

urlpatterns = [
    path("", views.index, name="index"),
    path("apply/<int:evaluation_id>/", views.apply, name="apply"),
    path("applications/<int:application_id>/", views.application_detail, name="application"),
    path("sessions/<int:session_id>/", views.session_detail, name="session"),
    path("sessions/<int:session_id>/presentation/", views.session_present, name="present"),
    path("sessions/<int:session_id>/voting/", views.session_voting, name="voting"),
    path("sessions/<int:session_id>/progress/", views.session_progress, name="progress"),
    path("sessions/<int:session_id>/close-round/", views.round_close, name="close_round"),
    path(
        "sessions/<int:session_id>/participants/",
        views.participant_replace,
        name="replace_participant",
    ),
    path("sessions/<int:session_id>/sign/", views.session_sign, name="sign"),
    path("sessions/<int:session_id>/post/", views.session_post, name="post"),
    path("sessions/<int:session_id>/protocol/", views.protocol, name="protocol"),
    path("sessions/<int:session_id>/feedback/", views.feedback, name="feedback"),
    path("sessions/<int:session_id>/appeals/", views.appeal_add, name="appeal_add"),
    path("appeals/<int:appeal_id>/outcome/", views.appeal_outcome, name="appeal_outcome"),
]
