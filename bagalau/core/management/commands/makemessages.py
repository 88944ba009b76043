"""makemessages that also extracts ``N_("...")``: the engine's and the services' error templates,
marked without translating (they are translated when shown)."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    """Django's makemessages plus the N_ keyword."""

    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=N_"]
