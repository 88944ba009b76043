"""The 360 survey (seed 002 p.33-36, App. 5-8; SPEC §4.6): HR's campaign (lists, opening,
closing with the count of the sealed ballots, feedback) and reminders. The respondents' services
are in `answering`, HR's paper entry in `paper`, the drafting of a campaign in
`services_campaign`; all are re-exported here.

Anonymity decisions (see models.py and docs/threat-model-360.md):
- A submission writes the completion flag and DATE of the invitation, then, in another
  transaction, a sealed ballot of the target (`answering`, `ballots`). Totals exist only after
  the campaign closes (`campaign_close`), for reports that may be released.
- Submissions are NOT written to the audit log. An audit row is (actor, object,
  time): for a submission it would either name the target (who answered about whom, and when —
  exactly what must not be kept) or, without the target, only repeat the completion the
  invitation already records, adding a precise time that could be matched against the totals.
  The self-assessment is the servant's own and is audited (without its answers).
- List changes are audited by count (old and new number of respondents), never by name, so the
  audit log holds no (respondent, target) pair. Report and training-needs reads are audited.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log, audited_update
from bagalau.core import clock
from bagalau.core.bulk import few_collections
from bagalau.core.concurrency import check_version
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.core.links import pk_links
from bagalau.core.types import account
from bagalau.core.workflow import Workflow
from bagalau.evaluations.models import Period, PeriodStatus
from bagalau.notifications.services import Note, notify, notify_many
from bagalau.org.manager_ids import ManagerIds
from bagalau.org.models import Servant
from bagalau.org.selectors import hr_users
from bagalau.surveys.access import campaign_get_for, target_get_for
from bagalau.surveys.aggregation import campaign_count_ballots
from bagalau.surveys.answering import invitation_submit, self_save_draft, self_submit
from bagalau.surveys.answers import lock_campaign, parse_answers
from bagalau.surveys.closed_figures import closed_figures_write
from bagalau.surveys.models import (
    Campaign,
    Invitation,
    RunningTally,
    SelfAssessment,
    Target,
)
from bagalau.surveys.paper import target_enter_paper, target_mark_paper_returns
from bagalau.surveys.reminders import survey360_send_reminders
from bagalau.surveys.respondents import (
    in_post,
    lacks_manager,
    manager_reason,
    missing_manager,
    relation_of,
)
from bagalau.surveys.selectors import (
    campaign_url,
    legal_deadline,
    released_targets,
    rules_for,
)
from bagalau.surveys.services_campaign import BATCH, check_deadline
from bagalau.surveys.services_campaign import CampaignDraft as CampaignDraft
from bagalau.surveys.services_campaign import campaign_create as campaign_create
from bagalau.surveys.services_campaign import campaign_create_check as campaign_create_check
from bagalau.surveys.services_campaign import require_hr as require_hr
from bagalau.surveys.workflow import CAMPAIGN_FLOW, TARGET_FLOW

if TYPE_CHECKING:
    from bagalau.core.types import User


# --- helpers -------------------------------------------------------------------------------------


_lock_campaign = lock_campaign


# One whole sentence per refused action, so each translates as a sentence.
_STATUS_ERRORS = {
    "deadline": N_("The 360 survey for %(year)s is %(status)s: its deadline cannot be changed."),
    "respondents": N_(
        "The 360 survey for %(year)s is %(status)s: the respondents cannot be changed."
    ),
    "remove": N_("The 360 survey for %(year)s is %(status)s: no evaluatee can be removed."),
    "open": N_("The 360 survey for %(year)s is %(status)s: it cannot be opened."),
    "close": N_("The 360 survey for %(year)s is %(status)s: it cannot be closed."),
}


def _require(flow: Workflow, action: str, campaign: Campaign) -> None:
    """Refuse what the campaign's or the evaluatee's table does not open in the campaign's
    status (`bagalau.surveys.workflow`), in the action's own sentence."""
    if not flow.is_open(action, campaign.status):
        raise DomainError(
            "status",
            _STATUS_ERRORS[action],
            year=campaign.year,
            status=campaign.get_status_display(),
        )


def _campaign_locked(actor: User, campaign_id: int, action: str) -> Campaign:
    """The campaign, visible to `actor` (else Http404) and locked, whose status opens `action`."""
    campaign_get_for(user=actor, id=campaign_id)
    campaign = _lock_campaign(campaign_id)
    _require(CAMPAIGN_FLOW, action, campaign)
    return campaign


# --- the campaign (HR) ---------------------------------------------------------------------------


def campaign_set_deadline(*, actor: User, campaign_id: int, deadline: dt.date) -> Campaign:
    """HR moves the deadline (draft or open), never past the legal one nor into the past."""
    with transaction.atomic():
        campaign = _campaign_locked(actor, campaign_id, "deadline")
        check_deadline(campaign.year, legal_deadline(campaign), deadline, clock.today())
        audited_update(actor=actor, obj=campaign, deadline=deadline)
    return campaign


def target_set_respondents(
    *,
    actor: User,
    target_id: int,
    respondent_ids: Sequence[int],
    version: int | None = None,
    no_manager_reason: str | None = None,
) -> Target:
    """HR sets who answers about a servant: 3 to 7 servants of the organisation in post, each
    once, never the servant (p.35). The direct manager is on the list (p.35 1)), or HR writes
    why not (`no_manager_reason`; None keeps the reason already written). While the campaign is
    open respondents may only be added (removing one could tell HR whether that person had
    answered)."""
    with transaction.atomic():
        found = target_get_for(user=actor, id=target_id)
        campaign = _lock_campaign(found.campaign_id)
        target = (
            Target.objects.select_for_update(of=("self",))
            .select_related("servant")
            .get(pk=found.pk)
        )
        check_version(
            target,
            version,
            N_("Someone changed the respondents of %(servant)s meanwhile; reload the list."),
            servant=target.servant.full_name,
        )
        _require(TARGET_FLOW, "respondents", campaign)
        rules = rules_for(campaign)
        low, high = rules.survey.min_respondents, rules.survey.max_respondents
        ids = [int(pk) for pk in respondent_ids]
        if len(set(ids)) != len(ids):
            raise DomainError("respondents", N_("A respondent is listed twice."))
        if target.servant_id in ids:
            raise DomainError(
                "respondents",
                N_(
                    "%(servant)s cannot answer about themselves here: the self-assessment is "
                    "separate (p.35)."
                ),
                servant=target.servant.full_name,
            )
        if not low <= len(ids) <= high:
            raise DomainError(
                "respondents",
                N_("A servant needs from %(min)s to %(max)s respondents (p.35), not %(count)s."),
                min=low,
                max=high,
                count=len(ids),
            )
        today = clock.today()
        people = {s.pk: s for s in Servant.objects.filter(pk__in=ids)}
        for pk in ids:
            person = people.get(pk)
            if person is None or not in_post(person, campaign.organisation, today):
                raise DomainError(
                    "respondents",
                    N_("Respondent %(id)s is not a servant of the organisation in post."),
                    id=pk,
                )
        reason = manager_reason(target, ids, no_manager_reason, today)
        current = {
            i.respondent_id: i for i in Invitation.objects.filter(target=target).order_by("pk")
        }
        removed = [pk for pk in current if pk not in people]
        added = [pk for pk in ids if pk not in current]
        if removed and not TARGET_FLOW.is_open("unlist", campaign.status):
            raise DomainError(
                "respondents",
                N_(
                    "While the survey is open respondents can only be added: removing one "
                    "could reveal whether they answered."
                ),
            )
        if not removed and not added and reason == target.no_manager_reason:
            return target
        Invitation.objects.filter(target=target, respondent_id__in=removed).delete()
        Invitation.objects.bulk_create(
            Invitation(
                target=target,
                respondent=people[pk],
                relation=relation_of(target, people[pk], today),
            )
            for pk in added
        )
        Target.objects.filter(pk=target.pk).update(
            no_manager_reason=reason, version=F("version") + 1
        )
        # only added while open (removing is refused above); a draft has no running count
        RunningTally.objects.filter(target=target).update(invited=F("invited") + len(added))
        changes: dict[str, tuple[Any, Any]] = {"respondents": (len(current), len(ids))}
        if reason != target.no_manager_reason:
            changes["no_manager_reason"] = (target.no_manager_reason, reason)
        target.version += 1
        target.no_manager_reason = reason
        audit_log(actor=actor, action="update", obj=target, changes=changes)
        if CAMPAIGN_FLOW.is_open("answer", campaign.status):
            for pk in added:
                notify(
                    recipient=people[pk],
                    kind="survey360_to_answer",
                    params={"year": campaign.year, "count": 1, "due": day_text(campaign.deadline)},
                    url=reverse("surveys:index"),
                    dedupe_key=f"survey360:{campaign.pk}:added:{target.pk}:{pk}",
                )
    return target


def target_remove(*, actor: User, target_id: int) -> Campaign:
    """HR takes a servant out of a draft campaign (long absence, no one to ask)."""
    with transaction.atomic():
        found = target_get_for(user=actor, id=target_id)
        campaign = _lock_campaign(found.campaign_id)
        _require(TARGET_FLOW, "remove", campaign)
        before = campaign.targets.count()
        name = found.servant.full_name
        Target.objects.filter(pk=found.pk).delete()
        audit_log(
            actor=actor,
            action="update",
            obj=campaign,
            summary=f"{campaign}: − {name}",
            changes={"evaluatees": (before, before - 1)},
        )
    return campaign


@few_collections()
def campaign_open(*, actor: User, campaign_id: int) -> Campaign:
    """HR opens the survey once every list has 3 to 7 respondents and the direct manager (or a
    written reason): the evaluator is fixed (the direct manager today), respondents and
    evaluatees are told."""
    with transaction.atomic():
        campaign = _campaign_locked(actor, campaign_id, "open")
        today = clock.today()
        check_deadline(campaign.year, legal_deadline(campaign), campaign.deadline, today)
        targets: list[Any] = list(
            campaign.targets.order_by("pk").values_list(
                "pk", "servant_id", "evaluator_id", "no_manager_reason", named=True
            )
        )
        if not targets:
            raise DomainError("targets", N_("The survey has nobody to evaluate."))
        asked: dict[int, list[int]] = defaultdict(list)
        for target_id, respondent_id in Invitation.objects.filter(
            target__campaign=campaign
        ).values_list("target_id", "respondent_id"):
            asked[target_id].append(respondent_id)
        index = ManagerIds(campaign.organisation, today)
        managers = {t.pk: index.manager_id_of(t.servant_id) for t in targets}
        del index  # the whole structure, let go before the writes
        _refuse_lists(campaign, targets, asked, managers)
        moved = [
            Target(pk=t.pk, evaluator_id=managers[t.pk])
            for t in targets
            if managers[t.pk] is not None and managers[t.pk] != t.evaluator_id
        ]
        Target.objects.bulk_update(moved, ["evaluator"], batch_size=BATCH)
        SelfAssessment.objects.bulk_create(
            (SelfAssessment(target_id=t.pk) for t in targets), batch_size=BATCH
        )
        RunningTally.objects.bulk_create(
            (RunningTally(target_id=t.pk, invited=len(asked[t.pk])) for t in targets),
            batch_size=BATCH,
        )
        before = _move(actor, campaign, "open")
        _audit_move(
            actor,
            campaign,
            "open",
            before,
            evaluatees=len(targets),
            questionnaires=sum(map(len, asked.values())),
        )
        _notify_opening(campaign)
    return campaign


def _refuse_lists(
    campaign: Campaign,
    targets: list[Any],
    asked: dict[int, list[int]],
    managers: dict[int, int | None],
) -> None:
    """The first list (by the evaluatee's name) not 3-7 long or lacking the direct manager
    without a reason refuses opening (p.35); the targets are rows of (pk, servant_id,
    evaluator_id, no_manager_reason), names read only for the lists refused."""
    rules = rules_for(campaign)
    low, high = rules.survey.min_respondents, rules.survey.max_respondents
    wrong = {t.pk for t in targets if not low <= len(asked[t.pk]) <= high}
    lacking = {
        t.pk
        for t in targets
        if t.pk not in wrong and lacks_manager(t.no_manager_reason, managers[t.pk], asked[t.pk])
    }
    if not wrong and not lacking:
        return
    refused = Target.objects.filter(pk__in=list(wrong | lacking)).values_list(
        "pk", "servant__last_name", "servant__first_name"
    )
    pk = min(refused, key=lambda row: (row[1], row[2], row[0]))[0]
    first = Target.objects.select_related("servant").get(pk=pk)
    if first.pk in wrong:
        raise DomainError(
            "respondents",
            N_(
                "%(servant)s has %(count)s respondents; every servant needs from "
                "%(min)s to %(max)s (p.35)."
            ),
            servant=first.servant.full_name,
            count=len(asked[first.pk]),
            min=low,
            max=high,
        )
    raise DomainError(
        "respondents",
        N_("The list of %(servant)s has no direct manager and no written reason (p.35)."),
        servant=first.servant.full_name,
    )


#: Who took the campaign along its table, and when.
_STAMPS = {"open": ("opened_by", "opened_at"), "close": ("closed_by", "closed_at")}


def _move(actor: User, campaign: Campaign, action: str) -> str:
    """Take the (locked) campaign along `CAMPAIGN_FLOW` by `action`, recording who and when,
    and the schedule's 360 line with it; the status it left."""
    before = campaign.status
    status = CAMPAIGN_FLOW.target(action, before)
    by, at = _STAMPS[action]
    now = clock.now()
    Campaign.objects.filter(pk=campaign.pk).update(status=status, **{by: actor, at: now})
    campaign.status = status
    setattr(campaign, by, account(actor))
    setattr(campaign, at, now)
    _period_status(actor, campaign, PeriodStatus.OPEN if action == "open" else PeriodStatus.CLOSED)
    return before


def _audit_move(actor: User, campaign: Campaign, action: str, before: str, **counts: int) -> None:
    """The audit row of a move by `_move`: the status it left and reached, and the counts the
    move came with."""
    audit_log(
        actor=actor,
        action=action,
        obj=campaign,
        changes={
            "status": (before, campaign.status),
            **{name: (None, count) for name, count in counts.items()},
        },
    )


def _period_status(actor: User, campaign: Campaign, status: str) -> None:
    """Keep the schedule's 360 line in step with the campaign."""
    if campaign.period_id is None:
        return
    period = Period.objects.select_for_update().get(pk=campaign.period_id)
    if period.status == status:
        return
    updates: dict[str, Any] = {"status": status}
    if status == PeriodStatus.OPEN and period.opened_at is None:
        updates["opened_at"] = clock.now()
    if status == PeriodStatus.CLOSED:
        updates["closed_at"] = clock.now()
    Period.objects.filter(pk=period.pk).update(**updates)
    audit_log(
        actor=actor,
        action="open" if status == PeriodStatus.OPEN else "close",
        obj=period,
        changes={"status": (period.status, status)},
    )


def _notify_opening(campaign: Campaign) -> None:
    due = day_text(campaign.deadline)
    url = reverse("surveys:index")
    per_respondent: dict[int, int] = {}
    for respondent_id in Invitation.objects.filter(target__campaign=campaign).values_list(
        "respondent_id", flat=True
    ):
        per_respondent[respondent_id] = per_respondent.get(respondent_id, 0) + 1
    respondents = Servant.objects.filter(pk__in=list(per_respondent)).select_related("user")
    notify_many(
        Note(
            recipient=servant,
            kind="survey360_to_answer",
            params={"year": campaign.year, "count": per_respondent[servant.pk], "due": due},
            url=url,
            dedupe_key=f"survey360:{campaign.pk}:to_answer:{servant.pk}",
        )
        for servant in respondents.order_by("pk").iterator(chunk_size=BATCH)
    )
    notify_many(
        Note(
            recipient=target.servant,
            kind="survey360_self",
            params={"year": campaign.year, "due": due},
            url=reverse("surveys:self", args=[target.pk]),
            dedupe_key=f"survey360:{campaign.pk}:self:{target.servant_id}",
        )
        for target in campaign.targets.select_related("servant__user")
        .order_by("pk")
        .iterator(chunk_size=BATCH)
    )


@few_collections()
def campaign_close(*, actor: User, campaign_id: int) -> Campaign:
    """HR closes the survey after its deadline (or earlier once every questionnaire is in) and
    every paper questionnaire returned is entered: the sealed ballots are opened, added up and
    deleted (`aggregation`), reports with at least 3 responses are released, the rest withheld;
    evaluatees, evaluators and HR are told."""
    with transaction.atomic():
        campaign = _campaign_locked(actor, campaign_id, "close")
        today = clock.today()
        if today <= campaign.deadline:
            pending = (
                Invitation.objects.filter(target__campaign=campaign, completed=False).exists()
                or SelfAssessment.objects.filter(
                    target__campaign=campaign, submitted_on__isnull=True
                ).exists()
            )
            if pending:
                raise DomainError(
                    "status",
                    N_(
                        "The survey runs until %(deadline)s; it can close earlier only when "
                        "every questionnaire is answered."
                    ),
                    deadline=day_text(campaign.deadline),
                )
        awaiting = campaign.targets.filter(paper_pending__gt=0).count()
        if awaiting:
            raise DomainError(
                "status",
                N_(
                    "Paper questionnaires returned for %(count)s evaluatees are not entered yet: "
                    "enter them before closing."
                ),
                count=awaiting,
            )
        # Unsubmitted self-assessment drafts never outlive the campaign.
        SelfAssessment.objects.filter(target__campaign=campaign, submitted_on__isnull=True).update(
            answers={}
        )
        campaign_count_ballots(campaign)
        before = _move(actor, campaign, "close")
        closed_figures_write(campaign)
        released = released_targets(campaign)
        total = campaign.targets.count()
        _audit_move(
            actor, campaign, "close", before, released=len(released), withheld=total - len(released)
        )
        notify_many(_report_notes(campaign, released))
        for user in hr_users(campaign.organisation):
            notify(
                recipient=user,
                kind="survey360_closed",
                params={
                    "year": campaign.year,
                    "released": len(released),
                    "withheld": total - len(released),
                },
                url=campaign_url(campaign),
                dedupe_key=f"survey360:{campaign.pk}:closed",
            )
    return campaign


#: What a notice needs of a servant told: the name it gives and the user and address it goes to.
NOTIFIED = ("", "__last_name", "__first_name", "__patronymic", "__user", "__user__email")


def _report_notes(campaign: Campaign, released: set[int]) -> Iterator[Note]:
    """The released reports' notices: the evaluatee and the evaluator (p.36)."""
    rows = (
        campaign.targets.filter(pk__in=released)
        .select_related("servant__user", "evaluator__user")
        .only(
            "campaign", *(f"{who}{name}" for who in ("servant", "evaluator") for name in NOTIFIED)
        )
    )
    report_url = pk_links("surveys:report")
    for target in rows.order_by("pk").iterator(chunk_size=2000):  # streamed: one batch held
        url = report_url(target.pk)
        yield Note(
            recipient=target.servant,
            kind="survey360_report_ready",
            params={"year": campaign.year},
            url=url,
            dedupe_key=f"survey360:{campaign.pk}:report:{target.pk}",
        )
        if target.evaluator is not None:
            yield Note(
                recipient=target.evaluator,
                kind="survey360_report_to_read",
                params={"servant": target.servant.full_name, "year": campaign.year},
                url=url,
                dedupe_key=f"survey360:{campaign.pk}:report_to_read:{target.pk}",
            )


def target_record_feedback(
    *,
    actor: User,
    target_id: int,
    given_on: dt.date,
    note: str = "",
    version: int | None = None,
) -> Target:
    """HR records that the feedback on the 360 results was given (p.36), after the survey
    closed and not in the future."""
    with transaction.atomic():
        found = target_get_for(user=actor, id=target_id)
        target = (
            Target.objects.select_for_update(of=("self",))
            .select_related("campaign", "servant")
            .get(pk=found.pk)
        )
        campaign = target.campaign
        check_version(
            target, version, N_("Someone changed this record meanwhile; reload the page.")
        )
        if not TARGET_FLOW.is_open("feedback", campaign.status) or campaign.closed_at is None:
            raise DomainError(
                "given_on", N_("Feedback is recorded once the survey is closed and reported.")
            )
        if target.pk not in released_targets(campaign):
            raise DomainError(
                "given_on",
                N_("The report of %(servant)s is withheld: there are no results to discuss."),
                servant=target.servant.full_name,
            )
        closed_on = timezone.localdate(campaign.closed_at)
        today = clock.today()
        if given_on > today:
            raise DomainError("given_on", N_("The feedback date cannot be in the future."))
        if given_on < closed_on:
            raise DomainError(
                "given_on",
                N_("The feedback comes after the survey closed (%(closed)s)."),
                closed=day_text(closed_on),
            )
        note = note.strip()
        old = (target.feedback_given_on, target.feedback_note)
        Target.objects.filter(pk=target.pk).update(
            feedback_given_on=given_on,
            feedback_note=note,
            feedback_recorded_by=actor,
            version=F("version") + 1,
        )
        target.feedback_given_on, target.feedback_note = given_on, note
        target.feedback_recorded_by, target.version = account(actor), target.version + 1
        audit_log(
            actor=actor,
            action="record_feedback",
            obj=target,
            changes={
                "feedback_given_on": (old[0], given_on),
                "feedback_note": (old[1], note),
            },
        )
    return target


__all__ = [
    "campaign_close",
    "campaign_create",
    "campaign_open",
    "campaign_set_deadline",
    "invitation_submit",
    "missing_manager",
    "parse_answers",
    "self_save_draft",
    "self_submit",
    "survey360_send_reminders",
    "target_enter_paper",
    "target_mark_paper_returns",
    "target_record_feedback",
    "target_remove",
    "target_set_respondents",
]
