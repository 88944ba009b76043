"""API routes: /api/v1/... plus the OpenAPI schema and its browsable docs."""

from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI from our static files, its start-up script a separate request (no inline script
    # for the Content-Security-Policy to allow); a visitor who is not logged in goes to the login.
    path(
        "docs/",
        login_required(SpectacularSwaggerSplitView.as_view(url_name="api:schema")),
        name="docs",
    ),
    path("v1/org/", include("bagalau.api.org")),
    path("v1/plans/", include("bagalau.api.plans")),
    path("v1/evaluations/", include("bagalau.api.evaluations")),
    path("v1/typical/", include("bagalau.api.typical")),
    path("v1/moj/", include("bagalau.api.moj")),
    path("v1/moj/", include("bagalau.api.moj_schedule")),
    path("v1/moj/", include("bagalau.api.moj_annual")),
    path("v1/consequences/", include("bagalau.api.consequences")),
    path("v1/calibration/", include("bagalau.api.calibration")),
    path("v1/commission/", include("bagalau.api.commission")),
    path("v1/disagreements/", include("bagalau.api.disagreements")),
    path("v1/notifications/", include("bagalau.api.notifications")),
    path("v1/audit/", include("bagalau.api.audit")),
    path("v1/documents/", include("bagalau.api.documents")),
    path("v1/surveys/", include("bagalau.api.surveys")),
]
