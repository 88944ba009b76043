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
    "plan_evaluator_assigned": _(
        "You are now the evaluator of %(servant)s's work plan for %(year)s: it is yours to draft,"
        " change and evaluate."
    ),
    "plan_approver_assigned": _(
        "You are now the superior manager who approves the work plan of %(servant)s for %(year)s."
    ),
    "plan_posted": _("Your work plan for %(year)s was posted."),
    "plan_hr_agreed": _(
        "HR agreed the work plan of %(servant)s for %(year)s: submit it for approval."
    ),
    "plan_changed": _(
        "The approved work plan of %(servant)s for %(year)s is being changed (p.25): %(reason)s."
        " It will be agreed and approved again."
    ),
    "typical_plan_to_draw_up": _(
        "Your work plan for %(year)s is drawn up with your direct manager by %(due)s (p.9)."
    ),
    "typical_plan_to_sign": _(
        "Your direct manager signed your work plan for %(year)s: read and sign it."
    ),
    "typical_plan_signed": _(
        "%(servant)s signed the work plan for %(year)s: sign it and submit it for approval."
    ),
    "typical_plan_approved": _("The work plan of %(servant)s for %(year)s was approved."),
    "typical_plan_to_keep": _(
        "The work plan of %(servant)s for %(year)s was approved: keep it (p.15)."
    ),
    "plan_recommendation": _(
        "Your direct manager wrote the recommendation of quarter %(quarter)s %(year)s on your"
        " work plan."
    ),
    "actuals_to_fill": _("Enter the actual KPI values of %(servant)s for %(period)s by %(due)s."),
    "sheet_to_fill": _("Fill in the evaluation sheet of %(servant)s for %(period)s by %(due)s."),
    "evaluation_notice": _("Your evaluation for %(period)s will be held by %(due)s."),
    # moj-2017 (bagalau.moj): the notice of p.14 (C2) with the blank sheets to fill in.
    "moj_notice_servant": _(
        "Your evaluation for %(period)s is held on %(due)s: fill in the attached evaluation sheet."
    ),
    "moj_notice_evaluator": _(
        "The evaluation of %(servant)s for %(period)s is held on %(due)s: the evaluation sheets"
        " to fill in are attached."
    ),
    # typical-2018 (bagalau.typical): the notice to the superior manager (p.29), the KPI sheet
    # to agree or returned (p.19-23), a sheet for HR to send to the commission (p.24, p.28).
    "typical_notice_superior": _(
        "The evaluation of %(servant)s for %(period)s is held on %(due)s: you agree the KPI sheet."
    ),
    "typical_kpi_sheet_to_agree": _("Agree or return the KPI sheet of %(servant)s (%(period)s)."),
    "typical_kpi_sheet_returned": _(
        "The KPI sheet of %(servant)s was returned: %(comment)s. Correct it by %(due)s."
    ),
    "typical_kpi_sheet_to_send": _(
        "Send the KPI sheet of %(servant)s (%(period)s) to the commission by %(due)s."
    ),
    "typical_competency_sheet_to_send": _(
        "Send the competency sheet of %(servant)s (%(period)s) to the commission by %(due)s."
    ),
    "result_to_acknowledge": _("Your result for %(period)s is ready: acknowledge it by %(due)s."),
    # The annual result follows its quarters (p.4): recomputed when one of them changed.
    "annual_recomputed": _(
        "Your result for %(period)s was recomputed because a quarter's result changed."
    ),
    "annual_recomputed_hr": _(
        "The result of %(servant)s for %(period)s was recomputed because a quarter's result "
        "changed."
    ),
    "result_familiarised": _(
        "You did not acknowledge your result for %(period)s: it counts as made known to you "
        "through the information system on %(date)s (p.11). If you disagree, you may apply for a "
        "calibration session by %(due)s."
    ),
    "result_refused": _(
        "%(servant)s refused to acknowledge the result for %(period)s: draw up the act."
    ),
    "calibration_applied": _(
        "%(servant)s applied for a calibration session (%(period)s): decide by %(due)s."
    ),
    "session_scheduled": _("Calibration session for %(servant)s (%(period)s) on %(when)s."),
    "session_to_present": _(
        "Present your evaluation of %(servant)s at the calibration session on %(when)s."
    ),
    "protocol_to_post": _("Post the signed calibration protocol for %(servant)s by %(due)s."),
    "feedback_to_hold": _("Hold the feedback meeting with %(servant)s after the calibration."),
    # No score in a notification (p.15, p.20): the result is read on the protocol page.
    "calibration_final": _(
        "The calibration session adopted the final result of your evaluation for %(period)s: "
        "see the protocol."
    ),
    "calibration_accepted": _(
        "Your calibration session for %(period)s is on %(when)s (%(place)s)."
    ),
    # No longer sent: an application leads to a session (seed 002 p.38). Kept so that the
    # notifications sent before the correction still read as a sentence.
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
    "refusal_recorded": _(
        "An act was drawn up: %(servant)s refused to acknowledge the result for %(period)s; "
        "the calibration application window ends on %(due)s."
    ),
    # Who evaluates changed (org.managers): told to the evaluatee and to the head of HR.
    "manager_changed": _(
        "Your direct manager, who evaluates you, is now %(evaluator)s (before: %(before)s). "
        "Reason: %(reason)s"
    ),
    "manager_changed_hr": _(
        "%(actor)s changed the direct manager of %(servant)s from %(before)s to %(evaluator)s. "
        "Reason: %(reason)s"
    ),
    "evaluator_changed": _(
        "Your evaluation for %(period)s is now with %(evaluator)s (before: %(before)s)."
    ),
    "evaluator_changed_hr": _(
        "%(actor)s gave the evaluation of %(servant)s for %(period)s to %(evaluator)s "
        "(before: %(before)s)."
    ),
    "plan_evaluator_changed": _(
        "The evaluator of your work plan for %(year)s is now %(evaluator)s (before: %(before)s)."
    ),
    "plan_evaluator_changed_hr": _(
        "%(actor)s gave the work plan of %(servant)s for %(year)s to the evaluator %(evaluator)s "
        "(before: %(before)s)."
    ),
    "password_reset_by_admin": _(
        "The administrator %(admin)s changed the password of your account on %(when)s. If you "
        "did not ask for it, tell the HR service at once."
    ),
    # 360 survey (surveys): never a target's name in a respondent's reminder, never who answered.
    "survey360_to_answer": _(
        "360 survey %(year)s: answer the questionnaires about %(count)s colleagues by %(due)s. "
        "Your answers are anonymous."
    ),
    "survey360_self": _("360 survey %(year)s: assess yourself by %(due)s."),
    "survey360_reminder": _(
        "Reminder: %(count)s 360 questionnaires of %(year)s await you; the survey ends on %(due)s."
    ),
    "survey360_at_risk": _(
        "360 survey %(year)s: %(count)s servants have fewer than %(min)s responses so far; "
        "the survey ends on %(due)s."
    ),
    "survey360_report_ready": _("Your 360 report for %(year)s is ready."),
    "survey360_report_to_read": _("The 360 report of %(servant)s for %(year)s is ready."),
    "survey360_closed": _(
        "The 360 survey for %(year)s was closed: %(released)s reports released, "
        "%(withheld)s withheld."
    ),
    # Reminders before a due date and notices the first working day after it (reminders.py).
    "remind_plan_draft": _(
        "Reminder: set the KPIs of %(servant)s's work plan for %(year)s by %(due)s."
    ),
    "overdue_plan_draft": _(
        "Overdue: the KPIs of %(servant)s's work plan for %(year)s were due on %(due)s."
    ),
    "remind_plan_agree": _(
        "Reminder: agree the work plan of %(servant)s for %(year)s; its KPIs are due on %(due)s."
    ),
    "overdue_plan_agree": _(
        "Overdue: the work plan of %(servant)s for %(year)s awaits HR agreement; "
        "its KPIs were due on %(due)s."
    ),
    "remind_plan_approve": _(
        "Reminder: approve the work plan of %(servant)s for %(year)s by %(due)s."
    ),
    "overdue_plan_approve": _(
        "Overdue: the work plan of %(servant)s for %(year)s was to be approved by %(due)s."
    ),
    "remind_plan_post": _(
        "Reminder: post the approved work plan of %(servant)s for %(year)s by %(due)s."
    ),
    "overdue_plan_post": _(
        "Overdue: the approved work plan of %(servant)s for %(year)s was to be posted by %(due)s."
    ),
    "remind_quarter_prepare": _(
        "Reminder: prepare %(period)s so that the actual KPI values are entered by %(due)s "
        "(p.22); the evaluators and the servants are told once it ends."
    ),
    "overdue_quarter_prepare": _(
        "Overdue: %(period)s is not prepared; its actual KPI values were due on %(due)s (p.22)."
    ),
    "remind_actuals": _(
        "Reminder: enter the actual KPI values of %(servant)s for %(period)s by %(due)s."
    ),
    "overdue_actuals": _(
        "Overdue: the actual KPI values of %(servant)s for %(period)s were due on %(due)s."
    ),
    "remind_sheet": _(
        "Reminder: fill in and sign the evaluation sheet of %(servant)s for %(period)s by %(due)s."
    ),
    "overdue_sheet": _(
        "Overdue: the evaluation sheet of %(servant)s for %(period)s was due on %(due)s."
    ),
    "remind_acknowledge": _("Reminder: acknowledge your result for %(period)s by %(due)s."),
    "overdue_acknowledge": _(
        "Overdue: your result for %(period)s was to be acknowledged by %(due)s."
    ),
    "overdue_refusal_act": _(
        "%(servant)s has not acknowledged the result for %(period)s, due on %(due)s: "
        "draw up the refusal act."
    ),
    # typical-2018 (bagalau.typical.due): the App. 2 and App. 3 sheets (p.17, p.23-28).
    "remind_typical_kpi_sheet": _(
        "Reminder: fill in and sign the KPI sheet of %(servant)s (%(period)s) by %(due)s."
    ),
    "overdue_typical_kpi_sheet": _(
        "Overdue: the KPI sheet of %(servant)s (%(period)s) was to be signed by %(due)s."
    ),
    "remind_typical_competency_sheet": _(
        "Reminder: tick the observed indicators and sign the competency sheet of %(servant)s "
        "(%(period)s) by %(due)s."
    ),
    "overdue_typical_competency_sheet": _(
        "Overdue: the competency sheet of %(servant)s (%(period)s) was to be signed by %(due)s."
    ),
    "remind_typical_send": _(
        "Reminder: send the sheets of %(servant)s (%(period)s) to the commission by %(due)s."
    ),
    "overdue_typical_send": _(
        "Overdue: the sheets of %(servant)s (%(period)s) were to reach the commission by %(due)s."
    ),
    # moj-2017 (bagalau.moj.due): the App. 3 quarterly sheet (seed 001 p.3, p.23-25).
    "remind_moj_self_assess": _(
        "Reminder: fill in the self-assessment of your evaluation sheet for %(period)s by %(due)s."
    ),
    "overdue_moj_self_assess": _(
        "Overdue: the self-assessment of your evaluation sheet for %(period)s was due by %(due)s."
    ),
    "remind_moj_agree": _(
        "Reminder: check and agree the evaluation sheet of %(servant)s (%(period)s) by %(due)s."
    ),
    "overdue_moj_agree": _(
        "Overdue: the evaluation sheet of %(servant)s (%(period)s) was to be agreed by %(due)s."
    ),
    "remind_moj_sign": _("Reminder: sign your agreed evaluation sheet for %(period)s by %(due)s."),
    "overdue_moj_sign": _(
        "Overdue: your agreed evaluation sheet for %(period)s was to be signed by %(due)s."
    ),
    # moj-2017 (bagalau.moj.due): the App. 1 work plan (seed 001 p.10-11).
    "remind_moj_plan_draw_up": _(
        "Reminder: draw up your %(year)s work plan with your direct manager and sign it by %(due)s."
    ),
    "overdue_moj_plan_draw_up": _(
        "Overdue: your %(year)s work plan was to be drawn up and signed by %(due)s."
    ),
    "remind_moj_plan_sign": _("Reminder: sign the %(year)s work plan of %(servant)s by %(due)s."),
    "overdue_moj_plan_sign": _(
        "Overdue: the %(year)s work plan of %(servant)s was to be signed by %(due)s."
    ),
    # moj-2017 (bagalau.moj.due): the App. 4 annual sheet (seed 001 p.28-32, M-5).
    "remind_moj_annual_self_assess": _(
        "Reminder: fill in the self-assessment of your work-plan sheet for %(period)s by %(due)s."
    ),
    "overdue_moj_annual_self_assess": _(
        "Overdue: the self-assessment of your work-plan sheet for %(period)s was due by %(due)s."
    ),
    "remind_moj_annual_agree": _(
        "Reminder: check and agree the work-plan sheet of %(servant)s (%(period)s) by %(due)s."
    ),
    "overdue_moj_annual_agree": _(
        "Overdue: the work-plan sheet of %(servant)s (%(period)s) was to be agreed by %(due)s."
    ),
    "remind_moj_annual_confirm": _(
        "Reminder: confirm your agreed work-plan sheet for %(period)s by %(due)s."
    ),
    "overdue_moj_annual_confirm": _(
        "Overdue: your agreed work-plan sheet for %(period)s was to be confirmed by %(due)s."
    ),
    "remind_moj_annual_compute": _(
        "Reminder: compute the annual score of %(servant)s (%(period)s) by %(due)s."
    ),
    "overdue_moj_annual_compute": _(
        "Overdue: the annual score of %(servant)s (%(period)s) was to be computed by %(due)s."
    ),
    # typical-2018 after the commission (bagalau.commission.due): H1-H2, p.40-41.
    "remind_typical_acknowledge": _(
        "Reminder: acknowledge in writing your evaluation results for %(period)s by %(due)s."
    ),
    "overdue_typical_acknowledge": _(
        "Overdue: your evaluation results for %(period)s were to be acknowledged by %(due)s."
    ),
    "overdue_typical_refusal_act": _(
        "%(servant)s has not acknowledged the results for %(period)s, due on %(due)s: draw up "
        "the refusal act signed by the working body and two other servants."
    ),
    # moj-2017 after the commission (bagalau.commission.due): seed 001 p.36, p.39, M-12.
    "remind_moj_acknowledge": _(
        "Reminder: get acquainted with your evaluation results for %(period)s by %(due)s."
    ),
    "overdue_moj_acknowledge": _(
        "Overdue: you were to be familiarised with your evaluation results for %(period)s by "
        "%(due)s."
    ),
    "overdue_moj_refusal_act": _(
        "%(servant)s has not been familiarised with the results for %(period)s, due on %(due)s: "
        "familiarise them or draw up the refusal act."
    ),
    "remind_moj_agency_report": _(
        "Reminder: inform the agency of the decision taken on the appeal of %(servant)s "
        "(%(period)s) by %(due)s."
    ),
    "overdue_moj_agency_report": _(
        "Overdue: the agency was to be informed of the decision taken on the appeal of "
        "%(servant)s (%(period)s) by %(due)s."
    ),
    "remind_decision": _(
        "Reminder: decide on the calibration application of %(servant)s (%(period)s) by %(due)s."
    ),
    "overdue_decision": _(
        "Overdue: the decision on the calibration application of %(servant)s (%(period)s) "
        "was due on %(due)s."
    ),
    "remind_session": _(
        "Reminder: the calibration session for %(servant)s (%(period)s) is on %(when)s (%(place)s)."
    ),
    "remind_protocol_post": _(
        "Reminder: post the signed calibration protocol for %(servant)s by %(due)s."
    ),
    "overdue_protocol_post": _(
        "Overdue: the signed calibration protocol for %(servant)s was to be posted by %(due)s."
    ),
    "remind_feedback": _(
        "Reminder: hold the feedback meeting with %(servant)s and record it by %(due)s."
    ),
    "overdue_feedback": _(
        "Overdue: the feedback meeting with %(servant)s was to be recorded by %(due)s."
    ),
    # Disagreements about the procedure (seed 002 p.16)
    "disagreement_raised": _(
        "%(servant)s recorded a disagreement about the evaluation procedure on %(date)s: "
        "consider it and answer."
    ),
    "commission_session_scheduled": _(
        "The evaluation commission sits on %(date)s (%(place)s); servants on the agenda: %(count)s."
    ),
    "commission_protocol_to_approve": _(
        "The protocol of the evaluation commission's session of %(date)s is signed: approve it."
    ),
    "commission_result_approved": _(
        "The results of your evaluation were approved on %(date)s: you are to be familiarised "
        "with them in writing by %(due)s."
    ),
    "commission_result_decided": _(
        "The evaluation commission decided on your results at its session of %(date)s: you are "
        "to be familiarised with them, in writing or electronically, by %(due)s."
    ),
    "disagreement_answered": _(
        "The HR service answered your disagreement about the evaluation procedure of %(date)s."
    ),
    # moj-2017 consequences (bagalau.consequences.due): the training referral (seed 001 p.43)
    # and the HR decision after two annual results (p.45). No rating is named.
    "remind_moj_training": _(
        "Reminder: refer %(servant)s to training after the results of %(period)s by %(due)s (p.43)."
    ),
    "overdue_moj_training": _(
        "Overdue: %(servant)s was to be referred to training after the results of %(period)s "
        "by %(due)s (p.43)."
    ),
    "overdue_moj_alert": _(
        "Record the HR service's decision on %(servant)s after the annual results of "
        "%(period)s and the year before (p.45)."
    ),
}
