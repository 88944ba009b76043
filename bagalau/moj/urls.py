"""Routes of the moj-2017 pages."""

from django.urls import path

from bagalau.moj import sheet_views, views

app_name = "moj"

urlpatterns = [
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
]
