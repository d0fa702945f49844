"""Print the IKM of an agency or one service unit for a period:
``manage.py ikm --agency SLUG [--unit CODE] --period YYYY|YYYY-S1|YYYY-S2|FROM:TO``.

One line per unsur ``U1 <NRR>`` … ``U9 <NRR>`` (NRR exact, rounded half-up to 3 decimals), then
``IKM <converted, 2 decimals> <mutu>``.
"""

from django.core.management.base import BaseCommand, CommandError
from django_scopes import scope

from binaasn.citizens import ikm, periods, queries
from binaasn.citizens.models import ServiceUnit
from binaasn.core.models import Agency


class Command(BaseCommand):
    help = "Print NRR per unsur and the converted IKM with its mutu letter."

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="agency slug")
        parser.add_argument(
            "--unit", help="public code of a service unit (default: the whole agency)"
        )
        parser.add_argument(
            "--period", required=True, help="YYYY, YYYY-S1, YYYY-S2 or YYYY-MM-DD:YYYY-MM-DD"
        )
        parser.add_argument(
            "--method", choices=ikm.METHODS, help="override the agency's IKM method"
        )

    def handle(self, *args, agency, unit, period, method, **options):
        agency_obj = Agency.objects.filter(slug=agency).first()
        if agency_obj is None:
            raise CommandError(f"unknown agency {agency!r}")
        try:
            chosen = periods.parse_period(period)
        except ValueError as error:
            raise CommandError(str(error)) from None
        with scope(agency=agency_obj):
            unit_obj = None
            if unit:
                unit_obj = (
                    ServiceUnit.objects.for_agency(agency_obj)
                    .filter(public_code=unit.strip().upper())
                    .first()
                )
                if unit_obj is None:
                    raise CommandError(f"unknown service unit {unit!r} in {agency}")
            method = method or queries.ikm_method(agency_obj)
            result = queries.totals(agency_obj, chosen.start, chosen.end, unit_obj).result(method)
        if result is None:
            raise CommandError(f"no answers in {chosen.key}")
        for element, value in zip(ikm.ELEMENTS, result.nrr_display(3), strict=True):
            self.stdout.write(f"{element.code} {value}")
        self.stdout.write(f"IKM {result.converted} {result.mutu}")
