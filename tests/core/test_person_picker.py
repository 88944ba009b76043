"""The person picker (issue 13 item 8): every form that chooses persons uses it; it keeps the
plain select / check boxes (no JavaScript needed), writes each person's search form (Kazakh
letters folded, collation.fold) for the script, and lists the selected persons first."""

from __future__ import annotations

import re

import pytest
from django import forms as django_forms

from bagalau.calibration.forms import DecideForm, ReplaceParticipantForm
from bagalau.commission.forms import AttendanceForm, OrderForm, RefusalForm, ScheduleForm
from bagalau.commission.models import CommissionSeat
from bagalau.core.widgets import PersonCheckboxes, PersonSelect
from bagalau.evaluations.forms_sheets import RefusalActForm
from bagalau.evaluations.models import Evaluation
from bagalau.moj.plan_forms import NewWorkPlanForm
from bagalau.org.forms import ManagersForm, RoleGrantForm
from bagalau.org.models import Servant
from bagalau.surveys.forms import PaperReturnsForm, RespondentsForm

NAMES = [(1, "Әбілов Нұрлан"), (2, "Ерғалиев Бауыржан"), (3, "Жанова Айгүл")]


class _Form(django_forms.Form):
    many = django_forms.TypedMultipleChoiceField(
        coerce=int, choices=NAMES, required=False, widget=PersonCheckboxes
    )
    one = django_forms.TypedChoiceField(
        coerce=int, choices=[("", "—"), *NAMES], required=False, widget=PersonSelect
    )


def _order(html: str, tag: str) -> list[str]:
    return re.findall(rf'<{tag}[^>]*value="(\d+)"', html)


def test_the_checkboxes_keep_working_without_script_and_carry_the_folded_names():
    html = str(_Form()["many"])
    assert html.count('type="checkbox"') == 3
    assert "data-person-filter" in html
    assert " hidden " in html
    assert 'data-fold="ергалиев бауыржан"' in html
    assert 'data-fold="абилов нурлан"' in html
    assert 'data-fold-from="әғқңөұүһіё" data-fold-to="агкноуухие"' in html
    assert 'aria-controls="id_many"' in html


def test_selected_persons_come_first():
    form = _Form(data={"many": ["3"], "one": "2"})
    assert _order(str(form["many"]), "input") == ["3", "1", "2"]
    assert re.findall(r'<option value="(\d*)"', str(form["one"])) == ["", "2", "1", "3"]
    assert _order(str(_Form()["many"]), "input") == ["1", "2", "3"]


@pytest.mark.django_db
def test_every_person_picker_uses_the_widget(world):
    servants = Servant.objects.filter(organisation=world.org)
    users = type(world.hr_head_user).objects.all()
    forms = [
        (OrderForm(servants=servants), ["signatory", "chair", "members", "secretary"]),
        (RefusalForm(servants=servants), ["signers"]),
        (AttendanceForm(seats=CommissionSeat.objects.none()), ["present"]),
        (ScheduleForm(candidates=Evaluation.objects.none()), ["evaluations"]),
        (DecideForm(candidates=users), ["participants"]),
        (ReplaceParticipantForm(leaving=users, joining=users), ["leaving", "joining"]),
        (RefusalActForm(servants=servants), ["witness_1", "witness_2"]),
        (ManagersForm(organisation=world.org), ["direct_manager", "superior_manager"]),
        (RoleGrantForm(organisation=world.org), ["user"]),
        (RespondentsForm(choices=[]), ["respondents"]),
        (PaperReturnsForm(choices=[]), ["respondents"]),
        (NewWorkPlanForm(people=[(1, "Ерғалиев Ержан")]), ["servant"]),  # moj-2017 App. 1
    ]
    for form, names in forms:
        for name in names:
            widget = form.fields[name].widget
            assert isinstance(widget, PersonSelect | PersonCheckboxes), (type(form), name)
            assert "data-person-picker" in str(form[name])


CHOICES = [
    ("", "— nobody —"),
    (1, 'Әлиев "Арман" <b> & Co'),
    ("Legal & <department>", [(2, "Бекова Айгүл"), (3, "Жанов Нұрлан")]),
    (4, "Омарова Сәуле"),
]


@pytest.mark.parametrize(
    ("widget_class", "django_template", "value"),
    [
        (PersonSelect, "django/forms/widgets/select.html", 3),
        (PersonSelect, "django/forms/widgets/select.html", None),
        (PersonCheckboxes, "django/forms/widgets/checkbox_select.html", [1, 3]),
        (PersonCheckboxes, "django/forms/widgets/checkbox_select.html", []),
    ],
)
@pytest.mark.parametrize("attrs", [{"id": "id_people", "class": "wide"}, {}])
def test_the_options_are_written_as_django_writes_them(widget_class, django_template, value, attrs):
    """The pickers write their options without a template per option (issue 12: thousands of
    servants), to the character as Django's own templates do: names and values escaped, the
    chosen persons marked, groups kept."""
    fast = widget_class(choices=CHOICES, attrs=attrs)
    django = widget_class(choices=CHOICES, attrs=attrs)
    django.base_template_name = django_template
    written = fast.render("people", value)
    assert written == django.render("people", value)
    assert "&lt;b&gt; &amp; Co" in written
    assert "<b>" not in written
