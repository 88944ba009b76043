"""Who may download which export (seed 002 p.20: a result is known to the servant, the evaluator
and the head of the HR service; HR staff run the workflow and see its status, never scores).

| export | head of HR | HR staff | anyone else |
| --- | --- | --- | --- |
| results, consequences, calibration (they hold scores or ratings) | yes | 403 | 404 |
| 360 progress (counts of answered questionnaires, never who) | yes | yes | 404 |
| a typical-2018 commission's results (EDITIONS.md G-5) | yes | yes | 404 (apparatus head: yes) |

A prepared file (a large body's export built by a job) is taken only by the user who asked for
it, while they may still take that export, and until it is removed (`models.KEPT_DAYS`): anyone
else, the HR service of the same body included, gets 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.core import clock
from bagalau.exports.models import ExportFile
from bagalau.org.models import Organisation, Role
from bagalau.org.selectors import has_role

if TYPE_CHECKING:
    from bagalau.core.types import User

#: Export code -> the roles that may download it.
READERS: dict[str, tuple[str, ...]] = {
    "results": (Role.HR_HEAD,),
    "consequences": (Role.HR_HEAD,),
    "calibration": (Role.HR_HEAD,),
    "survey360": (Role.HR, Role.HR_HEAD),
    "commission": (Role.HR, Role.HR_HEAD, Role.APPARATUS_HEAD),
}


def exports_for(user: User, organisation: Organisation | None) -> list[str]:
    """The export codes `user` may download in `organisation`, in the catalogue's order."""
    if organisation is None or not user.is_authenticated:
        return []
    return [code for code, roles in READERS.items() if has_role(user, organisation, *roles)]


def require_export(user: User, organisation: Organisation | None, code: str) -> Organisation:
    """The organisation whose `code` export `user` may download; PermissionDenied for the HR
    service without the right (results are the head of HR's), Http404 for anyone else or an
    unknown export."""
    if code not in READERS or organisation is None or not user.is_authenticated:
        raise Http404("No such export.")
    if has_role(user, organisation, *READERS[code]):
        return organisation
    if has_role(user, organisation, Role.HR, Role.HR_HEAD):
        raise PermissionDenied("This export holds results: the head of HR only (p.20).")
    raise Http404("No such export.")


def export_file_get_for(*, user: User, job_id: int) -> ExportFile:
    """The prepared file of the job `job_id`: Http404 for anyone but its requester, for a file
    removed or past its keeping; then `require_export` for the organisation as it stands today
    (a requester who lost the right is refused)."""
    export_file = (
        ExportFile.objects.select_related("job__organisation")
        .filter(job_id=job_id, expires_at__gt=clock.now())
        .first()
    )
    if (
        export_file is None
        or not user.is_authenticated
        or export_file.job.requested_by_id != user.pk
    ):
        raise Http404("No such file.")
    require_export(user, export_file.job.organisation, export_file.code)
    return export_file
