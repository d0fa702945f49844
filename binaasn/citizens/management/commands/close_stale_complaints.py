"""Close responded complaints whose 10 days without a reply have passed (run daily)."""

from django.core.management.base import BaseCommand

from binaasn.citizens.services.complaints import close_stale_complaints


class Command(BaseCommand):
    help = "Close responded complaints with no reply from the complainant for 10 days."

    def handle(self, *args, **options):
        closed = close_stale_complaints()
        self.stdout.write(f"closed={closed}")
