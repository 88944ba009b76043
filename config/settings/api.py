"""REST API (Django REST framework) and its OpenAPI schema (drf-spectacular)."""

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # Every operation documents the errors it can answer (bagalau/api/schema.py).
    "DEFAULT_SCHEMA_CLASS": "bagalau.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "bagalau.api.errors.exception_handler",
    # Bodies bounded in size, JSON depth and string length (bagalau/api/parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "bagalau.api.parsers.JSONParser",
        "bagalau.api.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Bagalau API",
    "DESCRIPTION": 'Performance evaluation of "B" corps administrative civil servants.',
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and the docs need a login, like the API they describe (docs/security.md).
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Swagger UI from our own static files (drf-spectacular-sidecar), not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Several models have a "status"; name each enum after its model.
    "ENUM_NAME_OVERRIDES": {
        "PlanStatusEnum": "bagalau.plans.models.PlanStatus",
        "ScheduleStatusEnum": "bagalau.evaluations.models.ScheduleStatus",
        "PeriodStatusEnum": "bagalau.evaluations.models.PeriodStatus",
        "EvaluationStatusEnum": "bagalau.evaluations.models.EvaluationStatus",
        "ApplicationStatusEnum": "bagalau.calibration.models.ApplicationStatus",
        "SessionStatusEnum": "bagalau.calibration.models.SessionStatus",
        "KpiSheetStatusEnum": "bagalau.typical.models.KpiSheetStatus",
        "CompetencySheetStatusEnum": "bagalau.typical.models.CompetencySheetStatus",
        "ReturnGroundEnum": "bagalau.typical.models.ReturnGround",
    },
}
