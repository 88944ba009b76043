"""The 360 survey's background tasks (django-tasks: in-process by default, the queue in
production, config/settings/jobs.py)."""

from django_tasks import task


@task()
def refresh_draft_checks(organisation_id: int) -> None:
    """Work out again the check of the organisation's large 360 drafts after a change of its
    structure (`surveys.draft_check.draft_checks_refresh`)."""
    from bagalau.surveys.draft_check import draft_checks_refresh

    draft_checks_refresh(organisation_id=organisation_id)


def structure_changed_receiver(*, organisation_id: int, **_: object) -> None:
    """`org.signals.structure_changed`: once the change is committed, queue the new check."""
    from django.db import transaction

    transaction.on_commit(lambda: refresh_draft_checks.enqueue(organisation_id))
