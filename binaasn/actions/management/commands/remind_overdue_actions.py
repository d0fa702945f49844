"""E-mail the owners of overdue follow-up actions (run daily from cron or a scheduler)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from binaasn.actions.services import send_overdue_reminders


class Command(BaseCommand):
    help = "E-mail the owners of overdue follow-up actions (once a day per owner)."

    def handle(self, *args, **options):
        sent = send_overdue_reminders()
        self.stdout.write(_("reminders sent: %(n)d") % {"n": sent})
