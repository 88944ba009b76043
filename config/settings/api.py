"""REST API (Django REST framework) and its OpenAPI schema (drf-spectacular)."""

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "bagalau.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Bagalau API",
    "DESCRIPTION": 'Performance evaluation of "B" corps administrative civil servants.',
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Several models have a "status"; name each enum after its model.
    "ENUM_NAME_OVERRIDES": {
        "PlanStatusEnum": "bagalau.plans.models.PlanStatus",
        "ScheduleStatusEnum": "bagalau.evaluations.models.ScheduleStatus",
        "PeriodStatusEnum": "bagalau.evaluations.models.PeriodStatus",
        "EvaluationStatusEnum": "bagalau.evaluations.models.EvaluationStatus",
        "ApplicationStatusEnum": "bagalau.calibration.models.ApplicationStatus",
        "SessionStatusEnum": "bagalau.calibration.models.SessionStatus",
    },
}
