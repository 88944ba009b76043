"""Web routes of the evaluations app."""

from bagalau.evaluations.views import paper, schedule, sheets, signing

app_name = "evaluations"

urlpatterns = schedule.urlpatterns + sheets.urlpatterns + signing.urlpatterns + paper.urlpatterns
