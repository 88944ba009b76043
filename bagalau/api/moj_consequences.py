"""REST endpoints of the consequences of moj-2017 results (/api/v1/consequences/moj/, seed 001
p.41-45): the same selectors, access lookups and services as the pages. The HR service reads its
organisation's bonus-eligible results, mentoring ban list, training referrals and p.45 alerts,
and refers to training; a servant reads their own. Errors are ``{"error": {"field",
"message"}}``: 400 a broken rule, 403 not the HR service, 404 not visible."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.api.base import Endpoint, Step, posted
from bagalau.api.org_common import ORGANISATION, organisation_of
from bagalau.api.params import int_param
from bagalau.consequences import moj
from bagalau.consequences.access import (
    may_record,
    training_referral_actions,
    training_result_get_for,
)
from bagalau.consequences.training import training_referral_complete, training_referral_refer
from bagalau.core import bounds
from bagalau.core.context import viewer
from bagalau.core.language import reader_language
from bagalau.core.types import User
from bagalau.evaluations.models import Evaluation


def _result(evaluation: Evaluation) -> dict[str, Any]:
    return {
        "evaluation": evaluation.pk,
        "servant": evaluation.servant.full_name,
        "period": str(evaluation.period),
        "method": evaluation.method,
        "year": moj.year_of(evaluation),
        "rating": evaluation.final_rating,
        "rating_label": moj.rating_label(evaluation, reader_language()),
        "approved_on": moj.approved_on(evaluation),
    }


def _referral(referral: moj.Referral, user: User) -> dict[str, Any]:
    row = referral.row
    return {
        **_result(referral.result),
        "due": referral.due,
        "status": row.status,
        "directions": row.directions,
        "referred_on": row.referred_on,
        "training": row.training,
        "done_on": row.done_on,
        "suggested": list(referral.suggested),
        "actions": sorted(training_referral_actions(user=user, obj=row)),
    }


class ResultSerializer(serializers.Serializer[Any]):
    """An approved moj-2017 result (the commission's final score stays on its own page)."""

    evaluation = serializers.IntegerField()
    servant = serializers.CharField()
    period = serializers.CharField()
    method = serializers.CharField()
    year = serializers.IntegerField()
    rating = serializers.CharField()
    rating_label = serializers.CharField()
    approved_on = serializers.DateField()


class ReferralSerializer(ResultSerializer):
    """A training referral (p.43): its result, due date (approval + 3 months), status (due,
    referred, done), direction(s), training done, the engine's suggested components and the
    caller's actions (refer, complete)."""

    due = serializers.DateField()
    status = serializers.CharField()
    directions = serializers.CharField()
    referred_on = serializers.DateField(allow_null=True)
    training = serializers.CharField()
    done_on = serializers.DateField(allow_null=True)
    suggested = serializers.ListField(child=serializers.CharField())
    actions = serializers.ListField(child=serializers.CharField())


class AlertSerializer(serializers.Serializer[Any]):
    """Two consecutive unsatisfactory years (p.45): the later year's result (the one a decision
    cites), the earlier year, and the decision recorded, if any."""

    servant = serializers.CharField()
    year = serializers.IntegerField()
    previous_year = serializers.IntegerField()
    evaluation = serializers.IntegerField()
    resolved = serializers.BooleanField()
    decision = serializers.IntegerField(allow_null=True)
    decision_kind = serializers.CharField()


class OverviewSerializer(serializers.Serializer[Any]):
    """The consequences the caller may read: their organisation's (HR) or their own."""

    scope = serializers.ChoiceField(choices=["organisation", "own"])
    bonus = ResultSerializer(many=True)
    mentor_ban = ResultSerializer(many=True)
    training = ReferralSerializer(many=True)
    alerts = AlertSerializer(many=True)


class ReferInputSerializer(serializers.Serializer[Any]):
    """The referral: the direction(s) of training and the day."""

    directions = serializers.CharField(allow_blank=True, max_length=bounds.LONG_TEXT)
    referred_on = serializers.DateField()


class CompleteInputSerializer(serializers.Serializer[Any]):
    """The training attended and its day."""

    training = serializers.CharField(allow_blank=True, max_length=bounds.LONG_TEXT)
    done_on = serializers.DateField()


QUERY = [
    ORGANISATION,
    OpenApiParameter("year", OpenApiTypes.INT, description="Bonus-eligible results of a year."),
    OpenApiParameter(
        "quarter", OpenApiTypes.INT, description="0 the annual results, 1-4 a quarter's."
    ),
]


@extend_schema(tags=["consequences"])
class Overview(Endpoint):
    """The consequences of moj-2017 results (p.41-45)."""

    serializer_class = OverviewSerializer

    @extend_schema(summary="Consequences of moj-2017 results", parameters=QUERY)
    def get(self, request: Request) -> Response:
        organisation = organisation_of(request)
        hr = may_record(request.user, organisation)
        servant = None
        if not hr:
            servant = viewer(request).servant
            if servant is None or servant.organisation_id != organisation.pk:
                raise Http404("No servant record.")
        quarter = int_param(request, "quarter")
        overview = moj.overview(
            organisation,
            servant=servant,
            year=int_param(request, "year"),
            quarter=quarter if quarter is not None and quarter <= 4 else None,
        )
        data = {
            "scope": "organisation" if hr else "own",
            "bonus": [_result(e) for e in overview.bonus],
            "mentor_ban": [_result(e) for e in overview.mentor_ban],
            "training": [_referral(r, request.user) for r in overview.referrals],
            "alerts": [
                {
                    "servant": a.servant.full_name,
                    "year": a.year,
                    "previous_year": moj.year_of(a.previous),
                    "evaluation": a.result.pk,
                    "resolved": a.resolved,
                    "decision": a.decision_id,
                    "decision_kind": a.decision_kind,
                }
                for a in overview.alerts
            ],
        }
        return Response(data)


def _referral_answer(request: Request, evaluation_id: int, *, suggest: bool = False) -> Response:
    """The training referral of the annual result (404 unless HR of its organisation or its
    servant)."""
    evaluation = training_result_get_for(user=request.user, id=evaluation_id)
    return Response(_referral(moj.referral_of(evaluation, suggest=suggest), request.user))


@extend_schema(tags=["consequences"])
class Referral(Endpoint):
    """A training referral, by its annual result (404 unless HR of its organisation or its
    servant)."""

    serializer_class = ReferralSerializer

    @extend_schema(summary="A training referral (p.43)")
    def get(self, request: Request, evaluation_id: int) -> Response:
        return _referral_answer(request, evaluation_id, suggest=True)


class ReferralStep(Step):
    """A step of the training referral (p.43): `service` with the body read by `input_class`,
    then the referral as it is now."""

    serializer_class = ReferralSerializer
    lookup_url_kwarg = "evaluation_id"

    def current(self) -> Response:
        return _referral_answer(self.request, self.kwargs["evaluation_id"])


@extend_schema(tags=["consequences"])
@posted("Refer to training (HR service)")
class Refer(ReferralStep):
    """The HR service refers the servant to training (p.43)."""

    service = training_referral_refer
    input_class = ReferInputSerializer


@extend_schema(tags=["consequences"])
@posted("Record the training done (HR service)")
class Complete(ReferralStep):
    """The HR service records the training done."""

    service = training_referral_complete
    input_class = CompleteInputSerializer


urlpatterns = [
    path("", Overview.as_view(), name="consequences-moj"),
    path("training/<int:evaluation_id>/", Referral.as_view(), name="consequences-moj-referral"),
    path("training/<int:evaluation_id>/refer/", Refer.as_view(), name="consequences-moj-refer"),
    path(
        "training/<int:evaluation_id>/complete/",
        Complete.as_view(),
        name="consequences-moj-complete",
    ),
]
