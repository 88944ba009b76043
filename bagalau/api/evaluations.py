"""REST endpoints of the evaluations app (schedule, sheets, sheets held on paper)."""

from bagalau.api import evaluations_paper, evaluations_schedule, evaluations_sheets

urlpatterns = (
    evaluations_schedule.urlpatterns
    + evaluations_sheets.urlpatterns
    + evaluations_paper.urlpatterns
)
