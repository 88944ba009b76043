"""Web routes of the notifications app."""

from django.urls import path

from bagalau.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:notification_id>/read/", views.notification_read, name="read"),
    path("read-all/", views.notification_read_all, name="read_all"),
    path("overdue/", views.overdue, name="overdue"),
]
