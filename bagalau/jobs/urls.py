"""Web routes of the jobs app."""

from django.urls import path

from bagalau.jobs import views

app_name = "jobs"

urlpatterns = [path("<int:job_id>/", views.job_detail, name="job")]
