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
    "plan_hr_agreed": _(
        "HR agreed the work plan of %(servant)s for %(year)s: submit it for approval."
    ),
    "plan_changed": _(
        "The KPIs of %(servant)s's work plan for %(year)s were changed. Reason: %(reason)s"
    ),
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
    "calibration_accepted": _(
        "Your calibration session for %(period)s is on %(when)s (%(place)s)."
    ),
    "calibration_rejected": _(
        "Your calibration application for %(period)s was rejected: %(comment)s"
    ),
    "calibration_rejected_hr": _(
        "The calibration application of %(servant)s (%(period)s) was rejected; "
        "the evaluator's score is final."
    ),
    "session_to_vote": _(
        "The evaluator presented the evaluation of %(servant)s (%(period)s): "
        "vote in round %(round)s."
    ),
    "session_new_round": _(
        "No score had a majority for %(servant)s (%(period)s): vote again in round %(round)s."
    ),
    "protocol_to_sign": _(
        "The calibration session for %(servant)s (%(period)s) adopted a final score: "
        "sign the protocol."
    ),
    "schedule_to_approve": _("The evaluation schedule for %(year)s awaits your approval."),
    "schedule_approved": _("The evaluation schedule for %(year)s was approved."),
    "schedule_returned": _("The evaluation schedule for %(year)s was returned: %(comment)s"),
    "reminder": _("Reminder: %(task)s is due on %(due)s."),
    "overdue": _("Overdue: %(task)s was due on %(due)s."),
    "refusal_recorded": _(
        "An act was drawn up: %(servant)s refused to acknowledge the result for %(period)s; "
        "the calibration application window ends on %(due)s."
    ),
}
