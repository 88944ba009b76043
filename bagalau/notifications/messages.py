"""The text of each kind of notification, translated when shown (never stored translated)."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "plan_to_draft": _("Draft the KPIs of %(servant)s's work plan for %(year)s by %(due)s."),
    "plan_to_agree": _("The work plan of %(servant)s for %(year)s awaits HR agreement."),
    "plan_to_approve": _("Approve the work plan of %(servant)s for %(year)s."),
    "plan_returned": _("The work plan of %(servant)s was returned: %(comment)s"),
    "plan_approved": _(
        "The work plan of %(servant)s for %(year)s was approved; post it by %(due)s."
    ),
    "plan_posted": _("Your work plan for %(year)s was posted."),
    "actuals_to_fill": _("Enter the actual KPI values of %(servant)s for %(period)s by %(due)s."),
    "sheet_to_fill": _("Fill in the evaluation sheet of %(servant)s for %(period)s by %(due)s."),
    "evaluation_notice": _("Your evaluation for %(period)s will be held by %(due)s."),
    "result_to_acknowledge": _("Your result for %(period)s is ready: acknowledge it by %(due)s."),
    "result_refused": _(
        "%(servant)s refused to acknowledge the result for %(period)s: draw up the act."
    ),
    "calibration_applied": _(
        "%(servant)s applied for a calibration session (%(period)s): decide by %(due)s."
    ),
    "calibration_decided": _("Your calibration application for %(period)s was %(decision)s."),
    "session_scheduled": _("Calibration session for %(servant)s (%(period)s) on %(when)s."),
    "session_to_present": _(
        "Present your evaluation of %(servant)s at the calibration session on %(when)s."
    ),
    "protocol_to_post": _("Post the signed calibration protocol for %(servant)s by %(due)s."),
    "feedback_to_hold": _("Hold the feedback meeting with %(servant)s after the calibration."),
    "calibration_final": _(
        "The calibration session set your final score for %(period)s: %(score)s."
    ),
    "schedule_to_approve": _("The evaluation schedule for %(year)s awaits your approval."),
    "schedule_approved": _("The evaluation schedule for %(year)s was approved."),
    "reminder": _("Reminder: %(task)s is due on %(due)s."),
    "overdue": _("Overdue: %(task)s was due on %(due)s."),
}
