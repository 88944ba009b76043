"""REST endpoints of the audit app: the audit log for the head of the HR service."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.audit.models import AuditEntry
from bagalau.audit.selectors import audit_entries
from bagalau.core.context import viewer


class AuditEntrySerializer(serializers.ModelSerializer[AuditEntry]):
    """One audit entry."""

    actor: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )

    class Meta:
        model = AuditEntry
        fields = ["id", "at", "actor", "action", "object_type", "object_id", "summary", "changes"]


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@extend_schema(
    operation_id="audit_entries",
    parameters=[
        OpenApiParameter(name, str, required=False)
        for name in ("actor", "action", "object_type", "object_id", "since", "until", "page")
    ],
    responses=AuditEntrySerializer(many=True),
)
@api_view(["GET"])
def entries(request: Request) -> Response:
    """The organisation's audit log, newest first (head of the HR service only; 404 otherwise)."""
    params = request.query_params
    queryset = audit_entries(
        request.user,
        viewer(request._request).organisation,
        actor=params.get("actor", ""),
        action=params.get("action", ""),
        object_type=params.get("object_type", ""),
        object_id=params.get("object_id", ""),
        since=_date(params.get("since")),
        until=_date(params.get("until")),
    )
    paginator = PageNumberPagination()
    paginator.page_size = 50
    page = paginator.paginate_queryset(queryset, request)
    return paginator.get_paginated_response(AuditEntrySerializer(page, many=True).data)


urlpatterns = [path("entries/", entries, name="audit-entries")]
