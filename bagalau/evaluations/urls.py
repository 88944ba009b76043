"""Web routes of the evaluations app."""

from bagalau.evaluations.views import paper, schedule, sheets

app_name = "evaluations"

urlpatterns = schedule.urlpatterns + sheets.urlpatterns + paper.urlpatterns
