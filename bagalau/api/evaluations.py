"""REST endpoints of the evaluations app (schedule, sheets, sheets held on paper, explanations)."""

from bagalau.api import (
    evaluations_explain,
    evaluations_paper,
    evaluations_schedule,
    evaluations_sheets,
)

urlpatterns = (
    evaluations_schedule.urlpatterns
    + evaluations_sheets.urlpatterns
    + evaluations_paper.urlpatterns
    + evaluations_explain.urlpatterns
)
