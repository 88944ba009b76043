"""The appointment / transfer picker names the posts vacant on the day and lists them first
(issue 13 item 8)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import translation

from bagalau.org.forms import AppointForm
from tests.factories import AssignmentFactory, PositionFactory, ServantFactory
from tests.org.conftest import TODAY


def _groups(form: AppointForm) -> list[tuple[str, list[int]]]:
    return [
        (str(label), [pk for pk, _text in options])
        for label, options in form.fields["position"].choices
    ]


def test_vacant_posts_come_first_and_say_so(world):
    vacant = PositionFactory(unit=world.unit_a, category="B-4", name_kk="Бос лауазым")
    ended = PositionFactory(unit=world.unit_a, category="B-4", name_kk="Босаған лауазым")
    AssignmentFactory(position=ended, end=TODAY - dt.timedelta(days=1))
    future = PositionFactory(unit=world.unit_a, category="B-4", name_kk="Келешек лауазым")
    AssignmentFactory(position=future, start=TODAY + dt.timedelta(days=10))
    with translation.override("en"):
        form = AppointForm(organisation=world.org)
        groups = _groups(form)
        labels = dict(
            (pk, str(text))
            for _g, options in form.fields["position"].choices
            for pk, text in options
        )
    assert [label for label, _ids in groups] == ["Vacant posts", "Held posts"]
    vacant_ids, held_ids = groups[0][1], groups[1][1]
    assert {vacant.pk, ended.pk, future.pk} <= set(vacant_ids)
    assert world.a_staff1_assignment.position_id in held_ids
    assert all(labels[pk].endswith("— vacant") for pk in vacant_ids)
    assert not any("vacant" in labels[pk] for pk in held_ids)


def test_the_day_decides_which_posts_are_vacant(world):
    post = PositionFactory(unit=world.unit_a, category="B-4")
    AssignmentFactory(position=post, start=TODAY + dt.timedelta(days=10))
    later = AppointForm(organisation=world.org, day=TODAY + dt.timedelta(days=10))
    assert post.pk in _groups(later)[-1][1]
    assert post.pk in _groups(AppointForm(organisation=world.org))[0][1]


def test_the_appoint_page_shows_the_vacant_group_and_accepts_a_vacant_post(world, client):
    post = PositionFactory(unit=world.unit_a, category="B-4", name_kk="Бос лауазым")
    newcomer = ServantFactory(organisation=world.org, user=None)
    client.force_login(world.hr_head_user)
    url = reverse("org:servant_appoint", args=[newcomer.pk])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<optgroup label="' in html
    assert html.index(f'value="{post.pk}"') < html.index(
        f'value="{world.a_staff1_assignment.position_id}"'
    )
    response = client.post(url, {"position": post.pk, "start": TODAY.isoformat()})
    assert response.status_code == 302
    assert newcomer.assignments.get().position_id == post.pk
