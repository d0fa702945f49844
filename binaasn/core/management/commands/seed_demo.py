"""``manage.py seed_demo``: the demo agencies, their people and one login per role.

Running it again creates nothing new and changes nothing; ``--if-empty`` seeds only a database
without any agency (``make run`` uses it). The steps are listed in binaasn/core/demo.py.
"""

from django.core.management.base import BaseCommand
from django_scopes import scopes_disabled

from binaasn.core import demo
from binaasn.core.models import Agency


class Command(BaseCommand):
    help = "Create the demo agencies (Gorontalo, Candisari, Kutacane) with people and logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Seed only when no agency exists yet."
        )

    def handle(self, *args, if_empty=False, **options):
        with scopes_disabled():
            if if_empty and Agency.objects.exists():
                self.stdout.write("Agencies exist already; demo data not seeded.")
                return
            report = demo.seed_demo()
        for slug, steps in report.items():
            done = ", ".join(f"{step}: {_describe(result)}" for step, result in steps.items())
            self.stdout.write(f"{slug}: {done}")
        self.stdout.write(
            self.style.SUCCESS("Demo data ready. `manage.py demo_logins` lists the logins.")
        )


def _describe(result):
    if result is None:
        return "-"
    if hasattr(result, "__dataclass_fields__"):
        return " ".join(f"{name}+{getattr(result, name)}" for name in result.__dataclass_fields__)
    return f"+{result}"
