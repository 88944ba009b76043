"""Disposing of documents is confirmed (issue 13 item 4): a POST to dispose without `confirm`
removes nothing and shows the confirm step with the documents listed once more."""

from __future__ import annotations

from bagalau.documents.models import Disposal
from bagalau.evaluations.models import Evaluation
from tests.documents.test_views import counts, due  # noqa: F401 - the fixture


def test_a_dispose_without_confirm_removes_nothing_and_lists_the_documents(client, world, due):  # noqa: F811
    q1, diff = due
    client.force_login(world.hr_head_user)
    before = counts()
    response = client.post(
        "/documents/retention/dispose/", {"evaluations": [str(q1.pk)], "note": "Акт № 3"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="disposal-summary"' in page
    assert "Әлиев Арман" in page
    assert "Бекова Айгүл" not in page
    assert 'name="confirm" value="1"' in page
    assert "Акт № 3" in page  # the note is carried to the confirmed POST
    assert counts() == before
    assert not Disposal.objects.exists()
    assert Evaluation.objects.filter(pk=q1.pk).exists()
