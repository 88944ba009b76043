"""An export read for a user: the access check (`access.require_export`), the tables
(`tables`), the heading of the file and the audit row of the download — the read is audited here,
never in a view (issue 14 item 2: each download is audited)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Model
from django.http import Http404
from django.utils.translation import gettext as _

from bagalau.audit.services import audit_log
from bagalau.commission.models import CommissionSession, SessionStatus
from bagalau.core import clock
from bagalau.evaluations.models import Period, PeriodKind, Schedule
from bagalau.exports import tables
from bagalau.exports.access import export_file_get_for, exports_for, require_export
from bagalau.exports.models import ExportFile
from bagalau.methodology import EvaluationModel, get_edition
from bagalau.org.models import Organisation, Servant
from bagalau.surveys.models import Campaign

if TYPE_CHECKING:
    from bagalau.core.types import User

#: Exports that hold results (seed 002 p.20): their files say they are confidential.
CONFIDENTIAL = {"results", "consequences", "calibration", "commission"}


@dataclass(frozen=True)
class Export:
    """A file to download: its name, the heading lines above each table, and the tables."""

    filename: str
    heading: list[str]
    tables: list[tables.Table]


def _period(organisation: Organisation, period_id: int) -> Period:
    period = (
        Period.objects.select_related("schedule")
        .filter(
            pk=period_id,
            schedule__organisation=organisation,
            kind__in=[PeriodKind.QUARTER, PeriodKind.ANNUAL],
        )
        .first()
    )
    if period is None:
        raise Http404("No such period.")
    return period


def sjc2023_year(schedule: Schedule) -> bool:
    """Whether the year runs under the sjc-2023 model, the one with the p.8 lists (bonus,
    training, unsatisfactory: seed 002 p.8) and calibration sessions (p.37-41): the
    typical-2018 and moj-2017 editions decide through their commission and the register of
    decisions instead."""
    return get_edition(schedule.edition).model == EvaluationModel.SJC2023


def _heading(title: str, organisation: Organisation, code: str) -> list[str]:
    lines = [title, organisation.name, _("Made on %(day)s") % {"day": f"{clock.today():%d.%m.%Y}"}]
    if code in CONFIDENTIAL:
        lines.append(_("Confidential: evaluation results (p.15, p.20)."))
    return lines


def _audited(user: User, code: str, obj: Model, organisation: Organisation, what: str) -> None:
    audit_log(
        actor=user,
        action=f"export_{code}",
        obj=obj,
        summary=what,
        organisation=organisation,
    )


def period_export(
    *, user: User, organisation: Organisation | None, code: str, period_id: int
) -> Export:
    """The results or the p.8 lists of one period of the organisation."""
    if code not in ("results", "consequences"):
        raise Http404("No such export.")
    organisation = require_export(user, organisation, code)
    period = _period(organisation, period_id)
    if code == "consequences" and not sjc2023_year(period.schedule):
        raise Http404("No p.8 lists in this edition.")
    if code == "results":
        title = _("Results: %(period)s") % {"period": period}
        content = tables.results(user=user, period=period)
    else:
        title = _("Decisions on results (p.8), draft of an order: %(period)s") % {"period": period}
        content = tables.consequence_lists(user=user, period=period)
    if code == "results":  # the p.8 lists' selector audits its own read
        _audited(user, code, period, organisation, title)
    slug = f"{period.schedule.year}-" + ("year" if period.number is None else f"q{period.number}")
    return Export(f"{code}-{slug}.xlsx", _heading(title, organisation, code), content)


def calibration_export(*, user: User, organisation: Organisation | None, year: int) -> Export:
    """The calibration outcomes of a year of the organisation."""
    organisation = require_export(user, organisation, "calibration")
    schedule = Schedule.objects.filter(organisation=organisation, year=year).first()
    if schedule is None or not sjc2023_year(schedule):
        raise Http404("No such year of calibration sessions.")
    title = _("Calibration outcomes %(year)s") % {"year": year}
    content = tables.calibration_outcomes(organisation=organisation, year=year)
    _audited(user, "calibration", schedule, organisation, title)
    return Export(f"calibration-{year}.xlsx", _heading(title, organisation, "calibration"), content)


def survey360_export(*, user: User, organisation: Organisation | None, campaign_id: int) -> Export:
    """The progress of a 360 campaign of the organisation."""
    organisation = require_export(user, organisation, "survey360")
    campaign = tables.campaign_of(organisation, campaign_id)
    if campaign is None:
        raise Http404("No such campaign.")
    title = _("360 survey %(year)s: progress") % {"year": campaign.year}
    content = tables.survey360_progress(campaign=campaign)
    _audited(user, "survey360", campaign, organisation, title)
    return Export(
        f"360-progress-{campaign.year}.xlsx", _heading(title, organisation, "survey360"), content
    )


def _session(organisation: Organisation, session_id: int) -> CommissionSession:
    session = (
        CommissionSession.objects.filter(pk=session_id, organisation=organisation)
        .exclude(status__in=[SessionStatus.SCHEDULED, SessionStatus.ADJOURNED])
        .first()
    )
    if session is None:
        raise Http404("No such session.")
    return session


def commission_export(*, user: User, organisation: Organisation | None, session_id: int) -> Export:
    """A typical-2018 commission session's results with what followed (EDITIONS.md §2.2 G-I)."""
    organisation = require_export(user, organisation, "commission")
    session = _session(organisation, session_id)
    title = _("Commission session of %(date)s: results") % {"date": f"{session.date:%d.%m.%Y}"}
    content = tables.commission_results(session=session)
    _audited(user, "commission", session, organisation, title)
    return Export(
        f"commission-{session.date:%Y-%m-%d}-{session.pk}.xlsx",
        _heading(title, organisation, "commission"),
        content,
    )


def export_for(*, user: User, organisation: Organisation | None, code: str, target: int) -> Export:
    """The export `code` of `target` (a period for results and p.8 lists, a year for the
    calibration outcomes, a campaign for the 360 progress), read and audited as its download."""
    if code in ("results", "consequences"):
        return period_export(user=user, organisation=organisation, code=code, period_id=target)
    if code == "calibration":
        return calibration_export(user=user, organisation=organisation, year=target)
    if code == "survey360":
        return survey360_export(user=user, organisation=organisation, campaign_id=target)
    if code == "commission":
        return commission_export(user=user, organisation=organisation, session_id=target)
    raise Http404("No such export.")


def _target(organisation: Organisation, code: str, target: int) -> Model:
    """The period, the year's schedule or the campaign an export is of (Http404 when the
    organisation has none such)."""
    if code in ("results", "consequences"):
        return _period(organisation, target)
    if code == "calibration":
        schedule = Schedule.objects.filter(organisation=organisation, year=target).first()
        if schedule is None:
            raise Http404("No such year.")
        return schedule
    if code == "commission":
        return _session(organisation, target)
    campaign = tables.campaign_of(organisation, target)
    if campaign is None:
        raise Http404("No such campaign.")
    return campaign


def export_check(*, user: User, organisation: Organisation | None, code: str, target: int) -> None:
    """Whether `user` may take the export `code` of `target` (as `export_for`, reading and
    auditing nothing): PermissionDenied or Http404 when not."""
    _target(require_export(user, organisation, code), code, target)


def prepared_download(*, user: User, job_id: int) -> tuple[ExportFile, bytes]:
    """The prepared file of the job `job_id` and its bytes, for its requester while they may
    still take that export (`access.export_file_get_for`); audited like a direct download."""
    export_file = export_file_get_for(user=user, job_id=job_id)
    organisation = export_file.job.organisation
    target = _target(organisation, export_file.code, int(export_file.job.params["target"]))
    with export_file.file.open("rb") as stream:
        content = stream.read()
    _audited(
        user,
        export_file.code,
        target,
        organisation,
        _("%(file)s, prepared on %(day)s")
        % {"file": export_file.filename, "day": f"{export_file.created_at:%d.%m.%Y}"},
    )
    return export_file, content


def is_large(organisation: Organisation) -> bool:
    """Whether the organisation's exports are prepared as background jobs rather than downloaded
    at once: it has at least EXPORTS_LARGE_BODY servants (issue 14 item 3, "a large export")."""
    threshold = int(settings.EXPORTS_LARGE_BODY)
    return Servant.objects.filter(organisation=organisation).count() >= threshold


@dataclass(frozen=True)
class Catalogue:
    """What the exports page offers the user: the periods, years and campaigns, by export, and
    whether the files are prepared as jobs (a large body) or downloaded at once."""

    codes: list[str]
    periods: list[Period]
    years: list[int]
    campaigns: list[Campaign]
    sessions: list[CommissionSession] = field(default_factory=list)
    large: bool = False
    #: The periods whose p.8 lists can be exported (`sjc2023_year`).
    p8_periods: set[int] = field(default_factory=set)


def catalogue(*, user: User, organisation: Organisation | None) -> Catalogue:
    """The downloads `user` may take in `organisation` (nothing is read or audited here)."""
    codes = exports_for(user, organisation)
    if not codes or organisation is None:
        return Catalogue([], [], [], [])
    periods = list(
        Period.objects.filter(
            schedule__organisation=organisation, kind__in=[PeriodKind.QUARTER, PeriodKind.ANNUAL]
        )
        .select_related("schedule")
        .order_by("-schedule__year", "starts", "kind", "number")
    )
    sjc2023 = [period for period in periods if sjc2023_year(period.schedule)]
    years = sorted({period.schedule.year for period in sjc2023}, reverse=True)
    campaigns = list(Campaign.objects.filter(organisation=organisation).order_by("-year"))
    sessions = list(
        CommissionSession.objects.filter(organisation=organisation)
        .exclude(status__in=[SessionStatus.SCHEDULED, SessionStatus.ADJOURNED])
        .order_by("-date", "-pk")
    )
    p8_periods = {period.pk for period in sjc2023}
    return Catalogue(codes, periods, years, campaigns, sessions, is_large(organisation), p8_periods)
