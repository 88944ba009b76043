"""The viewer's notifications: unread highlighted, the unread/all filter, pages, marking one or
all read without a reload (HTMX, with the menu badge), only one's own — on the page and the API.
Texts are translated when shown."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from bagalau.notifications.messages import MESSAGES
from bagalau.notifications.models import Notification
from bagalau.notifications.services import notify
from tests.notifications.conftest import client_for

pytestmark = pytest.mark.django_db

LIST = "/notifications/"
API = "/api/v1/notifications/"


def note(user, number: int, *, read: bool = False) -> Notification:
    """A "plan returned" notification for `user` (created in order)."""
    created = notify(
        recipient=user,
        kind="plan_returned",
        params={"servant": f"Қызметші {number}", "comment": f"Түзету {number}"},
        url=f"/plans/{number}/",
        dedupe_key=f"test:{number}",
    )
    assert created is not None
    Notification.objects.filter(pk=created.pk).update(
        created_at=timezone.make_aware(dt.datetime(2026, 3, 1, 9)) + dt.timedelta(minutes=number),
        read_at=timezone.now() if read else None,
    )
    created.refresh_from_db()
    return created


@pytest.fixture
def inbox(world):
    """a_staff1: notes 1-3 read, 4-25 unread (25 in all, the newest first); a_staff2: one."""
    mine = [note(world.a_staff1_user, n, read=n <= 3) for n in range(1, 26)]
    theirs = note(world.a_staff2_user, 100)
    return {"mine": mine, "theirs": theirs}


def read_state() -> list[tuple[int, object]]:
    return list(Notification.objects.order_by("pk").values_list("pk", "read_at"))


# --- the page ------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(world, inbox):
    before = read_state()
    client = client_for(world, "anonymous")
    for response in (
        client.get(LIST),
        client.post(reverse("notifications:read", args=[inbox["mine"][5].pk])),
        client.post(reverse("notifications:read_all")),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert read_state() == before


def test_the_list_highlights_unread_and_pages_by_20(world, inbox):
    client = client_for(world, "a_staff1")
    html = client.get(LIST).content.decode()
    assert html.count('data-testid="notification"') == 20
    # Newest first: 25 .. 6 on the first page, all unread.
    assert html.index("Қызметші 25") < html.index("Қызметші 6")
    assert "Қызметші 5<" not in html
    assert "Қызметші 100" not in html
    assert html.count('class="notification unread"') == 20
    assert "Page 1 of 2" in html
    assert 'data-testid="unread">22<' in html  # the menu badge
    second = client.get(LIST, {"page": 2}).content.decode()
    assert second.count('data-testid="notification"') == 5
    assert second.count('class="notification unread"') == 2  # 5 and 4; 1-3 are read
    assert "The work plan of Қызметші 1 was returned: Түзету 1" in second


def test_the_unread_filter(world, inbox):
    client = client_for(world, "a_staff1")
    html = client.get(LIST, {"show": "unread", "page": 2}).content.decode()
    assert html.count('data-testid="notification"') == 2  # 22 unread: 20 + 2
    assert "Қызметші 3<" not in html
    partial = client.get(LIST, {"show": "unread"}, HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith('<section class="card notification-list" id="notification-list">')
    assert "<html" not in partial
    assert partial.count('class="notification unread"') == 20
    client.post(reverse("notifications:read_all"))
    assert "No unread notifications." in client.get(LIST, {"show": "unread"}).content.decode()


def test_texts_are_translated_when_shown(world, inbox, monkeypatch):
    """The stored notification keeps its kind and parameters; the sentence is looked up in the
    reader's language at display time."""
    english = client_for(world, "a_staff1", language="en").get(LIST).content.decode()
    assert "The work plan of Қызметші 25 was returned: Түзету 25" in english

    class Tagged:
        def __str__(self):
            return f"[{translation.get_language()}] " + english_message

    with translation.override("en"):
        english_message = str(MESSAGES["plan_returned"])
    monkeypatch.setitem(MESSAGES, "plan_returned", Tagged())
    for language in ("kk", "ru"):
        html = client_for(world, "a_staff1", language=language).get(LIST).content.decode()
        assert f"[{language}] The work plan of Қызметші 25 was returned: Түзету 25" in html
        body = client_for(world, "a_staff1", language=language).get(API).json()
        assert body["results"][0]["text"].startswith(f"[{language}] The work plan")


def test_mark_one_read_with_htmx(world, inbox):
    target = inbox["mine"][10]
    client = client_for(world, "a_staff1")
    response = client.post(reverse("notifications:read", args=[target.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith(f'<li class="notification" id="notification-{target.pk}"')
    assert "Mark as read" not in html
    # The menu badge and the filter's count, out of band.
    assert 'data-testid="unread" hx-swap-oob="outerHTML:.bell .badge">21<' in html
    assert 'id="notification-unread" class="count" hx-swap-oob="true">21<' in html
    target.refresh_from_db()
    assert target.read_at is not None
    assert Notification.objects.filter(recipient=world.a_staff1_user, read_at=None).count() == 21


def test_mark_one_read_without_htmx_follows_the_link(world, inbox):
    target = inbox["mine"][10]
    response = client_for(world, "a_staff1").post(reverse("notifications:read", args=[target.pk]))
    assert response.status_code == 302
    assert response["Location"] == target.url
    target.refresh_from_db()
    assert target.read_at is not None


def test_an_outside_link_is_not_followed(world):
    target = notify(recipient=world.a_staff1_user, kind="plan_posted", params={"year": 2026})
    Notification.objects.filter(pk=target.pk).update(url="https://example.com/")
    response = client_for(world, "a_staff1").post(reverse("notifications:read", args=[target.pk]))
    assert response["Location"] == LIST


def test_someone_elses_notification_is_not_found_and_stays_unread(world, inbox):
    before = read_state()
    theirs = inbox["theirs"]
    client = client_for(world, "a_staff1")
    response = client.post(reverse("notifications:read", args=[theirs.pk]))
    assert response.status_code == 404
    response = client.post(reverse("notifications:read", args=[theirs.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 404
    assert client.post(reverse("notifications:read", args=[999999])).status_code == 404
    assert read_state() == before


def test_reading_is_a_post(world, inbox):
    client = client_for(world, "a_staff1")
    assert client.get(reverse("notifications:read", args=[inbox["mine"][5].pk])).status_code == 405
    assert client.get(reverse("notifications:read_all")).status_code == 405


def test_mark_all_read_with_htmx_only_mine(world, inbox):
    client = client_for(world, "a_staff1")
    response = client.post(
        reverse("notifications:read_all"), {"show": "unread"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="notification-list"' in html
    assert "No unread notifications." in html
    assert 'hx-swap-oob="outerHTML:.bell .badge"></span>' in html  # the badge is emptied
    assert not Notification.objects.filter(recipient=world.a_staff1_user, read_at=None).exists()
    inbox["theirs"].refresh_from_db()
    assert inbox["theirs"].read_at is None


def test_mark_all_read_without_htmx(world, inbox):
    response = client_for(world, "a_staff1").post(reverse("notifications:read_all"))
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?show=all"
    assert not Notification.objects.filter(recipient=world.a_staff1_user, read_at=None).exists()


# --- the API -------------------------------------------------------------------------------------


def test_api_anonymous_is_refused(world, inbox):
    before = read_state()
    client = client_for(world, "anonymous")
    assert client.get(API).status_code == 403
    assert client.get(f"{API}unread/").status_code == 403
    assert client.post(f"{API}{inbox['mine'][5].pk}/read/").status_code == 403
    assert client.post(f"{API}read-all/").status_code == 403
    assert read_state() == before


def test_api_lists_mine_paginated(world, inbox):
    client = client_for(world, "a_staff1")
    body = client.get(API).json()
    assert (body["count"], body["unread"], len(body["results"])) == (25, 22, 20)
    assert body["next"].endswith("?page=2")
    first = body["results"][0]
    assert set(first) == {"id", "kind", "text", "url", "created_at", "read_at", "unread"}
    assert (first["kind"], first["text"], first["url"], first["unread"]) == (
        "plan_returned",
        "The work plan of Қызметші 25 was returned: Түзету 25",
        "/plans/25/",
        True,
    )
    body = client.get(API, {"page": 2}).json()
    assert [r["unread"] for r in body["results"]] == [True, True, False, False, False]
    body = client.get(API, {"unread": "true", "page_size": 100}).json()
    assert (body["count"], {r["unread"] for r in body["results"]}) == (22, {True})
    assert client.get(f"{API}unread/").json() == {"unread": 22}


def test_api_mark_read_only_mine(world, inbox):
    client = client_for(world, "a_staff1")
    target = inbox["mine"][10]
    response = client.post(f"{API}{target.pk}/read/")
    assert response.status_code == 200
    assert response.json()["unread"] is False
    again = client.post(f"{API}{target.pk}/read/").json()
    assert again["read_at"] == response.json()["read_at"]  # already read: unchanged
    before = read_state()
    response = client.post(f"{API}{inbox['theirs'].pk}/read/")
    assert response.status_code == 404
    assert response.json()["error"]["field"] == "$"
    assert read_state() == before


def test_api_mark_all_read_only_mine(world, inbox):
    response = client_for(world, "a_staff1").post(f"{API}read-all/")
    assert response.json() == {"marked": 22, "unread": 0}
    inbox["theirs"].refresh_from_db()
    assert inbox["theirs"].read_at is None
    assert client_for(world, "a_staff2").get(f"{API}unread/").json() == {"unread": 1}
