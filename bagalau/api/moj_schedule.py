"""REST endpoints of the moj-2017 schedule beside `api.moj` (/api/v1/moj/): the chair's consent
(seed 001 p.14, C1) and the notice with the blank sheets (p.14, C2), through the same services as
the pages. Errors are ``{"error": {"field", "message"}}``: 400 a broken rule, 403 not yours to
do, 404 not visible."""

from __future__ import annotations

from typing import Any

from django.urls import path

from bagalau.api import serializers
from bagalau.api.base import Action, posted
from bagalau.core import bounds
from bagalau.moj.services.consent import moj_schedule_record_consent
from bagalau.moj.services.notice import moj_notice_send


class MojConsentInputSerializer(serializers.Serializer[Any]):
    """Who the chair is, the day of the consent and the document."""

    chair_name = serializers.CharField(max_length=bounds.TITLE)
    agreed_on = serializers.DateField()
    reference = serializers.CharField(max_length=bounds.TITLE, required=False, default="")


class MojConsentSerializer(serializers.Serializer[Any]):
    """The consent recorded."""

    schedule = serializers.IntegerField(source="schedule_id")
    chair_name = serializers.CharField()
    agreed_on = serializers.DateField()
    reference = serializers.CharField()


class MojNoticeSerializer(serializers.Serializer[Any]):
    """The period's notice: due, first sent, calendar days late, notifications written in all
    and by this call."""

    period = serializers.IntegerField(source="notice.period_id")
    due = serializers.DateField(source="notice.due")
    sent_on = serializers.DateField(source="notice.sent_on")
    late_by = serializers.IntegerField(source="notice.late_by")
    recipients = serializers.IntegerField(source="notice.recipients")
    sent = serializers.IntegerField()


@posted("Record the chair's consent to a moj-2017 schedule (HR)")
class MojScheduleConsent(Action):
    """HR records the commission chair's consent; the schedule is then in force."""

    serializer_class = MojConsentSerializer
    lookup_url_kwarg = "schedule_id"
    service = moj_schedule_record_consent
    input_class = MojConsentInputSerializer
    answer_status = 201


@posted("Send the notice with the blank sheets (HR)")
class MojNoticeSend(Action):
    """HR sends the notice of an opened period to its evaluatees and evaluators."""

    serializer_class = MojNoticeSerializer
    lookup_url_kwarg = "period_id"
    service = moj_notice_send


urlpatterns = [
    path(
        "schedules/<int:schedule_id>/consent/",
        MojScheduleConsent.as_view(),
        name="moj-schedule-consent",
    ),
    path("periods/<int:period_id>/notice/", MojNoticeSend.as_view(), name="moj-period-notice"),
]
