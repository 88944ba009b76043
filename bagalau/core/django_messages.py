"""Django's and Django REST framework's own validation messages that their Kazakh catalogues
leave in English (Django 5's ``conf/locale/kk``; DRF's kk writes "Date" and "Datetime" in
English), named here so that our `makemessages` keeps them in ``locale/kk`` and ``locale/ru``:
our catalogue comes first (``LOCALE_PATHS``), so a reader never meets a field's error in
English. Nothing calls these; each text is the library's to the letter (a test checks that the
validators and fields answer them translated)."""

from django.utils.translation import gettext_noop, ngettext_lazy

#: Refusals of the API's fields (DRF) and of a text holding a NUL (Django, page and API alike).
FIELD_MESSAGES = (
    gettext_noop("Null characters are not allowed."),
    gettext_noop("Date has wrong format. Use one of these formats instead: {format}."),
    gettext_noop("Datetime has wrong format. Use one of these formats instead: {format}."),
    gettext_noop("Datetime value out of range."),
)

DJANGO_MESSAGES = (
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
        "max",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s decimal place.",
        "Ensure that there are no more than %(max)s decimal places.",
        "max",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit before the decimal point.",
        "Ensure that there are no more than %(max)s digits before the decimal point.",
        "max",
    ),
)
