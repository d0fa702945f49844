"""``manage.py demo_logins``: the table of demo logins (agency, role, username, password)."""

from django.core.management.base import BaseCommand
from django_scopes import scopes_disabled

from binaasn.core.demo import demo_logins

HEADERS = ("Instansi", "Peran", "Nama pengguna", "Kata sandi")
ROLE_NAMES = {"admin": "admin", "operator": "operator", "leader": "pimpinan",
              "trainer": "pelatih", "employee": "pegawai (ASN)"}  # fmt: skip


class Command(BaseCommand):
    help = "Print the demo logins: agency, role, username and password."

    def handle(self, *args, **options):
        with scopes_disabled():
            rows = [
                (slug, ROLE_NAMES.get(role, role), username, password)
                for slug, role, username, password in demo_logins()
            ]
        if not rows:
            self.stdout.write("No demo logins. Run `manage.py seed_demo` first.")
            return
        widths = [max(len(str(r[i])) for r in [HEADERS, *rows]) for i in range(len(HEADERS))]
        line = "  ".join(f"{{:<{w}}}" for w in widths)
        self.stdout.write("Login demo BinaASN:")
        self.stdout.write(line.format(*HEADERS))
        self.stdout.write(line.format(*("-" * w for w in widths)))
        for row in rows:
            self.stdout.write(line.format(*row))
