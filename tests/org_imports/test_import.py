"""The structure import service: a valid file, idempotent re-import, dry run, every kind of
error named by sheet, row and column with nothing written, and who may import."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import DomainError
from bagalau.jobs.registry import JobFailed
from bagalau.org.models import Absence, Assignment, Position, Servant, Unit
from bagalau.org_imports.models import ImportKey
from bagalau.org_imports.services import structure_import
from tests.factories import AssignmentFactory, OrganisationFactory, RoleAssignmentFactory
from tests.org_imports.files import valid_rows, xlsx

MODELS = (Unit, Position, Servant, Assignment, Absence, ImportKey, AuditEntry)


def snapshot() -> dict[str, list[dict[str, Any]]]:
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in MODELS}


def run(empty, rows, **kwargs):
    return structure_import(actor=empty.hr, organisation=empty.org, data=xlsx(rows), **kwargs)


def test_a_valid_file_builds_the_structure(empty):
    outcome = run(empty, valid_rows())

    assert outcome["counts"] == {
        "units": {"created": 3},
        "positions": {"created": 4},
        "servants": {"created": 3},
        "assignments": {"created": 3},
        "absences": {"created": 1},
    }
    root = Unit.objects.get(organisation=empty.org, parent=None)
    assert (root.name_kk, root.name_en) == ("Аппарат", "Apparatus")
    assert sorted(u.name_kk for u in root.children.all()) == ["АТ бөлімі", "Құқық бөлімі"]
    head = Position.objects.get(name_kk="Бөлім басшысы")
    assert (head.category, head.heads_unit, head.provides_services) == ("B-1", True, False)
    expert = Position.objects.get(name_kk="Сарапшы")
    assert (expert.category, expert.heads_unit, expert.provides_services) == ("C-4", False, True)
    it = Position.objects.get(name_kk="Бас сарапшы")
    assert (it.method_override, it.method_override_reason) == ("kpi", "Бұйрық 12")
    assert Position.objects.get(name_kk="Басшы").category == ""
    numbered = Servant.objects.get(personnel_number="3")
    assert numbered.full_name == "Жанов Нұрлан"
    dismissed = Assignment.objects.get(servant=numbered)
    assert (dismissed.start, dismissed.end, dismissed.end_reason) == (
        dt.date(2025, 2, 1),
        dt.date(2025, 12, 31),
        "dismissal",
    )
    probation = Assignment.objects.get(servant__personnel_number="0002")
    assert (probation.start, probation.probation_until, probation.kind) == (
        dt.date(2026, 3, 1),
        dt.date(2026, 6, 1),
        "appointment",
    )
    leave = Absence.objects.get()
    assert (leave.kind, leave.start, leave.end, leave.note) == (
        "annual_leave",
        dt.date(2026, 7, 1),
        dt.date(2026, 7, 14),
        "кезекті",
    )
    entries = AuditEntry.objects.filter(organisation=empty.org)
    assert entries.filter(action="import_create").count() == 14
    summary = entries.get(action="import_structure")
    assert summary.actor == empty.hr
    assert summary.changes["counts"][1]["units"] == {"created": 3}


def test_importing_the_same_file_again_changes_nothing(empty):
    run(empty, valid_rows())
    before = snapshot()

    outcome = run(empty, valid_rows())

    assert snapshot() == before
    assert all(set(c) == {"unchanged"} for c in outcome["counts"].values())


def test_a_changed_row_is_updated_and_audited(empty):
    run(empty, valid_rows())
    rows = valid_rows()
    rows["units"][2][1] = "Ақпараттық технологиялар бөлімі"
    rows["units"][2][4] = "LEGAL"  # moved under the legal department
    rows["assignments"][1][6] = "15.06.2026"

    outcome = run(empty, rows)

    assert outcome["counts"]["units"] == {"updated": 1, "unchanged": 2}
    assert outcome["counts"]["assignments"] == {"updated": 1, "unchanged": 2}
    unit = Unit.objects.get(name_kk="Ақпараттық технологиялар бөлімі")
    assert unit.parent.name_kk == "Құқық бөлімі"
    entry = AuditEntry.objects.get(action="import_update", object_type="org.unit")
    assert entry.changes["name_kk"] == ["АТ бөлімі", "Ақпараттық технологиялар бөлімі"]
    assert entry.changes["parent_id"][1] == unit.parent_id
    assert Assignment.objects.get(servant__personnel_number="0002").probation_until == dt.date(
        2026, 6, 15
    )


def test_a_dry_run_counts_and_writes_nothing(empty):
    before = snapshot()

    outcome = run(empty, valid_rows(), dry_run=True)

    assert outcome["dry_run"] is True
    assert outcome["counts"]["servants"] == {"created": 3}
    assert snapshot() == before


def _broken(change) -> dict[str, list[list[Any]]]:
    rows = valid_rows()
    change(rows)
    return rows


def _set(sheet: str, row: int, column: int, value: Any):
    def change(rows):
        rows[sheet][row][column] = value

    return change


def _add(sheet: str, values: list[Any]):
    def change(rows):
        rows[sheet].append(values)

    return change


CASES = [
    # (what, change, sheet, row, column, words of the message)
    (
        "unknown category",
        _set("positions", 2, 5, "B-9"),
        "positions",
        4,
        "F (category)",
        "is not a category code",
    ),
    (
        "post held twice",
        _add("assignments", ["0001", "P-L1", "01.05.2026", None, "", "", None]),
        "assignments",
        5,
        "B (position_code)",
        "is held twice",
    ),
    (
        "servant in two posts",
        _add("assignments", ["0002", "P-IT", "01.04.2026", None, "", "", None]),
        "assignments",
        5,
        "C (start)",
        "holds another post",
    ),
    ("unit loop", _set("units", 0, 4, "LEGAL"), "units", 2, "E (parent_code)", "under itself"),
    (
        "not a date",
        _set("assignments", 0, 2, "32.13.2026"),
        "assignments",
        2,
        "C (start)",
        "not a date",
    ),
    ("number as a date", _set("absences", 0, 3, 14), "absences", 2, "D (end)", "not a date"),
    (
        "duplicate person",
        _add("servants", ["0002", "Бекова", "Айгүл", "", ""]),
        "servants",
        5,
        "A (personnel_number)",
        "one person, one row",
    ),
    (
        "duplicate unit code",
        _add("units", ["IT", "Тағы", "", "", "APP", 3]),
        "units",
        5,
        "A (code)",
        "already used",
    ),
    (
        "unknown unit",
        _set("positions", 1, 1, "NOPE"),
        "positions",
        3,
        "B (unit_code)",
        "no unit with the code NOPE",
    ),
    (
        "two heads",
        _set("positions", 2, 6, "yes"),
        "positions",
        4,
        "G (heads_unit)",
        "already headed",
    ),
    (
        "unknown person",
        _set("absences", 0, 0, "9999"),
        "absences",
        2,
        "A (personnel_number)",
        "no servant",
    ),
    (
        "unknown absence kind",
        _set("absences", 0, 1, "holiday"),
        "absences",
        2,
        "B (kind)",
        "is not one of",
    ),
    (
        "end before start",
        _set("absences", 0, 3, "01.06.2026"),
        "absences",
        2,
        "D (end)",
        "comes before",
    ),
    (
        "override without reason",
        _set("positions", 3, 9, ""),
        "positions",
        5,
        "J (method_override_reason)",
        "Say why",
    ),
    (
        "formula",
        _set("servants", 0, 1, '=A1&"x"'),
        "servants",
        2,
        "B (last_name)",
        "Formulas are not accepted",
    ),
    (
        "too long",
        _set("servants", 1, 1, "Ж" * 101),
        "servants",
        3,
        "B (last_name)",
        "at most 100 characters",
    ),
    ("foreign digits", _set("units", 1, 5, "٤"), "units", 3, "F (order)", "digits 0–9"),
    (
        "date out of range",
        _set("assignments", 0, 2, "01.01.1990"),
        "assignments",
        2,
        "C (start)",
        "between",
    ),
    (
        "required cell empty",
        _set("servants", 1, 2, None),
        "servants",
        3,
        "C (first_name)",
        "Fill in",
    ),
]


@pytest.mark.parametrize(
    ("change", "sheet", "row", "column", "words"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_each_error_is_named_and_nothing_is_written(empty, change, sheet, row, column, words):
    before = snapshot()

    with pytest.raises(JobFailed) as failure:
        run(empty, _broken(change))

    assert snapshot() == before
    found = [(e["sheet"], e["row"], e["column"]) for e in failure.value.errors]
    assert (sheet, row, column) in found
    error = next(e for e in failure.value.errors if (e["sheet"], e["row"]) == (sheet, row))
    assert words in error["template"] % error["params"]


def test_every_problem_of_a_file_is_listed_at_once(empty):
    rows = valid_rows()
    rows["positions"][1][5] = "Z-1"
    rows["assignments"][0][2] = "ertең"
    rows["servants"].append(["0001", "Екі", "Рет", "", ""])

    with pytest.raises(JobFailed) as failure:
        run(empty, rows)

    assert {(e["sheet"], e["row"]) for e in failure.value.errors} >= {
        ("positions", 3),
        ("assignments", 2),
        ("servants", 5),
    }


def test_the_errors_are_in_the_users_language(empty):
    from django.utils import translation

    with pytest.raises(JobFailed) as failure:
        run(empty, _broken(_set("assignments", 0, 2, "32.13.2026")))
    error = failure.value.errors[0]
    with translation.override("kk"):
        kk = translation.gettext(error["template"])
    with translation.override("ru"):
        ru = translation.gettext(error["template"])
    assert kk != error["template"]
    assert ru != error["template"]
    assert kk != ru


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"name;surname\nA;B\n", "not an XLSX workbook"),
        (b"PK\x03\x04broken", "not an XLSX workbook"),
        (b"PK" + b"\0" * (5 * 1024 * 1024), "larger than 5 MB"),
    ],
    ids=["csv", "damaged zip", "huge"],
)
def test_bad_files_are_refused_cleanly(empty, data, words):
    before = snapshot()
    with pytest.raises(JobFailed) as failure:
        structure_import(actor=empty.hr, organisation=empty.org, data=data)
    assert words in failure.value.errors[0]["template"] % failure.value.errors[0]["params"]
    assert snapshot() == before


def test_a_zip_bomb_is_refused_before_it_is_unpacked(empty, monkeypatch):
    from bagalau.org_imports import reading

    monkeypatch.setattr(reading, "MAX_UNPACKED_BYTES", 1024)
    with pytest.raises(JobFailed) as failure:
        run(empty, valid_rows())
    assert failure.value.errors[0]["template"] == "The file is larger than %(limit)s MB."
    assert not Unit.objects.exists()


def test_a_missing_sheet_and_column_are_named(empty):
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx(valid_rows())))
    del book["absences"]
    book["servants"]["B1"] = "surname"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(JobFailed) as failure:
        structure_import(actor=empty.hr, organisation=empty.org, data=out.getvalue())
    messages = {e["template"] % e["params"] for e in failure.value.errors}
    assert "The sheet absences is missing." in messages
    assert "The column last_name is missing." in messages


def test_existing_posts_count_for_a_post_held_twice(empty):
    run(empty, valid_rows())
    rows = valid_rows()
    rows["servants"].append(["0004", "Төртінші", "Адам", "", ""])
    rows["assignments"].append(["0004", "P-LH", "01.01.2026", None, "", "", None])
    with pytest.raises(JobFailed) as failure:
        run(empty, rows)
    assert ("assignments", 5, "B (position_code)") in {
        (e["sheet"], e["row"], e["column"]) for e in failure.value.errors
    }


def test_the_head_of_hr_may_import(empty):
    outcome = structure_import(actor=empty.hr_head, organisation=empty.org, data=xlsx(valid_rows()))
    assert outcome["counts"]["units"] == {"created": 3}


@pytest.mark.parametrize("who", ["admin", "apparatus_head", "other_hr", "outsider"])
def test_nobody_else_may_import(empty, who):
    from bagalau.org.models import Role
    from tests.factories import UserFactory

    user = getattr(empty, who, None)
    if who == "other_hr":
        user = UserFactory(username="imp_other_hr")
        RoleAssignmentFactory(user=user, organisation=OrganisationFactory(), role=Role.HR)
    if who == "outsider":
        user = UserFactory(username="imp_outsider")
    before = snapshot()
    with pytest.raises((PermissionDenied, Http404)):
        structure_import(actor=user, organisation=empty.org, data=xlsx(valid_rows()))
    assert snapshot() == before


def test_nobody_changes_their_own_post_by_import(empty):
    from bagalau.org.models import Role
    from tests.factories import UserFactory

    run(empty, valid_rows())
    hr_servant_user = UserFactory(username="imp_hr_servant")
    RoleAssignmentFactory(user=hr_servant_user, organisation=empty.org, role=Role.HR)
    Servant.objects.filter(personnel_number="0002").update(user=hr_servant_user)
    rows = valid_rows()
    rows["assignments"][1][6] = "01.09.2026"  # their own probation
    before = snapshot()

    with pytest.raises(DomainError) as refusal:
        structure_import(actor=hr_servant_user, organisation=empty.org, data=xlsx(rows))

    assert "your own post" in refusal.value.message
    assert snapshot() == before
    # The unchanged file stays importable by them (nothing of their post changes).
    structure_import(actor=hr_servant_user, organisation=empty.org, data=xlsx(valid_rows()))


def test_nobody_becomes_a_manager_by_import(empty):
    from bagalau.org.models import Role
    from tests.factories import UserFactory

    run(empty, valid_rows())
    user = UserFactory(username="imp_hr_expert")
    RoleAssignmentFactory(user=user, organisation=empty.org, role=Role.HR)
    Servant.objects.filter(personnel_number="0002").update(user=user)
    rows = valid_rows()
    rows["positions"][0][6] = "no"
    rows["positions"][1][6] = "no"
    rows["positions"][2][6] = "yes"  # their post now heads the legal department
    before = snapshot()

    with pytest.raises(DomainError) as refusal:
        structure_import(actor=user, organisation=empty.org, data=xlsx(rows))

    assert "manager" in refusal.value.message
    assert snapshot() == before
    assert AssignmentFactory  # the factories stay importable for other modules
