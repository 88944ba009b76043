"""The Kazakh and Russian catalogues: complete, faithful to the placeholders, and really used by the
pages and by the engine's error messages.

The .po files are read with a small parser (polib is not a dependency); msgfmt (GNU gettext, see
scripts/system-deps.sh) counts the messages the way compilemessages sees them.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator, MaxLengthValidator, MinLengthValidator
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext
from rest_framework import serializers as drf_serializers

from bagalau.core.django_messages import DJANGO_MESSAGES, FIELD_MESSAGES
from bagalau.core.errors import DomainError
from bagalau.methodology import MethodologyError, get_edition, sjc2023_rules
from bagalau.methodology.sjc2023 import check_kpi_count

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ("kk", "ru")
#: Plural forms per language, as the catalogues' headers declare them.
NPLURALS = {"kk": 2, "ru": 3}

NAMED = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
UNNAMED = re.compile(r"%(?!\()[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
BRACES = re.compile(r"\{\{\s*(\w+)\s*\}\}")
KAZAKH_LETTERS = re.compile(r"[әғқңөұүһі]", re.IGNORECASE)
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


# --- a small .po reader ---------------------------------------------------------------------------


@dataclass
class Entry:
    """One message of a catalogue."""

    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)
    obsolete: bool = False

    @property
    def translations(self) -> list[str]:
        return [self.msgstr[index] for index in sorted(self.msgstr)]


def _unquote(text: str) -> str:
    value = ast.literal_eval(text.strip())
    assert isinstance(value, str)
    return value


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file, header first."""
    entries: list[Entry] = []
    entry = Entry()
    key: tuple[str, int] | None = None
    started = False

    def close() -> None:
        nonlocal entry, key, started
        if started:
            entries.append(entry)
        entry, key, started = Entry(), None, False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            close()
        elif line.startswith("#~"):
            entry.obsolete = True
        elif line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#:"):
            entry.references.extend(line[2:].split())
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            assert key is not None, f"{path}: a continuation line without a keyword: {raw}"
            name, index = key
            if name == "msgstr":
                entry.msgstr[index] += _unquote(line)
            else:
                setattr(entry, name, getattr(entry, name) + _unquote(line))
        else:
            keyword, _, rest = line.partition(" ")
            started = True
            plural = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            if plural:
                key = ("msgstr", int(plural.group(1)))
                entry.msgstr[key[1]] = _unquote(rest)
            elif keyword == "msgstr":
                key = ("msgstr", 0)
                entry.msgstr[0] = _unquote(rest)
            elif keyword in ("msgid", "msgid_plural", "msgctxt"):
                key = (keyword, 0)
                setattr(entry, keyword, _unquote(rest))
            else:
                raise AssertionError(f"{path}: unexpected line {raw!r}")
    close()
    return entries


def catalogue(language: str) -> list[Entry]:
    """The messages of `language` (without the header and obsolete entries)."""
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing: run makemessages and translate it"
    entries = read_po(path)
    assert entries, f"{path} is empty"
    assert entries[0].msgid == "", f"{path} has no header"
    return [e for e in entries[1:] if not e.obsolete]


def header(language: str) -> dict[str, str]:
    entries = read_po(LOCALE / language / "LC_MESSAGES" / "django.po")
    lines = entries[0].msgstr[0].splitlines()
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in lines)}


def placeholders(text: str) -> tuple[list[str], int, list[str]]:
    """Named %-placeholders (sorted, with repeats), the count of unnamed ones, {{ names }}."""
    text = text.replace("%%", "")
    return sorted(NAMED.findall(text)), len(UNNAMED.findall(text)), sorted(BRACES.findall(text))


# --- (a) complete catalogues ----------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_has_no_untranslated_and_no_fuzzy_entry(language):
    entries = catalogue(language)
    assert len(entries) > 500, "the catalogue looks truncated"
    untranslated = [e.msgid for e in entries if not all(t.strip() for t in e.translations)]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert not untranslated, f"untranslated in {language}: {untranslated[:20]}"
    assert not fuzzy, f"fuzzy in {language}: {fuzzy[:20]}"
    assert "fuzzy" not in read_po(LOCALE / language / "LC_MESSAGES" / "django.po")[0].flags


@pytest.mark.parametrize("language", LANGUAGES)
def test_msgfmt_counts_only_translated_messages(language):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext (msgfmt) is required: scripts/system-deps.sh installs it"
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert re.search(r"\d+ translated messages?\.", report), report
    assert "untranslated" not in report, report
    assert "fuzzy" not in report, report
    assert "warning" not in report, report


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_header_declares_the_language_and_its_plural_forms(language):
    fields = header(language)
    assert fields["Language"] == language
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert f"nplurals={NPLURALS[language]};" in fields["Plural-Forms"]
    for entry in catalogue(language):
        if entry.msgid_plural is not None:
            assert sorted(entry.msgstr) == list(range(NPLURALS[language])), entry.msgid


# --- (b) placeholders -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_placeholder_of_a_msgid_is_kept_in_its_translations(language):
    problems = []
    for entry in catalogue(language):
        wanted = placeholders(entry.msgid)
        if entry.msgid_plural is not None:
            # A form may drop the number only if the English singular drops it too.
            plural = placeholders(entry.msgid_plural)
            wanted = (sorted(set(wanted[0]) | set(plural[0])), plural[1], plural[2])
        for text in entry.translations:
            got = placeholders(text)
            if (sorted(set(got[0])), got[1], got[2]) != (sorted(set(wanted[0])), *wanted[1:]):
                problems.append((entry.msgid, text))
            if text.count("%%") != entry.msgid.count("%%"):
                problems.append((entry.msgid, text))
    assert not problems, f"{language}: placeholders differ in {problems[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_html_tags_are_kept(language):
    tag = re.compile(r"</?[a-z][^>]*>")
    problems = [
        (e.msgid, t)
        for e in catalogue(language)
        for t in e.translations
        if sorted(tag.findall(t)) != sorted(tag.findall(e.msgid))
    ]
    assert not problems, problems[:10]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_translations_are_written_in_the_language(language):
    """Not a copy of the English: every message with words has Cyrillic (Kazakh letters for the
    Kazakh ones that need them are checked on the pages below)."""
    english_kept = {"Bagalau", "%(servant)s: %(reason)s"}
    untranslated_looking = [
        e.msgid
        for e in catalogue(language)
        if e.msgid not in english_kept
        and re.search(r"[A-Za-z]{3,}", NAMED.sub("", e.msgid))
        and not any(CYRILLIC.search(t) for t in e.translations)
    ]
    assert not untranslated_looking, untranslated_looking[:20]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_is_the_one_in_the_po_file(language):
    """gettext answers with the .po's text: compilemessages was run and nothing shadows us."""
    stale = []
    with translation.override(language):
        for entry in catalogue(language):
            if entry.msgid_plural is not None or entry.msgctxt is not None:
                continue
            if gettext(entry.msgid) != entry.msgstr[0]:
                stale.append(entry.msgid)
    assert not stale, f"run compilemessages: {stale[:10]}"


def test_russian_plural_forms_follow_the_number():
    singular = "%(n)s result awaits your acknowledgement."
    plural = "%(n)s results await your acknowledgement."
    with translation.override("ru"):
        texts = {n: ngettext(singular, plural, n) % {"n": n} for n in (1, 3, 5, 11, 21, 22, 25)}
    assert texts[1] == "1 результат ожидает вашего ознакомления."
    assert texts[21].startswith("21 результат ")
    assert texts[3].startswith("3 результата ")
    assert texts[22].startswith("22 результата ")
    for n in (5, 11, 25):
        assert texts[n].startswith(f"{n} результатов "), texts[n]
    with translation.override("kk"):
        one, many = (ngettext(singular, plural, n) % {"n": n} for n in (1, 5))
    assert one == "Сіздің танысуыңызды 1 нәтиже күтуде."
    assert many == "Сіздің танысуыңызды 5 нәтиже күтуде."


# --- (c) the pages --------------------------------------------------------------------------------


def page(client: Client, path: str, language: str | None) -> str:
    if language is not None:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


LOGIN_WORDS = {
    "kk": (["Кіру", "Логин", "Құпиясөз", "қатаң құпия"], 'lang="kk"'),
    "ru": (["Войти", "Логин", "Пароль", "строго конфиденциальной"], 'lang="ru"'),
}
LOGIN_ENGLISH = ["Log in", "Username", "Password", "strictly confidential"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_login_page_speaks_the_chosen_language(client, language):
    html = page(client, reverse("login"), language)
    words, lang = LOGIN_WORDS[language]
    assert lang in html
    for word in words:
        assert word in html, word
    for word in LOGIN_ENGLISH:
        assert word not in html, word


@pytest.mark.django_db
def test_a_wrong_password_is_told_in_kazakh(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    response = client.post(reverse("login"), {"username": "nobody", "password": "wrong"})
    html = response.content.decode()
    assert "Логин немесе құпиясөз қате." in html
    assert "The username or the password is wrong." not in html


@pytest.mark.django_db
def test_without_a_cookie_the_login_page_is_in_kazakh_whatever_the_browser_asks(client, settings):
    settings.LANGUAGE_CODE = "kk"
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert 'lang="kk"' in html
    assert "Құпиясөз" in html
    assert "Password" not in html


DASHBOARD_WORDS = {
    "kk": ["Басты бет", "Шығу", "Бағалау нәтижелері қатаң құпия", "Хабарламалар"],
    "ru": ["Главная", "Выйти", "Результаты оценки являются строго", "Уведомления"],
}
DASHBOARD_ENGLISH = [
    "Dashboard",
    "Log out",
    "Main menu",
    "Notifications",
    "Evaluation results are strictly confidential",
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("who", ["hr_head", "a_staff1"])
def test_the_dashboard_speaks_the_chosen_language(client, world, language, who):
    client.force_login(getattr(world, f"{who}_user"))
    html = page(client, reverse("home"), language)
    assert f'lang="{language}"' in html
    for word in DASHBOARD_WORDS[language]:
        assert word in html, word
    for word in DASHBOARD_ENGLISH:
        assert word not in html, word
    if language == "kk":
        assert KAZAKH_LETTERS.search(html)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_menu_uses_the_glossary(client, world, language):
    """The HR head's menu: work plans, evaluations, structure in the glossary's words."""
    client.force_login(world.hr_head_user)
    html = page(client, reverse("home"), language)
    menu = re.search(r'<nav class="menu".*?</nav>', html, re.S)
    assert menu, "no main menu"
    expected = {
        "kk": ["Жеке жұмыс жоспарлары", "Құрылым"],
        "ru": ["Индивидуальные планы работы", "Структура"],
    }[language]
    for word in expected:
        assert word in menu.group(0), word
    assert not re.search(r">\s*(Work plans|Structure|Evaluations|Calibration)\s*<", menu.group(0))


# --- (d) the engine's error templates (N_) --------------------------------------------------------


def engine_error() -> MethodologyError:
    """A real engine refusal: seven KPIs in an sjc-2023 work plan (p.23 allows 3 to 5)."""
    rules = sjc2023_rules(get_edition("sjc-2023"))
    with pytest.raises(MethodologyError) as caught:
        check_kpi_count(rules, 7)
    return caught.value


def test_an_engine_error_is_shown_in_kazakh():
    error = DomainError.from_methodology(engine_error(), "plan")
    with translation.override("kk"):
        message = error.message
    assert message == "жеке жұмыс жоспарындағы НМИ саны 3 – 5 болады (23-тармақ), ал берілгені: 7"
    assert KAZAKH_LETTERS.search(message)
    assert "work plan" not in message
    assert error.field.startswith("plan")


def test_an_engine_error_is_shown_in_russian():
    error = DomainError.from_methodology(engine_error(), "plan")
    with translation.override("ru"):
        message = error.message
    assert message == "в индивидуальном плане работы от 3 до 5 КЦИ (п. 23), а не 7"
    with translation.override("en"):
        assert error.message == "a work plan has from 3 to 5 KPIs (p.23), not 7"


def engine_templates() -> set[str]:
    """The msgids marked ``N_("...")`` in bagalau/methodology (catalogues carry no locations)."""
    found: set[str] = set()
    for source in (Path(settings.BASE_DIR) / "bagalau" / "methodology").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "N_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_engine_template_is_translated(language):
    """Every N_ message of bagalau/methodology has its own text in the language."""
    engine = engine_templates()
    assert len(engine) > 40, "the engine's N_ templates were not found"
    msgids = {e.msgid for e in catalogue(language)}
    assert not engine - msgids, sorted(engine - msgids)[:10]
    with translation.override(language):
        same = [msgid for msgid in engine if gettext(msgid) == msgid]
    assert not same, same[:10]


def test_a_calculator_error_in_the_json_body_is_translated():
    """The shape shared with the API: {"error": {"field", "message"}} in the active language."""
    error = DomainError.from_methodology(
        MethodologyError(
            "kpis[0].score", "a score lies between %(low)s and %(high)s", low=0, high=5
        )
    )
    with translation.override("kk"):
        body = error.as_dict()
    assert body == {
        "error": {"field": "kpis[0].score", "message": "баға 0 – 5 аралығында болуы тиіс"}
    }


# --- (d) Django's own field errors ----------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_djangos_field_errors_that_its_kazakh_catalogue_lacks_are_ours(language):
    """A text or a number past its field's bounds is refused in the reader's language: the
    messages of Django's validators its Kazakh catalogue leaves in English are in ours
    (`bagalau.core.django_messages`), word for word as Django raises them."""
    cases = [
        (MinLengthValidator(5), "abc"),
        (MaxLengthValidator(3), "abcdef"),
        (DecimalValidator(4, 2), Decimal("123.4")),
        (DecimalValidator(4, 2), Decimal("1.234")),
        (DecimalValidator(4, 2), Decimal("12345")),
    ]
    texts = []
    with translation.override(language):
        for validator, value in cases:
            with pytest.raises(ValidationError) as refused:
                validator(value)
            texts.extend(refused.value.messages)
    assert len(texts) == len(DJANGO_MESSAGES)
    for text in texts:
        assert CYRILLIC.search(text), text
        assert not re.search(r"[A-Za-z]{3,}", text), text
        assert "%(" not in text, text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_api_fields_refusals_that_their_kazakh_catalogue_writes_in_english_are_ours(
    language,
):
    """DRF's Kazakh catalogue says "Date" and "Datetime" in English and Django's has no text for
    a NUL: the API's refusals read in the reader's language (`FIELD_MESSAGES`)."""
    cases = [
        (drf_serializers.DateField(), "2026-13-45"),
        (drf_serializers.DateTimeField(), "yesterday"),
        (drf_serializers.DateTimeField(), "9999-12-31T23:00:00-05:00"),
        (drf_serializers.CharField(), "a\x00b"),
    ]
    texts = []
    with translation.override(language):
        for field_, value in cases:
            with pytest.raises(drf_serializers.ValidationError) as refused:
                field_.run_validation(value)
            texts.extend(str(detail) for detail in refused.value.detail)
    assert len(texts) == len(FIELD_MESSAGES)
    for text in texts:
        words = re.sub(r"YYYY\S*|\bNUL\b", "", text)
        assert CYRILLIC.search(text), text
        assert not re.search(r"[A-Za-z]{3,}", words), text
