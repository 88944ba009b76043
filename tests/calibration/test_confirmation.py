"""Signing the protocol and closing a round are confirmed first (issue 13 item 4): a POST
without `confirm` does nothing and shows what will be done; the confirmed POST does it."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal as D

from django.urls import reverse

from bagalau.calibration.models import SessionStatus
from tests.calibration.conftest import SESSION_DAY, snapshot


def test_the_protocol_is_signed_only_once_the_adopted_score_is_confirmed(
    client, flow, world, clock
):
    flow.decide(D("4.20"))
    clock(dt.date(2026, 4, 22))
    client.force_login(world.hr_head_user)
    address = reverse("calibration:sign", args=[flow.session.pk])
    before = snapshot()
    response = client.post(address)
    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r'data-testid="summary-score"><strong>4\.20</strong>', page)
    assert 'name="confirm" value="1"' in page
    assert snapshot() == before
    flow.session.refresh_from_db()
    assert flow.session.protocol_signed_at is None
    assert client.post(address, {"confirm": "1"}).status_code == 302
    flow.session.refresh_from_db()
    assert (flow.session.status, flow.session.protocol_signed_at is not None) == (
        SessionStatus.SIGNED,
        True,
    )


def test_a_round_is_closed_only_once_confirmed(client, flow, world):
    flow.present()
    flow.vote(world.deputy_user, "raise", D("4.20"), argument="Дәлел.")
    flow.vote(world.b_head_user, "raise", D("4.20"), argument="Дәлел.")
    client.force_login(world.hr_head_user)
    address = reverse("calibration:close_round", args=[flow.session.pk])
    before = snapshot()
    response = client.post(address)
    assert response.status_code == 200
    assert "with 2 of 3 votes cast" in response.content.decode()
    assert snapshot() == before
    assert client.post(address, {"confirm": "1"}).status_code == 302
    flow.session.refresh_from_db()
    assert flow.session.status == SessionStatus.DECIDED


def test_no_confirmation_page_for_whom_may_not_sign(client, flow, world, clock):
    flow.decide()
    clock(dt.date(2026, 4, 22))
    before = snapshot()
    for user in (world.hr_staff_user, world.deputy_user, world.outsider_user):
        client.force_login(user)
        response = client.post(reverse("calibration:sign", args=[flow.session.pk]))
        assert response.status_code in (403, 404)
        assert 'data-testid="confirm-summary"' not in response.content.decode()
    assert snapshot() == before


def test_the_presentation_is_refused_before_the_session_before_anything_is_typed(
    client, flow, world
):
    """Issue 13 item 5: before the session day the evaluator sees why, not a form to fill."""
    flow.schedule()
    url = reverse("calibration:session", args=[flow.session.pk])
    client.force_login(world.a_head_user)
    flow.clock(SESSION_DAY - dt.timedelta(days=1), 11)
    page = client.get(url).content.decode()
    assert 'data-testid="presentation-not-yet"' in page
    assert "recorded at the session, on 21.04.2026" in page
    assert reverse("calibration:present", args=[flow.session.pk]) not in page
    flow.clock(SESSION_DAY, 11)
    page = client.get(url).content.decode()
    assert 'data-testid="presentation-not-yet"' not in page
    assert reverse("calibration:present", args=[flow.session.pk]) in page
