"""Django's own validation messages that its Kazakh catalogue leaves untranslated (Django 5's
``conf/locale/kk``), named here so that our `makemessages` keeps them in ``locale/kk`` and
``locale/ru``: our catalogue comes first (``LOCALE_PATHS``), so a reader never meets a field's
error in English. Nothing calls these; each text is Django's to the letter (a test checks that
Django's validators answer them translated)."""

from django.utils.translation import ngettext_lazy

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
