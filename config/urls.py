"""URL routes of the whole site."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("bagalau.api.urls")),
    path("org/import/", include("bagalau.org_imports.urls")),
    path("org/", include("bagalau.org.urls")),
    path("jobs/", include("bagalau.jobs.urls")),
    path("plans/", include("bagalau.plans.urls")),
    path("evaluations/", include("bagalau.evaluations.urls")),
    path("typical/", include("bagalau.typical.urls")),
    path("moj/", include("bagalau.moj.urls")),
    path("consequences/", include("bagalau.consequences.urls")),
    path("calibration/", include("bagalau.calibration.urls")),
    path("commission/", include("bagalau.commission.urls")),
    path("disagreements/", include("bagalau.disagreements.urls")),
    path("notifications/", include("bagalau.notifications.urls")),
    path("audit/", include("bagalau.audit.urls")),
    path("documents/", include("bagalau.documents.urls")),
    path("surveys/", include("bagalau.surveys.urls")),
    path("analytics/", include("bagalau.analytics.urls")),
    path("exports/", include("bagalau.exports.urls")),
    path("", include("bagalau.core.urls")),
]

handler400 = "bagalau.api.errors.bad_request"
handler403 = "bagalau.api.errors.permission_denied"
handler404 = "bagalau.api.errors.page_not_found"
handler500 = "bagalau.api.errors.server_error"
