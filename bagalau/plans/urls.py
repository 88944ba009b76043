"""Web routes of the plans app."""

from django.urls import path

from bagalau.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("initiate/", views.plan_initiate, name="initiate"),
    path("<int:plan_id>/", views.plan_detail, name="detail"),
    path("<int:plan_id>/kpis/add/", views.kpi_add_view, name="kpi_add"),
    path("<int:plan_id>/kpis/<int:kpi_id>/edit/", views.kpi_edit_view, name="kpi_edit"),
    path("<int:plan_id>/kpis/<int:kpi_id>/remove/", views.kpi_remove_view, name="kpi_remove"),
    path("<int:plan_id>/do/<slug:action>/", views.plan_transition, name="transition"),
    path("<int:plan_id>/change/", views.plan_change_view, name="change"),
    path(
        "<int:plan_id>/recommendations/",
        views.plan_recommendation_view,
        name="recommend",
    ),
]
