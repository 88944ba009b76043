"""REST endpoints of the evaluations app (schedule and sheets)."""

from bagalau.api import evaluations_schedule, evaluations_sheets

urlpatterns = evaluations_schedule.urlpatterns + evaluations_sheets.urlpatterns
