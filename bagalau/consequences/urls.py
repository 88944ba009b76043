"""Web routes of the register of decisions."""

from django.urls import path

from bagalau.consequences import views

app_name = "consequences"

urlpatterns = [
    path("", views.decision_list, name="list"),
    path("new/", views.decision_new, name="new"),
]
