"""`{% unit_options %}` (issue 12 item 3): the options of a unit filter, written at once, as the
template loop wrote them: a dot per level, the name escaped, the chosen unit selected."""

from __future__ import annotations

from django.template import Context, Template
from django.utils import translation

from bagalau.org.models import Unit

LOOP = (
    '{% for unit, depth in units %}<option value="{{ unit.pk }}"'
    "{% if chosen == unit.pk %} selected{% endif %}>"
    '{% for _ in ""|center:depth %}· {% endfor %}{{ unit.name }}</option>{% endfor %}'
)
TAG = "{% load pickers %}{% unit_options units chosen %}"


def test_the_options_are_the_template_loops():
    units = [
        (Unit(pk=1, name_kk="Аппарат", name_en="Office"), 0),
        (Unit(pk=7, name_kk="Бөлім <A&B>", name_en='"Quoted" <dept>'), 1),
        (Unit(pk=12, name_kk="Сектор", name_en=""), 2),
    ]
    for chosen in (None, 7, 99):
        for language in ("kk", "en"):
            context = {"units": units, "chosen": chosen}
            with translation.override(language):
                assert Template(TAG).render(Context(context)) == Template(LOOP).render(
                    Context(context)
                )
    with translation.override("en"):
        shown = Template(TAG).render(Context({"units": units, "chosen": 7}))
    assert '<option value="7" selected>· &quot;Quoted&quot; &lt;dept&gt;</option>' in shown
    assert '<option value="12">· · Сектор</option>' in shown
