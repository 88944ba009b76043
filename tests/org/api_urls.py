"""A URLconf with only the org API, to validate its OpenAPI schema on its own."""

from django.urls import include, path

urlpatterns = [path("api/v1/org/", include("bagalau.api.org"))]
