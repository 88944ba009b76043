"""What each edition prescribes, shown to the administrator (issue 10 item 1; EDITIONS.md §7,
§9, §11.4 item 6): the settings and steps with their source, own seed, borrowed from seed 004 or
our decision; administrators only."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from bagalau.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def _row(html: str, testid: str) -> str:
    match = re.search(rf'<tr data-testid="{re.escape(testid)}"(.*?)</tr>', html, re.S)
    assert match, testid
    return match.group(1)


def _page(client, code: str, language: str = "en") -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("org:edition_settings", args=[code]))
    assert response.status_code == 200
    return response.content.decode()


def test_sjc_2018_shows_its_own_rules_and_those_borrowed_from_seed_004(world, as_user):
    html = _page(as_user(world.admin_user), "sjc-2018")
    working_body = _row(html, "setting-working_body")
    assert 'data-provenance="seed"' in working_body
    assert "Administrative Department" in working_body
    assert "seed 000 p.5, p.34" in working_body
    quorum = _row(html, "setting-quorum")
    assert 'data-provenance="borrowed"' in quorum
    assert "at least 2/3 of the members present" in quorum
    assert "seed 004 p.30; EDITIONS.md G-6" in quorum
    minimum = _row(html, "setting-min_members")
    assert "not set" in minimum
    assert "T-22" in minimum
    signers = _row(html, "setting-refusal.familiarisation")
    assert "the working body, 2 other servants of the body" in signers
    kpi_sheet = _row(html, "step-E1")
    assert 'data-provenance="borrowed"' in kpi_sheet
    assert "seed 004 p.17" in kpi_sheet
    assert html.count('data-testid="step-') == 32


def test_almaty_2018_states_five_members_and_moj_2017_a_decision(world, as_user):
    client = as_user(world.admin_user)
    minimum = _row(_page(client, "almaty-2018"), "setting-min_members")
    assert 'data-provenance="seed"' in minimum
    assert "<td>5</td>" in minimum
    moj = _row(_page(client, "moj-2017"), "setting-min_members")
    assert 'data-provenance="decision"' in moj


def test_the_settings_read_in_kazakh(world, as_user):
    html = _page(as_user(world.admin_user), "sjc-2018", "kk")
    assert "Әкімшілік бөлім" in _row(html, "setting-working_body")


def test_sjc_2023_has_its_workflow_in_the_application(world, as_user):
    html = _page(as_user(world.admin_user), "sjc-2023")
    assert 'data-testid="step-' not in html
    assert "seed 002 p.5" in _row(html, "setting-deferral")
    refusal = _row(html, "setting-refusal.familiarisation")
    assert 'data-provenance="borrowed"' in refusal
    assert "seed 002 p.11; seed 004 p.41" in refusal
    assert "EDITIONS.md" not in refusal


def test_the_editions_page_lists_every_edition(world, as_user):
    html = as_user(world.admin_user).get(reverse("org:editions")).content.decode()
    for code in ("sjc-2023", "sjc-2018", "almaty-2018", "kyzylorda-2018", "moj-2017"):
        assert reverse("org:edition_settings", args=[code]) in html


@pytest.mark.parametrize(
    ("language", "act"),
    [
        ("kk", "Қазақстан Республикасы Әділет министрінің 2017 жылғы 22 маусымдағы № 777 бұйрығы"),
        ("ru", "Приказ Министра юстиции Республики Казахстан от 22.06.2017 № 777"),
        ("en", "Order of the Minister of Justice of 22.06.2017 No. 777"),
    ],
)
def test_the_legal_act_reads_in_the_readers_language(world, as_user, language, act):
    """The act that approved an edition, as the reader reads it on both pages."""
    client = as_user(world.admin_user)
    html = _page(client, "moj-2017", language)
    assert act in html.split("</dl>", 1)[0]
    listing = client.get(reverse("org:editions")).content.decode()
    listed = listing.split('data-testid="edition-list"', 1)[1].split("</ul>", 1)[0]
    assert act in listed
    assert ("Order of the" in listed) is (language == "en")


@pytest.mark.parametrize(("who", "status"), [("hr_staff_user", 403), ("b_staff1_user", 403)])
def test_only_the_administrator_reads_them(world, as_user, who, status):
    before = AuditEntry.objects.count()
    response = as_user(getattr(world, who)).get(reverse("org:edition_settings", args=["sjc-2018"]))
    assert response.status_code == status
    assert AuditEntry.objects.count() == before


def test_an_unknown_edition_is_not_found(world, as_user):
    response = as_user(world.admin_user).get(reverse("org:edition_settings", args=["xyz-1999"]))
    assert response.status_code == 404
