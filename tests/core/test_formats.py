"""Issue 13 item 9: dates read and are typed dd.mm.yyyy in Kazakh and Russian; a number reads the
same in every language, with a decimal point (config/formats)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import formats, translation

DAY = dt.date(2026, 11, 24)
MOMENT = dt.datetime(2026, 11, 24, 9, 5)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_date_reads_dd_mm_yyyy_in_kazakh_and_russian(language):
    with translation.override(language):
        assert formats.date_format(DAY) == "24.11.2026"
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == "24.11.2026"
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == "24.11.2026 09:05"
        assert Template("{{ day }}").render(Context({"day": DAY})) == "24.11.2026"


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("typed", ["24.11.2026", "24.11.26", "2026-11-24"])
def test_a_date_typed_dd_mm_yyyy_or_sent_by_a_date_input_is_read(language, typed):
    with translation.override(language):
        assert forms.DateField().clean(typed) == DAY


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_date_typed_the_american_way_is_refused_in_kazakh_and_russian(language):
    with translation.override(language), pytest.raises(ValidationError):
        forms.DateField().clean("11/24/2026")


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_date_input_without_a_format_keeps_the_iso_value_the_browser_needs(language):
    """`<input type="date">` takes yyyy-mm-dd only (it shows it the reader's way); a widget
    without a format writes the first input format, which is therefore ISO."""
    widget = forms.DateInput(attrs={"type": "date"})
    with translation.override(language):
        assert 'value="2026-11-24"' in widget.render("day", DAY)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_number_reads_the_same_in_every_language(language):
    with translation.override(language):
        assert formats.localize(Decimal("4.87")) == "4.87"
        assert formats.localize(Decimal("3.50")) == "3.50"
        assert Template("{{ score }}").render(Context({"score": Decimal("3.50")})) == "3.50"
        assert forms.DecimalField(localize=True).clean("4.87") == Decimal("4.87")
