"""The 360 questionnaire's errors (issue 13 item 6): a submit with missing statements or without
the confirmation lists every error at the top — where the page moves (the summary takes the
focus) — with a link to each statement, and says it beside each statement and beside the box;
what was answered and the ticked box stay; nothing is sealed."""

from __future__ import annotations

import re

from tests.surveys.conftest import answers, questionnaire_url
from tests.surveys.test_campaign import state
from tests.surveys.test_views import login, post_answers


def _summary(html: str) -> str:
    start = html.rindex("<div", 0, html.index('data-testid="error-summary"'))
    return html[start : html.index("</div>", start)]


def _statement(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    return html[start : html.index("</fieldset>", start)]


def test_missing_statements_and_confirmation_are_all_shown_at_the_top_and_in_place(survey, world):
    survey.open()
    invitation = survey.invitation("b_staff1", "a_staff1")
    client = login(world.b_staff1_user)
    url = questionnaire_url(client, invitation)
    given = answers("staff", 4)
    codes = list(given)
    given[codes[0]] = [4, None, 4]
    given[codes[-1]] = [None, None, 3]
    before = state()
    response = post_answers(client, url, given, confirm=False)
    assert response.status_code == 400
    assert state() == before
    html = response.content.decode()
    summary = _summary(html)
    # the summary comes before the first statement, takes the focus and is announced
    assert html.index('data-testid="error-summary"') < html.index('class="survey-statement')
    for attribute in ("autofocus", 'tabindex="-1"', 'role="alert"', 'id="errors"'):
        assert attribute in summary
    assert "3 statements have no answer" in summary
    links = re.findall(r'href="#([^"]+)"', summary)
    assert links == [
        f"s-{codes[0]}-1",
        f"s-{codes[-1]}-0",
        f"s-{codes[-1]}-1",
        "confirm-box",
    ]
    assert "Tick the box to confirm" in summary
    # beside each statement left empty, and only those
    assert html.count('data-testid="statement-error"') == 3
    for anchor in links[:3]:
        part = _statement(html, anchor)
        assert 'data-testid="statement-error"' in part
        assert f'aria-describedby="{anchor}-error"' in part
    assert 'data-testid="statement-error"' not in _statement(html, f"s-{codes[0]}-0")
    # beside the box, which every link target exists for
    assert 'id="confirm-box"' in html
    assert 'data-testid="confirm-error"' in html
    assert len(re.findall(r'type="radio"[^>]* checked>', html)) == 21


def test_a_ticked_box_stays_ticked_and_only_the_statements_are_listed(survey, world):
    survey.open()
    invitation = survey.invitation("b_staff1", "a_staff1")
    client = login(world.b_staff1_user)
    url = questionnaire_url(client, invitation)
    given = answers("staff", 2)
    code = list(given)[3]
    given[code] = [2, 2, None]
    before = state()
    response = post_answers(client, url, given)
    assert response.status_code == 400
    assert state() == before
    html = response.content.decode()
    summary = _summary(html)
    assert "1 statement has no answer" in summary
    assert re.findall(r'href="#([^"]+)"', summary) == [f"s-{code}-2"]
    assert "Tick the box" not in html
    assert re.search(r'name="confirm" value="1" checked', html)


def test_the_self_assessment_shows_its_errors_the_same_way(survey, world):
    survey.open()
    target = survey.target("a_staff1")
    client = login(world.a_staff1_user)
    from django.urls import reverse

    given = answers("staff", 3)
    code = list(given)[0]
    given[code] = [None, 3, 3]
    response = post_answers(client, reverse("surveys:self", args=[target.pk]), given, confirm=False)
    assert response.status_code == 400
    summary = _summary(response.content.decode())
    assert re.findall(r'href="#([^"]+)"', summary) == [f"s-{code}-0", "confirm-box"]
