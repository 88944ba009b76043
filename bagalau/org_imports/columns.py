"""The sheets and columns of the structure import file, stated once: the template, the
instructions sheet and the reader all use them. Sheets and column headers carry fixed codes
(the same whatever the user's language); each is explained in Kazakh, Russian and English."""

from __future__ import annotations

from dataclasses import dataclass

from bagalau.core import bounds

TEXT, CODE, DATE, FLAG, NUMBER, CHOICE = "text", "code", "date", "flag", "number", "choice"


@dataclass(frozen=True)
class Column:
    """A column: its header code, kind of value, limit, whether it must be filled, and what it
    means in kk/ru/en."""

    key: str
    kind: str
    required: bool
    kk: str
    ru: str
    en: str
    limit: int = bounds.TITLE


@dataclass(frozen=True)
class Sheet:
    """A sheet of the file and its columns."""

    key: str
    kk: str
    ru: str
    en: str
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        """The column with this header code."""
        return next(c for c in self.columns if c.key == key)


def _names() -> tuple[Column, ...]:
    return (
        Column(
            "name_kk", TEXT, True, "Атауы қазақ тілінде", "Название на казахском", "Name in Kazakh"
        ),
        Column(
            "name_ru", TEXT, False, "Атауы орыс тілінде", "Название на русском", "Name in Russian"
        ),
        Column(
            "name_en",
            TEXT,
            False,
            "Атауы ағылшын тілінде",
            "Название на английском",
            "Name in English",
        ),
    )


_ORDER = Column(
    "order",
    NUMBER,
    False,
    "Реттік нөмірі (0, 1, 2…)",
    "Порядковый номер (0, 1, 2…)",
    "Place among its siblings (0, 1, 2…)",
)
_PERSON = Column(
    "personnel_number",
    CODE,
    True,
    "Қызметшінің табель нөмірі",
    "Табельный номер служащего",
    "The servant's personnel number",
    bounds.CODE,
)

UNITS = Sheet(
    "units",
    "Құрылымдық бөлімшелер",
    "Структурные подразделения",
    "Structural units",
    (
        Column(
            "code",
            CODE,
            True,
            "Бөлімшенің тұрақты коды (файлда бірегей)",
            "Постоянный код подразделения (уникален в файле)",
            "The unit's stable code (unique in the file)",
            bounds.CODE,
        ),
        *_names(),
        Column(
            "parent_code",
            CODE,
            False,
            "Жоғары тұрған бөлімшенің коды (аппарат үшін бос)",
            "Код вышестоящего подразделения (пусто для аппарата)",
            "Code of the unit above (empty for the apparatus)",
            bounds.CODE,
        ),
        _ORDER,
    ),
)

POSITIONS = Sheet(
    "positions",
    "Лауазымдар",
    "Должности",
    "Positions",
    (
        Column(
            "code",
            CODE,
            True,
            "Лауазымның тұрақты коды (файлда бірегей)",
            "Постоянный код должности (уникален в файле)",
            "The position's stable code (unique in the file)",
            bounds.CODE,
        ),
        Column(
            "unit_code",
            CODE,
            True,
            "Бөлімшенің коды",
            "Код подразделения",
            "The unit's code",
            bounds.CODE,
        ),
        *_names(),
        Column(
            "category",
            CODE,
            False,
            "Санаты (B-1, C-O-2, D-4…; бағаланбайтын лауазым үшін бос)",
            "Категория (B-1, C-O-2, D-4…; пусто для неоцениваемой должности)",
            "Category (B-1, C-O-2, D-4…; empty for a post that is not evaluated)",
            10,
        ),
        Column(
            "heads_unit",
            FLAG,
            False,
            "Бөлімшені басқарады: иә / жоқ",
            "Возглавляет подразделение: да / нет",
            "Heads the unit: yes / no",
        ),
        Column(
            "provides_services",
            FLAG,
            False,
            "Мемлекеттік қызмет көрсетеді: иә / жоқ",
            "Оказывает государственные услуги: да / нет",
            "Provides public services: yes / no",
        ),
        Column(
            "method_override",
            CHOICE,
            False,
            "Бағалау әдісі санатқа қарамастан: kpi / differentiation (әдетте бос)",
            "Метод оценки вопреки категории: kpi / differentiation (обычно пусто)",
            "Evaluation method against the category: kpi / differentiation (usually empty)",
        ),
        Column(
            "method_override_reason",
            TEXT,
            False,
            "Әдіс неге өзгертілді",
            "Почему метод изменён",
            "Why the method is overridden",
            500,
        ),
        _ORDER,
    ),
)

SERVANTS = Sheet(
    "servants",
    "Қызметшілер",
    "Служащие",
    "Servants",
    (
        _PERSON,
        Column("last_name", TEXT, True, "Тегі", "Фамилия", "Surname", bounds.PERSON_NAME),
        Column("first_name", TEXT, True, "Аты", "Имя", "First name", bounds.PERSON_NAME),
        Column(
            "patronymic", TEXT, False, "Әкесінің аты", "Отчество", "Patronymic", bounds.PERSON_NAME
        ),
        Column("email", TEXT, False, "Электрондық пошта", "Электронная почта", "E-mail", 254),
    ),
)

ASSIGNMENTS = Sheet(
    "assignments",
    "Тағайындаулар",
    "Назначения",
    "Assignments",
    (
        _PERSON,
        Column(
            "position_code",
            CODE,
            True,
            "Лауазымның коды",
            "Код должности",
            "The position's code",
            bounds.CODE,
        ),
        Column(
            "start",
            DATE,
            True,
            "Тағайындалған күні (31.12.2026)",
            "Дата назначения (31.12.2026)",
            "First day in the post (31.12.2026)",
        ),
        Column(
            "end",
            DATE,
            False,
            "Соңғы күні (қазір атқарса бос)",
            "Последний день (пусто, если занимает сейчас)",
            "Last day (empty while held)",
        ),
        Column(
            "kind",
            CHOICE,
            False,
            "appointment (тағайындау) / transfer (ауыстыру)",
            "appointment (назначение) / transfer (перевод)",
            "appointment / transfer",
        ),
        Column(
            "end_reason",
            CHOICE,
            False,
            "transfer (ауыстырылды) / dismissal (босатылды)",
            "transfer (переведён) / dismissal (уволен)",
            "transfer / dismissal",
        ),
        Column(
            "probation_until",
            DATE,
            False,
            "Сынақ мерзімінің соңы",
            "Конец испытательного срока",
            "End of the probation",
        ),
    ),
)

ABSENCES = Sheet(
    "absences",
    "Болмаған кезеңдер",
    "Отсутствия",
    "Absences",
    (
        _PERSON,
        Column(
            "kind",
            CHOICE,
            True,
            "annual_leave / social_leave / sick_leave / business_trip / internship / retraining / "
            "training",
            "annual_leave / social_leave / sick_leave / business_trip / internship / retraining / "
            "training",
            "annual_leave / social_leave / sick_leave / business_trip / internship / retraining / "
            "training",
        ),
        Column("start", DATE, True, "Бірінші күні", "Первый день", "First day"),
        Column("end", DATE, True, "Соңғы күні", "Последний день", "Last day"),
        Column("note", TEXT, False, "Ескертпе", "Примечание", "Note"),
    ),
)

SHEETS = (UNITS, POSITIONS, SERVANTS, ASSIGNMENTS, ABSENCES)
