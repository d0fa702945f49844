"""Import paper SKM answers from an XLSX/CSV file (the columns of skm-sample.csv), all or
nothing: ``manage.py import_skm FILE --agency SLUG --unit CODE``."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_scopes import scope

from binaasn.citizens import imports
from binaasn.citizens.models import ServiceUnit
from binaasn.citizens.services import skm as skm_services
from binaasn.core.models import Agency


class Command(BaseCommand):
    help = "Import SKM answers for one service unit; nothing is written if any row is wrong."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--agency", required=True, help="agency slug")
        parser.add_argument("--unit", required=True, help="public code of the service unit")

    def handle(self, *args, file, agency, unit, **options):
        agency_obj = Agency.objects.filter(slug=agency).first()
        if agency_obj is None:
            raise CommandError(f"unknown agency {agency!r}")
        with scope(agency=agency_obj):
            unit_obj = (
                ServiceUnit.objects.for_agency(agency_obj)
                .filter(public_code=unit.strip().upper())
                .first()
            )
            if unit_obj is None:
                raise CommandError(f"unknown service unit {unit!r} in {agency}")
            try:
                parsed = imports.parse_skm_file(file)
            except FileNotFoundError:
                raise CommandError(f"file not found: {file}") from None
            if parsed.errors:
                for error in parsed.errors:
                    self.stderr.write(str(error))
                self.stdout.write(f"imported=0 rejected={parsed.rejected_rows}")
                raise SystemExit(1)
            with transaction.atomic():
                count = skm_services.import_responses(unit_obj, parsed.rows, file_name=str(file))
        self.stdout.write(f"imported={count} rejected=0")
