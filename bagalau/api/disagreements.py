"""REST endpoints of disagreements about the evaluation procedure (/api/v1/disagreements/, seed
002 p.16): the caller's own and, for the HR service, their organisation's; a servant records one,
the HR service answers. Others get 404; a servant answering gets 403. Declarative like
`bagalau.api.calibration` (issue 9 item 3)."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.api.base import DetailEndpoint, Endpoint, ListEndpoint, body, detailed, listed
from bagalau.disagreements import selectors
from bagalau.disagreements.access import can_answer, disagreement_get_for
from bagalau.disagreements.models import Disagreement, DisagreementStatus
from bagalau.disagreements.services import disagreement_answer, disagreement_raise
from bagalau.org.selectors import servant_of


class DisagreementOut(serializers.Serializer[Disagreement]):
    """A disagreement, the HR service's consideration and answer (never a score)."""

    id = serializers.IntegerField(source="pk")
    servant = serializers.CharField(source="servant.full_name")
    raised_on = serializers.DateField()
    evaluation_id = serializers.IntegerField(allow_null=True)
    period = serializers.SerializerMethodField()
    text = serializers.CharField()
    status = serializers.ChoiceField(choices=DisagreementStatus.choices)
    consideration = serializers.CharField(allow_blank=True)
    answer = serializers.CharField(allow_blank=True)
    answered_at = serializers.DateTimeField(allow_null=True)

    def get_period(self, item: Disagreement) -> str:
        return str(item.evaluation.period) if item.evaluation is not None else ""


class RaiseIn(serializers.Serializer[Any]):
    """A servant's disagreement about the procedure, optionally about one of their evaluations."""

    text = serializers.CharField(allow_blank=True)
    evaluation_id = serializers.IntegerField(required=False, allow_null=True, default=None)


class AnswerIn(serializers.Serializer[Any]):
    """The HR service's consideration (how, with whom) and answer."""

    consideration = serializers.CharField(allow_blank=True)
    answer = serializers.CharField(allow_blank=True)


@extend_schema(tags=["disagreements"])
@listed("The caller's disagreements and, for the HR service, its organisation's", DisagreementOut)
class DisagreementList(ListEndpoint):
    """GET own and (HR) the organisation's, newest first; POST a servant records one."""

    serializer_class = DisagreementOut

    def get_queryset(self) -> Any:
        seen = {item.pk: item for item in selectors.disagreements_of(self.request.user)}
        for item in selectors.disagreements_for_hr(self.request.user)[:500]:
            seen.setdefault(item.pk, item)
        return sorted(seen.values(), key=lambda item: (item.raised_on, item.pk), reverse=True)

    @extend_schema(
        summary="Record a disagreement about the evaluation procedure (a servant, p.16)",
        request=RaiseIn,
        responses={201: DisagreementOut},
    )
    def post(self, request: Request) -> Response:
        if servant_of(request.user) is None:
            raise PermissionDenied()
        data = body(RaiseIn, request)
        item = disagreement_raise(
            actor=request.user, text=data["text"], evaluation_id=data["evaluation_id"]
        )
        return self.created(item)


class DisagreementEndpoint(Endpoint):
    """A disagreement the caller may read (404 otherwise)."""

    serializer_class = DisagreementOut
    get_for = disagreement_get_for
    lookup_url_kwarg = "disagreement_id"


@extend_schema(tags=["disagreements"])
@detailed("One disagreement (the servant who raised it, the HR service)")
class DisagreementDetail(DisagreementEndpoint, DetailEndpoint):
    """One disagreement, 404 for whoever may not see it."""


@extend_schema(tags=["disagreements"])
class DisagreementAnswer(DisagreementEndpoint):
    @extend_schema(summary="Answer a disagreement (the HR service, p.16)", request=AnswerIn)
    def post(self, request: Request, disagreement_id: int) -> Response:
        """Record the consideration and the answer; the servant is told. 403 for whom the
        HR service of the organisation (an answered one is refused by the service: 400)."""
        visible = self.get_object()
        if not can_answer(request.user, visible):
            raise PermissionDenied()
        data = body(AnswerIn, request)
        item = disagreement_answer(actor=request.user, disagreement_id=disagreement_id, **data)
        return self.answer(item)


urlpatterns: list[URLPattern] = [
    path("", DisagreementList.as_view(), name="disagreements"),
    path("<int:disagreement_id>/", DisagreementDetail.as_view(), name="disagreement"),
    path(
        "<int:disagreement_id>/answer/",
        DisagreementAnswer.as_view(),
        name="disagreement-answer",
    ),
]
