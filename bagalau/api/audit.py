"""REST endpoints of the audit app: the audit log for the head of the HR service."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.api.base import Endpoint
from bagalau.api.params import date_param
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


class AuditPageSerializer(serializers.Serializer[Any]):
    """A page of the audit log, 50 entries, newest first."""

    count = serializers.IntegerField(help_text="Entries matching the filters, on every page.")
    next = serializers.URLField(allow_null=True, help_text="The next page, if any.")
    previous = serializers.URLField(allow_null=True, help_text="The previous page, if any.")
    results = AuditEntrySerializer(many=True)


class AuditPages(PageNumberPagination):
    """50 entries a page."""

    page_size = 50


@extend_schema(tags=["audit"])
class AuditEntryList(Endpoint):
    """The organisation's audit log, newest first (head of the HR service only; 404 otherwise)."""

    serializer_class = AuditEntrySerializer
    pagination_class = AuditPages

    def get_queryset(self) -> Any:
        params = self.request.query_params
        return audit_entries(
            viewer(self.request._request),
            actor=params.get("actor", ""),
            action=params.get("action", ""),
            object_type=params.get("object_type", ""),
            object_id=params.get("object_id", ""),
            since=date_param(self.request, "since"),
            until=date_param(self.request, "until"),
        )

    @extend_schema(
        operation_id="audit_entries",
        parameters=[
            *(
                OpenApiParameter(name, str, required=False)
                for name in ("actor", "action", "object_type", "object_id")
            ),
            OpenApiParameter("since", dt.date, required=False, description="From this day on."),
            OpenApiParameter("until", dt.date, required=False, description="Up to this day."),
            OpenApiParameter(
                "page", int, required=False, description="1, 2, … (404 past the last)."
            ),
        ],
        responses=AuditPageSerializer,
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


urlpatterns = [path("entries/", AuditEntryList.as_view(), name="audit-entries")]
