"""``manage.py import_employees FILE --agency SLUG [--dry-run] [--create-units]``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django_scopes import scope, scopes_disabled

from binaasn.core.models import Agency
from binaasn.people.importer import run_import


class Command(BaseCommand):
    help = "Import employees from a SIASN-style CSV or XLSX file (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV or XLSX file")
        parser.add_argument("--agency", required=True, help="slug of the agency")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument(
            "--create-units",
            action="store_true",
            help="create the units and positions the file names that do not exist yet",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        with scopes_disabled():
            agency = Agency.objects.filter(slug=options["agency"]).first()
        if agency is None:
            raise CommandError(f"No agency with slug {options['agency']!r}")
        with scope(agency=agency):
            result = run_import(
                agency,
                path,
                path.name,
                dry_run=options["dry_run"],
                create_units=options["create_units"],
            )
        self.stdout.write(result.summary_line())
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{result.rejected} row(s) rejected; nothing was written.", returncode=1
            )
