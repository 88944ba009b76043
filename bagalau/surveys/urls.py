"""Web routes of the surveys app (mounted at /surveys/)."""

from django.urls import path

from bagalau.surveys import views, views_answering, views_paper

app_name = "surveys"

urlpatterns = [
    path("", views.index, name="index"),
    path("campaigns/new/", views.campaign_create_view, name="campaign_create"),
    path("campaigns/<int:campaign_id>/", views.campaign_page, name="campaign"),
    path("campaigns/<int:campaign_id>/panel/", views.campaign_panel, name="campaign_panel"),
    path("campaigns/<int:campaign_id>/open/", views.campaign_open_view, name="campaign_open"),
    path("campaigns/<int:campaign_id>/close/", views.campaign_close_view, name="campaign_close"),
    path(
        "campaigns/<int:campaign_id>/deadline/",
        views.campaign_deadline_view,
        name="campaign_deadline",
    ),
    path("campaigns/<int:campaign_id>/training/", views.training, name="training"),
    path(
        "campaigns/<int:campaign_id>/training.xlsx",
        views.training_export,
        name="training_xlsx",
    ),
    path(
        "targets/<int:target_id>/respondents/",
        views.target_respondents,
        name="target_respondents",
    ),
    path("targets/<int:target_id>/remove/", views.target_remove_view, name="target_remove"),
    path("targets/<int:target_id>/feedback/", views.target_feedback, name="target_feedback"),
    # An opaque per-session reference, never the invitation's id (refs.py).
    path("questionnaires/<str:ref>/", views_answering.questionnaire, name="questionnaire"),
    path("targets/<int:target_id>/paper/", views_paper.paper_page, name="paper"),
    path("targets/<int:target_id>/paper.pdf", views_paper.paper_blank, name="paper_blank"),
    path(
        "paper-batches/<int:batch_id>/scan/",
        views_paper.paper_scan_download,
        name="paper_scan",
    ),
    path("self/<int:target_id>/", views_answering.self_page, name="self"),
    path("self/<int:target_id>/draft/", views_answering.self_draft, name="self_draft"),
    path("reports/<int:target_id>/", views.report, name="report"),
    path("reports/<int:target_id>/report.pdf", views.report_download, name="report_pdf"),
]
