"""Every printed form the application produces, declared once: its route, its builder, who reads
it. The web downloads (documents.urls) and the REST API (api.documents) are both made from this
table, so a form printable on the page is printable through the API with the same access lookup
(the builder looks the object up for the caller: 404 not visible, 403 an unsigned draft, every
print audited).

Each builder is called as ``build(user=, language=, **ids)`` with the ids of its route.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bagalau.documents.blank import blank_sheet_pdf
from bagalau.documents.commission_extract import commission_extract_pdf
from bagalau.documents.commission_protocol import commission_protocol_pdf
from bagalau.documents.moj_plan_sheets import (
    moj_annual_sheet_pdf,
    moj_blank_annual_sheet_pdf,
    moj_blank_work_plan_pdf,
    moj_work_plan_pdf,
)
from bagalau.documents.moj_quarter_sheet import moj_quarter_blank_pdf, moj_quarter_sheet_pdf
from bagalau.documents.pdf import PdfFile
from bagalau.documents.refusal_act import (
    annual_sheet_act_pdf,
    quarter_sheet_act_pdf,
    refusal_act_pdf,
)
from bagalau.documents.selectors import evaluation_sheet_pdf, protocol_pdf, work_plan_pdf
from bagalau.documents.typical_sheets import typical_competency_sheet_pdf, typical_kpi_sheet_pdf


@dataclass(frozen=True)
class PrintedForm:
    """One form: `route` under /documents/ (web) and /api/v1/documents/ (API), `name` the web
    route's name (the API's is ``documents_<name>``), `summary` the API schema's line, `readers`
    who may print it (the builder's access lookup decides), `operation_id` when the API's
    differs from ``documents_<name>``."""

    route: str
    name: str
    build: Callable[..., PdfFile]
    summary: str
    readers: str
    operation_id: str = ""

    @property
    def api_operation(self) -> str:
        return self.operation_id or f"documents_{self.name}"


FORMS: tuple[PrintedForm, ...] = (
    PrintedForm(
        "evaluations/<int:evaluation_id>/sheet.pdf",
        "evaluation_pdf",
        evaluation_sheet_pdf,
        "Evaluation sheet as PDF (App. 2 for KPI, App. 4 for differentiation)",
        "The evaluatee, the evaluator, the head of the HR service and the case's calibration "
        "participants.",
        operation_id="documents_evaluation_sheet_pdf",
    ),
    PrintedForm(
        "evaluations/<int:evaluation_id>/blank.pdf",
        "blank_pdf",
        blank_sheet_pdf,
        "Blank evaluation sheet to fill in on paper (App. 2 or App. 4; p.3, p.29)",
        "The evaluator of an unsigned quarterly sheet and the HR service; 400 once the sheet is "
        "signed or when it is not a quarterly sheet.",
        operation_id="documents_blank_sheet_pdf",
    ),
    PrintedForm(
        "calibration/<int:session_id>/protocol.pdf",
        "protocol_pdf",
        protocol_pdf,
        "Calibration session protocol as PDF (seed 002 p.41)",
        "Whoever may read the evaluation, the session's participants included.",
    ),
    PrintedForm(
        "commission/<int:session_id>/protocol.pdf",
        "commission_protocol_pdf",
        commission_protocol_pdf,
        "Commission session protocol as PDF (typical-2018 and moj-2017 App. 5)",
        "Whoever may read the session (commission.access); 403 with the reason while it is "
        "not signed yet.",
    ),
    PrintedForm(
        "commission/<int:session_id>/extract/<int:evaluation_id>.pdf",
        "commission_extract_pdf",
        commission_extract_pdf,
        "Extract of the commission protocol about one servant (EDITIONS.md §2 H1)",
        "The servant and the working body, once the decision has effect; never a colleague's row.",
    ),
    PrintedForm(
        "refusal-acts/<int:act_id>/act.pdf",
        "refusal_act_pdf",
        refusal_act_pdf,
        "Act refusing familiarisation with the result (seed 004 p.41; seed 001 p.36)",
        "The servant, the working body and the act's signers.",
    ),
    PrintedForm(
        "moj/quarter-sheets/<int:sheet_id>/refusal-act.pdf",
        "moj_quarter_sheet_act_pdf",
        quarter_sheet_act_pdf,
        "Act refusing to sign a moj-2017 App. 3 quarterly sheet (seed 001 p.25)",
        "The servant, the HR service and the direct manager who co-signed it.",
    ),
    PrintedForm(
        "moj/annual-sheets/<int:sheet_id>/refusal-act.pdf",
        "moj_annual_sheet_act_pdf",
        annual_sheet_act_pdf,
        "Act refusing to sign a moj-2017 App. 4 annual sheet (seed 001 p.31)",
        "The servant, the HR service and the direct manager who co-signed it.",
    ),
    PrintedForm(
        "typical/kpi-sheets/<int:sheet_id>/app2.pdf",
        "typical_kpi_sheet_pdf",
        typical_kpi_sheet_pdf,
        "typical-2018 KPI evaluation sheet as PDF (App. 2, EDITIONS.md §6.1)",
        "Whoever may read the sheet (typical.access, EDITIONS.md §9 G-5).",
    ),
    PrintedForm(
        "typical/competency-sheets/<int:sheet_id>/app3.pdf",
        "typical_competency_sheet_pdf",
        typical_competency_sheet_pdf,
        "typical-2018 competency evaluation sheet as PDF (App. 3 with its App. 4 annex)",
        "Whoever may read the sheet (typical.access, EDITIONS.md §9 G-5).",
    ),
    PrintedForm(
        "moj/quarter-sheets/<int:sheet_id>/app3.pdf",
        "moj_quarter_sheet_pdf",
        moj_quarter_sheet_pdf,
        "moj-2017 quarterly evaluation sheet as PDF (App. 3)",
        "Whoever may read the sheet (moj.access).",
    ),
    PrintedForm(
        "moj/periods/<int:period_id>/app3-blank.pdf",
        "moj_quarter_blank_pdf",
        moj_quarter_blank_pdf,
        "Blank moj-2017 quarterly evaluation sheet (App. 3) of a quarter (seed 001 p.14)",
        "Any member of the organisation.",
    ),
    PrintedForm(
        "plans/<int:plan_id>/work-plan.pdf",
        "work_plan_pdf",
        work_plan_pdf,
        "Work plan as PDF (App. 1)",
        "The servant, the evaluator, the approver and the HR service.",
    ),
    PrintedForm(
        "moj/work-plans/<int:plan_id>/app1.pdf",
        "moj_work_plan_pdf",
        moj_work_plan_pdf,
        "moj-2017 individual work plan as PDF (App. 1)",
        "Whoever may read the plan (moj.access).",
    ),
    PrintedForm(
        "moj/blank/app1.pdf",
        "moj_blank_work_plan_pdf",
        moj_blank_work_plan_pdf,
        "Blank moj-2017 individual work plan (App. 1) to draw up on paper",
        "Any logged-in user (a blank form holds no one's data).",
    ),
    PrintedForm(
        "moj/annual-sheets/<int:sheet_id>/app4.pdf",
        "moj_annual_sheet_pdf",
        moj_annual_sheet_pdf,
        "moj-2017 annual evaluation sheet as PDF (App. 4)",
        "Whoever may read the sheet (moj.access).",
    ),
    PrintedForm(
        "moj/blank/app4.pdf",
        "moj_blank_annual_sheet_pdf",
        moj_blank_annual_sheet_pdf,
        "Blank moj-2017 annual evaluation sheet (App. 4), sent with the notice (seed 001 p.14)",
        "Any logged-in user (a blank form holds no one's data).",
    ),
)
