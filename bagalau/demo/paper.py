"""One sheet of the demo held on paper (seed 002 p.3, p.29): in Q1 the information system could
not be used on the day the international cooperation department's head scored one of his staff,
so he filled in and signed the printed App. 4; the head of the HR service entered it the same
afternoon with the scan, through the same service as any paper sheet
(bagalau.evaluations.services.paper).

The "scan" is a picture of the filled form drawn here (Pillow, the DejaVu fonts the PDFs use):
the demo ships no real scan.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import SimpleUploadedFile

from bagalau.core import clock
from bagalau.documents.pdf import font_dir
from bagalau.evaluations.models import Evaluation
from bagalau.evaluations.services.paper import paper_result_enter
from bagalau.methodology import get_edition, sjc2023_rules

if TYPE_CHECKING:
    from bagalau.core.types import User

#: A4 at 75 dpi: enough to read, small to store.
PAGE = (620, 877)


def scan_picture(
    evaluation: Evaluation,
    scores: Mapping[str, int],
    justification: str,
) -> bytes:
    """A grey "scan" of the App. 4 form as the evaluator filled it in, as PNG bytes."""
    from PIL import Image, ImageDraw, ImageFont

    rules = sjc2023_rules(get_edition(evaluation.edition))
    regular = str(font_dir() / "DejaVuSerif.ttf")
    text_font = ImageFont.truetype(regular, 13)
    title_font = ImageFont.truetype(regular, 16)
    hand = ImageFont.truetype(str(font_dir() / "DejaVuSans-Oblique.ttf"), 15)
    picture = Image.new("L", PAGE, 246)
    draw = ImageDraw.Draw(picture)
    draw.text((400, 30), "4-қосымша", font=text_font, fill=20)
    draw.text((110, 70), "Саралау әдісі бойынша бағалау параметры", font=title_font, fill=10)
    draw.text((40, 120), f"Бағаланатын қызметші: {evaluation.servant.full_name}", font=text_font)
    evaluator = evaluation.evaluator.full_name if evaluation.evaluator else ""
    draw.text((40, 145), f"Бағалайтын қызметші: {evaluator}", font=text_font)
    draw.text((40, 170), f"Бағаланатын кезең: {evaluation.period}", font=text_font)
    top = 220
    for index, parameter in enumerate(rules.differentiation.parameters, start=1):
        y = top + (index - 1) * 60
        draw.rectangle((40, y, 580, y + 55), outline=40)
        draw.text((50, y + 8), f"{index}. {parameter.label.get('kk')}", font=text_font, fill=20)
        draw.text((520, y + 18), str(scores[parameter.code]), font=hand, fill=60)
    mean = sum(scores.values()) / len(scores)
    draw.text((50, top + 255), f"Орташа қорытынды баға: {mean:.2f}", font=hand, fill=60)
    lines = _wrap(justification, 55)
    for number, line in enumerate(lines[:4]):
        draw.text((50, top + 300 + 20 * number), line, font=hand, fill=60)
    signer = evaluation.evaluator.short_name if evaluation.evaluator else ""
    draw.text((40, 780), f"Бағалайтын адам: {signer}", font=text_font)
    draw.text((40, 805), f"күні {clock.today():%d.%m.%Y}     қолы ________", font=text_font)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return lines


def enter_paper_sheet(
    *,
    actor: User,
    evaluation: Evaluation,
    scores: Mapping[str, int],
    justifications: Mapping[str, str],
    justification: str,
) -> None:
    """The head of the HR service enters the signed paper App. 4, signed today."""
    scan = SimpleUploadedFile(
        "scan.png", scan_picture(evaluation, scores, justification), content_type="image/png"
    )
    paper_result_enter(
        actor=actor,
        evaluation_id=evaluation.pk,
        version=evaluation.version,
        signed_on=clock.today(),
        scan=scan,
        scores=dict(scores),
        justifications=dict(justifications),
        justification=justification,
    )
