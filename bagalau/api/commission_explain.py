"""``GET /api/v1/commission/motions/<id>/explain/``: how the commission's open vote on a motion
decided (issue 14 item 5): the quorum, the majority and the chair's vote on a tie, each step
citing its paragraph; the same explanation as the session page's "How the decision was reached".

Visible exactly to those who may see the session's results (bagalau.commission.access: 404
otherwise; the read is audited); 404 too before the vote; 400 for an unknown `lang`.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.api.base import Endpoint
from bagalau.api.evaluations_explain import LANG, ExplainStepSerializer, requested_language
from bagalau.commission.access import session_read_for
from bagalau.commission.explain import motion_explanation
from bagalau.commission.models import Motion
from bagalau.methodology.labels import LANGUAGES


class DecisionExplanationSerializer(serializers.Serializer[Any]):
    """How the vote on a motion decided."""

    motion = serializers.IntegerField()
    session = serializers.IntegerField()
    evaluation = serializers.IntegerField()
    language = serializers.ChoiceField(choices=[(code, code) for code in LANGUAGES])
    adopted = serializers.BooleanField(help_text="The decision the steps end at.")
    steps = ExplainStepSerializer(many=True)


class MotionExplain(Endpoint):
    """How the open vote on a motion decided: the quorum of two thirds (seed 004 p.30), the
    majority of the votes (p.33), the chair's vote on a tie (p.34)."""

    serializer_class = DecisionExplanationSerializer

    @extend_schema(tags=["commission"], parameters=[LANG], summary="Explain a vote's decision")
    def get(self, request: Request, motion_id: int) -> Response:
        language = requested_language(request)
        found = Motion.objects.filter(pk=motion_id).values_list("item__session_id", flat=True)
        session_id = found.first()
        if session_id is None:
            raise Http404("No such motion.")
        session = session_read_for(user=request.user, id=session_id)
        motion = (
            Motion.objects.select_related(
                "item__evaluation", "item__session__organisation", "item__session__version"
            )
            .prefetch_related("votes__seat")
            .get(pk=motion_id)
        )
        explanation = motion_explanation(motion, language)
        if explanation is None:
            raise Http404("Nothing to explain.")
        return self.answer(
            {
                "motion": motion.pk,
                "session": session.pk,
                "evaluation": motion.item.evaluation_id,
                "language": explanation.language,
                "adopted": explanation.adopted,
                "steps": explanation.steps,
            }
        )


urlpatterns: list[URLPattern] = [
    path("motions/<int:motion_id>/explain/", MotionExplain.as_view(), name="commission-explain"),
]
