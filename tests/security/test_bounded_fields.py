"""Every input of the app is bounded (issue 8, item 5), found by introspection so that a new
unbounded field fails here: every text column of every model, every field of every form and every
field of every serializer the app defines.

- Models: a CharField or TextField states its max_length, and the database refuses longer text on
  SQLite as PostgreSQL's varchar does (a CHECK of the same limit from `bounds.length_checks`);
  a TextField always (PostgreSQL bounds no text column), a CharField unless only the system
  writes it (choices, editable=False, or listed in SYSTEM_WRITTEN with what writes it).
- Forms and serializers: text has a max_length of at most `bounds.LONG_TEXT`; whole numbers,
  decimals, dates and row ids are the bounded drop-ins of `bagalau.core.forms` /
  `bagalau.api.serializers` (ASCII digits 0–9, integers a database column holds, dates in
  2000–2100); a ModelForm's text bound fits the column it fills.
- Source: no module of `bagalau/` builds fields from Django's or DRF's unbounded modules directly,
  so fields added at run time (per row, per competency) are bounded too.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django import forms as django_forms
from django.apps import apps
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.test.utils import isolate_apps
from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers as drf

import bagalau
from bagalau.api import serializers as bounded_serializers
from bagalau.core import bounds
from bagalau.core import forms as bounded_forms

ROOT = Path(bagalau.__file__).parent


def _import_everything() -> None:
    """Import every module of the app, so every form and serializer class is defined."""
    for module in pkgutil.walk_packages([str(ROOT)], prefix="bagalau."):
        if ".migrations" in module.name or module.name.endswith(".cli"):
            continue
        importlib.import_module(module.name)


def _subclasses(base: type) -> Iterator[type]:
    seen: set[type] = set()
    stack = list(base.__subclasses__())
    while stack:
        cls = stack.pop()
        if cls in seen:
            continue
        seen.add(cls)
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("bagalau."):
            yield cls


# --- models ----------------------------------------------------------------------------------


def _app_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("bagalau.") and not model._meta.proxy
    ]


def _length_checks(model: type[models.Model]) -> dict[str, int]:
    """{column field: limit} of the model's `bounds.length_checks` constraints."""
    found: dict[str, int] = {}
    for constraint in model._meta.constraints:
        condition = getattr(constraint, "condition", None)
        if isinstance(condition, LessThanOrEqual) and isinstance(condition.lhs, Length):
            found[condition.lhs.source_expressions[0].name] = condition.rhs
    return found


# Text columns no one types: the system writes them from codes, choices, generated names or
# digests it bounds itself (the audit log cuts what it copies, bagalau.audit.services).
SYSTEM_WRITTEN = {
    "audit.AuditEntry": {"action", "object_type", "object_id", "summary"},
    "org.Organisation": {"body"},
    "evaluations.Schedule": {"edition"},
    "evaluations.Evaluation": {"edition", "reason", "rating", "final_rating"},
    "evaluations.ParameterScore": {"parameter"},
    "evaluations.ServiceRecordEntry": {"period", "method", "rating"},
    "evaluations.PaperEntry": {"scan_type", "scan_sha256", "scan_filename"},
    "calibration.ScoreChange": {"old_rating", "new_rating"},
    "notifications.Notification": {"kind", "url", "dedupe_key"},
    "surveys.Campaign": {"edition"},
    "surveys.AnswerTotal": {"competency"},
    "surveys.PaperBatch": {"scan", "scan_type"},
}


def model_text_problems(app_models: list[type[models.Model]]) -> list[str]:
    problems = []
    for model in app_models:
        checks = _length_checks(model)
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField):
                continue
            name = f"{model._meta.label}.{field.name}"
            if field.max_length is None:
                problems.append(f"{name}: no max_length")
                continue
            typed = (
                field.editable
                and not field.choices
                and field.name not in SYSTEM_WRITTEN.get(model._meta.label, ())
            )
            if isinstance(field, models.TextField) or typed:
                if checks.get(field.name) != field.max_length:
                    problems.append(
                        f"{name}: no database check of {field.max_length} characters "
                        f"(bounds.length_checks), found {checks.get(field.name)}"
                    )
    return problems


def test_every_text_column_is_bounded_in_the_model_and_the_database():
    assert model_text_problems(_app_models()) == []


# --- forms and serializers: one rule per kind of field ---------------------------------------


def _form_field_problems(name: str, field: Any, column: models.Field | None = None) -> list[str]:
    problems = []
    if isinstance(field, django_forms.CharField):
        if field.max_length is None or field.max_length > bounds.LONG_TEXT:
            problems.append(f"{name}: text without a bound ({field.max_length})")
        elif column is not None and getattr(column, "max_length", None):
            if field.max_length > column.max_length:
                problems.append(
                    f"{name}: {field.max_length} characters into a column of {column.max_length}"
                )
    kinds = [
        (django_forms.DecimalField, bounded_forms.DecimalField),
        (django_forms.FloatField, None),
        (django_forms.IntegerField, bounded_forms.IntegerField),
        (django_forms.DateTimeField, bounded_forms.DateTimeField),
        (django_forms.DateField, bounded_forms.DateField),
        (django_forms.ModelMultipleChoiceField, bounded_forms.ModelMultipleChoiceField),
        (django_forms.ModelChoiceField, bounded_forms.ModelChoiceField),
    ]
    for base, bounded in kinds:
        if isinstance(field, base):
            if bounded is None or not isinstance(field, bounded):
                problems.append(f"{name}: {type(field).__name__} is not a bounded drop-in")
            break
    if isinstance(field, django_forms.IntegerField) and not isinstance(
        field, django_forms.DecimalField | django_forms.FloatField
    ):
        if field.min_value is None or field.min_value < bounds.INT_MIN:
            problems.append(f"{name}: no lower bound")
        if field.max_value is None or field.max_value > bounds.INT_MAX:
            problems.append(f"{name}: no upper bound")
    if isinstance(field, django_forms.DateField | django_forms.DateTimeField):
        if bounds.validate_date_range not in field.validators:
            problems.append(f"{name}: a date without the 2000–2100 range")
    return problems


def _form_classes() -> list[type[django_forms.BaseForm]]:
    _import_everything()
    return sorted(
        _subclasses(django_forms.BaseForm), key=lambda cls: f"{cls.__module__}.{cls.__qualname__}"
    )


def form_problems(classes: list[type[django_forms.BaseForm]]) -> list[str]:
    problems = []
    for cls in classes:
        model = getattr(getattr(cls, "_meta", None), "model", None)
        for field_name, field in cls.base_fields.items():
            column = None
            if model is not None:
                try:
                    column = model._meta.get_field(field_name)
                except Exception:  # noqa: BLE001 — a form field that fills no column
                    column = None
            name = f"{cls.__module__}.{cls.__qualname__}.{field_name}"
            problems += _form_field_problems(name, field, column)
    return problems


def test_every_form_field_is_bounded():
    assert len(_form_classes()) >= 20
    assert form_problems(_form_classes()) == []


def _serializer_fields(name: str, field: Any) -> Iterator[tuple[str, Any]]:
    """The field and every field inside it (list and dict children, nested serializers) that a
    request may write."""
    if field.read_only:
        return
    yield name, field
    child = getattr(field, "child", None)
    if child is not None:
        yield from _serializer_fields(f"{name}[]", child)
    if isinstance(field, drf.BaseSerializer) and hasattr(field, "fields"):
        for inner_name, inner in field.fields.items():
            yield from _serializer_fields(f"{name}.{inner_name}", inner)


def _serializer_field_problems(name: str, field: Any) -> list[str]:
    problems = []
    if isinstance(field, drf.CharField):
        if field.max_length is None or field.max_length > bounds.LONG_TEXT:
            problems.append(f"{name}: text without a bound ({field.max_length})")
    kinds = [
        (drf.IntegerField, bounded_serializers.IntegerField),
        (drf.DecimalField, bounded_serializers.DecimalField),
        (drf.DateTimeField, bounded_serializers.DateTimeField),
        (drf.DateField, bounded_serializers.DateField),
        (drf.FloatField, None),
    ]
    for base, bounded in kinds:
        if isinstance(field, base):
            if bounded is None or not isinstance(field, bounded):
                problems.append(f"{name}: {type(field).__name__} is not a bounded drop-in")
            break
    if isinstance(field, drf.IntegerField):
        if field.min_value is None or field.min_value < bounds.INT_MIN:
            problems.append(f"{name}: no lower bound")
        if field.max_value is None or field.max_value > bounds.INT_MAX:
            problems.append(f"{name}: no upper bound")
    if isinstance(field, drf.DateField | drf.DateTimeField):
        if bounds.validate_date_range not in field.validators:
            problems.append(f"{name}: a date without the 2000–2100 range")
    if isinstance(field, drf.ModelField | drf.HStoreField):
        problems.append(f"{name}: {type(field).__name__} is not bounded")
    return problems


def _serializer_classes() -> list[type[drf.BaseSerializer[Any]]]:
    _import_everything()
    return sorted(
        _subclasses(drf.Serializer), key=lambda cls: f"{cls.__module__}.{cls.__qualname__}"
    )


def request_serializers() -> list[type[drf.BaseSerializer[Any]]]:
    """The serializers of every request body the API documents (the schema tells the truth,
    issue 8 item 8): drf-spectacular names a component after its class, less "Serializer", and
    "Patched" before the partial body of a PATCH."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    names = set()
    for operations in schema["paths"].values():
        for operation in operations.values():
            for media in operation.get("requestBody", {}).get("content", {}).values():
                ref = media["schema"].get("$ref") or media["schema"].get("items", {}).get("$ref")
                assert ref, f"a request body without a component: {media['schema']}"
                names.add(ref.rsplit("/", 1)[-1])
    by_name = {cls.__name__.removesuffix("Serializer"): cls for cls in _serializer_classes()}
    found = []
    for name in sorted(names):
        cls = by_name.get(name) or by_name.get(name.removeprefix("Patched"))
        assert cls is not None, f"no serializer class for the request body {name}"
        found.append(cls)
    return found


def serializer_problems(classes: list[type[drf.BaseSerializer[Any]]]) -> list[str]:
    """Every field a request may write (read-only fields only answer)."""
    problems = []
    for cls in classes:
        for field_name, field in cls().fields.items():
            prefix = f"{cls.__module__}.{cls.__qualname__}.{field_name}"
            for name, inner in _serializer_fields(prefix, field):
                problems += _serializer_field_problems(name, inner)
    return problems


def test_every_request_field_is_bounded():
    classes = request_serializers()
    assert len(classes) >= 40
    assert serializer_problems(classes) == []


# --- the source: no field is built from the unbounded modules --------------------------------

UNBOUNDED = {
    "django.forms",
    "django.forms.fields",
    "django.forms.models",
    "rest_framework.fields",
    "rest_framework.serializers",
}
ALLOWED = {ROOT / "core" / "forms.py", ROOT / "api" / "serializers.py"}


def _unbounded_import(node: ast.AST) -> bool:
    """`from django import forms`, `import rest_framework.serializers`, `from django.forms import
    CharField`, … (importing something else from those modules, an iterator say, is fine)."""
    if isinstance(node, ast.Import):
        return any(alias.name in UNBOUNDED for alias in node.names)
    if not isinstance(node, ast.ImportFrom) or not node.module:
        return False
    names = {alias.name for alias in node.names}
    if node.module in UNBOUNDED:
        return any(name.endswith(("Field", "Serializer")) or name == "*" for name in names)
    return any(f"{node.module}.{name}" in UNBOUNDED for name in names)


def source_problems(paths: list[Path]) -> list[str]:
    problems = []
    for path in paths:
        if path in ALLOWED or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        problems += [
            f"{path.name}:{node.lineno}: {ast.unparse(node)}"
            for node in ast.walk(tree)
            if _unbounded_import(node)
        ]
    return problems


def test_fields_are_built_from_the_bounded_modules_only():
    assert source_problems(sorted(ROOT.rglob("*.py"))) == []


@isolate_apps("bagalau.surveys")
def test_the_walk_would_notice_a_new_unbounded_field(tmp_path):
    """Each walk finds the unbounded fields a new model, form, serializer or module would add."""

    class Unbounded(models.Model):
        note = models.TextField()
        name = models.CharField(max_length=5000)

        class Meta:
            app_label = "surveys"

        def __str__(self) -> str:
            return self.name

    class UnboundedForm(django_forms.Form):
        note = django_forms.CharField()
        count = django_forms.IntegerField()
        day = django_forms.DateField()

    class UnboundedIn(drf.Serializer[Any]):
        note = drf.CharField()
        count = drf.ListField(child=drf.IntegerField())
        day = drf.DateField()

    module = tmp_path / "unbounded.py"
    module.write_text(
        "from django import forms\nfrom rest_framework.serializers import CharField\n"
    )
    assert len(model_text_problems([Unbounded])) == 2
    assert len(form_problems([UnboundedForm])) == 6
    assert len(serializer_problems([UnboundedIn])) == 6
    assert len(source_problems([module])) == 2
