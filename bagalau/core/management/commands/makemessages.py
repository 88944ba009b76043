"""makemessages that also extracts ``N_("...")``: the engine's and the services' error templates,
marked without translating (they are translated when shown).

The catalogues are written sorted by msgid and without source locations, so that two branches adding
messages touch different lines of `django.po` and merge without conflicts.
"""

from typing import Any

from django.core.management.commands import makemessages

SORTED = "--sort-output"


class Command(makemessages.Command):
    """Django's makemessages plus the N_ keyword, sorted, without locations."""

    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=N_", SORTED]
    msguniq_options = [*makemessages.Command.msguniq_options, SORTED]
    msgmerge_options = [*makemessages.Command.msgmerge_options, SORTED]
    msgattrib_options = [*makemessages.Command.msgattrib_options, SORTED]

    def handle(self, *args: Any, **options: Any) -> None:
        options["no_location"] = True
        super().handle(*args, **options)
