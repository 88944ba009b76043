"""Organisation-wide roles. They are held through `org.RoleAssignment`; they live here because
who is looking (`core.context.Viewer`) is told in them on every page."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Organisation-wide roles; evaluator and evaluatee roles follow from the structure."""

    HR = "hr", _("HR service (Sector)")
    HR_HEAD = "hr_head", _("Head of the HR service")
    APPARATUS_HEAD = "apparatus_head", _("Head of the apparatus")
    ADMIN = "admin", _("System administrator")


#: The HR service and its head: the working body of the evaluation in every edition.
HR_ROLES = (Role.HR, Role.HR_HEAD)
#: Who sees every evaluation of the organisation: the working body and the authorised person.
OVERVIEW_ROLES = (Role.HR, Role.HR_HEAD, Role.APPARATUS_HEAD)
