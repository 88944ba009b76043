"""The demo apparatus (issue 3 §14): 6 departments, about 40 servants, a login per role."""

import pytest
from django.core.management import call_command

from bagalau.demo.structure import LOGINS, PASSWORD
from bagalau.org.models import Organisation, Role, RoleAssignment, Servant, Unit
from bagalau.org.selectors import direct_manager


@pytest.mark.django_db
def test_demo_loads_once_with_a_login_per_role(client):
    call_command("demo")
    call_command("demo")  # idempotent
    organisation = Organisation.objects.get()
    departments = Unit.objects.filter(
        organisation=organisation, parent__parent__isnull=True, parent__isnull=False
    )
    assert departments.count() == 6
    assert 38 <= Servant.objects.filter(organisation=organisation).count() <= 45
    assert set(RoleAssignment.objects.values_list("role", flat=True)) == {
        Role.APPARATUS_HEAD,
        Role.HR_HEAD,
        Role.HR,
        Role.ADMIN,
    }
    for username, _role, _what in LOGINS:
        assert client.login(username=username, password=PASSWORD), username
    servant = Servant.objects.get(user__username="servant")
    evaluator = Servant.objects.get(user__username="evaluator")
    assert direct_manager(servant, servant.assignments.get().start) == evaluator
