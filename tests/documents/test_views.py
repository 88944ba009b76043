"""The disposal pages of the head of the HR service, and the menu entry."""

import datetime as dt

import pytest

from bagalau.audit.models import AuditEntry
from bagalau.core.context import Viewer
from bagalau.core.navigation import nav_for
from bagalau.documents.models import Disposal
from bagalau.evaluations.models import Evaluation, ServiceRecordEntry

PAGES = ["/documents/retention/"]


@pytest.fixture
def due(world, kpi_case, diff_case, clock):
    clock(dt.date(2029, 7, 25))  # both final evaluations are past their 3 years
    return kpi_case.q1, diff_case.evaluation


def counts():
    return (
        Evaluation.objects.count(),
        Disposal.objects.count(),
        ServiceRecordEntry.objects.count(),
        AuditEntry.objects.count(),
    )


def test_the_head_of_hr_sees_what_is_due(client, world, due):
    client.force_login(world.hr_head_user)
    response = client.get("/documents/retention/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Әлиев Арман" in page
    assert "Бекова Айгүл" in page
    for evaluation in due:
        assert f'value="{evaluation.pk}"' in page
    assert "17.04.2026" in page
    assert "17.04.2029" in page


def test_the_htmx_partial_is_the_list(client, world, due):
    client.force_login(world.hr_head_user)
    response = client.get("/documents/retention/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b'id="due-list"' in response.content
    assert b"<html" not in response.content


@pytest.mark.parametrize(
    "user", ["hr_staff_user", "head_user", "admin_user", "a_head_user", "outsider_user"]
)
def test_nobody_else_opens_the_pages(client, world, due, user):
    client.force_login(getattr(world, user))
    before = counts()
    assert client.get("/documents/retention/").status_code == 403
    ids = [str(e.pk) for e in due]
    assert client.post("/documents/retention/confirm/", {"evaluations": ids}).status_code == 403
    assert client.post("/documents/retention/dispose/", {"evaluations": ids}).status_code == 403
    assert counts() == before


def test_anonymous_is_sent_to_log_in(client, due):
    for url in ("/documents/retention/", "/documents/disposals/1/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")


def test_choose_confirm_dispose(client, world, due):
    q1, diff = due
    client.force_login(world.hr_head_user)
    confirm = client.post("/documents/retention/confirm/", {"evaluations": [str(q1.pk)]})
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert "Әлиев Арман" in page
    assert "Бекова Айгүл" not in page
    assert f'name="evaluations" value="{q1.pk}"' in page
    assert Evaluation.objects.filter(pk=q1.pk).exists()  # nothing removed before confirming

    response = client.post(
        "/documents/retention/dispose/",
        {"evaluations": [str(q1.pk)], "note": "Акт № 3", "confirm": "1"},
    )
    disposal = Disposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/documents/disposals/{disposal.pk}/"
    assert not Evaluation.objects.filter(pk=q1.pk).exists()
    assert Evaluation.objects.filter(pk=diff.pk).exists()
    assert [item["evaluation_id"] for item in disposal.items] == [q1.pk]

    detail = client.get(response["Location"])
    assert detail.status_code == 200
    assert "Әлиев Арман" in detail.content.decode()
    assert "Акт № 3" in detail.content.decode()
    assert "17.04.2026" in detail.content.decode()
    listing = client.get("/documents/retention/").content.decode()
    assert f"/documents/disposals/{disposal.pk}/" in listing
    assert f'value="{q1.pk}"' not in listing


def test_confirming_nothing_is_an_error_next_to_the_list(client, world, due):
    client.force_login(world.hr_head_user)
    response = client.post("/documents/retention/confirm/", {})
    assert response.status_code == 400
    assert "field-error" in response.content.decode()


def test_a_document_not_due_is_refused_and_nothing_changes(client, world, due, kpi_case):
    client.force_login(world.hr_head_user)
    before = counts()
    response = client.post(
        "/documents/retention/dispose/",
        {"evaluations": [str(due[0].pk), str(kpi_case.evaluation.pk)]},
    )
    assert response.status_code == 400
    assert "field-error" in response.content.decode()
    assert counts() == before


def test_another_organisations_disposal_is_404(client, world, due):
    from tests.factories import OrganisationFactory, UserFactory

    other = Disposal.objects.create(
        disposed_by=UserFactory(username="x"),
        organisation=OrganisationFactory(),
        completed_before=dt.date(2026, 1, 1),
        items=[],
    )
    client.force_login(world.hr_head_user)
    assert client.get(f"/documents/disposals/{other.pk}/").status_code == 404


def test_the_menu_entry_is_for_the_head_of_hr(world):
    def keys(user, roles):
        viewer = Viewer(user=user, servant=None, organisation=world.org, roles=set(roles))
        return [item.key for item in nav_for(viewer)]

    assert "documents" in keys(world.hr_head_user, {"hr_head"})
    assert "documents" not in keys(world.hr_staff_user, {"hr"})
    assert "documents" not in keys(world.head_user, {"apparatus_head"})


def test_the_dashboard_reminds_the_head_of_hr(client, world, due):
    client.force_login(world.hr_head_user)
    page = client.get("/").content.decode()
    assert 'id="panel-documents-due"' in page
    assert "/documents/retention/" in page
    client.force_login(world.hr_staff_user)
    assert 'id="panel-documents-due"' not in client.get("/").content.decode()


def test_no_reminder_when_nothing_is_due(client, world, kpi_case, clock):
    clock(dt.date(2027, 1, 1))
    client.force_login(world.hr_head_user)
    assert 'id="panel-documents-due"' not in client.get("/").content.decode()
