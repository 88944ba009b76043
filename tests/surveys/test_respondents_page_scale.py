"""The respondents' page of a large body (issue 12 item 3): it lists the evaluatee's unit, the
unit above and below, the chosen and the direct manager, and finds anyone else by name; "Find"
saves nothing; a servant found (or typed without JavaScript) can be chosen and saved."""

from __future__ import annotations

import re


def _listed(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'name="respondents" value="(\d+)"', html)}


def test_the_page_lists_those_around_and_the_chosen_not_the_whole_body(respondents_page, world):
    target, far, client, url = respondents_page
    html = client.get(url).content.decode()
    chosen = set(target.invitations.values_list("respondent_id", flat=True))
    assert chosen <= _listed(html)
    assert {world.a_head.pk, world.a_staff2.pk, world.head.pk} <= _listed(html)
    assert far.pk not in _listed(html)
    assert 'name="_find" value="respondents"' in html
    assert "servants are in post" in html


def test_find_lists_the_match_and_saves_nothing(respondents_page):
    target, far, client, url = respondents_page
    chosen = list(target.invitations.values_list("respondent_id", flat=True))
    version = target.version
    data = {"respondents": chosen, "respondents-find": "алыстагы", "_find": "respondents"}
    response = client.post(url, {**data, "version": version})
    assert response.status_code == 200
    html = response.content.decode()
    assert far.pk in _listed(html)
    assert set(chosen) <= _listed(html)
    assert "1 person whose name contains" in html
    target.refresh_from_db()
    assert target.version == version
    assert sorted(target.invitations.values_list("respondent_id", flat=True)) == sorted(chosen)


def test_a_servant_not_listed_can_be_chosen_and_saved(respondents_page, world):
    target, far, client, url = respondents_page
    chosen = [world.a_head.pk, world.a_staff2.pk, far.pk]
    response = client.post(url, {"respondents": chosen, "version": target.version})
    assert response.status_code == 302
    assert sorted(target.invitations.values_list("respondent_id", flat=True)) == sorted(chosen)
