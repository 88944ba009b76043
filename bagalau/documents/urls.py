"""Web routes of the documents app."""

from django.urls import path

from bagalau.documents import views

app_name = "documents"

urlpatterns = [
    path("evaluations/<int:evaluation_id>/sheet.pdf", views.evaluation_pdf, name="evaluation_pdf"),
    path("evaluations/<int:evaluation_id>/blank.pdf", views.blank_pdf, name="blank_pdf"),
    path("calibration/<int:session_id>/protocol.pdf", views.protocol_pdf_view, name="protocol_pdf"),
    path(
        "commission/<int:session_id>/protocol.pdf",
        views.commission_protocol_pdf_view,
        name="commission_protocol_pdf",
    ),
    path(
        "commission/<int:session_id>/extract/<int:evaluation_id>.pdf",
        views.commission_extract_pdf_view,
        name="commission_extract_pdf",
    ),
    path("refusal-acts/<int:act_id>/act.pdf", views.refusal_act_pdf_view, name="refusal_act_pdf"),
    path(
        "moj/quarter-sheets/<int:sheet_id>/refusal-act.pdf",
        views.moj_quarter_sheet_act_pdf_view,
        name="moj_quarter_sheet_act_pdf",
    ),
    path(
        "moj/annual-sheets/<int:sheet_id>/refusal-act.pdf",
        views.moj_annual_sheet_act_pdf_view,
        name="moj_annual_sheet_act_pdf",
    ),
    path(
        "typical/kpi-sheets/<int:sheet_id>/app2.pdf",
        views.typical_kpi_sheet_pdf_view,
        name="typical_kpi_sheet_pdf",
    ),
    path(
        "typical/competency-sheets/<int:sheet_id>/app3.pdf",
        views.typical_competency_sheet_pdf_view,
        name="typical_competency_sheet_pdf",
    ),
    path(
        "moj/quarter-sheets/<int:sheet_id>/app3.pdf",
        views.moj_quarter_sheet_pdf_view,
        name="moj_quarter_sheet_pdf",
    ),
    path(
        "moj/periods/<int:period_id>/app3-blank.pdf",
        views.moj_quarter_blank_pdf_view,
        name="moj_quarter_blank_pdf",
    ),
    path("plans/<int:plan_id>/work-plan.pdf", views.work_plan_pdf_view, name="work_plan_pdf"),
    path(
        "moj/work-plans/<int:plan_id>/app1.pdf",
        views.moj_work_plan_pdf_view,
        name="moj_work_plan_pdf",
    ),
    path("moj/blank/app1.pdf", views.moj_blank_work_plan_pdf_view, name="moj_blank_work_plan_pdf"),
    path(
        "moj/annual-sheets/<int:sheet_id>/app4.pdf",
        views.moj_annual_sheet_pdf_view,
        name="moj_annual_sheet_pdf",
    ),
    path(
        "moj/blank/app4.pdf",
        views.moj_blank_annual_sheet_pdf_view,
        name="moj_blank_annual_sheet_pdf",
    ),
    path("retention/", views.retention, name="retention"),
    path("retention/confirm/", views.retention_confirm, name="retention_confirm"),
    path("retention/dispose/", views.dispose, name="dispose"),
    path("disposals/<int:disposal_id>/", views.disposal_detail, name="disposal"),
]
