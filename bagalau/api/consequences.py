"""REST endpoints of the register of decisions (/api/v1/consequences/, seed 002 p.8): the same
services and access rules as the pages. Errors are ``{"error": {"field", "message"}}``: 400 a
broken rule, 403 not the HR service, 404 not visible."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import include, path
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.api.base import DetailEndpoint, ListEndpoint, body, detailed, listed
from bagalau.consequences.access import decision_get_for, sees_rating
from bagalau.consequences.models import ORDER_NUMBER, Decision
from bagalau.consequences.selectors import decisions_of
from bagalau.consequences.services import decision_record
from bagalau.core import bounds
from bagalau.org.access import HR_ROLES
from bagalau.org.selectors import organisations_where


class DecisionSerializer(serializers.ModelSerializer[Decision]):
    """An entry of the register; `rating` is empty for a reader p.20 does not let know it."""

    servant = serializers.CharField(source="servant.full_name")
    rating = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id",
            "organisation",
            "servant",
            "evaluation",
            "basis",
            "rating",
            "kind",
            "decided_by",
            "order_number",
            "order_date",
            "reason",
            "recorded_at",
        ]

    def get_rating(self, decision: Decision) -> str:
        return decision.rating if sees_rating(self.context["request"].user, decision) else ""


class DecisionInputSerializer(serializers.Serializer[Any]):
    """A decision of p.8: the final result it rests on (an evaluation id), the decision's code
    (encouragement, rotation, demotion, dismissal), who took it and the order."""

    evaluation = serializers.IntegerField()
    kind = serializers.CharField(allow_blank=True, max_length=20)
    decided_by = serializers.CharField(allow_blank=True, max_length=bounds.TITLE)
    order_number = serializers.CharField(allow_blank=True, max_length=ORDER_NUMBER)
    order_date = serializers.DateField()
    reason = serializers.CharField(allow_blank=True, required=False, max_length=bounds.LONG_TEXT)


@extend_schema(tags=["consequences"])
@listed("The register of decisions the caller may read", DecisionSerializer)
class DecisionList(ListEndpoint):
    """The register: GET the entries the caller may read; POST the HR service records one."""

    serializer_class = DecisionSerializer

    def get_queryset(self) -> Any:
        return decisions_of(self.request.user)

    @extend_schema(
        summary="Record a decision (HR service, p.8)",
        request=DecisionInputSerializer,
        responses={201: DecisionSerializer},
    )
    def post(self, request: Request) -> Response:
        hr_of = organisations_where(request.user, *HR_ROLES)
        if not hr_of.exists():
            raise PermissionDenied("Only the HR service records decisions.")
        data = body(DecisionInputSerializer, request)
        # The organisation of the result when the caller is its HR service (else the service
        # refuses a result from elsewhere as it refuses one that does not exist).
        organisation = (
            hr_of.filter(schedules__periods__evaluations=data["evaluation"]).first()
            or hr_of.order_by("pk").first()
        )
        assert organisation is not None
        decision = decision_record(
            actor=request.user,
            organisation=organisation,
            evaluation_id=data["evaluation"],
            kind=data["kind"],
            decided_by=data["decided_by"],
            order_number=data["order_number"],
            order_date=data["order_date"],
            reason=data.get("reason", ""),
        )
        return self.created(decision)


@extend_schema(tags=["consequences"])
@detailed("An entry of the register")
class DecisionDetail(DetailEndpoint):
    """One entry (404 when the caller may not read it)."""

    serializer_class = DecisionSerializer
    get_for = decision_get_for
    lookup_url_kwarg = "decision_id"


urlpatterns = [
    path("", DecisionList.as_view(), name="consequences-list"),
    path("moj/", include("bagalau.api.moj_consequences")),
    path("<int:decision_id>/", DecisionDetail.as_view(), name="consequences-detail"),
]
