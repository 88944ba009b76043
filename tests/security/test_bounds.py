"""The limits themselves (bagalau/core/bounds.py) and where they hold beyond forms and serializers:
the database refuses over-long text on SQLite as PostgreSQL does, the audit log copies no more than
a field may hold, and every parser of numbers takes the digits 0–9 only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from bagalau.audit.models import AuditEntry
from bagalau.audit.services import audit_log
from bagalau.core import bounds, forms
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import Evaluation
from bagalau.evaluations.services.sheets import parse_actual, parse_points, parse_version
from bagalau.methodology import MethodologyError, get_edition, sjc2023_rules
from bagalau.methodology.calc.fields import number
from bagalau.org.models import Servant, Unit
from tests.calibration.conftest import make_evaluation

REFUSED = (IntegrityError, DataError)  # SQLite: the CHECK constraint; PostgreSQL: varchar too


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", 0),
        ("42", 42),
        ("-7", -7),
        ("+3", 3),
        ("٤", None),  # ARABIC-INDIC DIGIT FOUR: int() reads 4
        ("４", None),  # FULLWIDTH DIGIT FOUR
        ("²", None),  # isdigit() is true, int() fails
        (" 4", None),
        ("4.0", None),
        ("", None),
        ("-", None),
        ("9" * 19, None),
        (None, None),
    ],
)
def test_ascii_int(value, expected):
    assert bounds.ascii_int(value) == expected


def test_ascii_decimal_refuses_foreign_digits_like_a_bad_number():
    assert bounds.ascii_decimal("4.25") == Decimal("4.25")
    with pytest.raises(InvalidOperation):
        bounds.ascii_decimal("٤.٢٥")
    with pytest.raises(InvalidOperation):
        bounds.ascii_decimal("four")


@pytest.mark.parametrize(
    ("day", "valid"),
    [
        (dt.date(2000, 1, 1), True),
        (dt.date(2100, 12, 31), True),
        (dt.date(1999, 12, 31), False),
        (dt.date(2101, 1, 1), False),
        (dt.date(9999, 12, 31), False),
        (dt.datetime(2101, 1, 1, 0, 0), False),
    ],
)
def test_date_range(day, valid):
    if valid:
        bounds.validate_date_range(day)
    else:
        with pytest.raises(ValidationError):
            bounds.validate_date_range(day)


def test_form_fields_are_bounded_by_default():
    assert forms.CharField().max_length == bounds.LONG_TEXT
    assert forms.CharField(max_length=100).max_length == 100
    assert forms.CharField(max_length=20000).max_length == bounds.LONG_TEXT
    number = forms.IntegerField()
    with pytest.raises(ValidationError):
        number.clean(str(2**31))
    with pytest.raises(ValidationError):
        number.clean("٤")
    assert number.clean("4") == 4
    with pytest.raises(ValidationError):
        forms.DateField().clean("9999-12-31")
    with pytest.raises(ValidationError):
        forms.DecimalField().clean("٤.٥")


def test_a_row_is_not_chosen_by_a_foreign_digit(world):
    field = forms.ModelChoiceField(queryset=Unit.objects.all())
    assert field.clean(str(world.root.pk)) == world.root
    foreign = str(world.root.pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    with pytest.raises(ValidationError):
        field.clean(foreign)


def test_the_database_refuses_a_5000_character_surname_on_every_engine(world):
    with pytest.raises(REFUSED), transaction.atomic():
        Servant.objects.filter(pk=world.a_staff1.pk).update(last_name="С" * 5000)
    with pytest.raises(REFUSED), transaction.atomic():
        Servant.objects.filter(pk=world.a_staff1.pk).update(
            last_name="С" * (bounds.PERSON_NAME + 1)
        )
    Servant.objects.filter(pk=world.a_staff1.pk).update(last_name="С" * bounds.PERSON_NAME)
    world.a_staff1.refresh_from_db()
    assert len(world.a_staff1.last_name) == bounds.PERSON_NAME


def test_the_database_refuses_a_text_over_the_long_text_bound(world, clock):
    evaluation = make_evaluation(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluation.objects.filter(pk=evaluation.pk).update(justification="ж" * 10_000)
    Evaluation.objects.filter(pk=evaluation.pk).update(justification="ж" * bounds.LONG_TEXT)
    evaluation.refresh_from_db()
    assert len(evaluation.justification) == bounds.LONG_TEXT


def test_the_audit_log_copies_no_more_than_a_field_may_hold(world):
    entry = audit_log(
        actor=world.hr_staff_user,
        action="update",
        obj=world.a_staff1,
        summary="s" * 1000,
        changes={"note": ("", "x" * (1024 * 1024)), "list": ("", ["y" * 5000]), "short": (1, 2)},
    )
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert len(entry.summary) == bounds.TITLE
    assert len(entry.changes["note"][1]) == bounds.LONG_TEXT
    assert entry.changes["note"][1].endswith("…")
    assert len(entry.changes["list"][1][0]) == bounds.LONG_TEXT
    assert entry.changes["short"] == [1, 2]


def test_sheet_parsers_take_ascii_digits_only():
    rules = sjc2023_rules(get_edition("sjc-2023"))
    assert parse_points("4", rules=rules, where="scores.quality") == 4
    with pytest.raises(DomainError) as points:
        parse_points("٤", rules=rules, where="scores.quality")
    assert points.value.field == "scores.quality"
    assert parse_actual("10,5", binary=False, where="kpis[0].actual") == (Decimal("10.5000"), None)
    with pytest.raises(DomainError):
        parse_actual("١٠", binary=False, where="kpis[0].actual")
    assert parse_version("3") == 3
    with pytest.raises(DomainError):
        parse_version("٣")


def test_the_calculator_takes_ascii_digits_only():
    assert number("4.5", "scores.quality") == Decimal("4.5")
    with pytest.raises(MethodologyError):
        number("٤.٥", "scores.quality")
