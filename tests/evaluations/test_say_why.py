"""A disabled button says why in text (issue 13 item 5): before the quarter may be prepared,
the roster's "Prepare the quarter" button is disabled and the reason is printed beside it and
tied to it for screen readers — not only in a hover."""

from __future__ import annotations

import re

from django.urls import reverse

from tests.evaluations.test_quarters import schedule  # noqa: F401 - the fixture
from tests.evaluations.test_schedule_support import d, quarter


def test_the_disabled_open_button_explains_itself_in_text(client, world, schedule, clock):  # noqa: F811
    q4 = quarter(schedule, 4)
    url = reverse("evaluations:schedule_roster", args=[q4.pk])
    client.force_login(world.hr_staff_user)
    clock(d("20.11.2026"))
    page = client.get(url).content.decode()
    button = re.search(r"<button[^>]*disabled[^>]*>", page)
    assert button is not None
    assert 'aria-describedby="open-why"' in button.group(0)
    assert "title=" not in button.group(0)
    reason = re.search(r'<p [^>]*id="open-why"[^>]*>([^<]+)</p>', page)
    assert reason is not None
    assert "A quarter can be prepared from 01.12.2026" in reason.group(1)
    clock(d("01.12.2026"))
    page = client.get(url).content.decode()
    assert 'id="open-why"' not in page
    assert re.search(r"<button[^>]*disabled", page) is None
