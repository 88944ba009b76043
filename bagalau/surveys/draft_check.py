"""The draft's respondent lists that keep the survey from opening (seed 002 p.35): a list not
3-7 long, or without today's direct manager and no reason written (p.35 1)). HR's campaign
page and dashboard ask on every view; whatever the size of the apparatus (issue 12):

- the sizes are one count per list in SQL; the managers come from the structure around the
  evaluatees asked about, or for more than `AROUND_AT_MOST` from `managers_today` (the whole
  structure as values, remembered while its stamp is unchanged); the lists are checked against
  the respondents they name as the manager, and only those where today's manager is someone
  else are read whole;
- a campaign of more than `REMEMBER_FROM` evaluatees remembers its answer with a stamp of its
  lists (their number, ids and versions: every change to a list bumps its target's version)
  and of the structure: an unchanged campaign is answered from the stamps alone, and after HR
  changes a few lists only those are checked again. A check of every list is shared by the
  application's processes (`core.memo`; a few lists checked again stay in the process: each
  process brings the shared check up to date as cheaply), and worked out ahead of the first
  view by `draft_checks_refresh`: after the job that drafts the campaign, after every change
  of the structure (`org.signals.structure_changed`, in the background) and in the hourly
  periodic jobs (the day is part of the structure's stamp).

Opening the survey checks the rows themselves (`campaign_open`), never this memo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from django.db.models import Count, Q, QuerySet

from bagalau.core import clock
from bagalau.core.lean import plain_rows
from bagalau.core.memo import StampedMemo, rows_stamp
from bagalau.org.manager_ids import managers_today, structure_stamp
from bagalau.org.selectors import StructureIndex
from bagalau.surveys.models import Campaign, CampaignStatus, Invitation, Relation, Target
from bagalau.surveys.selectors import rules_for

#: Evaluatees the structure is loaded around; for more, the whole structure is (fewer queries).
AROUND_AT_MOST = 1000
#: Evaluatees from which a campaign remembers its check between views.
REMEMBER_FROM = 1000
#: Lists changed since the last check that are checked alone; for more, every list is.
RECHECK_AT_MOST = 1000


@dataclass(frozen=True)
class _Checked:
    structure: tuple[object, ...]
    versions: dict[int, int]
    wrong: frozenset[int]
    no_manager: frozenset[int]


_CHECKS: StampedMemo[_Checked] = StampedMemo(size=8, shared="surveys.draft_check")


def lists_to_fix(campaign: Campaign) -> tuple[set[int], set[int]]:
    """The draft's evaluatees (target ids) whose list is not 3-7 long, and those whose list
    lacks the direct manager without a written reason; nothing once the campaign is open."""
    if campaign.status != CampaignStatus.DRAFT:
        _CHECKS.forget(campaign.pk)
        return set(), set()
    targets = campaign.targets.order_by()
    lists = rows_stamp(targets)
    if (cast(int | None, lists[0]) or 0) <= REMEMBER_FROM:
        return _check(campaign, targets)
    today = clock.today()
    structure = structure_stamp(campaign.organisation, today)
    stamp = (campaign.created_at, lists, structure)
    kept = _CHECKS.get(campaign.pk, stamp)
    if kept is None:
        checked, whole = _again(campaign, targets, today, structure)
        kept = _CHECKS.put(campaign.pk, stamp, checked, share=whole)
    return set(kept.wrong), set(kept.no_manager)


def draft_checks_refresh(*, organisation_id: int | None = None) -> str:
    """Work out ahead of the pages the check of every draft (of the organisation, or all) that
    remembers it, unless it is up to date (issue 12 item 3: the first view of a large draft
    takes a second otherwise)."""
    drafts = Campaign.objects.filter(status=CampaignStatus.DRAFT).select_related("organisation")
    if organisation_id is not None:
        drafts = drafts.filter(organisation_id=organisation_id)
    checked = 0
    for campaign in drafts.annotate(n=Count("targets")).filter(n__gt=REMEMBER_FROM).order_by("pk"):
        lists_to_fix(campaign)
        checked += 1
    return f"{checked} large 360 drafts checked"


def _again(
    campaign: Campaign, targets: QuerySet[Target], today: dt.date, structure: tuple[object, ...]
) -> tuple[_Checked, bool]:
    """The check of a large campaign: of the lists changed since the last one under the same
    structure when they are few, else of every list (then True)."""
    versions = _versions(targets)
    latest = _CHECKS.latest(campaign.pk)
    earlier = latest[1] if latest is not None else None
    if earlier is not None and earlier.structure == structure:
        changed = [pk for pk, _version in versions.items() - earlier.versions.items()]
        if len(changed) <= RECHECK_AT_MOST:
            kept = set(versions).difference(changed)
            # a few lists: their evaluatees' managers from the structure around them
            wrong, no_manager = _check(campaign, targets.filter(pk__in=changed))
            return _Checked(
                structure,
                versions,
                frozenset(wrong | (earlier.wrong & kept)),
                frozenset(no_manager | (earlier.no_manager & kept)),
            ), False
    managers = managers_today(campaign.organisation, today, stamp=structure)
    wrong, no_manager = _check(campaign, targets, managers)
    return _Checked(structure, versions, frozenset(wrong), frozenset(no_manager)), True


def _versions(targets: QuerySet[Target]) -> dict[int, int]:
    """Target id -> version, read as plain values (100,000 pairs on every check)."""
    return dict(plain_rows(targets.values_list("pk", "version")))


def _check(
    campaign: Campaign,
    targets: QuerySet[Target],
    managers: Mapping[int, int | None] | None = None,
) -> tuple[set[int], set[int]]:
    """The lists of `targets` to fix; `managers` (servant id to today's direct manager) when
    the caller has the whole structure's, else read around the evaluatees."""
    rules = rules_for(campaign)
    low, high = rules.survey.min_respondents, rules.survey.max_respondents
    counted = targets.annotate(n=Count("invitations__target_id"))
    wrong = set(counted.filter(Q(n__lt=low) | Q(n__gt=high)).values_list("pk", flat=True))
    unexplained = {
        pk: servant_id
        for pk, servant_id, reason in targets.values_list("pk", "servant_id", "no_manager_reason")
        if not reason.strip()
    }
    if not unexplained:
        return wrong, set()
    if managers is None:
        managers = _managers(campaign, unexplained)
    manager_of = {pk: managers.get(servant_id) for pk, servant_id in unexplained.items()}
    no_manager = {pk for pk, manager in manager_of.items() if manager is None}
    lists = Invitation.objects.filter(target__in=targets).order_by()
    named = set(lists.filter(relation=Relation.MANAGER).values_list("target_id", "respondent_id"))
    unsure = {pk for pk, manager in manager_of.items() if manager and (pk, manager) not in named}
    if unsure:
        if len(unsure) <= AROUND_AT_MOST:
            lists = lists.filter(target_id__in=sorted(unsure))
        asked = set(lists.values_list("target_id", "respondent_id"))
        no_manager |= {pk for pk in unsure if (pk, manager_of[pk]) not in asked}
    return wrong, no_manager


def _managers(campaign: Campaign, targets: dict[int, int]) -> Mapping[int, int | None]:
    """Today's direct manager of each servant of `targets` (target id to servant id), by
    servant id."""
    today = clock.today()
    if len(targets) > AROUND_AT_MOST:
        return managers_today(campaign.organisation, today)
    index = StructureIndex(campaign.organisation, today, around=targets.values())
    return {servant_id: index.manager_id_of(servant_id) for servant_id in targets.values()}
