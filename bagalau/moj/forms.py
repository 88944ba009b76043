"""Forms of the moj-2017 pages; each hands its data to a service (core.forms.form_submit)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from bagalau.core import bounds, forms
from bagalau.moj.models import BreachSource

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


class CatalogueForm(forms.DomainErrorForm):
    """The administrator chooses the organisation's App. 2 catalogue (M-20)."""

    version = forms.VersionField(required=False)
    catalogue = forms.ChoiceField(label=_("App. 2 catalogue"), choices=[])

    def __init__(self, *args: object, options: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["catalogue"].choices = options  # type: ignore[attr-defined]


class BreachForm(forms.DomainErrorForm):
    """A breach of discipline: kind, source, date and evidence (p.20-22)."""

    kind = forms.ChoiceField(label=_("kind of breach"), choices=[])
    source = forms.ChoiceField(label=_("source"), choices=[])
    day = forms.DateField(label=_("date of the breach"), required=False)
    evidence = forms.CharField(
        label=_("evidence"), widget=forms.Textarea, max_length=bounds.LONG_TEXT
    )

    def __init__(
        self,
        *args: object,
        kinds: list[tuple[str, str]],
        sources: frozenset[str],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        self.fields["source"].choices = [  # type: ignore[attr-defined]
            (code, label) for code, label in BreachSource.choices if code in sources
        ]


def row_field(path: str, rows: str, prefix: str) -> str | None:
    """The form field of a service's field path in one of its `rows`: ``<rows>[<index>].<name>``
    -> ``<prefix>_<index>_<name>`` (``items[2].date`` -> ``item_2_date``); None for any other
    path."""
    start = f"{rows}["
    if path.startswith(start) and "]." in path:
        index, rest = path[len(start) :].split("].", 1)
        return f"{prefix}_{index}_{rest}"
    return None


#: Blank item rows a column form offers beyond those filled (more: save and add again).
EXTRA_ROWS = 5


def _with_blanks(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """The rows a column form offers: those given, then `EXTRA_ROWS` blank ones."""
    return [*rows, *({} for _blank in range(EXTRA_ROWS))]


def _row_choice(
    label: StrOrPromise, options: list[tuple[str, str]], initial: object
) -> forms.ChoiceField:
    """The optional choice of a column form's row: "—" (nothing chosen) first, then `options`."""
    return forms.ChoiceField(
        label=label, choices=[("", "—"), *options], required=False, initial=initial
    )


class SheetColumnForm(forms.DomainErrorForm):
    """A column of the App. 3 sheet: App. 2 items chosen from the organisation's catalogue (no
    points field: they come from the catalogue, M-8), each with its day and evidence; and either
    the self-assessed breaches (kind, date) or the agreed ones (discipline records, M-22)."""

    version = forms.VersionField(required=False)

    def __init__(
        self,
        *args: object,
        items: list[dict[str, object]],
        options: list[tuple[str, str]],
        kinds: list[tuple[str, str]] | None = None,
        breaches: list[dict[str, object]] | None = None,
        records: list[tuple[int, str]] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        item_rows = _with_blanks(items)
        self.item_count = len(item_rows)
        for index, row in enumerate(item_rows):
            self.fields[f"item_{index}_code"] = _row_choice(
                _("encouraged activity"), options, row.get("code", "")
            )
            self.fields[f"item_{index}_date"] = forms.DateField(
                label=_("date"), required=False, initial=row.get("date")
            )
            self.fields[f"item_{index}_evidence"] = forms.CharField(
                label=_("evidence"),
                required=False,
                max_length=bounds.LONG_TEXT,
                initial=row.get("evidence", ""),
            )
        self.breach_count = 0
        if kinds is not None:
            breach_rows = _with_blanks(breaches or [])
            self.breach_count = len(breach_rows)
            for index, row in enumerate(breach_rows):
                self.fields[f"breach_{index}_kind"] = _row_choice(
                    _("kind of breach"), kinds, row.get("kind", "")
                )
                self.fields[f"breach_{index}_date"] = forms.DateField(
                    label=_("date of the breach"), required=False, initial=row.get("date")
                )
        if records is not None:
            self.fields["records"] = forms.TypedMultipleChoiceField(
                label=_("breaches agreed"),
                choices=records,
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def field_for(self, path: str) -> str | None:
        """``items[2].date`` -> ``item_2_date``; ``breaches[1].date`` -> ``breach_1_date``;
        ``breaches[0]`` (an agreed record) -> ``records``."""
        found = row_field(path, "items", "item") or row_field(path, "breaches", "breach")
        if found is not None:
            return found
        if path.startswith("breaches["):
            return "records"
        return path

    def rows(self, data: dict[str, object]) -> list[dict[str, object]]:
        """The item rows filled (a code chosen, or a day or evidence given)."""
        return _filled(data, "item", self.item_count, {"code": "", "date": None, "evidence": ""})

    def breach_rows(self, data: dict[str, object]) -> list[dict[str, object]]:
        """The self-assessed breaches filled."""
        return _filled(data, "breach", self.breach_count, {"kind": "", "date": None})


def _filled(
    data: dict[str, object], prefix: str, count: int, blanks: dict[str, object]
) -> list[dict[str, object]]:
    """The rows `<prefix>_<index>_<name>` of a column form with anything given, each as {name:
    value}, a value not given as its blank in `blanks`."""
    found = []
    for index in range(count):
        row = {
            name: data.get(f"{prefix}_{index}_{name}") or blank for name, blank in blanks.items()
        }
        if any(row.values()):
            found.append(row)
    return found


class RefusalForm(forms.DomainErrorForm):
    """The refusal act (p.25)."""

    note = forms.CharField(
        label=_("refusal act"), widget=forms.Textarea, max_length=bounds.LONG_TEXT
    )


class ScheduleDraftForm(forms.DomainErrorForm):
    """HR draws up the year's moj-2017 schedule; the fourth quarter's cut-off is 30 November
    unless HR sets another (EDITIONS.md §9 M-4)."""

    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2099)
    q4_cutoff = forms.DateField(label=_("fourth quarter counted up to"), required=False)
