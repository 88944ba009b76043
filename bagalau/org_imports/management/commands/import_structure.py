"""`bagalau manage import_structure FILE [--dry-run] [--organisation ID] [--user LOGIN]`: the
structure import of the web page from the command line: the same checks, the same single
transaction, the same audit. With --user it is made as that HR member (and refused to anyone
else); without, as the system (the server's operator), audited without an actor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404
from django.utils.translation import gettext

from bagalau.core.errors import DomainError
from bagalau.jobs.registry import JobFailed
from bagalau.org.models import Organisation
from bagalau.org_imports.reading import MAX_BYTES
from bagalau.org_imports.services import structure_import


class Command(BaseCommand):
    help = "Import units, positions, servants, assignments and absences from an XLSX file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the XLSX file (see the template on the import page)")
        parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        parser.add_argument(
            "--organisation", type=int, help="the organisation's id (needed when there are several)"
        )
        parser.add_argument("--user", help="login of the HR member the import is made as")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        if path.stat().st_size > MAX_BYTES:
            raise CommandError(f"{path}: larger than {MAX_BYTES // (1024 * 1024)} MB")
        user = None
        if options["user"] is not None:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"no user {options['user']!r}")
        organisations = Organisation.objects.order_by("pk")
        if options["organisation"] is not None:
            organisations = organisations.filter(pk=options["organisation"])
        if organisations.count() != 1:
            raise CommandError("name the organisation with --organisation ID")
        organisation = organisations.get()
        try:
            outcome = structure_import(
                actor=user,
                organisation=organisation,
                data=path.read_bytes(),
                dry_run=options["dry_run"],
            )
        except JobFailed as failure:
            for error in failure.errors:
                text = gettext(error["template"])
                message = text % error["params"] if error["params"] else text
                where = ", ".join(
                    str(part) for part in (error["sheet"], error["row"], error["column"]) if part
                )
                self.stderr.write(f"{where}: {message}" if where else message)
            raise CommandError(f"{len(failure.errors)} problem(s); nothing was written") from None
        except DomainError as error:
            raise CommandError(error.message) from None
        except (PermissionDenied, Http404):
            raise CommandError(f"{options['user']} may not import the structure") from None
        verb = "would be" if outcome["dry_run"] else "were"
        for sheet, counts in outcome["counts"].items():
            self.stdout.write(
                f"{sheet}: {counts.get('created', 0)} created, {counts.get('updated', 0)} "
                f"updated, {counts.get('unchanged', 0)} unchanged ({verb})"
            )
