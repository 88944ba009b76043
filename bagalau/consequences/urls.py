"""Web routes of the register of decisions and of the moj-2017 consequences."""

from django.urls import path

from bagalau.consequences import moj_views, views

app_name = "consequences"

urlpatterns = [
    path("", views.decision_list, name="list"),
    path("new/", views.decision_new, name="new"),
    path("moj/", moj_views.overview_page, name="moj"),
    path("moj/training/<int:evaluation_id>/", moj_views.referral_page, name="moj_referral"),
]
