"""REST endpoints of disagreements about the evaluation procedure (/api/v1/disagreements/, seed
002 p.16): the caller's own and, for the HR service, their organisation's; a servant records one,
the HR service answers. Others get 404; a servant answering gets 403."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.disagreements import selectors
from bagalau.disagreements.access import can_answer, disagreement_get_for
from bagalau.disagreements.models import Disagreement, DisagreementStatus
from bagalau.disagreements.services import disagreement_answer, disagreement_raise
from bagalau.org.selectors import servant_of

TAG = ["disagreements"]

ERROR = inline_serializer(
    name="DisagreementError",
    fields={
        "error": inline_serializer(
            name="DisagreementErrorBody",
            fields={"field": serializers.CharField(), "message": serializers.CharField()},
        )
    },
)
ERRORS = {400: ERROR, 403: ERROR, 404: ERROR}


class DisagreementOut(serializers.Serializer[Any]):
    """A disagreement, the HR service's consideration and answer (never a score)."""

    id = serializers.IntegerField()
    servant = serializers.CharField()
    raised_on = serializers.DateField()
    evaluation_id = serializers.IntegerField(allow_null=True)
    period = serializers.CharField(allow_blank=True)
    text = serializers.CharField()
    status = serializers.ChoiceField(choices=DisagreementStatus.choices)
    consideration = serializers.CharField(allow_blank=True)
    answer = serializers.CharField(allow_blank=True)
    answered_at = serializers.DateTimeField(allow_null=True)


class RaiseIn(serializers.Serializer[Any]):
    """A servant's disagreement about the procedure, optionally about one of their evaluations."""

    text = serializers.CharField(allow_blank=True)
    evaluation_id = serializers.IntegerField(required=False, allow_null=True, default=None)


class AnswerIn(serializers.Serializer[Any]):
    """The HR service's consideration (how, with whom) and answer."""

    consideration = serializers.CharField(allow_blank=True)
    answer = serializers.CharField(allow_blank=True)


def _out(item: Disagreement) -> dict[str, Any]:
    return {
        "id": item.pk,
        "servant": item.servant.full_name,
        "raised_on": item.raised_on,
        "evaluation_id": item.evaluation_id,
        "period": str(item.evaluation.period) if item.evaluation is not None else "",
        "text": item.text,
        "status": item.status,
        "consideration": item.consideration,
        "answer": item.answer,
        "answered_at": item.answered_at,
    }


def _valid(serializer_class: type[serializers.Serializer[Any]], request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


@extend_schema(
    methods=["GET"],
    tags=TAG,
    summary="The caller's disagreements and, for the HR service, its organisation's",
    responses={200: DisagreementOut(many=True)},
)
@extend_schema(
    methods=["POST"],
    tags=TAG,
    summary="Record a disagreement about the evaluation procedure (a servant, p.16)",
    request=RaiseIn,
    responses={201: DisagreementOut, **ERRORS},
)
@api_view(["GET", "POST"])
def disagreements(request: Request) -> Response:
    """GET: own and (HR) the organisation's, newest first; POST: record one."""
    if request.method == "POST":
        if servant_of(request.user) is None:
            raise PermissionDenied()
        data = _valid(RaiseIn, request)
        item = disagreement_raise(
            actor=request.user, text=data["text"], evaluation_id=data["evaluation_id"]
        )
        return Response(DisagreementOut(_out(item)).data, status=status.HTTP_201_CREATED)
    seen = {item.pk: item for item in selectors.disagreements_of(request.user)}
    for item in selectors.disagreements_for_hr(request.user)[:500]:
        seen.setdefault(item.pk, item)
    rows = sorted(seen.values(), key=lambda item: (item.raised_on, item.pk), reverse=True)
    return Response(DisagreementOut([_out(item) for item in rows], many=True).data)


@extend_schema(
    tags=TAG,
    summary="One disagreement (the servant who raised it, the HR service)",
    responses={200: DisagreementOut, 404: ERROR},
)
@api_view(["GET"])
def disagreement(request: Request, disagreement_id: int) -> Response:
    """One disagreement, 404 for whoever may not see it."""
    return Response(
        DisagreementOut(_out(disagreement_get_for(user=request.user, id=disagreement_id))).data
    )


@extend_schema(
    tags=TAG,
    summary="Answer a disagreement (the HR service, p.16)",
    request=AnswerIn,
    responses={200: DisagreementOut, **ERRORS},
)
@api_view(["POST"])
def disagreement_answer_view(request: Request, disagreement_id: int) -> Response:
    """Record the consideration and the answer; the servant is told."""
    visible = disagreement_get_for(user=request.user, id=disagreement_id)
    if not can_answer(request.user, visible):
        raise PermissionDenied()
    data = _valid(AnswerIn, request)
    item = disagreement_answer(actor=request.user, disagreement_id=disagreement_id, **data)
    return Response(DisagreementOut(_out(item)).data)


urlpatterns: list[URLPattern] = [
    path("", disagreements, name="disagreements"),
    path("<int:disagreement_id>/", disagreement, name="disagreement"),
    path("<int:disagreement_id>/answer/", disagreement_answer_view, name="disagreement-answer"),
]
