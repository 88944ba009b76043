"""Informing the agency of the decision taken on a moj-2017 appeal (seed 001 p.39; EDITIONS.md
§5.2 F2, §9.4 M-12): "Қабылданған шешім туралы ақпарат мемлекеттік орган екі апта ішінде …
уәкілетті органға … береді". Once HR records the agency's communication about the appeal, or its
own decision on it (the appeal's outcome), a task "inform the agency of the decision taken" is due
14 calendar days from that day; HR records the information sent. A late one is recorded and shown
late, never refused (G-1)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.calibration.models import Appeal
from bagalau.commission.access import result_parts
from bagalau.commission.models import AgencyReport
from bagalau.commission.selectors import results_visible_to
from bagalau.commission.services.common import past_date, require_not_before
from bagalau.core import bounds
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.methodology import MethodologyError, get_edition, moj2017_rules
from bagalau.methodology.moj2017_workflow import agency_report_due

if TYPE_CHECKING:
    from bagalau.core.types import User


def agency_report_open(*, actor: User, appeal: Appeal) -> AgencyReport:
    """The task opened when HR records the outcome of the appeal (inside that service's
    transaction): due 14 calendar days after the outcome's day (M-12)."""
    assert appeal.outcome_on is not None
    rules = moj2017_rules(get_edition(appeal.evaluation.edition))
    try:
        due = agency_report_due(rules, appeal.outcome_on)
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error
    report = AgencyReport.objects.create(appeal=appeal, due=due)
    audit_log(
        actor=actor,
        action="create",
        obj=report,
        changes={"due": (None, due), "recorded_on": (None, appeal.outcome_on)},
    )
    return report


def agency_report_record(
    *, actor: User, report_id: int, sent_on: dt.date | None, reference: str = ""
) -> AgencyReport:
    """HR records that the body informed the agency of the decision taken (p.39): the day it was
    sent, on or after the outcome it answers, and the letter's reference."""
    with transaction.atomic():
        found = AgencyReport.objects.filter(pk=report_id).values_list(
            "appeal__evaluation_id", flat=True
        )
        evaluation_id = found.first()
        visible = (
            results_visible_to(actor).filter(pk=evaluation_id).first()
            if evaluation_id is not None
            else None
        )
        if visible is None:
            raise Http404("No such task.")
        if "hr" not in result_parts(actor, visible):
            raise PermissionDenied("The HR service informs the agency.")
        report = (
            AgencyReport.objects.select_for_update(of=("self",))
            .select_related("appeal")
            .get(pk=report_id)
        )
        if report.sent_on is not None:
            raise DomainError("sent_on", N_("The agency has been informed of this decision."))
        day = past_date(sent_on, "sent_on", message=N_("Give the date the information was sent."))
        outcome_on = report.appeal.outcome_on
        require_not_before(
            "sent_on",
            day,
            outcome_on,
            N_("The outcome was recorded on %(date)s: the information follows it."),
        )
        reference = bounds.bounded_text(reference, "reference", bounds.TITLE)
        report.sent_on, report.reference = day, reference
        report.recorded_by = account(actor)
        report.save(update_fields=["sent_on", "reference", "recorded_by"])
        audit_log(
            actor=actor,
            action="update",
            obj=report,
            changes={
                "sent_on": (None, day),
                "reference": ("", reference),
                "due": (None, report.due),
            },
        )
    return report
