"""The audit log page's filter choices read the values present in the organisation's entries one
index probe per value (`present_values`): the same values as a DISTINCT over the whole log."""

import pytest

from bagalau.audit.models import AuditEntry
from bagalau.audit.selectors import FILTERED, present_values
from bagalau.org.models import Organisation


def entry(organisation, action, object_type, actor=None):
    return AuditEntry(
        organisation=organisation,
        actor=actor,
        action=action,
        object_type=object_type,
        object_id="1",
    )


@pytest.fixture
def log(world):
    other = Organisation.objects.create(name_kk="Басқа", name_ru="Другой", name_en="Other")
    AuditEntry.objects.bulk_create(
        [
            entry(world.org, "view", "evaluations.evaluation", world.hr_staff_user),
            entry(world.org, "view", "evaluations.evaluation", world.hr_staff_user),
            entry(world.org, "sign", "evaluations.evaluation", world.a_head_user),
            entry(world.org, "create", "plans.workplan"),  # by the system: no actor
            entry(world.org, "approve", "evaluations.schedule", world.a_head_user),
            entry(other, "delete", "org.unit", world.b_head_user),  # another organisation's
        ]
    )
    return world


@pytest.mark.parametrize("column", FILTERED)
def test_the_values_present_are_those_a_distinct_over_the_log_finds(log, column):
    field = column.removesuffix("_id") if column == "actor_id" else column
    expected = sorted(
        AuditEntry.objects.filter(organisation=log.org)
        .exclude(**{f"{field}__isnull": True})
        .order_by()
        .values_list(column, flat=True)
        .distinct()
    )
    found = present_values(log.org.pk, column)
    assert found == expected
    assert len(found) >= 2


def test_the_system_is_not_a_person_and_another_organisation_is_not_read(log):
    assert present_values(log.org.pk, "actor_id") == sorted(
        {log.hr_staff_user.pk, log.a_head_user.pk}
    )
    assert "delete" not in present_values(log.org.pk, "action")


def test_only_the_filtered_columns_are_read():
    with pytest.raises(ValueError, match="not a filtered column"):
        present_values(1, "summary")
