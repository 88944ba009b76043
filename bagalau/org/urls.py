"""Web routes of the org app."""

from django.urls import path

from bagalau.org import views

app_name = "org"

urlpatterns = [
    path("", views.structure, name="structure"),
    path("units/new/", views.unit_create, name="unit_create"),
    path("units/<int:unit_id>/edit/", views.unit_edit, name="unit_edit"),
    path("units/<int:unit_id>/delete/", views.unit_delete, name="unit_delete"),
    path("positions/new/", views.position_create, name="position_create"),
    path("positions/<int:position_id>/edit/", views.position_edit, name="position_edit"),
    path("positions/<int:position_id>/delete/", views.position_delete, name="position_delete"),
    path("servants/", views.servant_list, name="servants"),
    path("servants/new/", views.servant_create, name="servant_create"),
    path("servants/<int:servant_id>/", views.servant_detail, name="servant"),
    path("servants/<int:servant_id>/edit/", views.servant_edit, name="servant_edit"),
    path("servants/<int:servant_id>/login/", views.servant_login, name="servant_login"),
    path("servants/<int:servant_id>/appoint/", views.servant_appoint, name="servant_appoint"),
    path("servants/<int:servant_id>/transfer/", views.servant_transfer, name="servant_transfer"),
    path("servants/<int:servant_id>/dismiss/", views.servant_dismiss, name="servant_dismiss"),
    path(
        "assignments/<int:assignment_id>/managers/",
        views.assignment_managers,
        name="assignment_managers",
    ),
    path("servants/<int:servant_id>/absences/new/", views.absence_create, name="absence_create"),
    path("absences/<int:absence_id>/edit/", views.absence_edit, name="absence_edit"),
    path("absences/<int:absence_id>/delete/", views.absence_delete, name="absence_delete"),
    path("administration/", views.administration, name="administration"),
    path("administration/roles/<int:role_id>/revoke/", views.role_revoke, name="role_revoke"),
    path("administration/calendar/", views.calendar_transfers, name="calendar"),
    path(
        "administration/calendar/<int:transfer_id>/delete/",
        views.calendar_transfer_delete,
        name="calendar_delete",
    ),
    path("administration/editions/", views.editions, name="editions"),
    path(
        "administration/editions/<slug:code>/",
        views.edition_settings,
        name="edition_settings",
    ),
    path(
        "administration/editions/<int:assignment_id>/delete/",
        views.edition_delete,
        name="edition_delete",
    ),
]
