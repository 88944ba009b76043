"""REST endpoints of the moj-2017 workflow (/api/v1/moj/): the organisation's App. 2 catalogue
and the discipline records, through the same services, selectors and access lookups as the
pages. Errors are ``{"error": {"field", "message"}}``: 400 a broken rule, 403 not yours to do,
404 not visible, 409 a stale ``version``."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.urls import path
from django.utils.translation import gettext_noop as N_
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.api.base import (
    Action,
    ActionsField,
    DetailEndpoint,
    Edit,
    Endpoint,
    PersonSerializer,
    body,
    detailed,
    edited,
    posted,
)
from bagalau.api.org_common import ORGANISATION, organisation_of
from bagalau.api.params import int_param
from bagalau.api.typical_explain import SheetExplain, explained
from bagalau.core import bounds
from bagalau.core.errors import DomainError
from bagalau.core.language import reader_language
from bagalau.moj import access
from bagalau.moj.common import catalogues
from bagalau.moj.explain import quarter_sheet_explanation
from bagalau.moj.models import BreachSource, DisciplineRecord, QuarterSheet
from bagalau.moj.selectors import (
    organisation_catalogue,
    quarter_records_for,
    quarter_sheet_deadline,
    sheet_lines,
)
from bagalau.moj.services.catalogue import catalogue_choose
from bagalau.moj.services.consent import moj_quarter_open
from bagalau.moj.services.discipline import discipline_record_create
from bagalau.moj.services.quarter_sheet import (
    quarter_sheet_agree,
    quarter_sheet_open,
    quarter_sheet_record_refusal,
    quarter_sheet_self_assess,
    quarter_sheet_sign,
)
from bagalau.moj.services.schedule import moj_schedule_draft

# --- serializers --------------------------------------------------------------------------------


class CatalogueOptionSerializer(serializers.Serializer[Any]):
    """An App. 2 catalogue: its code and its name in the reader's language."""

    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]


class CatalogueSerializer(serializers.Serializer[Any]):
    """The organisation's App. 2 catalogue (null until the administrator chooses, M-20), the
    catalogues to choose from, and whether the reader may choose."""

    catalogue = serializers.CharField(allow_null=True)
    version = serializers.IntegerField(allow_null=True)
    options = CatalogueOptionSerializer(many=True)
    may_choose = serializers.BooleanField()


class CatalogueInputSerializer(serializers.Serializer[Any]):
    """The catalogue chosen, and the version read (omitted: not checked)."""

    catalogue = serializers.CharField(max_length=30)
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class DisciplineRecordSerializer(serializers.ModelSerializer[DisciplineRecord]):
    """One breach: kind, source, date, evidence, and who recorded it."""

    servant = PersonSerializer()

    class Meta:
        model = DisciplineRecord
        fields = ["id", "servant", "kind", "source", "day", "evidence", "created_at"]


class DisciplineInputSerializer(serializers.Serializer[Any]):
    """A breach to record: its kind (executive, labour), source, date and evidence."""

    kind = serializers.CharField(max_length=20)
    source = serializers.ChoiceField(choices=BreachSource.choices)  # type: ignore[assignment]
    day = serializers.DateField()
    evidence = serializers.CharField(max_length=bounds.LONG_TEXT)


class QuarterRecordsSerializer(serializers.Serializer[Any]):
    """A servant's breaches in the days a quarter counts, and the sources the reader may add
    breaches from."""

    servant = PersonSerializer()
    start = serializers.DateField()
    end = serializers.DateField()
    records = DisciplineRecordSerializer(many=True)
    sources = serializers.ListField(child=serializers.CharField())


class MojScheduleInputSerializer(serializers.Serializer[Any]):
    """The year to draw up, and the fourth quarter's cut-off (omitted: 30 November, M-4)."""

    year = serializers.IntegerField(min_value=2000, max_value=2100)
    q4_cutoff = serializers.DateField(required=False, allow_null=True, default=None)


class MojQuarterSerializer(serializers.Serializer[Any]):
    """A period of the schedule (a quarter, or the year: number null): its days, deadline and
    status."""

    id = serializers.IntegerField(source="pk")
    kind = serializers.CharField()
    number = serializers.IntegerField(allow_null=True)
    starts = serializers.DateField()
    ends = serializers.DateField()
    deadline = serializers.DateField()
    status = serializers.CharField()


class MojScheduleSerializer(serializers.Serializer[Any]):
    """A moj-2017 year's schedule with its quarters."""

    id = serializers.IntegerField(source="pk")
    year = serializers.IntegerField()
    edition = serializers.CharField()
    status = serializers.CharField()
    periods = serializers.SerializerMethodField()

    @extend_schema_field(MojQuarterSerializer(many=True))
    def get_periods(self, schedule: Any) -> list[dict[str, Any]]:
        rows = schedule.periods.order_by(F("number").asc(nulls_last=True))
        return list(MojQuarterSerializer(rows, many=True).data)


class SheetDeadlineSerializer(serializers.Serializer[Any]):
    """The quarter's deadline, the day the sheet was agreed and how late (working days)."""

    due = serializers.DateField()
    done = serializers.DateField(allow_null=True)
    late_by = serializers.IntegerField()


class QuarterOpenedSerializer(serializers.Serializer[Any]):
    """The opened quarter and the evaluations created."""

    period = serializers.IntegerField(source="period.pk")
    created = serializers.ListField(child=serializers.IntegerField())


class SheetItemSerializer(serializers.Serializer[Any]):
    """An App. 2 item of a column: its code, day and evidence; points and name from the
    catalogue (read-only: never typed, M-8)."""

    code = serializers.CharField()
    date = serializers.DateField()
    evidence = serializers.CharField()
    points = serializers.IntegerField(allow_null=True)
    label = serializers.CharField()  # type: ignore[assignment]


class QuarterSheetSerializer(serializers.ModelSerializer[QuarterSheet]):
    """The App. 3 sheet: both columns, q and the rating, the deadline and the caller's actions."""

    self_items = serializers.SerializerMethodField()
    agreed_items = serializers.SerializerMethodField()
    agreed_breaches = serializers.SerializerMethodField()
    deadline = serializers.SerializerMethodField()
    actions = ActionsField(access.quarter_sheet_actions)

    class Meta:
        model = QuarterSheet
        fields = [
            "id",
            "evaluation",
            "catalogue",
            "status",
            "self_items",
            "self_breaches",
            "agreed_items",
            "agreed_breaches",
            "no_self_assessment",
            "bonus_points",
            "breaches",
            "score",
            "rating",
            "self_assessed_on",
            "agreed_on",
            "signed_on",
            "refused_on",
            "refusal_note",
            "version",
            "deadline",
            "actions",
        ]

    @extend_schema_field(SheetItemSerializer(many=True))
    def get_self_items(self, sheet: QuarterSheet) -> list[dict[str, object]]:
        return sheet_lines(sheet, "self", reader_language())

    @extend_schema_field(SheetItemSerializer(many=True))
    def get_agreed_items(self, sheet: QuarterSheet) -> list[dict[str, object]]:
        return sheet_lines(sheet, "agreed", reader_language())

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_agreed_breaches(self, sheet: QuarterSheet) -> list[int]:
        return sorted(record.pk for record in sheet.agreed_breaches.all())

    @extend_schema_field(SheetDeadlineSerializer)
    def get_deadline(self, sheet: QuarterSheet) -> dict[str, Any]:
        found = quarter_sheet_deadline(sheet)
        return {"due": found.due, "done": found.done, "late_by": found.late_by}


class ItemInputSerializer(serializers.Serializer[Any]):
    """An App. 2 item: code, day, evidence (no points: they come from the catalogue)."""

    code = serializers.CharField(max_length=40)
    date = serializers.DateField(required=False, allow_null=True, default=None)
    evidence = serializers.CharField(max_length=bounds.LONG_TEXT, allow_blank=True)


class BreachInputSerializer(serializers.Serializer[Any]):
    """A breach of the self-assessment: kind and date."""

    kind = serializers.CharField(max_length=20)
    date = serializers.DateField(required=False, allow_null=True, default=None)


class SelfAssessmentInputSerializer(serializers.Serializer[Any]):
    """The servant's column."""

    version = serializers.IntegerField(required=False, allow_null=True, default=None)
    items = ItemInputSerializer(many=True)
    breaches = BreachInputSerializer(many=True)


class AgreementInputSerializer(serializers.Serializer[Any]):
    """The direct manager's column: items, and the breaches as discipline record ids."""

    version = serializers.IntegerField(required=False, allow_null=True, default=None)
    items = ItemInputSerializer(many=True)
    breaches = serializers.ListField(
        child=serializers.IntegerField(), max_length=100, source="breach_ids"
    )


class RefusalInputSerializer(serializers.Serializer[Any]):
    """The text of the refusal act (p.25)."""

    note = serializers.CharField(max_length=bounds.LONG_TEXT, allow_blank=True)


# --- endpoints ----------------------------------------------------------------------------------


def _catalogue_answer(request: Request, organisation: Any) -> dict[str, Any]:
    choice = organisation_catalogue(organisation)
    language = reader_language()
    return {
        "catalogue": None if choice is None else choice.catalogue,
        "version": None if choice is None else choice.version,
        "options": [{"code": c.code, "label": c.label.get(language)} for c in catalogues()],
        "may_choose": access.may_choose_catalogue(request.user, organisation),
    }


class Catalogue(Endpoint):
    """The organisation's App. 2 catalogue: every member reads it, the administrator chooses."""

    serializer_class = CatalogueSerializer

    @extend_schema(summary="The organisation's App. 2 catalogue", parameters=[ORGANISATION])
    def get(self, request: Request) -> Response:
        return self.answer(_catalogue_answer(request, organisation_of(request)))

    @extend_schema(
        summary="Choose the App. 2 catalogue (administrator)",
        parameters=[ORGANISATION],
        request=CatalogueInputSerializer,
    )
    def put(self, request: Request) -> Response:
        organisation = organisation_of(request)
        data = body(CatalogueInputSerializer, request)
        catalogue_choose(
            actor=request.user,
            organisation=organisation,
            catalogue=data["catalogue"],
            version=data["version"],
        )
        return self.answer(_catalogue_answer(request, organisation))


QUARTER_PARAMS = [
    OpenApiParameter("year", OpenApiTypes.INT, required=True),
    OpenApiParameter("quarter", OpenApiTypes.INT, required=True, description="1 to 4"),
]


class ServantBreaches(Endpoint):
    """A servant's breaches of a quarter (HR, the direct manager, the servant); record one (HR
    from the document-flow service or its own, the direct manager its own)."""

    serializer_class = QuarterRecordsSerializer

    @extend_schema(summary="A servant's breaches of a quarter", parameters=QUARTER_PARAMS)
    def get(self, request: Request, servant_id: int) -> Response:
        year, quarter = int_param(request, "year"), int_param(request, "quarter")
        if year is None:
            raise DomainError("year", N_("Give the year."))
        if quarter is None:
            raise DomainError("quarter", N_("Give the quarter."))
        found = quarter_records_for(
            user=request.user, servant_id=servant_id, year=year, quarter=quarter
        )
        return self.answer(found)

    @extend_schema(
        summary="Record a breach (HR, the direct manager)",
        request=DisciplineInputSerializer,
        responses={201: DisciplineRecordSerializer},
    )
    def post(self, request: Request, servant_id: int) -> Response:
        data = body(DisciplineInputSerializer, request)
        record = discipline_record_create(actor=request.user, servant_id=servant_id, **data)
        return Response(DisciplineRecordSerializer(record).data, status=201)


@detailed("A breach of discipline")
class BreachDetail(DetailEndpoint):
    """One breach (audited read)."""

    serializer_class = DisciplineRecordSerializer
    get_for = access.discipline_record_get_for
    lookup_url_kwarg = "record_id"


class ScheduleDraft(Endpoint):
    """HR draws up a moj-2017 year's schedule with its quarters."""

    serializer_class = MojScheduleSerializer

    @extend_schema(
        summary="Draw up a moj-2017 year's schedule (HR)",
        parameters=[ORGANISATION],
        request=MojScheduleInputSerializer,
    )
    def post(self, request: Request) -> Response:
        data = body(MojScheduleInputSerializer, request)
        schedule = moj_schedule_draft(
            actor=request.user,
            organisation=organisation_of(request),
            year=data["year"],
            q4_cutoff=data["q4_cutoff"],
        )
        return self.created(schedule)


class QuarterOpen(Endpoint):
    """HR opens a quarter of a schedule in force (the chair's consent, p.14): the evaluations, by
    eligibility (p.3)."""

    serializer_class = QuarterOpenedSerializer

    @extend_schema(summary="Open a moj-2017 quarter (HR)", request=None)
    def post(self, request: Request, period_id: int) -> Response:
        opened = moj_quarter_open(actor=request.user, period_id=period_id)
        return self.answer({"period": opened.period, "created": [e.pk for e in opened.created]})


@posted("Open the quarterly sheet (App. 3)")
class QuarterSheetOpen(Action):
    """HR or the direct manager opens the App. 3 sheet of a quarterly evaluation."""

    serializer_class = QuarterSheetSerializer
    lookup_url_kwarg = "evaluation_id"
    service = quarter_sheet_open
    answer_status = 201


@detailed("A quarterly sheet (App. 3)")
class QuarterSheetDetail(DetailEndpoint):
    """The App. 3 sheet (audited read)."""

    serializer_class = QuarterSheetSerializer
    get_for = access.quarter_sheet_get_for
    lookup_url_kwarg = "sheet_id"


@explained("Explain a quarterly sheet's score")
class QuarterSheetExplain(SheetExplain):
    """How the agreed score was reached: each activity's points from App. 2, the breaches,
    q = 100 + bonus − 2 × breaches and the rating (seed 001 p.18, p.22, p.26-27); 404 before the
    direct manager's agreement; 400 for an unknown `lang`."""

    get_for = access.quarter_sheet_get_for
    explain = quarter_sheet_explanation


class QuarterSheetColumn(Edit):
    """A column of the App. 3 sheet: the answer is the sheet."""

    serializer_class = QuarterSheetSerializer
    lookup_url_kwarg = "sheet_id"


@edited("Self-assess (the servant)")
class QuarterSheetSelf(QuarterSheetColumn):
    """The servant's self-assessment (p.23)."""

    service = quarter_sheet_self_assess
    input_class = SelfAssessmentInputSerializer


@edited("Agree (the direct manager)")
class QuarterSheetAgree(QuarterSheetColumn):
    """The direct manager's agreed column, q and the rating (p.24-27)."""

    service = quarter_sheet_agree
    input_class = AgreementInputSerializer


class QuarterSheetStep(Action):
    """A step of the App. 3 sheet's workflow: the answer is the sheet."""

    serializer_class = QuarterSheetSerializer
    lookup_url_kwarg = "sheet_id"


@posted("Sign (the servant)")
class QuarterSheetSign(QuarterSheetStep):
    """The servant signs the agreed sheet (p.25)."""

    service = quarter_sheet_sign


@posted("Record the refusal act (HR; the direct manager co-signs)")
class QuarterSheetRefusal(QuarterSheetStep):
    """The HR servant records the refusal act, co-signed by the direct manager (p.25)."""

    service = quarter_sheet_record_refusal
    input_class = RefusalInputSerializer


urlpatterns = [
    path(
        "evaluations/<int:evaluation_id>/quarter-sheet/",
        QuarterSheetOpen.as_view(),
        name="moj-quarter-sheet-open",
    ),
    path("quarter-sheets/<int:sheet_id>/", QuarterSheetDetail.as_view(), name="moj-quarter-sheet"),
    path(
        "quarter-sheets/<int:sheet_id>/explain/",
        QuarterSheetExplain.as_view(),
        name="moj-quarter-sheet-explain",
    ),
    path(
        "quarter-sheets/<int:sheet_id>/self-assessment/",
        QuarterSheetSelf.as_view(),
        name="moj-quarter-sheet-self",
    ),
    path(
        "quarter-sheets/<int:sheet_id>/agreement/",
        QuarterSheetAgree.as_view(),
        name="moj-quarter-sheet-agree",
    ),
    path(
        "quarter-sheets/<int:sheet_id>/sign/",
        QuarterSheetSign.as_view(),
        name="moj-quarter-sheet-sign",
    ),
    path(
        "quarter-sheets/<int:sheet_id>/refusal/",
        QuarterSheetRefusal.as_view(),
        name="moj-quarter-sheet-refusal",
    ),
    path("schedules/", ScheduleDraft.as_view(), name="moj-schedules"),
    path("periods/<int:period_id>/open/", QuarterOpen.as_view(), name="moj-period-open"),
    path("catalogue/", Catalogue.as_view(), name="moj-catalogue"),
    path("servants/<int:servant_id>/breaches/", ServantBreaches.as_view(), name="moj-breaches"),
    path("breaches/<int:record_id>/", BreachDetail.as_view(), name="moj-breach"),
]
