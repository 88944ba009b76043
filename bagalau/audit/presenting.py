"""The audit log in the reader's language (issue 13 item 3).

Entries store codes and values (`action`, `object_type` "app.model", `changes` {field path: [old,
new]}); this module renders them when shown: the action's name, the object's kind (the model's
verbose name) and its current name with a link to its page, the person's name instead of the
login, field labels instead of paths ("kpis[0].score" -> "KPI 1 · score"), and old -> new in
words (a status as its label, yes/no, dates as dd.mm.yyyy). Nothing here is stored.

The apps tell the audit app where their objects' pages are (`register_links`, from their
AppConfig.ready(), like `register_organisation_paths`); the action names are the audit log's own
vocabulary (`ACTIONS`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from bagalau.audit.models import AuditEntry
from bagalau.audit.selectors import present_values
from bagalau.core.language import reader_language
from bagalau.methodology import EvaluationModel, all_editions, sjc2023_rules
from bagalau.methodology.labels import Label

N_ = gettext_lazy


#: The actions' names. An action not listed is shown by its generic family (`_FAMILIES`).
#: (In the "audit action" context: "signed" is a verb here, a field's name elsewhere.)
ACTIONS: dict[str, Any] = {
    "create": pgettext_lazy("audit action", "created"),
    "update": pgettext_lazy("audit action", "changed"),
    "delete": pgettext_lazy("audit action", "deleted"),
    "view": pgettext_lazy("audit action", "opened"),
    "download": pgettext_lazy("audit action", "downloaded"),
    "print_blank": pgettext_lazy("audit action", "printed a blank form"),
    "submit": pgettext_lazy("audit action", "submitted for approval"),
    "return": pgettext_lazy("audit action", "returned for correction"),
    "approve": pgettext_lazy("audit action", "approved"),
    "open": pgettext_lazy("audit action", "opened for evaluation"),
    "close": pgettext_lazy("audit action", "closed"),
    "post": pgettext_lazy("audit action", "posted"),
    "sign": pgettext_lazy("audit action", "signed"),
    "acknowledge": pgettext_lazy("audit action", "acknowledged the result"),
    "familiarised": pgettext_lazy("audit action", "result made known (p.11)"),
    "refusal_act": pgettext_lazy("audit action", "drew up a refusal act"),
    "finalize": pgettext_lazy("audit action", "made the result final"),
    "recompute": pgettext_lazy("audit action", "recomputed"),
    "annual_compute": pgettext_lazy("audit action", "computed the annual results"),
    "actuals": pgettext_lazy("audit action", "entered actual values"),
    "view_actuals": pgettext_lazy("audit action", "opened the actual values"),
    "paper_entry": pgettext_lazy("audit action", "entered a paper sheet"),
    "enter_paper": pgettext_lazy("audit action", "entered paper questionnaires"),
    "paper_returned": pgettext_lazy("audit action", "recorded a questionnaire returned on paper"),
    "send_to_hr": pgettext_lazy("audit action", "sent the work plan to HR"),
    "hr_agree": pgettext_lazy("audit action", "HR agreed the work plan"),
    "hr_return": pgettext_lazy("audit action", "HR returned the work plan"),
    "change": pgettext_lazy("audit action", "opened a change of the work plan"),
    "change_opened": pgettext_lazy("audit action", "opened a change of the work plan"),
    "change_approved": pgettext_lazy("audit action", "approved a change of the work plan"),
    "kpi_add": pgettext_lazy("audit action", "added a KPI"),
    "kpi_update": pgettext_lazy("audit action", "changed a KPI"),
    "kpi_remove": pgettext_lazy("audit action", "removed a KPI"),
    "managers": pgettext_lazy("audit action", "changed the managers"),
    "set_managers": pgettext_lazy("audit action", "set the evaluator and approver"),
    "evaluator": pgettext_lazy("audit action", "gave the evaluation to another evaluator"),
    "apply": pgettext_lazy("audit action", "applied for calibration"),
    "decide": pgettext_lazy("audit action", "ordered a calibration session"),
    "present": pgettext_lazy("audit action", "recorded the evaluator's presentation"),
    "vote": pgettext_lazy("audit action", "voted"),
    "new_round": pgettext_lazy("audit action", "started a new round of voting"),
    "close_round": pgettext_lazy("audit action", "closed the round of voting"),
    "adopt": pgettext_lazy("audit action", "adopted the final score"),
    "replace_participant": pgettext_lazy("audit action", "replaced a participant"),
    "record_feedback": pgettext_lazy("audit action", "recorded the feedback meeting"),
    "answer": pgettext_lazy("audit action", "answered"),
    "submit_self": pgettext_lazy("audit action", "submitted the self-assessment"),
    "appoint": pgettext_lazy("audit action", "appointed"),
    "transfer_out": pgettext_lazy("audit action", "transferred out"),
    "transfer_in": pgettext_lazy("audit action", "transferred in"),
    "dismiss": pgettext_lazy("audit action", "dismissed"),
    "grant": pgettext_lazy("audit action", "granted a role"),
    "revoke": pgettext_lazy("audit action", "revoked a role"),
    "grant_login": pgettext_lazy("audit action", "gave a login"),
    "password_reset": pgettext_lazy("audit action", "reset the password"),
    "dispose": pgettext_lazy("audit action", "disposed of documents"),
    "import_structure": pgettext_lazy("audit action", "imported the structure"),
    "view_calibration": pgettext_lazy("audit action", "opened the result in calibration"),
    "view_training": pgettext_lazy("audit action", "opened the training needs"),
    "view_analytics": pgettext_lazy("audit action", "opened the rating analytics"),
    "print_analytics": pgettext_lazy("audit action", "printed the rating analytics"),
    "export_results": pgettext_lazy("audit action", "downloaded the results"),
    "export_consequences": pgettext_lazy("audit action", "downloaded the decisions lists"),
    "export_calibration": pgettext_lazy("audit action", "downloaded the calibration outcomes"),
    "export_survey360": pgettext_lazy("audit action", "downloaded the 360 progress"),
    # typical-2018 and moj-2017 (EDITIONS.md §2-3): their sheets, plans and the commission
    "fill": pgettext_lazy("audit action", "filled in the sheet"),
    "edit": pgettext_lazy("audit action", "edited"),
    "agree": pgettext_lazy("audit action", "agreed the sheet"),
    "send": pgettext_lazy("audit action", "sent the sheet to the commission"),
    "self_assess": pgettext_lazy("audit action", "filled in the self-assessment"),
    "confirm": pgettext_lazy("audit action", "confirmed the sheet"),
    "compute": pgettext_lazy("audit action", "computed the result"),
    "record_refusal": pgettext_lazy("audit action", "recorded a refusal to sign"),
    "refuse": pgettext_lazy("audit action", "drew up a refusal act"),
    "to_commission": pgettext_lazy("audit action", "passed to the commission"),
    "notify": pgettext_lazy("audit action", "sent the notices of the evaluation"),
    "set_date": pgettext_lazy("audit action", "set the evaluation date"),
    "set_dates": pgettext_lazy("audit action", "set the evaluation dates"),
    "record_consent": pgettext_lazy("audit action", "recorded the chair's consent"),
    "sign_servant": pgettext_lazy("audit action", "signed the work plan as the servant"),
    "sign_manager": pgettext_lazy("audit action", "signed the work plan as the manager"),
    "submit_to_superior": pgettext_lazy("audit action", "submitted the work plan for approval"),
    "approve_typical": pgettext_lazy("audit action", "approved the work plan"),
    "return_typical": pgettext_lazy("audit action", "returned the work plan for correction"),
    "recommend": pgettext_lazy("audit action", "wrote recommendations"),
    "amend": pgettext_lazy("audit action", "reopened the work plan for changes"),
    "attendance": pgettext_lazy("audit action", "recorded the attendance"),
    "hold": pgettext_lazy("audit action", "held the session"),
    "adjourn": pgettext_lazy("audit action", "adjourned the session"),
    "motion": pgettext_lazy("audit action", "put a motion to the vote"),
    "conclude": pgettext_lazy("audit action", "recorded the conclusion"),
    "close_protocol": pgettext_lazy("audit action", "completed the protocol's signatures"),
    "reconsider": pgettext_lazy("audit action", "reconsidered the result"),
    "appeal": pgettext_lazy("audit action", "recorded an appeal"),
    "refer": pgettext_lazy("audit action", "referred to training"),
    "complete": pgettext_lazy("audit action", "recorded the training as completed"),
}
#: Families of actions by prefix, for a code the table does not name.
_FAMILIES = (
    ("view", pgettext_lazy("audit action", "opened")),
    ("print", pgettext_lazy("audit action", "printed")),
    ("export", pgettext_lazy("audit action", "downloaded")),
    ("import", pgettext_lazy("audit action", "imported")),
    ("pdf", pgettext_lazy("audit action", "printed")),
)

# Where each model's page is: model label -> URL name taking the object's id.
_LINKS: dict[str, str] = {}


def register_links(app_label: str, links: Mapping[str, str]) -> None:
    """Declare the page of the app's models ({model name: URL name taking the id}), for the
    links of the audit log."""
    for model, url_name in links.items():
        _LINKS[f"{app_label}.{model}".lower()] = url_name


def action_label(code: str) -> str:
    """An action code in words, in the active language."""
    if code in ACTIONS:
        return str(ACTIONS[code])
    for prefix, label in _FAMILIES:
        if code.startswith(prefix):
            return str(label)
    return _("other action")


def kind_label(object_type: str) -> str:
    """An "app.model" label as the model's name in the active language."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return _("record")
    return str(model._meta.verbose_name)


_PATH = re.compile(r"^(?P<root>[a-z_]+)(\[(?P<index>\d+)\])?(\.(?P<leaf>[a-z_0-9]+))?$")
#: Labels of the roots of field paths that are not model fields.
_ROOTS = {
    "kpis": N_("KPI %(number)s"),
    "scores": N_("score"),
    "justifications": N_("reasons"),
    "quarters": N_("quarters"),
    "waiting": N_("waiting for"),
    "self_assessment": N_("self-assessment"),
}


@cache
def _parameter_labels() -> dict[str, Label]:
    """The differentiation parameters' names (App. 4) of every edition that has them."""
    labels: dict[str, Label] = {}
    for edition in all_editions():
        if edition.model == EvaluationModel.SJC2023:
            for parameter in sjc2023_rules(edition).differentiation.parameters:
                labels.setdefault(parameter.code, parameter.label)
    return labels


def _leaf(root: str, leaf: str) -> str:
    if root in ("scores", "justifications") and leaf in _parameter_labels():
        return _parameter_labels()[leaf].get(reader_language())
    return leaf.replace("_", " ")


def _field_label(model: type[models.Model] | None, name: str) -> str:
    if model is not None:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            pass
        else:
            return str(getattr(field, "verbose_name", name))
    return name.replace("_", " ")


def field_label(object_type: str, path: str) -> str:
    """A change's field path in words: a model field's verbose name, "KPI 2 · score" for
    "kpis[1].score", "score · quality" for "scores.quality"."""
    try:
        model: type[models.Model] | None = apps.get_model(object_type)
    except (LookupError, ValueError):
        model = None
    found = _PATH.match(path)
    if found is None:
        return path
    root, index, leaf = found["root"], found["index"], found["leaf"]
    if root in _ROOTS:
        head = str(_ROOTS[root])
        if "%(number)s" in head:
            head = head % {"number": int(index or 0) + 1}
        return f"{head} · {_leaf(root, leaf)}" if leaf else head
    return _field_label(model, root) + (f" · {_leaf(root, leaf)}" if leaf else "")


def value_text(object_type: str, path: str, value: Any) -> str:
    """An old or new value in words: a choice as its label, yes/no, a date as dd.mm.yyyy."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    try:
        model = apps.get_model(object_type)
        field = model._meta.get_field(path)
    except (LookupError, ValueError, FieldDoesNotExist):
        field = None
    choices = dict(getattr(field, "flatchoices", None) or ())
    if choices and value in choices:
        return str(choices[value])
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value).strftime("%d.%m.%Y")
    if isinstance(value, str) and re.fullmatch(
        r"\d{4}-\d{2}-\d{2}[ T][\d:.]+([+-]\d{2}:\d{2})?", value
    ):
        moment = dt.datetime.fromisoformat(value.replace(" ", "T"))
        return moment.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, list | dict):
        return ", ".join(str(item) for item in value) if isinstance(value, list) else str(value)
    return str(value)


@dataclass(frozen=True)
class Change:
    """One field's old and new value, in words."""

    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Row:
    """One entry as the log page shows it."""

    entry: AuditEntry
    actor: str
    action: str
    kind: str
    name: str
    url: str
    changes: list[Change]


def _names(user_ids: set[int]) -> dict[int, str]:
    """Each user's name: the servant's full name, else the account's full name, else login."""
    names: dict[int, str] = {}
    servant_model = apps.get_model("org", "Servant")
    for servant in servant_model.objects.filter(user_id__in=user_ids):
        names[servant.user_id] = servant.full_name
    for user in get_user_model().objects.filter(pk__in=user_ids - set(names)):
        names[user.pk] = user.get_full_name() or user.get_username()
    return names


def _objects(entries: Sequence[AuditEntry]) -> dict[tuple[str, str], models.Model]:
    """The entries' objects, one query per kind, each with the rows its required foreign keys
    lead to (an evaluation's name reads its servant and its period's year), so naming fifty
    objects costs no more queries than naming one."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        wanted[entry.object_type].add(entry.object_id)
    found: dict[tuple[str, str], models.Model] = {}
    for object_type, ids in wanted.items():
        try:
            model = apps.get_model(object_type)
        except (LookupError, ValueError):
            continue
        keys = [key for key in ids if key.isdigit()]
        for obj in model._default_manager.filter(pk__in=keys).select_related():
            found[(object_type, str(obj.pk))] = obj
    return found


def _url(object_type: str, object_id: str) -> str:
    url_name = _LINKS.get(object_type)
    if not url_name or not object_id.isdigit():
        return ""
    try:
        return reverse(url_name, args=[int(object_id)])
    except NoReverseMatch:
        return ""


def entry_rows(entries: Iterable[AuditEntry]) -> list[Row]:
    """The entries in words, with a constant number of queries per page (one per kind of
    object, two for the people)."""
    listed = list(entries)
    names = _names({entry.actor_id for entry in listed if entry.actor_id is not None})
    objects = _objects(listed)
    rows = []
    for entry in listed:
        obj = objects.get((entry.object_type, entry.object_id))
        changes = [
            Change(
                field_label(entry.object_type, path),
                value_text(entry.object_type, path, values[0] if values else None),
                value_text(entry.object_type, path, values[1] if len(values) > 1 else None),
            )
            for path, values in (entry.changes or {}).items()
            if path != "version"
        ]
        rows.append(
            Row(
                entry=entry,
                actor=names.get(entry.actor_id, "—") if entry.actor_id else _("the system"),
                action=action_label(entry.action),
                kind=kind_label(entry.object_type),
                name=str(obj) if obj is not None else entry.summary,
                url=_url(entry.object_type, entry.object_id) if obj is not None else "",
                changes=changes,
            )
        )
    return rows


def filter_choices(organisation_id: int) -> dict[str, list[tuple[str, str]]]:
    """The filter form's options in words, (value, label) for the people, actions and kinds
    present in the organisation's entries (`present_values`: one index probe per value, whatever
    the log's length)."""
    codes = set(present_values(organisation_id, "action"))
    labels = set(present_values(organisation_id, "object_type"))
    user_ids = set(present_values(organisation_id, "actor_id"))
    names = _names(user_ids)
    logins = dict(get_user_model().objects.filter(pk__in=user_ids).values_list("pk", "username"))
    people = sorted(
        ((logins[pk], names[pk]) for pk in user_ids if pk in logins), key=lambda p: p[1]
    )
    return {
        "people": people,
        "actions": sorted(((c, action_label(c)) for c in codes), key=lambda p: p[1].casefold()),
        "kinds": sorted(((k, kind_label(k)) for k in labels), key=lambda p: p[1].casefold()),
    }
