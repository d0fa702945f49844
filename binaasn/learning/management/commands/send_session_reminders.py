from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from binaasn.learning.services.offerings import send_session_reminders


class Command(BaseCommand):
    help = "Remind enrolled participants of tomorrow's sessions (run once a day, e.g. from cron)."

    def handle(self, *args, **options):
        sent = send_session_reminders()
        self.stdout.write(_("%(n)d reminders sent.") % {"n": sent})
