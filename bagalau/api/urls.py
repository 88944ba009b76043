"""API routes: /api/v1/... plus the OpenAPI schema and its browsable docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("v1/org/", include("bagalau.api.org")),
    path("v1/plans/", include("bagalau.api.plans")),
    path("v1/evaluations/", include("bagalau.api.evaluations")),
    path("v1/calibration/", include("bagalau.api.calibration")),
    path("v1/notifications/", include("bagalau.api.notifications")),
    path("v1/audit/", include("bagalau.api.audit")),
    path("v1/documents/", include("bagalau.api.documents")),
    path("v1/surveys/", include("bagalau.api.surveys")),
]
