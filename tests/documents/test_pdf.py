"""The printed forms: PDF bytes with Kazakh text, the numbers, the ratings, embedded DejaVu
fonts, the print language, drafts, and a renderer that never touches the network."""

import datetime as dt
import socket
from decimal import Decimal as D

import pytest

from bagalau.documents.pdf import (
    FORM_LABELS,
    font_face_css,
    local_fetcher,
    print_language,
    render_pdf,
)
from bagalau.evaluations.models import EvaluationStatus, Method, ParameterScore
from tests.documents.conftest import pdf_fonts, pdf_text
from tests.factories import EvaluationFactory, PeriodFactory

EFFECTIVE_KK = "Функционалдық міндеттерін тиімді атқарады"
EFFECTIVE_RU = "Функциональные обязанности исполняет эффективно"


def sheet_url(evaluation, lang=""):
    suffix = f"?lang={lang}" if lang else ""
    return f"/documents/evaluations/{evaluation.pk}/sheet.pdf{suffix}"


def protocol_url(session, lang=""):
    suffix = f"?lang={lang}" if lang else ""
    return f"/documents/calibration/{session.pk}/protocol.pdf{suffix}"


def download(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    return response


# --- App. 2 -----------------------------------------------------------------------------------


def test_kpi_sheet_is_laid_out_like_app_2_in_kazakh(client, world, kpi_case):
    response = download(client, world.a_head_user, sheet_url(kpi_case.evaluation))
    text = pdf_text(response.content)
    for heading in (
        "2-қосымша",
        "НМИ бойынша бағалау парағы",
        "(бағаланатын адамның Т.А.Ә., лауазымы)",
        "(бағаланатын кезең)",
        "№ р/ р",
        "НМИ атауы",
        "Өлшем бірлігі",
        "Жоспарлы мәні",
        "Нақты мәні",
        "НМИ пайыздық іске асуы",
        "Бағалау",
        "4-тоқсан",
        "Қорытынды бағалау",
        "НМИ санына бөлінген НМИ бойынша бағалау сомасы",
        "Бағалау нәтижесі",
        "Бағаланатын адам",
        "Бағалайтын адам",
        "(тегі, бас әріптер)",
    ):
        assert heading in text, heading
    assert "Әлиев Арман" in text
    assert "2026 жылғы 2-тоқсан" in text
    # the quarter's row of KPI 1: planned 10, actual 10.5, 105.00 %, score 5.00
    assert "Сот актілерін уақытында жариялау" in text
    assert "10.5" in text
    assert "105.00" in text
    assert "92.50" in text
    assert "4.65" in text
    assert "4.85 (19.40 : 4)" in text
    assert EFFECTIVE_KK in text
    # signature blocks: names (surname, initials) and the signing / acknowledgement dates
    assert "Әлиев А." in text
    assert "Орынбасар Д." in text
    assert "08.07.2026" in text
    assert "09.07.2026" in text
    # "page X of Y" in Kazakh
    assert "1 беттің 1-беті" in text


def test_kpi_sheet_fills_the_earlier_quarter_of_the_same_year(client, world, kpi_case):
    text = pdf_text(download(client, world.a_head_user, sheet_url(kpi_case.evaluation)).content)
    assert "9.2" in text
    assert "92.00" in text
    assert "4.60" in text


def test_a_participant_sees_only_the_quarter_of_the_session(client, world, kpi_case):
    """b_staff1 took part in the Q2 session but may not read Q1: its columns stay empty."""
    text = pdf_text(download(client, world.b_staff1_user, sheet_url(kpi_case.evaluation)).content)
    assert "4.85" in text
    assert "105.00" in text
    assert "92.00" not in text
    assert "4.60" not in text


def test_the_fonts_are_dejavu_and_embedded(client, world, kpi_case):
    fonts = pdf_fonts(download(client, world.a_head_user, sheet_url(kpi_case.evaluation)).content)
    assert fonts
    assert all("DejaVu" in name for name in fonts), fonts
    assert all(fonts.values()), fonts
    assert any("Sans" in name for name in fonts)
    assert any("Serif" in name for name in fonts)


def test_the_kazakh_letters_survive(client, world, kpi_case):
    text = pdf_text(download(client, world.a_head_user, sheet_url(kpi_case.evaluation)).content)
    for letter in "әғқңөұүіҚӘ":
        assert letter in text, letter


def test_russian_labels_on_request(client, world, kpi_case):
    response = download(client, world.a_head_user, sheet_url(kpi_case.evaluation, "ru"))
    text = pdf_text(response.content)
    assert "Оценочный лист по КЦИ" in text
    assert "Итоговая оценка" in text
    assert "Фактическое значение" in text
    assert "2 квартал 2026 года" in text
    assert EFFECTIVE_RU in text
    assert "Страница 1 из 1" in text
    assert "НМИ бойынша бағалау парағы" not in text
    assert "4.85" in text


def test_english_labels_on_request(client, world, kpi_case):
    text = pdf_text(
        download(client, world.a_head_user, sheet_url(kpi_case.evaluation, "en")).content
    )
    assert "KPI evaluation sheet" in text
    assert "Performs functional duties effectively" in text
    assert "Page 1 of 1" in text


def test_the_download_is_named_and_not_cached(client, world, kpi_case):
    response = download(client, world.a_head_user, sheet_url(kpi_case.evaluation))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "app2-kpi-sheet-2026-q2-" in disposition
    assert disposition.endswith(".pdf")
    assert "no-store" in response["Cache-Control"]


# --- App. 4 -----------------------------------------------------------------------------------


def test_differentiation_sheet_is_laid_out_like_app_4(client, world, diff_case):
    response = download(client, world.a_staff1_user, sheet_url(diff_case.evaluation))
    text = pdf_text(response.content)
    for heading in (
        "4-қосымша",
        "Саралау әдісі бойынша бағалау параметры",
        "Бағаланатын қызметшінің Т.А.Ә.",
        "Бағалайтын қызметшінің Т.А.Ә.",
        "Параметрлер",
        "Критерийлер",
        "Негіздеме",
        "Орташа қорытынды баға",
        "Бағалау нәтижесі",
        "Қойылған бағаға негіздеме",
    ):
        assert heading in text, heading
    assert "Бекова Айгүл" in text
    assert "Әлиев Арман" in text
    # the engine's parameters and criteria
    assert "1. Функционалдық міндеттерді орындау сапасы" in text
    assert "Негізделген ескертулер мен шағымдардың болмауы" in text
    assert "4. Еңбек тәртібін сақтау" in text
    assert "Бағалау (0-ден 5 баллға дейін)" in text
    assert "4.50" in text
    assert EFFECTIVE_KK in text
    assert "timeliness: ескертулер болған жоқ" in text
    assert "Тапсырмаларды сапалы әрі уақытында орындады." in text
    # the calibrated result under the evaluator's
    assert "4.75" in text
    assert "app4-differentiation-sheet-" in response["Content-Disposition"]


def test_differentiation_sheet_in_russian(client, world, diff_case):
    text = pdf_text(
        download(client, world.a_head_user, sheet_url(diff_case.evaluation, "ru")).content
    )
    assert "Средняя итоговая оценка" in text
    assert "Отсутствие обоснованных замечаний и жалоб" in text
    assert "Качество исполнения функциональных обязанностей" in text
    assert EFFECTIVE_RU in text


# --- the protocol -----------------------------------------------------------------------------


def test_protocol_shows_the_case_every_round_and_the_adopted_score(client, world, diff_case):
    response = download(client, world.deputy_user, protocol_url(diff_case.session))
    text = pdf_text(response.content)
    assert "Калибрлеу сессиясының хаттамасы" in text
    assert "Сынақ аппараты" in text  # the organisation
    assert "Бекова Айгүл" in text
    assert "Әлиев Арман" in text
    assert "2026 жылғы 2-тоқсан" in text
    assert "22.07.2026 15:00" in text
    assert "305-кабинет" in text
    assert "14.07.2026" in text  # the application
    assert "калибрлеу сессиясын өткізу туралы шешім қабылданды" in text
    assert "Бағаланатын адамның жұмысы сипатталды" in text  # the presentation
    assert "1-тур" in text
    assert "2-тур" in text
    for voter in ("Орынбасар Дана", "Жанов Нұрлан", "Омарова Сәуле"):
        assert voter in text
    assert "бағалаушының бағасын қолдайды" in text
    assert "бағаны арттыру" in text
    assert "Ешбір баға басым дауыс жинамады" in text  # round 1
    assert "Басым дауыспен қабылданды: 4.75 (2 / 3 дауыс)" in text  # round 2
    assert "Қабылданған қорытынды баға: 4.75 — " + EFFECTIVE_KK in text
    assert "4.50" in text  # the evaluator's score
    assert "23.07.2026" in text
    assert "24.07.2026" in text
    assert "Кадрова Гүлнар" in text  # signed by
    assert "calibration-protocol-" in response["Content-Disposition"]


def test_protocol_in_russian(client, world, diff_case):
    text = pdf_text(
        download(client, world.hr_head_user, protocol_url(diff_case.session, "ru")).content
    )
    assert "Протокол калибровочной сессии" in text
    assert "Тур 1" in text
    assert "Тур 2" in text
    assert "Принятая итоговая оценка: 4.75 — " + EFFECTIVE_RU in text


# --- App. 1 -----------------------------------------------------------------------------------


def test_work_plan_is_laid_out_like_app_1(client, world, kpi_case):
    client.force_login(world.hr_staff_user)
    response = client.get(f"/documents/plans/{kpi_case.plan.pk}/work-plan.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "1-қосымша" in text
    assert "«БЕКІТЕМІН»" in text
    assert "жеке жұмыс жоспары" in text
    assert "Әлиев Арман" in text
    assert "Басшы Е." in text
    assert "Ведомстволық тізілімді енгізу" in text
    assert "Қол жеткізу мерзімі" in text
    assert "Түйінді нәтиже*" in text
    assert "30.06.2026" in text
    # one achievement date per planned quarter (App. 1), as the KPI holds them
    kpi = kpi_case.plan.kpis.order_by("number").first()
    assert kpi.achieved_by(1) == dt.date(2026, 3, 31)
    assert "31.03.2026" in text
    assert "түйінделеді" in text


# --- drafts and what has no form ---------------------------------------------------------------


@pytest.fixture
def draft(world, quarters):
    evaluation = EvaluationFactory(
        period=quarters[2],
        servant=world.a_staff2,
        assignment=world.a_staff2_assignment,
        evaluator=world.a_head,
        method=Method.DIFFERENTIATION,
        status=EvaluationStatus.PENDING,
    )
    ParameterScore.objects.create(evaluation=evaluation, parameter="quality", score=3)
    return evaluation


def test_an_unsigned_sheet_is_a_draft_for_the_evaluator(client, world, draft):
    text = pdf_text(download(client, world.a_head_user, sheet_url(draft)).content)
    assert "ЖОБА" in text
    assert "Жанов Нұрлан" in text


def test_an_unsigned_sheet_is_not_shown_to_the_evaluatee(client, world, draft):
    client.force_login(world.a_staff2_user)
    assert client.get(sheet_url(draft)).status_code == 403


def test_an_annual_result_has_no_sheet(client, world, schedule):
    period = PeriodFactory(
        schedule=schedule,
        kind="annual",
        number=None,
        starts=dt.date(2026, 1, 1),
        ends=dt.date(2026, 12, 31),
        deadline=dt.date(2027, 1, 10),
    )
    annual = EvaluationFactory(
        period=period,
        servant=world.a_staff1,
        assignment=world.a_staff1_assignment,
        evaluator=world.a_head,
        method=Method.ANNUAL,
        status=EvaluationStatus.FINAL,
        score=D("4.10"),
        rating="effective",
    )
    client.force_login(world.a_staff1_user)
    response = client.get(sheet_url(annual))
    assert response.status_code == 400
    assert b"%PDF" not in response.content[:10]


def test_another_editions_evaluation_has_no_sjc_form(client, world, diff_case):
    diff_case.evaluation.edition = "moj-2017"
    diff_case.evaluation.save()
    client.force_login(world.a_staff1_user)
    assert client.get(sheet_url(diff_case.evaluation)).status_code == 400


# --- the renderer ------------------------------------------------------------------------------


def test_print_language_defaults_to_kazakh():
    assert print_language(None) == "kk"
    assert print_language("ru") == "ru"
    assert print_language("EN") == "en"
    assert print_language("de") == "kk"


def test_every_language_has_every_label():
    keys = set(FORM_LABELS["kk"])
    assert set(FORM_LABELS["ru"]) == keys
    assert set(FORM_LABELS["en"]) == keys


def test_the_fonts_are_declared_from_local_files():
    css = font_face_css()
    assert 'font-family: "DejaVu Sans"' in css
    assert 'font-family: "DejaVu Serif"' in css
    assert "file:///" in css
    assert "http" not in css


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/font.ttf",
        "https://example.com/style.css",
        "ftp://example.com/x",
        "file:///etc/passwd",
    ],
)
def test_the_fetcher_refuses_the_network_and_other_files(url):
    with pytest.raises(ValueError, match="refused"):
        local_fetcher().fetch(url)


def test_the_fetcher_reads_the_fonts():
    from bagalau.documents.pdf import font_dir

    response = local_fetcher().fetch((font_dir() / "DejaVuSans.ttf").as_uri())
    try:
        assert response.read(4) in (b"\x00\x01\x00\x00", b"true")
    finally:
        response.close()


def test_rendering_never_opens_a_connection(monkeypatch, settings, tmp_path):
    """A template pointing at remote images and stylesheets renders without a single socket."""
    opened = []

    def refuse(*args, **kwargs):
        opened.append(args)
        raise OSError("network used")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    template = tmp_path / "documents" / "remote.html"
    template.parent.mkdir()
    template.write_text(
        '<html><head><link rel="stylesheet" href="https://example.com/x.css"></head>'
        '<body><img src="http://example.com/x.png"><p style="background:url(http://example.com/b.png)">'
        "Қазақша мәтін</p></body></html>",
        encoding="utf-8",
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    content = render_pdf("documents/remote.html", {}, language="kk")
    assert content.startswith(b"%PDF")
    assert "Қазақша мәтін" in pdf_text(content)
    assert opened == []


def test_protocol_of_a_session_under_way_keeps_the_open_rounds_votes_secret(world, diff_case):
    """Votes are shown once their round is complete (calibration rule); a draft protocol printed
    during round 2 lists round 1 only."""
    from bagalau.documents.selectors import protocol_data

    session = diff_case.session
    session.final_score = None
    session.round = 2
    session.save()
    data = protocol_data(session)
    assert [r["number"] for r in data["rounds"]] == [1]
