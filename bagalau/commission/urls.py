"""Web routes of the commission app."""

from django.urls import path

from bagalau.commission import views

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
]
