"""The org pages: the permission matrix of every view (refusals change nothing), what each page
shows, DomainErrors next to their field, and the HTMX partials."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db.models import F
from django.test import Client
from django.urls import reverse

from bagalau.org.models import (
    Absence,
    Assignment,
    CalendarTransfer,
    EditionAssignment,
    EndReason,
    Position,
    Role,
    RoleAssignment,
    Servant,
    Unit,
)
from tests.factories import AbsenceFactory, PositionFactory, ServantFactory
from tests.org.conftest import TODAY, take_snapshot

D = dt.date
OK = "ok"
LOGIN = "login"


@pytest.fixture
def as_user(client):
    """A client logged in as `user` (anonymous for None), reading English."""

    def login(user: Any) -> Client:
        client.logout()
        client.cookies["bagalau_language"] = "en"
        if user is not None:
            client.force_login(user)
        return client

    return login


# --- the permission matrix ---------------------------------------------------------------------

ACTORS = [
    "anonymous",
    "outsider",
    "other_servant",
    "other_hr",
    "other_admin",
    "staff",
    "manager_elsewhere",
    "apparatus_head",
    "hr",
    "hr_head",
    "admin",
]

OUTSIDE = {"outsider": 404, "other_servant": 404, "other_hr": 404, "other_admin": 404}
POLICIES: dict[str, dict[str, Any]] = {
    # HR changes the structure of its own organisation.
    "hr": {
        **OUTSIDE,
        "staff": 403,
        "manager_elsewhere": 403,
        "apparatus_head": 403,
        "hr": OK,
        "hr_head": OK,
        "admin": 403,
    },
    # The administrator of the organisation.
    "admin": {
        **OUTSIDE,
        "staff": 403,
        "manager_elsewhere": 403,
        "apparatus_head": 403,
        "hr": 403,
        "hr_head": 403,
        "admin": OK,
    },
    # Transferred days off are national: any organisation's administrator keeps them.
    "any_admin": {
        "outsider": 404,
        "other_servant": 403,
        "other_hr": 403,
        "other_admin": OK,
        "staff": 403,
        "manager_elsewhere": 403,
        "apparatus_head": 403,
        "hr": 403,
        "hr_head": 403,
        "admin": OK,
    },
}


@dataclass
class Case:
    """A view on one of the world's rows: how to reach it, what to post, who may."""

    name: str
    url: Callable[[Any], str]
    data: Callable[[Any], dict[str, Any]] | None
    policy: str
    get: bool = True


def _empty_unit(w: Any) -> Unit:
    return Unit.objects.create(organisation=w.org, parent=w.root, name_kk="Бос")


def _vacancy(w: Any) -> Position:
    return PositionFactory(unit=w.unit_b, category="B-5")


def _newcomer(w: Any) -> Servant:
    return ServantFactory(organisation=w.org, user=None)


def _absence(w: Any) -> Absence:
    return AbsenceFactory(servant=w.a_staff1, start=D(2026, 7, 1), end=D(2026, 7, 14))


def _future_edition(w: Any) -> EditionAssignment:
    return EditionAssignment.objects.create(
        organisation=w.org, edition="sjc-2023", valid_from=D(2027, 1, 1)
    )


CASES = [
    Case(
        "unit_edit",
        lambda w: reverse("org:unit_edit", args=[w.unit_a.pk]),
        lambda w: {"name_kk": "Жаңа атау", "parent": w.root.pk, "order": 5},
        "hr",
    ),
    Case(
        "unit_delete",
        lambda w: reverse("org:unit_delete", args=[_empty_unit(w).pk]),
        lambda w: {},
        "hr",
        get=False,
    ),
    Case(
        "position_edit",
        lambda w: reverse("org:position_edit", args=[w.b_staff1_assignment.position_id]),
        lambda w: {"name_kk": "Жаңа", "unit": w.unit_b.pk, "category": "в-3", "order": 0},
        "hr",
    ),
    Case(
        "position_delete",
        lambda w: reverse("org:position_delete", args=[_vacancy(w).pk]),
        lambda w: {},
        "hr",
        get=False,
    ),
    Case(
        "servant_edit",
        lambda w: reverse("org:servant_edit", args=[w.a_staff1.pk]),
        lambda w: {"last_name": "Жаңа", "first_name": "Айгүл"},
        "hr",
    ),
    Case(
        "servant_login",
        lambda w: reverse("org:servant_login", args=[_newcomer(w).pk]),
        lambda w: {"username": "newlogin", "password": "Kazakh-Steppe-2026"},
        "hr",
    ),
    Case(
        "servant_appoint",
        lambda w: reverse("org:servant_appoint", args=[_newcomer(w).pk]),
        lambda w: {"position": _vacancy(w).pk, "start": "2026-05-11"},
        "hr",
    ),
    Case(
        "servant_transfer",
        lambda w: reverse("org:servant_transfer", args=[w.a_staff1.pk]),
        lambda w: {"position": _vacancy(w).pk, "start": "2026-06-01"},
        "hr",
    ),
    Case(
        "servant_dismiss",
        lambda w: reverse("org:servant_dismiss", args=[w.a_staff1.pk]),
        lambda w: {"end": "2026-06-30"},
        "hr",
    ),
    Case(
        "assignment_managers",
        lambda w: reverse("org:assignment_managers", args=[w.a_staff1_assignment.pk]),
        lambda w: {"direct_manager": w.deputy.pk, "superior_manager": "", "reason": "№ 7"},
        "hr",
    ),
    Case(
        "absence_create",
        lambda w: reverse("org:absence_create", args=[w.a_staff1.pk]),
        lambda w: {"kind": "sick_leave", "start": "2026-05-04", "end": "2026-05-06"},
        "hr",
    ),
    Case(
        "absence_edit",
        lambda w: reverse("org:absence_edit", args=[_absence(w).pk]),
        lambda w: {"kind": "annual_leave", "start": "2026-07-01", "end": "2026-07-20"},
        "hr",
    ),
    Case(
        "absence_delete",
        lambda w: reverse("org:absence_delete", args=[_absence(w).pk]),
        lambda w: {},
        "hr",
        get=False,
    ),
    Case(
        "role_revoke",
        lambda w: reverse(
            "org:role_revoke", args=[RoleAssignment.objects.get(user=w.hr_staff_user).pk]
        ),
        lambda w: {},
        "admin",
        get=False,
    ),
    Case(
        "edition_delete",
        lambda w: reverse("org:edition_delete", args=[_future_edition(w).pk]),
        lambda w: {},
        "admin",
        get=False,
    ),
    Case(
        "calendar_delete",
        lambda w: reverse(
            "org:calendar_delete",
            args=[CalendarTransfer.objects.create(working_day=D(2026, 6, 6)).pk],
        ),
        lambda w: {},
        "any_admin",
        get=False,
    ),
]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix_of_the_row_views(world, actors, as_user, case, actor):
    client = as_user(actors[actor])
    url = case.url(world)
    data = case.data(world) if case.data else {}
    expected = LOGIN if actor == "anonymous" else POLICIES[case.policy][actor]
    before = take_snapshot()
    if case.get:
        response = client.get(url)
        if expected == LOGIN:
            assert response.status_code == 302
            assert "/login/" in response["Location"]
        elif expected == OK:
            assert response.status_code == 200
            assert b'class="inline-form"' in response.content
        else:
            assert response.status_code == expected
        assert take_snapshot() == before
    response = client.post(url, data)
    if expected == LOGIN:
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    elif expected == OK:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert take_snapshot() != before
        return
    else:
        assert response.status_code == expected
    assert take_snapshot() == before


PAGES = [
    ("structure", "org:structure"),
    ("servants", "org:servants"),
    ("unit_create", "org:unit_create"),
    ("position_create", "org:position_create"),
    ("servant_create", "org:servant_create"),
    ("administration", "org:administration"),
    ("calendar", "org:calendar"),
    ("editions", "org:editions"),
]
# Pages of the viewer's own organisation: members see, HR or the admin act.
PAGE_ACCESS = {
    "structure": {"member": 200},
    "servants": {"member": 200},
    "unit_create": {"hr": 200, "member": 403},
    "position_create": {"hr": 200, "member": 403},
    "servant_create": {"hr": 200, "member": 403},
    "administration": {"admin": 200, "member": 403},
    "calendar": {"admin": 200, "member": 403},
    "editions": {"admin": 200, "member": 403},
}
ROLES_OF = {
    "other_servant": set(),
    "other_hr": {"hr"},
    "other_admin": {"admin"},
    "staff": set(),
    "manager_elsewhere": set(),
    "apparatus_head": set(),
    "hr": {"hr"},
    "hr_head": {"hr"},
    "admin": {"admin"},
}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(("page", "name"), PAGES, ids=[p for p, _ in PAGES])
def test_permission_matrix_of_the_organisation_pages(world, actors, as_user, page, name, actor):
    client = as_user(actors[actor])
    before = take_snapshot()
    response = client.get(reverse(name))
    if actor == "anonymous":
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    elif actor == "outsider":
        assert response.status_code == 404
    else:
        access = PAGE_ACCESS[page]
        granted = next((code for role, code in access.items() if role in ROLES_OF[actor]), None)
        assert response.status_code == (granted or access["member"])
    assert take_snapshot() == before


@pytest.mark.parametrize("actor", ["anonymous", "outsider", "other_servant", "staff", "admin"])
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("org:unit_create", {"name_kk": "Жаңа"}),
        ("org:position_create", {"name_kk": "Жаңа", "category": "B-4"}),
        ("org:servant_create", {"last_name": "Жаңа", "first_name": "Адам"}),
    ],
)
def test_creation_refused_to_everyone_but_hr(world, actors, as_user, name, data, actor):
    client = as_user(actors[actor])
    data = {**data, "unit": world.unit_b.pk, "order": 0}
    before = take_snapshot()
    response = client.post(reverse(name), data)
    expected = {"anonymous": 302, "outsider": 404}.get(actor, 403)
    assert response.status_code == expected
    assert take_snapshot() == before


def test_hr_of_another_organisation_creates_only_in_their_own(world, other, as_user):
    client = as_user(other.hr_user)
    response = client.post(reverse("org:unit_create"), {"name_kk": "Олардың бөлімі", "order": 0})
    assert response.status_code == 302
    created = Unit.objects.get(name_kk="Олардың бөлімі")
    assert created.organisation == other.org
    # A unit of this organisation is not even a choice for them.
    response = client.post(
        reverse("org:unit_create"), {"name_kk": "Х", "parent": world.root.pk, "order": 0}
    )
    assert response.status_code == 200
    assert not Unit.objects.filter(name_kk="Х").exists()


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("anonymous", LOGIN),
        ("outsider", 404),
        ("other_servant", 404),
        ("other_hr", 404),
        ("other_admin", 404),
        ("a_staff2_user", 403),  # a colleague in the same unit
        ("b_head_user", 403),  # another unit's manager
        ("head_user", 403),  # the head of the apparatus is not in this servant's line
        ("a_staff1_user", 200),  # the servant
        ("a_head_user", 200),  # the direct manager
        ("deputy_user", 200),  # the superior manager (a_head's overridden direct manager)
        ("hr_staff_user", 200),
        ("hr_head_user", 200),
        ("admin_user", 200),
    ],
)
def test_who_sees_a_personal_page(world, actors, as_user, actor, expected):
    user = actors.get(actor) if actor in actors else getattr(world, actor)
    client = as_user(user)
    before = take_snapshot()
    response = client.get(reverse("org:servant", args=[world.a_staff1.pk]))
    if expected == LOGIN:
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    else:
        assert response.status_code == expected
    if expected == 200:
        assert "Бекова" in response.content.decode()
    assert take_snapshot() == before


def test_a_missing_row_is_not_found(world, as_user):
    client = as_user(world.hr_staff_user)
    assert client.get(reverse("org:servant", args=[999999])).status_code == 404
    assert client.get(reverse("org:unit_edit", args=[999999])).status_code == 404
    assert client.post(reverse("org:absence_delete", args=[999999])).status_code == 404


# --- the structure page ------------------------------------------------------------------------


def test_the_structure_shows_units_positions_holders_managers_and_vacancies(world, as_user):
    PositionFactory(unit=world.unit_b, category="B-5", name_en="Vacant expert post")
    response = as_user(world.a_staff2_user).get(reverse("org:structure"))
    html = response.content.decode()
    assert response.status_code == 200
    for unit in ("Apparatus", "Legal department", "Analytics department", "HR sector"):
        assert unit in html
    assert html.index("Apparatus") < html.index("Legal department") < html.index("HR sector")
    assert "Vacant expert post" in html
    assert "vacant" in html
    assert "not evaluated" in html  # the head of the apparatus
    assert world.a_staff1.full_name in html
    assert world.a_head.short_name in html  # a_staff1's derived direct manager
    assert "overridden" in html  # a_head reports to the deputy by override
    assert "Add a unit" not in html
    assert reverse("org:unit_edit", args=[world.root.pk]) not in html
    # A staff member links to their own page only.
    assert reverse("org:servant", args=[world.a_staff2.pk]) in html
    assert reverse("org:servant", args=[world.a_staff1.pk]) not in html


def test_a_manager_links_to_the_pages_of_their_line(world, as_user):
    html = as_user(world.deputy_user).get(reverse("org:structure")).content.decode()
    assert reverse("org:servant", args=[world.a_head.pk]) in html  # direct report
    assert reverse("org:servant", args=[world.a_staff1.pk]) in html  # superior of
    assert reverse("org:servant", args=[world.b_staff1.pk]) not in html


def test_hr_sees_the_editing_buttons(world, as_user):
    html = as_user(world.hr_staff_user).get(reverse("org:structure")).content.decode()
    assert "Add a unit" in html
    assert reverse("org:unit_edit", args=[world.unit_a.pk]) in html
    assert reverse("org:position_edit", args=[world.a_staff1_assignment.position_id]) in html
    assert reverse("org:servant", args=[world.b_staff1.pk]) in html


@pytest.mark.parametrize("holds_a_post", [True, False])
def test_every_label_of_a_personal_page_names_its_own_field(world, as_user, holds_a_post):
    """The personal page carries several forms whose fields share names (start, end, version):
    no id stands twice, and every label's `for` names a field of its own form."""
    servant = world.a_staff1
    if not holds_a_post:
        servant.assignments.all().delete()
    html = as_user(world.hr_staff_user).get(reverse("org:servant", args=[servant.pk])).content
    html = html.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) > 10
    assert [i for i in set(ids) if ids.count(i) > 1] == []
    for form in re.findall(r"<form\b.*?</form>", html, re.S):
        owned = set(re.findall(r'\sid="([^"]+)"', form))
        assert set(re.findall(r'<label for="([^"]+)"', form)) <= owned


def test_another_organisation_sees_only_its_own_structure(world, other, as_user):
    html = as_user(other.user).get(reverse("org:structure")).content.decode()
    assert "Other department" in html
    assert "Legal department" not in html
    assert world.a_staff1.full_name not in html


def test_the_menu_has_structure_for_members_and_administration_for_admins(world, as_user):
    html = as_user(world.a_staff1_user).get(reverse("org:structure")).content.decode()
    assert f'href="{reverse("org:structure")}"' in html
    assert f'href="{reverse("org:administration")}"' not in html
    html = as_user(world.admin_user).get(reverse("org:structure")).content.decode()
    assert f'href="{reverse("org:administration")}"' in html


# --- forms, errors, HTMX -----------------------------------------------------------------------


def test_hr_adds_a_position_with_a_typed_category(world, as_user):
    client = as_user(world.hr_staff_user)
    response = client.post(
        reverse("org:position_create") + f"?unit={world.unit_b.pk}",
        {"name_kk": "Бас маман", "unit": world.unit_b.pk, "category": "с-0-1", "order": 0},
    )
    assert response.status_code == 302
    position = Position.objects.get(name_kk="Бас маман")
    assert (position.category, position.unit) == ("C-O-1", world.unit_b)


def test_a_domain_error_shows_next_to_its_field_and_nothing_is_written(world, as_user):
    client = as_user(world.hr_staff_user)
    before = take_snapshot()
    response = client.post(
        reverse("org:position_create"),
        {"name_kk": "Бас маман", "unit": world.unit_b.pk, "category": "B-9", "order": 0},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-field="category"' in html
    assert "B-9" in html
    assert "Traceback" not in html
    assert take_snapshot() == before


def test_appointing_to_a_held_post_shows_the_holder(world, as_user):
    newcomer = ServantFactory(organisation=world.org, user=None)
    client = as_user(world.hr_head_user)
    before = take_snapshot()
    response = client.post(
        reverse("org:servant_appoint", args=[newcomer.pk]),
        {"position": world.a_staff1_assignment.position_id, "start": "2026-05-11"},
    )
    html = response.content.decode()
    assert 'data-field="position"' in html
    assert world.a_staff1.full_name in html
    assert take_snapshot() == before


def test_an_overlapping_absence_is_refused_at_the_start_field_via_htmx(world, as_user):
    AbsenceFactory(servant=world.a_staff1, start=D(2026, 5, 1), end=D(2026, 5, 10))
    client = as_user(world.hr_staff_user)
    before = take_snapshot()
    response = client.post(
        reverse("org:absence_create", args=[world.a_staff1.pk]),
        {"kind": "business_trip", "start": "2026-05-05", "end": "2026-05-07"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'class="inline-form"' in html
    assert 'data-field="start"' in html
    assert take_snapshot() == before


def test_a_successful_htmx_post_redirects_the_page(world, as_user):
    client = as_user(world.hr_staff_user)
    response = client.post(
        reverse("org:absence_create", args=[world.a_staff1.pk]),
        {"kind": "training", "start": "2026-05-05", "end": "2026-05-07"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("org:servant", args=[world.a_staff1.pk])
    assert world.a_staff1.absences.get().kind == "training"


def test_an_htmx_get_returns_the_inline_form(world, as_user):
    response = as_user(world.hr_staff_user).get(
        reverse("org:unit_edit", args=[world.unit_a.pk]), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html
    assert 'name="name_kk"' in html
    assert "Legal department" in html


def test_a_stale_form_shows_a_conflict_and_keeps_the_other_change(world, as_user):
    client = as_user(world.hr_staff_user)
    stale = world.unit_a.version
    # A concurrent change bumps the version.
    Unit.objects.filter(pk=world.unit_a.pk).update(
        name_kk="Басқа біреу өзгертті", version=F("version") + 1
    )
    before = take_snapshot()
    response = client.post(
        reverse("org:unit_edit", args=[world.unit_a.pk]),
        {"name_kk": "Менің өзгерісім", "parent": world.root.pk, "order": 1, "version": stale},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this record" in html
    assert take_snapshot() == before


def test_a_refused_delete_says_why_and_keeps_the_unit(world, as_user):
    client = as_user(world.hr_staff_user)
    before = take_snapshot()
    response = client.post(reverse("org:unit_delete", args=[world.unit_a.pk]), follow=True)
    assert "has positions" in response.content.decode()
    assert take_snapshot() == before


def test_hr_moves_a_unit_and_the_tree_follows(world, as_user):
    client = as_user(world.hr_staff_user)
    response = client.post(
        reverse("org:unit_edit", args=[world.unit_hr.pk]),
        {
            "name_kk": world.unit_hr.name_kk,
            "name_en": "HR sector",
            "parent": world.unit_a.pk,
            "order": 0,
            "version": world.unit_hr.version,
        },
    )
    assert response.status_code == 302
    world.unit_hr.refresh_from_db()
    assert world.unit_hr.parent == world.unit_a
    refused = client.post(
        reverse("org:unit_edit", args=[world.unit_a.pk]),
        {"name_kk": "X", "parent": world.unit_hr.pk, "order": 0},
    )
    assert 'data-field="parent"' in refused.content.decode()


# --- servants ----------------------------------------------------------------------------------


def test_the_servant_list_searches_by_name_and_number(world, as_user):
    world.b_staff1.personnel_number = "TN-778"
    world.b_staff1.save()
    client = as_user(world.hr_staff_user)
    html = client.get(reverse("org:servants"), {"q": "бекова"}).content.decode()
    assert world.a_staff1.full_name in html
    assert world.a_staff2.full_name not in html
    partial = client.get(
        reverse("org:servants"), {"q": "778"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in partial
    assert world.b_staff1.full_name in partial
    assert world.a_staff1.full_name not in partial


def test_hr_registers_a_servant_with_a_login_and_lands_on_their_page(world, as_user):
    client = as_user(world.hr_staff_user)
    response = client.post(
        reverse("org:servant_create"),
        {
            "last_name": "Жаңаев",
            "first_name": "Ерік",
            "username": "zhanayev",
            "password": "Kazakh-Steppe-2026",
        },
    )
    servant = Servant.objects.get(last_name="Жаңаев")
    assert response["Location"] == reverse("org:servant", args=[servant.pk])
    assert servant.user is not None
    assert servant.user.check_password("Kazakh-Steppe-2026")
    taken = client.post(
        reverse("org:servant_create"),
        {"last_name": "Екінші", "first_name": "Ерік", "username": "zhanayev", "password": "x"},
    )
    assert 'data-field="username"' in taken.content.decode()
    assert not Servant.objects.filter(last_name="Екінші").exists()


def test_the_personal_page_shows_history_absences_managers_and_probation(world, as_user):
    world.a_staff1_assignment.probation_until = D(2026, 6, 30)
    world.a_staff1_assignment.save()
    AbsenceFactory(servant=world.a_staff1, kind="business_trip", start=D(2026, 3, 2))
    response = as_user(world.a_staff1_user).get(reverse("org:servant", args=[world.a_staff1.pk]))
    html = response.content.decode()
    assert "a_staff1 post" in html
    assert "Legal department" in html
    assert "on probation" in html
    assert "30.06.2026" in html
    assert "Business trip" in html
    assert "02.03.2026" in html
    assert world.a_head.full_name in html
    assert world.deputy.full_name in html
    assert "overridden" not in html
    assert "HR actions" not in html  # the servant only reads


def test_the_personal_page_marks_an_overridden_manager(world, as_user):
    html = (
        as_user(world.hr_staff_user)
        .get(reverse("org:servant", args=[world.a_head.pk]))
        .content.decode()
    )
    assert "overridden" in html
    assert world.deputy.full_name in html
    assert "HR actions" in html
    assert "Transfer to another position" in html
    assert reverse("org:assignment_managers", args=[world.a_head_assignment.pk]) in html


def test_hr_transfers_and_dismisses_through_the_pages(world, as_user):
    vacancy = PositionFactory(unit=world.unit_b, category="B-5")
    client = as_user(world.hr_staff_user)
    client.post(
        reverse("org:servant_transfer", args=[world.a_staff1.pk]),
        {"position": vacancy.pk, "start": "2026-06-01", "probation_until": ""},
    )
    client.post(reverse("org:servant_dismiss", args=[world.a_staff1.pk]), {"end": "2026-08-31"})
    rows = list(
        Assignment.objects.filter(servant=world.a_staff1)
        .order_by("start")
        .values_list("end", "end_reason")
    )
    assert rows == [(D(2026, 5, 31), EndReason.TRANSFER), (D(2026, 8, 31), EndReason.DISMISSAL)]
    html = client.get(reverse("org:servant", args=[world.a_staff1.pk])).content.decode()
    assert "Transferred" in html
    assert "Dismissed" in html


def test_hr_overrides_and_clears_the_managers(world, as_user):
    client = as_user(world.hr_staff_user)
    url = reverse("org:assignment_managers", args=[world.a_staff1_assignment.pk])
    client.post(url, {"direct_manager": world.deputy.pk, "superior_manager": "", "reason": "№ 7"})
    world.a_staff1_assignment.refresh_from_db()
    assert world.a_staff1_assignment.direct_manager == world.deputy
    assert world.a_staff1_assignment.managers_reason == "№ 7"
    refused = client.post(url, {"direct_manager": world.a_staff1.pk, "superior_manager": ""})
    assert 'data-field="direct_manager"' in refused.content.decode()
    # another department's head does not manage the Legal department: refused by the field
    refused = client.post(
        url, {"direct_manager": world.b_head.pk, "superior_manager": "", "reason": "№ 8"}
    )
    assert 'data-field="direct_manager"' in refused.content.decode()
    assert "cannot manage" in refused.content.decode()
    unexplained = client.post(url, {"direct_manager": world.head.pk, "superior_manager": ""})
    assert 'data-field="reason"' in unexplained.content.decode()
    world.a_staff1_assignment.refresh_from_db()
    assert world.a_staff1_assignment.direct_manager == world.deputy
    client.post(url, {"direct_manager": "", "superior_manager": ""})
    world.a_staff1_assignment.refresh_from_db()
    assert world.a_staff1_assignment.direct_manager is None


# --- administration ----------------------------------------------------------------------------


def test_the_administrator_grants_a_role_and_errors_show_by_the_field(world, as_user):
    client = as_user(world.admin_user)
    html = client.get(reverse("org:administration")).content.decode()
    assert "hr_staff" in html
    assert "Head of the HR service" in html
    response = client.post(
        reverse("org:administration"), {"user": world.a_staff1_user.pk, "role": Role.HR}
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(user=world.a_staff1_user, role=Role.HR).exists()
    before = take_snapshot()
    again = client.post(
        reverse("org:administration"), {"user": world.a_staff1_user.pk, "role": Role.HR}
    )
    assert 'data-field="role"' in again.content.decode()
    assert take_snapshot() == before


def test_the_administrator_keeps_the_transferred_days(world, as_user):
    client = as_user(world.admin_user)
    response = client.post(
        reverse("org:calendar"),
        {"working_day": "2026-06-06", "day_off": "2026-06-08", "note": "Қаулы"},
    )
    assert response.status_code == 302
    assert CalendarTransfer.objects.get().day_off == D(2026, 6, 8)
    before = take_snapshot()
    wrong = client.post(reverse("org:calendar"), {"working_day": "2026-06-10"})
    assert 'data-field="working_day"' in wrong.content.decode()
    assert take_snapshot() == before


def test_the_administrator_enters_an_edition(world, as_user):
    client = as_user(world.admin_user)
    html = client.get(reverse("org:editions")).content.decode()
    assert "sjc-2023" in html
    assert "14.03.2023" in html
    response = client.post(
        reverse("org:editions"), {"edition": "moj-2017", "valid_from": "2027-01-01"}
    )
    assert response.status_code == 302
    before = take_snapshot()
    again = client.post(
        reverse("org:editions"), {"edition": "sjc-2023", "valid_from": "2027-01-01"}
    )
    assert 'data-field="valid_from"' in again.content.decode()
    assert take_snapshot() == before
    assert TODAY < D(2027, 1, 1)
