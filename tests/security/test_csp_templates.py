"""No template relies on inline script, which the enforced Content-Security-Policy blocks (issue 8,
item 7): no event handler attribute (onclick, onchange, …), no javascript: URL, no inline <script>.
And the 360 respondents page keeps a respondent already asked without one: the box is shown
checked and disabled, the id travels in a hidden field, and the server refuses removing them
anyway (tests/security/test_bad_input_surveys.py: survey-respondent-locked-removed)."""

from __future__ import annotations

import re
from pathlib import Path

from django.test import Client

import bagalau
from bagalau.surveys.models import Invitation
from tests.surveys.conftest import TODAY, Survey

ROOT = Path(bagalau.__file__).parent
HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE)


def test_no_template_has_inline_script():
    found = []
    for path in sorted(ROOT.rglob("templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        for pattern in (HANDLER, JS_URL, INLINE_SCRIPT):
            found += [
                f"{path.relative_to(ROOT)}: {m.group(0)[:80]}" for m in pattern.finditer(text)
            ]
    assert found == []


def test_an_asked_respondent_is_kept_without_script(world, clock):
    clock(TODAY)
    survey = Survey(world, clock)
    survey.open()
    target = survey.target("a_staff1")
    client = Client()
    client.force_login(world.hr_staff_user)

    page = client.get(f"/surveys/targets/{target.pk}/respondents/").content.decode()

    asked = list(Invitation.objects.filter(target=target).values_list("respondent_id", flat=True))
    assert len(asked) == 3
    for pk in asked:
        assert f'<input type="hidden" name="respondents" value="{pk}">' in page
        assert page.count(f'name="respondents" value="{pk}"') == 1  # the box has no name
    assert page.count("checked disabled data-locked") == 3
    assert "onclick" not in page

    # What the page posts with one colleague added: the asked ones stay, the new one joins.
    added = client.post(
        f"/surveys/targets/{target.pk}/respondents/",
        {"respondents": [*asked, world.b_head.pk], "version": target.version},
    )
    assert added.status_code == 302
    assert set(
        Invitation.objects.filter(target=target).values_list("respondent_id", flat=True)
    ) == {
        *asked,
        world.b_head.pk,
    }
