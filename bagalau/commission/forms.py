"""Forms of the commission pages; their data goes to `commission.services` (the rules are there)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from bagalau.commission.models import CommissionSeat, MotionKind, SeatRole, VoteChoice
from bagalau.core import bounds, forms
from bagalau.core.widgets import PersonCheckboxes, PersonSelect
from bagalau.evaluations.models import Evaluation
from bagalau.org.models import Servant


def _date(label: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}))


class OrderForm(forms.DomainErrorForm):
    """The forming or an amending order: its number and date, who signed it, and the whole
    membership it names (p.5, p.31)."""

    order_number = forms.CharField(label=_("Order number"), max_length=bounds.CODE)
    order_date = _date(_("Order date"))
    signatory = forms.ModelChoiceField(
        label=_("Signed by (the authorised person)"),
        queryset=Servant.objects.none(),
        widget=PersonSelect,
    )
    chair = forms.ModelChoiceField(
        label=_("Chair"), queryset=Servant.objects.none(), widget=PersonSelect
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Members"), queryset=Servant.objects.none(), widget=PersonCheckboxes
    )
    secretary = forms.ModelChoiceField(
        label=_("Secretary (an HR servant, does not vote)"),
        queryset=Servant.objects.none(),
        widget=PersonSelect,
    )

    def __init__(self, *args: Any, servants: QuerySet[Servant], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("signatory", "chair", "members", "secretary"):
            self.fields[name].queryset = servants  # type: ignore[attr-defined]

    def field_for(self, path: str) -> str | None:
        return "members" if path == "seats" else path

    def seats(self) -> list[tuple[int, str]]:
        """The seats as the services take them."""
        data = self.cleaned_data
        seats = [(data["chair"].pk, SeatRole.CHAIR.value)]
        seats += [(s.pk, SeatRole.MEMBER.value) for s in data["members"]]
        seats.append((data["secretary"].pk, SeatRole.SECRETARY.value))
        return seats


class ScheduleForm(forms.DomainErrorForm):
    """A session on a date agreed with the chair, and the servants on its agenda (p.35-36)."""

    date = _date(_("Session date"))
    chair_agreed_on = _date(_("Date agreed with the chair on"))
    place = forms.CharField(label=_("Place"), max_length=bounds.TITLE, required=False)
    evaluations = forms.ModelMultipleChoiceField(
        label=_("Servants before the commission"),
        queryset=Evaluation.objects.none(),
        widget=PersonCheckboxes,
    )

    def __init__(self, *args: Any, candidates: QuerySet[Evaluation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evaluations"].queryset = candidates  # type: ignore[attr-defined]
        self.fields["evaluations"].label_from_instance = (  # type: ignore[attr-defined]
            lambda e: f"{e.servant.full_name} — {e.period.schedule.year}"
        )


class AttendanceForm(forms.DomainErrorForm):
    """Who was present (p.30)."""

    present = forms.ModelMultipleChoiceField(
        label=_("Present"),
        queryset=Servant.objects.none(),
        widget=PersonCheckboxes,
        required=False,
    )

    def __init__(self, *args: Any, seats: QuerySet[CommissionSeat], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = Servant.objects.filter(  # type: ignore[attr-defined]
            pk__in=seats.values("servant_id")
        )


class MotionForm(forms.DomainErrorForm):
    """A motion on one servant: approve, or revise with the corrected result and a reason."""

    evaluation = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    kind = forms.ChoiceField(label=_("Decision"), choices=MotionKind.choices)
    revised_kpi_achieved = forms.IntegerField(
        label=_("KPIs fully achieved, as corrected"), min_value=0, max_value=5, required=False
    )
    revised_competencies = forms.CharField(
        label=_("Competency result, as corrected"), required=False, widget=forms.Textarea
    )
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea)


class MojMotionForm(forms.DomainErrorForm):
    """A motion on a moj-2017 quarter or year: approve, or revise with the corrected score and
    its explanation (seed 001 p.35); the commission's recommendations (App. 5)."""

    evaluation = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    kind = forms.ChoiceField(label=_("Decision"), choices=MotionKind.choices)
    revised_score = forms.CharField(
        label=_("Score, as corrected"),
        required=False,
        max_length=20,
        help_text=_("A quarter in whole points; a year to one decimal, from 2 to 5."),
    )
    reason = forms.CharField(label=_("Explanation"), required=False, widget=forms.Textarea)
    recommendations = forms.CharField(
        label=_("Recommendations of the commission"), required=False, widget=forms.Textarea
    )


class VoteForm(forms.DomainErrorForm):
    """The open vote on a motion: one choice a member present (G-7)."""

    motion = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, voters: list[CommissionSeat], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for seat in voters:
            self.fields[f"seat_{seat.servant_id}"] = forms.ChoiceField(
                label=f"{seat.servant.short_name} ({seat.get_role_display()})",
                choices=VoteChoice.choices,
                widget=forms.RadioSelect,
            )

    def field_for(self, path: str) -> str | None:
        return None

    def votes(self) -> dict[int, str]:
        """servant id -> for / against."""
        return {
            int(name.removeprefix("seat_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("seat_")
        }


class ConclusionForm(forms.DomainErrorForm):
    """The commission's conclusion in the protocol (App. 5)."""

    conclusion = forms.CharField(
        label=_("Conclusion of the commission"), required=False, widget=forms.Textarea
    )


class SignForm(forms.DomainErrorForm):
    """A signature on the protocol, with its date."""

    signed_on = _date(_("Signed on"))


class ApproveForm(forms.DomainErrorForm):
    """The authorised person's approval of the protocol (p.39; T-12)."""

    approved_on = _date(_("Approved on"))
    remarks = forms.CharField(label=_("Remarks"), required=False, widget=forms.Textarea)


# --- after the commission (H1-H3, I1-I2) ---------------------------------------------------------


class AcknowledgeForm(forms.DomainErrorForm):
    """The day the servant acknowledged the results in writing (H1, p.41)."""

    acknowledged_on = _date(_("Acknowledged on"))


class RefusalForm(forms.DomainErrorForm):
    """The refusal act: its day, the two other servants who sign it with HR (H2, p.41), and the
    circumstances."""

    refused_on = _date(_("Refused on"))
    signers = forms.ModelMultipleChoiceField(
        label=_("Signed with the working body by"),
        queryset=Servant.objects.none(),
        widget=PersonCheckboxes,
        required=False,
    )
    text = forms.CharField(label=_("Circumstances"), required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, servants: QuerySet[Servant], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signers"].queryset = servants  # type: ignore[attr-defined]


class DispatchForm(forms.DomainErrorForm):
    """The result sent through the intranet portal of state bodies (H3, p.42)."""

    sent_on = _date(_("Sent on"))
    reference = forms.CharField(label=_("Reference on the portal"), max_length=bounds.TITLE)


class AgencyReportForm(forms.DomainErrorForm):
    """The agency informed of the decision taken on the appeal (moj-2017 p.39, M-12)."""

    report = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    sent_on = _date(_("Sent on"))
    reference = forms.CharField(
        label=_("Reference of the letter"), max_length=bounds.TITLE, required=False
    )


class AppealForm(forms.DomainErrorForm):
    """The servant's appeal to the agency (I1, p.43) or claim to a court (I4, p.44), as HR
    records it."""

    basis = forms.ChoiceField(
        label=_("Appeal"),
        choices=[
            ("commission", _("to the civil service agency (within 10 working days)")),
            ("court", _("to a court")),
        ],
        initial="commission",
        widget=forms.RadioSelect,
    )
    filed_on = _date(_("Filed on"))
    authority = forms.CharField(label=_("Appealed to"), max_length=bounds.TITLE)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea)


#: The outcomes HR may record, by what was appealed to: the agency (I2, p.43), a court (I4).
OUTCOME_CHOICES = {
    "commission": [
        ("recommend_revision", _("Revision recommended")),
        ("left_unchanged", _("Left unchanged")),
    ],
    # moj-2017 names no outcomes (001 p.38-39): those of 004 p.43 and "other" (M-13).
    "moj_commission": [
        ("recommend_revision", _("Revision recommended")),
        ("left_unchanged", _("Left unchanged")),
        ("other", _("Other (see the note)")),
    ],
    "court": [
        ("upheld", _("Decision upheld")),
        ("overturned", _("Decision overturned")),
        ("withdrawn", _("Withdrawn")),
    ],
}


class AppealOutcomeForm(forms.DomainErrorForm):
    """The agency's outcome on the appeal (I2, p.43), or the court's (I4, p.44)."""

    appeal = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=OUTCOME_CHOICES["commission"], widget=forms.RadioSelect
    )
    decided_on = _date(_("Decided on"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, basis: str = "commission", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["outcome"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = OUTCOME_CHOICES.get(basis, OUTCOME_CHOICES["commission"])
