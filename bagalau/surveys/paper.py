"""The 360 survey on paper (seed 002 p.33: "техникалық мүмкіндік болмаған жағдайда бағалау қағаз
тасымалдағышта жүргізіледі"), without a link between a respondent and the answers:

1. HR prints the blank App. 5/6 form for an evaluatee (`paper_forms`): the evaluatee's name, no
   respondent's name. Each respondent returns it in a closed envelope.
2. HR marks who returned one (`target_mark_paper_returns`): those invitations become "completed
   on paper" (a date, no answers), and the target counts the envelopes awaiting entry.
3. HR opens the target's envelopes together, mixes them, and types every questionnaire of the
   batch in one go, in any order (`target_enter_paper`): each becomes a sealed ballot marked
   "paper" inside the seal; the ballots of the target are rewritten as for a web submission. The
   batch must hold exactly the questionnaires awaiting entry, so a batch cannot be one person's
   unless only one person returned paper. The batch's scan, when HR has one, is sealed like the
   ballots (`SCAN_TYPES`, at most `SCAN_MAX_BYTES`).

The same parsing and rules as the web questionnaire apply (`answers`). HR sees the paper: the
residual risk is stated in docs/threat-model-360.md.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.surveys import ballots
from bagalau.surveys.access import target_get_for
from bagalau.surveys.answers import complete_answers, lock_campaign
from bagalau.surveys.models import Invitation, PaperBatch, RunningTally, Target
from bagalau.surveys.selectors import survey_form
from bagalau.surveys.workflow import TARGET_FLOW

if TYPE_CHECKING:
    from bagalau.core.types import User


#: Accepted scans: the first bytes of the file, and the type it is served back as.
SCAN_TYPES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}
SCAN_MAX_BYTES = 20 * 1024 * 1024


def scan_root() -> Path:
    """Where sealed scans are kept: private, outside the served media (setting
    SURVEY_SCAN_ROOT, default var/private/survey-scans)."""
    default = Path(settings.MEDIA_ROOT).parent / "private" / "survey-scans"
    return Path(getattr(settings, "SURVEY_SCAN_ROOT", default))


def _open_campaign(target: Target) -> None:
    campaign = lock_campaign(target.campaign_id)
    if not TARGET_FLOW.is_open("paper", campaign.status):
        raise DomainError(
            "status",
            N_(
                "Paper questionnaires are recorded while the 360 survey is open (it is %(status)s)."
            ),
            status=campaign.get_status_display(),
        )


def target_mark_paper_returns(
    *, actor: User, target_id: int, respondent_ids: Sequence[int]
) -> Target:
    """HR records who returned a paper questionnaire about the target (sealed envelopes): their
    questionnaires are completed on paper today. Allowed until the survey closes (HR types the
    envelopes collected by the deadline)."""
    with transaction.atomic():
        found = target_get_for(user=actor, id=target_id)
        _open_campaign(found)
        target = Target.objects.select_for_update(of=("self",)).get(pk=found.pk)
        ids = sorted({int(pk) for pk in respondent_ids})
        if not ids:
            raise DomainError("respondents", N_("Choose who returned a paper questionnaire."))
        invitations = list(
            Invitation.objects.select_for_update().filter(target=target, respondent_id__in=ids)
        )
        if len(invitations) != len(ids):
            raise DomainError(
                "respondents", N_("Only the respondents on this evaluatee's list can be chosen.")
            )
        if any(invitation.completed for invitation in invitations):
            raise DomainError(
                "respondents",
                N_("A chosen respondent has already answered; a questionnaire counts once."),
            )
        today = clock.today()
        Invitation.objects.filter(pk__in=[i.pk for i in invitations]).update(
            completed=True, completed_on=today, on_paper=True
        )
        Target.objects.filter(pk=target.pk).update(
            paper_pending=F("paper_pending") + len(ids), version=F("version") + 1
        )
        RunningTally.objects.filter(target=target).update(answered=F("answered") + len(ids))
        audit_log(
            actor=actor,
            action="paper_returned",
            obj=target,
            changes={"paper_pending": (target.paper_pending, target.paper_pending + len(ids))},
        )
        target.refresh_from_db()
    return target


def _scan_type(content: bytes) -> str:
    for magic, content_type in SCAN_TYPES.items():
        if content.startswith(magic):
            return content_type
    raise DomainError("scan", N_("The scan is a PDF, JPEG or PNG file."))


def target_enter_paper(
    *,
    actor: User,
    target_id: int,
    questionnaires: Sequence[Any],
    scan: bytes | None = None,
) -> PaperBatch:
    """HR types the target's paper questionnaires awaiting entry, all of them at once and in any
    order: each checked like a web submission, then added to the target's sealed ballots. The
    scan of the batch (optional) is kept sealed."""
    found = target_get_for(user=actor, id=target_id)
    campaign = found.campaign
    form = survey_form(campaign, found.form)
    if scan is not None and len(scan) > SCAN_MAX_BYTES:
        raise DomainError(
            "scan", N_("The scan is larger than %(max)s MB."), max=SCAN_MAX_BYTES // 2**20
        )
    scan_type = _scan_type(scan) if scan else ""
    plaintexts = []
    for index, raw in enumerate(questionnaires):
        try:
            checked = complete_answers(campaign, form, raw)
        except DomainError as error:
            raise DomainError(
                f"questionnaires[{index}].{error.field}", error.template, **error.params
            ) from error
        plaintexts.append(ballots.encode(form, checked, paper=True))
    stored: Path | None = None
    try:
        with transaction.atomic():
            _open_campaign(found)
            target = Target.objects.select_for_update(of=("self",)).get(pk=found.pk)
            if target.paper_pending == 0:
                raise DomainError(
                    "questionnaires",
                    N_("No paper questionnaire of %(servant)s awaits entry."),
                    servant=found.servant.full_name,
                )
            if len(plaintexts) != target.paper_pending:
                raise DomainError(
                    "questionnaires",
                    N_(
                        "%(count)s paper questionnaires about %(servant)s await entry: enter all "
                        "of them together, in any order (you gave %(given)s)."
                    ),
                    count=target.paper_pending,
                    servant=found.servant.full_name,
                    given=len(plaintexts),
                )
            name = ""
            if scan:
                name = f"{uuid.uuid4().hex}.sealed"
                root = scan_root()
                root.mkdir(parents=True, exist_ok=True)
                stored = root / name
                stored.write_bytes(ballots.seal(campaign.pk, target.pk, scan))
            ballots.add(target, plaintexts)
            Target.objects.filter(pk=target.pk).update(paper_pending=0, version=F("version") + 1)
            batch = PaperBatch.objects.create(
                target=target,
                count=len(plaintexts),
                entered_on=clock.today(),
                entered_by=account(actor),
                scan=name,
                scan_type=scan_type,
            )
            audit_log(
                actor=actor,
                action="enter_paper",
                obj=target,
                changes={"paper_entered": (None, len(plaintexts)), "scan": (None, bool(name))},
            )
    except BaseException:
        if stored is not None:
            stored.unlink(missing_ok=True)
        raise
    return batch


def paper_scan(batch: PaperBatch) -> tuple[bytes, str]:
    """The batch's scan, unsealed, and its content type (the caller checks who may read it)."""
    if not batch.scan:
        raise DomainError("scan", N_("No scan was attached to this batch."))
    sealed = (scan_root() / Path(batch.scan).name).read_bytes()
    return ballots.unseal(batch.target.campaign_id, batch.target_id, sealed), batch.scan_type
