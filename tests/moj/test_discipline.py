"""Discipline records (seed 001 p.20-24; EDITIONS.md §5.2 D1, §9.4 M-4, M-22): each breach a
dated record with its source and evidence, recorded by the role its source names, listed for the
quarter; refusals name the field and write nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import DomainError
from bagalau.moj.access import discipline_record_get_for
from bagalau.moj.models import DisciplineRecord
from bagalau.moj.selectors import quarter_records_for
from bagalau.moj.services.discipline import discipline_record_create

pytestmark = pytest.mark.django_db

DAY = dt.date(2017, 11, 14)


def record(w, who="b_head", *, kind="executive", source="direct_manager", day=DAY, evidence="x"):
    return discipline_record_create(
        actor=getattr(w, f"{who}_user"),
        servant_id=w.b_staff1.pk,
        kind=kind,
        source=source,
        day=day,
        evidence=evidence,
    )


@pytest.mark.parametrize(
    ("who", "kind", "source"),
    [
        ("b_head", "executive", "direct_manager"),
        ("b_head", "labour", "direct_manager"),
        ("hr_staff", "executive", "document_flow"),
        ("hr_head", "labour", "hr"),
    ],
)
def test_each_source_is_recorded_by_its_role_audited(mw, who, kind, source):
    made = record(mw, who, kind=kind, source=source, evidence="  Letter No. 12  ")
    assert (made.kind, made.source, made.day, made.evidence) == (kind, source, DAY, "Letter No. 12")
    entry = AuditEntry.objects.get(object_type="moj.disciplinerecord", action="create")
    assert entry.organisation_id == mw.org.pk
    assert entry.changes["source"] == [None, source]


@pytest.mark.parametrize(
    ("who", "source"),
    [("b_head", "hr"), ("b_head", "document_flow"), ("hr_staff", "direct_manager")],
)
def test_a_role_may_not_record_for_another_source(mw, who, source):
    kind = "labour" if source == "hr" else "executive"
    with pytest.raises(PermissionDenied):
        record(mw, who, kind=kind, source=source)
    assert not DisciplineRecord.objects.exists()


@pytest.mark.parametrize("who", ["b_staff1", "head"])
def test_the_servant_and_the_head_record_nothing(mw, who):
    with pytest.raises(PermissionDenied):
        record(mw, who, source="document_flow")
    assert not DisciplineRecord.objects.exists()


@pytest.mark.parametrize("who", ["a_head", "a_staff1", "admin", "outsider"])
def test_others_do_not_see_the_servant(mw, who):
    with pytest.raises(Http404):
        record(mw, who)
    assert not DisciplineRecord.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"day": None}, "day"),
        ({"day": dt.date(2017, 12, 21)}, "day"),
        ({"day": dt.date(2017, 7, 10)}, "day"),
        ({"evidence": "   "}, "evidence"),
        ({"kind": "ethics"}, "kind"),
        ({"kind": "executive", "source": "hr", "who": "hr_staff"}, "source"),
        ({"kind": "labour", "source": "document_flow", "who": "hr_staff"}, "source"),
    ],
)
def test_bad_input_is_refused_naming_the_field(mw, changes, field):
    """A breach without a date, in the future, before moj-2017 was in force there, without
    evidence, of an unknown kind, or from a source its kind does not come from (p.20, p.21)."""
    who = changes.pop("who", "b_head")
    with pytest.raises(DomainError) as error:
        record(mw, who, **changes)
    assert error.value.field == field
    assert not DisciplineRecord.objects.exists()
    assert not AuditEntry.objects.filter(object_type="moj.disciplinerecord").exists()


def test_the_quarter_lists_the_breaches_of_its_days_q4_up_to_the_cut_off(mw):
    """Q4 is evaluated by 10 December and counts up to 30 November by default (M-4): a breach
    of 5 December is in no quarter's list; one of 29 September is Q3's."""
    october = record(mw, day=dt.date(2017, 10, 2))
    record(mw, day=dt.date(2017, 12, 5))
    september = record(mw, kind="labour", day=dt.date(2017, 9, 29))
    found = quarter_records_for(
        user=mw.b_head_user, servant_id=mw.b_staff1.pk, year=2017, quarter=4
    )
    assert (found.start, found.end) == (dt.date(2017, 10, 1), dt.date(2017, 11, 30))
    assert found.records == [october]
    assert found.sources == {"direct_manager"}
    third = quarter_records_for(
        user=mw.hr_staff_user, servant_id=mw.b_staff1.pk, year=2017, quarter=3
    )
    assert third.records == [september]
    assert third.sources == {"document_flow", "hr"}


@pytest.mark.parametrize("who", ["b_head", "hr_staff", "hr_head", "head", "b_staff1"])
def test_who_sees_the_quarter_and_a_record(mw, who):
    made = record(mw)
    user = getattr(mw, f"{who}_user")
    found = quarter_records_for(user=user, servant_id=mw.b_staff1.pk, year=2017, quarter=4)
    assert found.records == [made]
    assert discipline_record_get_for(user=user, id=made.pk) == made
    assert AuditEntry.objects.filter(
        object_type="moj.disciplinerecord", action="view", actor=user
    ).exists()


@pytest.mark.parametrize("who", ["a_head", "a_staff1", "admin", "outsider"])
def test_nobody_else_sees_them(mw, who):
    made = record(mw)
    user = getattr(mw, f"{who}_user")
    with pytest.raises(Http404):
        quarter_records_for(user=user, servant_id=mw.b_staff1.pk, year=2017, quarter=4)
    with pytest.raises(Http404):
        discipline_record_get_for(user=user, id=made.pk)


@pytest.mark.parametrize(
    ("year", "quarter", "field"), [(2017, 5, "quarter"), (2017, 1, "quarter"), (99999, 1, "year")]
)
def test_a_quarter_outside_the_edition_or_the_numbers_is_refused(mw, year, quarter, field):
    with pytest.raises(DomainError) as error:
        quarter_records_for(
            user=mw.hr_staff_user, servant_id=mw.b_staff1.pk, year=year, quarter=quarter
        )
    assert error.value.field == field
