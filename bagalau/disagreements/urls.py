"""Web routes of the disagreements app."""

from django.urls import path

from bagalau.disagreements import views

app_name = "disagreements"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:disagreement_id>/", views.detail, name="detail"),
]
