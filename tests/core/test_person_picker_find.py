"""A person picker of a long list (issue 12 item 3): it writes the chosen persons and the first
`SHOWN_AT_MOST` matches of what is typed in its search box, never the whole list, and its "Find"
button sends the form back as a search that is never the form's action."""

from __future__ import annotations

import re

import pytest
from django import forms as django_forms

from bagalau.calibration.forms import DecideForm
from bagalau.commission.forms import OrderForm
from bagalau.core import forms, widgets
from bagalau.core.widgets import PersonCheckboxes, PersonSelect
from bagalau.org.models import Servant
from tests.factories import ServantFactory, UserFactory

#: 12 persons in two groups; the eighth's name has Kazakh letters.
GROUPS = [
    ("Бөлім А", [(n, f"Адамов{n} Асан") for n in range(1, 7)]),
    (
        "Бөлім Б",
        [
            (7, "Адамов7 Асан"),
            (8, "Ерғалиев Бауыржан"),
            *[(n, f"Адамов{n} Асан") for n in range(9, 13)],
        ],
    ),
]


class _Form(forms.DomainErrorForm):
    many = django_forms.TypedMultipleChoiceField(
        coerce=int, choices=GROUPS, required=False, widget=PersonCheckboxes
    )
    one = django_forms.TypedChoiceField(
        coerce=int, choices=[("", "—"), *GROUPS], required=False, widget=PersonSelect
    )


class _PlainForm(django_forms.Form):
    """A form that is not a `DomainErrorForm`: its view would take "Find" as the action."""

    many = django_forms.TypedMultipleChoiceField(
        coerce=int, choices=GROUPS, required=False, widget=PersonCheckboxes
    )


@pytest.fixture
def few(monkeypatch):
    monkeypatch.setattr(widgets, "SHOWN_AT_MOST", 3)


def _values(html: str) -> list[str]:
    return re.findall(r'<(?:input type="checkbox"|option)[^>]*value="(\d+)"', html)


def test_a_long_list_writes_its_first_persons_and_a_find_button(few):
    html = str(_Form()["many"])
    assert _values(html) == ["1", "2", "3"]
    assert 'name="_find" value="many"' in html
    assert 'name="many-find"' in html
    assert "3 of 12 persons are listed" in html
    assert "Бөлім Б" not in html  # a group with nobody written is left out


def test_the_chosen_persons_stay_and_the_search_finds_by_folded_name(few):
    form = _Form(data={"many": ["2"], "many-find": "ергалиев", "one": "12", "_find": "many"})
    html = str(form["many"])
    assert _values(html) == ["2", "8"]
    assert 'value="ергалиев"' in html
    assert "1 person whose name contains “ергалиев”" in html
    assert "checked" in html.split('value="2"')[1].split(">")[0]
    # the other picker of the form keeps its choice and its first persons
    assert _values(str(form["one"])) == ["12", "1", "2", "3"]


def test_more_matches_than_shown_say_so(few):
    html = str(_Form(data={"many-find": "адамов"})["many"])
    assert _values(html) == ["1", "2", "3"]
    assert "The first 3 persons whose name contains “адамов” are listed" in html


def test_find_is_a_search_never_the_action():
    form = _Form(data={"many": ["1"], "_find": "many"})
    assert not form.is_valid()
    assert not form.errors
    assert form.cleaned_data == {}
    assert _Form(data={"many": ["1"]}).is_valid()


def test_a_short_list_or_a_form_that_is_no_domain_form_writes_everyone(few, monkeypatch):
    assert 'name="_find"' not in str(_PlainForm()["many"])
    assert len(_values(str(_PlainForm()["many"]))) == 12
    monkeypatch.setattr(widgets, "SHOWN_AT_MOST", 12)
    html = str(_Form()["many"])
    assert len(_values(html)) == 12
    assert 'name="_find"' not in html
    assert "data-person-filter" in html


@pytest.mark.django_db
def test_a_picker_of_rows_searches_the_database(world, few, django_assert_max_num_queries):
    wanted = ServantFactory(organisation=world.org, last_name="Ерғалиев", first_name="Бауыржан")
    servants = Servant.objects.filter(organisation=world.org).order_by("last_name", "pk")
    assert servants.count() > 3
    first = [str(pk) for pk in servants.values_list("pk", flat=True)[:3]]
    chosen = servants.exclude(pk__in=[*map(int, first), wanted.pk]).last()
    with django_assert_max_num_queries(3):  # count, the chosen, the matches
        html = str(OrderForm(servants=servants)["members"])
    assert _values(html) == first
    data = {"members": [str(chosen.pk)], "members-find": "ергали", "chair-find": "ЕРҒАЛ"}
    form = OrderForm(data=data, servants=servants)
    assert _values(str(form["members"])) == [str(chosen.pk), str(wanted.pk)]
    assert _values(str(form["chair"])) == [str(wanted.pk)]
    assert _values(str(form["signatory"])) == first


@pytest.mark.django_db
def test_a_picker_of_users_searches_their_servants_names(world, few):
    """The calibration's participants are users: found by their servant's name (a user model
    has no patronymic to search)."""
    wanted = ServantFactory(
        organisation=world.org,
        last_name="Ерғалиев",
        first_name="Бауыржан",
        user=UserFactory(username="ergaliev"),
    )
    users = type(wanted.user).objects.filter(servant__organisation=world.org).order_by("pk")
    assert users.count() > 3
    form = DecideForm(data={"participants-find": "ергалиев бау"}, candidates=users)
    assert _values(str(form["participants"])) == [str(wanted.user.pk)]
    assert len(_values(str(DecideForm(candidates=users)["participants"]))) == 3


@pytest.mark.django_db
def test_a_chosen_person_written_in_other_digits_is_no_choice(world, few):
    """A "²" is a digit to str.isdigit() and not to int(): the picker of rows writes its first
    persons, and the form refuses the choice on its field."""
    servants = Servant.objects.filter(organisation=world.org).order_by("last_name", "pk")
    first = [str(pk) for pk in servants.values_list("pk", flat=True)[:3]]
    form = OrderForm(data={"members": ["²"], "chair": "٤"}, servants=servants)
    assert _values(str(form["members"])) == first
    assert _values(str(form["chair"])) == first
    assert not form.is_valid()
    assert "members" in form.errors


@pytest.mark.django_db
def test_a_chosen_person_past_any_id_is_no_choice(world, few):
    """An id longer than a database integer is refused on its field as no choice, not looked up
    (SQLite raised OverflowError on the IN list: a server error)."""
    servants = Servant.objects.filter(organisation=world.org).order_by("last_name", "pk")
    huge = "9" * 20
    form = OrderForm(data={"members": [huge], "chair": huge}, servants=servants)
    assert not form.is_valid()
    assert huge in str(form.errors["members"])
    assert "chair" in form.errors
