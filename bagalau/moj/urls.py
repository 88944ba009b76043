"""Routes of the moj-2017 pages."""

from django.urls import path

from bagalau.moj import views

app_name = "moj"

urlpatterns = [
    path("catalogue/", views.catalogue_page, name="catalogue"),
    path("servants/<int:servant_id>/breaches/", views.breaches_page, name="breaches"),
    path("servants/<int:servant_id>/breaches/add/", views.breach_add, name="breach_add"),
]
