"""``manage.py demo_logins``: the table of demo logins (agency, role, username, password)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from binaasn.core.demo import demo_logins
from binaasn.core.models import Role


class Command(BaseCommand):
    help = "Print the demo logins: agency, role, username and password."

    def handle(self, *args, **options):
        with scopes_disabled():
            rows = [
                (slug, str(Role(role).label), username, password)
                for slug, role, username, password in demo_logins()
            ]
        if not rows:
            self.stdout.write(_("No demo logins yet: run `manage.py seed_demo` first."))
            return
        headers = (_("Agency"), _("Role"), _("Username or NIP"), _("Password"))
        widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
        line = "  ".join(f"{{:<{w}}}" for w in widths)
        self.stdout.write(_("BinaASN demo logins:"))
        self.stdout.write(line.format(*headers).rstrip())
        self.stdout.write(line.format(*("-" * w for w in widths)))
        for row in rows:
            self.stdout.write(line.format(*row).rstrip())
