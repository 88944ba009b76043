"""Routes of the moj-2017 pages."""

from django.urls import path

from bagalau.moj import annual_views, plan_views, schedule_views, sheet_views, views

app_name = "moj"

urlpatterns = [
    path("schedule/new/", schedule_views.schedule_new, name="schedule_new"),
    path("schedule/<int:schedule_id>/", schedule_views.schedule_page, name="schedule"),
    path(
        "schedule/<int:schedule_id>/consent/",
        schedule_views.schedule_consent,
        name="schedule_consent",
    ),
    path("periods/<int:period_id>/", schedule_views.period_page, name="period"),
    path("periods/<int:period_id>/open/", schedule_views.period_open, name="period_open"),
    path("periods/<int:period_id>/notice/", schedule_views.notice_page, name="notice"),
    path("periods/<int:period_id>/notice/send/", schedule_views.notice_send, name="notice_send"),
    path("catalogue/", views.catalogue_page, name="catalogue"),
    path("servants/<int:servant_id>/breaches/", views.breaches_page, name="breaches"),
    path("servants/<int:servant_id>/breaches/add/", views.breach_add, name="breach_add"),
    path(
        "evaluations/<int:evaluation_id>/quarter-sheet/",
        sheet_views.sheet_open,
        name="quarter_sheet_open",
    ),
    path("quarter-sheets/<int:sheet_id>/", sheet_views.sheet_page, name="quarter_sheet"),
    path(
        "quarter-sheets/<int:sheet_id>/<slug:action>/",
        sheet_views.sheet_action,
        name="quarter_sheet_action",
    ),
    path("work-plans/", plan_views.plans_page, name="work_plans"),
    path("work-plans/new/", plan_views.plan_new, name="work_plan_new"),
    path("work-plans/<int:plan_id>/", plan_views.plan_page, name="work_plan"),
    path(
        "work-plans/<int:plan_id>/<slug:action>/",
        plan_views.plan_action,
        name="work_plan_action",
    ),
    path(
        "evaluations/<int:evaluation_id>/annual-sheet/",
        annual_views.sheet_open,
        name="annual_sheet_open",
    ),
    path("annual-sheets/<int:sheet_id>/", annual_views.sheet_page, name="annual_sheet"),
    path(
        "annual-sheets/<int:sheet_id>/<slug:action>/",
        annual_views.sheet_action,
        name="annual_sheet_action",
    ),
]
