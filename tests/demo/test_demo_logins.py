"""The demo prints every login that has work to do (issue 13 item 11): the evaluators with a
sheet to fill and sign are listed even when they are not among the named logins, each with one
line on what to try."""

from __future__ import annotations

from django.contrib.auth.models import User

from bagalau.demo.structure import LOGINS
from bagalau.evaluations.selectors.sheets import sheets_to_fill
from tests.demo.loading import DEMO_DAY


def test_every_evaluator_with_a_sheet_to_fill_is_printed_with_what_to_try(
    demo,
    demo_loaded,
    clock,
):
    clock(DEMO_DAY, 12)
    busy = [user.username for user in User.objects.order_by("pk") if sheets_to_fill(user).exists()]
    assert busy  # the demo has at least one sheet waiting for its evaluator
    lines = {line.split()[0]: line for line in demo_loaded.splitlines() if line.startswith("  ")}
    named = {username for username, _role, _what in LOGINS}
    for username in busy:
        assert username in lines, username
        if username not in named:
            assert "to fill and sign" in lines[username]
